"""Warm, time-limited, sandboxed workers that run queries on the read-only store.

Every query on the build's store runs in a worker process, never in the caller: neither engine
can be stopped from inside, pyoxigraph follows ``SERVICE`` to the network, and a query can ask for
more memory than the machine has. A worker (:class:`zonekg.rdf.children.Worker`) is forked, then
cut off the network and given a memory ceiling (:func:`zonekg.rdf.sandbox.isolate`) before it
reads a query; it opens the store once and answers query after query. The caller waits at most
the time limit: a worker past it is killed (its CPU stops at once) and a new one forked at the
next query; a worker that dies (out of memory, an engine crash) is replaced the same way.

- ``zonekg query`` asks a pool of one worker for its one query (the fork it always paid).
- ``zonekg.query()`` keeps one pool per store for the life of the Python process (a notebook
  asks many small questions: no fork and no store opening after the first).
- ``zonekg serve`` answers every request from a pool of ``workers`` (default 2), and nothing else
  can reach the engine: there is no port, only the pipes between the front and its workers.

In the worker, each query is checked first (:func:`zonekg.queries.guard.check_query`; a text whose
structure passed before skips the parse) and then run; for the endpoint the worker also writes
the answer in the client's format with at most ``limit`` rows (:class:`Job`). A pool notices when
the build replaced the store (its stamp file changed) and starts fresh workers on the new one.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

from zonekg.model.errors import BuildDamaged, NotBuilt, QueryRefused, QuerySyntaxError, QueryTimeout, ZoneKGError
from zonekg.model.prefixes import INFERRED_GRAPH, PREFIXES
from zonekg.queries.answers import Result
from zonekg.queries.terms import TermNote, oxigraph_select, term_notes, vocabulary

if TYPE_CHECKING:
    import pyoxigraph

    from zonekg.rdf.children import Worker
    from zonekg.rdf.sandbox import Isolation

#: Bytes a worker may add to its address space beyond what it had when forked (``RLIMIT_AS``).
DEFAULT_MEMORY = 1 << 30
#: Workers of the endpoint's pool (one per core of the machine this was made on).
DEFAULT_WORKERS = 2
#: What the endpoint answers with, by media type (first = default).
SOLUTION_TYPES = ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                  "text/tab-separated-values", "application/json", "application/xml")
GRAPH_TYPES = ("text/turtle", "application/n-triples", "application/ld+json")
_ERRORS: dict[str, type[ZoneKGError]] = {cls.__name__: cls for cls in
                                         (ZoneKGError, NotBuilt, BuildDamaged, QueryRefused, QueryTimeout,
                                          QuerySyntaxError)}


class QueryFailed(ZoneKGError):
    """The engine died on a query (out of memory, a crash); the worker was replaced."""


@dataclass(frozen=True)
class Job:
    """One query for a worker.

    ``text`` runs (parameters bound); ``check_text`` is checked (the query before binding: a bound
    value is an RDF term written by pyoxigraph and cannot add a pattern), its parse skipped when
    ``checked``. With ``accept`` set (the endpoint), the answer is ``(media type, body, truncated)``
    in the best format for that ``Accept`` header, cut after ``limit`` rows; else a :class:`Result`."""

    text: str
    check_text: str
    checked: bool = False
    source: Path | None = None
    inferred: bool = False
    drafts: bool = False
    accept: str | None = None
    limit: int | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Packed:
    """A SELECT or CONSTRUCT answer as the engine itself wrote it: SPARQL TSV results (a row a
    line) or N-Triples, and the notes on the query's terms.

    Why: a worker used to send a :class:`Result` of pyoxigraph terms through ``pickle``, which
    pickles every term as a Python object: at a million quads ``intended-vs-reported``'s 43,497
    rows took 1.1 s to pickle and 0.5 s to read back, more than making them.  Oxigraph writes the
    same rows as TSV in Rust while it evaluates the query, and its parser rebuilds exactly the
    same terms (the store keeps literals in canonical form, which TSV writes as they are) in a
    tenth of that.  :meth:`result` is the :class:`Result` the caller would have had."""

    type: str  # SELECT or CONSTRUCT
    data: bytes
    notes: list

    def result(self) -> Result:
        import pyoxigraph as ox

        if self.type == "SELECT":
            solutions = ox.parse_query_results(self.data, ox.QueryResultsFormat.TSV)
            assert isinstance(solutions, ox.QuerySolutions)  # TSV holds no boolean
            names = [v.value for v in solutions.variables]
            return Result("SELECT", names, [tuple(s) for s in solutions], notes=self.notes)
        triples = [q.triple for q in ox.parse(self.data, ox.RdfFormat.N_TRIPLES)]
        return Result("CONSTRUCT", triples=triples, notes=self.notes)


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
                q = float(value)
            except ValueError:
                return 0.0
            return max(0.0, min(1.0, q)) if q == q else 0.0  # NaN is no quality
    return 1.0


# --- in the worker ------------------------------------------------------------------------------

_store: pyoxigraph.Store | None = None
#: What the sandbox applied in this worker (None outside a worker).
_isolation: Isolation | None = None


def _handle(store_path: str, request: bytes) -> bytes:
    """The worker's answer to one pickled :class:`Job`: ``("ok", value)`` or ``("error", parts)``."""
    try:
        job = pickle.loads(request)
        return pickle.dumps(("ok", _do(job, store_path)))
    except ZoneKGError as exc:
        return pickle.dumps(("error", (type(exc).__name__, exc.message, exc.file, exc.line, exc.field)))
    except MemoryError:
        return pickle.dumps(("error", ("QueryFailed", "the query needed more memory than a worker may use",
                                       None, None, "query")))
    except Exception as exc:  # an engine's evaluation error, reported as a user error
        return pickle.dumps(("error", ("ZoneKGError", f"query failed: {type(exc).__name__}: {exc}",
                                       None, None, "query")))


