"""``zonekg add``, ``zonekg review`` and ``zonekg conflicts``: new sources, their review, and
what several sources disagree on.  Drafting loads jieba; nothing of it is imported before
one of these commands runs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .cli import RootOpt, fail
from .errors import ZoneKGError


def register(app: typer.Typer) -> None:
    app.command()(add)


def add(
    file: Annotated[Path, typer.Argument(help="The text, UTF-8, as received.")],
    id: Annotated[str, typer.Option("--id", help="Source id: lower-case letters, digits, hyphens.")],
    title: Annotated[str, typer.Option("--title", help="The title as published (Chinese).")],
    published: Annotated[str, typer.Option("--published", help="ISO date or date-time with zone.")],
    outlet: Annotated[str, typer.Option("--outlet", help="The newspaper or site that published it.")],
    author: Annotated[str | None, typer.Option("--author", help="Reporter or author.")] = None,
    url: Annotated[str | None, typer.Option("--url", help="Where it was published.")] = None,
    title_en: Annotated[str | None, typer.Option("--title-en", help="The title in English.")] = None,
    fictional: Annotated[bool, typer.Option("--fictional", help="Mark the metadata as a made-up text.")] = False,
    root: RootOpt = None,
) -> None:
    """Copy a new source text into graph/sources/ and draft its fact sheet for review."""
    from . import paths
    from .add import SourceMeta, add_source

    try:
        root_dir = paths.project_root(root)
        added = add_source(root_dir, file, SourceMeta(id, title, published, outlet, author, url, title_en, fictional))
    except ZoneKGError as exc:
        fail(exc)
    d = added.draft
    matched = sum(1 for m in d.mentions if m.matched)
    for path in added.files:
        typer.echo(f"wrote {path.relative_to(root_dir)}")
    typer.echo(f"{added.sentences} sentences; drafted {len(d.entities)} entities ({matched} matched to ids already "
               f"in the graph), {len(d.quantities)} numbers, {len(d.times)} dates and periods, "
               f"{len(d.statements)} statements — all marked review: draft.")
    typer.echo(f"next: zonekg review {id}")
