"""Running a query safely: refuse what reaches outside, bind parameters as RDF terms, run on
Oxigraph (the build's store) or on an rdflib graph, inside a time limit.

- **Nothing outside.** ``FROM``, ``FROM NAMED``, ``SERVICE``, ``LOAD`` and every update form
  are refused before a query runs, whatever engine would run it: rdflib would read a file or a
  URL for ``FROM <file:///…>`` and call out for ``SERVICE``.  The check is decided from a real
  parse (:mod:`zonekg.queries.guard`), and the worker that runs the query cannot reach the
  network anyway (:mod:`zonekg.rdf.sandbox`).
- **Parameters are terms.** Values become RDF terms (pyoxigraph's, written out by pyoxigraph)
  placed in a ``VALUES`` block at the top of the query's ``WHERE`` group, which is how both
  engines see the same bindings in filters and ``EXISTS`` patterns; they are never pasted into
  the query text as strings, so a label full of quotes and braces stays a plain literal.  A
  parameter the query declares and does not mark ``optional`` must be given.
- **A time limit.** Neither engine can stop a query, so the query runs in a forked worker that
  is killed at the limit (default 30 s); a crash of the engine becomes an error, not a dead shell.
  On the build's store the workers stay warm between queries where many are asked
  (:mod:`zonekg.queries.pool`).

The store's default graph is the union of the named graphs (see :mod:`zonekg.store`), so queries
need no ``GRAPH`` clauses.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zonekg.model.errors import QueryTimeout, ZoneKGError
from zonekg.model.prefixes import PREFIXES
from zonekg.queries.answers import Result
from zonekg.queries.guard import check_query, tokens
from zonekg.queries.named import NamedQuery, resolve
from zonekg.queries.terms import rdflib_select, term_notes

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib import Graph

    from zonekg.queries.pool import QueryPool

#: Seconds a query may run before it is stopped (``zonekg query --timeout``).
DEFAULT_TIMEOUT = 30.0

_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


def query_variables(text: str) -> set[str]:
    """Every variable name in a query's text (IRIs, strings and comments skipped)."""
    return {m.group("var") for m in tokens(text) if m.group("var")}


def _where_brace(text: str) -> int | None:
    """Offset just after the ``{`` that opens the query's outer ``WHERE`` group."""
    form = None
    after_where = False
    for m in tokens(text):
        word = (m.group("word") or "").upper()
        if form is None:
            if word in _FORMS:
                form = word
            continue
        if word == "WHERE":
            after_where = True
        elif m.group("brace") and (after_where or form != "CONSTRUCT"):
            return m.end()
    return None


# --- parameters -------------------------------------------------------------------------------

def to_term(value: Any, *, from_text: bool = False) -> pyoxigraph.NamedNode | pyoxigraph.Literal | pyoxigraph.BlankNode:
    """A parameter value as an RDF term.

    ``<iri>``, an absolute http(s) IRI or a CURIE with a known prefix (``zk:futian-zhilan``)
    becomes an IRI; with ``from_text`` (values typed on the command line) a whole number
    becomes an ``xsd:integer``; anything else is a plain string literal, whatever it holds.
    Python numbers, booleans and rdflib terms keep their type.
    """
    import pyoxigraph as ox

    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if type(value).__module__.startswith("rdflib"):
        return _from_rdflib(value)
    if not isinstance(value, str):
        return ox.Literal(value)
    if re.fullmatch(r"<[^<>\"{}|^`\\\s]+>", value):
        return ox.NamedNode(value[1:-1])
    if re.fullmatch(r"https?://[^<>\"{}|^`\\\s]+", value):
        return ox.NamedNode(value)
    m = re.fullmatch(r"([a-z]+):([\w.\-/]+)", value)
    if m and m.group(1) in PREFIXES:
        return ox.NamedNode(PREFIXES[m.group(1)] + m.group(2))
    if from_text and re.fullmatch(r"[+-]?\d+", value):
        return ox.Literal(int(value))
    return ox.Literal(value)


def parse_param(spec: str) -> tuple[str, str]:
    """``NAME=VALUE`` from the command line."""
    name, sep, value = spec.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not re.fullmatch(r"\w+", name):
        raise ZoneKGError(f"--param '{spec}' is not NAME=VALUE")
    return name, value


