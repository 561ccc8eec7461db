"""``zonekg reason`` and ``zonekg docs``: the reasoner's verdict, and the ontology as HTML."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from zonekg.cli.app import fail, root_option
from zonekg.model.errors import ZoneKGError


@contextmanager
def progress(what: str) -> Iterator[None]:
    """A spinner on stderr while a slow step runs, only when stderr is a terminal (quiet in a pipe or log)."""
    from rich.console import Console

    console = Console(stderr=True)
    if not console.is_terminal:
        yield
        return
    with console.status(f"{what}…"):
        yield




@click.command("reason")
@root_option
@click.option("--engine", default="auto", help="hermit, owlrl, or auto (HermiT when Java is found).")
@click.option("--data", type=click.Path(path_type=Path), multiple=True,
              help="Extra Turtle file(s) added to the asserted data, to check a hypothetical fact.")
@click.option("--reported-only", is_flag=True, help="Reason over achieved and ongoing statements only.")
@click.option("--show", is_flag=True, help="List the inferred triples.")
def reason(root: Path | None, engine: str, data: tuple[Path, ...], reported_only: bool, show: bool) -> None:
    """Check the ontology and data for consistency and list what the reasoner infers.

    Writes nothing: ``zonekg build`` writes build/inferred.trig.  Exits 1, naming the individuals,
    the axioms and the file at fault (a --data file or the fact sheet), when the data contradict
    the ontology.
    """
    import logging

    from rdflib import Graph, Literal

    from zonekg.model import paths
    from zonekg.model.prefixes import curie
    from zonekg.rdf.dataset import make_dataset
    from zonekg.reason.reasoner import reason as run_reason
    from zonekg.reason.reasoner import summary_lines

    # rdflib logs an ill-typed literal ("abc"^^xsd:integer) as a warning with a traceback on
    # stderr; it is reported below as the one error line instead.
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    try:
        project = paths.project_root(root)
        extra: dict[str, Graph] = {}
        for path in data:
            graph = extra.setdefault(str(path), Graph())
            try:
                graph.parse(path, format="turtle")
            except (FileNotFoundError, IsADirectoryError):
                raise ZoneKGError("no such file", path, field="--data") from None
            except Exception as exc:  # rdflib raises several parser error types
                raise ZoneKGError(f"cannot parse: {exc}", path, field="--data") from None
            bad = sorted((o for o in graph.objects() if isinstance(o, Literal) and o.ill_typed), key=str)
            if bad and bad[0].datatype is not None:
                raise ZoneKGError(f"{bad[0].n3()} is not a valid {curie(bad[0].datatype)}", path, field="--data")
        with progress("reading the fact sheets"):
            result = make_dataset(project)
        with progress("reasoning (HermiT starts a Java VM)" if engine != "owlrl" else "reasoning (owlrl)"):
            run = run_reason(result, project, engine, extra or None, reported_only)
    except ZoneKGError as exc:
        fail(exc)
    for line in summary_lines(run, written=False):
        click.echo(line)
    if show:
        for s, p, o in sorted(run.inferred, key=lambda t: tuple(map(str, t))):
            click.echo(f"{curie(s)} {curie(p)} {curie(o)}")


@click.command("docs")
@root_option
@click.option("--out", type=click.Path(path_type=Path), help="Folder for the HTML (default: build/docs).")
def docs(root: Path | None, out: Path | None) -> None:
    """Write HTML documentation of the ontology (both languages, readable offline)."""
    from zonekg.model import paths
    from zonekg.views.ontology_docs import write_docs

    try:
        project = paths.project_root(root)
        written = write_docs(project, out or paths.build_dir(project) / "docs")
    except ZoneKGError as exc:
        fail(exc)
    click.echo(f"wrote {written}")


#: This module's commands, in the order ``zonekg --help`` lists them.
COMMANDS = (reason, docs)
