"""Shared fixtures: a private copy of the project, built once per test session.

Tests never write into the checkout: they copy ontology/ and graph/ to a temporary folder
and build there, so a failing test cannot leave a half-built build/ behind.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCE_ID = "yushang-etdz-2024-09-29"
FACT_SHEET = ROOT / "graph" / "facts" / f"{SOURCE_ID}.yaml"
SOURCE_TEXT = ROOT / "graph" / "sources" / f"{SOURCE_ID}.zh.txt"


def copy_project(dest: Path) -> Path:
    """A minimal project (ontology, fact sheets, sources, queries) under ``dest``."""
    for name in ("ontology", "graph", "queries"):
        src = ROOT / name
        if src.exists():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("zone.trig"))
    return dest


@pytest.fixture(scope="session")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("project"))


@pytest.fixture(scope="session")
def built(project: Path):
    """The result of a full ``zonekg build`` of the project copy."""
    from zonekg.pipeline.run import run_build

    return run_build(project)


@pytest.fixture()
def scratch(tmp_path: Path) -> Path:
    """A fresh, writable project copy for tests that edit fact sheets."""
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def union(built):
    """All named graphs of the build (ontology included) merged into one rdflib Graph."""
    from rdflib import Graph

    g = Graph()
    for s, p, o, _ctx in built.dataset.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


@pytest.fixture(scope="session")
def article() -> str:
    """The source text, as stored."""
    return SOURCE_TEXT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def store(built, project: Path) -> Path:
    """The Oxigraph store of the build (build/oxigraph), made from build/zone.nq if the build did not write it."""
    from zonekg.store.local import ensure_store

    return ensure_store(project)
