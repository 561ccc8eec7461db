"""Changes between releases are recorded in the ontology and named in CHANGELOG.md.

Retired terms of ours carry ``owl:deprecated true`` and ``dcterms:isReplacedBy``; a term of another
vocabulary that this graph stopped using, or a term whose meaning moved in part to a new one, has a
``zo:TermChange`` record.  The retirements known from the history (0.1.0 → 0.2.0, `git diff 975da385 --
ontology/ graph/facts/`) are listed here by hand, so that a record dropped by mistake fails."""

from __future__ import annotations

from rdflib import OWL, RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from tests.helpers import ROOT
from zonekg.model.namespaces import ONTOLOGY_GRAPH, ZO
from zonekg.model.prefixes import curie

ZO_NS = str(ZO)
#: From the history: term → what replaces it, and whether the graph still uses the term.
EXPECTED = {
    "http://www.w3.org/2006/time#inXSDDateTimeStamp": ("http://www.w3.org/2006/time#inXSDDateTime", "retired"),
    "http://www.w3.org/2001/XMLSchema#dateTimeStamp": ("http://www.w3.org/2001/XMLSchema#dateTime", "retired"),
    ZO_NS + "Selector": ("http://www.w3.org/ns/oa#Selector", "retired"),
    ZO_NS + "issued": (ZO_NS + "revised", "narrowed"),
}


def ontology() -> Graph:
    return Graph().parse(ROOT / "ontology" / "zone.ttl", format="turtle")


def recorded(graph: Graph) -> dict[str, tuple[str, str]]:
    out = {}
    for term in graph.subjects(OWL.deprecated, Literal(True)):
        out[str(term)] = (str(graph.value(term, DCTERMS.isReplacedBy)), "retired")
    for change in graph.subjects(RDF.type, ZO.TermChange):
        for kind, prop in (("retired", ZO.retiredTerm), ("narrowed", ZO.narrowedTerm)):
            for term in graph.objects(change, prop):
                out[str(term)] = (str(graph.value(change, ZO.useInstead)), kind)
    return out


def test_every_change_of_the_history_is_recorded() -> None:
    assert recorded(ontology()) == EXPECTED


def test_records_say_when_and_how_to_rewrite() -> None:
    graph = ontology()
    for change in graph.subjects(RDF.type, ZO.TermChange):
        assert str(graph.value(change, OWL.versionInfo)) == "0.2.0", change
        assert len(set(graph.objects(change, ZO.retiredTerm)) | set(graph.objects(change, ZO.narrowedTerm))) == 1
        assert graph.value(change, SKOS.changeNote) is not None, change
    for term in graph.subjects(OWL.deprecated, Literal(True)):
        assert graph.value(term, SKOS.changeNote) is not None, term


def test_the_graph_no_longer_uses_retired_terms(built) -> None:
    used = set()
    for g in built.dataset.graphs():
        if g.identifier == ONTOLOGY_GRAPH:
            continue
        for s, p, o in g:
            used |= {s, p, o, getattr(o, "datatype", None)}
    retired = {URIRef(t) for t, (_, kind) in EXPECTED.items() if kind == "retired"}
    assert not retired & used
    assert URIRef(ZO_NS + "issued") in used  # narrowed, still in use


def test_the_changelog_names_every_change_and_its_replacement() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    model = changelog[changelog.index("### Model changes"):changelog.index("### Moved")]
    missing = [curie(t) for pair in EXPECTED.items() for t in (pair[0], pair[1][0]) if f"`{curie(t)}`" not in model]
    assert not missing, f"CHANGELOG.md, Model changes, does not name: {missing}"
