"""Time the parameterised named queries at about a million quads, their parameters bound as a
``VALUES`` row in the text (before issue 10, still rdflib's form) against pre-bound through
Oxigraph's ``substitutions`` (the project's path now), on one store.

Usage: python benchmarks/bench_params.py [--copies 179] [--runs 3] [--timeout 60]

The store is written by ``write_store`` from the article's graph replicated with renamed IRIs
(benchmarks/make_big_graph.py), as in bench_queries.py.  Both forms run through
``zonekg.sparql.run`` (a forked worker, the store opened read-only), alternating, and each
prints its median, its row count and whether the rows are the same.  A run that passes
--timeout counts as the limit (a lower bound).
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_queries import PARAMS, built_article  # noqa: E402
from make_big_graph import replicate  # noqa: E402


def median(times: list[float], limit: float) -> str:
    """The median in seconds, marked as a lower bound when a run reached the limit."""
    return (">" if max(times) >= limit else "") + f"{statistics.median(times):.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=179)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--only", nargs="*", help="query names (default: every query with parameters)")
    args = parser.parse_args()

    from zonekg.errors import ZoneKGError
    from zonekg.queries import named_queries
    from zonekg.sparql import bind, run
    from zonekg.store import write_store

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        project = built_article(tmp / "project")
        nquads = replicate((project / "build" / "zone.nq").read_bytes(), args.copies)
        write_store(nquads, tmp / "store")
        lines = nquads.count(b"\n")
        print(f"store: {lines:,} quads ({args.copies} copies)", flush=True)
        queries = named_queries(project)
        names = args.only or [n for n in PARAMS if n in queries]

        def timed(query, params) -> tuple[float, list | None]:
            start = time.perf_counter()
            try:
                rows = run(query, tmp / "store", params, timeout=args.timeout).rows
            except ZoneKGError as exc:
                if "stopped after" not in exc.message:
                    raise
                return args.timeout, None
            return time.perf_counter() - start, rows

        print("query | params | VALUES median s | substitutions median s | rows | same rows", flush=True)
        for name in names:
            nq, params = queries[name], PARAMS[name]
            as_values = dataclasses.replace(nq, text=bind(nq, params), params={})
            before, after = [], []
            rows_before = rows_after = None
            for _ in range(args.runs):
                t, rows_before = timed(as_values, {})
                before.append(t)
                t, rows_after = timed(nq, params)
                after.append(t)
            same = "?" if rows_before is None or rows_after is None else sorted(map(str, rows_before)) == sorted(
                map(str, rows_after))
            print(f"{name} | {params} | {median(before, args.timeout)} | {median(after, args.timeout)} | "
                  f"{len(rows_after) if rows_after is not None else '-'} | {same}", flush=True)


if __name__ == "__main__":
    main()
