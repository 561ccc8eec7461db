"""The named queries: finding ``queries/*.rq``, reading their comment block, resolving what a user
typed (a name, a file or SPARQL text) into one query.

Kept apart from the engine so that ``zonekg query --list`` and the help need no RDF library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from zonekg.model import paths
from zonekg.model.errors import ZoneKGError

#: Folder of the named queries, relative to the project root.

_PARAM = re.compile(r"^#\s*param:\s*(\w+)\s*[—–-]+\s*(.*)$")
_FIELD = re.compile(r"^#\s*(en|zh|returns):\s*(.*)$")
_QUERY_WORDS = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|LOAD|CLEAR|DROP|CREATE)\b"
                          r"|\b(ADD|MOVE|COPY|WITH)\s", re.IGNORECASE)


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

    @property
    def required(self) -> list[str]:
        """Parameters the query cannot answer without (those not described as ``optional``)."""
        return [p for p, text in self.params.items() if not text.lower().startswith("optional")]

    @property
    def file(self) -> Path | None:
        """The file the query came from, for error messages (None for text typed in)."""
        return self.path if self.path.suffix == ".rq" else None


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
    folder = paths.queries_dir(root)
    out = {}
    for path in sorted(folder.glob("*.rq")):
        out[path.stem] = parse_header(path.stem, path, path.read_text(encoding="utf-8"))
    return out


def resolve(text_or_name: str, root: Path | None = None) -> NamedQuery:
    """A query from a file path, a bare query name (``leading-industries``) or SPARQL text.

    A name that is no query gets the closest names as suggestions, as a misspelt command does."""
    candidate = Path(text_or_name)
    base = None
    if "\n" not in text_or_name and len(text_or_name) < 500:
        if candidate.suffix == ".rq" and candidate.is_file():
            return parse_header(candidate.stem, candidate, candidate.read_text(encoding="utf-8"))
        base = root if root is not None else _root_or_none()
        if base is not None and re.fullmatch(r"[\w.-]+", text_or_name):
            path = paths.queries_dir(base) / f"{text_or_name.removesuffix('.rq')}.rq"
            if path.is_file():
                return parse_header(path.stem, path, path.read_text(encoding="utf-8"))
    from zonekg.queries.guard import decode_escapes

    if _QUERY_WORDS.search(decode_escapes(text_or_name)):  # SPARQL's \u escapes may spell a keyword
        return parse_header("<text>", Path("<text>"), text_or_name)
    hint = ""
    if base is not None:
        import difflib

        close = difflib.get_close_matches(text_or_name.removesuffix(".rq"), list(named_queries(base)), n=3, cutoff=0.6)
        if close:
            hint = f"; did you mean {' or '.join(repr(c) for c in close)}?"
    raise ZoneKGError(
        f"no query named '{text_or_name}' (no file queries/{text_or_name}.rq, and not SPARQL text){hint} "
        "— `zonekg query --list` shows the named queries"
    )


def _root_or_none() -> Path | None:
    try:
        return paths.project_root()
    except ZoneKGError:
        return None
