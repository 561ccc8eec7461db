"""Query answers and how they are shown: one result type for both engines, one rule for numbers,
the W3C result formats, aligned tables for people, and DataFrames.

Terms are pyoxigraph terms whichever engine answered (pyoxigraph imports in milliseconds, rdflib
takes a fifth of a second), so every output goes through the same code.

The number rule, the same in the table, CSV, JSON, TSV, ``why`` and DataFrames: a number is
written in its XSD 1.1 canonical form — integers as integers, decimals without a trailing ``.0``
(``4898000000``, ``6.6``) — whatever lexical form the data or the engine used.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from zonekg.model.errors import ZoneKGError
from zonekg.model.prefixes import PREFIXES

if TYPE_CHECKING:
    import pandas as pd
    import pyoxigraph

FORMATS = ("table", "csv", "tsv", "json")
XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                               "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong",
                               "unsignedShort", "unsignedByte")}
_DECIMAL = XSD + "decimal"
_FLOATS = {XSD + "double", XSD + "float"}
_STRING = XSD + "string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class Row:
    """One answer: ``row["name"]``, ``row.name``, or iteration over the values in column order."""

    __slots__ = ("_names", "_values")

    def __init__(self, names: list[str], values: tuple) -> None:
        self._names = names
        self._values = values

    def __getitem__(self, key: str | int):
        return self._values[key if isinstance(key, int) else self._names.index(key)]

    def __getattr__(self, name: str):
        try:
            return self._values[self._names.index(name)]
        except ValueError:
            raise AttributeError(name) from None

    def __iter__(self):
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


@dataclass
class Result:
    """What a query answered: rows of a SELECT, the boolean of an ASK, or the triples of a CONSTRUCT."""

    type: str  # SELECT, ASK or CONSTRUCT
    vars: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    triples: list = field(default_factory=list)
    #: Terms the query names that the graph does not have as written, checked before it ran
    #: (:class:`zonekg.queries.terms.TermNote`): the CLI prints them, ``zonekg.query`` warns.
    notes: list = field(default_factory=list)

    def __iter__(self):
        if self.type == "CONSTRUCT":
            return iter(self.triples)
        return (Row(self.vars, r) for r in self.rows)

    def __len__(self) -> int:
        return len(self.triples if self.type == "CONSTRUCT" else self.rows)

    @property
    def askAnswer(self) -> bool | None:  # noqa: N802 - rdflib's name, kept for callers used to it
        return self.boolean


# --- one rule for numbers ---------------------------------------------------------------------

def is_literal(term: Any) -> bool:
    return term is not None and hasattr(term, "datatype")


def _literal_type() -> type[pyoxigraph.Literal]:
    import pyoxigraph

    return pyoxigraph.Literal


def number(term: Any) -> int | float | None:
    """The value of a numeric literal as a Python number (a whole decimal as an int), else None."""
    if not is_literal(term) or term.language:
        return None
    dt = term.datatype.value
    try:
        if dt in _INTEGERS:
            return int(term.value)
        if dt == _DECIMAL:
            exact = Decimal(term.value)
            return int(exact) if exact == exact.to_integral_value() else float(exact)
        if dt in _FLOATS:
            value = float(term.value)
            return int(value) if value.is_integer() and abs(value) < 1e15 else value
    except (ValueError, InvalidOperation):
        return None
    return None


def canonical(text: str, datatype: str | None) -> str:
    """A literal's lexical form by the number rule: integers and decimals in XSD 1.1 canonical form
    (``4898000000``, ``6.6``); other literals as they are."""
    if datatype in _INTEGERS or datatype == _DECIMAL:
        try:
            value = Decimal(text)
        except InvalidOperation:
            return text
        if value == value.to_integral_value():
            return str(int(value))
        return format(value.normalize(), "f")
    return text


def lexical(term: Any) -> str:
    """A term's text, numbers in canonical form (``4898000000``, not ``4898000000.0``)."""
    if term is None:
        return ""
    if not is_literal(term):
        return term.value
    return canonical(term.value, term.datatype.value)


