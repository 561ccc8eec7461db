"""zone.nq, zone.trig and zone.ttl after one of N sources changed: written from scratch
(``build.serialise``, every quad through the writers) against put together from per-graph
chunks (``pipeline._serialise``: the cached chunks read from ``build/cache/chunks`` and checked,
the changed graph's written anew). The serialisation phase only, without the rest of a build.

Usage: python benchmarks/bench_outputs.py [--nquads build/zone.nq] [--sizes 1,10,50] [--runs 3]

Synthetic data as in ``bench_sources.py``: the source graph of a built ``zone.nq`` copied
under N-1 more source ids (every IRI made from the source id renamed, so entities and times
are shared by all graphs and statements, sentences and evidence are not; the ontology once);
"one changed" drops one quad of one copy and adds another. Prints medians of ``--runs`` and
checks the bytes are the same both ways.
Numbers: docs/build.md ("Measured").
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from zonekg.pipeline import cache
from zonekg.pipeline.run import _serialise
from zonekg.rdf import serialise
from zonekg.rdf.convert import term_key
from zonekg.rdf.dataset import BuildResult, dataset_files

ROOT = Path(__file__).resolve().parents[1]
G = "https://w3id.org/zonekg/graph/"


def ordered(quads) -> list:
    """Distinct quads in the build's order (convert.to_quads's, for pyoxigraph quads)."""
    key = term_key
    return sorted(set(quads), key=lambda q: (key(q.graph_name), key(q.subject), key(q.predicate), key(q.object)))


def graphs(nquads: bytes, sources: int) -> tuple[dict[str, list], dict[str, list]]:
    """Graph IRI → sorted quads, for ``sources`` source graphs, before and after one changed."""
    quads = ordered(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    by_graph: dict[str, list] = {}
    for q in quads:
        by_graph.setdefault(q.graph_name.value, []).append(q)
    [source] = [name for name in by_graph if name != G + "ontology"]
    source_id = source.rsplit("/", 1)[1]
    for i in range(1, sources):
        copy = f"copy-{i:03d}"

        def rename(term, copy=copy):  # the IRIs a sheet makes from its source id
            return ox.NamedNode(term.value.replace(source_id, copy)) if isinstance(term, ox.NamedNode) else term

        by_graph[G + copy] = ordered(ox.Quad(rename(q.subject), q.predicate, rename(q.object), ox.NamedNode(G + copy))
                                     for q in by_graph[source])
    after = dict(by_graph)
    changed = f"{G}copy-001" if sources > 1 else source
    kept = after[changed][1:]
    extra = ox.Quad(kept[0].subject, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment"),
                    ox.Literal("edited"), kept[0].graph_name)
    after[changed] = ordered([*kept, extra])
    return by_graph, after


def result_of(graph_quads: dict[str, list]) -> BuildResult:
    return BuildResult(None, None, [], graphs=graph_quads)  # type: ignore[arg-type]


def chunked(graph_quads: dict[str, list], cache_dir: Path, last: cache.Manifest | None
            ) -> tuple[dict[str, bytes], cache.Manifest]:
    """``pipeline._serialise`` as a build calls it; the new chunk files are written to the cache."""
    manifest = cache.Manifest()
    data = {name: serialise.graph_bytes(q) for name, q in graph_quads.items()}  # a build has these already
    files = _serialise(result_of(graph_quads), data, last, manifest, cache_dir)
    for name, content in files.items():
        if name.startswith(f"{cache.CACHE_DIR}/"):
            path = cache_dir.parent / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
    return files, manifest


def timed(fn):
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nquads", type=Path, default=ROOT / "build" / "zone.nq")
    parser.add_argument("--sizes", default="1,10,50")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    nquads = args.nquads.read_bytes()
    print(f"{'sources':>7} {'quads':>8} {'scratch s':>10} {'chunks, cold s':>15} {'chunks, one changed s':>22}")
    for n in (int(x) for x in args.sizes.split(",")):
        before, after = graphs(nquads, n)
        scratch, cold, changed = [], [], []
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as tmp:
                cache_dir = Path(tmp) / cache.CACHE_DIR
                cache_dir.mkdir()
                seconds, (_, last) = timed(lambda: chunked(before, cache_dir, None))  # noqa: B023
                cold.append(seconds)
                seconds, (files, _) = timed(lambda: chunked(after, cache_dir, last))  # noqa: B023
                changed.append(seconds)
            seconds, reference = timed(lambda: dataset_files(result_of(after)))  # noqa: B023
            scratch.append(seconds)
            assert all(files[name] == reference[name] for name in reference), "bytes differ"
        print(f"{n:>7} {sum(map(len, after.values())):>8} {statistics.median(scratch):>10.2f} "
              f"{statistics.median(cold):>15.2f} {statistics.median(changed):>22.2f}", flush=True)


if __name__ == "__main__":
    main()
