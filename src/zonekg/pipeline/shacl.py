"""SHACL validation with pySHACL: a violation fails the build with a report that names the node,
the path and what was expected.

The build validates each source's named graph on its own (with the ontology), and caches the
result by that graph, the shapes and the ontology, so that a rebuild after one of many fact
sheets changed validates one graph. Why that decides what validating the union would, and the
small union-wide pass it needs for nodes that several sources describe, is in docs/build.md
("SHACL, one source at a time"); :func:`validate_sources` does both.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph
from rdflib.namespace import RDF, SH

from zonekg.model.errors import ZoneKGError

if TYPE_CHECKING:
    from zonekg.rdf.dataset import BuildResult

_RDF_TYPE = str(RDF.type)

#: One violation: focus node, result path ("" when none), message (strings, kept in the build cache).
Row = list[str]


def _shapes(shapes_path: Path) -> Graph:
    shapes = Graph()
    try:
        shapes.parse(shapes_path, format="turtle")
    except FileNotFoundError:
        raise ZoneKGError("SHACL shapes not found", shapes_path) from None
    except Exception as exc:
        raise ZoneKGError(f"cannot parse SHACL shapes: {exc}", shapes_path) from None
    return shapes


def violations(graph: Graph, shapes: Graph) -> list[Row]:
    """The violations pySHACL finds in ``graph``, sorted. ``graph`` is validated in place
    (pySHACL would otherwise copy it), so pass a graph made for the purpose."""
    from pyshacl import validate as shacl_validate

    conforms, report, _text = shacl_validate(
        graph, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True, inplace=True,
    )
    if conforms:
        return []
    rows = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        if report.value(result, SH.resultSeverity) != SH.Violation:
            continue
        path = report.value(result, SH.resultPath)
        rows.append([str(report.value(result, SH.focusNode)), str(path) if path else "",
                     str(report.value(result, SH.resultMessage))])
    return sorted(rows)


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
        return violations(_graph(ontology, *parts), shapes)

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
