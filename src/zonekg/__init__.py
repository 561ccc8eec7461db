"""zonekg: a knowledge graph of a Chinese economic development zone, every edge traceable to
the sentence it came from.

For notebooks: ``zonekg.load()`` gives the built graph and ``zonekg.query(name_or_text, **params)``
a pandas DataFrame.  Both import rdflib and pandas only when called, so ``import zonekg`` stays light.
"""

from __future__ import annotations

TYPE_CHECKING = False  # no ``typing`` import at start-up
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    import pandas as pd
    from rdflib import Dataset, Graph

__version__ = "0.1.0"


def load(root: str | Path | None = None, inferred: bool = False) -> Dataset:
    """The built graph (all named graphs as one default graph), built first if missing or stale.

    ``inferred=True`` adds build/inferred.trig when the build wrote it.
    """
    from pathlib import Path

    from . import paths
    from .sparql import read_graph, staleness

    base = paths.project_root(Path(root) if root is not None else None)
    if staleness(base) is not None:
        from .pipeline import run_build

        run_build(base)
    return read_graph(base, inferred=inferred)


def query(text_or_name: str, graph: Graph | None = None, root: str | Path | None = None,
          **params: Any) -> pd.DataFrame:
    """Run a named query (``"leading-industries"``), a .rq path or SPARQL text; keyword
    arguments are its parameters, bound as RDF terms.  Returns readable Python values."""
    from pathlib import Path

    from . import paths
    from .sparql import resolve, run, to_dataframe, union_view

    base = paths.project_root(Path(root) if root is not None else None)
    named = resolve(text_or_name, base)
    target = union_view(graph) if graph is not None else load(base)
    return to_dataframe(run(named, target, params))