def short(term: Any) -> str:
    """A term as people read it: CURIE for IRIs, the plain value for literals, ``_:b`` for blank nodes."""
    if term is None:
        return ""
    if is_literal(term):
        return lexical(term)
    value = term.value
    if type(term).__name__ == "BlankNode":
        return f"_:{value}"
    for prefix, ns in PREFIXES.items():
        if value.startswith(ns):
            return f"{prefix}:{value[len(ns):]}"
    return value


# --- terminal safety --------------------------------------------------------------------------

_ESCAPES = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[@-Z\\-_])"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def for_terminal(text: str) -> str:
    """Text that is safe to write to a terminal: escape sequences, C0/C1 controls (except newline
    and tab) and bidirectional overrides removed, so a label cannot move the cursor, recolour the
    screen or reverse what is shown."""
    return _ESCAPES.sub("", text)


# --- formats ----------------------------------------------------------------------------------

def nt_term(term: Any) -> str:
    """An RDF term in N-Triples syntax (numbers canonical), as SPARQL TSV results write it; empty when unbound."""
    if term is None:
        return ""
    if not is_literal(term):
        return str(term)
    import pyoxigraph as ox

    if term.language or term.datatype.value not in _INTEGERS | {_DECIMAL}:
        return str(term)
    return str(ox.Literal(lexical(term), datatype=term.datatype))