def parse_params(specs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``--param NAME=VALUE`` options as a mapping. A name given twice is an error: a ``VALUES``
    row binds one value per variable, and keeping the last one silently (as before) answered
    a question the user did not ask; to ask about several values, run the query once for each."""
    params: dict[str, str] = {}
    for spec in specs:
        name, value = parse_param(spec)
        if name in params:
            raise ZoneKGError(f"{name} is given twice ({params[name]!r} and {value!r}): give each "
                              "parameter once", None, None, "--param")
        params[name] = value
    return params


def bind(nq: NamedQuery, params: dict[str, Any] | None, *, from_text: bool = False) -> str:
    """The query text with its parameters bound in a ``VALUES`` block of RDF terms; unknown and
    missing parameters are errors that name them."""
    params = params or {}
    known = query_variables(nq.text)
    takes = f" (it takes: {', '.join(sorted(nq.params))})" if nq.params else ""
    for name in params:
        if name not in known:
            raise ZoneKGError(f"unknown parameter '{name}': the query has no variable ?{name}{takes}",
                              None, None, "param")
    missing = [p for p in nq.required if p not in params]
    if missing:
        p = missing[0]
        raise ZoneKGError(f"missing parameter '{p}': the query {nq.name} needs --param {p}=… ({nq.params[p]})",
                          nq.file, None, "param")
    if not params:
        return nq.text
    terms = {name: to_term(value, from_text=from_text) for name, value in params.items()}
    at = _where_brace(nq.text)
    if at is None:
        raise ZoneKGError("cannot bind parameters: the query has no WHERE group", nq.file, None, "query")
    names = " ".join(f"?{n}" for n in terms)
    row = " ".join(str(t) for t in terms.values())  # N-Triples syntax, written by pyoxigraph
    return f"{nq.text[:at]} VALUES ({names}) {{ ({row}) }} {nq.text[at:]}"


# --- running ----------------------------------------------------------------------------------

def run(query: NamedQuery | str, source: Path | str | pyoxigraph.Store | Graph, params: dict[str, Any] | None = None,
        *, from_text: bool = False, timeout: float = DEFAULT_TIMEOUT, inferred: bool = False,
        drafts: bool = False, pool: QueryPool | None = None, remember: Path | None = None) -> Result:
    """Run a query on a store folder (opened read-only in a worker), an in-memory pyoxigraph
    Store, or an rdflib graph, with its parameters bound as RDF terms and a time limit in seconds.

    ``inferred`` adds the store's inferred graph to the default graph, ``drafts`` the graphs of
    unreviewed drafts (an rdflib graph is queried as it is). A store folder is queried by a
    worker of ``pool`` (:mod:`zonekg.queries.pool`; a pool of one, closed after, when none is
    given). A text the worker checked is not parsed again in this process; ``remember`` (a build
    folder) keeps those verdicts there too (:mod:`zonekg.queries.guard`), for later processes."""
    import math

    nq = query if isinstance(query, NamedQuery) else resolve(query)
    if not isinstance(timeout, (int, float)) or math.isnan(timeout) or math.isinf(timeout) or timeout <= 0:
        raise ZoneKGError(f"the time limit must be a positive number of seconds, not {timeout}", None, None,
                          "--timeout")
    text = bind(nq, params, from_text=from_text)
    if isinstance(source, (str, Path)):
        from zonekg.queries import guard
        from zonekg.queries.pool import Job, QueryPool

        checked = guard.passed_before(nq.text, remember)
        job = Job(text, nq.text, checked, nq.file, inferred, drafts)
        if pool is None:
            with QueryPool(Path(source), size=1) as once:
                result = once.ask(job, timeout)
        else:
            result = pool.ask(job, timeout)
        if not checked:
            guard.remember(remember, nq.text)
        return result
    check_query(nq.text, nq.file)
    check_query(text, nq.file)
    if type(source).__module__.startswith("pyoxigraph"):
        return _in_worker(_on_store, (text, source, inferred, drafts, nq.file), timeout=timeout)
    return _in_worker(_on_rdflib, (text, source, nq.file), timeout=timeout)


def _in_worker(fn, args: tuple, *, timeout: float) -> Result:
    """Run ``fn(*args)`` in a forked process (:class:`zonekg.rdf.children.Forked`), cut off the
    network and under the workers' memory ceiling (:func:`zonekg.rdf.sandbox.isolate`), that sends
    its answer back through a pipe; kill it at the time limit. A fork, so that a query stuck in
    the engine can be stopped whatever it is doing."""
    import os
    import pickle

    from zonekg.queries.pool import DEFAULT_MEMORY, _address_space
    from zonekg.rdf.children import Forked
    from zonekg.rdf.sandbox import isolate

    def in_child() -> None:
        isolate(_address_space() + DEFAULT_MEMORY)

    worker = Forked(_answer, fn, args, in_child=in_child)
    try:
        data = worker.answer(timeout)
    except TimeoutError:
        raise QueryTimeout(f"query stopped after {timeout:g} s (--timeout)", None, None, "query") from None
    if not data:
        code = os.waitstatus_to_exitcode(worker.status or 0)
        raise ZoneKGError(f"the query engine stopped without an answer (exit code {code})", None, None, "query")
    state, payload = pickle.loads(data)
    if state == "error":
        raise ZoneKGError(*payload)
    from zonekg.queries.pool import Packed

    return payload.result() if isinstance(payload, Packed) else payload


def _answer(fn, args: tuple) -> bytes:
    """In the worker: the pickled Result, or the error's parts (never a traceback)."""
    import pickle

    try:
        return pickle.dumps(("ok", fn(*args)))
    except ZoneKGError as exc:
        return pickle.dumps(("error", (exc.message, exc.file, exc.line, exc.field)))
    except Exception as exc:  # an engine's evaluation error, reported as a user error
        return pickle.dumps(("error", (f"query failed: {type(exc).__name__}: {exc}", None, None, "query")))


def _on_store(text: str, store: pyoxigraph.Store, inferred: bool, drafts: bool, source: Path | None) -> Any:
    from zonekg.queries.pool import Job, evaluate

    return evaluate(store, Job(text, text, True, source, inferred, drafts), packed=True)


def _on_rdflib(text: str, graph: Graph, source: Path | None) -> Result:
    from pyparsing import ParseException
    from rdflib.plugins.sparql import prepareQuery

    try:
        prepared = prepareQuery(text, initNs=PREFIXES)
    except ParseException as exc:
        raise ZoneKGError(f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}",
                          source, exc.lineno, "query") from None
    notes = term_notes(text, rdflib_select(graph))
    answer = graph.query(prepared)
    if answer.type == "ASK":
        return Result("ASK", boolean=bool(answer.askAnswer), notes=notes)
    if answer.type == "SELECT":
        names = [str(v) for v in answer.vars or []]
        rows: list[Any] = list(answer)
        return Result("SELECT", names, [tuple(_from_rdflib(row[n]) for n in names) for row in rows], notes=notes)
    import pyoxigraph as ox

    triples: list[Any] = list(answer)
    return Result("CONSTRUCT", triples=[ox.Triple(*(_from_rdflib(t) for t in triple)) for triple in triples],
                  notes=notes)


def _from_rdflib(term):
    """An rdflib term as a pyoxigraph term (None stays None)."""
    from zonekg.rdf.convert import to_ox

    if term is None:
        return None
    try:
        return to_ox(term)
    except TypeError:
        raise ZoneKGError(f"cannot show the term {term!r}", None, None, "query") from None


# --- rdflib graphs, for code that wants one (read_graph comes from zonekg.store) ---------------

def union_view(graph: Graph, inferred: bool = True) -> Graph:
    """A Dataset as the union of its named graphs; ``inferred=False`` leaves the inferred graph out."""
    from rdflib import Dataset

    from zonekg.model.namespaces import INFERRED_GRAPH

    if not isinstance(graph, Dataset):
        return graph
    if inferred or all(g.identifier != INFERRED_GRAPH for g in graph.graphs()):
        if graph.default_union:
            return graph
        view = Dataset(store=graph.store, default_union=True)
        view.namespace_manager = graph.namespace_manager
        return view
    from zonekg.rdf.convert import merged

    return merged(graph, exclude=[INFERRED_GRAPH])
