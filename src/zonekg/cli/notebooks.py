"""``zonekg notebooks``: run every notebook headless into build/notebooks/ (no Jupyter to open)."""

from __future__ import annotations

from pathlib import Path

import click

from zonekg.cli.app import fail, root_option
from zonekg.model.errors import ZoneKGError


@click.command("notebooks")
@root_option
@click.option("--out", type=click.Path(path_type=Path),
              help="Folder for the executed copies (default build/notebooks).")
@click.option("--html/--no-html", default=True, help="Also write each as a standalone HTML page.")
def notebooks(root: Path | None, out: Path | None, html: bool) -> None:
    """Run every notebook top to bottom in a fresh kernel and write the executed copies
    (.ipynb with outputs, and .html) to build/notebooks/.  Needs the `notebooks` extra."""
    from rich.console import Console

    from zonekg.model import paths
    from zonekg.views.notebooks import run_notebooks

    err = Console(stderr=True)
    status = err.status("") if err.is_terminal else None

    def progress(i: int, n: int, name: str, seconds: float | None) -> None:
        if seconds is None:
            if status is not None:
                status.update(f"notebook {i}/{n}: {name}…")
                status.start()
            return
        if status is not None:
            status.stop()
        click.echo(f"ran {name} ({i}/{n}) in {seconds:.1f} s")

    try:
        project = paths.project_root(root)
        target = out if out is not None else paths.build_dir(project) / "notebooks"
        written = run_notebooks(project, target, html=html, progress=progress)
    except ZoneKGError as exc:
        if status is not None:
            status.stop()
        fail(exc)
    click.echo(f"wrote {len(written)} files to {target}")


#: This module's commands, in the order ``zonekg --help`` lists them.
COMMANDS = (notebooks,)
