"""The query check (zonekg.queries.guard) and the sandbox of the engine's workers, against a real
TCP listener: every disguise of SERVICE, FROM, LOAD and the updates is refused by the check, through
the command line and the Python API, and the worker could not have reached the listener anyway."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from tests.helpers import ROOT
from tests.helpers_disguises import DISGUISES, HARMLESS
from zonekg.cli import app
from zonekg.model.errors import QueryRefused, QuerySyntaxError, ZoneKGError
from zonekg.queries import guard

runner = CliRunner()


class Listener:
    """A local TCP socket that counts the connections made to it (accepted in a thread)."""

    def __init__(self) -> None:
        import threading

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(128)
        self.sock.settimeout(0.1)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/sparql"
        self.count = 0
        self._stop = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.count += 1
            conn.close()

    def close(self) -> None:
        self._stop = True
        self._thread.join(2)
        self.sock.close()


@pytest.fixture()
def listener() -> Iterator[Listener]:
    got = Listener()
    yield got
    got.close()


def test_the_corpus_is_large_enough():
    assert len(DISGUISES) >= 40 and len(set(DISGUISES)) == len(DISGUISES)


@pytest.mark.parametrize("text", DISGUISES)
def test_every_disguise_is_refused_by_the_parse(text):
    """The structural check alone (no keyword scan) refuses each: the parse decides."""
    with pytest.raises((QueryRefused, QuerySyntaxError)):
        guard.structure_check(text.format(url="http://127.0.0.1:9/sparql"))


@pytest.mark.parametrize("text", DISGUISES)
def test_every_disguise_is_refused_by_the_whole_check(text):
    with pytest.raises((QueryRefused, QuerySyntaxError)):
        guard.check_query(text.format(url="http://127.0.0.1:9/sparql"))


@pytest.mark.parametrize("text", HARMLESS)
def test_look_alikes_pass(text):
    guard.check_query(text)


def test_refusals_name_the_keyword_and_its_place():
    with pytest.raises(QueryRefused, match=r"SERVICE refused at line 2, column 1"):
        guard.check_query("SELECT * WHERE { #x\rSERVICE <http://127.0.0.1:9/> { ?a ?b ?c } }")
    with pytest.raises(QueryRefused, match=r"^query: LOAD refused at line 1, column 1: queries may not load files"):
        guard.check_query("\\u004cOAD <http://127.0.0.1:9/>")
    with pytest.raises(QueryRefused, match=r"^query: INSERT refused at line 1, column 1: the graph is read-only"):
        guard.check_query("INSERT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    with pytest.raises(QuerySyntaxError, match=r"SPARQL syntax error at line 1"):
        guard.check_query("")


def test_the_keyword_scan_is_a_second_line():
    """A keyword the parse would not see (here: handed to the scan alone) is still refused."""
    with pytest.raises(QueryRefused, match="SERVICE refused"):
        guard.keyword_check("SELECT * WHERE { SERVICE <urn:x> { ?s ?p ?o } }")
    guard.keyword_check('SELECT * WHERE { ?s ?p "x"@with . ?s ?p "y"@add }')


def test_deep_nesting_is_refused_not_a_crash():
    text = "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"
    with pytest.raises(QueryRefused, match="nested too deeply"):
        guard.check_query(text)


def test_verdicts_are_remembered_by_digest(tmp_path):
    text = "SELECT ?x WHERE { ?x ?p ?o } # remembered"
    assert not guard.passed_before(text, tmp_path)
    guard.remember(tmp_path, text)
    lines = (tmp_path / guard.CHECKED_FILE).read_text(encoding="ascii").split("\n")
    assert lines[0] == guard.CHECK_VERSION and guard.digest(text) in lines
    guard._passed.clear()
    assert guard.passed_before(text, tmp_path)  # from the file
    assert not guard.passed_before(text + " ", tmp_path)
    (tmp_path / guard.CHECKED_FILE).write_text("zonekg-query-check 0\n" + guard.digest(text) + "\n")
    guard._passed.clear()
    assert not guard.passed_before(text, tmp_path)  # an older version's verdicts are not trusted


# --- through the command line and the Python API, against a listener ---------------------------------

def test_no_disguise_reaches_the_listener_through_the_cli(store, project, listener):
    for text in DISGUISES:
        result = runner.invoke(app, ["query", text.format(url=listener.url), "--root", str(project)])
        assert result.exit_code == 1, (text, result.output)
        assert "refused" in result.output or "syntax error" in result.output, (text, result.output)
        assert "Traceback" not in result.output
    assert listener.count == 0


def test_no_disguise_reaches_the_listener_through_the_api(store, project, listener):
    import zonekg

    for text in DISGUISES:
        with pytest.raises(ZoneKGError) as err:
            zonekg.query(text.format(url=listener.url), root=project)
        assert isinstance(err.value, (QueryRefused, QuerySyntaxError)), (text, err.value)
    assert listener.count == 0
    assert zonekg.query('SELECT * WHERE { ?s ?p "x"@with }', root=project).empty


def test_look_alikes_run_through_the_cli(store, project):
    for text in HARMLESS:
        result = runner.invoke(app, ["query", text, "--root", str(project), "--format", "csv"])
        assert result.exit_code == 0, (text, result.output)


# --- the sandbox: the engine itself cannot reach out ------------------------------------------------

def _service_from_a_worker(url: str, env: dict[str, str] | None = None) -> str:
    """Run a SERVICE query straight on pyoxigraph (no check) in a sandboxed worker, in a fresh
    Python process (so that the environment applies); what it printed."""
    code = (
        "import pyoxigraph as ox\n"
        "from zonekg.rdf.children import Worker\n"
        "from zonekg.rdf.sandbox import isolate\n"
        "def handle(req):\n"
        "    try:\n"
        f"        list(ox.Store().query('SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}'))\n"
        "        return b'ran'\n"
        "    except Exception as exc:\n"
        "        return type(exc).__name__.encode()\n"
        "found = []\n"
        "w = Worker(handle, in_child=lambda: found.append(isolate(1 << 30)))\n"
        "print(w.ask(b'go', 20).decode())\n"
        "w.stop()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


@pytest.mark.skipif(sys.platform != "linux", reason="network namespaces and seccomp are Linux's")
@pytest.mark.parametrize("mode", ["", "seccomp"])
def test_the_engine_in_a_worker_cannot_reach_the_listener(listener, mode):
    """pyoxigraph follows SERVICE (no switch turns that off); in a worker it finds no network:
    with its own network namespace, and with the seccomp filter alone (the fallback)."""
    assert _service_from_a_worker(listener.url, {"ZONEKG_SANDBOX": mode}) != "ran"
    assert listener.count == 0


@pytest.mark.skipif(sys.platform != "linux", reason="network namespaces and seccomp are Linux's")
def test_what_the_sandbox_applies():
    from zonekg.rdf.children import Worker
    from zonekg.rdf.sandbox import isolate

    def handle(_req: bytes) -> bytes:
        import pickle
        import resource

        try:
            socket.socket(socket.AF_INET)
            inet = "allowed"
        except OSError as exc:
            inet = f"refused {exc.errno}"
        return pickle.dumps((got[0], inet, resource.getrlimit(resource.RLIMIT_AS)[0]))

    got: list = []
    worker = Worker(handle, in_child=lambda: got.append(isolate(3 << 30)))
    try:
        import pickle

        isolation, inet, limit = pickle.loads(worker.ask(b"", 20))
    finally:
        worker.stop()
    assert isolation.seccomp and inet == "refused 13"
    assert isolation.namespace == ("root" if os.geteuid() == 0 else "user") or isolation.namespace is None
    assert isolation.offline and limit == 3 << 30
