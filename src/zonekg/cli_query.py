"""Commands ``zonekg query``, ``zonekg entity`` and ``zonekg why``.

Every command reads the build's Oxigraph store (build/oxigraph, whose default graph is the union
of the named graphs), made from build/zone.nq if the build did not write it; a missing build is
an error that says to run ``zonekg build``, a stale one a warning on stderr.  What reaches the
terminal is stripped of control and escape sequences.
"""

from __future__ import annotations

from typing import Annotated

import typer

from .cli import RootOpt, fail
from .errors import ZoneKGError

InferredOpt = Annotated[bool, typer.Option(
    "--inferred/--no-inferred", help="Add the inferred graph (build/inferred.nq), when the build wrote one.")]


def _checked_root(root):
    """The project root; a build older than its inputs is a warning on stderr."""
    from . import paths
    from .store import staleness

    base = paths.project_root(root)
    problem = staleness(base)
    if problem and "does not exist" not in problem:
        typer.echo(f"warning: {problem}", err=True)
    return base


def _store(root):
    """The project root and a current query store."""
    from .store import ensure_store

    base = _checked_root(root)
    return base, ensure_store(base)


def _graph(root, inferred: bool):
    """The built dataset as rdflib reads it, for the entity cards and evidence (which use rdflib's API)."""
    from .sparql import union_view
    from .store import read_graph

    base = _checked_root(root)
    return base, union_view(read_graph(base, inferred=inferred))


def _terminal_width() -> int | None:
    import shutil
    import sys

    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def _list(root, fmt: str) -> str:
    """The named queries with their question and parameters, as a table or in a data format."""
    from . import paths
    from .queries import named_queries

    rows = [(name, nq.question_en, " ".join(nq.params)) for name, nq in named_queries(paths.project_root(root)).items()]
    if fmt == "table":
        return "".join(f"{n:24} {q}" + (f"  [--param {', '.join(p.split())}]" if p else "") + "\n" for n, q, p in rows)
    import pyoxigraph as ox

    from .results import Result, format_result

    result = Result("SELECT", ["query", "question", "params"],
                    [tuple(ox.Literal(x) for x in row) for row in rows])
    return format_result(result, fmt)


def query(
    query: Annotated[str | None, typer.Argument(
        metavar="QUERY", help="A named query (e.g. leading-industries), a .rq file, or SPARQL text.")] = None,
    param: Annotated[list[str] | None, typer.Option(
        "--param", "-p", metavar="NAME=VALUE", help="Bind ?NAME to VALUE, as an RDF term (repeatable).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT",
                                     help="table, csv, tsv or json (W3C SPARQL results).")] = "table",
    list_: Annotated[bool, typer.Option("--list", help="List the named queries (in --format).")] = False,
    timeout: Annotated[float, typer.Option("--timeout", metavar="SECONDS",
                                           help="Stop the query after this many seconds.")] = 30.0,
    inferred: InferredOpt = False,
    drafts: Annotated[bool, typer.Option(
        "--drafts", help="Add the unreviewed drafts (zonekg build --drafts), kept apart otherwise.")] = False,
    root: RootOpt = None,
) -> None:
    """Run a SPARQL query against the built graph (the store build/oxigraph, read-only).

    Queries may not use FROM, FROM NAMED, SERVICE or LOAD, nor change the graph; each runs
    under a time limit."""
    from .results import FORMATS, format_result
    from .sparql import parse_param, resolve, run

    try:
        if fmt not in FORMATS:
            raise ZoneKGError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})", None, None, "--format")
        if list_:
            _write(_list(root, fmt))
            return
        if query is None:
            raise ZoneKGError("give a query name, a .rq file or SPARQL text (or --list)")
        base, store = _store(root)
        named = resolve(query, base)
        params = dict(parse_param(p) for p in param or [])
        result = run(named, store, params, from_text=True, timeout=timeout, inferred=inferred, drafts=drafts)
        text = format_result(result, fmt, _terminal_width())
    except ZoneKGError as exc:
        fail(exc)
    _write(text)


def _write(text: str) -> None:
    """Write an answer as it is (click's echo would drop ANSI sequences from data, and they are
    the data in CSV, TSV and JSON; the table was made safe for a terminal already)."""
    import sys

    sys.stdout.write(text)
    sys.stdout.flush()


def entity(
    name: Annotated[str, typer.Argument(help="A Chinese or English label, or part of one, or an id.")],
    inferred: InferredOpt = False,
    root: RootOpt = None,
) -> None:
    """Print the card of one entity: types, labels, every statement about it with evidence."""
    from .cards import card, resolve_entity
    from .results import for_terminal

    try:
        _base, graph = _graph(root, inferred)
        text = for_terminal(card(graph, resolve_entity(graph, name)))
    except ZoneKGError as exc:
        exc.message = for_terminal(exc.message)  # it may list labels
        fail(exc)
    typer.echo(text, nl=False)


def why(
    ident: Annotated[str, typer.Argument(
        metavar="ID", help="A statement id (gdp-value), an entity id (futian-zhilan), or a full IRI.")],
    root: RootOpt = None,
) -> None:
    """Show the sentence(s) behind a statement or an entity, and their place in the source."""
    from .cards import why as explain
    from .results import for_terminal

    try:
        _base, graph = _graph(root, False)
        text = for_terminal(explain(graph, ident))
    except ZoneKGError as exc:
        fail(exc)
    typer.echo(text, nl=False)


def register(app: typer.Typer) -> None:
    """Add the query commands to the ``zonekg`` app."""
    app.command("query")(query)
    app.command("entity")(entity)
    app.command("why")(why)