def to_tsv(result: Result) -> str:
    """W3C SPARQL 1.1 Query Results TSV: ``?var`` header, N-Triples terms, tab-separated."""
    lines = ["\t".join(f"?{n}" for n in result.vars)]
    lines += ["\t".join(nt_term(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def to_csv(result: Result) -> str:
    """W3C SPARQL 1.1 Query Results CSV: plain values (IRIs in full, blank nodes as ``_:b``), CRLF lines."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.vars)
    for row in result.rows:
        writer.writerow(["" if t is None else f"_:{t.value}" if type(t).__name__ == "BlankNode" else lexical(t)
                         for t in row])
    return out.getvalue()


def json_term(term: Any) -> dict[str, str]:
    """One binding in the W3C SPARQL 1.1 Query Results JSON format."""
    kind = type(term).__name__
    if kind == "NamedNode":
        return {"type": "uri", "value": term.value}
    if kind == "BlankNode":
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": lexical(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != _STRING:
        out["datatype"] = term.datatype.value
    return out


def to_json(result: Result) -> str:
    """W3C SPARQL 1.1 Query Results JSON (keys in a fixed order, non-ASCII text kept readable)."""
    import json

    if result.type == "ASK":
        data: dict = {"head": {}, "boolean": bool(result.boolean)}
    else:
        bindings = [{n: json_term(t) for n, t in zip(result.vars, row, strict=True) if t is not None}
                    for row in result.rows]
        data = {"head": {"vars": result.vars}, "results": {"bindings": bindings}}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_table(result: Result, width: int | None = None) -> str:
    """An aligned text table (wide CJK characters counted as two columns, as rich counts them), safe
    for a terminal.  ``width`` is the terminal's; None (a pipe) makes it as wide as it needs, so
    nothing wraps.

    A table that fits is drawn here, the way rich draws it: importing rich's console takes longer
    than the rest of a quick query.  One that must wrap to the terminal, or holds a cell whose
    width rich works out from its neighbours (tabs, line breaks, joiners), is drawn by rich."""
    names = result.vars
    rows = [[for_terminal(short(t)) for t in row] for row in result.rows]
    text = _plain_table(names, rows, width)
    if text is None:
        text = _rich_table(names, rows, width)
    return text + f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n"


#: Characters whose width rich does not take one by one (it expands tabs, joins emoji), and line
#: breaks of every kind (str.splitlines'): a table holding one is left to rich.
_NOT_PLAIN = re.compile(r"[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029\u200d\ufe0f]")


def _plain_table(names: list[str], rows: list[list[str]], width: int | None) -> str | None:
    """The table as rich's heavy-headed box without its outer edge draws it when every column gets
    its full width: `` cell ┃ cell`` in the header, ``━━╇━━`` under it, `` cell │ cell`` below,
    lines stripped on the right.  None when that is not what rich would draw."""
    if not names or any(_NOT_PLAIN.search(cell) for cell in (*names, *(c for row in rows for c in row))):
        return None
    from rich.cells import cell_len  # the width table rich itself uses; a few ms, not rich's console

    widths = [max(cell_len(cell) for cell in column) for column in zip(names, *rows, strict=True)]
    if width is not None and sum(widths) + 3 * len(widths) - 1 > width:
        return None

    def line(cells: list[str], bar: str) -> str:
        return bar.join(f" {cell}{' ' * (w - cell_len(cell))} " for cell, w in zip(cells, widths, strict=True)).rstrip()

    out = [line(names, "┃"), "╇".join("━" * (w + 2) for w in widths)]
    out += [line(row, "│") for row in rows]
    return "\n".join(out) + "\n"


def _rich_table(names: list[str], rows: list[list[str]], width: int | None) -> str:
    """The table drawn by rich, wrapping cells to ``width`` when it is given."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(show_edge=False, show_lines=False, header_style="bold")
    for n in names:
        table.add_column(n)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    if width is None:  # not a terminal: as wide as the table needs, so nothing wraps
        from rich.cells import cell_len

        widths = [max([cell_len(n)] + [max(cell_len(x) for x in r[i].split("\n")) for r in rows])
                  for i, n in enumerate(names)]
        width = sum(widths) + 3 * len(widths) + 4
    console = Console(width=width, record=True, file=_Null(), color_system=None, soft_wrap=False)
    console.print(table)
    text = console.export_text(styles=False)
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


class _Null(io.StringIO):
    """A file that drops what is written (rich records the output instead)."""

    def write(self, _text: str) -> int:
        return 0


def format_result(result: Result, fmt: str, width: int | None = None) -> str:
    """The answer in one of FORMATS; ASK queries answer ``true``/``false`` (JSON: the W3C boolean);
    CONSTRUCT and DESCRIBE queries answer N-Triples in every format."""
    if fmt not in FORMATS:
        raise ZoneKGError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})", None, None, "format")
    if result.type == "ASK":
        return to_json(result) if fmt == "json" else ("true" if result.boolean else "false") + "\n"
    if result.type == "CONSTRUCT":
        import pyoxigraph as ox

        text = (ox.serialize(sorted(result.triples, key=str), format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
        return for_terminal(text) if fmt == "table" else text
    if fmt == "table":
        return to_table(result, width)
    if fmt == "tsv":
        return to_tsv(result)
    if fmt == "csv":
        return to_csv(result)
    return to_json(result)


# --- Python values ----------------------------------------------------------------------------

def python_value(term: pyoxigraph.NamedNode | pyoxigraph.Literal | None) -> Any:
    """A term as a readable Python value: str for IRIs (CURIE) and text, int/float by the number
    rule, datetimes and dates, booleans."""
    if term is None:
        return None
    if not isinstance(term, _literal_type()):
        return short(term)
    value = number(term)
    if value is not None:
        return value
    dt = term.datatype.value
    if dt in (XSD + "dateTimeStamp", XSD + "dateTime"):
        from datetime import datetime

        try:
            return datetime.fromisoformat(term.value)
        except ValueError:
            return term.value
    if dt == XSD + "date":
        from datetime import date

        try:
            return date.fromisoformat(term.value)
        except ValueError:
            return term.value
    if dt == XSD + "boolean":
        return term.value in ("true", "1")
    return term.value


def to_dataframe(result: Result) -> pd.DataFrame:
    """A SELECT answer as a DataFrame of Python values, one column per variable.

    A column of whole numbers stays integer (pandas' nullable ``Int64`` when some rows have no
    value, rather than floats), so 4898000000 never shows as ``4.898000e+09``."""
    import pandas as pd

    rows = [[python_value(t) for t in row] for row in result.rows]
    df = pd.DataFrame(rows, columns=result.vars, dtype=object)
    for name in result.vars:
        values = [v for v in df[name] if v is not None]
        if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            df[name] = df[name].astype("Int64" if len(values) < len(df) else "int64")
        elif values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            df[name] = df[name].astype("float64")
        else:
            df[name] = df[name].infer_objects()
    return df
