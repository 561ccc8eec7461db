"""The query engine: load the built graph, find a named query, bind its parameters, run it,
format the answer.

Parameters are always bound as RDF terms through rdflib's ``initBindings`` (which rdflib
keeps in scope in every part of the query, sub-queries and filters included), never
written into the query text: a label full of quotes and braces stays a plain literal.
The graph is the union of all named graphs of ``build/zone.trig`` (and, on request, the
inferred graph of ``build/inferred.trig``), so queries need no ``GRAPH`` clauses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import paths
from .errors import ZoneKGError
from .namespaces import INFERRED_GRAPH, PREFIXES

if TYPE_CHECKING:
    import pandas as pd
    from rdflib import Dataset, Graph
    from rdflib.query import Result
    from rdflib.term import Identifier

#: Folder of the named queries, relative to the project root.
QUERIES = Path("queries")
BUILT_GRAPH = "zone.trig"
INFERRED_FILE = "inferred.trig"
FORMATS = ("table", "csv", "tsv", "json")

_PARAM = re.compile(r"^#\s*param:\s*(\w+)\s*[—–-]+\s*(.*)$")
_FIELD = re.compile(r"^#\s*(en|zh|returns):\s*(.*)$")
_QUERY_WORDS = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


@dataclass(frozen=True)
class NamedQuery:
    """One ``queries/*.rq`` file and what its comment block says about it."""

    name: str
    path: Path
    text: str
    question_en: str = ""
    question_zh: str = ""
    returns: str = ""
    params: dict[str, str] = field(default_factory=dict)


def parse_header(name: str, path: Path, text: str) -> NamedQuery:
    """Read the leading comment block: ``# en:``, ``# zh:``, ``# returns:``, ``# param: x — …``."""
    found: dict[str, str] = {}
    params: dict[str, str] = {}
    last: tuple[dict[str, str], str] | None = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if m := _PARAM.match(line):
            params[m.group(1)] = m.group(2).strip()
            last = (params, m.group(1))
        elif m := _FIELD.match(line):
            found[m.group(1)] = m.group(2).strip()
            last = (found, m.group(1))
        elif last is not None and line.startswith("#  ") and line[1:].strip():
            target, key = last  # an indented line continues the field above it
            target[key] += " " + line[1:].strip()
        else:
            last = None
    return NamedQuery(name, path, text, found.get("en", ""), found.get("zh", ""), found.get("returns", ""), params)


def named_queries(root: Path) -> dict[str, NamedQuery]:
    """Every named query of the project, by name (the file name without ``.rq``)."""
    folder = root / QUERIES
    out = {}
    for path in sorted(folder.glob("*.rq")):
        out[path.stem] = parse_header(path.stem, path, path.read_text(encoding="utf-8"))
    return out


def resolve(text_or_name: str, root: Path | None = None) -> NamedQuery:
    """A query from a file path, a bare query name (``leading-industries``) or SPARQL text."""
    candidate = Path(text_or_name)
    if "\n" not in text_or_name and len(text_or_name) < 500:
        if candidate.suffix == ".rq" and candidate.is_file():
            return parse_header(candidate.stem, candidate, candidate.read_text(encoding="utf-8"))
        base = root if root is not None else _root_or_none()
        if base is not None and re.fullmatch(r"[\w.-]+", text_or_name):
            path = base / QUERIES / f"{text_or_name.removesuffix('.rq')}.rq"
            if path.is_file():
                return parse_header(path.stem, path, path.read_text(encoding="utf-8"))
    if _QUERY_WORDS.search(text_or_name):
        return parse_header("<text>", Path("<text>"), text_or_name)
    raise ZoneKGError(
        f"no query named '{text_or_name}' (no file {QUERIES / (text_or_name + '.rq')}, and not SPARQL text); "
        "`zonekg query --list` shows the named queries"
    )


def _root_or_none() -> Path | None:
    try:
        return paths.project_root()
    except ZoneKGError:
        return None


# --- the graph ------------------------------------------------------------------------------

def _inputs(root: Path) -> list[Path]:
    """The files the built graph is made from: a newer one makes it stale."""
    files = [*paths.ontology_files(root), paths.shapes_file(root), *paths.fact_sheets(root)]
    files += sorted((root / "graph" / "sources").glob("*.txt"))
    return [f for f in files if f.is_file()]


def staleness(root: Path) -> str | None:
    """Why ``build/zone.trig`` cannot be trusted (missing, or older than an input), or None."""
    built = paths.build_dir(root) / BUILT_GRAPH
    if not built.is_file():
        return f"{built} does not exist: run `zonekg build` first"
    mtime = built.stat().st_mtime
    newer = [f for f in _inputs(root) if f.stat().st_mtime > mtime]
    if newer:
        return f"{built} is older than {newer[0]}: run `zonekg build` to rebuild it"
    return None


def read_graph(root: Path, inferred: bool = False, drafts: bool = False) -> Dataset:
    """The built dataset, its named graphs queried as one default graph (no build); ``drafts``
    adds the unreviewed drafts of build/drafts.trig (``zonekg build --drafts``)."""
    from rdflib import Dataset

    built = paths.build_dir(root) / BUILT_GRAPH
    if not built.is_file():
        raise ZoneKGError("no built graph: run `zonekg build` first", built)
    ds = Dataset(default_union=True)
    ds.parse(built, format="trig")
    extra = paths.build_dir(root) / INFERRED_FILE
    if inferred and extra.is_file():
        ds.parse(extra, format="trig")
    unreviewed = paths.build_dir(root) / "drafts.trig"
    if drafts:
        if not unreviewed.is_file():
            raise ZoneKGError("no drafts were built: run `zonekg build --drafts` first", unreviewed)
        ds.parse(unreviewed, format="trig")
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True)
    return ds


def union_view(graph: Graph, inferred: bool = True) -> Graph:
    """A Dataset as the union of its named graphs; ``inferred=False`` leaves the inferred graph out."""
    from rdflib import Dataset

    if not isinstance(graph, Dataset):
        return graph
    if inferred or all(g.identifier != INFERRED_GRAPH for g in graph.graphs()):
        if graph.default_union:
            return graph
        view = Dataset(store=graph.store, default_union=True)
        view.namespace_manager = graph.namespace_manager
        return view
    from .graphs import merged

    return merged(graph, exclude=[INFERRED_GRAPH])


# --- parameters -----------------------------------------------------------------------------

def to_term(value: Any, *, from_text: bool = False) -> Identifier:
    """A parameter value as an RDF term.

    ``<iri>``, an absolute http(s) IRI or a CURIE with a known prefix (``zk:futian-zhilan``)
    becomes an IRI; with ``from_text`` (values typed on the command line) a whole number
    becomes an ``xsd:integer``; anything else is a plain string literal, whatever it holds.
    """
    from rdflib import Literal, URIRef
    from rdflib.term import Identifier

    if isinstance(value, Identifier):
        return value
    if not isinstance(value, str):
        return Literal(value)
    if re.fullmatch(r"<[^<>\"{}|^`\\\s]+>", value):
        return URIRef(value[1:-1])
    if re.fullmatch(r"https?://[^<>\"{}|^`\\\s]+", value):
        return URIRef(value)
    m = re.fullmatch(r"([a-z]+):([\w.\-/]+)", value)
    if m and m.group(1) in PREFIXES:
        return URIRef(PREFIXES[m.group(1)] + m.group(2))
    if from_text and re.fullmatch(r"[+-]?\d+", value):
        return Literal(int(value))
    return Literal(value)


def parse_param(spec: str) -> tuple[str, str]:
    """``NAME=VALUE`` from the command line."""
    name, sep, value = spec.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not re.fullmatch(r"\w+", name):
        raise ZoneKGError(f"--param '{spec}' is not NAME=VALUE")
    return name, value


# --- running --------------------------------------------------------------------------------

def prepare(text: str, source: Path | None = None):
    """Parse a query; a syntax error names the file, line and column."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql import prepareQuery

    try:
        return prepareQuery(text, initNs=PREFIXES)
    except ParseException as exc:
        raise ZoneKGError(f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}",
                          source, exc.lineno, "query") from None
    except Exception as exc:  # rdflib raises plain exceptions for unknown prefixes and the like
        raise ZoneKGError(f"cannot prepare the query: {exc}", source, None, "query") from None


_TOKENS = re.compile(
    r'(?P<iri><[^<>"{}|^`\\\s]*>)'
    r'|(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')'
    r"|(?P<comment>#[^\n]*)"
    r"|[?$](?P<var>[A-Za-z0-9_\u00b7\u00c0-\uffff]+)"
)


def query_variables(text: str) -> set[str]:
    """Every variable name in a query's text (IRIs, strings and comments skipped).

    Read from the text rather than rdflib's algebra, which keeps the filters of
    ``EXISTS`` patterns out of sight."""
    return {m.group("var") for m in _TOKENS.finditer(text) if m.group("var")}


def run(query: NamedQuery | str, graph: Graph, params: dict[str, Any] | None = None,
        *, from_text: bool = False) -> Result:
    """Run a query with its parameters bound as RDF terms (never pasted into the text)."""
    nq = query if isinstance(query, NamedQuery) else resolve(query)
    prepared = prepare(nq.text, nq.path if nq.path.suffix == ".rq" else None)
    bindings = {}
    known = query_variables(nq.text)
    for name, value in (params or {}).items():
        if name not in known:
            hint = f" (it takes: {', '.join(sorted(nq.params))})" if nq.params else ""
            raise ZoneKGError(f"unknown parameter '{name}': the query has no variable ?{name}{hint}",
                              None, None, "param")
        bindings[name] = to_term(value, from_text=from_text)
    try:
        return graph.query(prepared, initBindings=bindings)
    except ZoneKGError:
        raise
    except Exception as exc:  # evaluation errors, e.g. a SERVICE call
        raise ZoneKGError(f"query failed: {exc}", None, None, "query") from None


# --- formatting -----------------------------------------------------------------------------

def _nt_string(text: str) -> str:
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\r", "\\r").replace("\t", "\\t"))
    return f'"{escaped}"'


def nt_term(term: Identifier | None) -> str:
    """An RDF term in N-Triples syntax, as SPARQL TSV results write it (empty when unbound)."""
    from rdflib import XSD, BNode, Literal, URIRef

    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        out = _nt_string(str(term))
        if term.language:
            return f"{out}@{term.language}"
        if term.datatype and term.datatype != XSD.string:
            return f"{out}^^<{term.datatype}>"
        return out
    return str(term)


def to_tsv(result: Result) -> str:
    """W3C SPARQL 1.1 Query Results TSV: ``?var`` header, N-Triples terms, tab-separated."""
    names = [str(v) for v in result.vars or []]
    lines = ["\t".join(f"?{n}" for n in names)]
    for row in result:
        lines.append("\t".join(nt_term(row[n]) for n in names))
    return "\n".join(lines) + "\n"


def short(term: Identifier | None) -> str:
    """A term as people read it: CURIE for IRIs, the plain value for literals."""
    from rdflib import URIRef

    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, ns in PREFIXES.items():
            if str(term).startswith(ns):
                return f"{prefix}:{str(term)[len(ns):]}"
        return str(term)
    value = term.toPython() if hasattr(term, "toPython") else term
    if isinstance(value, Decimal):  # rdflib writes 4898000000 as "4898000000.0"
        return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)
    return str(term)


def to_table(result: Result, width: int | None = None) -> str:
    """An aligned text table (wide CJK characters counted as two columns, via rich)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    names = [str(v) for v in result.vars or []]
    rows = [[short(row[n]) for n in names] for row in result]
    table = Table(show_edge=False, show_lines=False, header_style="bold")
    for n in names:
        table.add_column(n)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    if width is None:  # not a terminal: as wide as the table needs, so nothing wraps
        from rich.cells import cell_len

        widths = [max([cell_len(n)] + [max((cell_len(x) for x in r[i].splitlines()), default=0) for r in rows])
                  for i, n in enumerate(names)]
        width = sum(widths) + 3 * len(widths) + 4
    console = Console(width=width, record=True, file=_Null(), color_system=None, soft_wrap=False)
    console.print(table)
    text = console.export_text(styles=False)
    lines = [line.rstrip() for line in text.splitlines()]
    return "\n".join(lines) + "\n" + f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n"


class _Null:
    """A file that drops what is written (rich records the output instead)."""

    def write(self, _text: str) -> int:
        return 0

    def flush(self) -> None:
        pass


def format_result(result: Result, fmt: str, width: int | None = None) -> str:
    """The answer in one of FORMATS; ASK queries answer ``true``/``false`` in every format."""
    if fmt not in FORMATS:
        raise ZoneKGError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})", None, None, "format")
    if result.type == "ASK":
        if fmt == "json":
            return result.serialize(format="json").decode("utf-8") + "\n"
        return ("true" if result.askAnswer else "false") + "\n"
    if result.type != "SELECT":
        return result.serialize(format="turtle").decode("utf-8")
    if fmt == "table":
        return to_table(result, width)
    if fmt == "tsv":
        return to_tsv(result)
    return result.serialize(format=fmt).decode("utf-8") + ("\n" if fmt == "json" else "")


# --- Python values --------------------------------------------------------------------------

def python_value(term: Identifier | None) -> Any:
    """A term as a readable Python value: str for IRIs (CURIE) and text, numbers, datetimes."""
    from datetime import datetime

    from rdflib import XSD, Literal

    if term is None:
        return None
    if not isinstance(term, Literal):
        return short(term)
    if term.datatype in (XSD.dateTimeStamp, XSD.dateTime):
        try:
            return datetime.fromisoformat(str(term))
        except ValueError:
            return str(term)
    value = term.toPython()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, Literal):
        return str(value)
    return value


def to_dataframe(result: Result) -> pd.DataFrame:
    """A SELECT answer as a DataFrame of Python values, one column per variable."""
    import pandas as pd

    names = [str(v) for v in result.vars or []]
    rows = [[python_value(row[n]) for n in names] for row in result]
    return pd.DataFrame(rows, columns=names)
