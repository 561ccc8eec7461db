"""The ``zonekg`` command.  Heavy libraries are imported inside each command, so that
``zonekg --help`` stays fast.  Commands of the later stages live in their own small
``cli_*`` modules, each with a ``register(app)`` function.

Built on click directly: typer (which wraps click) imported pydantic and built a validator per
option at every start, most of the time of a quick query (docs/engine.md#measured)."""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import click

from .errors import ZoneKGError


class Group(click.Group):
    """The ``zonekg`` group: commands listed in the order they are registered (click sorts them)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--version``: the package's one version string (pyproject reads it from ``zonekg.__version__``)."""
    if value and not ctx.resilient_parsing:
        from . import __version__

        click.echo(f"zonekg {__version__}")
        ctx.exit()


@click.group("zonekg", cls=Group, no_args_is_help=True, context_settings={"show_default": True})
@click.option("--version", "-V", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Print the version and exit.")
def app() -> None:
    """Build and explore the zone knowledge graph."""


#: ``--root``, shared by every command that reads the project.
root_option = click.option("--root", type=click.Path(path_type=Path), default=None,
                           help="Project folder (default: found from here).")


def fail(exc: ZoneKGError) -> NoReturn:
    """Print a user error on stderr and exit 1."""
    click.echo(f"error: {exc}", err=True)
    raise click.exceptions.Exit(1)


@app.command()
@root_option
@click.option("--quiet", "-q", is_flag=True, help="No summary.")
@click.option("--core", is_flag=True, help="Only the RDF and SHACL: no reasoning, no HTML.")
@click.option("--drafts", is_flag=True, help="Build unreviewed (review: draft) items apart, into build/drafts.trig.")
def build(root: Path | None, quiet: bool, core: bool, drafts: bool) -> None:
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
@click.argument("source", required=False, help="A source id: list what is still unreviewed there.")
@root_option
@click.option("--missing", "missing_only", is_flag=True,
              help="Only sentences with neither a statement nor a no-fact reason; exit 1 if any.")
def coverage(source: str | None, root: Path | None, missing_only: bool) -> None:
    """List every sentence of every source with the statements anchored in it.

    Reads the fact sheets without the build's coverage check, so that it can show the sentences
    that check would refuse."""
    from . import paths
    from .facts import load_fact_sheet
    from .ontology import Ontology, load_ontology_graph

    if source is not None:
        from .review import ReviewSheet, sheet_path, status_lines

        try:
            click.echo("\n".join(status_lines(ReviewSheet(sheet_path(paths.project_root(root), source)))))
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
        raise click.exceptions.Exit(1)


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
