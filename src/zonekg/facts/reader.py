"""Reading fact sheets: YAML files an analyst reviews and edits, one per source.

The loader keeps the line of every key so that each later error can name its line.  It
refuses duplicate keys (YAML silently keeps the last one) and turns off YAML's implicit
dates, so that ``2024-09-23`` stays the string the analyst typed.

Before anything is built, the text itself is checked, cheapest check first, so that hostile
or broken input fails fast with its line: the file's size, UTF-8, characters that no RDF
writer or reader handles safely (NUL and other controls, line separators, bidi overrides),
then the YAML event stream (anchors and aliases, which can expand exponentially; explicit
tags; nesting depth; over-long scalars) before any node is composed.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from zonekg.model.errors import ZoneKGError


class LDict(dict):
    """A mapping that remembers the line of itself and of each of its keys."""

    line: int = 0
    lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)


class LList(list):
    """A sequence that remembers its line."""

    line: int = 0


#: libyaml's parser when present (several times faster), else the pure-Python one.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc,valid-type]
    """SafeLoader without implicit timestamps; mappings and sequences carry lines."""

    path: Path  # the fact sheet, for errors raised while constructing


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LDict:
    out = LDict()
    out.line = node.start_mark.line + 1
    out.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        if key in out:
            raise ZoneKGError(
                f"duplicate key {key!r} (first on line {out.lines[key]})",
                loader.path,
                key_node.start_mark.line + 1,
                key,
            )
        out[key] = loader.construct_object(value_node, deep=True)
        out.lines[key] = key_node.start_mark.line + 1
    return out


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LList:
    out = LList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


#: Limits far above any real fact sheet (the article's is 0.1 MB, its longest field 150 characters).
MAX_BYTES = 5_000_000
MAX_SCALAR = 2_000
MAX_DEPTH = 10

#: Characters refused anywhere in a fact sheet: controls other than tab, LF and CRLF, line and
#: paragraph separators (RDF writers emit them raw, and N-Triples/Turtle readers then fail),
#: bidi overrides and isolates (they make a label read differently from what it is), zero-width
#: and byte-order marks (U+200B–U+200D, U+2060, U+FEFF: invisible, so two labels that look the
#: same differ and a search for the one misses the other), lone surrogates and non-characters
#: (not encodable).
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069"
    "\ufeff\ud800-\udfff\ufffe\uffff]|\r(?!\n)"
)
_CONTROL_NAMES = {
    0x00: "NULL", 0x09: "CHARACTER TABULATION", 0x0A: "LINE FEED", 0x0B: "LINE TABULATION (VT)",
    0x0C: "FORM FEED (FF)", 0x0D: "CARRIAGE RETURN", 0x1C: "INFORMATION SEPARATOR FOUR (FS)",
    0x1D: "INFORMATION SEPARATOR THREE (GS)", 0x1E: "INFORMATION SEPARATOR TWO (RS)",
    0x1F: "INFORMATION SEPARATOR ONE (US)", 0x7F: "DELETE", 0x85: "NEXT LINE (NEL)",
}
_KEY_ON_LINE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_]\w*)\s*:")


def describe_char(ch: str) -> str:
    """``U+2028 LINE SEPARATOR``: the code point and its Unicode name, for error messages."""
    code = ord(ch)
    try:
        name = _CONTROL_NAMES.get(code) or unicodedata.name(ch)
    except ValueError:
        name = "SURROGATE" if 0xD800 <= code <= 0xDFFF else "CONTROL CHARACTER"
    return f"U+{code:04X} {name}"


def find_forbidden(text: str) -> re.Match[str] | None:
    """The first character of ``text`` that a fact sheet may not contain, or None."""
    return _FORBIDDEN.search(text)


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _key_on(text: str, line: int) -> str | None:
    """The key written on ``line`` of the file, to name the field of a raw-text error."""
    m = _KEY_ON_LINE.match(text.split("\n")[line - 1])
    return m.group(1) if m else None


def _read_text(path: Path) -> str:
    """The file as text: bounded in size, valid UTF-8, free of forbidden characters."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ZoneKGError(f"file is {size:,} bytes; a fact sheet may have at most {MAX_BYTES:,}", path)
        data = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise ZoneKGError("fact sheet not found", path) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ZoneKGError(
            f"not UTF-8: byte 0x{data[exc.start]:02x} ({exc.reason}) at byte {exc.start}", path, line
        ) from None
    bad = find_forbidden(text)
    if bad:
        line = _line_of(text, bad.start())
        raise ZoneKGError(f"character {describe_char(bad.group(0)[0])} is not allowed", path, line, _key_on(text, line))
    return text


class _Fields:
    """Which key of the YAML event stream is being read, so that an event error can name its field."""

    def __init__(self) -> None:
        self.open: list[list[Any]] = []  # per open collection: [is a mapping, expecting a key, current key]

    @property
    def depth(self) -> int:
        return len(self.open)

    def current(self) -> str | None:
        return next((str(c[2]) for c in reversed(self.open) if c[0] and c[2] is not None), None)

    def scalar(self, value: str) -> str | None:
        """Take one scalar; the field it belongs to (itself, when it is a key)."""
        top = self.open[-1] if self.open else None
        if top is not None and top[0] and top[1]:
            top[1], top[2] = False, value
            return value
        field = self.current()
        self._value_done()
        return field

    def start(self, mapping: bool) -> None:
        self.open.append([mapping, True, None])

    def end(self) -> None:
        self.open.pop()
        self._value_done()

    def _value_done(self) -> None:
        if self.open and self.open[-1][0]:
            self.open[-1][1] = True


def _check_events(loader: Any, path: Path) -> None:
    """Walk the YAML event stream (nothing composed yet) and refuse what could blow up or mislead."""
    fields = _Fields()
    while loader.check_event():
        event = loader.get_event()
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise ZoneKGError(f"YAML alias *{event.anchor} is not allowed: write the value out", path, line,
                              fields.current())
        if getattr(event, "anchor", None) is not None:
            raise ZoneKGError(f"YAML anchor &{event.anchor} is not allowed: write the value out", path, line,
                              fields.current())
        if getattr(event, "tag", None) is not None:
            raise ZoneKGError(f"YAML tag {event.tag} is not allowed", path, line, fields.current())
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if fields.depth >= MAX_DEPTH:
                raise ZoneKGError(f"nested more than {MAX_DEPTH} levels deep", path, line, fields.current())
            fields.start(isinstance(event, yaml.MappingStartEvent))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            fields.end()
        elif isinstance(event, yaml.ScalarEvent):
            field = fields.scalar(event.value[:40])
            if len(event.value) > MAX_SCALAR:
                raise ZoneKGError(
                    f"a value of {len(event.value):,} characters; the limit is {MAX_SCALAR:,}", path, line, field
                )
            bad = find_forbidden(event.value)
            if bad:
                raise ZoneKGError(f"character {describe_char(bad.group(0)[0])} is not allowed", path, line, field)


def load_yaml(path: Path) -> Any:
    """Parse one fact sheet; every problem names the file and line (and column for syntax)."""
    text = _read_text(path)
    scanner, loader = _Loader(text), _Loader(text)
    loader.path = path
    try:
        _check_events(scanner, path)
        return loader.get_single_data()
    except ZoneKGError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = f" (column {mark.column + 1})" if mark else ""
        raise ZoneKGError(f"YAML syntax error{col}: {exc.problem or exc}", path, line) from None
    except yaml.YAMLError as exc:  # unmarked (a ReaderError); the characters it names are refused above
        raise ZoneKGError(f"YAML error: {exc}", path) from None
    finally:
        scanner.dispose()
        loader.dispose()
