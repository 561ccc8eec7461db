"""``zonekg serve`` and ``zonekg push``: the built graph behind a read-only SPARQL endpoint on this
machine, or uploaded to a store on another."""

from __future__ import annotations

from typing import Annotated

import typer

from .cli import RootOpt, fail
from .errors import ZoneKGError


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on (default: this machine only).")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on (0: any free port).")] = 7878,
    timeout: Annotated[int, typer.Option("--timeout", help="Time limit of a query, in seconds.")] = 10,
    limit: Annotated[int, typer.Option("--limit", help="Most rows (or triples) in an answer.")] = 10000,
    root: RootOpt = None,
) -> None:
    """Answer SPARQL queries on the built graph (read-only, SPARQL 1.1 Protocol at /sparql) and serve
    a page that runs the named queries (/)."""
    from . import paths
    from .serve import start

    try:
        serving = start(paths.project_root(root), host, port, timeout, limit)
    except ZoneKGError as exc:
        fail(exc)
    import signal
    import sys

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop the child server on `kill` too
    typer.echo(f"serving {serving.url} (SPARQL endpoint {serving.url}sparql); Ctrl-C stops")
    sys.stdout.flush()
    try:
        serving.front.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        serving.close()


def push(
    url: Annotated[str, typer.Argument(help="The Graph Store endpoint, e.g. http://localhost:7878/store "
                                            "(Oxigraph) or http://localhost:8890/sparql-graph-crud-auth (Virtuoso).")],
    no_default: Annotated[bool, typer.Option(
        "--no-default", help="Do not send the default graph (a store whose default graph is already the "
                             "union of its named graphs, e.g. Virtuoso).")] = False,
    root: RootOpt = None,
) -> None:
    """Upload each graph of the built store to a remote store (SPARQL 1.1 Graph Store Protocol, PUT:
    a graph is replaced, so pushing again changes nothing). Credentials come from the environment:
    ZONEKG_PUSH_USER and ZONEKG_PUSH_PASSWORD (ZONEKG_PUSH_AUTH=basic|digest), or ZONEKG_PUSH_TOKEN."""
    from . import paths
    from .push import Pushed
    from .push import push as run_push

    def told(p: Pushed) -> None:
        typer.echo(f"{p.status} {p.graph or '(default graph)'}: {p.triples} triples")

    try:
        done = run_push(paths.project_root(root), url, with_default=not no_default, progress=told)
    except ZoneKGError as exc:
        fail(exc)
    typer.echo(f"pushed {len(done)} graphs, {sum(p.triples for p in done)} triples, to {url}")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.command("push")(push)
