"""What several test modules share: the project's paths, project copies, fake programs, the
endpoint started as a user starts it, and browser helpers.  Fixtures are in conftest.py."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
from rdflib import Graph

from zonekg.model.namespaces import PREFIXES
from zonekg.queries.answers import python_value
from zonekg.queries.engine import bind, run
from zonekg.queries.named import named_queries

FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: Debian's Chromium and its driver, for the browser tests.
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


# --- from conftest.py ------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]


SOURCE_ID = "yushang-etdz-2024-09-29"


FACT_SHEET = ROOT / "graph" / "facts" / f"{SOURCE_ID}.yaml"


SOURCE_TEXT = ROOT / "graph" / "sources" / f"{SOURCE_ID}.zh.txt"


def copy_project(dest: Path) -> Path:
    """A minimal project (ontology, fact sheets, sources, queries) under ``dest``."""
    for name in ("ontology", "graph", "queries"):
        src = ROOT / name
        if src.exists():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("zone.trig"))
    return dest


# --- from test_multisource.py ------------------------------------------------------------

ARTICLES = FIXTURES / "articles"


def install(root: Path, name: str, sheet_text: str | None = None) -> Path:
    """Put a fictional article and its hand-written reviewed sheet into the project copy."""
    text = root / "graph" / "sources" / f"{name}.zh.txt"
    shutil.copyfile(ARTICLES / f"{name}.zh.txt", text)
    digest = hashlib.sha256(text.read_bytes()).hexdigest()
    sheet = root / "graph" / "facts" / f"{name}.yaml"
    body = sheet_text if sheet_text is not None else (ARTICLES / f"{name}.yaml").read_text(encoding="utf-8")
    sheet.write_text(body.replace("sha256: SHA256", f"sha256: {digest}"), encoding="utf-8")
    return sheet


# --- from test_build.py ------------------------------------------------------------

FAKE_JAVA = """#!/bin/sh
echo $$ > "{pidfile}"
exec sleep 600
"""


def fake_java(folder: Path) -> Path:
    """A ``java`` that never answers, writing its pid first."""
    folder.mkdir(parents=True, exist_ok=True)
    java = folder / "java"
    java.write_text(FAKE_JAVA.format(pidfile=folder / "pid"))
    java.chmod(0o755)
    return folder / "pid"


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in "ZX"


# --- from test_serve.py ------------------------------------------------------------

QUERIES = named_queries(ROOT)


#: Parameters for the named queries that take them (as in tests/test_queries_rq.py).
EXAMPLES = {
    "about": {"entity": "zk:zhang-feng"}, "entity": {"name": "张峰"}, "posts": {"name": "张峰"},
    "statement-evidence": {"id": "gdp-value"}, "sentence-statements": {"index": "15"},
    "find-sentence": {"text": "招才引智"}, "intended-vs-reported": {"about": "豫商经济技术开发区管委会"},
}


#: Named queries with no answer on the one article of the project: conflicts and corroboration compare sources
#: (tests/pipeline/test_multisource.py gives them some); their answers over HTTP must be empty too.
EMPTY_ON_ONE_SOURCE = {"conflicts", "corroboration"}


PREFIX = "PREFIX zo: <https://w3id.org/zonekg/ontology#>\nPREFIX zk: <https://w3id.org/zonekg/id/>\n"


RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"


def with_store(root: Path, extra_nquads: bytes = b"") -> Path:
    """``root`` with a ``build/oxigraph`` store (written from build/zone.nq if the build did not)."""
    from zonekg.model.paths import STORE_DIR
    from zonekg.store.local import write_store

    store = root / "build" / STORE_DIR
    if not store.is_dir() or extra_nquads:
        write_store((root / "build" / "zone.nq").read_bytes() + extra_nquads, store)
    return root


class Server:
    """``zonekg serve --port 0`` in a child process; ``url`` is what it printed."""

    def __init__(self, root: Path, *args: str) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        self.proc = subprocess.Popen([sys.executable, "-m", "zonekg", "serve", "--root", str(root), "--port", "0",
                                      *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        line: list[str] = []
        reader = threading.Thread(target=lambda: line.append(self.proc.stdout.readline()), daemon=True)
        reader.start()
        reader.join(60)
        found = re.search(r"serving (http://\S+/)", line[0] if line else "")
        if not found:
            self.close()
            pytest.fail(f"zonekg serve did not start: {line} {self.proc.stderr.read()}")
        self.url = found.group(1)
        self.sparql = self.url + "sparql"

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def http(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
         method: str | None = None) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of one request (errors included, not raised)."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def norm(value):
    """A value as both engines agree on it: numbers (also numbers written as text) as Decimal."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return Decimal(str(value)).normalize()
    if isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value):
        try:
            return Decimal(value).normalize()  # rdflib's STR(4898000000.0) is Oxigraph's "4898000000"
        except InvalidOperation:
            return value
    return str(value) if value is not None else None


