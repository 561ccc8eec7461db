"""Reading fact sheets: YAML files an analyst reviews and edits, one per source.

The loader keeps the line of every key so that each later error can name its line.  It
refuses duplicate keys (YAML silently keeps the last one) and turns off YAML's implicit
dates, so that ``2024-09-23`` stays the string the analyst typed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import ZoneKGError


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
                loader.name,
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


def load_yaml(path: Path) -> Any:
    """Parse one fact sheet; a syntax error names the file, line and column."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ZoneKGError("fact sheet not found", path) from None
    except UnicodeDecodeError as exc:
        raise ZoneKGError(f"not UTF-8 ({exc.reason} at byte {exc.start})", path) from None
    loader = _Loader(text)
    loader.name = str(path)
    try:
        return loader.get_single_data()
    except ZoneKGError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = f" (column {mark.column + 1})" if mark else ""
        raise ZoneKGError(f"YAML syntax error{col}: {exc.problem or exc}", path, line) from None
    finally:
        loader.dispose()
