"""Between rdflib and pyoxigraph: terms and quads converted both ways, the build's one sort
order for quads, and the named graphs of a Dataset merged into one graph.

The build holds its graphs as pyoxigraph quads (fast to sort and write) and gives rdflib graphs
to the steps that need rdflib (SHACL, the reasoner, the view); these are the only conversions."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Identifier, Node

if TYPE_CHECKING:
    import pyoxigraph as ox

RdfQuad = tuple  # (s, p, o, graph IRI) of rdflib terms
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_ox(term):
    """An rdflib term as a pyoxigraph term. A blank node id that pyoxigraph would refuse is
    replaced by its SHA-1, the same every time."""
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        ident = str(term)
        safe = re.fullmatch(r"[A-Za-z0-9_]+", ident)
        return ox.BlankNode(ident if safe else hashlib.sha1(ident.encode()).hexdigest())
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox(term):
    """A pyoxigraph term as an rdflib term (the inverse of :func:`to_ox`). An ``xsd:string``
    comes back as a plain literal, as the build makes it, so that rdflib sees the same terms
    whether a graph was built now or read from the cache."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == _XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def term_key(term) -> tuple[int, str]:
    return (type(term).__name__ != "NamedNode", str(term))


def subject_key(text: str) -> tuple[int, str]:
    """:func:`term_key` of a subject from its text (``<iri>`` or ``_:id``, as ``str(term)`` gives it)."""
    return (text.startswith("_:"), text)


def to_quads(quads: Iterable[RdfQuad]) -> list[ox.Quad]:
    """rdflib (s, p, o, graph) tuples as pyoxigraph quads, distinct and sorted by graph, s, p, o."""
    import pyoxigraph as ox

    out = set()
    for s, p, o, g in quads:
        name = getattr(g, "identifier", g)
        graph = ox.DefaultGraph() if name is None or name == DATASET_DEFAULT_GRAPH_ID else to_ox(name)
        out.add(ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph))
    return sorted(out, key=lambda q: (term_key(q.graph_name), term_key(q.subject), term_key(q.predicate),
                                      term_key(q.object)))


def dataset_quads(dataset: Dataset) -> list[ox.Quad]:
    """Every quad of an rdflib Dataset, sorted (see :func:`to_quads`)."""
    return to_quads(dataset.quads((None, None, None, None)))


def ordered(nodes: Iterable[Node]) -> list[Identifier]:
    """rdflib terms sorted in rdflib's own order.  Every term a graph holds (IRI, blank node,
    literal) is an rdflib ``Identifier``, which sorts; rdflib's types say ``Node``, which does not."""
    return sorted(cast("Iterable[Identifier]", nodes))


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
