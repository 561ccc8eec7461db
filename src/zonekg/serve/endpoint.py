"""``zonekg serve``: a read-only SPARQL 1.1 Protocol endpoint and a query page, on localhost.

Two parts, and only the first can be reached from outside the process:

- **the front**, a WSGI application served by waitress (a maintained HTTP server: a real listen
  backlog, a bounded pool of request threads, idle timeouts that close half-open connections
  without holding a thread, 400 for a malformed request line, header or ``Content-Length``, 413
  for a body past the limit). The front checks ``Host`` (loopback names, plus the ``--host`` it
  was given and ``--allow-host`` names) and ``Origin``/``Sec-Fetch-Site`` (same origin only: a
  page on another site, or on another port of this machine, cannot make it run a query, and no
  CORS header ever allows one), then hands each query to
- **the workers** (:class:`zonekg.queries.pool.QueryPool`), forked processes over the read-only
  store, reached only through pipes: each checks the query from a real parse
  (:mod:`zonekg.queries.guard`: no ``SERVICE``, ``FROM``, ``LOAD`` or update), runs it with no
  network access and under a memory ceiling (:mod:`zonekg.rdf.sandbox`), and writes at most
  ``limit`` rows in the client's format. A worker past the time limit is killed and replaced;
  one that dies is replaced; the front keeps answering.

Named queries (``queries/*.rq``) run by name with parameters (``/run/<name>?param=value``), bound
by the query engine (:func:`zonekg.queries.engine.bind`): each value is made an RDF term, written
by pyoxigraph in N-Triples syntax in a ``VALUES`` row, so it cannot change the query's structure.
The page (``/``) lists the named queries and runs them same-origin; it works offline.
"""

from __future__ import annotations

import ipaddress
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from zonekg.model.errors import BuildDamaged, NotBuilt, QueryRefused, QuerySyntaxError, QueryTimeout, ZoneKGError
from zonekg.queries.named import NamedQuery, named_queries
from zonekg.queries.pool import (
    DEFAULT_MEMORY,
    DEFAULT_WORKERS,
    GRAPH_TYPES,
    SOLUTION_TYPES,
    Job,
    QueryFailed,
    QueryPool,
    negotiate,
)
from zonekg.serve import editor

__all__ = ["GRAPH_TYPES", "SOLUTION_TYPES", "negotiate", "start", "Serving", "Endpoint"]

MAX_BODY = 1 << 20  # bytes of a POSTed query
MAX_HEADERS = 64 << 10  # bytes of the request line and headers (a GET query is in the line)
#: Seconds a connection may stay idle (a half-open or slow client) before it is closed.
IDLE_TIMEOUT = 10
#: Request threads of the front; a query holds one while a worker answers it.
THREADS = 8
#: Connections held at once (each costs a file descriptor, not a thread); the listen backlog.
CONNECTION_LIMIT = 4000
BACKLOG = 1024
PAGE_FILES = editor.PAGE_FILES  # the query page and its vendored editor (YASGUI), in page/
#: Every answer's security headers, the page's Content-Security-Policy among them (one place).
SECURITY_HEADERS = {
    "Content-Security-Policy": editor.CSP,  # why it allows inline <style> elements: zonekg.serve.editor
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "same-origin",
}
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS"


