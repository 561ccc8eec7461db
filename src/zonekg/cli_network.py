"""``zonekg export`` and ``zonekg explain``: the built graph for Gephi and RDF tools, and how
two entities are connected, in words."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .cli import RootOpt, fail
from .errors import ZoneKGError

FORMAT_HELP = "graphml | gexf (for Gephi) | jsonld | nt | ttl (RDF)."


def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help=FORMAT_HELP)],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output file (default: build/export/).")] = None,
    root: RootOpt = None,
) -> None:
    """Write the built graph (build/zone.trig) in another format, atomically."""
    from . import paths
    from .export import export as run_export

    try:
        target = run_export(paths.project_root(root), fmt.lower(), out)
    except ZoneKGError as exc:
        fail(exc)
    typer.echo(f"wrote {target}")


def explain(
    a: Annotated[str, typer.Argument(help="An entity: id (futian-zhilan), CURIE, IRI or exact label.")],
    b: Annotated[str, typer.Argument(help="Another entity.")],
    lang: Annotated[str, typer.Option("--lang", help="Language of entity labels: zh or en.")] = "zh",
    root: RootOpt = None,
) -> None:
    """Tell the shortest path between two entities, each step with the sentence that states it."""
    from . import paths
    from .analysis import explain as run_explain
    from .export import load_built, stated

    if lang not in ("zh", "en"):
        fail(ZoneKGError(f"unknown language '{lang}'; use zh or en", field="--lang"))
    try:
        told = run_explain(stated(load_built(paths.project_root(root))), a, b, lang=lang)
    except ZoneKGError as exc:
        fail(exc)
    typer.echo(told.text())


def register(app: typer.Typer) -> None:
    app.command("export")(export)
    app.command("explain")(explain)
