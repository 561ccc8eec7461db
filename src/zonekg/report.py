"""What the terminal shows after a build and for ``zonekg coverage``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from .build import BuildResult


def print_summary(result: BuildResult, console: Console | None = None) -> None:
    """The build's counts, then each step's lines and what was reused from the last build.
    (rdflib is imported only when the counts are not known yet, so an unchanged build stays fast.)"""
    console = console or Console()
    if result.info is not None:
        info = result.info
    else:
        from .build import summary

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


def print_coverage(result: BuildResult, missing_only: bool = False, console: Console | None = None) -> None:
    """Each sentence with the statements resting on it, or its no-fact reason."""
    console = console or Console()
    for sheet in result.sheets:
        anchored: dict[int, list[str]] = {}
        for st in sheet.statements:
            for ev in st.evidence:
                ids = anchored.setdefault(ev.sentence.index, [])
                if st.id not in ids:
                    ids.append(st.id)
        reasons = {nf.sentence.index: nf.reason for nf in sheet.no_facts}
        console.print(f"[bold]{sheet.source.id}[/bold] ({sheet.path})")
        for s in sheet.source.sentences:
            ids = anchored.get(s.index, [])
            if missing_only and (ids or s.index in reasons):
                continue
            head = f"[cyan]s{s.index}[/cyan] line {s.line}: {s.text}"
            console.print(head, highlight=False, markup=True)
            if ids:
                console.print(f"    {len(ids)} statements: " + ", ".join(ids), highlight=False)
            elif s.index in reasons:
                console.print(f"    [yellow]no fact[/yellow]: {reasons[s.index]}", highlight=False)
            else:
                console.print("    [red]UNACCOUNTED[/red]", highlight=False)
