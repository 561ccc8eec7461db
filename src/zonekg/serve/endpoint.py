"""``zonekg serve``: a read-only SPARQL 1.1 Protocol endpoint and a query page, on localhost.

The queries are answered by Oxigraph's own server (``oxigraph serve-read-only``, from the
``oxigraph`` package), started as a child process on a private loopback port over the build's
store (``build/oxigraph``) with its ``--timeout-s`` time limit.  A small front in front of it
(this module, on the standard library's HTTP server) is what users reach; it exists because the
child alone would not be safe or complete:

- Oxigraph follows ``SERVICE`` calls out to the network; the front refuses, before the child sees
  it, what the query engine refuses everywhere (:func:`zonekg.sparql.check_query`: ``SERVICE``,
  ``FROM``, ``LOAD`` and the update keywords), after decoding SPARQL's ``\\u`` escapes.
- Oxigraph has no result limit; the front asks the child for TSV (solutions) or N-Triples
  (graphs), whose rows are lines, reads at most ``limit`` of them, then parses and writes the
  rows in the format the client's ``Accept`` asks for with pyoxigraph's own parsers and
  serialisers.  A cut answer says so in the ``Zonekg-Truncated`` header.
- Named queries (``queries/*.rq``) run by name with parameters (``/run/<name>?param=value``),
  bound by the query engine (:func:`zonekg.sparql.bind`): each value is made an RDF term, written
  by pyoxigraph in N-Triples syntax in a ``VALUES`` row, so it cannot change the query's structure.
- The page (``/``) lists the named queries and runs them same-origin; it works offline.

Updates are refused twice: by the front (403) and by the read-only child.
"""

from __future__ import annotations

import http.client
import json
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from zonekg.model.errors import ZoneKGError
from zonekg.model.namespaces import PREFIXES
from zonekg.model.paths import STORE_DIR
from zonekg.queries.named import NamedQuery, named_queries
from zonekg.rdf.children import die_with_parent
from zonekg.serve import editor

