"""Writing the query store against a raw ``bulk_load`` of the same N-Quads, at about a million quads.

Usage: python benchmarks/bench_store_write.py [--copies 179] [--runs 3] [--variants raw,project,...]

The project's store holds every quad and, in its default graph, the union of the reviewed graphs
(docs/engine.md, "Store layout"); a raw ``bulk_load`` holds the quads only.  The variants run in
turn, alternating (raw, project, raw, project, …), so that both see the same load; each writes a
fresh store in a temporary folder.  Printed: the median of ``--runs`` for each, the ratio
project / raw from the medians, the store's size on disk, and the load average before and after.

Variants besides ``raw`` and ``project`` (``zonekg.store.local.write_store`` as it is) are the
designs that were measured for docs/engine.md ("How the store is written"):

- ``python-union``: every quad parsed in Python and handed to ``bulk_extend`` with its default-graph
  copy, then ``optimize()`` (the design before this benchmark);
- ``python-union-noopt``: the same without ``optimize()``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_big_graph import replicate  # noqa: E402


def raw(nquads: bytes, target: Path) -> None:
    import pyoxigraph as ox

    store = ox.Store(str(target))
    store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
    store.flush()


def project(nquads: bytes, target: Path) -> None:
    from zonekg.store.local import write_store

    write_store(nquads, target)


def python_union(nquads: bytes, target: Path, optimize: bool = True) -> None:
    import pyoxigraph as ox

    from zonekg.model.prefixes import DRAFTS_GRAPH_BASE, INFERRED_GRAPH

    inferred = ox.NamedNode(INFERRED_GRAPH)

    def quads_and_union():
        for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS):
            yield q
            if q.graph_name != inferred and not q.graph_name.value.startswith(DRAFTS_GRAPH_BASE):
                yield ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())

    store = ox.Store(str(target))
    store.bulk_extend(quads_and_union())
    store.flush()
    if optimize:
        store.optimize()


def default_lines(nquads: bytes) -> bytes:
    """The union's triples as N-Quads lines in the default graph: each line of a reviewed graph
    without its graph name (the text pyoxigraph wrote, one quad a line)."""
    from zonekg.model.prefixes import DRAFTS_GRAPH_BASE, INFERRED_GRAPH

    skip = (f"<{INFERRED_GRAPH}>".encode(), f"<{DRAFTS_GRAPH_BASE}".encode())
    out = []
    for line in nquads.splitlines():
        head, graph, _dot = line.rsplit(b" ", 2)
        if not graph.startswith(skip):
            out.append(head + b" .")
    return b"\n".join(out) + b"\n"


def one_load(nquads: bytes, target: Path, lenient: bool = True) -> None:
    import pyoxigraph as ox

    store = ox.Store(str(target))
    store.bulk_load(nquads + default_lines(nquads), format=ox.RdfFormat.N_QUADS, lenient=lenient)
    store.flush()


def python_union_lenient(nquads: bytes, target: Path) -> None:
    import pyoxigraph as ox

    def quads_and_union():
        for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS, lenient=True):
            yield q
            yield ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())

    store = ox.Store(str(target))
    store.bulk_extend(quads_and_union())
    store.flush()


def union_only(nquads: bytes, target: Path) -> None:
    """The union in the default graph, and no named source graphs (one load of the union's lines)."""
    import pyoxigraph as ox

    store = ox.Store(str(target))
    store.bulk_load(default_lines(nquads), format=ox.RdfFormat.N_QUADS, lenient=True)
    store.flush()


VARIANTS: dict[str, Callable[[bytes, Path], None]] = {
    "raw": raw,
    "project": project,
    "python-union": python_union,
    "python-union-noopt": lambda nq, target: python_union(nq, target, optimize=False),
    "python-union-lenient": python_union_lenient,
    "one-load": one_load,
    "one-load-strict": lambda nq, target: one_load(nq, target, lenient=False),
    "union-only": union_only,
}


def size_mib(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=179)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--nquads", type=Path, help="a built zone.nq (default: build the article in a temporary copy)")
    parser.add_argument("--variants", default="raw,project")
    args = parser.parse_args()
    names = args.variants.split(",")
    tmp = Path(tempfile.mkdtemp(prefix="bench-store-write-"))
    try:
        if args.nquads:
            base = args.nquads.read_bytes()
        else:
            from bench_queries import built_article

            base = (built_article(tmp / "project") / "build" / "zone.nq").read_bytes()
        nquads = replicate(base, args.copies) if args.copies > 1 else base
        lines = nquads.count(b"\n")
        print(f"data: {lines:,} quads ({args.copies} copies); load average {os.getloadavg()}",
              flush=True)
        times: dict[str, list[float]] = {n: [] for n in names}
        sizes: dict[str, float] = {}
        for run in range(args.runs):
            for name in names:
                target = tmp / f"{name}-{run}"
                start = time.perf_counter()
                VARIANTS[name](nquads, target)
                times[name].append(time.perf_counter() - start)
                sizes[name] = size_mib(target)
                shutil.rmtree(target)
                print(f"  run {run + 1} {name:20} {times[name][-1]:7.2f} s  load {os.getloadavg()[0]:.1f}", flush=True)
        medians = {n: statistics.median(t) for n, t in times.items()}
        for name in names:
            ratio = f"{medians[name] / medians['raw']:.2f}× raw" if "raw" in medians else ""
            print(f"{name:20} median {medians[name]:7.2f} s (min {min(times[name]):.2f}) "
                  f"{sizes[name]:7.0f} MiB  {ratio}")
        print(f"load average at the end {os.getloadavg()}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
