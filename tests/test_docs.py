"""The documentation names what exists: every ``src/zonekg/…`` path and every ``zonekg.…`` module
or name in the README and docs/ resolves in this version (not through the 0.1 shims, which warn),
and every link to a heading of another Markdown file of the project finds that heading.

The docs describe the code by its paths; a move or a rename that forgets them leaves readers at
files that do not exist, which is what the 0.2 move did to 34 references."""

from __future__ import annotations

import importlib
import re
import unicodedata
import warnings
from pathlib import Path

import pytest

from tests.helpers import ROOT

DOCS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md")),
        *sorted((ROOT / "benchmarks").glob("*.md")), ROOT / "notebooks" / "README.md"]
#: Docstrings and comments name code too (the 0.1 shims' own table is about the old names).
CODE = [p for p in sorted((ROOT / "src" / "zonekg").rglob("*.py")) + sorted((ROOT / "benchmarks").glob("*.py"))
        if p.name != "moved.py"]
#: Names that look like modules but are file names the docs mention.
NOT_CODE = {"zonekg.sha256", "zonekg.manifest.json"}


def lines(files: list[Path] = DOCS):
    for doc in files:
        if doc.is_file():
            for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
                yield doc, number, line


def resolves(name: str, old_paths: bool = False) -> bool:
    """``zonekg.a.b.c``: the longest importable module prefix, then attributes, with the 0.1 shims'
    DeprecationWarning as a failure unless ``old_paths`` (a line that speaks of 0.1's paths)."""
    from zonekg.model.moved import FORMERLY, MOVED

    parts = name.split(".")
    if old_paths and len(parts) > 1:  # looked up where it lives now: importing the shim here would
        old = parts[1]                 # keep it in sys.modules, and test_api's warning would not come
        if old in MOVED:
            parts[1:2] = MOVED[old].split(".")
        elif old in FORMERLY and len(parts) > 2 and not (ROOT / "src" / "zonekg" / old / f"{parts[2]}.py").exists():
            parts[1:2] = FORMERLY[old].split(".")
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        for i in range(len(parts), 0, -1):
            try:
                obj = importlib.import_module(".".join(parts[:i]))
            except (ImportError, DeprecationWarning):
                continue
            try:
                for attribute in parts[i:]:
                    obj = getattr(obj, attribute)
            except (AttributeError, DeprecationWarning):
                return False
            return True
    return False


@pytest.mark.parametrize("files", [DOCS, CODE], ids=["docs", "docstrings"])
def test_every_code_path_the_docs_name_exists(files: list[Path]) -> None:
    missing = []
    for doc, number, line in lines(files):
        where = f"{doc.relative_to(ROOT)}:{number}"
        for m in re.finditer(r"src/zonekg/[\w/]+(?:\.\w+|\.\{([\w,]+)\})?", line):
            path = m.group(0).rstrip("/")
            paths = [path.split("{")[0] + ext for ext in m.group(1).split(",")] if m.group(1) else [path]
            missing += [f"{where}: {p}" for p in paths if not (ROOT / p).exists()]
        missing += [f"{where}: {m.group(0)}" for m in re.finditer(r"(?<![\w/.-])zonekg(?:\.\w+)+", line)
                    if m.group(0) not in NOT_CODE and not resolves(m.group(0), old_paths="0.1" in line)]
    assert not missing, "the docs name code that is not there:\n" + "\n".join(missing)


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = heading.strip().lower()
    text = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LN")
    return text.replace(" ", "-")


def test_every_link_to_a_heading_finds_it() -> None:
    anchors: dict[Path, set[str]] = {}
    for doc in DOCS + [ROOT / "CHANGELOG.md"]:
        if doc.is_file():
            text = re.sub(r"(?ms)^```.*?^```", "", doc.read_text(encoding="utf-8"))
            anchors[doc.resolve()] = {slug(h) for h in re.findall(r"(?m)^#{1,6} (.+)$", text)}
    broken = []
    for doc, number, line in lines():
        for target, anchor in re.findall(r"\]\(([^)#\s]*)#([^)\s]+)\)", line):
            path = (doc.parent / target).resolve() if target else doc.resolve()
            if path.suffix == ".md" and path in anchors and anchor not in anchors[path]:
                broken.append(f"{doc.relative_to(ROOT)}:{number}: {target}#{anchor}")
    assert not broken, "links to headings that are not there:\n" + "\n".join(broken)