#: What the front accepts and what it answers with, by media type (first = default).
SOLUTION_TYPES = ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                  "text/tab-separated-values", "application/json", "application/xml")
GRAPH_TYPES = ("text/turtle", "application/n-triples", "application/ld+json")
#: Row-per-line formats asked of the child, so the front can count rows without parsing.
UPSTREAM_ACCEPT = "text/tab-separated-values, application/n-triples;q=0.9"
MAX_BODY = 1 << 20  # bytes of a POSTed query
PAGE_FILES = editor.PAGE_FILES  # the query page and its vendored editor (YASGUI), in page/
SECURITY_HEADERS = {
    "Content-Security-Policy": editor.CSP,  # why it allows inline styles: zonekg.serve.editor
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


class Refused(Exception):
    """A request the endpoint will not run, with the HTTP status and a message for the client."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


# --- what a query may do ------------------------------------------------------------------

def check_query(query: str) -> None:
    """Refuse (403) what the query engine refuses (:func:`zonekg.sparql.check_query`): ``SERVICE``
    (Oxigraph would follow it to the network), ``FROM``, ``LOAD`` and updates.

    The engine reads the query's tokens (IRIs, strings and comments skipped); the ``\\u``
    code-point escapes that SPARQL lets a query use anywhere are decoded first, so
    ``\\u0053ERVICE`` is the keyword too."""
    from zonekg.queries.engine import check_query as engine_check

    try:
        text = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), query)
    except ValueError:  # \U beyond the last code point
        raise Refused(400, "the query has a \\U escape that is no Unicode code point") from None
    try:
        engine_check(text)
    except ZoneKGError as exc:
        raise Refused(403, exc.message) from None


def negotiate(accept: str | None, offers: tuple[str, ...]) -> str:
    """The offered media type the ``Accept`` header likes best (the first offer when it names none)."""
    best, best_q = offers[0], 0.0
    for part in (accept or "").split(","):
        media, _, rest = part.partition(";")
        media = media.strip().lower()
        q = _quality(rest)
        if media in offers:
            choice = media
        elif media == "*/*" or (media.endswith("/*") and any(o.startswith(media[:-1]) for o in offers)):
            choice = next(o for o in offers if media == "*/*" or o.startswith(media[:-1]))
            q -= 1e-6  # an explicit type wins a tie with a wildcard
        else:
            continue
        if q > best_q:
            best, best_q = choice, q
    return best


def _quality(params: str) -> float:
    for field in params.split(";"):
        name, _, value = field.strip().partition("=")
        if name == "q":
            try:
                return max(0.0, min(1.0, float(value)))
            except ValueError:
                return 0.0
    return 1.0


def bind_named(nq: NamedQuery, values: dict[str, str]) -> str:
    """A named query with the parameters of a ``/run`` request bound by the query engine
    (:func:`zonekg.sparql.bind`, values read as typed text); its errors answer 400."""
    from zonekg.queries.engine import bind

    try:
        return bind(nq, values, from_text=True)
    except ZoneKGError as exc:
        raise Refused(400, exc.message) from None
    except ValueError as exc:  # pyoxigraph's refusal of a term, e.g. an IRI with a bad host
        raise Refused(400, f"a parameter is not a valid RDF term: {exc}") from None


# --- the child server ---------------------------------------------------------------------

def oxigraph_binary() -> str:
    """The ``oxigraph`` program of this Python environment, or the one on the PATH."""
    import shutil

    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise ZoneKGError("the `oxigraph` server program is not installed: pip install oxigraph==0.5.13")
    return found


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now (for the private child server)."""
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def wait_for_port(host: str, port: int, proc: subprocess.Popen | None, seconds: float) -> None:
    """Wait until something listens on ``host:port`` (bounded), or the process has died."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            err = proc.stderr.read().decode("utf-8", "replace").strip() if proc.stderr else ""
            raise ZoneKGError(f"the oxigraph server stopped at start: {err or f'exit code {proc.returncode}'}")
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise ZoneKGError(f"the oxigraph server did not listen on {host}:{port} within {seconds:g} s")


def start_child(store: Path, timeout_s: int) -> tuple[subprocess.Popen, int]:
    """Start ``oxigraph serve-read-only`` over ``store`` on a free loopback port."""
    port = free_port()
    cmd = [oxigraph_binary(), "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}",
           "--timeout-s", str(timeout_s)]
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            preexec_fn=die_with_parent(signal.SIGTERM) if sys.platform == "linux" else None)
    try:
        wait_for_port("127.0.0.1", port, proc, 20)
    except ZoneKGError:
        proc.kill()
        proc.wait()
        raise
    return proc, port


# --- answering ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Answer:
    """What the front sends back: status, media type, body, and whether the result limit cut it."""

    status: int
    media_type: str
    body: bytes
    truncated: bool = False


@dataclass
class Endpoint:
    """Runs checked queries on the child server and writes the answers in the client's format."""

    port: int
    timeout_s: int
    limit: int

    def answer(self, query: str, accept: str | None, graphs: Sequence[tuple[str, str]] = ()) -> Answer:
        check_query(query)
        from urllib.parse import urlencode

        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout_s + 5)
        try:
            conn.request("POST", "/query", urlencode([("query", query), *graphs]).encode("utf-8"),
                         {"Content-Type": "application/x-www-form-urlencoded", "Accept": UPSTREAM_ACCEPT})
            resp = conn.getresponse()
            if resp.status != 200:
                message = resp.read(64 * 1024).decode("utf-8", "replace").strip()
                return Answer(resp.status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))
            media = resp.headers.get_content_type()
            head = 1 if media == "text/tab-separated-values" else 0
            lines, truncated = _read_lines(resp, self.limit + head)
        except TimeoutError:
            raise Refused(503, f"the query ran longer than the time limit ({self.timeout_s} s)") from None
        except (OSError, http.client.HTTPException) as exc:
            raise Refused(502, f"the query failed: {exc}") from None
        finally:
            conn.close()
        body = b"".join(lines)
        try:
            if media == "application/n-triples":
                return _graph_answer(body, accept, truncated)
            return _results_answer(body, accept, truncated)
        except Refused as exc:
            if "cancelled" in exc.message:  # how Oxigraph ends a stream at its time limit
                raise Refused(503, f"the query ran longer than the time limit ({self.timeout_s} s)") from None
            raise


