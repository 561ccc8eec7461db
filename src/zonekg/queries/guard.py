"""What a query may contain, decided from a real parse of it, before any engine sees it.

A query here never reads a file or the network and never changes the graph, so ``SERVICE``,
``FROM``/``FROM NAMED``, ``LOAD`` and every update form are refused, by ``zonekg query``, by
``zonekg.query()`` and by the endpoint alike (this one function).  Why a parse: a hand-written
tokenizer disagrees with the SPARQL grammar somewhere (a comment ended by a carriage return, a
no-break space inside an IRI, an escape in a prefixed name) and every disagreement is a way past
it (issue 19).  So the decision comes from rdflib's SPARQL parser (pyoxigraph, which runs the
queries, exposes no parser): the text is parsed as a query; a service pattern or a dataset clause
anywhere in the tree is refused; a text that parses only as an update is refused; a text that
parses as neither is a syntax error, never handed to an engine.  Before parsing, SPARQL's ``\\u``
escapes are decoded (rdflib does that too) and carriage returns become line feeds, because the
grammar ends a comment at either and rdflib's comment rule only at a line feed.

The keyword scan over the query's tokens (IRIs, strings, comments and language tags skipped) is
kept as a second line: a word ``SERVICE`` the parse did not see as a service pattern is refused
all the same.  It also places the refused keyword (line and column) in the message.  The engine's
worker runs without network access anyway (:mod:`zonekg.rdf.sandbox`).

rdflib's parser costs about 0.4 s to import and 10–140 ms per named query, more than a whole
``zonekg query``; so a verdict is remembered by the SHA-256 of the text: in memory (warm workers)
and in ``build/.checked-queries`` (the command line), which holds only texts that passed.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from zonekg.model.errors import QueryRefused, QuerySyntaxError

#: One character from U+00C0 to U+FFFF, as a negated class: re compiles ``[\u00c0-\uffff]`` by
#: walking all 65,000 code points (some 40 ms at every start of ``zonekg query``), this in under a
#: millisecond.  Same characters (tests/queries/test_guard.py).
_WIDE = r"[^\x00-\xbf\U00010000-\U0010ffff]"
#: The query's tokens, as far as the keyword scan and the binder need them. IRIREF excludes only
#: ``<>"{}|^`\`` and U+0000–U+0020 (a no-break space is part of an IRI); comments end at CR or LF;
#: a language tag (``"x"@with``) is not a word; a prefixed name's local part may hold ``\\'``.
_TOKENS = re.compile(
    r'(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)'
    r'|(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n\r]|\\.)*"|\'(?:[^\'\\\n\r]|\\.)*\')'
    r"|(?P<comment>#[^\n\r]*)"
    r"|(?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)"
    r"|[?$](?P<var>(?:[A-Za-z0-9_\u00b7]|" + _WIDE + r")+)"
    r"|(?P<pname>(?:[A-Za-z]|" + _WIDE + r")(?:[\w.\-\u00b7]|" + _WIDE + r")*:"
    r"(?:[\w.\-:%\u00b7]|\\[_~.\-!$&'()*+,;=/?#@%]|" + _WIDE + r")*"
    r"|:(?:[\w.\-:%]|\\[_~.\-!$&'()*+,;=/?#@%])*)"
    r"|(?P<word>[A-Za-z_]+)"
    r"|(?P<brace>\{)"
)
_OUTSIDE = ("FROM", "SERVICE", "LOAD")
_UPDATES = ("INSERT", "DELETE", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
#: The parse tree's names of what is refused, and the keyword each is written with.
_REFUSED_NODES = {"ServiceGraphPattern": "SERVICE", "DatasetClause": "FROM"}
_UPDATE_KEYWORDS = {"Load": "LOAD", "Clear": "CLEAR", "Drop": "DROP", "Create": "CREATE", "Add": "ADD",
                    "Move": "MOVE", "Copy": "COPY", "InsertData": "INSERT", "DeleteData": "DELETE",
                    "DeleteWhere": "DELETE", "Modify": "DELETE"}
#: Bumped when the rules change, so that verdicts remembered by an older version are not trusted.
CHECK_VERSION = "zonekg-query-check 2"
#: The file of remembered verdicts inside ``build/``, and the most texts it holds.
CHECKED_FILE = ".checked-queries"
MAX_CHECKED = 20_000

_passed: set[str] = set()  # digests of texts that passed, in this process


def tokens(text: str) -> Iterator[re.Match[str]]:
    """The query's tokens as the checks read them: ``iri``, ``string``, ``comment``, ``var``,
    ``pname``, ``word`` and ``brace`` groups (strings and comments are whole tokens, so a keyword or
    an IRI inside them is not seen as one)."""
    return _TOKENS.finditer(text)


def decode_escapes(text: str) -> str:
    """The text with SPARQL's ``\\uXXXX`` and ``\\UXXXXXXXX`` escapes decoded, as the grammar says
    every engine must before parsing; an escape that is no code point is a refusal."""
    try:
        return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)
    except (ValueError, OverflowError):
        raise QueryRefused("the query has a \\U escape that is no Unicode code point", None, None, "query") from None


def line_col(text: str, pos: int) -> tuple[int, int]:
    """Line and column (from 1) of an offset; a CR, an LF or a CR LF ends a line."""
    before = text[:pos].replace("\r\n", "\n").replace("\r", "\n")
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _why(word: str) -> str:
    if word in _OUTSIDE:
        return "queries may not load files or reach the network; the graph is already in the default graph"
    return "the graph is read-only: updates are refused"


def _refuse(word: str, decoded: str, source: Path | None) -> QueryRefused:
    """The refusal of ``word``, placed at the first token spelling it, if the scan finds one."""
    for m in _TOKENS.finditer(decoded):
        if (m.group("word") or "").upper() == word:
            line, col = line_col(decoded, m.start())
            return QueryRefused(f"{word} refused at line {line}, column {col}: {_why(word)}", source, line, "query")
    return QueryRefused(f"{word} refused: {_why(word)}", source, None, "query")


def keyword_check(text: str, source: Path | None = None) -> None:
    """The second line: refuse any token that is a keyword of reaching outside or of an update."""
    decoded = decode_escapes(text)
    for m in _TOKENS.finditer(decoded):
        word = (m.group("word") or "").upper()
        if word in _OUTSIDE or word in _UPDATES:
            raise _refuse(word, decoded, source)


def structure_check(text: str, source: Path | None = None) -> None:
    """Refuse, from rdflib's parse, a query with a service pattern or a dataset clause, an update,
    or a text that is no SPARQL; the message names the keyword, its line and column."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    decoded = decode_escapes(text)
    normal = decoded.replace("\r\n", "\n").replace("\r", "\n")
    try:
        tree = parseQuery(normal)
    except ParseBaseException as exc:
        not_query = exc
    except RecursionError:
        raise QueryRefused("the query is nested too deeply to be checked", source, None, "query") from None
    else:
        found = _first_refused(tree)
        if found:
            raise _refuse(found, decoded, source)
        return
    try:
        update = parseUpdate(normal)
    except (ParseBaseException, RecursionError):
        update = None
    operations = [op for op in (update.get("request") or []) if getattr(op, "name", "") in _UPDATE_KEYWORDS] \
        if update is not None else []
    if operations:
        first = operations[0]
        word = _UPDATE_KEYWORDS[first.name]
        if first.name == "Modify" and not first.get("delete"):
            word = "INSERT"
        raise _refuse(word, decoded, source)
    line, col = not_query.lineno, not_query.col
    detail = re.sub(r"\s*\(at char \d+\), \(line:\d+, col:\d+\)$", "", not_query.msg or str(not_query))
    raise QuerySyntaxError(f"SPARQL syntax error at line {line}, column {col}: {detail}", source, line, "query")


