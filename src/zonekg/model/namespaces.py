"""The project's IRIs in one place, so that every module mints them the same way.

Persistent namespace ``https://w3id.org/zonekg/``:

- ``ontology#``: classes and properties (prefix ``zo:``)
- ``id/``: entities, controlled vocabularies, times, statements (prefix ``zk:``)
- ``source/<source-id>``: a source document, its sentences and evidence spans
- ``graph/<source-id>``: the named graph holding what that source says
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import FOAF, ORG, PROV, QB, SDO, TIME, VANN

from zonekg.model import prefixes
from zonekg.model.generated_namespaces import ZKT, ZO
from zonekg.model.prefixes import BASE, PREFIXES

#: ``ZO`` (the ontology's classes and properties) and ``ZKT`` (its controlled terms) are closed:
#: generated from ontology/zone.ttl by ``python -m zonekg.model.vocab``, an unknown name raises.
#: ``ZK`` stays open: entities are minted from fact-sheet ids (``ZK["futian-zhilan"]``).
ZK = Namespace(PREFIXES["zk"])
ONTOLOGY_IRI = URIRef(BASE + "ontology")
ONTOLOGY_GRAPH = URIRef(BASE + "graph/ontology")
INFERRED_GRAPH = URIRef(prefixes.INFERRED_GRAPH)

#: rdflib's own closed namespaces where rdflib has one (ORG, PROV, QB, FOAF raise on an unknown
#: name; TIME, SDO and VANN warn); Web Annotation and ELI have none in rdflib, so they stay open.
SCHEMA = SDO
OA = Namespace(PREFIXES["oa"])
ELI = Namespace(PREFIXES["eli"])

__all__ = ["ELI", "FOAF", "INFERRED_GRAPH", "OA", "ONTOLOGY_GRAPH", "ONTOLOGY_IRI", "ORG", "PREFIXES", "PROV", "QB",
           "SCHEMA", "TIME", "VANN", "ZK", "ZKT", "ZO", "drafts_graph_iri", "graph_iri", "sentence_iri", "source_iri",
           "span_iri", "statement_iri", "time_iri"]


def source_iri(source_id: str) -> URIRef:
    """The source document itself."""
    return URIRef(f"{BASE}source/{source_id}")


def graph_iri(source_id: str) -> URIRef:
    """The named graph holding everything one source says."""
    return URIRef(f"{BASE}graph/{source_id}")


def sentence_iri(source_id: str, index: int) -> URIRef:
    """Sentence ``index`` (1-based) of a source."""
    return URIRef(f"{BASE}source/{source_id}/sentence/{index}")


def span_iri(source_id: str, start: int, end: int, part: str = "") -> URIRef:
    """A span of source text by code-point offsets; ``part`` names its quote/position selector."""
    tail = f"/{part}" if part else ""
    return URIRef(f"{BASE}source/{source_id}/char/{start}-{end}{tail}")


def statement_iri(source_id: str, statement_id: str) -> URIRef:
    """A statement node; scoped by source so that ids need only be unique in one fact sheet."""
    return URIRef(f"{BASE}id/statement/{source_id}/{statement_id}")


def time_iri(time_id: str, part: str = "") -> URIRef:
    """A temporal entity (``2024``, ``2024-H1``, ``2023-02-01``, ``2024-end``) or its begin/end instant."""
    tail = f"/{part}" if part else ""
    return URIRef(f"{BASE}id/time/{time_id}{tail}")


def drafts_graph_iri(source_id: str) -> URIRef:
    """The named graph of one source's unreviewed drafts (``build --drafts``)."""
    return URIRef(prefixes.DRAFTS_GRAPH_BASE + source_id)
