"""Every named query gives the same answer on Oxigraph (the build's store) and on rdflib (the
union of the built dataset): the same rows, numbers by value, and in the same order when the query
has an ORDER BY, so a query that leans on one engine's quirks fails here.  The parameters are the
examples the queries document.  This is the one home of that check for named queries;
tests/test_dates.py compares the engines on ad-hoc date arithmetic."""

from __future__ import annotations

import pytest

from tests.helpers import ROOT
from zonekg.queries.answers import lexical, number, python_value
from zonekg.queries.engine import run, union_view
from zonekg.queries.named import named_queries

QUERIES = named_queries(ROOT)

#: Values for the parameters the named queries take, from the article (as in test_queries_rq.py).
PARAMS: dict[str, list[dict]] = {
    "about": [{"entity": "zk:zhang-feng"}, {"entity": "zk:futian-zhilan"}],
    "entity": [{"name": "张峰"}, {"name": "福田智蓝"}],
    "find-sentence": [{"text": "招才引智"}],
    "intended-vs-reported": [{}, {"about": "豫商经济技术开发区管委会"}],
    "posts": [{}, {"name": "张峰"}],
    "sentence-statements": [{"index": 15}, {"index": 1}],
    "statement-evidence": [{"id": "gdp-value"}],
}


def norm(term) -> tuple | None:
    """A term compared by meaning: numbers by value, other literals by text, language and type."""
    if term is None:
        return None
    if not hasattr(term, "datatype"):
        return (type(term).__name__, term.value)
    value = number(term)
    if value is not None:
        return ("number", value)
    if term.datatype.value.endswith(("#dateTime", "#dateTimeStamp")):
        # Oxigraph stores an xsd:dateTimeStamp as an xsd:dateTime (same value): compare values
        return ("datetime", python_value(term))
    return ("literal", lexical(term), term.language, None if term.language else term.datatype.value)


def answers(result) -> set:
    if result.type == "ASK":
        return {result.boolean}
    return set(in_order(result))


def in_order(result) -> list[tuple]:
    """The rows as the engine ordered them, each term compared by meaning."""
    return [tuple(norm(t) for t in row) for row in result.rows]


@pytest.fixture(scope="module")
def rdflib_graph(built):
    return union_view(built.dataset)


#: Queries that rightly answer nothing on this one-source build (tests/pipeline/test_multisource.py
#: gives them several sources): both engines must still agree on the empty answer.
EMPTY = {"conflicts", "corroboration"}

CASES = [(name, params) for name in QUERIES for params in PARAMS.get(name, [{}])]


def test_every_parameterised_query_has_examples():
    needing = {name for name, nq in QUERIES.items() if nq.required}
    assert needing <= set(PARAMS), needing - set(PARAMS)


@pytest.mark.slow
@pytest.mark.parametrize("name, params", CASES, ids=[f"{n}{sorted(p.values())}" for n, p in CASES])
def test_same_answer_on_both_engines(store, rdflib_graph, name, params):
    on_oxigraph = run(QUERIES[name], store, params)
    on_rdflib = run(QUERIES[name], rdflib_graph, params)
    assert on_oxigraph.vars == on_rdflib.vars
    ox_rows, rdf_rows = answers(on_oxigraph), answers(on_rdflib)
    assert ox_rows == rdf_rows, (sorted(ox_rows - rdf_rows, key=str)[:3], sorted(rdf_rows - ox_rows, key=str)[:3])
    assert ox_rows or name in EMPTY or params, f"{name} answered nothing on either engine"
    if "ORDER BY" in QUERIES[name].text.upper():
        assert in_order(on_oxigraph) == in_order(on_rdflib), f"{name}: same rows, different order"
