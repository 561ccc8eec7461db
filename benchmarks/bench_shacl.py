"""pySHACL against pyshacl-turbo on what the build validates: the same result rows, and the time.

Usage: python benchmarks/bench_shacl.py [--runs N] [--mutants-per-predicate K] [--copies N]

Three corpora, each a list of graphs exactly as the build hands them to SHACL (recorded by
running the build with :func:`zonekg.pipeline.shacl.violations` wrapped):

- *article*: the project's article (one source: one per-source pass);
- *fixtures*: the article with the fictional test articles ``qinglan-a``, ``qinglan-b`` and a copy
  of ``qinglan-a`` under another source id (so that the union-wide pass over shared nodes runs too);
- *mutants*: the article's validation graph (the ontology and the source graph) broken on purpose,
  one graph per mutation: for each predicate the source graph uses, K seeded triples are deleted,
  given a plain string literal as object, given another node as object (a node of the wrong class)
  and given a second value (a cardinality break);
- *copies* (with ``--copies N``): N renamed copies of the article (``make_big_graph.py``) with the
  ontology, validated whole, for the time only.

Every result (not only violations) is compared as a row of focus node, path, value, source shape
(a blank-node shape is named by the shape that holds it and its own triples), severity,
constraint component and message. pySHACL runs as the build runs it (in place, no inference,
advanced); pyshacl-turbo twice: through its pySHACL-compatible ``validate`` on the same rdflib
graph, and with the shapes compiled once and the data handed over as N-Triples (no rdflib graph
built), which is how the build would call it.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph, Literal, URIRef

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

Row = tuple[str, ...]


def result_rows(report: Graph, shapes: Graph) -> list[Row]:
    """Every result of a report as a comparable row of strings (:func:`zonekg.pipeline.shacl.results`)."""
    from zonekg.pipeline.shacl import results

    return [tuple("" if t is None else (str(t) if i == 6 else t.n3()) for i, t in enumerate(row))
            for row in results(report, shapes)]


def run_pyshacl(graph: Graph, shapes: Graph) -> Graph:
    from zonekg.pipeline.shacl import pyshacl_report

    return pyshacl_report(graph, shapes)[1]


def run_turbo(graph: Graph, shapes: Graph) -> Graph:
    from pyshacl_turbo import validate

    return validate(graph, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True,
                    inplace=True)[1]


def turbo_compiled(shapes: Graph) -> Callable[[Graph], Graph]:
    """pyshacl-turbo as the build calls it (:func:`zonekg.pipeline.shacl.turbo_report`): the shapes
    compiled once, the data handed over as N-Triples text written by pyoxigraph (no rdflib graph is
    built on its side). Not through a pyoxigraph Store: the Store turns
    ``"115"^^xsd:nonNegativeInteger`` into ``"115"^^xsd:integer`` (pyoxigraph 0.5.13), which
    sh:datatype then refuses."""
    from zonekg.pipeline.shacl import _ntriples, turbo_report

    return lambda graph: turbo_report(_ntriples(graph), shapes)[1]


def recorded(root: Path) -> list[Graph]:
    """The graphs a build of ``root`` validates, in order (SHACL runs; its cache is emptied first)."""
    from zonekg.pipeline import shacl
    from zonekg.pipeline.run import run_build

    seen: list[Graph] = []
    real = shacl.violations

    def record(data: Graph | shacl.Data, shapes: Graph) -> list[list[str]]:
        copy = Graph()
        copy += data if isinstance(data, Graph) else data.graph()
        seen.append(copy)
        return real(data, shapes)

    shutil.rmtree(root / "build", ignore_errors=True)
    shacl.violations = record
    try:
        run_build(root, steps=())
    finally:
        shacl.violations = real
    return seen


def fixtures_project(tmp: Path) -> Path:
    from tests.helpers import copy_project, install

    root = tmp / "fixtures"
    copy_project(root)
    install(root, "qinglan-a")
    install(root, "qinglan-b")
    first = root / "graph" / "facts" / "qinglan-a.yaml"
    first.with_name("qinglan-copy.yaml").write_text(
        first.read_text(encoding="utf-8").replace("  id: qinglan-a\n", "  id: qinglan-copy\n", 1), encoding="utf-8")
    return root


def mutants(per_predicate: int, seed: int = 20261208) -> list[tuple[str, Graph]]:
    """The article's validation graph, broken one way per graph (see the module's docstring)."""
    from zonekg.model.namespaces import ONTOLOGY_GRAPH
    from zonekg.pipeline.run import validation_graph
    from zonekg.rdf.convert import from_ox
    from zonekg.rdf.dataset import make_dataset

    result = make_dataset(ROOT)
    whole = validation_graph(result)
    ontology_subjects = {from_ox(q.subject) for q in result.graphs[str(ONTOLOGY_GRAPH)]}
    triples = sorted((t for t in whole if t[0] not in ontology_subjects), key=lambda t: tuple(map(str, t)))
    by_predicate: dict[URIRef, list] = {}
    for t in triples:
        by_predicate.setdefault(t[1], []).append(t)
    rng = random.Random(seed)
    others = sorted({s for s, _p, _o in triples if isinstance(s, URIRef)}, key=str)
    out = []
    for predicate in sorted(by_predicate, key=str):
        for s, p, o in rng.sample(by_predicate[predicate], min(per_predicate, len(by_predicate[predicate]))):
            other = rng.choice([n for n in others if n != o])
            second = Literal(f"{o} (2)", lang=o.language) if isinstance(o, Literal) else other
            for name, remove, add in (("delete", True, None), ("string", True, Literal("mutated")),
                                      ("other node", True, other), ("second value", False, second)):
                g = Graph()
                g += whole
                if remove:
                    g.remove((s, p, o))
                if add is not None:
                    g.add((s, p, add))
                out.append((f"{name} {p.n3()} of {s.n3()}", g))
    return out


def copies(n: int) -> Graph:
    """N renamed copies of the article's source graph with the ontology, as one rdflib graph."""
    import pyoxigraph as ox

    from benchmarks.make_big_graph import replicate
    from zonekg.rdf.convert import from_ox
    from zonekg.rdf.dataset import make_dataset

    result = make_dataset(ROOT)
    nquads = b"".join(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"" for quads in result.graphs.values())
    g = Graph()
    g.addN((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), g)
           for q in ox.parse(replicate(nquads, n), format=ox.RdfFormat.N_QUADS))
    return g


