"""The warm workers (zonekg.queries.pool): one worker answers many queries, a query past the time
limit kills it and the next query gets a new one, a worker that dies is replaced, a rebuilt store
gets fresh workers, and the command line's small errors are one line."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from zonekg.cli import app
from zonekg.model.errors import QueryTimeout, ZoneKGError
from zonekg.queries.engine import run
from zonekg.queries.pool import Job, QueryFailed, QueryPool

CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_one_warm_worker_answers_many_queries(store):
    with QueryPool(store, size=1) as pool:
        answers = [run("gdp-growth-rank", store, pool=pool) for _ in range(5)]
        assert pool.started == 1
        [pid] = pool.workers()
        assert os.path.exists(f"/proc/{pid}")
    assert all(len(a) == 1 for a in answers)
    assert not os.path.exists(f"/proc/{pid}") or "Z" in Path(f"/proc/{pid}/stat").read_text().split(") ")[1][:1]


def test_a_query_past_the_limit_kills_its_worker_and_the_next_gets_a_new_one(store):
    with QueryPool(store, size=1, keep_warm=True) as pool:
        run("gdp-growth-rank", store, pool=pool)
        [first] = pool.workers()
        started = time.monotonic()
        with pytest.raises(QueryTimeout, match=r"query stopped after 1 s"):
            run(CROSS, store, timeout=1, pool=pool)
        assert time.monotonic() - started < 3
        assert not os.path.exists(f"/proc/{first}")  # killed and reaped
        [second] = pool.workers()  # replaced at once, warm
        assert second != first
        assert len(run("gdp-growth-rank", store, pool=pool)) == 1
        assert pool.workers() == [second]


def test_a_worker_that_runs_out_of_memory_is_replaced(store):
    with QueryPool(store, size=1, memory=128 << 20) as pool:
        with pytest.raises(QueryFailed, match="more memory than a worker may use"):
            pool.ask(Job("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f",
                         "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"), 60)
        assert len(run("gdp-growth-rank", store, pool=pool)) == 1


def test_a_rebuilt_store_gets_fresh_workers(store, tmp_path):
    copy = tmp_path / "oxigraph"
    shutil.copytree(store, copy)
    with QueryPool(copy, size=1) as pool:
        run("gdp-growth-rank", copy, pool=pool)
        [before] = pool.workers()
        stamp = copy / "zonekg.sha256"
        stamp.write_text(stamp.read_text())  # what a build's rename into place changes
        os.utime(stamp, ns=(time.time_ns(), time.time_ns() + 10**9))
        run("gdp-growth-rank", copy, pool=pool)
        assert pool.workers() != [before]


def test_the_python_api_keeps_one_worker(store, project):
    import zonekg
    from zonekg.queries.pool import shared_pool

    for _ in range(3):
        assert len(zonekg.query("gdp-growth-rank", root=project)) == 1
    assert shared_pool(store).started == 1


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "0", "-1"])
def test_a_timeout_that_is_no_positive_number_is_one_line(store, project, value):
    result = CliRunner().invoke(app, ["query", "gdp-growth-rank", "--timeout", value, "--root", str(project)])
    assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit)
    assert result.output.strip().splitlines() == [
        f"error: --timeout: the time limit must be a positive number of seconds, not {float(value)}"]


def test_a_parameter_given_twice_is_an_error(store, project):
    result = CliRunner().invoke(app, ["query", "posts", "-p", "name=张峰", "-p", "name=Zhang", "--root", str(project)])
    assert result.exit_code == 1
    assert result.output.strip() == "error: --param: name is given twice ('张峰' and 'Zhang'): give each parameter once"


def test_the_api_refuses_a_bad_timeout(store, project):
    import zonekg

    with pytest.raises(ZoneKGError, match="positive number"):
        zonekg.query("gdp-growth-rank", root=project, timeout=float("nan"))


def test_a_worker_sends_the_engines_rows_and_they_come_back_as_the_same_terms(store, project):
    """A worker sends its rows as the engine wrote them (TSV, N-Triples) rather than pickled terms;
    the caller must get exactly the terms the query made in the worker, for every named query."""
    import pyoxigraph as ox

    from tests.queries.test_portable import PARAMS
    from zonekg.queries.engine import bind
    from zonekg.queries.named import named_queries
    from zonekg.queries.pool import evaluate
    from zonekg.store.local import open_store

    opened = open_store(store)
    with QueryPool(store, size=1) as pool:
        for name, nq in named_queries(project).items():
            text = bind(nq, PARAMS.get(name, [{}])[0])
            job = Job(text, nq.text, False, nq.file)
            here, there = evaluate(opened, job), pool.ask(job, 60)
            assert (there.type, there.vars, there.rows) == (here.type, here.vars, here.rows), name
            assert all(isinstance(t, (ox.NamedNode, ox.Literal, ox.BlankNode, type(None)))
                       for row in there.rows for t in row), name
    del opened


def test_awkward_terms_survive_the_trip_from_a_worker():
    """Tabs, line breaks, quotes and backslashes in text, language tags, blank nodes, numbers the
    store keeps in canonical form, an unbound value and a CONSTRUCT: what the caller gets is
    what was stored."""
    import pyoxigraph as ox

    from zonekg.queries.engine import run

    xsd = "http://www.w3.org/2001/XMLSchema#"
    values = [ox.Literal('a\tb\nc"d\\e\r'), ox.Literal("园区", language="zh"), ox.BlankNode("b1"),
              ox.Literal("4898000000", datatype=ox.NamedNode(xsd + "decimal")), ox.Literal(6.6),
              ox.Literal(7), ox.Literal("2024-01-01", datatype=ox.NamedNode(xsd + "date")), ox.Literal(""),
              ox.NamedNode("https://example.org/é?a=b#c"), ox.Literal(True)]
    memory = ox.Store()
    for i, value in enumerate(values):
        memory.add(ox.Quad(ox.NamedNode(f"https://example.org/s{i:02}"), ox.NamedNode("https://example.org/p"),
                           value))
    answer = run("SELECT ?s ?o ?none WHERE { ?s ?p ?o OPTIONAL { ?s <https://example.org/q> ?none } } ORDER BY ?s",
                 memory)
    assert answer.vars == ["s", "o", "none"]
    assert [row[1] for row in answer.rows] == values
    assert all(row[2] is None for row in answer.rows)
    graph = run("CONSTRUCT { ?s <https://example.org/r> ?o } WHERE { ?s ?p ?o }", memory)
    assert sorted(map(str, graph.triples)) == sorted(
        str(ox.Triple(ox.NamedNode(f"https://example.org/s{i:02}"), ox.NamedNode("https://example.org/r"), v))
        for i, v in enumerate(values))


def test_a_text_a_worker_checked_is_not_parsed_again_in_this_process(store):
    """The parse (rdflib's) runs in the worker, which is forked anew for each one-off query; the
    caller keeps the verdict, so that the next worker gets the text as checked."""
    from zonekg.queries import guard

    text = "SELECT ?s WHERE { ?s a <https://w3id.org/zonekg/ontology#Zone> } LIMIT 1"
    guard._passed.discard(guard.digest(text))
    assert not guard.passed_before(text, None)
    run(text, store)
    assert guard.passed_before(text, None)
