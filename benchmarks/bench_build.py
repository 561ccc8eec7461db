"""Time a cold `zonekg build` (a fresh Python process each time, build/ and its cache removed
first), an unchanged rebuild (only hashing), and the stages of a build.

Usage: python benchmarks/bench_build.py [--runs N] [--core-only]

A cold build includes interpreter start-up and imports, as a user sees it.  The full build is
timed twice, interleaved: with the steps overlapping SHACL in forked processes (the default)
and with ZONEKG_OVERLAP=0 (one after another); the CPU time (the process and every process it
waited for: the step processes, the JVM) shows what the 2 cores must share.  The stages are
timed in-process, one after another, after a warm-up so that their sum can be compared with
the whole; "after the dataset, overlapped" is the same work with the steps forked.
--core-only skips the optional steps (reasoning, HTML view) to time the RDF build alone.
The unchanged rebuild is timed twice: `run_build` in-process, and the `zonekg build -q` command
(interpreter and CLI start-up included).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cold(root: Path, runs: int, core_only: bool) -> dict[str, tuple[list[float], list[float]]]:
    """Wall and CPU seconds of each cold build, by variant (overlap on/off for a full build)."""
    code = (
        "import sys; from pathlib import Path; from zonekg.pipeline.run import run_build; "
        f"run_build(Path(sys.argv[1]){', steps=()' if core_only else ''})"
    )
    variants = ({"core build": "1"} if core_only
                else {"full build, overlapped": "1", "full build, one after another": "0"})
    times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in variants}
    for _ in range(runs):
        for name, switch in variants.items():
            shutil.rmtree(root / "build", ignore_errors=True)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code, str(root)], check=True,
                           env={**os.environ, "ZONEKG_OVERLAP": switch})
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            times[name][0].append(wall)
            times[name][1].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return times


def unchanged(root: Path, runs: int, core_only: bool) -> tuple[list[float], list[float]]:
    """An unchanged rebuild after a build: in-process run_build, and the whole command."""
    from zonekg.pipeline.run import run_build

    steps = () if core_only else None
    run_build(root, steps=steps)
    inner, command = [], []
    for _ in range(runs):
        start = time.perf_counter()
        result = run_build(root, steps=steps)
        inner.append(time.perf_counter() - start)
        assert result.messages[-1].startswith("reused: everything"), result.messages[-1]
    cmd = [sys.executable, "-m", "zonekg", "build", "-q", "--root", str(root), *(["--core"] if core_only else [])]
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True)
        command.append(time.perf_counter() - start)
    return inner, command


def stages(root: Path, core_only: bool) -> dict[str, float]:
    """Each stage in this process, one after another; then the same after the dataset, overlapped."""
    from zonekg.model import paths
    from zonekg.pipeline import parallel
    from zonekg.pipeline.run import validation_graph
    from zonekg.pipeline.shacl import validate
    from zonekg.pipeline.steps import DEFAULT as STEPS
    from zonekg.rdf.dataset import dataset_files, make_dataset

    out: dict[str, float] = {}
    t = time.perf_counter()
    result = make_dataset(root)
    out["fact sheets → RDF"] = time.perf_counter() - t
    t = time.perf_counter()
    validate(validation_graph(result), paths.shapes_file(root))
    out["SHACL (with import)"] = time.perf_counter() - t
    t = time.perf_counter()
    dataset_files(result)
    out["serialise"] = time.perf_counter() - t
    if core_only:
        return out
    for step in STEPS:
        t = time.perf_counter()
        step.run(result, root)
        out[f"step {step.name} (with import)"] = time.perf_counter() - t
    t = time.perf_counter()  # again, imports done, for a fair comparison with the overlap
    validate(validation_graph(result), paths.shapes_file(root))
    dataset_files(result)
    for step in STEPS:
        step.run(result, root)
    out["after the dataset, in turn"] = time.perf_counter() - t
    t = time.perf_counter()
    children = parallel.start(STEPS, result, root)
    try:
        validate(validation_graph(result), paths.shapes_file(root))
        dataset_files(result)
        for step in STEPS:
            children[step.name].join()
    finally:
        parallel.stop(children)
    out["after the dataset, overlapped"] = time.perf_counter() - t
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--core-only", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name in ("ontology", "graph"):
            shutil.copytree(ROOT / name, root / name)
        for what, (walls, cpus) in cold(root, args.runs, args.core_only).items():
            print(f"cold {what}: wall min {min(walls):.2f} s, median {statistics.median(walls):.2f} s; "
                  f"CPU median {statistics.median(cpus):.2f} s over {args.runs} runs")
        inner, command = unchanged(root, args.runs, args.core_only)
        print(f"unchanged rebuild: run_build median {statistics.median(inner) * 1000:.0f} ms; "
              f"`zonekg build -q` median {statistics.median(command):.2f} s (start-up included)")
        for name, seconds in stages(root, args.core_only).items():
            print(f"  {name:<30} {seconds:.2f} s")


if __name__ == "__main__":
    main()
