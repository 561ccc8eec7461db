"""Running a query safely: refuse what reaches outside, bind parameters as RDF terms, run on
Oxigraph (the build's store) or on an rdflib graph, inside a time limit.

- **Nothing outside.** ``FROM``, ``FROM NAMED``, ``SERVICE``, ``LOAD`` and every update keyword
  are refused before a query runs, whatever engine would run it: rdflib would read a file or a
  URL for ``FROM <file:///…>`` and call out for ``SERVICE``.  The check reads the query's tokens
  (IRIs, strings and comments skipped), so a label containing "service" is no problem.
- **Parameters are terms.** Values become RDF terms (pyoxigraph's, written out by pyoxigraph)
  placed in a ``VALUES`` block at the top of the query's ``WHERE`` group, which is how both
  engines see the same bindings in filters and ``EXISTS`` patterns; they are never pasted into
  the query text as strings, so a label full of quotes and braces stays a plain literal.  A
  parameter the query declares and does not mark ``optional`` must be given.
- **A time limit.** Neither engine can stop a query, so the query runs in a forked worker that
  is killed at the limit (default 30 s); a crash of the engine becomes an error, not a dead shell.

The store's default graph is the union of the named graphs (see :mod:`zonekg.store`), so queries
need no ``GRAPH`` clauses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zonekg.model.errors import NotBuilt, QueryRefused, QueryTimeout, ZoneKGError
from zonekg.model.prefixes import INFERRED_GRAPH, PREFIXES
from zonekg.queries.answers import Result
from zonekg.queries.named import NamedQuery, resolve
from zonekg.queries.terms import oxigraph_select, rdflib_select, term_notes

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib import Graph

#: Seconds a query may run before it is stopped (``zonekg query --timeout``).
DEFAULT_TIMEOUT = 30.0

#: One character from U+00C0 to U+FFFF, as a negated class: re compiles ``[\u00c0-\uffff]`` by
#: walking all 65,000 code points (some 40 ms for the patterns below, at every start of
#: ``zonekg query``), this in under a millisecond.  Same characters (tests/test_query_safety.py).
_WIDE = r"[^\x00-\xbf\U00010000-\U0010ffff]"
_TOKENS = re.compile(
    r'(?P<iri><[^<>"{}|^`\\\s]*>)'
    r'|(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')'
    r"|(?P<comment>#[^\n]*)"
    r"|[?$](?P<var>(?:[A-Za-z0-9_\u00b7]|" + _WIDE + r")+)"
    r"|(?P<pname>(?:[A-Za-z]|" + _WIDE + r")(?:[\w.\-\u00b7]|" + _WIDE + r")*:(?:[\w.\-:%\u00b7]|" + _WIDE + r")*"
    r"|:[\w.\-:%]*)"
    r"|(?P<word>[A-Za-z_]+)"
    r"|(?P<brace>\{)"
)
_OUTSIDE = {"FROM", "SERVICE", "LOAD"}
_UPDATES = {"INSERT", "DELETE", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


def tokens(text: str) -> Iterator[re.Match[str]]:
    """The query's tokens as the checks read them: ``iri``, ``string``, ``comment``, ``var``,
    ``pname``, ``word`` and ``brace`` groups (strings and comments are whole tokens, so a keyword or
    an IRI inside them is not seen as one)."""
    return _TOKENS.finditer(text)


def query_variables(text: str) -> set[str]:
    """Every variable name in a query's text (IRIs, strings and comments skipped)."""
    return {m.group("var") for m in _TOKENS.finditer(text) if m.group("var")}


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def check_query(text: str, source: Path | None = None) -> None:
    """Refuse a query that would read data from outside the store or change it (before it runs)."""
    for m in _TOKENS.finditer(text):
        word = (m.group("word") or "").upper()
        if word in _OUTSIDE or word in _UPDATES:
            line, col = _line_col(text, m.start())
            why = ("queries may not load files or reach the network; the graph is already in the default graph"
                   if word in _OUTSIDE else "the graph is read-only: updates are refused")
            raise QueryRefused(f"{word} refused at line {line}, column {col}: {why}", source, line, "query")


def _where_brace(text: str) -> int | None:
    """Offset just after the ``{`` that opens the query's outer ``WHERE`` group."""
    form = None
    after_where = False
    for m in _TOKENS.finditer(text):
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

