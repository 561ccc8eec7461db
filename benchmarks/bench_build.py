"""Time a cold `zonekg build` (a fresh Python process each time, build/ and its cache removed
first), an unchanged rebuild (only hashing), and the stages of a build.

Usage: python benchmarks/bench_build.py [--runs N] [--core-only]

A cold build includes interpreter start-up and imports, as a user sees it.  The stages are
timed in-process after a warm-up so that their sum can be compared with the whole.
--core-only skips the optional steps (reasoning, HTML view) to time the RDF build alone.
The unchanged rebuild is timed twice: `run_build` in-process, and the `zonekg build -q` command
(interpreter and CLI start-up included).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cold(root: Path, runs: int, core_only: bool) -> list[float]:
    code = (
        "import sys; from pathlib import Path; from zonekg.pipeline import run_build; "
        f"run_build(Path(sys.argv[1]){', steps=()' if core_only else ''})"
    )
    times = []
    for _ in range(runs):
        shutil.rmtree(root / "build", ignore_errors=True)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code, str(root)], check=True)
        times.append(time.perf_counter() - start)
    return times


def unchanged(root: Path, runs: int, core_only: bool) -> tuple[list[float], list[float]]:
    """An unchanged rebuild after a build: in-process run_build, and the whole command."""
    from zonekg.pipeline import run_build

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


def stages(root: Path) -> dict[str, float]:
    from zonekg import paths
    from zonekg.build import make_dataset, serialise
    from zonekg.pipeline import validation_graph
    from zonekg.validate import validate

    out: dict[str, float] = {}
    t = time.perf_counter()
    result = make_dataset(root)
    out["fact sheets → RDF"] = time.perf_counter() - t
    t = time.perf_counter()
    validate(validation_graph(result), paths.shapes_file(root))
    out["SHACL (with import)"] = time.perf_counter() - t
    t = time.perf_counter()
    serialise(result)
    out["serialise"] = time.perf_counter() - t
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
        times = cold(root, args.runs, args.core_only)
        what = "core build" if args.core_only else "full build"
        print(f"cold {what}: min {min(times):.2f} s, median {statistics.median(times):.2f} s over {args.runs} runs")
        inner, command = unchanged(root, args.runs, args.core_only)
        print(f"unchanged rebuild: run_build median {statistics.median(inner) * 1000:.0f} ms; "
              f"`zonekg build -q` median {statistics.median(command):.2f} s (start-up included)")
        for name, seconds in stages(root).items():
            print(f"  {name:<20} {seconds:.2f} s")


if __name__ == "__main__":
    main()
