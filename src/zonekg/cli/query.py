"""Commands ``zonekg query``, ``zonekg entity`` and ``zonekg why``.

Every command reads the build's Oxigraph store (build/oxigraph, whose default graph is the union
of the named graphs), made from build/zone.nq if the build did not write it; a missing build is
an error that says to run ``zonekg build``, a stale one a warning on stderr.  What reaches the
terminal is stripped of control and escape sequences.
"""

from __future__ import annotations

from pathlib import Path

import click

from zonekg.cli.app import fail, root_option
from zonekg.model.errors import ZoneKGError

#: ``--inferred/--no-inferred``, for every command that reads the graph.
inferred_option = click.option("--inferred/--no-inferred", default=False,
                               help="Add the inferred graph (build/inferred.nq), when the build wrote one.")


def checked_root(root):
    """The project root; a build older than its inputs is a warning on stderr."""
    from zonekg.model import paths
    from zonekg.store.local import staleness

    base = paths.project_root(root)
    problem = staleness(base)
    if problem is not None and not problem.missing:  # a missing build is an error later, when it is read
        click.echo(f"warning: {problem}", err=True)
    return base


def checked_store(root):
    """The project root and a current query store."""
    from zonekg.store.local import ensure_store

    base = checked_root(root)
    return base, ensure_store(base)


def _triples(root, inferred: bool):
    """The store's lookups for the entity cards and evidence (:class:`zonekg.queries.cards.Triples`)."""
    from zonekg.queries.cards import Triples

    return Triples.of_build(checked_root(root), inferred=inferred)


def _terminal_width() -> int | None:
    """The terminal's width, None in a pipe (the table is then as wide as it needs)."""
    import sys

    if not sys.stdout.isatty():
        return None
    import shutil

    return shutil.get_terminal_size().columns


def _list(root, fmt: str) -> str:
    """The named queries with their question and parameters, as a table or in a data format."""
    from zonekg.model import paths
    from zonekg.queries.named import named_queries

    rows = [(name, nq.question_en, " ".join(nq.params)) for name, nq in named_queries(paths.project_root(root)).items()]
    if fmt == "table":
        return "".join(f"{n:24} {q}" + (f"  [--param {', '.join(p.split())}]" if p else "") + "\n" for n, q, p in rows)
    import pyoxigraph as ox

    from zonekg.queries.answers import Result, format_result

    result = Result("SELECT", ["query", "question", "params"],
                    [tuple(ox.Literal(x) for x in row) for row in rows])
    return format_result(result, fmt)


@click.command("query")
@click.argument("query", required=False,
                help="A named query (e.g. leading-industries), a .rq file, or SPARQL text.")
@click.option("--param", "-p", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE, as an RDF term (repeatable, once per name).")
@click.option("--format", "-f", "fmt", default="table", metavar="FORMAT",
              help="table, csv, tsv or json (W3C SPARQL results).")
@click.option("--list", "list_", is_flag=True, help="List the named queries (in --format).")
@click.option("--timeout", type=float, default=30.0, metavar="SECONDS",
              help="Stop the query after this many seconds (a positive number).")
@click.option("--memory", type=int, default=1024, metavar="MIB",
              help="The memory the query's worker may use, in MiB (at least 64; default 1024).")
@inferred_option
@click.option("--drafts", is_flag=True, help="Add the unreviewed drafts (zonekg build --drafts), kept apart otherwise.")
@root_option
def query(query: str | None, param: tuple[str, ...], fmt: str, list_: bool, timeout: float, memory: int,
          inferred: bool, drafts: bool, root: Path | None) -> None:
    """Run a SPARQL query against the built graph (the store build/oxigraph, read-only).

    Queries may not use FROM, FROM NAMED, SERVICE or LOAD, nor change the graph; each runs
    under a time limit.  A term the graph does not have as written (a typo, a term a release
    retired) gets a warning on stderr with what to use instead."""
    from zonekg.queries.answers import FORMATS, format_result
    from zonekg.queries.engine import parse_params, run
    from zonekg.queries.named import resolve
    from zonekg.queries.pool import QueryPool

    try:
        if fmt not in FORMATS:
            raise ZoneKGError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})", None, None, "--format")
        if list_:
            _write(_list(root, fmt))
            return
        if query is None:
            raise ZoneKGError("give a query name, a .rq file or SPARQL text (or --list)")
        if memory < 64:
            raise ZoneKGError(f"a worker needs at least 64 MiB, not {memory}", field="--memory")
        base, store = checked_store(root)
        named = resolve(query, base)
        params = parse_params(param)
        with QueryPool(store, size=1, memory=memory << 20) as pool:
            result = run(named, store, params, from_text=True, timeout=timeout, inferred=inferred, drafts=drafts,
                         remember=store.parent, pool=pool)
        text = format_result(result, fmt, _terminal_width())
    except ZoneKGError as exc:
        fail(exc)
    _warn_terms(result.notes)
    _write(text)


def _warn_terms(notes: list) -> None:
    """A term the graph does not have as written (misspelt, retired, changed): one line on stderr
    each, before the answer (:mod:`zonekg.queries.terms`)."""
    from zonekg.queries.answers import for_terminal

    for note in notes:
        click.echo(f"warning: {for_terminal(note.message())}", err=True)


def _write(text: str) -> None:
    """Write an answer as it is (click's echo would drop ANSI sequences from data, and they are
    the data in CSV, TSV and JSON; the table was made safe for a terminal already)."""
    import sys

    sys.stdout.write(text)
    sys.stdout.flush()


@click.command("entity")
@click.argument("name", help="A Chinese or English label, or part of one, or an id.")
@inferred_option
@root_option
def entity(name: str, inferred: bool, root: Path | None) -> None:
    """Print the card of one entity: types, labels, every statement about it with evidence."""
    from zonekg.queries.answers import for_terminal
    from zonekg.queries.cards import card, resolve_entity

    try:
        graph = _triples(root, inferred)
        text = for_terminal(card(graph, resolve_entity(graph, name)))
    except ZoneKGError as exc:
        exc.message = for_terminal(exc.message)  # it may list labels
        fail(exc)
    click.echo(text, nl=False)


@click.command("why")
@click.argument("ident", metavar="ID", help="A statement id (gdp-value), an entity id (futian-zhilan), or a full IRI.")
@root_option
def why(ident: str, root: Path | None) -> None:
    """Show the sentence(s) behind a statement or an entity, and their place in the source."""
    from zonekg.queries.answers import for_terminal
    from zonekg.queries.cards import why as explain

    try:
        text = for_terminal(explain(_triples(root, False), ident))
    except ZoneKGError as exc:
        fail(exc)
    click.echo(text, nl=False)


#: This module's commands, in the order ``zonekg --help`` lists them.
COMMANDS = (query, entity, why)