def _read_lines(resp: http.client.HTTPResponse, limit: int) -> tuple[list[bytes], bool]:
    """At most ``limit`` lines of the response, and whether there were more."""
    lines: list[bytes] = []
    while line := resp.readline():
        if len(lines) == limit:
            return lines, True
        lines.append(line)
    return lines, False


def _results_answer(tsv: bytes, accept: str | None, truncated: bool) -> Answer:
    import pyoxigraph as ox

    fmt = ox.QueryResultsFormat.from_media_type(negotiate(accept, SOLUTION_TYPES))
    try:  # the parser is lazy: a bad row shows while writing
        body = ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV).serialize(format=fmt)
    except (SyntaxError, ValueError):
        raise Refused(500, _failure(tsv)) from None
    return Answer(200, fmt.media_type, body, truncated)


def _graph_answer(ntriples: bytes, accept: str | None, truncated: bool) -> Answer:
    import pyoxigraph as ox

    fmt = ox.RdfFormat.from_media_type(negotiate(accept, GRAPH_TYPES))
    prefixes = PREFIXES if fmt == ox.RdfFormat.TURTLE else None
    try:
        triples = [q.triple for q in ox.parse(ntriples, ox.RdfFormat.N_TRIPLES)]
    except (SyntaxError, ValueError):
        raise Refused(500, _failure(ntriples)) from None
    return Answer(200, fmt.media_type, ox.serialize(triples, format=fmt, prefixes=prefixes), truncated)


def _failure(body: bytes) -> str:
    """Oxigraph reports an error met while streaming (a time-out, say) as the body's last line."""
    last = body.rstrip().rsplit(b"\n", 1)[-1].decode("utf-8", "replace")
    return f"the query failed while its results were sent: {last}"


def catalogue_entry(nq: NamedQuery) -> dict[str, Any]:
    """A named query as the page lists it (``/queries``)."""
    return {"name": nq.name, "en": nq.question_en, "zh": nq.question_zh, "returns": nq.returns,
            "params": nq.params, "text": nq.text}


# --- HTTP ---------------------------------------------------------------------------------

