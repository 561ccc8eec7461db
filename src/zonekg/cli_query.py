"""Commands ``zonekg query``, ``zonekg entity`` and ``zonekg why``.

Every command reads build/zone.trig (all named graphs as one default graph); a missing
graph is an error that says to run ``zonekg build``, a stale one a warning on stderr.
"""

from __future__ import annotations

from typing import Annotated

import typer

from .cli import RootOpt, fail
from .errors import ZoneKGError

InferredOpt = Annotated[bool, typer.Option(
    "--inferred/--no-inferred", help="Add the inferred graph of build/inferred.trig, when the build wrote one.")]


def _graph(root, inferred: bool, drafts: bool = False):
    from . import paths
    from .sparql import read_graph, staleness

    base = paths.project_root(root)
    problem = staleness(base)
    if problem and "does not exist" in problem:
        raise ZoneKGError(f"no built graph: {problem}")
    if problem:
        typer.echo(f"warning: {problem}", err=True)
    return base, read_graph(base, inferred=inferred, drafts=drafts)


def _terminal_width() -> int | None:
    import shutil
    import sys

    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def query(
    query: Annotated[str | None, typer.Argument(
        help="A named query (e.g. leading-industries), a .rq file, or SPARQL text.")] = None,
    param: Annotated[list[str] | None, typer.Option(
        "--param", "-p", help="NAME=VALUE, bound as an RDF term (repeatable).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv or json (W3C SPARQL results).")] = "table",
    list_: Annotated[bool, typer.Option("--list", help="List the named queries with their question.")] = False,
    inferred: InferredOpt = False,
    drafts: Annotated[bool, typer.Option(
        "--drafts", help="Add the unreviewed drafts of build/drafts.trig (zonekg build --drafts).")] = False,
    root: RootOpt = None,
) -> None:
    """Run a SPARQL query against the built graph."""
    from . import paths
    from .sparql import FORMATS, format_result, named_queries, parse_param, resolve, run

    try:
        if list_:
            base = paths.project_root(root)
            for name, nq in named_queries(base).items():
                params = f"  [--param {', '.join(nq.params)}]" if nq.params else ""
                typer.echo(f"{name:24} {nq.question_en}{params}")
            return
        if query is None:
            raise ZoneKGError("give a query name, a .rq file or SPARQL text (or --list)")
        if fmt not in FORMATS:
            raise ZoneKGError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})", None, None, "--format")
        base, graph = _graph(root, inferred, drafts)
        named = resolve(query, base)
        params = dict(parse_param(p) for p in param or [])
        result = run(named, graph, params, from_text=True)
        text = format_result(result, fmt, _terminal_width())
    except ZoneKGError as exc:
        fail(exc)
    typer.echo(text, nl=False)


def entity(
    name: Annotated[str, typer.Argument(help="A Chinese or English label, or part of one, or an id.")],
    inferred: InferredOpt = False,
    root: RootOpt = None,
) -> None:
    """Print the card of one entity: types, labels, every statement about it with evidence."""
    from .cards import card, resolve_entity
    from .sparql import union_view

    try:
        _base, graph = _graph(root, inferred)
        graph = union_view(graph)
        text = card(graph, resolve_entity(graph, name))
    except ZoneKGError as exc:
        fail(exc)
    typer.echo(text, nl=False)


def why(
    ident: Annotated[str, typer.Argument(
        metavar="ID", help="A statement id (gdp-value), an entity id (futian-zhilan), or a full IRI.")],
    root: RootOpt = None,
) -> None:
    """Show the sentence(s) behind a statement or an entity, and their place in the source."""
    from .cards import why as explain
    from .sparql import union_view

    try:
        _base, graph = _graph(root, False)
        text = explain(union_view(graph), ident)
    except ZoneKGError as exc:
        fail(exc)
    typer.echo(text, nl=False)


def register(app: typer.Typer) -> None:
    """Add the query commands to the ``zonekg`` app."""
    app.command("query")(query)
    app.command("entity")(entity)
    app.command("why")(why)
