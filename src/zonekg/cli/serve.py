"""``zonekg serve`` and ``zonekg push``: the built graph behind a read-only SPARQL endpoint on this
machine, or uploaded to a store on another."""

from __future__ import annotations

from pathlib import Path

import click

from zonekg.cli.app import fail, root_option
from zonekg.model.errors import ZoneKGError


@click.command("serve")
@click.option("--host", default="127.0.0.1", help="Address to listen on (default: this machine only; another "
                                                  "one is warned about).")
@click.option("--port", type=int, default=7878, help="Port to listen on (0: any free port).")
@click.option("--timeout", type=float, default=10.0, help="Time limit of a query, in seconds (at least 1).")
@click.option("--limit", type=int, default=10000, help="Most rows (or triples) in an answer.")
@click.option("--workers", type=int, default=2, help="Query workers (processes) answering at once.")
@click.option("--memory", type=int, default=1024, metavar="MIB",
              help="Memory a query worker may take beyond what it starts with, in MiB.")
@click.option("--allow-host", multiple=True, metavar="NAME",
              help="Another name clients reach this server by (Host header); repeatable.")
@root_option
def serve(host: str, port: int, timeout: float, limit: int, workers: int, memory: int, allow_host: tuple[str, ...],
          root: Path | None) -> None:
    """Answer SPARQL queries on the built graph (read-only, SPARQL 1.1 Protocol at /sparql) and serve
    a page that runs the named queries (/)."""
    from zonekg.model import paths
    from zonekg.serve.endpoint import start

    try:
        if memory < 64:
            raise ZoneKGError(f"a worker needs at least 64 MiB, not {memory}", field="--memory")
        serving = start(paths.project_root(root), host, port, timeout, limit, workers, memory << 20, allow_host)
    except ZoneKGError as exc:
        fail(exc)
    import signal
    import sys

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop the workers on `kill` too
    for warning in serving.warnings:
        click.echo(warning, err=True)
    click.echo(f"serving {serving.url} (SPARQL endpoint {serving.url}sparql); Ctrl-C stops")
    sys.stdout.flush()
    try:
        serving.run()
    except KeyboardInterrupt:
        pass
    finally:
        serving.close()


@click.command("push")
@click.argument("url", help="The Graph Store endpoint, e.g. http://localhost:7878/store "
                            "(Oxigraph) or http://localhost:8890/sparql-graph-crud-auth (Virtuoso).")
@click.option("--no-default", is_flag=True, help="Do not also replace the store's default graph with the union "
                                                 "(a store without a separate default graph, e.g. Virtuoso).")
@root_option
def push(url: str, no_default: bool, root: Path | None) -> None:
    """Upload each graph of the built store to a remote store (SPARQL 1.1 Graph Store Protocol, PUT:
    a graph is replaced, so pushing again changes nothing), then the union of the sources and the
    ontology as the graph <https://w3id.org/zonekg/graph/union>, which queries there name as their
    default graph (default-graph-uri), and as the default graph unless --no-default. Credentials come
    from the environment: ZONEKG_PUSH_USER and ZONEKG_PUSH_PASSWORD (ZONEKG_PUSH_AUTH=basic|digest),
    or ZONEKG_PUSH_TOKEN."""
    from zonekg.model import paths
    from zonekg.serve.push import Pushed
    from zonekg.serve.push import push as run_push

    def told(p: Pushed) -> None:
        click.echo(f"{p.status} {p.graph or '(default graph)'}: {p.triples} triples")

    try:
        done = run_push(paths.project_root(root), url, with_default=not no_default, progress=told)
    except ZoneKGError as exc:
        fail(exc)
    click.echo(f"pushed {len(done)} graphs, {sum(p.triples for p in done)} triples, to {url}")


#: This module's commands, in the order ``zonekg --help`` lists them.
COMMANDS = (serve, push)
