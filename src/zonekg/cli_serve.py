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


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
