"""``zonekg viz``: write the interactive HTML view (whole graph, ego graph or class diagram)."""

from __future__ import annotations

from pathlib import Path

import click

from zonekg.cli.app import fail, root_option
from zonekg.model.errors import ZoneKGError


@click.command()
@root_option
@click.option("--around", help="Centre on the entity with this id (zk:shangqiu or shangqiu) or zh/en label or alias, "
                               "else the one whose label contains it.")
@click.option("--depth", type=click.IntRange(min=0), default=2, help="Relations to follow from --around.")
@click.option("--classes", is_flag=True, help="Draw the ontology's class diagram instead.")
@click.option("--out", type=click.Path(path_type=Path),
              help="File to write (default build/zone.html, zone-around.html or zone-classes.html).")
def viz(root: Path | None, around: str | None, depth: int, classes: bool, out: Path | None) -> None:
    """Write an offline, self-contained HTML view of the graph (opens from the file system)."""
    from zonekg.model import paths
    from zonekg.rdf.dataset import make_dataset
    from zonekg.rdf.files import write_atomically
    from zonekg.views.graph_page import class_view, ego_view, render, whole_view

    try:
        if around is not None and classes:
            raise ZoneKGError("give --around or --classes, not both", field="--classes")
        root_dir = paths.project_root(root)
        result = make_dataset(root_dir)
        if classes:
            view, default = class_view(result.ontology.graph), "zone-classes.html"
        elif around is not None:
            view, default = ego_view(result.dataset, around, depth), "zone-around.html"
        else:
            view, default = whole_view(result.dataset), "zone.html"
        target = out if out is not None else paths.build_dir(root_dir) / default
        write_atomically(target.parent, {target.name: render(view)})
    except ZoneKGError as exc:
        fail(exc)
    g = view.graph
    click.echo(f"wrote {target} ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)")


#: This module's commands, in the order ``zonekg --help`` lists them.
COMMANDS = (viz,)
