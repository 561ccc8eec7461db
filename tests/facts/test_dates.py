"""Dates an analyst can compute with, alike in rdflib and Oxigraph.

Instants are ``xsd:dateTime`` with a time zone (``time:inXSDDateTime``); rdflib cannot compute with
``xsd:dateTimeStamp`` (YEAR() unbound, ``<`` false).  Every time the article mentions also carries
``zo:calendarYear``, so that 年底 — the instant 2025-01-01T00:00+08:00 — is found as the year 2024.
The same queries run on both engines and must give the same answers, which come from reading the
article: approved 2023年2月1日, visit 9月23日 (2024), 今年上半年 (2024), 年底 (of 2024), stages in
2023, 2024, 2025 and 2027.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import XSD

from tests.helpers import ROOT
from zonekg.model.namespaces import ZK
from zonekg.queries.answers import canonical
from zonekg.queries.engine import union_view
from zonekg.queries.named import named_queries
from zonekg.reason.reasoner import check_datatypes, entity_data

PREFIXES = """
PREFIX zo:   <https://w3id.org/zonekg/ontology#>
PREFIX zk:   <https://w3id.org/zonekg/id/>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX xsd:  <http://www.w3.org/2001/XMLSchema#>
"""
TIME = "https://w3id.org/zonekg/id/time/"


@pytest.fixture(scope="module")
def engines(built):
    """The same build in rdflib (the union of its graphs) and in an Oxigraph store, from zone.nq."""
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(built.files["zone.nq"], pyoxigraph.RdfFormat.N_QUADS)
    return union_view(built.dataset), store


def _rdflib_rows(graph: Graph, query: str) -> list[tuple]:
    return [tuple(None if v is None else (str(v), _datatype(v)) for v in row) for row in graph.query(query)]


def _datatype(term) -> str | None:
    datatype = getattr(term, "datatype", None)
    return None if datatype is None else str(datatype)


def _oxigraph_rows(store, query: str) -> list[tuple]:
    result = store.query(query, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    return [tuple(None if s[n] is None else (s[n].value, _ox_datatype(s[n])) for n in names) for s in result]


def _ox_datatype(term) -> str | None:
    datatype = getattr(term, "datatype", None)
    return None if datatype is None else datatype.value


def _text(rows: list[tuple]) -> list[tuple]:
    """Each value as its text, numbers by value (Oxigraph writes the decimal 120000.0 as 120000)."""
    return [tuple(None if v is None else canonical(*v) for v in row) for row in rows]


def both(engines, query: str) -> list[tuple]:
    """Rows of ``query`` in rdflib, after checking that Oxigraph gives the same rows, in order.

    The named queries are compared on both engines in tests/test_portable.py; these are the date
    computations an analyst would write by hand."""
    graph, store = engines
    text = PREFIXES + query
    left, right = _text(_rdflib_rows(graph, text)), _text(_oxigraph_rows(store, text))
    assert left == right, f"rdflib and Oxigraph disagree:\n  rdflib:   {left}\n  oxigraph: {right}"
    return left


def test_year_of_every_instant(engines):
    rows = both(engines, """
        SELECT ?t (YEAR(?d) AS ?y) WHERE {
          ?t zo:calendarYear ?calendarYear .
          { ?t time:inXSDDateTime ?d } UNION { ?t time:hasBeginning/time:inXSDDateTime ?d }
        } ORDER BY ?t""")
    years = {t.removeprefix(TIME): int(y) for t, y in rows}
    assert years == {
        "2023": 2023, "2023-02-01": 2023, "2024": 2024, "2024-H1": 2024, "2024-09-23": 2024,
        "2025": 2025, "2027": 2027,
        "2024-end": 2025,  # the instant 年底 is midnight starting 2025: YEAR() alone misleads, see below
    }


def test_year_end_deadline_is_found_as_2024_and_keeps_its_instant(engines):
    rows = both(engines, """
        SELECT ?year ?instant (YEAR(?instant) AS ?instantYear) WHERE {
          zk:target-futian-capacity zo:targetPeriod ?t .
          ?t zo:calendarYear ?year ; time:inXSDDateTime ?instant .
        }""")
    assert rows == [("2024", "2025-01-01T00:00:00+08:00", "2025")]


def test_comparisons(engines):
    """今年上半年 ends (2024-07-01) before the visit of 9月23日 begins, which is before 年底."""
    rows = both(engines, """
        SELECT (?h1End < ?visit AS ?a) (?visit < ?yearEnd AS ?b) (?yearEnd < ?h1End AS ?c)
               (?approval < "2023-02-02T00:00:00+08:00"^^xsd:dateTime AS ?d) WHERE {
          <https://w3id.org/zonekg/id/time/2024-H1> time:hasEnd/time:inXSDDateTime ?h1End .
          <https://w3id.org/zonekg/id/time/2024-09-23> time:hasBeginning/time:inXSDDateTime ?visit .
          <https://w3id.org/zonekg/id/time/2024-end> time:inXSDDateTime ?yearEnd .
          <https://w3id.org/zonekg/id/time/2023-02-01> time:hasBeginning/time:inXSDDateTime ?approval .
        }""")
    assert rows == [("true", "true", "false", "true")]


def test_order_by_time(engines):
    rows = both(engines, """
        SELECT ?t WHERE {
          ?t zo:calendarYear ?y .
          { ?t time:inXSDDateTime ?d } UNION { ?t time:hasBeginning/time:inXSDDateTime ?d }
        } ORDER BY ?d ?t""")
    assert [t.removeprefix(TIME) for (t,) in rows] == [
        "2023", "2023-02-01", "2024", "2024-H1", "2024-09-23", "2024-end", "2025", "2027",
    ]


def test_filter_by_calendar_year(engines):
    """Everything due or reported in 2024: year two of 一二三五, H1 2024, the visit, and 年底."""
    rows = both(engines, "SELECT ?t WHERE { ?t zo:calendarYear ?y FILTER(?y = 2024) } ORDER BY ?t")
    assert {t.removeprefix(TIME) for (t,) in rows} == {"2024", "2024-H1", "2024-09-23", "2024-end"}


def test_capacity_by_when_reads_2024_in_the_timeline(engines):
    query = named_queries(ROOT)["timeline"].text
    rows = both(engines, query)
    graph, _ = engines
    names = [str(v) for v in graph.query(query).vars]
    table = [dict(zip(names, r, strict=True)) for r in rows]
    capacity = [r for r in table if r["what"] == "年底实现年产12万辆车的产能"]
    assert [(r["year"], r["start"]) for r in capacity] == [("2024", "2025-01-01")]


def test_reasoner_accepts_the_dates(built):
    """xsd:dateTime and xsd:integer are in the OWL 2 datatype map (HermiT rejects xsd:gYear)."""
    check_datatypes(entity_data(built.dataset))
    bad = Graph()
    bad.add((ZK.x, ZK.y, Literal("2024", datatype=XSD.gYear)))
    with pytest.raises(Exception, match="gYear"):
        check_datatypes(bad)
