"""All-or-nothing writes: a build replaces build/ and graph/zone.trig together or not at all,
leaves no temporary file behind, and answers write failures (full disk, read-only file system,
a file or folder in the way) with one line and exit 1. A kill -9 at any moment leaves the old
or the new set, completed or cleaned by the next run."""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import SOURCE_ID, copy_project
from zonekg.cli import app
from zonekg.model.errors import ZoneKGError
from zonekg.rdf import files
from zonekg.rdf.files import JOURNAL, TEMP, commit, recover

SHEET = Path("graph") / "facts" / f"{SOURCE_ID}.yaml"
OUTPUTS = ("zone.trig", "zone.nq", "zone.ttl")


def leftovers(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.name.startswith(TEMP) or p.name == JOURNAL]


def snapshot(root: Path) -> dict[str, bytes]:
    files = {f"build/{n}": root / "build" / n for n in OUTPUTS}
    files["graph/zone.trig"] = root / "graph" / "zone.trig"
    files["manifest"] = root / "build" / "cache" / "manifest.json"
    return {k: p.read_bytes() for k, p in files.items() if p.is_file()}


def cli_build(root: Path, *extra: str):
    return CliRunner().invoke(app, ["build", "--root", str(root), "-q", *extra])


def one_line_error(result) -> str:
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in result.output, result.output
    return lines[0]


def edit_note(root: Path, text: str) -> None:
    """Change the fact sheet harmlessly (the zone's English label), so that a build has work to do."""
    path = root / SHEET
    body = path.read_text(encoding="utf-8")
    marker = "Yushang Economic and Technological Development Zone"
    assert marker in body
    path.write_text(body.replace(marker, f"{marker}{text}", 1), encoding="utf-8")


# -- the transaction itself ----------------------------------------------------------------------

def test_commit_writes_every_file_and_leaves_nothing_else(tmp_path: Path):
    build, other = tmp_path / "build", tmp_path / "graph"
    commit(build, {build / "a": b"1", build / "b": b"2", other / "c": b"3"},
           {build / "store": lambda p: (p.mkdir(), (p / "x").write_bytes(b"x"))})
    assert (build / "a").read_bytes() == b"1" and (other / "c").read_bytes() == b"3"
    assert (build / "store" / "x").read_bytes() == b"x"
    commit(build, {build / "a": b"new"}, {build / "store": lambda p: (p.mkdir(), (p / "y").write_bytes(b"y"))},
           delete=[build / "b"])
    assert (build / "a").read_bytes() == b"new" and not (build / "b").exists()
    assert sorted(p.name for p in (build / "store").iterdir()) == ["y"]
    assert leftovers(tmp_path) == []


def test_full_disk_while_staging_changes_nothing(tmp_path: Path, monkeypatch):
    build = tmp_path / "build"
    commit(build, {build / n: b"old" for n in "abc"})
    calls = []

    def fsync(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "fsync", fsync)
    with pytest.raises(ZoneKGError, match="No space left on device") as info:
        commit(build, {build / n: b"new" for n in "abc"})
    assert "build/" in str(info.value)
    assert {p.name: p.read_bytes() for p in build.iterdir()} == {n: b"old" for n in "abc"}
    assert leftovers(tmp_path) == []


def test_a_kill_during_the_renames_is_finished_by_the_next_run(tmp_path: Path, monkeypatch):
    build = tmp_path / "build"
    commit(build, {build / n: b"old" for n in "abc"}, delete=[])
    real = os.replace
    done = []

    def replace(src, dst):
        if Path(dst).name in "abc" and len(done) == 1:
            raise SystemExit("killed")  # the process dies between two renames
        real(src, dst)
        if Path(dst).name in "abc":
            done.append(dst)

    monkeypatch.setattr(files.os, "replace", replace)
    with pytest.raises(SystemExit):
        commit(build, {build / n: b"new" for n in "abc"})
    monkeypatch.setattr(files.os, "replace", real)
    assert (build / JOURNAL).is_file()
    assert sorted(p.read_bytes() for p in build.iterdir() if p.name in "abc") == [b"new", b"old", b"old"]
    assert recover(build, [build]) is not None
    assert {p.name: p.read_bytes() for p in build.iterdir()} == {n: b"new" for n in "abc"}
    assert leftovers(tmp_path) == []


def test_a_kill_before_the_journal_leaves_the_old_set(tmp_path: Path):
    build = tmp_path / "build"
    commit(build, {build / "a": b"old"})
    (build / f"{TEMP}a.x1").write_bytes(b"half")  # what a kill while staging leaves
    (build / f"{TEMP}{JOURNAL}.x2").write_bytes(b'{"renames": [')
    assert recover(build, [build]) == "removed the temporary files of an interrupted build"
    assert (build / "a").read_bytes() == b"old" and leftovers(tmp_path) == []


