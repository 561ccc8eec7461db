"""Shared fixtures: a private copy of the project, built once per test session.

Tests never write into the checkout: they copy ontology/ and graph/ to a temporary folder
and build there, so a failing test cannot leave a half-built build/ behind.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import CHROMEDRIVER, CHROMIUM, SOURCE_TEXT, copy_project


@pytest.fixture(autouse=True)
def _no_warm_workers_left():
    """``zonekg.query()`` keeps a warm worker for the life of the process; a test leaves none
    behind (tests count the children of the test process)."""
    yield
    from zonekg.queries.pool import close_shared

    close_shared()


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


@pytest.fixture()
def built_copy(built, project: Path, tmp_path: Path) -> Path:
    """A fresh copy of the built project (build/ and its store included) that a test may change:
    a full build once per session, copied, instead of a cold build in each test."""
    import shutil

    return Path(shutil.copytree(project, tmp_path / "built", symlinks=True))


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


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not Path(p).exists()]
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs Debian's chromium and chromium-driver; missing: {', '.join(missing)}")
        pytest.skip(f"needs Debian's chromium and chromium-driver (missing: {', '.join(missing)})")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--no-first-run", "--disable-component-update", "--disable-sync", "--window-size=1600,1000",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.execute_cdp_cmd("Network.enable", {})
    yield driver
    driver.quit()
