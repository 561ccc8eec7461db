"""``zonekg add``, ``zonekg review`` and ``zonekg conflicts``: new sources, their review, and
what several sources disagree on.  Drafting loads the NER model; nothing of it is imported before
one of these commands runs."""

from __future__ import annotations

from pathlib import Path

import click

from zonekg.cli.app import fail, root_option
from zonekg.model.errors import ZoneKGError


@click.command()
@click.argument("file", help="The text (UTF-8, as received) or a saved HTML page; or an http(s) address to fetch.")
@click.option("--id", required=True, help="Source id: lower-case letters, digits, hyphens.")
@click.option("--title", required=True, help="The title as published (Chinese).")
@click.option("--published", required=True, help="ISO date or date-time with zone.")
@click.option("--outlet", required=True, help="The newspaper or site that published it.")
@click.option("--author", help="Reporter or author.")
@click.option("--url", help="Where it was published.")
@click.option("--title-en", help="The title in English.")
@click.option("--fictional", is_flag=True, help="Mark the metadata as a made-up text.")
@click.option("--follow-symlinks", is_flag=True, help="Accept FILE when it is a symbolic link.")
@root_option
def add(file: str, id: str, title: str, published: str, outlet: str, author: str | None, url: str | None,
        title_en: str | None, fictional: bool, follow_symlinks: bool, root: Path | None) -> None:
    """Copy a new source text into graph/sources/ and draft its fact sheet for review.

    FILE may be a saved web page (its article text is extracted, the page kept beside it), a
    text in traditional characters (kept as written), or an http(s) address (fetched once, with
    a timeout and a size limit; the address and the time go into the metadata)."""
    from zonekg.authoring.add import SourceMeta, add_source
    from zonekg.model import paths

    try:
        root_dir = paths.project_root(root)
        added = add_source(root_dir, file, SourceMeta(id, title, published, outlet, author, url, title_en, fictional),
                           follow_symlinks=follow_symlinks)
    except ZoneKGError as exc:
        fail(exc)
    d = added.draft
    matched = sum(1 for m in d.mentions if m.matched)
    for path in added.files:
        click.echo(f"wrote {path.relative_to(root_dir)}")
    click.echo(f"{added.sentences} sentences; drafted {len(d.entities)} entities ({matched} matched to ids already "
               f"in the graph), {len(d.quantities)} numbers, {len(d.times)} dates and periods, "
               f"{len(d.statements)} statements — all marked review: draft.")
    click.echo(f"next: zonekg review {id}")


@click.command()
@click.argument("source", help="The source id (the fact sheet's file name).")
@click.option("--status", is_flag=True, help="Only list what is still unreviewed.")
@click.option("--accept", multiple=True, help="Accept an item by id (repeatable).")
@click.option("--drop", multiple=True, help="Drop an item by id (repeatable).")
@click.option("--set", "set_", multiple=True, help="Edit: ID.FIELD=VALUE (repeatable).")
@click.option("--accept-sentence", type=int, multiple=True, help="Accept every draft resting on sentence N.")
@click.option("--drop-sentence", type=int, multiple=True, help="Drop every draft resting on sentence N.")
@click.option("--reason", help="With --drop-sentence: why the sentence carries no fact.")
@root_option
def review(source: str, status: bool, accept: tuple[str, ...], drop: tuple[str, ...], set_: tuple[str, ...],
           accept_sentence: tuple[int, ...], drop_sentence: tuple[int, ...], reason: str | None,
           root: Path | None) -> None:
    """Review a drafted fact sheet: accept, edit or drop its items, sentence by sentence.

    With no option, go through the sentences that still hold drafts, one at a time."""
    from zonekg.authoring.review import ReviewSheet, sheet_path, status_lines
    from zonekg.model import paths

    try:
        sheet = ReviewSheet(sheet_path(paths.project_root(root), source))
        if status:
            click.echo("\n".join(status_lines(sheet)))
            return
        scripted = any((accept, drop, set_, accept_sentence, drop_sentence))
        if scripted:
            for line in _apply(sheet, accept, drop, set_, accept_sentence, drop_sentence, reason):
                click.echo(line)
            sheet.save()
        else:
            _interactive(sheet)
    except ZoneKGError as exc:
        fail(exc)
    click.echo(status_lines(sheet)[0])


