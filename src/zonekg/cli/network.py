"""``zonekg export`` and ``zonekg explain``: the built graph for Gephi and RDF tools, and how
two entities are connected, in words."""

from __future__ import annotations

from pathlib import Path

import click

from zonekg.cli.app import fail, root_option
from zonekg.model.errors import ZoneKGError

FORMAT_HELP = "graphml | gexf (for Gephi) | jsonld | nt | ttl (RDF)."


@click.command("export")
@click.option("--format", "-f", "fmt", required=True, help=FORMAT_HELP)
@click.option("--out", "-o", type=click.Path(path_type=Path), help="Output file (default: build/export/).")
@root_option
def export(fmt: str, out: Path | None, root: Path | None) -> None:
    """Write the built graph (build/zone.trig) in another format, atomically."""
    from zonekg.model import paths
    from zonekg.network.export import export as run_export

    try:
        target = run_export(paths.project_root(root), fmt.lower(), out)
    except ZoneKGError as exc:
        fail(exc)
    click.echo(f"wrote {target}")


@click.command("explain")
@click.argument("a", help="An entity: id (futian-zhilan), CURIE, IRI or exact label.")
@click.argument("b", help="Another entity.")
@click.option("--lang", default="zh", help="Language of entity labels: zh or en.")
@root_option
def explain(a: str, b: str, lang: str, root: Path | None) -> None:
    """Tell the shortest path between two entities, each step with the sentence that states it."""
    from zonekg.model import paths
    from zonekg.network.analysis import explain as run_explain
    from zonekg.network.graph import StoreGraph

    if lang not in ("zh", "en"):
        fail(ZoneKGError(f"unknown language '{lang}'; use zh or en", field="--lang"))
    try:
        told = run_explain(StoreGraph.of_build(paths.project_root(root)), a, b, lang=lang)
    except ZoneKGError as exc:
        fail(exc)
    click.echo(told.text())


#: This module's commands, in the order ``zonekg --help`` lists them.
COMMANDS = (export, explain)
