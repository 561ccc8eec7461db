"""The ``zonekg`` group and what every command shares: ``--root``, and how a user error ends.

Built on click directly: typer (which wraps click) imported pydantic and built a validator per
option at every start, most of the time of a quick query (docs/engine.md#measured)."""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import click

from zonekg.model.errors import ZoneKGError


class Group(click.Group):
    """The ``zonekg`` group: commands listed in the order they are registered (click sorts them)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

    def invoke(self, ctx: click.Context) -> object:
        """Run the command; an error of the system (a file that cannot be read, a store that fails
        while it is read) is one line and exit 1, never a traceback."""
        try:
            return super().invoke(ctx)
        except OSError as exc:
            name = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            click.echo(f"error: {name}{exc.strerror or exc}", err=True)
            raise click.exceptions.Exit(1) from None


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--version``: the package's one version string (pyproject reads it from ``zonekg.__version__``)."""
    if value and not ctx.resilient_parsing:
        from zonekg import __version__

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
