"""The steps of a build run in forked processes beside SHACL (zonekg.pipeline.parallel): a failure still
writes nothing and leaves no process behind, errors are the ones the steps raised, in step
order, and the files are the same bytes as a build that runs the steps one after another."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import alive, fake_java
from zonekg.model.errors import ZoneKGError
from zonekg.model.paths import BUILD_OUTPUTS
from zonekg.pipeline import parallel
from zonekg.pipeline.run import run_build
from zonekg.pipeline.steps import Step

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the overlap forks, and PR_SET_PDEATHSIG is Linux's")

IMPOSSIBLE_SHAPE = """
zs:Impossible a sh:NodeShape ;
    sh:targetClass zo:Person ;
    sh:property [ sh:path zo:neverStated ; sh:minCount 1 ; sh:message "a person needs zo:neverStated" ] .
"""


def children_of(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (zombies included: an unreaped child counts)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(") ", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def wait_gone(pid: int, seconds: float = 10) -> bool:
    deadline = time.time() + seconds
    while alive(pid) and time.time() < deadline:
        time.sleep(0.05)
    return not alive(pid)


def wait_for(pidfile: Path, seconds: float = 60) -> int:
    deadline = time.time() + seconds
    while not pidfile.exists() or not pidfile.read_text().strip():
        assert time.time() < deadline, "the fake java never started"
        time.sleep(0.05)
    return int(pidfile.read_text())


def test_overlap_is_on_here() -> None:
    """Otherwise the tests below would test the steps run in turn."""
    assert parallel.available()


@pytest.mark.slow
def test_shacl_failure_while_the_reasoner_runs_writes_nothing_and_leaves_no_java(
        scratch: Path, tmp_path: Path, monkeypatch) -> None:
    import zonekg.pipeline.shacl

    with (scratch / "ontology" / "shapes.ttl").open("a", encoding="utf-8") as fh:
        fh.write(IMPOSSIBLE_SHAPE)
    pidfile = fake_java(tmp_path / "bin")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    real_violations = zonekg.pipeline.shacl.violations

    def violations_once_java_runs(graph, shapes):  # SHACL fails while the JVM is certainly running
        wait_for(pidfile)
        return real_violations(graph, shapes)

    # validate_sources looks violations up in its module at each call: the build's SHACL step
    monkeypatch.setattr(zonekg.pipeline.shacl, "violations", violations_once_java_runs)
    with pytest.raises(ZoneKGError, match="SHACL validation failed") as failure:
        run_build(scratch)
    assert "a person needs zo:neverStated" in str(failure.value)
    assert not (scratch / "build").exists(), "a failed build must not write build/"
    assert not (scratch / "graph" / "zone.trig").exists()
    assert wait_gone(int(pidfile.read_text())), "the JVM outlived the failed build"
    assert children_of(os.getpid()) == [], "a step process was left running or unreaped"


def test_a_killed_build_takes_its_step_processes_and_their_jvm_along(scratch: Path, tmp_path: Path) -> None:
    pidfile = fake_java(tmp_path / "bin")
    env = {**os.environ, "PATH": f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}",
           "PYTHONPATH": os.pathsep.join(sys.path)}
    script = ("import sys; from pathlib import Path; from zonekg.pipeline.run import run_build; "
              "run_build(Path(sys.argv[1]))")
    build = subprocess.Popen([sys.executable, "-c", script, str(scratch)], env=env)
    try:
        java = wait_for(pidfile)
        step_process = int(Path(f"/proc/{java}/stat").read_text().rsplit(") ", 1)[1].split()[1])
        assert step_process != build.pid, "the JVM should run under the reasoning step's process"
        build.send_signal(signal.SIGKILL)
        build.wait()
        assert wait_gone(step_process), "the step process outlived the killed build"
        assert wait_gone(java), "the JVM outlived the killed build"
    finally:
        build.kill()
        build.wait()
    assert not (scratch / "build" / "zone.trig").exists()


# Steps for the tests below.

def slow_failing_step(result, root):
    time.sleep(1.0)
    raise ZoneKGError("the first step is at fault", "facts.yaml", 7, "type")


def fast_failing_step(result, root):
    raise ZoneKGError("the second step is at fault")


def buggy_step(result, root):
    raise ValueError("a bug in a step")


SLOW_FAILING, FAST_FAILING, BUGGY = (Step(f.__name__, f) for f in (slow_failing_step, fast_failing_step, buggy_step))


def test_the_steps_error_comes_back_whole() -> None:
    children = parallel.start([SLOW_FAILING], None, Path("."))
    try:
        with pytest.raises(ZoneKGError) as failure:
            children["slow_failing_step"].join()
    finally:
        parallel.stop(children)
    assert str(failure.value) == "facts.yaml:7: type: the first step is at fault"


def test_a_bug_in_a_step_comes_back_with_its_traceback() -> None:
    children = parallel.start([BUGGY], None, Path("."))
    try:
        with pytest.raises(ValueError, match="a bug in a step") as failure:
            children["buggy_step"].join()
    finally:
        parallel.stop(children)
    note = "\n".join(failure.value.__notes__)
    assert "build step buggy_step" in note and "in buggy_step" in note


@pytest.mark.slow
def test_the_first_failing_step_in_order_is_reported(scratch: Path) -> None:
    """The second step fails first in time; the build still reports the first, as in turn."""
    steps = (SLOW_FAILING, FAST_FAILING)
    with pytest.raises(ZoneKGError, match="the first step is at fault"):
        run_build(scratch, steps=steps)
    assert not (scratch / "build").exists()
    assert children_of(os.getpid()) == []


@pytest.mark.slow
def test_overlapped_and_in_turn_builds_write_the_same_bytes(built, project: Path, scratch: Path,
                                                            monkeypatch) -> None:
    """``built`` ran with the overlap (the default); this build runs the steps in turn."""
    monkeypatch.setenv(parallel.SWITCH, "0")
    assert not parallel.available()
    run_build(scratch)
    names = [n for n in BUILD_OUTPUTS if (project / "build" / n).exists()]
    assert {"zone.trig", "inferred.trig", "zone.html"} <= set(names)
    for name in names:
        assert (scratch / "build" / name).read_bytes() == (project / "build" / name).read_bytes(), name
    assert (scratch / "graph" / "zone.trig").read_bytes() == (project / "graph" / "zone.trig").read_bytes()
