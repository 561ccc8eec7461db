"""Time whole `zonekg` commands as a user runs them, interpreter start-up included:
`zonekg query gdp-growth-rank` (the issue's goal: under 0.3 s), `zonekg entity 福田智蓝` and
`zonekg why gdp-value` (which read the same store), `zonekg explain futian-zhilan henan-gov` (the
network), `zonekg --help` and `zonekg query --list`,
each a fresh process, on a copy of the project built once (core only).

Usage: python benchmarks/bench_cli.py [--runs 15] [--as-is] [--no-breakdown] [--only TEXT]

Each command runs once to warm up, then --runs times; the script prints the median and the
minimum wall time, and the median CPU time (user + system, the forked query worker included).
`python -c pass` is timed the same way, as the floor no command can go under.

By default the commands run with their bytecode cached (PYTHONPYCACHEPREFIX in a temporary
folder), as an installed package runs; --as-is keeps the caller's environment (with
PYTHONDONTWRITEBYTECODE=1 and no __pycache__, every run compiles zonekg's sources again).

The breakdown times the stages of the query in fresh processes (median of --runs): the imports,
finding the project and checking the build is current, reading and checking the query, the
forked worker (open the store, query, send the answer back), the same without a fork, and the
table.  The load average is printed before and after: on a shared machine it explains a lot.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

STAGES = r"""
import json, sys, time
from pathlib import Path
marks, t0, c0 = [], time.perf_counter(), time.process_time()
def mark(name):
    global t0, c0
    t, c = time.perf_counter(), time.process_time()
    marks.append((name, t - t0, c - c0))
    t0, c0 = t, c
import click
mark("import click (and the standard library it uses)")
import zonekg.cli
mark("import zonekg.cli and its command modules")
from zonekg.model import paths
from zonekg.queries import engine as sparql
from zonekg.queries.answers import format_result
from zonekg.queries.named import resolve
from zonekg.store import local as store
mark("import the query path (engine, store, answers, named queries)")
base = paths.project_root(Path(sys.argv[1]))
store.staleness(base)
target = store.ensure_store(base)
mark("find the project, check the build and the store are current")
nq = resolve("gdp-growth-rank", base)
from zonekg.queries import guard
guard.keyword_check(nq.text, nq.file)
checked = guard.passed_before(nq.text, target.parent)
text = sparql.bind(nq, {})
mark("read the query, scan it, find its remembered verdict, bind")
import pyoxigraph
from zonekg.queries.pool import Job, QueryPool, evaluate
mark("import pyoxigraph")
with QueryPool(target) as once:
    result = once.ask(Job(text, nq.text, checked, nq.file), 30)
mark("sandboxed worker: check the store's manifest, open it, query, send the answer (wall) / parent's share (cpu)")
evaluate(store.open_store(target), Job(text, nq.text, True, nq.file))
mark("the same in this process, no fork (for comparison)")
format_result(result, "table", None)
mark("format the table")
print(json.dumps(marks))
"""


def built_copy(tmp: Path) -> Path:
    """A copy of the project with a core build and its store: the warm-up build."""
    from zonekg.pipeline.run import run_build
    from zonekg.store.local import ensure_store

    for name in ("ontology", "graph", "queries"):
        shutil.copytree(ROOT / name, tmp / name, ignore=shutil.ignore_patterns("zone.trig"))
    run_build(tmp, steps=())
    ensure_store(tmp)
    return tmp


def zonekg_command() -> list[str]:
    """The venv's console script (what users run), else ``python -m zonekg``."""
    script = Path(sys.executable).with_name("zonekg")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "zonekg"]


def timed(cmd: list[str], env: dict[str, str], runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of ``runs`` runs of a command, after one warm-up run."""
    walls, cpus = [], []
    for i in range(runs + 1):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"{' '.join(cmd)} failed")
        if i:
            walls.append(wall)
            cpus.append(usage.ru_utime + usage.ru_stime)
    return walls, cpus


def breakdown(project: Path, env: dict[str, str], runs: int) -> list[tuple[str, float, float]]:
    """Median wall and CPU milliseconds of each stage of the query, over ``runs`` fresh processes."""
    samples: list[list] = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", STAGES, str(project)], env=env, check=True,
                             capture_output=True, text=True).stdout
        samples.append(json.loads(out))
    def median_ms(stage: int, column: int) -> float:
        return 1000 * statistics.median(sample[stage][column] for sample in samples)

    return [(name, median_ms(i, 1), median_ms(i, 2)) for i, (name, _w, _c) in enumerate(samples[0])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--as-is", action="store_true", help="keep the environment's bytecode settings")
    parser.add_argument("--no-breakdown", action="store_true")
    parser.add_argument("--only", help="time only the commands whose name contains this text (and the floor)")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT / "src"))
    with tempfile.TemporaryDirectory(prefix="zonekg-bench-cli-") as tmp:
        project = built_copy(Path(tmp) / "project")
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
        if not args.as_is:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        zonekg = zonekg_command()
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
        print(f"command: {' '.join(zonekg)}; bytecode: {'as the environment says' if args.as_is else 'cached'}; "
              f"{args.runs} runs after one warm-up")
        cases = [
            ("python -c pass (the floor)", [sys.executable, "-c", "pass"]),
            ("zonekg query gdp-growth-rank", [*zonekg, "query", "gdp-growth-rank", "--root", str(project)]),
            ("zonekg entity 福田智蓝", [*zonekg, "entity", "福田智蓝", "--root", str(project)]),
            ("zonekg why gdp-value", [*zonekg, "why", "gdp-value", "--root", str(project)]),
            ("zonekg explain futian-zhilan henan-gov",
             [*zonekg, "explain", "futian-zhilan", "henan-gov", "--root", str(project)]),
            ("zonekg --help", [*zonekg, "--help"]),
            ("zonekg query --list", [*zonekg, "query", "--list", "--root", str(project)]),
        ]
        print(f"{'':40} {'wall median':>11} {'wall min':>9} {'cpu median':>10}")
        for name, cmd in cases:
            if args.only and args.only not in name and not name.startswith("python"):
                continue
            walls, cpus = timed(cmd, env, args.runs)
            print(f"{name:40} {statistics.median(walls):10.3f}s {min(walls):8.3f}s {statistics.median(cpus):9.3f}s")
        if not args.no_breakdown:
            print(f"\nzonekg query gdp-growth-rank, stage by stage (median of {args.runs} processes; ms):")
            print(f"{'wall':>7} {'cpu':>7}")
            for name, wall, cpu in breakdown(project, env, args.runs):
                print(f"{wall:7.1f} {cpu:7.1f}  {name}")
        print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
