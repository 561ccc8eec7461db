"""zonekg: a knowledge graph of a Chinese economic development zone, every edge traceable to
the sentence it came from.

For notebooks: ``zonekg.query(name_or_text, **params)`` gives a pandas DataFrame,
``zonekg.store_graph()`` the built graph for the network picture (both read the build's store), and
``zonekg.load()`` an rdflib Dataset parsed from the build.  They import rdflib and pandas only when
called, so ``import zonekg`` stays light.
"""

from __future__ import annotations

__all__ = ["__version__", "load", "query", "store_graph"]

TYPE_CHECKING = False  # no ``typing`` import at start-up
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    import pandas as pd
    from rdflib import Dataset, Graph

    from zonekg.network.graph import StoreGraph

__version__ = "0.2.0"


def load(root: str | Path | None = None, inferred: bool = False) -> Dataset:
    """The built graph as an rdflib Dataset (all named graphs as one default graph), built first
    if missing or stale.  Parsed from build/zone.nq, for those who want rdflib's API (terms exactly
    as built); :func:`query` runs on the Oxigraph store and needs no ``load()``.

    Not converted from the store: Oxigraph normalises typed literals as it stores them
    (``xsd:nonNegativeInteger`` → ``xsd:integer``, ``"5.0"`` → ``"5"``), so the Dataset would no
    longer match zone.nq and the exports, and the conversion was no faster than the parse (it is
    rdflib's terms and indexes that cost; docs/engine.md#readers).

    ``inferred=True`` adds the inferred graph when the build wrote it.
    """
    from zonekg.store.parsed import read_graph

    return read_graph(_built_root(root), inferred=inferred)


def store_graph(root: str | Path | None = None) -> StoreGraph:
    """The build's store (built first if missing or stale) as the network code reads a graph:
    ``zonekg.network.graph.to_networkx(zonekg.store_graph())`` and ``statement_index`` give what they
    give from :func:`load`, without parsing build/zone.nq.  Its default graph: the sources and
    the ontology, no inferred triples.  Literals come as Oxigraph stores them (same values; see
    :class:`zonekg.network.graph.StoreGraph`)."""
    from zonekg.network.graph import StoreGraph

    return StoreGraph.of_build(_built_root(root))


def query(text_or_name: str, graph: Graph | None = None, root: str | Path | None = None,
          timeout: float = 30.0, inferred: bool = False, **params: Any) -> pd.DataFrame:
    """Run a named query (``"leading-industries"``), a .rq path or SPARQL text; keyword
    arguments are its parameters, bound as RDF terms.  Returns readable Python values (numbers
    by the one number rule: whole numbers as int, others as float).

    Runs on the build's store (built first if missing or stale); ``graph`` runs it on an rdflib
    graph instead.  Like ``zonekg query``: no FROM/SERVICE/LOAD, a time limit in seconds.  On the
    store, a warm worker answers (started at the first call, kept for the next ones: no fork and
    no opening of the store per query; docs/engine.md, "Workers").  A term the graph does not have
    as written (a typo, a retired term) is a warning of a :class:`zonekg.model.errors.TermWarning`
    class, naming what to use instead."""
    from pathlib import Path

    from zonekg.model import paths
    from zonekg.queries.answers import to_dataframe
    from zonekg.queries.engine import run, union_view
    from zonekg.queries.named import resolve

    if graph is not None:
        base = paths.project_root(Path(root) if root is not None else None)
        named = resolve(text_or_name, base)
        result = run(named, union_view(graph), params, timeout=timeout, inferred=inferred)
    else:
        from zonekg.queries.pool import shared_pool
        from zonekg.store.local import ensure_store

        base = _built_root(root)
        store = ensure_store(base)
        named = resolve(text_or_name, base)
        result = run(named, store, params, timeout=timeout, inferred=inferred, pool=shared_pool(store),
                     remember=store.parent)
    import warnings

    for note in result.notes:  # a typo or a retired term: zonekg.model.errors.TermWarning and its kinds
        warnings.warn(note.message(), note.category, stacklevel=2)
    return to_dataframe(result)


def _built_root(root: str | Path | None) -> Path:
    """The project root, after a build if its graph is missing or older than its inputs."""
    from pathlib import Path

    from zonekg.model import paths
    from zonekg.store.local import staleness

    base = paths.project_root(Path(root) if root is not None else None)
    if staleness(base) is not None:
        from zonekg.pipeline.run import run_build

        run_build(base)
    return base


def _keep_old_paths() -> None:
    """``import zonekg.analysis`` and the other module paths of 0.1 still work for one release
    (:mod:`zonekg.model.moved`)."""
    from zonekg.model.moved import install

    install()


_keep_old_paths()
