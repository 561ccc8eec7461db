"""SHACL validation: a violation fails the build with a report that names the node, the path and
what was expected.

pyshacl-turbo (a Rust engine with pySHACL's API) decides whether a graph conforms; when it does
not, pySHACL validates the same graph again and its report gives the rows, so an error line
reads exactly as it did with pySHACL alone (turbo words the default messages of shapes without
their own ``sh:message`` differently: ``DatatypeConstraintComponent violated at …`` for pySHACL's
``Value is not Literal with datatype xsd:integer``). Both engines give the same results, field by
field, on the graphs in ``tests/pipeline/test_shacl_engines.py`` and ``benchmarks/bench_shacl.py``;
``ZONEKG_SHACL=pyshacl`` validates with pySHACL alone. The measurement is in docs/engine.md
("SHACL: pySHACL and pyshacl-turbo").

The build validates each source's named graph on its own (with the ontology), and caches the
result by that graph, the shapes and the ontology, so that a rebuild after one of many fact
sheets changed validates one graph. Why that decides what validating the union would, and the
small union-wide pass it needs for nodes that several sources describe, is in docs/build.md
("SHACL, one source at a time"); :func:`validate_sources` does both.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph
from rdflib.namespace import RDF, SH

from zonekg.model.errors import ZoneKGError

if TYPE_CHECKING:
    from zonekg.rdf.dataset import BuildResult

_RDF_TYPE = str(RDF.type)

#: One violation: focus node, result path ("" when none), message (strings, kept in the build cache).
Row = list[str]


@dataclass
class Data:
    """Triples to validate: N-Triples text (what pyshacl-turbo reads) and a way to make the same
    triples an rdflib Graph, made only when pySHACL has to word a report."""

    text: str
    graph: Callable[[], Graph]


def _shapes(shapes_path: Path) -> Graph:
    shapes = Graph()
    try:
        shapes.parse(shapes_path, format="turtle")
    except FileNotFoundError:
        raise ZoneKGError("SHACL shapes not found", shapes_path) from None
    except Exception as exc:
        raise ZoneKGError(f"cannot parse SHACL shapes: {exc}", shapes_path) from None
    return shapes


def violations(data: Graph | Data, shapes: Graph) -> list[Row]:
    """The violations in ``data``, sorted: none when pyshacl-turbo finds that it conforms, else
    pySHACL's. An rdflib ``data`` is validated in place by pySHACL (it would otherwise copy
    it), so pass a graph made for the purpose."""
    if isinstance(data, Graph):
        graph = data
        data = Data(_ntriples(graph), lambda: graph)
    if os.environ.get("ZONEKG_SHACL", "turbo") != "pyshacl" and turbo_report(data.text, shapes)[0]:
        return []
    return rows_of(pyshacl_report(data.graph(), shapes), shapes)


def rows_of(report: tuple[bool, Graph], shapes: Graph) -> list[Row]:
    """The violations of a report as the build's rows (focus node, path, message), sorted."""
    conforms, graph = report
    if conforms:
        return []
    return sorted([str(row[0]), str(row[1]) if row[1] else "", str(row[6])]
                  for row in results(graph, shapes) if row[4] == SH.Violation)


def results(report: Graph, shapes: Graph) -> list[tuple[Any, ...]]:
    """Every result of a report as (focus node, path, value, source shape, severity, constraint
    component, message), rdflib terms; a blank-node source shape is named by the shapes that hold
    it and its own triples, so that two engines' reports compare (``tests/pipeline/test_shacl_engines.py``)."""
    from rdflib import BNode, Literal

    def shape(node: Any) -> Any:
        if not isinstance(node, BNode):
            return node
        holders = sorted(str(s) for s, _p, _o in shapes.triples((None, None, node)))
        own = sorted(f"{p.n3()} {o.n3()}" for _s, p, o in shapes.triples((node, None, None))
                     if not isinstance(o, BNode))
        return Literal(f"[{', '.join(holders)}] " + " ; ".join(own))

    out = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        value = report.value(result, SH.value)
        out.append((report.value(result, SH.focusNode), report.value(result, SH.resultPath),
                    Literal("_:b") if isinstance(value, BNode) else value,
                    shape(report.value(result, SH.sourceShape)), report.value(result, SH.resultSeverity),
                    report.value(result, SH.sourceConstraintComponent), report.value(result, SH.resultMessage)))
    return sorted(out, key=lambda row: tuple("" if t is None else t.n3() for t in row))


