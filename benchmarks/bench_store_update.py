"""Patching the last build's store (``update_store``) against writing it afresh (``write_store``)
after one of N sources changed, and whether a patched store needs ``optimize()`` for queries.

Usage: python benchmarks/bench_store_update.py [--nquads build/zone.nq] [--sources 50] [--runs 3]

Synthetic data from a built ``zone.nq``: its source graph copied under N-1 more graph names (the
ontology graph once), as ``bench_sources.py`` does with fact sheets; "one changed" drops one
triple of one copy and adds another. Prints the median of ``--runs`` for each write, then the
median of 5 runs of each query on the fresh store, the patched one, and the patched one after
``optimize()``. Numbers: docs/build.md ("Measured") and docs/engine.md.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from functools import partial
from pathlib import Path

import pyoxigraph as ox

from zonekg.model.paths import STORE_DIR
from zonekg.store.local import update_store, write_store

ROOT = Path(__file__).resolve().parents[1]
G = "https://w3id.org/zonekg/graph/"
QUERIES = {
    "count": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "by predicate": "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n)",
    "labels of typed": "SELECT ?s ?l WHERE { ?s a ?c ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }",
}


def synthetic(nquads: bytes, sources: int) -> tuple[bytes, bytes]:
    """N-Quads with ``sources`` source graphs, and the same after one source changed."""
    quads = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    ontology = ox.NamedNode(G + "ontology")
    source = [q for q in quads if q.graph_name != ontology]
    copies = [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(f"{G}copy-{i:03d}"))
              for i in range(1, sources) for q in source]
    before = [*quads, *copies]
    changed = ox.NamedNode(f"{G}copy-001")
    dropped = next(q for q in copies if q.graph_name == changed)
    after = [q for q in before if q != dropped]
    after.append(ox.Quad(dropped.subject, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment"),
                         ox.Literal("edited"), changed))
    return (ox.serialize(before, format=ox.RdfFormat.N_QUADS),
            ox.serialize(after, format=ox.RdfFormat.N_QUADS))


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def query_time(folder: Path, query: str) -> float:
    store = ox.Store.read_only(str(folder))
    return statistics.median(timed(lambda: list(store.query(query))) for _ in range(5))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nquads", type=Path, default=ROOT / "build" / "zone.nq")
    parser.add_argument("--sources", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    before, after = synthetic(args.nquads.read_bytes(), args.sources)
    with tempfile.TemporaryDirectory() as tmp:
        build = Path(tmp) / "build"
        build.mkdir()
        (build / "zone.nq").write_bytes(before)
        write_store(before, build / STORE_DIR)
        fresh, patched = [], []
        for run in range(args.runs):
            fresh.append(timed(partial(write_store, after, Path(tmp) / f"fresh-{run}")))
            patched.append(timed(partial(update_store, after, Path(tmp) / f"patched-{run}", build)))
        lines = before.count(b"\n")
        print(f"{args.sources} sources, {lines} quads; median of {args.runs}:")
        print(f"  write_store  {statistics.median(fresh):7.2f} s")
        print(f"  update_store {statistics.median(patched):7.2f} s")
        optimised = Path(tmp) / "optimised"
        shutil.copytree(Path(tmp) / "patched-0", optimised)
        store = ox.Store(str(optimised))
        print(f"  optimize() of the patched store {timed(store.optimize):.2f} s")
        del store
        print(f"{'query (median of 5)':<20} {'fresh':>8} {'patched':>8} {'patched+optimize':>17}")
        for name, query in QUERIES.items():
            times = [query_time(Path(tmp) / d, query) for d in ("fresh-0", "patched-0", "optimised")]
            print(f"{name:<20} " + " ".join(f"{t * 1000:7.1f}ms" for t in times[:2]) + f" {times[2] * 1000:15.1f}ms")


if __name__ == "__main__":
    main()