def _first_refused(tree: Any) -> str | None:
    """The keyword of the first refused node of a parse tree (walked without recursion)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name in _REFUSED_NODES:
                return _REFUSED_NODES[node.name]
            stack.extend(node.values())
        elif isinstance(node, (ParseResults, list, tuple)):
            stack.extend(node)
        elif isinstance(node, dict):
            stack.extend(node.values())
    return None


def check_query(text: str, source: Path | None = None, *, remember: Path | None = None) -> None:
    """Refuse (:class:`QueryRefused`) what no query may do here, or raise the syntax error.

    The keyword scan runs every time (about a millisecond); the parse only for a text that has
    not passed before in this process or, with ``remember`` (a build folder), in that folder's
    file of remembered verdicts, where a text that passes is then added."""
    keyword_check(text, source)
    key = digest(text)
    if key in _passed:
        return
    if remember is not None and key in _remembered(remember):
        _passed.add(key)
        return
    structure_check(text, source)
    _passed.add(key)
    if remember is not None:
        _remember(remember, key)


def passed_before(text: str, build: Path | None) -> bool:
    """True if this text passed the parse before (in this process, or as remembered in ``build``)."""
    key = digest(text)
    return key in _passed or (build is not None and key in _remembered(build))


def remember(build: Path | None, text: str) -> None:
    """Keep that this text passed the parse (it ran in a worker that checked it): in this process,
    and in ``build`` when one is given. Why in this process too: the worker that parsed it is
    forked anew for the next query, and at a million quads the parse (rdflib's import and its
    parser) was 0.18 s of a 0.24 s ``about``."""
    key = digest(text)
    _passed.add(key)
    if build is not None and key not in _remembered(build):
        _remember(build, key)


def _remembered(build: Path) -> set[str]:
    try:
        lines = (build / CHECKED_FILE).read_text(encoding="ascii").split("\n")
    except (OSError, UnicodeDecodeError):
        return set()
    if not lines or lines[0] != CHECK_VERSION:
        return set()
    return {line for line in lines[1:] if len(line) == 64}


def _remember(build: Path, key: str) -> None:
    """Add a digest to ``build/.checked-queries`` (one short append; a build folder that cannot be
    written just means the parse runs again next time)."""
    path = build / CHECKED_FILE
    try:
        known = _remembered(build)
        if len(known) >= MAX_CHECKED:
            return
        if not known and path.exists():
            path.unlink()  # an older version's verdicts
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, ((CHECK_VERSION + "\n") if os.fstat(fd).st_size == 0 else "").encode() + f"{key}\n".encode())
        finally:
            os.close(fd)
    except OSError:
        pass
