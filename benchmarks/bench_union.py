"""Stored union or a dataset given at query time? Time writing the store and the named-query suite
both ways, and check that both give the same answers.

Usage: python benchmarks/bench_union.py [--nquads build/zone.nq] [--copies 1] [--runs 3] [--timeout 30]

- **stored**: the project's store (``zonekg.store.local.write_store``): every quad, and the union of the
  source and ontology graphs copied into the default graph; queries use the default graph.
- **query-time**: each quad once (``bulk_load``); every query gets its default graph as a list of
  graphs (``Store.query(..., default_graph=[source graphs…, ontology])``), which is what
  ``--inferred``/``--drafts`` would extend.

``--copies 1`` is the article as built (``build/zone.nq``; run ``zonekg build`` first); ``--copies 179``
gives about a million quads (benchmarks/make_big_graph.py).  Each query runs in a time-limited
worker, the median of ``--runs``; answers are compared as multisets of rows, which is where a
union that repeats a triple shared by several graphs shows (pyoxigraph 0.5.13, oxigraph#1919).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_queries import PARAMS  # noqa: E402
from make_big_graph import replicate  # noqa: E402


def _answer(text: str, path: str, graphs: list[str] | None) -> list[str]:
    """The query's rows as sorted strings (a multiset), run in the worker."""
    import pyoxigraph as ox

    from zonekg.model.prefixes import PREFIXES

    store = ox.Store.read_only(path)
    default = [ox.NamedNode(g) for g in graphs] if graphs is not None else None
    answer = store.query(text, prefixes=PREFIXES, default_graph=default)
    if isinstance(answer, ox.QueryBoolean):
        return [str(bool(answer))]
    return sorted(str(tuple(row)) for row in answer)


def timed_answer(text: str, path: Path, graphs: list[str] | None, runs: int, limit: float):
    """Median seconds and the answer, or (None, None) when the query passed the limit."""
    from zonekg.model.errors import ZoneKGError
    from zonekg.queries.engine import _in_worker

    times, answer = [], None
    for _ in range(runs):
        start = time.perf_counter()
        try:
            answer = _in_worker(_answer, (text, str(path), graphs), timeout=limit)
        except ZoneKGError:
            return None, None
        times.append(time.perf_counter() - start)
    return statistics.median(times), answer


def shared_triple_count(tmp: Path) -> tuple[int, int]:
    """COUNT(*) over two graphs that share their one triple: (stored union, query-time list)."""
    import pyoxigraph as ox

    from zonekg.store.local import write_store

    nq = b"<urn:s> <urn:p> <urn:o> <urn:g1> .\n<urn:s> <urn:p> <urn:o> <urn:g2> .\n"
    write_store(nq, tmp / "shared")
    stored = ox.Store.read_only(str(tmp / "shared"))
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    graphs = [ox.NamedNode("urn:g1"), ox.NamedNode("urn:g2")]
    n_stored = int(next(iter(stored.query(query)))[0].value)
    n_list = int(next(iter(stored.query(query, default_graph=graphs)))[0].value)
    return n_stored, n_list


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nquads", type=Path, default=ROOT / "build" / "zone.nq")
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args()

    import pyoxigraph as ox

    from zonekg.model.prefixes import DRAFTS_GRAPH_BASE, INFERRED_GRAPH
    from zonekg.queries.engine import bind
    from zonekg.queries.named import named_queries
    from zonekg.store.local import write_store

    nquads = args.nquads.read_bytes()
    if args.copies > 1:
        nquads = replicate(nquads, args.copies)
    tmp = Path(tempfile.mkdtemp(prefix="bench-union-"))
    try:
        n_stored, n_list = shared_triple_count(tmp)
        print(f"one triple in two graphs: COUNT(*) stored union {n_stored}, query-time list {n_list}")

        start = time.perf_counter()
        write_store(nquads, tmp / "stored")
        t_stored = time.perf_counter() - start
        start = time.perf_counter()
        once = ox.Store(str(tmp / "once"))
        once.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
        once.flush()
        once.optimize()
        t_once = time.perf_counter() - start
        graphs = sorted(g.value for g in once.named_graphs()
                        if g.value != INFERRED_GRAPH and not g.value.startswith(DRAFTS_GRAPH_BASE))
        del once
        lines = nquads.count(b"\n")
        print(f"data: {lines:,} quads, {len(graphs)} graphs in the union | write: stored union "
              f"{t_stored:.1f} s, each quad once {t_once:.1f} s ({t_stored / t_once:.2f}×)", flush=True)

        print(f"{'query':24} {'stored s':>9} {'list s':>9}  same answer")
        totals = [0.0, 0.0]
        for name, nq in named_queries(ROOT).items():
            text = bind(nq, PARAMS.get(name, {}))
            t_a, a = timed_answer(text, tmp / "stored", None, args.runs, args.timeout)
            t_b, b = timed_answer(text, tmp / "once", graphs, args.runs, args.timeout)
            if t_a is None or t_b is None:
                same = "-"
            else:
                same = "yes" if a == b else f"no ({len(a)} rows / {len(b)} rows)"
            totals[0] += t_a if t_a is not None else args.timeout
            totals[1] += t_b if t_b is not None else args.timeout
            show = [f"{t:9.3f}" if t is not None else f">{args.timeout:8g}" for t in (t_a, t_b)]
            print(f"{name:24} {show[0]} {show[1]}  {same}", flush=True)
        print(f"{'suite (stopped = limit)':24} {totals[0]:9.3f} {totals[1]:9.3f}  "
              f"list / stored {totals[1] / totals[0]:.2f}×")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
