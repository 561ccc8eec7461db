"""Build steps run in forked processes, so that they overlap SHACL, serialisation and each other.

A cold build spends most of its time in work that does not depend on each other once the
dataset is made: SHACL validation and serialisation (here), the reasoner (mostly a JVM) and
the HTML view. On a machine with more than one core, running each step that must run in a
child process made with ``fork`` as soon as the dataset exists lets them proceed together;
the parent collects their outputs in the order of the steps.

A fork, not a thread: the steps are CPU-bound Python for much of their time (the GIL would
serialise them with SHACL), owlready2's sqlite World stays in the one process that made it,
and a child can be killed together with its JVM.

What stays as it was without the overlap:

- **all or nothing**: a child only computes; the parent writes, after every check. When SHACL
  or a step fails, :func:`stop` kills (SIGKILL) and reaps every child still running, and each
  child's JVM dies with it (``PR_SET_PDEATHSIG``, :mod:`zonekg.rdf.children`, for the JVM, and
  here for the child, so a killed build leaves neither behind);
- **the same error**: a child sends back its step's exception (pickled), the parent raises it
  when it reaches that step, so the first failing step in order is the one reported, and a
  SHACL failure wins over any step failure, as when they ran one after another;
- **the same bytes**: a child runs the same function on a copy of the same dataset.

Without ``fork`` (not Linux), with other threads running (forking them is unsafe), or with
``ZONEKG_OVERLAP=0``, :func:`start` starts nothing and the steps run in-process as before.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from zonekg.model.errors import ZoneKGError
from zonekg.pipeline.steps import Step, StepOutput
from zonekg.rdf.children import Forked, die_with_parent

if TYPE_CHECKING:
    from zonekg.rdf.dataset import BuildResult

#: ``ZONEKG_OVERLAP=0`` runs the steps one after another in the build process.
SWITCH = "ZONEKG_OVERLAP"


def available() -> bool:
    """Forking is safe and wanted: Linux, no other thread, not switched off."""
    return (sys.platform.startswith("linux") and os.environ.get(SWITCH, "1") != "0"
            and threading.active_count() == 1)


class Child:
    """One build step running in a forked process (:class:`zonekg.rdf.children.Forked`); :meth:`join`
    gives its output or raises its error."""

    def __init__(self, step: Step, result: BuildResult, root: Path) -> None:
        bound_to_parent = die_with_parent()  # prepared before the fork

        def in_child() -> None:
            bound_to_parent()  # exits at once if the build died already
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the parent decides

        self.step = step
        self.process = Forked(_run, step, result, root, in_child=in_child)

    def join(self) -> StepOutput:
        """The step's output, or its exception."""
        data = self.process.answer()
        if not data:
            raise RuntimeError(f"build step {self.step.name} ended without an answer "
                               f"(wait status {self.process.status})")
        kind, value = pickle.loads(data)
        if kind == "error":
            raise value
        return value

    def stop(self) -> None:
        """Kill the child if it still runs (its JVM dies with it), and reap it."""
        self.process.stop()


def _run(step: Step, result: BuildResult, root: Path) -> bytes:
    """In the child: run the step, pickle ("ok", output) or ("error", exception)."""
    try:
        return pickle.dumps(("ok", step.run(result, root)))
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
        if not isinstance(exc, ZoneKGError):  # a bug: keep where it happened
            exc.add_note(f"(in the process of build step {step.name})\n" + "".join(traceback.format_exc()))
        try:
            return pickle.dumps(("error", exc))
        except Exception:  # noqa: BLE001 - an exception that cannot be pickled
            return pickle.dumps(("error", RuntimeError(f"build step {step.name} failed:\n{traceback.format_exc()}")))


def start(steps: Iterable[Step], result: BuildResult, root: Path) -> dict[str, Child]:
    """Start each step in a child process, or none (empty dict) when forking is not available."""
    children: dict[str, Child] = {}
    if not available():
        return children
    try:
        for step in steps:
            children[step.name] = Child(step, result, root)
    except BaseException:
        stop(children)
        raise
    return children


def stop(children: dict[str, Child]) -> None:
    """Kill and reap every child still running (after a failure, or when all were joined: a no-op)."""
    for child in children.values():
        child.stop()