def _do(job: Job, store_path: str) -> Any:
    from zonekg.queries import guard

    guard.keyword_check(job.text, job.source)
    if not job.checked:
        try:
            guard.check_query(job.check_text, job.source)
        except QuerySyntaxError as exc:
            raise _engine_syntax_error(job) or exc from None
    global _store
    if _store is None:
        from zonekg.store.local import open_store

        _store = open_store(Path(store_path))
    return evaluate(_store, job, packed=True)


def _engine_syntax_error(job: Job) -> ZoneKGError | None:
    """Oxigraph's syntax error for a text the checker's parser (rdflib's) could not read, where
    Oxigraph cannot read it either: its messages name the place better. Asked of an empty
    in-memory store, in this worker (no network); the text is never run on the build's store."""
    import pyoxigraph as ox

    if _isolation is None or not _isolation.offline:  # it might run: only where nothing can be reached
        return None
    try:
        ox.Store().query(job.check_text, prefixes=PREFIXES)
    except SyntaxError as exc:
        return syntax_error(exc, job.check_text, job.source)
    except Exception:  # noqa: BLE001 - it parsed: the checker's message stands
        return None
    return None


def evaluate(store: pyoxigraph.Store, job: Job, *, packed: bool = False) -> Any:
    """Run a checked job on an open store: a :class:`Result`, or the endpoint's answer. With
    ``packed`` (a worker answering another process) a SELECT or CONSTRUCT answer is the
    :class:`Packed` bytes the engine wrote, never turned into Python terms here."""
    import pyoxigraph as ox

    from zonekg.model.prefixes import DRAFTS_GRAPH_BASE

    graphs: list[Any] | None = None
    if job.default_graphs:
        graphs = [_iri(g) for g in job.default_graphs]
    else:
        extra: list[Any] = []
        if job.inferred and store.contains_named_graph(ox.NamedNode(str(INFERRED_GRAPH))):
            extra.append(ox.NamedNode(str(INFERRED_GRAPH)))
        if job.drafts:
            found = sorted((g for g in store.named_graphs() if g.value.startswith(DRAFTS_GRAPH_BASE)), key=str)
            if not found:
                raise NotBuilt("no drafts were built: run `zonekg build --drafts` first", None, None, "--drafts")
            extra += found
        graphs = [ox.DefaultGraph(), *extra] if extra else None
    named: list[Any] | None = [_iri(g) for g in job.named_graphs] or None
    notes = _term_notes(store, job)  # before the query runs: a typo or a retired term is named
    try:
        answer = store.query(job.text, prefixes=PREFIXES, default_graph=graphs, named_graphs=named)
    except SyntaxError as exc:
        raise syntax_error(exc, job.text, job.source) from None
    if job.accept is not None:
        media, body, truncated = _serialised(answer, job.accept, job.limit)
        return media, body, truncated, [note.message() for note in notes]
    if isinstance(answer, ox.QueryBoolean):
        return Result("ASK", boolean=bool(answer), notes=notes)
    if isinstance(answer, ox.QuerySolutions):
        if packed:
            return Packed("SELECT", cast(bytes, answer.serialize(format=ox.QueryResultsFormat.TSV)), notes)
        return Result("SELECT", [v.value for v in answer.variables], [tuple(s) for s in answer], notes=notes)
    if packed:
        return Packed("CONSTRUCT", cast(bytes, answer.serialize(format=ox.RdfFormat.N_TRIPLES)), notes)
    return Result("CONSTRUCT", triples=list(answer), notes=notes)


