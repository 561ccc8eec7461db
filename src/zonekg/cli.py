"""The ``zonekg`` command.  Heavy libraries are imported inside each command, so that
``zonekg --help`` stays fast.  Commands of the later stages live in their own small
``cli_*`` modules, each with a ``register(app)`` function."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .errors import ZoneKGError

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Build and explore the zone knowledge graph.")

RootOpt = Annotated[Path | None, typer.Option("--root", help="Project folder (default: found from here).")]


def _print_version(value: bool) -> None:
    """``--version``: the package's one version string (pyproject reads it from ``zonekg.__version__``)."""
    if value:
        from . import __version__

        typer.echo(f"zonekg {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option(
        "--version", "-V", callback=_print_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Build and explore the zone knowledge graph."""


def fail(exc: ZoneKGError) -> None:
    """Print a user error on stderr and exit 1."""
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(code=1)


@app.command()
def build(
    root: RootOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary.")] = False,
    core: Annotated[bool, typer.Option("--core", help="Only the RDF and SHACL: no reasoning, no HTML.")] = False,
    drafts: Annotated[bool, typer.Option(
        "--drafts", help="Build unreviewed (review: draft) items apart, into build/drafts.trig.")] = False,
) -> None:
    """Check the fact sheets, build the RDF graph into build/, validate it with SHACL, reason
    over it and draw its HTML view."""
    from . import paths
    from .pipeline import run_build

    try:
        result = run_build(paths.project_root(root), steps=() if core else None, drafts=drafts)
    except ZoneKGError as exc:
        fail(exc)
    if not quiet:
        from .report import print_summary

        print_summary(result)


@app.command()
def coverage(
    source: Annotated[str | None, typer.Argument(help="A source id: list what is still unreviewed there.")] = None,
    root: RootOpt = None,
    missing_only: Annotated[bool, typer.Option(
        "--missing", help="Only sentences with neither a statement nor a no-fact reason; exit 1 if any.")] = False,
) -> None:
    """List every sentence of every source with the statements anchored in it.

    Reads the fact sheets without the build's coverage check, so that it can show the sentences
    that check would refuse."""
    from . import paths
    from .facts import load_fact_sheet
    from .ontology import Ontology, load_ontology_graph

    if source is not None:
        from .review import ReviewSheet, sheet_path, status_lines

        try:
            typer.echo("\n".join(status_lines(ReviewSheet(sheet_path(paths.project_root(root), source)))))
        except ZoneKGError as exc:
            fail(exc)
        return
    from .report import print_coverage

    try:
        project = paths.project_root(root)
        files = paths.fact_sheets(project)
        if not files:
            raise ZoneKGError("no fact sheets (*.yaml)", project / "graph" / "facts")
        ontology = Ontology(load_ontology_graph(paths.ontology_files(project)))
        sheets = [load_fact_sheet(path, ontology, drafts=False) for path in files]  # reviewed items only
    except ZoneKGError as exc:
        fail(exc)
    if print_coverage(sheets, missing_only) and missing_only:
        raise typer.Exit(code=1)


def _register_stages() -> None:
    import importlib

    for name in ("cli_query", "cli_viz", "cli_network", "cli_reason", "cli_notebooks", "cli_serve", "cli_add"):
        try:
            module = importlib.import_module(f"zonekg.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"zonekg.{name}":
                continue
            raise
        module.register(app)


_register_stages()