def to_term(value: Any, *, from_text: bool = False) -> pyoxigraph.NamedNode | pyoxigraph.Literal:
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
        drafts: bool = False) -> Result:
    """Run a query on a store folder (opened read-only in the worker), an in-memory pyoxigraph
    Store, or an rdflib graph, with its parameters bound as RDF terms and a time limit in seconds.

    ``inferred`` adds the store's inferred graph to the default graph, ``drafts`` the graphs of
    unreviewed drafts (an rdflib graph is queried as it is)."""
    nq = query if isinstance(query, NamedQuery) else resolve(query)
    check_query(nq.text, nq.file)
    text = bind(nq, params, from_text=from_text)
    if timeout <= 0:
        raise ZoneKGError(f"the time limit must be positive, not {timeout:g}", None, None, "--timeout")
    if isinstance(source, (str, Path)):
        import pyoxigraph  # noqa: F401 - before the fork: the worker inherits it, the answer's terms need it here
        job = (_on_store_dir, (text, str(source), inferred, drafts, nq.file))
    elif type(source).__module__.startswith("pyoxigraph"):
        job = (_on_store, (text, source, inferred, drafts, nq.file))
    else:
        job = (_on_rdflib, (text, source, nq.file))
    return _in_worker(*job, timeout=timeout)


def _in_worker(fn, args: tuple, *, timeout: float) -> Result:
    """Run ``fn(*args)`` in a forked process (:class:`zonekg.procs.Forked`) that sends its answer
    back through a pipe; kill it at the time limit. A fork, so that a query stuck in the engine
    can be stopped whatever it is doing."""
    import os
    import pickle

    from zonekg.rdf.children import Forked

    worker = Forked(_answer, fn, args)
    try:
        data = worker.answer(timeout)
    except TimeoutError:
        raise QueryTimeout(f"query stopped after {timeout:g} s (--timeout)", None, None, "query") from None
    if not data:
        code = os.waitstatus_to_exitcode(worker.status)
        raise ZoneKGError(f"the query engine stopped without an answer (exit code {code})", None, None, "query")
    state, payload = pickle.loads(data)
    if state == "error":
        raise ZoneKGError(*payload)
    return payload


def _answer(fn, args: tuple) -> bytes:
    """In the worker: the pickled Result, or the error's parts (never a traceback)."""
    import pickle

    try:
        return pickle.dumps(("ok", fn(*args)))
    except ZoneKGError as exc:
        return pickle.dumps(("error", (exc.message, exc.file, exc.line, exc.field)))
    except Exception as exc:  # an engine's evaluation error, reported as a user error
        return pickle.dumps(("error", (f"query failed: {type(exc).__name__}: {exc}", None, None, "query")))


def _syntax_error(exc: Exception, text: str, source: Path | None) -> ZoneKGError:
    """Oxigraph's syntax error with its line and column; an error found only at the end of the
    text is placed after its last word, where the query stopped making sense."""
    m = re.search(r"(\d+):(\d+)", str(exc))
    if not m:
        return ZoneKGError(f"SPARQL syntax error: {exc}", source, None, "query")
    line, col = int(m.group(1)), int(m.group(2))
    lines = text.split("\n")
    offset = sum(len(x) + 1 for x in lines[:line - 1]) + col - 1
    if not text[offset:].strip():
        line, col = _line_col(text, len(text.rstrip()))
    detail = re.sub(r"^error at \d+:\d+:\s*", "", str(exc))
    return ZoneKGError(f"SPARQL syntax error at line {line}, column {col}: {detail}", source, line, "query")


def _on_store_dir(text: str, path: str, inferred: bool, drafts: bool, source: Path | None) -> Result:
    from zonekg.store.local import open_store

    return _on_store(text, open_store(Path(path)), inferred, drafts, source)


def _on_store(text: str, store: pyoxigraph.Store, inferred: bool, drafts: bool, source: Path | None) -> Result:
    import pyoxigraph as ox

    from zonekg.model.prefixes import DRAFTS_GRAPH_BASE

    extra = []
    if inferred and store.contains_named_graph(ox.NamedNode(str(INFERRED_GRAPH))):
        extra.append(ox.NamedNode(str(INFERRED_GRAPH)))
    if drafts:
        found = sorted((g for g in store.named_graphs() if g.value.startswith(DRAFTS_GRAPH_BASE)), key=str)
        if not found:
            raise NotBuilt("no drafts were built: run `zonekg build --drafts` first", None, None, "--drafts")
        extra += found
    graphs = [ox.DefaultGraph(), *extra] if extra else None
    notes = term_notes(text, oxigraph_select(store), inferred=inferred)  # before the query runs
    try:
        answer = store.query(text, prefixes=PREFIXES, default_graph=graphs)
    except SyntaxError as exc:
        raise _syntax_error(exc, text, source) from None
    if isinstance(answer, ox.QueryBoolean):
        return Result("ASK", boolean=bool(answer), notes=notes)
    if isinstance(answer, ox.QuerySolutions):
        return Result("SELECT", [v.value for v in answer.variables], [tuple(s) for s in answer], notes=notes)
    return Result("CONSTRUCT", triples=list(answer), notes=notes)


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
        return Result("SELECT", names, [tuple(_from_rdflib(row[n]) for n in names) for row in answer], notes=notes)
    import pyoxigraph as ox

    return Result("CONSTRUCT", triples=[ox.Triple(*(_from_rdflib(t) for t in triple)) for triple in answer],
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
