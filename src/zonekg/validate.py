"""SHACL validation of the built graph with pySHACL: a violation fails the build with a
report that names the node, the path and what was expected."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Namespace
from rdflib.namespace import RDF

from .errors import ZoneKGError

SH = Namespace("http://www.w3.org/ns/shacl#")


def validate(data: Graph, ontology: Graph, shapes_path: Path) -> None:
    """Raise with a readable report unless ``data`` conforms to the shapes."""
    from pyshacl import validate as shacl_validate

    shapes = Graph()
    try:
        shapes.parse(shapes_path, format="turtle")
    except FileNotFoundError:
        raise ZoneKGError("SHACL shapes not found", shapes_path) from None
    except Exception as exc:
        raise ZoneKGError(f"cannot parse SHACL shapes: {exc}", shapes_path) from None
    # The ontology's own individuals (modalities, units) and subclass links must be visible to
    # sh:class, so the data is checked together with the ontology.
    combined = Graph()
    for graph in (ontology, data):
        combined.addN((s, p, o, combined) for s, p, o in graph)
    conforms, report, _text = shacl_validate(
        combined, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True,
    )
    if conforms:
        return
    raise ZoneKGError("SHACL validation failed:\n" + format_report(report), shapes_path)


def format_report(report: Graph, limit: int = 20) -> str:
    """One line per violation: focus node, path, message."""
    lines = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        lines.append(f"  - {focus} {('[' + str(path) + '] ') if path else ''}{message}")
    lines.sort()
    more = f"\n  … and {len(lines) - limit} more" if len(lines) > limit else ""
    return "\n".join(lines[:limit]) + more
