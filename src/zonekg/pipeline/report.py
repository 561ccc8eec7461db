"""What the terminal shows after a build and for ``zonekg coverage``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

if TYPE_CHECKING:
    from zonekg.rdf.dataset import BuildResult

if TYPE_CHECKING:
    from zonekg.facts.check import FactSheet


def print_summary(result: BuildResult, console: Console | None = None) -> None:
    """The build's counts, then each step's lines and what was reused from the last build.
    (rdflib is imported only when the counts are not known yet, so an unchanged build stays fast.)"""
    console = console or Console()
    if result.info is not None:
        info = result.info
    else:
        from zonekg.rdf.dataset import summary

        info = summary(result)
    console.print(f"[bold]built[/bold] {info['triples']} triples in {len(info['graphs'])} named graphs → build/")
    console.print(
        f"sentences: {info['sentences_with_facts']} with facts + {info['sentences_without_facts']} marked "
        f"without = {info['sentences']} of {info['sentences']} accounted for"
    )
    console.print("entities per class:")
    table = Table(show_edge=False)
    table.add_column("class")
    table.add_column("entities", justify="right")
    for cls, n in info["entities_per_class"].items():
        table.add_row(cls, str(n))
    console.print(table)
    console.print(f"{info['statements']} statements per modality:")
    mods = Table(show_edge=False)
    mods.add_column("modality")
    mods.add_column("statements", justify="right")
    for mod, n in info["statements_per_modality"].items():
        mods.add_row(mod, str(n))
    console.print(mods)
    for line in result.messages:
        console.print(line)


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 statement``, ``2 statements``: the count with the right form of the noun."""
    return f"{n} {word if n == 1 else (words or word + 's')}"


def print_coverage(sheets: list[FactSheet], missing_only: bool = False, console: Console | None = None) -> int:
    """Each sentence with the statements resting on it, or its no-fact reason; a count per source.

    One sentence per line, never hard-wrapped (``soft_wrap``), so that ``grep`` sees whole lines
    in a pipe; the terminal wraps long lines itself.  Returns how many sentences are unaccounted for.
    """
    console = console or Console()
    total_missing = 0
    for sheet in sheets:
        anchored: dict[int, list[str]] = {}
        for st in sheet.statements:
            for ev in st.evidence:
                ids = anchored.setdefault(ev.sentence.index, [])
                if st.id not in ids:
                    ids.append(st.id)
        reasons = {nf.sentence.index: nf.reason for nf in sheet.no_facts}
        console.print(f"[bold]{escape(sheet.source.id)}[/bold] ({escape(str(sheet.path))})", soft_wrap=True)
        missing = 0
        for s in sheet.source.sentences:
            ids = anchored.get(s.index, [])
            unaccounted = not ids and s.index not in reasons
            missing += unaccounted
            if missing_only and not unaccounted:
                continue
            console.print(f"[cyan]s{s.index}[/cyan] line {s.line}: {escape(s.text)}", soft_wrap=True, highlight=False)
            if ids:
                console.print(f"    {plural(len(ids), 'statement')}: " + ", ".join(ids), soft_wrap=True,
                              highlight=False)
            if s.index in reasons:
                clash = " [red](but statements rest on it)[/red]" if ids else ""
                console.print(f"    [yellow]no fact[/yellow]: {escape(reasons[s.index])}{clash}", soft_wrap=True,
                              highlight=False)
            elif unaccounted:
                console.print("    [red]UNACCOUNTED[/red]", highlight=False)
        with_facts = sum(1 for s in sheet.source.sentences if s.index in anchored)
        console.print(
            f"{plural(len(sheet.source.sentences), 'sentence')}: {with_facts} with statements, "
            f"{len(reasons)} marked as carrying no fact, {missing} missing", soft_wrap=True, highlight=False)
        total_missing += missing
    return total_missing
