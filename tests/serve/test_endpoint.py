"""``zonekg serve`` for real: the command started as a process, asked over HTTP by SPARQLWrapper and
plain ``urllib``, with answers checked against the article and against the local query engine."""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest

from tests.helpers import (
    EMPTY_ON_ONE_SOURCE,
    EXAMPLES,
    PREFIX,
    QUERIES,
    RDFS_LABEL,
    ROOT,
    Server,
    as_set,
    http,
    json_rows,
    rdflib_rows,
    store_rows,
    with_store,
)
from zonekg.queries.engine import bind, union_view

pytestmark = [pytest.mark.server]

# --- the server, started as users start it ------------------------------------------------


@pytest.fixture(scope="module")
def server(built, project: Path):
    srv = Server(with_store(project))
    yield srv
    srv.close()


def get(server: Server, query: str, accept: str = "application/sparql-results+json"):
    return http(server.sparql + "?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept})


# --- comparing answers --------------------------------------------------------------------


# --- the protocol -------------------------------------------------------------------------

def test_sparqlwrapper_get_and_post(server) -> None:
    """A real SPARQL client, both HTTP methods: the zone was approved by 河南省委 and 河南省人民政府 on 2023-02-01."""
    from SPARQLWrapper import GET, JSON, POST, SPARQLWrapper

    for method in (GET, POST):
        client = SPARQLWrapper(server.sparql)
        client.setMethod(method)
        client.setReturnFormat(JSON)
        client.setQuery(QUERIES["zone-approval"].text)
        got = client.queryAndConvert()
        answer = {(b["approver"]["value"], b["date"]["value"][:10]) for b in got["results"]["bindings"]}
        assert answer == {("河南省委", "2023-02-01"), ("河南省人民政府", "2023-02-01")}, method


def test_select_and_ask_in_every_results_format(server) -> None:
    q = PREFIX + f'SELECT ?label WHERE {{ zk:yushang-mc {RDFS_LABEL} ?label FILTER(LANG(?label) = "zh") }}'
    status, headers, body = get(server, q, "application/sparql-results+json")
    assert (status, headers["Content-Type"]) == (200, "application/sparql-results+json")
    assert [b["label"]["value"] for b in json.loads(body)["results"]["bindings"]] == ["豫商经济技术开发区管委会"]

    status, headers, body = get(server, q, "application/sparql-results+xml")
    assert headers["Content-Type"] == "application/sparql-results+xml"
    ns = "{http://www.w3.org/2005/sparql-results#}"
    assert [e.text for e in ET.fromstring(body).iter(f"{ns}literal")] == ["豫商经济技术开发区管委会"]

    status, headers, body = get(server, q, "text/csv")
    assert headers["Content-Type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(body.decode("utf-8")))) == [["label"], ["豫商经济技术开发区管委会"]]

    status, headers, body = get(server, q, "text/tab-separated-values")
    assert headers["Content-Type"].startswith("text/tab-separated-values")
    assert body.decode("utf-8").splitlines() == ["?label", '"豫商经济技术开发区管委会"@zh']

    ask = PREFIX + "ASK { zk:yushang-mc a zo:ManagementCommittee }"
    assert json.loads(get(server, ask)[2]) == {"head": {}, "boolean": True}
    assert b">true<" in get(server, ask, "application/sparql-results+xml")[2]
    # The territory is not the committee (the article's one name for two things).
    assert json.loads(get(server, PREFIX + "ASK { zk:yushang-etdz a zo:ManagementCommittee }")[2])["boolean"] is False


def test_construct_in_turtle_ntriples_and_jsonld(server) -> None:
    from rdflib import Graph, URIRef

    q = PREFIX + "CONSTRUCT { ?x a zo:ManagementCommittee } WHERE { ?x a zo:ManagementCommittee }"
    graphs = {}
    for media, fmt in (("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld")):
        status, headers, body = get(server, q, media)
        assert (status, headers["Content-Type"].split(";")[0]) == (200, media)
        graphs[fmt] = Graph().parse(data=body.decode("utf-8"), format=fmt)
    mc = (URIRef("https://w3id.org/zonekg/id/yushang-mc"), URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
          URIRef("https://w3id.org/zonekg/ontology#ManagementCommittee"))
    assert mc in graphs["turtle"]
    assert set(graphs["turtle"]) == set(graphs["nt"]) == set(graphs["json-ld"])


@pytest.fixture(scope="module")
def store(server, project: Path):
    from zonekg.model.paths import STORE_DIR
    from zonekg.store.local import open_store

    return open_store(project / "build" / STORE_DIR)


def test_every_named_query_answers_over_http_as_in_process(server, store) -> None:
    """What the endpoint sends (TSV from Oxigraph's server, rewritten as JSON) loses nothing."""
    for name in QUERIES:
        url = server.url + "run/" + name + "?" + urllib.parse.urlencode(EXAMPLES.get(name, {}))
        status, _, body = http(url, headers={"Accept": "application/sparql-results+json"})
        assert status == 200, (name, body)
        local = store_rows(store, name)
        assert bool(local) != (name in EMPTY_ON_ONE_SOURCE), f"{name}: {len(local)} rows"
        assert as_set(json_rows(body)) == as_set(local), name


@pytest.mark.parametrize(("name", "params"), [
    ("find-sentence", {"text": "招才引智"}), ("about", {"entity": "zk:zhang-feng"}),
    ("zone-approval", {}),
])
def test_parameters_bind_as_rdflib_binds_them(built, store, name, params) -> None:
    """The VALUES row the endpoint adds gives the same answer on Oxigraph as on rdflib."""
    graph = union_view(built.dataset, inferred=False)
    assert as_set(store_rows(store, name, params)) == as_set(rdflib_rows(graph, name, params))


def test_named_queries_over_http_answer_as_the_article_says(server) -> None:
    def rows(query, /, **params):
        return json_rows(http(server.url + "run/" + query + "?" + urllib.parse.urlencode(params))[2])

    assert {r["person"] for r in rows("posts", name="Zhang Feng")} == {"张峰"}
    assert len(rows("posts", name="张峰")) == 4  # 张峰 heads four bodies
    [gdp] = rows("statement-evidence", id="gdp-value")
    assert gdp["quote"] == "全区GDP完成48.98 亿元"
    spoken = rows("sentence-statements", index="15")
    assert {"gdp-value", "growth-value", "rank-value"} <= {r["statement"] for r in spoken}
    assert rows("statement-evidence", id="value") == []


def test_the_same_query_by_sparql_protocol_and_by_name(server) -> None:
    """/run/<name> is the named query's text with its parameter bound; /sparql runs any text."""
    status, _, by_name = http(server.url + "run/find-sentence?text=" + urllib.parse.quote("招才引智"))
    text = QUERIES["find-sentence"].text.replace("STR(?text)", '"招才引智"')
    assert json_rows(get(server, text)[2]) == json_rows(by_name)
    assert [r["sentenceIndex"] for r in json_rows(by_name)] == [Decimal(44)]  # 成立驻北京市、上海市招才引智工作站


def test_a_parameter_is_a_term_never_query_text(server) -> None:
    hostile = '") } } SELECT * WHERE { ?s ?p ?o } #'
    status, _, body = http(server.url + "run/find-sentence?" + urllib.parse.urlencode({"text": hostile}))
    assert status == 200 and json_rows(body) == []
    status, _, body = http(server.url + "run/entity?" + urllib.parse.urlencode({"name": "X\\\"\n}"}))
    assert status == 200 and json_rows(body) == []
    status, _, body = http(server.url + "run/entity?bogus=1")
    assert status == 400 and b"bogus" in body
    assert http(server.url + "run/no-such-query")[0] == 404


def test_catalogue_lists_every_named_query(server) -> None:
    status, _, body = http(server.url + "queries")
    listed = {q["name"]: q for q in json.loads(body)}
    assert set(listed) == set(QUERIES)
    assert listed["entity"]["params"] == {"name": QUERIES["entity"].params["name"]}
    assert listed["zone-approval"]["zh"] == QUERIES["zone-approval"].question_zh


# --- what the endpoint refuses ------------------------------------------------------------

def test_updates_are_refused(server) -> None:
    insert = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"
    form = urllib.parse.urlencode({"update": insert}).encode()
    assert http(server.sparql, data=form, headers={"Content-Type": "application/x-www-form-urlencoded"})[0] == 403
    assert http(server.sparql, data=insert.encode(), headers={"Content-Type": "application/sparql-update"})[0] == 403
    assert http(server.sparql + "?update=" + urllib.parse.quote(insert))[0] == 403
    assert http(server.sparql, data=b"<a> <b> <c> .", headers={"Content-Type": "application/n-triples"},
                method="PUT")[0] == 405
    status, _, body = get(server, "LOAD <http://127.0.0.1:1/x>")  # refused as zonekg query refuses it
    assert status == 403 and b"LOAD refused" in body
    status, _, body = get(server, insert)  # an update sent as a query
    assert status == 403 and b"INSERT refused" in body
    assert json.loads(get(server, "ASK { <urn:x:a> ?p ?o }")[2])["boolean"] is False


@pytest.fixture()
def listener():
    """A local socket that records whether anything connects to it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(5)
    sock.settimeout(0.2)
    yield sock
    sock.close()


def connected(sock: socket.socket) -> bool:
    try:
        conn, _ = sock.accept()
    except TimeoutError:
        return False
    conn.close()
    return True


def test_service_and_from_never_reach_the_network(server, listener) -> None:  # more: test_endpoint_hardening
    port = listener.getsockname()[1]
    target = f"<http://127.0.0.1:{port}/sparql>"
    for query in (f"SELECT * WHERE {{ SERVICE {target} {{ ?s ?p ?o }} }}",
                  f"SELECT * WHERE {{ service silent {target} {{ ?s ?p ?o }} }}",
                  f"SELECT * WHERE {{ \\u0053ERVICE {target} {{ ?s ?p ?o }} }}",  # SPARQL code-point escape
                  f"SELECT * WHERE {{ ?x ?y ?z . # comment\nSERVICE {target} {{ ?s ?p ?o }} }}"):
        status, _, body = get(server, query)
        assert status == 403 and b"SERVICE" in body, query
    # FROM and FROM NAMED are refused as `zonekg query` refuses them (zonekg.queries.engine.check_query).
    for query in (f"SELECT (COUNT(*) AS ?n) FROM {target} WHERE {{ ?s ?p ?o }}",
                  f"SELECT * FROM NAMED {target} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"):
        status, _, body = get(server, query)
        assert status == 403 and b"FROM refused" in body, query
    # "service" inside a string or as a local name is not the keyword.
    ok = get(server, 'SELECT ?x WHERE { BIND("SERVICE <http://x/> {}" AS ?x) FILTER(?x != <urn:service>) }')
    assert ok[0] == 200
    assert not connected(listener)


def test_result_limit_and_time_limit(built, project) -> None:
    srv = Server(with_store(project), "--limit", "5", "--timeout", "1")
    try:
        status, headers, body = get(srv, "SELECT * WHERE { ?s ?p ?o }")
        assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 5
        assert headers["Zonekg-Truncated"] == "true" and headers["Zonekg-Result-Limit"] == "5"
        status, headers, body = get(srv, "CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples")
        assert status == 200 and len(body.decode().splitlines()) == 5 and headers["Zonekg-Truncated"] == "true"
        status, headers, _ = get(srv, PREFIX + "SELECT ?x WHERE { ?x a zo:ManagementCommittee }")
        assert status == 200 and "Zonekg-Truncated" not in headers
        started = time.monotonic()
        # A cube of the store, counted: long work in constant memory, so the time limit (not the
        # memory limit a faster machine reaches first with an ORDER BY) is what stops it.
        status, _, body = get(srv, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
        assert status == 503 and b"time limit (1 s)" in body
        assert time.monotonic() - started < 8
    finally:
        srv.close()


# --- the command's errors -----------------------------------------------------------------

def test_no_store_is_one_clear_error(scratch: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-m", "zonekg", "serve", "--root", str(scratch), "--port", "0"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [f"error: {scratch / 'build' / 'oxigraph'}: no store: "
                                                "run `zonekg build` first"]


def test_a_busy_port_is_one_clear_error(server, project: Path) -> None:
    port = urllib.parse.urlsplit(server.url).port
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-m", "zonekg", "serve", "--root", str(project), "--port", str(port)],
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith(f"error: --port: cannot listen on 127.0.0.1:{port}")


# --- the pieces, without a server ---------------------------------------------------------

@pytest.mark.parametrize(("accept", "expected"), [
    (None, "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/*", "text/csv"),
    ("application/json", "application/json"),
    ("image/png", "application/sparql-results+json"),
])
def test_accept_negotiation(accept, expected) -> None:
    from zonekg.serve.endpoint import SOLUTION_TYPES, negotiate

    assert negotiate(accept, SOLUTION_TYPES) == expected


@pytest.mark.parametrize("value", ['a"b\\c\nd', '") } } DELETE WHERE { ?s ?p ?o } #', "'''x'''", "\\u0022"])
def test_a_bound_value_is_the_same_literal(value) -> None:
    """Whatever the text, the bound query finds exactly the literal holding it."""
    import pyoxigraph as ox

    from zonekg.queries.named import parse_header

    store = ox.Store()
    for i, text in enumerate((value, "other")):
        store.add(ox.Quad(ox.NamedNode(f"urn:x:{i}"), ox.NamedNode("urn:x:p"), ox.Literal(text)))
    nq = parse_header("<text>", Path("<text>"), "SELECT ?s WHERE { ?s <urn:x:p> ?text }")
    query = bind(nq, {"text": value}, from_text=True)
    assert [row["s"].value for row in store.query(query)] == ["urn:x:0"]


@pytest.mark.skipif(sys.platform != "linux", reason="PR_SET_PDEATHSIG is Linux's")
def test_the_query_workers_die_with_the_front(built, project) -> None:
    srv = Server(with_store(project), "--workers", "3")
    children = [k for task in Path(f"/proc/{srv.proc.pid}/task").iterdir()
                for k in (task / "children").read_text().split()]
    assert len(children) == 3  # the warm workers, and no server of Oxigraph's
    srv.proc.kill()  # SIGKILL: no clean-up code runs in the front
    srv.proc.wait()
    deadline = time.monotonic() + 10
    for child in children:
        while Path(f"/proc/{child}").exists() and "Z" not in _state(child):
            assert time.monotonic() < deadline, "a query worker outlived the front"
            time.sleep(0.1)


def _state(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1].split()[0]
    except (FileNotFoundError, IndexError):
        return "gone"


def test_a_clients_dataset_picks_graphs_of_the_store_and_never_fetches(server, listener) -> None:
    """``default-graph-uri``/``named-graph-uri`` are passed on to Oxigraph: they choose graphs
    of the store (a name not in it is an empty graph), and nothing is downloaded."""
    graph = "https://w3id.org/zonekg/graph/"
    ask = "ASK { <https://w3id.org/zonekg/id/zhang-feng> ?p ?o }"  # the article's 张峰

    def ask_with(*dataset: tuple[str, str]) -> bool:
        query = urllib.parse.urlencode([("query", ask), *dataset])
        status, _, body = http(server.sparql + "?" + query, headers={"Accept": "application/sparql-results+json"})
        assert status == 200, body
        return json.loads(body)["boolean"]

    assert ask_with() is True  # the union
    assert ask_with(("default-graph-uri", graph + "yushang-etdz-2024-09-29")) is True
    assert ask_with(("default-graph-uri", graph + "ontology")) is False
    outside = f"http://127.0.0.1:{listener.getsockname()[1]}/graph"
    assert ask_with(("default-graph-uri", outside)) is False
    query = urllib.parse.urlencode([("query", "ASK { GRAPH ?g { ?s ?p ?o } }"), ("named-graph-uri", outside)])
    status, _, body = http(server.sparql + "?" + query, headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and json.loads(body)["boolean"] is False
    assert not connected(listener)
