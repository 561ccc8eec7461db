"""Incremental builds: an unchanged build rewrites nothing; a changed fact sheet rebuilds its own
named graph while the others come from the cache (and their SHACL results); reasoning and the HTML view rerun only
when what they see changed; --core and full builds never mix pieces; a damaged cache is ignored."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import SOURCE_ID, copy_project
from zonekg.cli import app

SHEET = Path("graph") / "facts" / f"{SOURCE_ID}.yaml"
HEADER = f"  id: {SOURCE_ID}\n  text:"


def build(root: Path, *extra: str) -> str:
    result = CliRunner().invoke(app, ["build", "--root", str(root), *extra])
    assert result.exit_code == 0, result.output
    return result.output


def reused_line(output: str) -> str:
    [line] = [line for line in output.splitlines() if line.startswith("reused: ")]
    return line


def outputs(root: Path) -> dict[str, tuple[int, bytes]]:
    """Each output file of the build: its inode (a rewrite replaces it) and its bytes."""
    files = [p for p in (root / "build").rglob("*") if p.is_file() and "oxigraph" not in p.parts]
    files.append(root / "graph" / "zone.trig")
    return {str(p.relative_to(root)): (p.stat().st_ino, p.read_bytes()) for p in files}


def add_copy(root: Path, name: str) -> Path:
    """A second source: the same article under another source id (its own named graph)."""
    text = (root / SHEET).read_text(encoding="utf-8")
    assert HEADER in text
    path = root / "graph" / "facts" / f"{name}.yaml"
    path.write_text(text.replace(HEADER, f"  id: {name}\n  text:", 1), encoding="utf-8")
    return path


def edit_label(path: Path, suffix: str) -> None:
    text = path.read_text(encoding="utf-8")
    marker = "Yushang Economic and Technological Development Zone"
    path.write_text(text.replace(marker, marker + suffix, 1), encoding="utf-8")


def test_unchanged_build_rewrites_nothing(scratch: Path):
    assert reused_line(build(scratch, "--core")) == "reused: nothing (all rebuilt)"
    before = outputs(scratch)
    store = (scratch / "build" / "oxigraph").stat().st_ino
    os.utime(scratch / SHEET)  # touched, not changed
    out = build(scratch, "--core")
    assert reused_line(out) == "reused: everything (no input changed; nothing rewritten)"
    assert "49 of 49 accounted for" in out  # the summary is the last build's
    assert outputs(scratch) == before
    assert (scratch / "build" / "oxigraph").stat().st_ino == store


@pytest.mark.slow
def test_a_changed_sheet_rebuilds_its_graph_only(scratch: Path):
    other = add_copy(scratch, "copy-of-the-article")
    build(scratch, "--core")
    nq = (scratch / "build" / "zone.nq").read_bytes()
    edit_label(other, " (copy)")
    out = build(scratch, "--core")
    assert reused_line(out) == "reused: 1 of 2 fact sheets, SHACL of 1 of 2 sources"
    new = (scratch / "build" / "zone.nq").read_bytes()
    assert b"Development Zone (copy): pulling the oars on a new journey\"@en " \
           b"<https://w3id.org/zonekg/graph/copy-of-the-article>" in new
    assert b"Development Zone (copy)" not in nq
    # the result is what a build without any cache makes
    fresh = copy_project(scratch / "fresh")
    add_copy(fresh, "copy-of-the-article")
    edit_label(fresh / "graph" / "facts" / "copy-of-the-article.yaml", " (copy)")
    build(fresh, "--core")
    assert (fresh / "build" / "zone.nq").read_bytes() == new
    assert (fresh / "build" / "zone.trig").read_bytes() == (scratch / "build" / "zone.trig").read_bytes()


@pytest.mark.slow
def test_core_and_full_builds_share_only_what_fits(scratch: Path):
    build(scratch, "--core")
    full = build(scratch)
    assert reused_line(full) == "reused: 1 of 1 fact sheets, SHACL"
    first = outputs(scratch)
    assert "build/zone.html" in first and "build/inferred.trig" in first
    core = build(scratch, "--core")
    assert reused_line(core) == "reused: 1 of 1 fact sheets, SHACL"
    left = {p.name for p in (scratch / "build").iterdir()}
    assert not left & {"zone.html", "inferred.trig", "inferred.nq"}, "outputs of the older build stayed"
    again = build(scratch)
    assert reused_line(again) == "reused: 1 of 1 fact sheets, SHACL, reason, view"
    assert "consistent" in again and "zone.html:" in again  # the steps' summary lines come back too
    assert {k: v[1] for k, v in outputs(scratch).items()} == {k: v[1] for k, v in first.items()}


@pytest.mark.slow
def test_a_damaged_cache_is_ignored(scratch: Path):
    build(scratch, "--core")
    want = (scratch / "build" / "zone.nq").read_bytes()
    manifest = scratch / "build" / "cache" / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    for nq in (scratch / "build" / "cache").glob("*.nq"):
        nq.unlink()  # the cached graph is gone: the outputs are still whole, so nothing to do ...
    assert reused_line(build(scratch, "--core")).startswith("reused: everything")
    (scratch / "build" / "zone.ttl").write_bytes(b"damaged")  # ... until an output is damaged
    assert reused_line(build(scratch, "--core")) == "reused: SHACL"  # the sheet is built again
    manifest.write_text("{ not json", encoding="utf-8")
    assert reused_line(build(scratch, "--core")) == "reused: nothing (all rebuilt)"
    assert (scratch / "build" / "zone.nq").read_bytes() == want
    assert data["sheets"][str(SHEET)]["source_id"] == SOURCE_ID


def test_the_code_key_covers_every_sub_package() -> None:
    """A change to the HTML view, the queries or the reasoner must rebuild what they write: the
    code key hashes the whole package, not only the pipeline's folder (a regression of the 0.2 move)."""
    from zonekg.pipeline.cache import code_files

    files = {str(p) for p in code_files()}
    for expected in ("__init__.py", "views/graph_page.py", "network/graph.py", "queries/named.py",
                     "reason/reasoner.py", "rdf/dataset.py", "facts/check.py", "pipeline/cache.py"):
        assert expected in files, expected
    assert not any("__pycache__" in f for f in files)
