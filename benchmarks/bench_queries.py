"""Time loading and the named-query suite at about a million quads: the project's own path
(the store the build writes, every query in a time-limited worker) vs raw pyoxigraph vs rdflib in
memory; and the whole `zonekg query gdp-growth-rank` command on the article.

Usage: python benchmarks/bench_queries.py [--copies 179] [--runs 3] [--rdflib-timeout 20] [--no-rdflib | --rdflib-only]

The data are the article's graph replicated with renamed IRIs (benchmarks/make_big_graph.py).
Medians of --runs runs per query; every number comes from this one run of the script.  rdflib
queries that pass --rdflib-timeout are stopped and counted at the limit (so rdflib's totals are
lower bounds); rdflib runs each query once (a median of several runs would take hours at 1M).
``--rdflib-only`` skips the stores and the Oxigraph suite, to re-run the slow rdflib part alone.
Raw pyoxigraph loads the N-Quads with ``bulk_load`` and queries the union with
``use_default_graph_as_union``, in the same kind of worker (its duplicates can make a query run
for hours; --raw-timeout stops it).
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
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_big_graph import replicate  # noqa: E402

PARAMS = {
    "about": {"entity": "zk:zhang-feng"}, "entity": {"name": "张峰"}, "find-sentence": {"text": "招才引智"},
    "sentence-statements": {"index": 15}, "statement-evidence": {"id": "gdp-value"},
}


def built_article(tmp: Path) -> Path:
    """A copy of the project, built (core only)."""
    from zonekg.pipeline.run import run_build

    for name in ("ontology", "graph", "queries"):
        shutil.copytree(ROOT / name, tmp / name, ignore=shutil.ignore_patterns("zone.trig"))
    run_build(tmp, steps=())
    return tmp


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    out = fn(*args, **kwargs)
    return time.perf_counter() - start, out


def cli_times(project: Path, runs: int, *args: str) -> list[float]:
    """Wall time of a whole command, interpreter start-up included."""
    from zonekg.store.local import ensure_store

    ensure_store(project)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    zonekg = Path(sys.executable).with_name("zonekg")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(zonekg), *args], check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - start)
    return times


def _raw(text: str, path: str):
    import pyoxigraph as ox

    from zonekg.model.prefixes import PREFIXES

    store = ox.Store.read_only(path)
    return len(list(store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)))


def raw_query(text: str, path: Path, limit: float):
    """Raw pyoxigraph: the N-Quads as loaded, the union asked for with ``use_default_graph_as_union``;
    in a worker like the project's queries, so a runaway query (duplicates in the union) can be stopped."""
    from zonekg.queries.engine import _in_worker

    return _in_worker(_raw, (text, str(path)), timeout=limit)


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=179)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rdflib-timeout", type=float, default=20.0)
    parser.add_argument("--raw-timeout", type=float, default=30.0)
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--no-rdflib", action="store_true")
    only.add_argument("--rdflib-only", action="store_true")
    args = parser.parse_args()

    import pyoxigraph as ox

    from zonekg.model.errors import ZoneKGError
    from zonekg.queries.engine import bind, run
    from zonekg.queries.named import named_queries
    from zonekg.store.local import write_store

    tmp = Path(tempfile.mkdtemp(prefix="bench-queries-"))
    try:
        project = built_article(tmp / "project")
        runs = max(args.runs, 5)
        cli = cli_times(project, runs, "query", "gdp-growth-rank", "--root", str(project))
        floor = cli_times(project, runs, "--help")
        t_inproc = statistics.median(timed(run, "gdp-growth-rank", project / "build" / "oxigraph")[0]
                                     for _ in range(runs))
        print(f"article: `zonekg query gdp-growth-rank` wall, median of {runs}: {statistics.median(cli):.3f} s "
              f"(min {min(cli):.3f}); `zonekg --help` (the CLI's start-up) {statistics.median(floor):.3f} s; "
              f"the query itself in-process (worker, store, answer) {t_inproc:.3f} s", flush=True)

        nquads = replicate((project / "build" / "zone.nq").read_bytes(), args.copies)
        n = nquads.count(b"\n")
        print(f"data: {n:,} quads ({args.copies} copies of the article's source graph, plus the ontology)",
              flush=True)

        queries = named_queries(project)
        ours: dict[str, float] = {}
        rawq: dict[str, float] = {}
        if not args.rdflib_only:
            t_ours, _ = timed(write_store, nquads, tmp / "ours")
            t_open, _ = timed(ox.Store.read_only, str(tmp / "ours"))

            def raw_load():
                store = ox.Store(str(tmp / "raw"))
                store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
                store.flush()
                return store

            t_raw, raw = timed(raw_load)
            del raw  # closed: each query opens it read-only in a worker, as the project's path does
            print(f"load: writing the project store {t_ours:.2f} s, opening it {t_open:.3f} s | raw pyoxigraph "
                  f"bulk_load {t_raw:.2f} s | write / raw {t_ours / t_raw:.2f}×", flush=True)

            texts = {name: bind(nq, PARAMS.get(name, {})) for name, nq in queries.items()}
            for name, nq in queries.items():
                try:
                    ours[name] = statistics.median(timed(run, nq, tmp / "ours", PARAMS.get(name, {}))[0]
                                                   for _ in range(args.runs))
                except ZoneKGError as exc:  # stopped at the 30 s limit: raw pyoxigraph (no limit) is skipped too
                    print(f"  project {name}: {exc}", flush=True)
                    continue
                try:
                    rawq[name] = statistics.median(timed(raw_query, texts[name], tmp / "raw", args.raw_timeout)[0]
                                                   for _ in range(args.runs))
                except ZoneKGError:
                    rawq[name] = args.raw_timeout
                print(f"  {name:24} project {ours[name]:.3f} s, raw {rawq[name]:.3f} s", flush=True)

        rdf: dict[str, float] = {}
        if not args.no_rdflib:
            from rdflib import Dataset

            before = rss_mib()
            ds = Dataset(default_union=True)
            t_rdf, _ = timed(lambda: ds.parse(data=nquads.decode("utf-8"), format="nquads"))
            print(f"load: rdflib in memory {t_rdf:.2f} s, {rss_mib() - before:,.0f} MiB more peak memory", flush=True)
            if ours:
                print(f"load: rdflib / project store {t_rdf / t_ours:.1f}×, rdflib / opening the store "
                      f"{t_rdf / t_open:,.0f}×", flush=True)
            for name in ours or queries:
                try:
                    rdf[name] = timed(run, queries[name], ds, PARAMS.get(name, {}), timeout=args.rdflib_timeout)[0]
                except ZoneKGError:  # stopped at the limit
                    rdf[name] = args.rdflib_timeout
                print(f"  rdflib {name:24} {rdf[name]:.3f} s", flush=True)

        if args.rdflib_only:
            print(f"rdflib suite total {sum(rdf.values()):.3f} s (each query capped at {args.rdflib_timeout:g} s)")
            return
        print(f"\n{'query':24} {'project s':>10} {'raw ox s':>10} {'rdflib s':>10}")
        for name in ours:
            mark = ">" if rdf.get(name, 0) >= args.rdflib_timeout else " "
            r = f"{mark}{rdf[name]:.3f}" if name in rdf else "-"
            capped = ">" if rawq[name] >= args.raw_timeout else " "
            print(f"{name:24} {ours[name]:10.3f} {capped}{rawq[name]:9.3f} {r:>10}")
        total_ours, total_raw = sum(ours.values()), sum(rawq.values())
        print(f"{'suite total':24} {total_ours:10.3f} {total_raw:10.3f} {sum(rdf.values()) if rdf else 0:10.3f}")
        print(f"suite: project / raw pyoxigraph {total_ours / total_raw:.2f}×", end="")
        if rdf:
            print(f"; rdflib / project ≥ {sum(rdf.values()) / total_ours:.1f}× (rdflib capped at "
                  f"{args.rdflib_timeout:g} s per query)", end="")
        print(f"; {len(queries) - len(ours)} queries passed the project's 30 s limit")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
