"""Fork-per-query against a warm worker (issue 20, item 3): the time of many small named queries asked
from one Python process, as a notebook asks them, on the article and on replicated data.

Usage: python benchmarks/bench_warm.py [--copies 0,20] [--rounds 5] [--queries gdp-growth-rank,...]

- **fork per query**: ``zonekg.queries.engine.run`` with no pool: a pool of one worker made and
  closed for each query (fork, sandbox, open the store, check, run), as ``zonekg query`` does;
- **warm**: one :class:`zonekg.queries.pool.QueryPool` kept for all queries (``zonekg.query()``'s
  way): after the first query, no fork and no store opening.

Each round asks every query once, both ways alternately; the figures are medians over the rounds
of each query's time, and totals per round. The machine's load average is printed with them.
The verdict of the query check is remembered in both cases (the parse is not what is measured).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_big_graph import replicate  # noqa: E402

DEFAULT_QUERIES = ("gdp-growth-rank", "leading-industries", "zone-approval", "about", "posts", "zone-body",
                   "source-metadata", "statement-evidence")
PARAMS = {"about": {"entity": "zk:zhang-feng"}, "posts": {"name": "张峰"}, "statement-evidence": {"id": "gdp-value"}}


def store_of(copies: int, tmp: Path) -> Path:
    """A store of the article's build, or of ``copies`` more copies of it (make_big_graph.py)."""
    from zonekg.pipeline.run import run_build
    from zonekg.store.local import ensure_store, write_store

    project = tmp / "project"
    if not project.exists():
        for name in ("ontology", "graph", "queries"):
            shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("zone.trig"))
        run_build(project, steps=())
    if copies == 0:
        return ensure_store(project)
    target = tmp / f"store-{copies}"
    write_store(replicate((project / "build" / "zone.nq").read_bytes(), copies), target)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", default="0,20", help="comma-separated; 0 is the article itself")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--queries", default=",".join(DEFAULT_QUERIES))
    args = parser.parse_args()

    from zonekg.queries.engine import run
    from zonekg.queries.named import named_queries
    from zonekg.queries.pool import QueryPool

    names = args.queries.split(",")
    queries = named_queries(ROOT)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for copies in (int(c) for c in args.copies.split(",")):
            store = store_of(copies, tmp)
            remember = tmp / f"verdicts-{copies}"
            remember.mkdir(exist_ok=True)
            for name in names:  # the verdicts remembered, the stores' files in the page cache
                run(queries[name], store, PARAMS.get(name), from_text=True, remember=remember)
            per: dict[str, dict[str, list[float]]] = {"fork": {n: [] for n in names}, "warm": {n: [] for n in names}}
            totals: dict[str, list[float]] = {"fork": [], "warm": []}
            load_before = os.getloadavg()[0]
            with QueryPool(store, size=1) as pool:
                first = time.perf_counter()
                run(queries[names[0]], store, PARAMS.get(names[0]), from_text=True, pool=pool, remember=remember)
                first = time.perf_counter() - first
                for _ in range(args.rounds):
                    for way in ("fork", "warm"):
                        started = time.perf_counter()
                        for name in names:
                            t = time.perf_counter()
                            run(queries[name], store, PARAMS.get(name), from_text=True, remember=remember,
                                pool=pool if way == "warm" else None)
                            per[way][name].append(time.perf_counter() - t)
                        totals[way].append(time.perf_counter() - started)
                started_workers = pool.started
            load_after = os.getloadavg()[0]
            print(f"\n## {'the article' if copies == 0 else f'{copies} copies of the article'} ({store}), "
                  f"{args.rounds} rounds, load average {load_before:.1f} -> {load_after:.1f}")
            print(f"warm pool: {started_workers} worker started; its first query (fork + store opening) {first:.3f} s")
            print("| query | fork per query, s | warm, s | ratio |\n|---|---:|---:|---:|")
            for name in names:
                f, w = statistics.median(per["fork"][name]), statistics.median(per["warm"][name])
                print(f"| {name} | {f:.4f} | {w:.4f} | {f / w:.1f}x |")
            f, w = statistics.median(totals["fork"]), statistics.median(totals["warm"])
            print(f"| all {len(names)} (median round) | {f:.3f} | {w:.3f} | {f / w:.1f}x |")


if __name__ == "__main__":
    main()