def _apply(sheet, accept, drop, set_, accept_sentence, drop_sentence, reason) -> list[str]:
    from zonekg.facts.drafts import DRAFT

    out = []
    for spec in set_:
        key, _, rest = spec.partition(".")
        field, eq, value = rest.partition("=")
        if not eq or not field:
            raise ZoneKGError(f"{spec!r}: write ID.FIELD=VALUE", field="--set")
        sheet.edit(sheet.find(key), field, value)
        out.append(f"edited {key}: {field} = {value}")
    for key in accept:
        out.append("accepted " + ", ".join(sheet.accept(sheet.find(key))))
    for n in accept_sentence:
        _check_sentence(sheet, n)
        for item in [i for i in sheet.items() if i.sentence == n and i.status == DRAFT]:
            out.append("accepted " + ", ".join(sheet.accept(item)))
    for key in drop:
        out.extend(_drop(sheet, sheet.find(key)))
    for n in drop_sentence:
        _check_sentence(sheet, n)
        for item in [i for i in sheet.items() if i.sentence == n and i.status == DRAFT]:
            out.extend(_drop(sheet, item))
        if reason:
            sheet.add_no_fact(n, reason)
            out.append(f"sentence {n}: no fact, because {reason}")
        elif not any(i.sentence == n and i.section in ("statements", "no_fact") for i in sheet.items()):
            out.append(f"sentence {n} now carries nothing: add a statement or --reason for the build's coverage")
    return out


def _check_sentence(sheet, n: int) -> None:
    if not any(s.index == n for s in sheet.sentences):
        raise ZoneKGError(f"no sentence {n} (the text has {len(sheet.sentences)})", sheet.path)


def _drop(sheet, item) -> list[str]:
    still = sheet.drop(item)
    out = [f"dropped {item.key}"]
    if still:
        out.append(f"  note: still referred to by {', '.join(still)}")
    return out


def _interactive(sheet) -> None:
    """Sentence by sentence: show the sentence and its drafts; accept, drop, edit; saved each time."""
    from zonekg.facts.drafts import DRAFT

    help_text = ("a = accept all · a 1 3 = accept some · d = drop all · d 2 = drop some · "
                 "e 2 modality=planned = edit · s = skip · q = quit")
    for s in sheet.sentences:
        while True:
            pending = [i for i in sheet.items() if i.sentence == s.index and i.status == DRAFT]
            if not pending:
                break
            click.echo(f"\nsentence {s.index} (line {s.line}): {s.text}")
            for n, item in enumerate(pending, 1):
                click.echo(f"  {n}. [{item.section[:-1] if item.section != 'no_fact' else 'no_fact'}] "
                           f"{item.key}: {item.summary()}")
            answer = click.prompt(help_text, default="s").strip()
            if answer in ("q", "quit"):
                return
            if answer in ("s", "skip"):
                break
            verb, *rest = answer.split(maxsplit=1)
            try:
                if verb == "e" and rest:
                    which, _, change = rest[0].partition(" ")
                    field, _, value = change.partition("=")
                    lines = _apply(sheet, [], [], [f"{pending[int(which) - 1].key}.{field}={value}"], [], [], None)
                else:
                    chosen = ([pending[int(x) - 1] for x in rest[0].split()] if rest else pending)
                    keys = [i.key for i in chosen]
                    if verb == "a":
                        lines = _apply(sheet, keys, [], [], [], [], None)
                    elif verb == "d":
                        lines = _apply(sheet, [], keys, [], [], [], None)
                    else:
                        click.echo(help_text)
                        continue
            except (ValueError, IndexError):
                click.echo("numbers are those listed above")
                continue
            sheet.save()
            for line in lines:
                click.echo(line)


@click.command()
@root_option
def conflicts(root: Path | None) -> None:
    """Values that sources disagree on: the same indicator, area and period, each with its quote."""
    from zonekg.cli.query import checked_store
    from zonekg.queries.answers import to_dataframe
    from zonekg.queries.engine import run
    from zonekg.queries.named import resolve

    try:
        base, store = checked_store(root)
        frame = to_dataframe(run(resolve("conflicts", base), store))
    except ZoneKGError as exc:
        fail(exc)
    lines = conflict_rows(frame)
    click.echo("\n".join(lines) if lines else "no conflicts: the sources agree wherever they overlap")


def conflict_rows(frame) -> list[str]:
    """Readable lines for the rows of ``queries/conflicts.rq``: one block per disputed figure, a line
    per value with the sources that give it, their quotes and a statement id for ``zonekg why``."""
    lines: list[str] = []
    last = None
    for row in frame.itertuples(index=False):
        key = (row.indicator, row.area, row.period)
        if key != last:
            lines.append(" · ".join(str(k) for k in key))
            last = key
        sources = ", ".join(str(row.sourceIds).split())
        quotes = " ".join(f"“{q}”" for q in str(row.quotes).split(" | "))
        lines.append(f"  {sources}: {row.value}  {quotes}  (zonekg why {row.statement})")
    return lines


#: This module's commands, in the order ``zonekg --help`` lists them.
COMMANDS = (add, review, conflicts)
