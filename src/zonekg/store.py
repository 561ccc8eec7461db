"""The persistent Oxigraph store the build writes beside its RDF files (``build/oxigraph/``).

Layout, the same for every reader and for remote stores the graph is pushed to:

- one named graph per source, the ontology graph and (after reasoning) the inferred graph;
- the **default graph holds the union** of the source and ontology graphs (set semantics, so a
  resource shared by several sources is not counted twice), but not the inferred graph.

Queries therefore need no ``GRAPH`` clauses; ``--inferred`` adds the inferred graph to the
default graph of the query. Oxigraph's ``use_default_graph_as_union`` is avoided on purpose:
it counts a triple once per graph holding it (see docs/engine.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .namespaces import INFERRED_GRAPH

if TYPE_CHECKING:
    import pyoxigraph

#: The store's folder inside ``build/``.
STORE_DIR = "oxigraph"


def write_store(nquads: bytes, target: Path) -> None:
    """Create a new store in the folder ``target`` (which must not exist yet) from N-Quads."""
    import pyoxigraph as ox

    store = ox.Store(str(target))
    store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
    store.update(
        "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <%s>) }" % INFERRED_GRAPH
    )
    store.flush()
    store.optimize()
    del store


def open_store(path: Path) -> pyoxigraph.Store:
    """Open a store written by :func:`write_store`, read-only (several readers may share it)."""
    import pyoxigraph as ox

    return ox.Store.read_only(str(path))
