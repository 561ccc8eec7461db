"""Where the project's files are: found from the working directory, so that the CLI works
from any sub-folder of a checkout, or from ``ZONEKG_ROOT``."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import ZoneKGError


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
    package_root = Path(__file__).resolve().parents[2]
    if (package_root / "ontology" / "zone.ttl").is_file():
        return package_root
    raise ZoneKGError("no zonekg project here: no ontology/zone.ttl in this folder or above", here)


def ontology_files(root: Path) -> list[Path]:
    """The ontology proper and its alignments to schema.org and ELI."""
    return [root / "ontology" / "zone.ttl", root / "ontology" / "alignments.ttl"]


def shapes_file(root: Path) -> Path:
    return root / "ontology" / "shapes.ttl"


def fact_sheets(root: Path) -> list[Path]:
    """Every fact sheet, one per source, in a stable order."""
    return sorted((root / "graph" / "facts").glob("*.yaml"))


def build_dir(root: Path) -> Path:
    return root / "build"