def timed(fn: Callable[[], Graph], runs: int) -> tuple[float, Graph]:
    times, report = [], Graph()
    for _ in range(runs):
        start = time.perf_counter()
        report = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), report


def compare(name: str, graphs: list[tuple[str, Graph]], shapes: Graph, runs: int, timing: bool = True,
            drop_in: bool = True) -> bool:
    """Print the rows and medians of each engine on a corpus; True when every graph's rows agree."""
    compiled = turbo_compiled(shapes)
    engines: dict[str, Callable[[Graph], Graph]] = {
        "pySHACL": lambda g: run_pyshacl(fresh(g), shapes),
        "turbo validate": lambda g: run_turbo(fresh(g), shapes),
        "turbo, as the build": compiled,
    }
    if not drop_in:  # pyshacl-turbo's own validate(): as slow as pySHACL on many small graphs
        del engines["turbo validate"]
    totals = Counter[str]()
    rows_total = Counter[str]()
    differ: list[str] = []
    differing_rows = Counter[str]()
    wording = Counter[tuple[str, str, str, str]]()
    beyond = Counter[str]()  # rows that differ in more than their message
    for label, graph in graphs:
        rows = {}
        for engine, fn in engines.items():
            seconds, report = timed(lambda fn=fn, graph=graph: fn(graph), runs if timing else 1)
            totals[engine] += seconds
            rows[engine] = result_rows(report, shapes)
            rows_total[engine] += len(rows[engine])
        for engine in [e for e in engines if e != "pySHACL"]:
            if rows[engine] != rows["pySHACL"]:
                differ.append(f"{engine}: {label}")
                a, b = Counter(rows["pySHACL"]), Counter(rows[engine])
                differing_rows[engine] += sum((a - b).values())
                theirs = {row[:6]: row[6] for row in (b - a).elements()}
                for row in sorted((a - b).elements()):
                    wording[(engine, row[5], row[6], theirs.get(row[:6], "(no such row)"))] += 1
                    beyond[engine] += row[:6] not in theirs
    for (engine, component, ours, theirs), n in sorted(wording.items()):
        print(f"    {engine}, {n} row(s) of {component.rsplit('#', 1)[-1]}: pySHACL says {ours!r}, turbo {theirs!r}")
    same = not any(beyond.values())
    print(f"{name}: {len(graphs)} graphs, result rows " + ", ".join(f"{e} {n}" for e, n in rows_total.items())
          + f"; identical rows on {len(graphs) - len({d.split(': ', 1)[1] for d in differ})} of {len(graphs)} graphs"
          + (f" (rows that differ: {dict(differing_rows)}, in more than their message: {dict(beyond)})"
             if differ else ""))
    if timing:
        base = totals["pySHACL"]
        print("  " + "; ".join(f"{e} {t:.3f} s ({base / t:.1f}×)" for e, t in totals.items())
              + f"  [sum of medians of {runs}]")
    return same


def fresh(graph: Graph) -> Graph:
    """A copy to validate in place (the build hands each validation a graph made for it)."""
    g = Graph()
    g += graph
    return g


def main() -> None:
    from zonekg.pipeline.shacl import _shapes

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mutants-per-predicate", type=int, default=1)
    parser.add_argument("--copies", type=int, default=0)
    parser.add_argument("--corpora", default="article,fixtures,mutants", help="which to run, comma-separated")
    args = parser.parse_args()
    corpora = set(args.corpora.split(","))
    shapes = _shapes(ROOT / "ontology" / "shapes.ttl")
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "article"
        for name in ("ontology", "graph"):
            shutil.copytree(ROOT / name, article / name)
        ok = True
        if "article" in corpora:
            ok &= compare("article", [(f"pass {i}", g) for i, g in enumerate(recorded(article))], shapes, args.runs)
        if "fixtures" in corpora:
            ok &= compare("fixtures", [(f"pass {i}", g) for i, g in enumerate(recorded(fixtures_project(Path(tmp))))],
                      shapes, args.runs)
    if "mutants" in corpora:
        ok &= compare("mutants", mutants(args.mutants_per_predicate), shapes, 1, drop_in=False)
    if args.copies:
        ok &= compare(f"{args.copies} copies", [("copies", copies(args.copies))], shapes, min(args.runs, 3))
    print("the same results everywhere (messages aside)" if ok else "RESULTS DIFFER beyond their messages")


if __name__ == "__main__":
    main()
