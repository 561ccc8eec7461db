"""Issue 10: do Oxigraph's ``substitutions`` (SEP-0007 pre-binding) make the parameterised named
queries faster at about a million quads than the ``VALUES`` row ``zonekg.queries.engine.bind`` puts in
the text?  (They did not: see docs/engine.md, "What is slow on Oxigraph".)

Usage: python benchmarks/bench_params.py [--copies 179] [--runs 3] [--timeout 60] [--store DIR]

The store is written by ``write_store`` from the article's graph replicated with renamed IRIs
(benchmarks/make_big_graph.py), as in bench_queries.py, into a temporary folder, or into
``--store DIR`` and reused from there if it exists.  Both forms run in the project's forked
worker on the store opened read-only, alternating, and each prints its median and whether the
rows are the same.  Oxigraph 0.5.13 pre-binds only variables of the outer ``SELECT``, so the
substituted form adds the parameters' names to the projection and drops their columns.
``find-sentence`` (grouped), ``posts`` and ``intended-vs-reported`` (``BOUND`` of a parameter,
which Oxigraph reads as unbound when substituted: wrong rows) are left out.  A run that passes
--timeout counts as the limit (a lower bound).
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_queries import PARAMS, built_article  # noqa: E402
from make_big_graph import replicate  # noqa: E402

QUERIES = ("about", "entity", "sentence-statements", "statement-evidence")


def substituted(text: str, path: str, terms: dict) -> list[tuple]:
    """In the worker: the query with ``terms`` pre-bound, without the columns that carried them."""
    import pyoxigraph as ox

    from zonekg.model.prefixes import PREFIXES
    from zonekg.store.local import open_store

    head = re.search(r"\bSELECT\s+", text)
    added = "".join(f"?{n} " for n in terms)
    answer = open_store(Path(path)).query(f"{text[:head.end()]}{added}{text[head.end():]}", prefixes=PREFIXES,
                                          substitutions={ox.Variable(n): t for n, t in terms.items()})
    return [tuple(row)[len(terms):] for row in answer]


def median(times: list[float], limit: float) -> str:
    """The median in seconds, marked as a lower bound when a run reached the limit."""
    return (">" if max(times) >= limit else "") + f"{statistics.median(times):.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=179)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--store", type=Path, help="write the store here, or reuse it if it exists")
    parser.add_argument("--only", nargs="*", default=QUERIES, help="query names")
    args = parser.parse_args()

    from zonekg.model.errors import ZoneKGError
    from zonekg.queries.engine import _in_worker, bind, run, to_term
    from zonekg.queries.named import named_queries
    from zonekg.store.local import write_store

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        project = built_article(tmp / "project")
        store = args.store or tmp / "store"
        if not store.exists():
            nquads = replicate((project / "build" / "zone.nq").read_bytes(), args.copies)
            write_store(nquads, store)
            lines = nquads.count(b"\n")
            print(f"store: {lines:,} quads ({args.copies} copies)", flush=True)
        queries = named_queries(project)

        def values_rows(query) -> list:
            return run(query, store, timeout=args.timeout).rows

        def substituted_rows(text: str, terms: dict) -> list:
            return _in_worker(substituted, (text, str(store), terms), timeout=args.timeout)

        def timed(fn, *fn_args) -> tuple[float, list | None]:
            start = time.perf_counter()
            try:
                rows = fn(*fn_args)
            except ZoneKGError as exc:
                if "stopped after" not in exc.message:
                    raise
                return args.timeout, None
            return time.perf_counter() - start, rows

        print("query | params | VALUES median s | substitutions median s | rows | same rows", flush=True)
        for name in args.only:
            nq, params = queries[name], PARAMS[name]
            as_values = dataclasses.replace(nq, text=bind(nq, params), params={})
            terms = {n: to_term(v) for n, v in params.items()}
            before, after = [], []
            rows_before = rows_after = None
            for _ in range(args.runs):
                t, rows_before = timed(values_rows, as_values)
                before.append(t)
                t, rows_after = timed(substituted_rows, nq.text, terms)
                after.append(t)
            same = "?" if rows_before is None or rows_after is None else sorted(map(str, rows_before)) == sorted(
                map(str, rows_after))
            print(f"{name} | {params} | {median(before, args.timeout)} | {median(after, args.timeout)} | "
                  f"{len(rows_after) if rows_after is not None else '-'} | {same}", flush=True)


if __name__ == "__main__":
    main()