#: Longer queries are not checked for terms (rdflib's parser on a megabyte of text would hold a worker).
MAX_CHECKED = 100_000
#: The names suggestions are made from, per store a worker has open (they never change while it is open).
_vocabularies: dict[int, dict[str, set[str]]] = {}


def _term_notes(store: pyoxigraph.Store, job: Job) -> list[TermNote]:
    """The terms ``job`` names that the store does not have as written (:mod:`zonekg.queries.terms`);
    none when the lookup fails: the query still runs."""
    if len(job.text) > MAX_CHECKED:
        return []
    select = oxigraph_select(store)
    inferred = job.inferred or str(INFERRED_GRAPH) in job.default_graphs

    def vocabulary_of() -> dict[str, set[str]]:
        if id(store) not in _vocabularies:
            _vocabularies[id(store)] = vocabulary(select)
        return _vocabularies[id(store)]

    try:
        return term_notes(job.text, select, inferred=inferred, vocabulary_of=vocabulary_of)
    except (OSError, ValueError, KeyError):
        return []


def _iri(value: str) -> pyoxigraph.NamedNode:
    import pyoxigraph as ox

    try:
        return ox.NamedNode(value)
    except ValueError as exc:
        raise QueryRefused(f"the graph name <{value}> is not an IRI: {exc}", None, None, "default-graph-uri") from None


class _Enough(Exception):
    """Raised by :class:`_Lines` to stop the engine's writer once the limit is passed."""


class _Lines:
    """A file for pyoxigraph's writers that keeps the first ``keep`` lines and stops the writer
    (and so the query) at the line after them."""

    def __init__(self, keep: int) -> None:
        self.keep = keep
        self.data = bytearray()
        self.lines = 0
        self.cut = False

    def write(self, chunk: bytes) -> int:
        self.data += chunk
        self.lines += chunk.count(b"\n")
        if self.lines > self.keep:
            self.cut = True
            raise _Enough
        return len(chunk)

    def flush(self) -> None:
        pass

    def kept(self) -> bytes:
        end = 0
        for _ in range(min(self.keep, self.lines)):
            end = self.data.index(b"\n", end) + 1
        return bytes(self.data[:end]) if self.cut else bytes(self.data)