def json_rows(body: bytes) -> list[dict]:
    """SPARQL JSON results as rows of normalised Python values (through pyoxigraph terms, as the
    query engine gives them)."""
    import pyoxigraph as ox

    doc = json.loads(body)
    rows = []
    for b in doc["results"]["bindings"]:
        row = {}
        for var in doc["head"]["vars"]:
            t = b.get(var)
            if t is None:
                term = None
            elif t["type"] == "uri":
                term = ox.NamedNode(t["value"])
            elif t["type"] == "bnode":
                term = ox.BlankNode(t["value"])
            elif "xml:lang" in t:
                term = ox.Literal(t["value"], language=t["xml:lang"])
            else:
                term = ox.Literal(t["value"], datatype=ox.NamedNode(t["datatype"]) if "datatype" in t else None)
            row[var] = norm(python_value(term))
        rows.append(row)
    return rows


def store_rows(store, name: str, params: dict[str, str] | None = None) -> list[dict]:
    """A named query's answer from the build's Oxigraph store, in process (no HTTP)."""
    import pyoxigraph as ox

    text = bind(QUERIES[name], EXAMPLES.get(name, {}) if params is None else params, from_text=True)
    return json_rows(store.query(text).serialize(format=ox.QueryResultsFormat.JSON))


def rdflib_rows(graph, name: str, params: dict[str, str], **options) -> list[dict]:
    """A named query's answer from the query engine (``zonekg.queries.engine.run``) on an rdflib graph, or
    on a pyoxigraph store with its ``options`` (``inferred=True``)."""
    result = run(QUERIES[name], graph, params, from_text=True, **options)
    names = [str(v) for v in result.vars]
    return [{n: norm(python_value(row[n])) for n in names} for row in result]


def as_set(rows: list[dict]) -> set:
    return {tuple(sorted(r.items())) for r in rows}


# --- from test_viz.py ------------------------------------------------------------

def page_data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="zonekg-data">(.*?)</script>', html, re.S)
    assert m, "the page carries its data in a JSON script element"
    return json.loads(m.group(1))


def visible_entity_count(graph: Graph) -> int:
    """What the whole view must draw, counted straight from the RDF: every entity the source
    mentions, the source itself, and every IRI they point to, except the begin/end instants of
    intervals (folded into the interval), statement plumbing and bookkeeping links."""
    q = """
    SELECT (COUNT(DISTINCT ?n) AS ?c) WHERE {
      { ?n zo:mentionedIn ?src } UNION { ?n a zo:SourceDocument } UNION {
        ?e zo:mentionedIn ?src ; ?p ?n .
        FILTER (isIRI(?n))
        FILTER (?p NOT IN (rdf:type, rdfs:label, skos:altLabel, skos:inScheme, skos:topConceptOf,
                           zo:mentionedIn, zo:firstStatedIn, time:hasBeginning, time:hasEnd))
      }
    }"""
    return int(next(iter(graph.query(q, initNs=PREFIXES)))[0])


def hostile_project(scratch: Path) -> Path:
    """The scratch copy with the hostile fact sheet (and its source) as the only sheet."""
    for sheet in (scratch / "graph" / "facts").glob("*.yaml"):
        sheet.unlink()
    shutil.copy(FIXTURES / "hostile" / "hostile.yaml", scratch / "graph" / "facts" / "hostile.yaml")
    shutil.copy(FIXTURES / "hostile" / "hostile.zh.txt", scratch / "graph" / "sources" / "hostile.zh.txt")
    return scratch


# --- from test_viz_browser.py ------------------------------------------------------------

def open_page(driver, path: Path) -> None:
    driver.get_log("browser")
    driver.get_log("performance")  # drop entries of earlier pages
    driver.get(path.resolve().as_uri())
    deadline = time.monotonic() + 30
    while not driver.execute_script("return document.body.getAttribute('data-drawn')"):
        assert time.monotonic() < deadline, "the network was never drawn"
        time.sleep(0.05)


def console_errors(driver) -> list[dict]:
    return [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]


def requested_urls(driver) -> set[str]:
    """Every URL the page asked for: CDP network events and the resource timing entries."""
    urls = set(driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)"))
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] == "Network.requestWillBeSent":
            urls.add(msg["params"]["request"]["url"])
    return urls


# --- servers the tests start (push targets) ------------------------------------------------------

def oxigraph_binary() -> str:
    """The ``oxigraph`` program of this Python environment, or the one on the PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        pytest.fail("the `oxigraph` server program is not installed: pip install oxigraph==0.5.13")
    return found


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now."""
    import socket

    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def wait_for_port(host: str, port: int, proc: subprocess.Popen | None, seconds: float) -> None:
    """Wait until something listens on ``host:port`` (bounded), or fail if the process died."""
    import socket

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            err = proc.stderr.read().decode("utf-8", "replace").strip() if proc.stderr else ""
            pytest.fail(f"the server stopped at start: {err or f'exit code {proc.returncode}'}")
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"nothing listened on {host}:{port} within {seconds:g} s")
