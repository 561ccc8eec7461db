"""SHACL validation of the built graph with pySHACL: a violation fails the build with a
report that names the node, the path and what was expected."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Namespace
from rdflib.namespace import RDF

from .errors import ZoneKGError

SH = Namespace("http://www.w3.org/ns/shacl#")


def validate(graph: Graph, shapes_path: Path) -> None:
    """Raise with a readable report unless ``graph`` conforms to the shapes.

    ``graph`` must hold the ontology too: sh:class has to see the ontology's own individuals
    (modalities, units) and its subclass links.  It is validated in place (pySHACL would
    otherwise copy it), so pass a graph made for the purpose.
    """
    from pyshacl import validate as shacl_validate

    shapes = Graph()
    try:
        shapes.parse(shapes_path, format="turtle")
    except FileNotFoundError:
        raise ZoneKGError("SHACL shapes not found", shapes_path) from None
    except Exception as exc:
        raise ZoneKGError(f"cannot parse SHACL shapes: {exc}", shapes_path) from None
    conforms, report, _text = shacl_validate(
        graph, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True, inplace=True,
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
