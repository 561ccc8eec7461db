"""pyshacl-turbo decides, pySHACL words: on graphs broken on purpose (one constraint kind of
ontology/shapes.ttl each) both engines give the same results, field by field (focus node, path,
value, source shape, severity, constraint component, and the message wherever the shape has its
own sh:message), and the build's rows are pySHACL's. benchmarks/bench_shacl.py does the same on
every predicate of the article (420 graphs) and times it; docs/engine.md has the figures."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SH, XSD

from tests.helpers import ROOT
from zonekg.model.namespaces import OA, TIME, ZK, ZO
from zonekg.model.paths import shapes_file
from zonekg.pipeline import shacl
from zonekg.pipeline.run import validation_graph

STMT = "https://w3id.org/zonekg/id/statement/yushang-etdz-2024-09-29/"
SOURCE = URIRef("https://w3id.org/zonekg/source/yushang-etdz-2024-09-29")
END_2024 = URIRef("https://w3id.org/zonekg/id/time/2024-end")


def _set(g: Graph, s, p, o) -> None:
    g.remove((s, p, None))
    g.add((s, p, o))


def _position(g: Graph) -> URIRef:
    return sorted(s for s in g.subjects(OA.end, None) if isinstance(s, URIRef))[0]


#: One break per kind of constraint the shapes use (each must give at least one violation).
BREAKS: dict[str, Callable[[Graph], None]] = {
    "minCount": lambda g: g.remove((URIRef(STMT + "gdp-value"), ZO.modality, None)),
    "maxCount": lambda g: g.add((URIRef(STMT + "gdp-value"), ZO.modality, ZK["futian-zhilan"])),
    "class": lambda g: g.add((ZK["post-yushang-mc-director"], URIRef("http://www.w3.org/ns/org#heldBy"),
                              ZK["yushang-dev-invest"])),
    "datatype (own message)": lambda g: _set(g, SOURCE, ZO.dateTime, Literal("2024-09-29", datatype=XSD.date)),
    "datatype (default message)": lambda g: _set(g, _position(g), OA.end, Literal("seven")),
    "nodeKind (default message)": lambda g: _set(g, URIRef(STMT + "gdp-value"), ZO.subject, Literal("a zone")),
    "pattern": lambda g: _set(g, SOURCE, ZO.sha256, Literal("not a digest")),
    "pattern (time zone)": lambda g: _set(g, END_2024, TIME.inXSDDateTime,
                                          Literal("2025-01-01T00:00:00", datatype=XSD.dateTime)),
    "xone: both": lambda g: g.add((URIRef(STMT + "gdp-value"), ZO.object, ZK["futian-zhilan"])),
    "xone: neither": lambda g: g.remove((URIRef(STMT + "gdp-value"), ZO.literalValue, None)),
    "sparql target": lambda g: g.remove((URIRef(STMT + "capacity-value"), ZO.claimedBy, None)),
    "sparql target (direct triple)": lambda g: g.remove((ZK["proj-hengyuantong"], ZO.listedIn,
                                                         ZK["prog-shuangbai"])),
    "English label": lambda g: g.remove((ZK["futian-zhilan"], RDFS.label,
                                         Literal("Henan Futian Zhilan New Energy Vehicle Co.", lang="en"))),
    "calendar year": lambda g: g.remove((END_2024, ZO.calendarYear, None)),
}


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return shacl._shapes(shapes_file(ROOT))


def _copy(graph: Graph) -> Graph:
    out = Graph()
    out += graph
    return out


def test_the_built_graph_conforms_for_both(built, shapes) -> None:
    data = validation_graph(built)
    assert shacl.turbo_report(shacl._ntriples(data), shapes)[0]
    assert shacl.pyshacl_report(_copy(data), shapes)[0]


@pytest.mark.slow  # 14 validations by each engine, about 2 s each: the whole suite, not make check
@pytest.mark.parametrize("kind", sorted(BREAKS))
def test_both_engines_give_the_same_results(built, shapes, kind: str) -> None:
    data = validation_graph(built)
    BREAKS[kind](data)
    ours = shacl.results(shacl.pyshacl_report(_copy(data), shapes)[1], shapes)
    conforms, report = shacl.turbo_report(shacl._ntriples(data), shapes)
    theirs = shacl.results(report, shapes)
    assert any(row[4] == SH.Violation for row in ours), f"{kind} broke nothing"
    assert not conforms
    assert [row[:6] for row in theirs] == [row[:6] for row in ours]
    own_message = {row[3] for row in ours if shapes.value(row[3], SH.message) is not None}
    assert [row for row in theirs if row[3] in own_message] == [row for row in ours if row[3] in own_message]
    # the build's rows, as an error line shows them, are pySHACL's, word for word
    assert shacl.violations(_copy(data), shapes) == shacl.rows_of(shacl.pyshacl_report(_copy(data), shapes), shapes)


def test_turbo_words_default_messages_otherwise(built, shapes) -> None:
    """Why pySHACL words the report: a shape without sh:message gets a different default message."""
    data = validation_graph(built)
    BREAKS["xone: both"](data)
    ours = {str(row[6]) for row in shacl.results(shacl.pyshacl_report(_copy(data), shapes)[1], shapes)}
    theirs = {str(row[6]) for row in shacl.results(shacl.turbo_report(shacl._ntriples(data), shapes)[1], shapes)}
    assert any("must conform to exactly one shape" in m for m in ours)
    assert ours != theirs
    assert any("must conform to exactly one shape" in row[2] for row in shacl.violations(_copy(data), shapes))


def test_pyshacl_alone_on_request(built, shapes, monkeypatch) -> None:
    calls = []
    monkeypatch.setattr(shacl, "turbo_report", lambda *a: calls.append(a) or (True, Graph()))
    monkeypatch.setenv("ZONEKG_SHACL", "pyshacl")
    data = validation_graph(built)
    BREAKS["minCount"](data)
    assert shacl.violations(data, shapes) and not calls

