"""Where the project's files are: the one place that names a folder or file of a project.

The project is found from the working directory, so that the CLI works from any sub-folder of a
checkout, or from ``ZONEKG_ROOT``.  Every other module asks here rather than spelling out
``graph/facts`` or ``build/oxigraph`` itself.
"""

from __future__ import annotations

import os
from pathlib import Path

from zonekg.model.errors import ZoneKGError

__all__ = [
    "BUILD_OUTPUTS", "COMMITTED_GRAPH", "DEFINED_CLASSES", "NQUADS_FILES", "STORE_DIR", "build_dir", "fact_sheets",
    "facts_dir", "ontology_dir", "ontology_files", "project_root", "queries_dir", "shapes_file", "sources_dir",
    "store_dir",
]

#: The committed copy of the built dataset, so that the graph itself diffs in git.
COMMITTED_GRAPH = Path("graph") / "zone.trig"
#: Every name a build may write in build/: what the current build does not write is deleted
#: in its transaction, so no output of an older build stays beside new data.
BUILD_OUTPUTS = ("zone.trig", "zone.nq", "zone.ttl", "inferred.trig", "inferred.nq", "zone.html",
                 "drafts.trig", "drafts.nq", "drafts.html")
#: The build's N-Quads a store is made from, in this order (the second only after reasoning, the
#: third only after ``build --drafts``).
NQUADS_FILES = ("zone.nq", "inferred.nq", "drafts.nq")
#: The Oxigraph store's folder inside ``build/``.
STORE_DIR = "oxigraph"
#: The ontology's reasoning axioms (defined classes, chains), read by the reasoner and the docs.
DEFINED_CLASSES = Path("ontology") / "defined-classes.ttl"


def project_root(start: Path | None = None) -> Path:
    """The folder holding ``ontology/zone.ttl`` and ``graph/``: ``start`` if given, else
    ``ZONEKG_ROOT``, else the working directory or one above it, else this checkout."""
    env = os.environ.get("ZONEKG_ROOT")
    if env and start is None:
        root = Path(env)
        if not (root / "ontology" / "zone.ttl").is_file():
            raise ZoneKGError("ZONEKG_ROOT does not hold ontology/zone.ttl", root)
        return root
    if start is not None:
        # A folder the user named must itself be a project: never fall back to another one.
        root = Path(start).resolve()
        if not (root / "ontology" / "zone.ttl").is_file() or not (root / "graph").is_dir():
            raise ZoneKGError("not a zonekg project (no ontology/zone.ttl and graph/ here)", root)
        return root
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "ontology" / "zone.ttl").is_file() and (folder / "graph").is_dir():
            return folder
    package_root = Path(__file__).resolve().parents[3]
    if (package_root / "ontology" / "zone.ttl").is_file():
        return package_root
    raise ZoneKGError("no zonekg project here: no ontology/zone.ttl in this folder or above", here)


def ontology_dir(root: Path) -> Path:
    return root / "ontology"


def ontology_files(root: Path) -> list[Path]:
    """The ontology proper and its alignments to schema.org and ELI."""
    return [root / "ontology" / "zone.ttl", root / "ontology" / "alignments.ttl"]


def shapes_file(root: Path) -> Path:
    return root / "ontology" / "shapes.ttl"


def facts_dir(root: Path) -> Path:
    """``graph/facts/``: one fact sheet per source."""
    return root / "graph" / "facts"


def sources_dir(root: Path) -> Path:
    """``graph/sources/``: the source texts as received, and their metadata."""
    return root / "graph" / "sources"


def queries_dir(root: Path) -> Path:
    """``queries/``: the named queries."""
    return root / "queries"


def fact_sheets(root: Path) -> list[Path]:
    """Every fact sheet, one per source, in a stable order."""
    return sorted(facts_dir(root).glob("*.yaml"))


def build_dir(root: Path) -> Path:
    return root / "build"


def store_dir(root: Path) -> Path:
    """The build's Oxigraph store."""
    return build_dir(root) / STORE_DIR
