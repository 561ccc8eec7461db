"""``zonekg notebooks``: run every notebook headless into build/notebooks/ (no Jupyter to open)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .cli import RootOpt, fail
from .errors import ZoneKGError


def register(app: typer.Typer) -> None:
    app.command("notebooks")(notebooks)


def notebooks(
    root: RootOpt = None,
    out: Annotated[Path | None, typer.Option("--out", help="Folder for the executed copies (default build/notebooks).")]
    = None,
    html: Annotated[bool, typer.Option("--html/--no-html", help="Also write each as a standalone HTML page.")] = True,
) -> None:
    """Run every notebook top to bottom in a fresh kernel and write the executed copies
    (.ipynb with outputs, and .html) to build/notebooks/.  Needs the `notebooks` extra."""
    from rich.console import Console

    from . import paths
    from .notebooks import run_notebooks

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
        typer.echo(f"ran {name} ({i}/{n}) in {seconds:.1f} s")

    try:
        project = paths.project_root(root)
        target = out if out is not None else paths.build_dir(project) / "notebooks"
        written = run_notebooks(project, target, html=html, progress=progress)
    except ZoneKGError as exc:
        if status is not None:
            status.stop()
        fail(exc)
    typer.echo(f"wrote {len(written)} files to {target}")