def _serialised(answer: Any, accept: str, limit: int | None) -> tuple[str, bytes, bool]:
    """The answer in the best format for ``accept``, with at most ``limit`` rows or triples: the
    engine writes TSV or N-Triples (a row a line) into :class:`_Lines`, which stops it past the
    limit, and pyoxigraph's own parser and writers turn those lines into the client's format."""
    import pyoxigraph as ox

    if isinstance(answer, (ox.QueryBoolean, ox.QuerySolutions)):
        fmt = ox.QueryResultsFormat.from_media_type(negotiate(accept, SOLUTION_TYPES))
        assert fmt is not None  # every offer is a format pyoxigraph knows
        if isinstance(answer, ox.QueryBoolean):
            return fmt.media_type, cast(bytes, answer.serialize(format=fmt)), False
        out = _Lines(1 + (limit if limit is not None else 1 << 62))  # the header line, then the rows
        try:
            answer.serialize(cast(IO[bytes], out), format=ox.QueryResultsFormat.TSV)
        except _Enough:
            pass
        parsed = ox.parse_query_results(out.kept(), ox.QueryResultsFormat.TSV)
        return fmt.media_type, cast(bytes, parsed.serialize(format=fmt)), out.cut
    graph_fmt = ox.RdfFormat.from_media_type(negotiate(accept, GRAPH_TYPES))
    assert graph_fmt is not None
    out = _Lines(limit if limit is not None else 1 << 62)
    try:
        answer.serialize(cast(IO[bytes], out), format=ox.RdfFormat.N_TRIPLES)
    except _Enough:
        pass
    triples = [q.triple for q in ox.parse(out.kept(), ox.RdfFormat.N_TRIPLES)]
    prefixes = PREFIXES if graph_fmt == ox.RdfFormat.TURTLE else None
    body = ox.serialize(triples, format=graph_fmt, prefixes=prefixes)
    return graph_fmt.media_type, cast(bytes, body), out.cut


def syntax_error(exc: Exception, text: str, source: Path | None) -> ZoneKGError:
    """Oxigraph's syntax error with its line and column; an error found only at the end of the
    text is placed after its last word, where the query stopped making sense."""
    import re

    from zonekg.queries.guard import line_col

    m = re.search(r"(\d+):(\d+)", str(exc))
    if not m:
        return QuerySyntaxError(f"SPARQL syntax error: {exc}", source, None, "query")
    line, col = int(m.group(1)), int(m.group(2))
    lines = text.split("\n")
    offset = sum(len(x) + 1 for x in lines[:line - 1]) + col - 1
    if not text[offset:].strip():
        line, col = line_col(text, len(text.rstrip()))
    detail = re.sub(r"^error at \d+:\d+:\s*", "", str(exc))
    return QuerySyntaxError(f"SPARQL syntax error at line {line}, column {col}: {detail}", source, line, "query")


# --- in the caller ------------------------------------------------------------------------------

def _stamp(store: Path) -> tuple[int, int] | None:
    from zonekg.store.local import STAMP

    try:
        st = (store / STAMP).stat()
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns


