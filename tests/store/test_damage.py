"""A damaged store is refused by every reader with one "rebuild with `zonekg build`" line and exit 1,
never answered from (issue 19): a MANIFEST cut in half, a changed table file, a deleted one, garbage in
CURRENT, and a store written before manifests existed. And `zonekg build` then repairs it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from zonekg.cli import app
from zonekg.model.errors import BuildDamaged
from zonekg.store.local import MANIFEST

runner = CliRunner()


def _truncate_manifest(store: Path) -> None:
    [manifest] = store.glob("MANIFEST-*")
    data = manifest.read_bytes()
    manifest.write_bytes(data[: len(data) // 2])


def _flip_sst(store: Path) -> None:
    sst = max(store.glob("*.sst"), key=lambda p: p.stat().st_size)
    data = bytearray(sst.read_bytes())
    data[len(data) // 2] ^= 0xFF
    sst.write_bytes(bytes(data))


def _delete_sst(store: Path) -> None:
    max(store.glob("*.sst"), key=lambda p: p.stat().st_size).unlink()


def _garbage_current(store: Path) -> None:
    (store / "CURRENT").write_text("MANIFEST-999999\n")


def _no_manifest(store: Path) -> None:
    (store / MANIFEST).unlink()


DAMAGES: dict[str, Callable[[Path], None]] = {
    "truncated MANIFEST": _truncate_manifest, "changed table file": _flip_sst, "deleted table file": _delete_sst,
    "garbage in CURRENT": _garbage_current, "no manifest": _no_manifest,
}

READERS = [
    ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"],
    ["query", "gdp-growth-rank"],
    ["entity", "yushang-mc"],
    ["why", "gdp-value"],
    ["explain", "futian-zhilan", "henan-gov"],
    ["serve", "--port", "0"],
    ["push", "http://127.0.0.1:1/store"],
]


@pytest.fixture(scope="module")
def damaged_projects(built, project: Path, tmp_path_factory) -> dict[str, Path]:
    """One copy of the built project per damage (the build's store copied file by file)."""
    from zonekg.store.local import ensure_store

    ensure_store(project)
    out = {}
    for name, damage in DAMAGES.items():
        copy = tmp_path_factory.mktemp("damaged")
        for part in ("ontology", "graph", "queries", "build"):
            shutil.copytree(project / part, copy / part, ignore=shutil.ignore_patterns(".cache"), symlinks=True)
        damage(copy / "build" / "oxigraph")
        out[name] = copy
    return out


@pytest.mark.parametrize("damage", list(DAMAGES))
@pytest.mark.parametrize("command", READERS, ids=lambda c: c[0] + ("-" + c[1][:8] if c[0] == "query" else ""))
def test_every_reader_refuses_a_damaged_store(damaged_projects, damage, command):
    root = damaged_projects[damage]
    result = runner.invoke(app, [*command, "--root", str(root)])
    lines = result.output.strip().splitlines()
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    errors = [line for line in lines if line.startswith("error:")]
    assert len(errors) == 1 and "rebuild with `zonekg build`" in errors[0], result.output
    assert not any(line.strip().isdigit() for line in lines), result.output  # no count was answered


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_the_python_api_refuses_a_damaged_store(damaged_projects, damage):
    import zonekg

    root = damaged_projects[damage]
    with pytest.raises(BuildDamaged, match="rebuild with `zonekg build`"):
        zonekg.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", root=root)
    with pytest.raises(BuildDamaged, match="rebuild with `zonekg build`"):
        zonekg.store_graph(root)


@pytest.mark.slow
def test_a_build_repairs_a_damaged_store(built, scratch):
    from zonekg.pipeline.run import run_build

    run_build(scratch)
    _truncate_manifest(scratch / "build" / "oxigraph")
    assert runner.invoke(app, ["query", "gdp-growth-rank", "--root", str(scratch)]).exit_code == 1
    run_build(scratch)  # nothing changed in the inputs; the store is rewritten all the same
    result = runner.invoke(app, ["query", "gdp-growth-rank", "--root", str(scratch), "--format", "csv"])
    assert result.exit_code == 0 and "gdp-value" in result.output