class Refused(Exception):
    """A request the endpoint will not run, with the HTTP status and a message for the client."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


@dataclass(frozen=True)
class Answer:
    """What the front sends back: status, media type, body, and whether the result limit cut it."""

    status: int
    media_type: str
    body: bytes
    truncated: bool = False


def is_loopback(host: str) -> bool:
    """True for a name or address of this machine's loopback interface."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _host_name(value: str) -> str:
    """The host part of a ``Host`` header (``[::1]:7878`` → ``::1``), lower-cased."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def bind_named(nq: NamedQuery, values: dict[str, str]) -> str:
    """A named query with the parameters of a ``/run`` request bound by the query engine
    (:func:`zonekg.queries.engine.bind`, values read as typed text); its errors answer 400."""
    from zonekg.queries.engine import bind

    try:
        return bind(nq, values, from_text=True)
    except ZoneKGError as exc:
        raise Refused(400, exc.message) from None
    except ValueError as exc:  # pyoxigraph's refusal of a term, e.g. an IRI with a bad host
        raise Refused(400, f"a parameter is not a valid RDF term: {exc}") from None


def catalogue_entry(nq: NamedQuery) -> dict[str, Any]:
    """A named query as the page lists it (``/queries``)."""
    return {"name": nq.name, "en": nq.question_en, "zh": nq.question_zh, "returns": nq.returns,
            "params": nq.params, "text": nq.text}


def status_of(exc: ZoneKGError) -> int:
    """The HTTP status of an error a worker raised, by its type."""
    if isinstance(exc, QueryTimeout):
        return 503
    if isinstance(exc, (QueryFailed, NotBuilt, BuildDamaged)):
        return 503
    if isinstance(exc, QueryRefused):
        return 400 if exc.field in ("default-graph-uri", "named-graph-uri") else 403
    return 400  # a syntax error, an evaluation error of the query itself


# --- the application ----------------------------------------------------------------------------

@dataclass
class Endpoint:
    """The WSGI application: checks each request, has a worker answer it, writes the answer."""

    pool: QueryPool
    timeout_s: float
    limit: int
    queries: dict[str, NamedQuery]
    port: int = 0
    hosts: frozenset[str] = field(default_factory=lambda: frozenset(LOOPBACK_NAMES))
    terms: bytes | None = None  # the editor's completion list, made at its first request

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET").upper()
        try:
            self._check_origin(environ)
            status, media, body, extra = self._route(method, environ)
        except Refused as exc:
            status, media, body, extra = (exc.status, "text/plain; charset=utf-8",
                                          (exc.message + "\n").encode("utf-8"), exc.headers)
        except Exception as exc:  # a bug of ours: an answer the client can show, not a closed connection
            print(f"zonekg serve: {method} {environ.get('PATH_INFO')} failed: {type(exc).__name__}: {exc}",
                  file=sys.stderr)
            status, media, body, extra = (500, "text/plain; charset=utf-8",
                                          b"internal error of the endpoint (see the server's log)\n", {})
        headers = [("Content-Type", media), ("Content-Length", str(len(body))),
                   *SECURITY_HEADERS.items(), *extra.items()]
        start_response(f"{status} {HTTPStatus(status).phrase}", headers)
        return [b"" if method == "HEAD" else body]

    # --- who may ask

    def _check_origin(self, environ: dict[str, Any]) -> None:
        """Refuse a foreign ``Host`` (DNS rebinding) and any cross-origin request (a page on
        another site or port driving the endpoint): 403, and no CORS header."""
        host = environ.get("HTTP_HOST")
        if host is not None and _host_name(host) not in self.hosts:
            raise Refused(403, f"the Host {host!r} is not this endpoint's (it answers to "
                               f"{', '.join(sorted(self.hosts))}; see zonekg serve --allow-host)")
        site = (environ.get("HTTP_SEC_FETCH_SITE") or "").lower()
        if site in ("cross-site", "same-site"):
            raise Refused(403, "cross-origin requests are refused: open the page this endpoint serves")
        origin = environ.get("HTTP_ORIGIN")
        if origin is not None:
            parts = urlsplit(origin)
            try:
                port = parts.port or (443 if parts.scheme == "https" else 80)
            except ValueError:
                port = -1
            if parts.scheme != "http" or (parts.hostname or "") not in self.hosts or port != self.port:
                raise Refused(403, f"cross-origin requests are refused (Origin {origin})")

    # --- what is asked

    def _route(self, method: str, environ: dict[str, Any]) -> tuple[int, str, bytes, dict[str, str]]:
        path = environ.get("PATH_INFO") or "/"
        params = parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        if method == "OPTIONS":
            return 204, "text/plain; charset=utf-8", b"", {"Allow": ALLOWED_METHODS}
        if method in ("PUT", "DELETE", "PATCH"):
            raise Refused(405, "read-only: only GET and POST of queries", {"Allow": ALLOWED_METHODS})
        if method == "POST":
            if path != "/sparql":
                raise Refused(405, "only /sparql takes POST", {"Allow": "GET, HEAD, OPTIONS"})
            return self._post(environ, params)
        if method not in ("GET", "HEAD"):
            raise Refused(405, f"{method} is not answered here", {"Allow": ALLOWED_METHODS})
        if path in PAGE_FILES:
            name, media = PAGE_FILES[path]
            return 200, media, resources.files("zonekg.serve").joinpath("page", name).read_bytes(), {}
        if path == "/favicon.ico":  # browsers ask for it; there is none
            return 204, "image/x-icon", b"", {}
        if path == "/terms":  # the editor's completion: the prefixes and the ontology's terms
            return 200, "application/json", self._terms(), {}
        if path == "/queries":
            body = json.dumps([catalogue_entry(nq) for nq in self.queries.values()], ensure_ascii=False)
            return 200, "application/json", body.encode("utf-8"), {}
        if path.startswith("/run/"):
            return self._run_named(path[len("/run/"):], params, environ)
        if path == "/sparql":
            return self._sparql(params, environ)
        raise Refused(404, f"nothing at {path}: the endpoint is /sparql, the page is /")

    def _post(self, environ: dict[str, Any], params: list[tuple[str, str]]) -> tuple[int, str, bytes, dict[str, str]]:
        raw_length = environ.get("CONTENT_LENGTH") or "0"
        if not raw_length.isdigit():  # waitress refuses these first; a second line
            raise Refused(400, f"Content-Length {raw_length!r} is not a number of bytes")
        length = int(raw_length)
        if length > MAX_BODY:
            raise Refused(413, f"the request is larger than {MAX_BODY} bytes")
        body = environ["wsgi.input"].read(length)
        if len(body) > MAX_BODY:
            raise Refused(413, f"the request is larger than {MAX_BODY} bytes")
        media = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            raise Refused(403, "updates are refused: this endpoint is read-only")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise Refused(400, "the request body is not UTF-8") from None
        if media == "application/sparql-query":
            params.append(("query", text))
        elif media == "application/x-www-form-urlencoded":
            params += parse_qsl(text, keep_blank_values=True)
        else:
            raise Refused(415, f"unsupported Content-Type {media or '(none)'}: use application/sparql-query "
                               "or application/x-www-form-urlencoded")
        return self._sparql(params, environ)

    def _sparql(self, params: list[tuple[str, str]], environ: dict[str, Any]) -> tuple[int, str, bytes, dict[str, str]]:
        if any(k == "update" for k, _ in params):
            raise Refused(403, "updates are refused: this endpoint is read-only")
        queries = [v for k, v in params if k == "query"]
        if len(queries) != 1:
            raise Refused(400, "give exactly one 'query' parameter (SPARQL 1.1 Protocol)")
        default = tuple(v for k, v in params if k == "default-graph-uri")
        named = tuple(v for k, v in params if k == "named-graph-uri")
        return self._answer(queries[0], queries[0], environ, default, named)

    def _run_named(self, name: str, params: list[tuple[str, str]],
                   environ: dict[str, Any]) -> tuple[int, str, bytes, dict[str, str]]:
        nq = self.queries.get(name)
        if nq is None:
            raise Refused(404, f"no named query '{name}' (see /queries)")
        values = dict(params)
        if len(values) != len(params):
            raise Refused(400, "a parameter is given twice: give each once")
        unknown = sorted(set(values) - set(nq.params))
        if unknown:
            raise Refused(400, f"unknown parameter '{unknown[0]}' of {name} (it takes: "
                               f"{', '.join(nq.params) or 'none'})")
        text = bind_named(nq, {k: v for k, v in values.items() if v != ""})
        return self._answer(text, nq.text, environ)

    def _answer(self, text: str, check_text: str, environ: dict[str, Any], default: tuple[str, ...] = (),
                named: tuple[str, ...] = ()) -> tuple[int, str, bytes, dict[str, str]]:
        job = Job(text, check_text, accept=environ.get("HTTP_ACCEPT") or "*/*", limit=self.limit,
                  default_graphs=default, named_graphs=named)
        try:
            media, body, truncated, notes = self.pool.ask(job, self.timeout_s)
        except QueryTimeout as exc:
            message = (f"the query ran longer than the time limit ({self.timeout_s:g} s)"
                       if exc.message.startswith("query stopped") else exc.message)
            raise Refused(503, message) from None
        except (QuerySyntaxError, ZoneKGError) as exc:
            raise Refused(status_of(exc), exc.message) from None
        extra = {"Vary": "Accept", "Zonekg-Result-Limit": str(self.limit), **editor.warning_headers(notes)}
        if truncated:
            extra["Zonekg-Truncated"] = "true"
        return 200, media, body, extra

    def _terms(self) -> bytes:
        """The completion list, asked of a worker once (the store is read-only while served)."""
        if self.terms is None:
            self.terms = editor.terms_json(self._select)
        return self.terms

    def _select(self, query: str) -> list[tuple[str | None, ...]]:
        """A query of ours (no user text in it) through a worker, as rows of plain values."""
        result = self.pool.ask(Job(query, query), self.timeout_s)
        return [tuple(None if t is None else t.value for t in row) for row in result.rows]


# --- running ------------------------------------------------------------------------------------

@dataclass
class Serving:
    """A bound front and its pool of workers; :meth:`run` serves until stopped, :meth:`close` stops."""

    server: Any
    pool: QueryPool
    endpoint: Endpoint
    warnings: list[str]

    @property
    def url(self) -> str:
        host = self.server.effective_host
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{self.server.effective_port}/"

    def run(self) -> None:
        self.server.run()

    def close(self) -> None:
        self.server.close()
        self.pool.close()


def _raise_file_limit(want: int) -> int:
    """Raise this process's open-file limit towards ``want`` (one per connection); the limit had."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = want if hard == resource.RLIM_INFINITY else min(want, hard)
    if soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    return soft


