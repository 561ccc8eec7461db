"""``zonekg build`` and ``zonekg coverage``: the main job, and which sentences carry facts."""

from __future__ import annotations

from pathlib import Path

import click

from zonekg.cli.app import fail, root_option
from zonekg.model.errors import ZoneKGError


@click.command()
@root_option
@click.option("--quiet", "-q", is_flag=True, help="No summary.")
@click.option("--core", is_flag=True, help="Only the RDF and SHACL: no reasoning, no HTML.")
@click.option("--drafts", is_flag=True, help="Build unreviewed (review: draft) items apart, into build/drafts.trig.")
def build(root: Path | None, quiet: bool, core: bool, drafts: bool) -> None:
    """Check the fact sheets, build the RDF graph into build/, validate it with SHACL, reason
    over it and draw its HTML view."""
    from zonekg.model import paths
    from zonekg.pipeline.run import run_build

    try:
        result = run_build(paths.project_root(root), steps=() if core else None, drafts=drafts)
    except ZoneKGError as exc:
        fail(exc)
    if not quiet:
        from zonekg.pipeline.report import print_summary

        print_summary(result)


@click.command()
@click.argument("source", required=False, help="A source id: list what is still unreviewed there.")
@root_option
@click.option("--missing", "missing_only", is_flag=True,
              help="Only sentences with neither a statement nor a no-fact reason; exit 1 if any.")
def coverage(source: str | None, root: Path | None, missing_only: bool) -> None:
    """List every sentence of every source with the statements anchored in it.

    Reads the fact sheets without the build's coverage check, so that it can show the sentences
    that check would refuse."""
    from zonekg.facts.check import load_fact_sheet
    from zonekg.model import paths
    from zonekg.model.ontology import Ontology, load_ontology_graph

    if source is not None:
        from zonekg.authoring.review import ReviewSheet, sheet_path, status_lines

        try:
            click.echo("\n".join(status_lines(ReviewSheet(sheet_path(paths.project_root(root), source)))))
        except ZoneKGError as exc:
            fail(exc)
        return
    from zonekg.pipeline.report import print_coverage

    try:
        project = paths.project_root(root)
        files = paths.fact_sheets(project)
        if not files:
            raise ZoneKGError("no fact sheets (*.yaml)", paths.facts_dir(project))
        ontology = Ontology(load_ontology_graph(paths.ontology_files(project)))
        sheets = [load_fact_sheet(path, ontology, drafts=False) for path in files]  # reviewed items only
    except ZoneKGError as exc:
        fail(exc)
    if print_coverage(sheets, missing_only) and missing_only:
        raise click.exceptions.Exit(1)


#: This module's commands, in the order ``zonekg --help`` lists them.
COMMANDS = (build, coverage)
