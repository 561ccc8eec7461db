"""What the readers that do not run SPARQL cost: ``zonekg.load()``'s rdflib Dataset parsed from
N-Quads against the same Dataset converted from the store, and an entity card and a ``why``
read from the store, in one process (no interpreter start-up; bench_cli.py times the commands).

Usage: python benchmarks/bench_readers.py [--nquads build/zone.nq] [--copies 1] [--runs 5]

``--copies 1`` is the article as built (run ``zonekg build`` first); more copies replicate its
source graph with renamed IRIs (benchmarks/make_big_graph.py), so every label then fits that many
entities and the name search must read them all.  The store is written once into a temporary
folder by ``zonekg.store.local.write_store``.  Each time is the median of ``--runs``; the load average
is printed before and after.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def parse_nquads(path: Path):
    """What ``zonekg.load()`` does: rdflib parses the N-Quads (terms exactly as built)."""
    from rdflib import Dataset

    ds = Dataset(default_union=True)
    ds.parse(path, format="nquads")
    return ds


def convert_store(store_dir: Path):
    """The alternative: every quad of the store's named graphs made into rdflib terms."""
    import pyoxigraph as ox
    from rdflib import Dataset

    from zonekg.rdf.convert import from_ox
    from zonekg.store.local import open_store

    ds = Dataset(default_union=True)
    for q in open_store(store_dir).quads_for_pattern(None, None, None, None):
        if not isinstance(q.graph_name, ox.DefaultGraph):
            ds.graph(from_ox(q.graph_name)).add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    return ds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nquads", type=Path, default=ROOT / "build" / "zone.nq")
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import pyoxigraph as ox

    from zonekg.queries.cards import Triples, card, resolve_entity, why
    from zonekg.store.local import open_store, write_store

    data = args.nquads.read_bytes()
    if args.copies > 1:
        from make_big_graph import replicate

        data = replicate(data, args.copies)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    with tempfile.TemporaryDirectory(prefix="zonekg-bench-readers-") as tmp:
        nquads, store_dir = Path(tmp) / "zone.nq", Path(tmp) / "oxigraph"
        nquads.write_bytes(data)
        write_store(data, store_dir)
        lines = data.count(b"\n")
        print(f"{lines:,} quads; median of {args.runs} runs (s)")
        parsed = parse_nquads(nquads)
        converted = convert_store(store_dir)
        print(f"  triples: parsed {len(parsed):,}, converted {len(converted):,}")
        print(f"{median_time(lambda: parse_nquads(nquads), args.runs):8.3f}  load(): rdflib parses zone.nq")
        print(f"{median_time(lambda: convert_store(store_dir), args.runs):8.3f}  load() alternative: the store "
              "converted to rdflib terms")

        def entity_card() -> str:
            graph = Triples(open_store(store_dir), [ox.DefaultGraph()])
            return card(graph, resolve_entity(graph, "futian-zhilan"))

        def entity_by_label() -> str:
            graph = Triples(open_store(store_dir), [ox.DefaultGraph()])
            return card(graph, resolve_entity(graph, "河南福田智蓝新能源汽车公司"))

        def why_gdp() -> str:
            return why(Triples(open_store(store_dir), [ox.DefaultGraph()]), "gdp-value")

        def why_curie() -> str:
            return why(Triples(open_store(store_dir), [ox.DefaultGraph()]), "zk:futian-zhilan")

        cases = [("entity futian-zhilan (an id)", entity_card), ("why gdp-value (a bare statement id)", why_gdp),
                 ("why zk:futian-zhilan (a CURIE)", why_curie)]
        if args.copies == 1:  # with copies, the label fits every copy: an error listing them, not a card
            cases.insert(1, ("entity 河南福田智蓝新能源汽车公司 (a label)", entity_by_label))
        for name, fn in cases:
            print(f"{median_time(fn, args.runs):8.3f}  open the store + {name}")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