class QueryPool:
    """At most ``size`` warm workers over the store folder ``store`` (see the module)."""

    def __init__(self, store: Path, size: int = 1, memory: int | None = DEFAULT_MEMORY,
                 keep_warm: bool = False) -> None:
        import pyoxigraph  # noqa: F401 - before any fork: workers inherit it, answers' terms need it here

        self.store = Path(store)
        self.size = size
        self.memory = memory
        self._idle: list[Worker] = []
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(size)
        self._stamp = _stamp(self.store)
        self._closed = False
        #: Replace a worker that was killed or died at once (and open the store in it), so that the
        #: next query finds a warm one; a pool for one query leaves that.
        self.keep_warm = keep_warm
        #: How many workers this pool has started (tests and benchmarks read it).
        self.started = 0

    def _new_worker(self) -> Worker:
        from zonekg.rdf.children import Worker, die_with_parent
        from zonekg.rdf.sandbox import isolate

        bound = die_with_parent(signal.SIGKILL)  # prepared before the fork: no loading in the child
        memory = self.memory

        def in_child() -> None:
            bound()
            # The engine's own report of a failed allocation (a Rust backtrace) would land on the
            # user's terminal before the one error line the caller prints: the caller says it.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 2)
            os.close(devnull)
            import faulthandler  # a built-in module; a test runner's dump would go to its own copy of stderr

            faulthandler.disable()
            global _isolation
            _isolation = isolate(None if memory is None else _address_space() + memory)

        store = str(self.store)
        self.started += 1
        return Worker(lambda request: _handle(store, request), in_child=in_child)

    def ask(self, job: Job, timeout: float, wait: float | None = None) -> Any:
        """The worker's answer to ``job`` within ``timeout`` seconds, waiting at most ``wait``
        seconds (default: ``timeout``) for a free worker; errors are raised as their types."""
        if not self._slots.acquire(timeout=timeout if wait is None else wait):
            raise QueryTimeout(f"every query worker was busy for {timeout if wait is None else wait:g} s",
                               None, None, "query")
        try:
            worker = self._take()
            try:
                data = worker.ask(pickle.dumps(job), timeout)
            except TimeoutError:
                raise QueryTimeout(f"query stopped after {timeout:g} s (--timeout)", None, None, "query") from None
            except Exception as exc:
                from zonekg.rdf.children import WorkerDied

                if not isinstance(exc, WorkerDied):
                    raise
                raise _died(exc.exit_code, self.memory) from None
            finally:
                self._give_back(worker)
        finally:
            self._slots.release()
        state, payload = pickle.loads(data)
        if state == "error":
            kind, message, file, line, field = payload
            raise (QueryFailed if kind == "QueryFailed" else _ERRORS.get(kind, ZoneKGError))(message, file, line, field)
        return payload.result() if isinstance(payload, Packed) else payload

    def _take(self) -> Worker:
        with self._lock:
            if self._closed:
                raise ZoneKGError("the query pool is closed", None, None, "query")
            stamp = _stamp(self.store)
            if stamp != self._stamp:  # the build replaced the store: workers on the old one go
                self._stamp = stamp
                for w in self._idle:
                    w.stop()
                self._idle.clear()
            while self._idle:
                worker = self._idle.pop()
                if worker.alive:
                    return worker
        return self._new_worker()

    def _give_back(self, worker: Worker) -> None:
        with self._lock:
            if worker.alive and not self._closed and len(self._idle) < self.size:
                self._idle.append(worker)
                return
        worker.stop()
        if self.keep_warm and not self._closed:
            self._warm_one()

    def _warm_one(self) -> None:
        """Start a worker, have it open the store (a trivial query), and leave it idle."""
        worker = self._new_worker()
        try:
            worker.ask(pickle.dumps(Job("ASK {}", "ASK {}", checked=True, accept="text/csv")), 30)
        except Exception:  # noqa: BLE001 - a worker that cannot even open the store: the next query says why
            worker.stop()
            return
        with self._lock:
            if not self._closed and len(self._idle) < self.size:
                self._idle.append(worker)
                return
        worker.stop()

    def warm(self) -> None:
        """Start every worker of the pool now (the endpoint does, before it serves)."""
        for _ in range(self.size - len(self._idle)):
            self._warm_one()

    def workers(self) -> list[int]:
        """The process ids of the idle workers (for tests)."""
        with self._lock:
            return [w.pid for w in self._idle if w.pid is not None]

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for w in idle:
            w.stop()

    def __enter__(self) -> QueryPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _address_space() -> int:
    """This process's address space in bytes (``/proc/self/statm``), 0 where there is none."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _died(code: int, memory: int | None) -> QueryFailed:
    if code == -signal.SIGABRT or code == -signal.SIGSEGV:
        limit = f" ({memory >> 20} MiB; --memory sets it)" if memory else ""
        return QueryFailed(f"the query engine stopped on this query (signal {-code}: most likely it needed more "
                           f"memory than a worker may use{limit}); the worker was replaced", None, None, "query")
    return QueryFailed(f"the query engine stopped without an answer (exit code {code}); the worker was replaced",
                       None, None, "query")


_shared: dict[Path, QueryPool] = {}
_shared_lock = threading.Lock()


def shared_pool(store: Path) -> QueryPool:
    """The warm pool of one worker over ``store`` kept for this process (``zonekg.query()``)."""
    import atexit

    key = Path(store).resolve()
    with _shared_lock:
        pool = _shared.get(key)
        if pool is None or pool._closed:
            pool = _shared[key] = QueryPool(key, size=1, keep_warm=True)
            atexit.register(pool.close)
        return pool


def close_shared() -> None:
    """Stop the warm workers of :func:`shared_pool` (they also stop when this process exits)."""
    with _shared_lock:
        pools = list(_shared.values())
        _shared.clear()
    for pool in pools:
        pool.close()