def pyshacl_report(graph: Graph, shapes: Graph) -> tuple[bool, Graph]:
    """pySHACL's verdict and report on ``graph`` (validated in place), as the build asks for it."""
    from pyshacl import validate as shacl_validate

    conforms, report, _text = shacl_validate(
        graph, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True, inplace=True,
    )
    return bool(conforms), report


_compiled: tuple[Graph, Any] | None = None


def turbo_report(text: str, shapes: Graph) -> tuple[bool, Graph]:
    """pyshacl-turbo's verdict and report on N-Triples ``text``, with the same settings as
    :func:`pyshacl_report`. The shapes are compiled once per shapes graph; the text goes to the
    engine as it is (its ``Input``), without an rdflib graph on the way."""
    global _compiled
    from pyshacl_turbo import compile_shapes
    from pyshacl_turbo.rdf import Input

    if _compiled is None or _compiled[0] is not shapes:
        _compiled = (shapes, compile_shapes(shapes, advanced=True))
    conforms, report, _text = _compiled[1].validate(Input(text, "nt", None, {}), allow_warnings=True)
    return bool(conforms), report


def _ntriples(graph: Graph) -> str:
    """An rdflib graph as N-Triples, written by pyoxigraph."""
    import pyoxigraph as ox

    from zonekg.rdf.convert import to_ox

    triples = [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph]
    return (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode()


def validate(graph: Graph, shapes_path: Path) -> None:
    """Raise with a readable report unless ``graph`` conforms to the shapes.

    ``graph`` must hold the ontology too: sh:class has to see the ontology's own individuals
    (modalities, units) and its subclass links.
    """
    rows = violations(graph, _shapes(shapes_path))
    if rows:
        raise ZoneKGError("SHACL validation failed:\n" + format_rows(rows), shapes_path)


def format_rows(rows: list[Row], limit: int = 20) -> str:
    """One line per violation: focus node, path, message."""
    lines = sorted(f"  - {focus} {('[' + path + '] ') if path else ''}{message}" for focus, path, message in rows)
    more = f"\n  … and {len(lines) - limit} more" if len(lines) > limit else ""
    return "\n".join(lines[:limit]) + more


def _graph(*parts) -> Graph:
    """A fresh rdflib Graph of pyoxigraph quads or triples."""
    from zonekg.rdf.convert import from_ox

    out = Graph()
    for part in parts:
        out.addN((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object), out) for t in part)
    return out