# -- write failures of a real build, answered with one line ----------------------------------------

def test_build_that_is_a_file(scratch: Path):
    (scratch / "build").write_text("not a folder")
    line = one_line_error(cli_build(scratch, "--core"))
    assert "build" in line and "folder is needed" in line
    assert (scratch / "build").read_text() == "not a folder"
    assert leftovers(scratch) == [] and not (scratch / "graph" / "zone.trig").exists()


@pytest.mark.slow
def test_folder_in_the_way_of_the_committed_graph(scratch: Path):
    assert cli_build(scratch, "--core").exit_code == 0
    before = snapshot(scratch)
    (scratch / "graph" / "zone.trig").unlink()
    (scratch / "graph" / "zone.trig").mkdir()
    edit_note(scratch, " (edited)")
    line = one_line_error(cli_build(scratch, "--core"))
    assert "graph/zone.trig" in line and "folder is in the way" in line
    del before["graph/zone.trig"]
    assert snapshot(scratch) == before, "build/ must not be half replaced"
    assert leftovers(scratch) == []


@contextmanager
def mounted(folder: Path, options: str):
    """A tmpfs at ``folder`` (a real file system with real limits); unmounted afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
    if done.returncode != 0:
        if os.environ.get("CI") == "true":
            pytest.fail(f"mount failed: {done.stderr.decode()}")
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_full_disk(tmp_path: Path):
    with mounted(tmp_path / "small", "size=1200k") as disk:
        root = copy_project(disk / "p")
        line = one_line_error(cli_build(root, "--core"))
        assert "No space left on device" in line
        assert leftovers(root) == []
        assert not [n for n in OUTPUTS if (root / "build" / n).exists()]
        assert not (root / "graph" / "zone.trig").exists()


@pytest.mark.slow
def test_read_only_file_system(tmp_path: Path):
    with mounted(tmp_path / "fs", "size=64m") as disk:
        root = copy_project(disk / "p")
        assert cli_build(root, "--core").exit_code == 0
        before = snapshot(root)
        edit_note(root, " (edited)")
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        line = one_line_error(cli_build(root, "--core"))
        assert "Read-only file system" in line
        assert snapshot(root) == before and leftovers(root) == []


# -- kill -9 at random moments -------------------------------------------------------------------

def build_process(root: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "zonekg", "build", "--core", "-q", "--root", str(root)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})


@pytest.mark.slow
def test_kill_9_leaves_the_old_or_the_new_set(tmp_path: Path):
    root = copy_project(tmp_path / "p")
    shutil.copy(root / SHEET, tmp_path / "sheet-a.yaml")
    edit_note(root, " (B)")
    shutil.copy(root / SHEET, tmp_path / "sheet-b.yaml")
    sets, seconds = [], 0.0
    for version in ("a", "b"):
        shutil.copy(tmp_path / f"sheet-{version}.yaml", root / SHEET)
        started = time.perf_counter()
        assert build_process(root).wait() == 0
        seconds = time.perf_counter() - started
        sets.append(snapshot(root))
    assert sets[0] != sets[1]
    rng = random.Random(9)
    outcomes = []
    for trial in range(10):
        shutil.copy(tmp_path / ("sheet-a.yaml" if trial % 2 == 0 else "sheet-b.yaml"), root / SHEET)
        proc = build_process(root)
        if trial < 6:
            time.sleep(rng.uniform(0.2, seconds * 1.1))
        else:  # aim at the short windows: while staging (temporaries exist), after the journal
            wanted = f"{TEMP}*" if trial < 8 else JOURNAL
            deadline = time.perf_counter() + seconds * 3
            while proc.poll() is None and time.perf_counter() < deadline and not [
                    p for p in (root / "build").glob(wanted)]:
                time.sleep(0.0005)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        # what the next build does first: finish an interrupted transaction or clear its temporaries
        note = recover(root / "build", [root / "build", root / "build" / "cache",
                                        root / "build" / "cache" / "chunks", root / "graph"])
        now = snapshot(root)
        assert now in sets, f"trial {trial}: a mixed set after a kill"
        assert leftovers(root) == [], f"trial {trial}: temporaries left"
        outcomes.append(f"{'AB'[sets.index(now)]} ({note or 'nothing to recover'})")
    print("kill -9 outcomes:", outcomes)
    assert cli_build(root, "--core").exit_code == 0 and leftovers(root) == []
