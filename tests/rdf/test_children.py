"""zonekg.rdf.children.Forked: the one forked call under the query worker and the build's steps."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest

from zonekg.rdf.children import Forked


def _pid_then_sleep(pid_file: Path) -> bytes:
    pid_file.write_text(str(os.getpid()))
    time.sleep(60)
    return b"too late"


def _large(n: int) -> bytes:
    return b"x" * n


def _printing() -> bytes:
    print("from the child")
    return b"done"


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_the_answer_comes_back_whole_and_the_child_is_reaped() -> None:
    size = 5 * 1024 * 1024  # far more than a pipe's buffer: the parent must read while the child writes
    child = Forked(_large, size)
    pid = child.pid
    assert child.answer(timeout=30) == b"x" * size
    assert child.status == 0 and child.pid is None
    assert _gone(pid), "an answered child must be reaped, not left a zombie"


def test_at_the_time_limit_the_child_is_killed_and_reaped(tmp_path: Path) -> None:
    child = Forked(_pid_then_sleep, tmp_path / "pid")
    with pytest.raises(TimeoutError):
        child.answer(timeout=0.5)
    assert _gone(int((tmp_path / "pid").read_text()))
    assert os.WIFSIGNALED(child.status) and os.WTERMSIG(child.status) == signal.SIGKILL


def test_a_child_that_dies_answers_nothing_and_stop_is_idempotent() -> None:
    child = Forked(lambda: None)  # None is not bytes: the child fails before it writes
    assert child.answer(timeout=10) == b""
    assert os.waitstatus_to_exitcode(child.status) == 1
    child.stop()  # answered already: nothing to kill, no error


def test_in_child_runs_first_in_the_child(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    child = Forked(lambda: marker.read_bytes(), in_child=lambda: marker.write_bytes(str(os.getpid()).encode()))
    answer = child.answer(timeout=10)
    assert answer and int(answer) != os.getpid()


def test_what_the_child_prints_is_kept_and_the_parents_buffer_is_not_repeated(tmp_path: Path) -> None:
    import subprocess

    script = ("import sys; from zonekg.rdf.children import Forked\n"
              "from tests.rdf.test_children import _printing\n"
              "print('parent before', end='')\n"  # buffered, not flushed, when the fork happens
              "print(Forked(_printing).answer(10).decode())\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                         cwd=Path(__file__).resolve().parents[2],
                         env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("parent before") == 1
    assert "from the child" in out.stdout and out.stdout.rstrip().endswith("done")