def start(root: Path, host: str = "127.0.0.1", port: int = 7878, timeout_s: float = 10, limit: int = 10000,
          workers: int = DEFAULT_WORKERS, memory: int | None = DEFAULT_MEMORY,
          allow_hosts: Iterable[str] = ()) -> Serving:
    """Check the store, start the warm workers and bind the front (not yet serving)."""
    import math

    from waitress.server import create_server

    from zonekg.model import paths
    from zonekg.store.local import check_store

    if not (timeout_s >= 1 and math.isfinite(timeout_s)) or limit < 1 or workers < 1:
        raise ZoneKGError("the time limit, the result limit and the workers must be at least 1",
                          field="--timeout/--limit/--workers")
    store = paths.store_dir(root)
    if not store.is_dir():
        raise NotBuilt("no store: run `zonekg build` first", store)
    check_store(store)
    queries = named_queries(root)
    import rdflib.plugins.sparql.parser  # noqa: F401 - the check's parser, imported once for every worker

    pool = QueryPool(store, size=workers, memory=memory, keep_warm=True)
    try:
        pool.warm()  # now, before the front has threads: the first forks are from a quiet process
        pool.ask(Job("ASK {}", "ASK {}", accept="text/csv"), 30)  # a store that cannot be opened stops here
        hosts = {*LOOPBACK_NAMES, host.lower().strip("[]"), *(h.lower() for h in allow_hosts)}
        warnings = []
        if not is_loopback(host):
            warnings.append(f"warning: zonekg serve listens on {host}, not only on this machine: anyone who can "
                            "reach it can run queries on the graph (read-only, time-limited). Put a reverse proxy "
                            "with access control in front of it, and name the host clients use with --allow-host.")
            if host in ("0.0.0.0", "::", ""):
                import socket

                hosts |= {socket.gethostname().lower(), socket.getfqdn().lower()}
        endpoint = Endpoint(pool, timeout_s, limit, queries, hosts=frozenset(hosts))
        files = _raise_file_limit(CONNECTION_LIMIT + 256)
        try:
            server = create_server(endpoint, host=host, port=port, threads=THREADS, backlog=BACKLOG,
                                   connection_limit=max(16, min(CONNECTION_LIMIT, files - 256)),
                                   channel_timeout=IDLE_TIMEOUT, cleanup_interval=1,
                                   max_request_body_size=MAX_BODY, max_request_header_size=MAX_HEADERS,
                                   asyncore_use_poll=True, ident="zonekg", expose_tracebacks=False,
                                   clear_untrusted_proxy_headers=True)
        except OSError as exc:
            raise ZoneKGError(f"cannot listen on {host}:{port}: {exc.strerror or exc}", field="--port") from None
        endpoint.port = int(server.effective_port)
    except BaseException:
        pool.close()
        raise
    return Serving(server, pool, endpoint, warnings)
