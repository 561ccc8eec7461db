"""Merging the named graphs of a dataset into one plain graph: done in several places
(SHACL sees the sources, the view leaves out inferences), so done once here."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, URIRef


def merged(graph: Graph, exclude: Iterable[URIRef] = ()) -> Graph:
    """The graphs of a Dataset merged into one Graph, leaving out the named graphs in
    ``exclude``; a plain Graph is returned as it is."""
    if not hasattr(graph, "graphs"):
        return graph
    skip = set(exclude)
    out = Graph()
    for g in graph.graphs():
        if g.identifier not in skip:
            out.addN((s, p, o, out) for s, p, o in g)
    return out