def validate_sources(result: BuildResult, sheets: list[tuple[Path, str, bytes]], shapes_path: Path,
                     previous: dict[str, list[Row]]) -> tuple[dict[str, list[Row]], int]:
    """Validate the build source by source; raise on any violation, naming the fact sheet.

    ``sheets`` are (fact sheet, graph IRI, the graph's cached N-Quads) in file order; ``previous``
    the last build's results by key. Returns the results by key (for the cache) and how many
    sources' results were reused.

    Each source graph is validated with the ontology only: every id a sheet uses is listed in
    that sheet (or is an ontology term), with the class and labels every sheet gives it, so
    each graph holds what its nodes need. Its violations count for the nodes that no other
    source describes. The nodes that two or more sources describe (shared entities and times)
    are validated once more, in a union-wide pass over only their triples from every source,
    the types of the nodes those triples point to and the ontology; that pass decides for them.
    """
    import pyoxigraph as ox

    from zonekg.model.namespaces import ONTOLOGY_GRAPH
    from zonekg.pipeline.cache import code_version, sha256
    from zonekg.rdf import serialise

    try:
        shapes_bytes = shapes_path.read_bytes()
    except FileNotFoundError:
        raise ZoneKGError("SHACL shapes not found", shapes_path) from None
    ontology = result.graphs[str(ONTOLOGY_GRAPH)]
    base = sha256(code_version().encode(), shapes_bytes, serialise.graph_bytes(ontology))
    shapes: Graph | None = None

    def run(*parts) -> list[Row]:
        nonlocal shapes
        shapes = _shapes(shapes_path) if shapes is None else shapes
        triples = (t.triple if isinstance(t, ox.Quad) else t for part in (ontology, *parts) for t in part)
        text = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode()
        return violations(Data(text, lambda: _graph(ontology, *parts)), shapes)

    results: dict[str, list[Row]] = {}
    reused = 0
    subjects = {iri: {q.subject for q in result.graphs[iri]} for _p, iri, _b in sheets}
    counts = Counter(s for subs in subjects.values() for s in subs)
    shared = {s for s, n in counts.items() if n > 1}
    shared_names = {s.value for s in shared if isinstance(s, ox.NamedNode)}
    failures: list[tuple[int, Path, Row, str]] = []
    for order, (path, iri, data) in enumerate(sheets):
        key = sha256(base.encode(), b"source", data)
        if key in previous:
            rows, reused = previous[key], reused + 1
        else:
            rows = run(result.graphs[iri])
        results[key] = rows
        failures += [(order, path, row, "") for row in rows if row[0] not in shared_names]
    if shared:
        part = [q.triple for _p, iri, _b in sheets for q in result.graphs[iri] if q.subject in shared]
        objects = {t.object for t in part}
        part += [q.triple for _p, iri, _b in sheets for q in result.graphs[iri]
                 if q.predicate.value == _RDF_TYPE and q.subject in objects]
        key = sha256(base.encode(), b"shared", ox.serialize(part, format=ox.RdfFormat.N_TRIPLES) or b"")
        rows = previous[key] if key in previous else run(part)
        results[key] = rows
        for row in rows:
            if row[0] not in shared_names:
                continue
            where = [(order, path) for order, (path, iri, _b) in enumerate(sheets)
                     if ox.NamedNode(row[0]) in subjects[iri]]
            names = ", ".join(p.name for _o, p in where)
            failures.append((*where[-1], row, f" (described by several sources: {names})"))
    if failures:
        _fail(result, sorted(failures, key=lambda f: (f[0], f[2])))
    return results, reused


def _fail(result: BuildResult, failures: list[tuple[int, Path, Row, str]]) -> None:
    """One error naming the first fact sheet at fault (and the line of the node, when it is
    one the sheet lists), with every violation found."""
    _order, path, (focus, _p, _m), _note = failures[0]
    lines = {f"{format_rows([row])}{note}" for _o, _p2, row, note in failures}
    text = "\n".join(sorted(lines)[:20]) + (f"\n  … and {len(lines) - 20} more" if len(lines) > 20 else "")
    others = sorted({p.name for _o, p, _r, _n in failures} - {path.name})
    also = f"\n  (violations in {', '.join(others)} too)" if others else ""
    raise ZoneKGError("SHACL validation failed:\n" + text + also, path, _line(result, path, focus))


def _line(result: BuildResult, path: Path, node: str) -> int | None:
    """The line where the fact sheet lists ``node`` (an entity, a time or a statement), if it
    does: the sheet is read again here, on the way to an error only."""
    from zonekg.facts.check import load_fact_sheet
    from zonekg.model.namespaces import statement_iri

    sheet = load_fact_sheet(path, result.ontology, drafts=result.draft_mode)
    lines = {**{str(t.iri): t.line for t in sheet.times.values()},
             **{str(e.iri): e.line for e in sheet.entities.values()},
             **{str(statement_iri(sheet.source.id, st.id)): st.line for st in sheet.statements}}
    return lines.get(node)
