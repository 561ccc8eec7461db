"""The project's prefixes as plain strings, importable without rdflib: the query path (which
answers in a few hundred milliseconds) needs them, and rdflib alone takes longer than that to
import.  :mod:`zonekg.model.namespaces` builds its rdflib namespaces from these."""

from __future__ import annotations

__all__ = ["BASE", "DRAFTS_GRAPH_BASE", "INFERRED_GRAPH", "PREFIXES", "curie"]

BASE = "https://w3id.org/zonekg/"

#: Prefixes bound in every serialisation and accepted as CURIEs in fact sheets and queries.
PREFIXES: dict[str, str] = {
    "zo": BASE + "ontology#",
    "zk": BASE + "id/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "time": "http://www.w3.org/2006/time#",
    "oa": "http://www.w3.org/ns/oa#",
    "qb": "http://purl.org/linked-data/cube#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "schema": "https://schema.org/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "vann": "http://purl.org/vocab/vann/",
}

#: The named graph of what the reasoner inferred.
INFERRED_GRAPH = BASE + "graph/inferred"
#: The union of the source and ontology graphs as a graph of its own, in a store the build is pushed
#: to (``zonekg push``): a query there names it as its default graph (``default-graph-uri``, or the
#: store's own setting), as the build's store has that union in its default graph.
UNION_GRAPH = BASE + "graph/union"
#: Each source's unreviewed drafts go into ``DRAFTS_GRAPH_BASE + <source id>`` (``build --drafts``).
DRAFTS_GRAPH_BASE = BASE + "graph/drafts/"


def curie(iri: object) -> str:
    """An IRI as ``prefix:local`` with the project's prefixes, else as ``<iri>``: the one
    spelling used by cards, tables, reports, exports and the HTML view.  Give it the IRI's text
    (an rdflib URIRef is one; of a pyoxigraph NamedNode give ``.value``)."""
    text = str(iri)
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns):
            return f"{prefix}:{text[len(ns):]}"
    return f"<{text}>"