class Front(ThreadingHTTPServer):
    """The HTTP server users reach: the page, the named queries and ``/sparql``."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], endpoint: Endpoint, queries: dict[str, NamedQuery]) -> None:
        super().__init__(address, Handler)
        self.endpoint = endpoint
        self.queries = queries


class Handler(BaseHTTPRequestHandler):
    server: Front
    server_version = "zonekg"
    sys_version = ""

    def do_GET(self) -> None:
        self._handle(self._get)

    def do_POST(self) -> None:
        self._handle(self._post)

    def _handle(self, respond: Callable[[], None]) -> None:
        """Answer one request: a refusal with its status, a bug of ours with 500 — an answer the
        client can show, never a closed connection."""
        try:
            respond()
        except Refused as exc:
            self._send(exc.status, "text/plain; charset=utf-8", (exc.message + "\n").encode("utf-8"))
        except Exception as exc:  # a bug of ours: an answer the client can show, not a closed connection
            self.log_error("%s %s failed: %r", self.command, self.path, exc)
            self._send(500, "text/plain; charset=utf-8",
                       f"internal error of the endpoint: {type(exc).__name__}: {exc}\n".encode())

    def _get(self) -> None:
        url = urlsplit(self.path)
        params = parse_qsl(url.query, keep_blank_values=True)
        if url.path in PAGE_FILES:
            name, media = PAGE_FILES[url.path]
            self._send(200, media, resources.files("zonekg.serve").joinpath("page", name).read_bytes())
        elif url.path == "/favicon.ico":  # browsers ask for it; there is none
            self._send(204, "image/x-icon", b"")
        elif url.path == "/terms":  # the editor's completion list
            self._send(200, "application/json", editor.terms_json(self.server.endpoint.port))
        elif url.path == "/queries":
            self._send(200, "application/json", json.dumps(
                [catalogue_entry(nq) for nq in self.server.queries.values()], ensure_ascii=False).encode("utf-8"))
        elif url.path.startswith("/run/"):
            self._run_named(url.path[len("/run/"):], params)
        elif url.path == "/sparql":
            self._sparql(params)
        else:
            raise Refused(404, f"nothing at {url.path}: the endpoint is /sparql, the page is /")

    def _post(self) -> None:
        url = urlsplit(self.path)
        if url.path != "/sparql":
            raise Refused(405, "only /sparql takes POST")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            raise Refused(413, f"the request is larger than {MAX_BODY} bytes")
        body = self.rfile.read(length).decode("utf-8", "replace")
        media = (self.headers.get_content_type() or "").lower()
        params = parse_qsl(url.query, keep_blank_values=True)
        if media == "application/sparql-update":
            raise Refused(403, "updates are refused: this endpoint is read-only")
        if media == "application/sparql-query":
            params.append(("query", body))
        elif media == "application/x-www-form-urlencoded":
            params += parse_qsl(body, keep_blank_values=True)
        else:
            raise Refused(415, f"unsupported Content-Type {media}: use application/sparql-query "
                               "or application/x-www-form-urlencoded")
        self._sparql(params)

    def _refuse_write(self) -> None:
        self._send(405, "text/plain; charset=utf-8", b"read-only: only GET and POST of queries\n",
                   {"Allow": "GET, POST"})

    do_PUT = do_DELETE = do_PATCH = _refuse_write

    def _sparql(self, params: list[tuple[str, str]]) -> None:
        if any(k == "update" for k, _ in params):
            raise Refused(403, "updates are refused: this endpoint is read-only")
        queries = [v for k, v in params if k == "query"]
        if len(queries) != 1:
            raise Refused(400, "give exactly one 'query' parameter (SPARQL 1.1 Protocol)")
        graphs = [(k, v) for k, v in params if k in ("default-graph-uri", "named-graph-uri")]
        self._answer(queries[0], graphs)

    def _run_named(self, name: str, params: list[tuple[str, str]]) -> None:
        nq = self.server.queries.get(name)
        if nq is None:
            raise Refused(404, f"no named query '{name}' (see /queries)")
        values = dict(params)
        unknown = sorted(set(values) - set(nq.params))
        if unknown:
            raise Refused(400, f"unknown parameter '{unknown[0]}' of {name} (it takes: "
                               f"{', '.join(nq.params) or 'none'})")
        self._answer(bind_named(nq, {k: v for k, v in values.items() if v != ""}), [])

    def _answer(self, query: str, graphs: list[tuple[str, str]]) -> None:
        ep = self.server.endpoint
        warned = editor.warning_headers(ep.port, query, graphs)  # before it runs: misspelt or retired terms
        got = ep.answer(query, self.headers.get("Accept"), graphs)
        extra = {"Vary": "Accept", "Zonekg-Result-Limit": str(ep.limit), **warned}
        if got.truncated:
            extra["Zonekg-Truncated"] = "true"
        self._send(got.status, got.media_type, got.body, extra)

    def _send(self, status: int, media: str, body: bytes, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        for k, v in {**SECURITY_HEADERS, **(extra or {})}.items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


# --- running ------------------------------------------------------------------------------

@dataclass
class Serving:
    """A running front and its child; ``close()`` stops both."""

    front: Front
    child: subprocess.Popen

    @property
    def url(self) -> str:
        host, port = self.front.server_address[:2]
        return f"http://{host}:{port}/"

    def close(self) -> None:
        self.front.server_close()
        self.child.terminate()
        try:
            self.child.wait(5)
        except subprocess.TimeoutExpired:
            self.child.kill()
            self.child.wait()


def start(root: Path, host: str = "127.0.0.1", port: int = 7878, timeout_s: int = 10, limit: int = 10000) -> Serving:
    """Start the child server over ``build/oxigraph`` and bind the front (not yet serving)."""
    from zonekg.model import paths

    store = paths.build_dir(root) / STORE_DIR
    if not store.is_dir():
        raise ZoneKGError("no store: run `zonekg build` first", store)
    if timeout_s < 1 or limit < 1:
        raise ZoneKGError("the time limit and the result limit must be at least 1", field="--timeout/--limit")
    queries = named_queries(root)
    child, child_port = start_child(store, timeout_s)
    try:
        front = Front((host, port), Endpoint(child_port, timeout_s, limit), queries)
    except OSError as exc:
        child.terminate()
        child.wait()
        raise ZoneKGError(f"cannot listen on {host}:{port}: {exc.strerror or exc}", field="--port") from None
    return Serving(front, child)
