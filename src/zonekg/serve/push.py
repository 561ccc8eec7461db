"""``zonekg push URL``: upload the built store's graphs to a remote store through the SPARQL 1.1
Graph Store HTTP Protocol.

Each named graph of ``build/oxigraph`` is sent with ``PUT URL?graph=IRI``, which *replaces* that
graph, so pushing twice leaves the remote store as pushing once.  Then the union of the source and
ontology graphs (the build store's default graph, see :mod:`zonekg.store.local`) as a graph of its
own, ``<https://w3id.org/zonekg/graph/union>``: every store keeps named graphs, so a query there gets
the answers of ``zonekg query`` by naming it as its default graph (``default-graph-uri``, or the
store's own setting, docs/servers.md). A store's own union of all its graphs would not do: it holds a
triple once per graph (and Virtuoso's system graphs), so shared triples repeat.  Last, the same
union as the store's default graph (``PUT URL?default``), unless ``--no-default`` (Virtuoso has no
separate default graph).

Credentials come from the environment only, never from the command line (where ``ps`` and shell
history would show them): ``ZONEKG_PUSH_USER`` and ``ZONEKG_PUSH_PASSWORD`` (HTTP basic auth, or
digest with ``ZONEKG_PUSH_AUTH=digest``), or ``ZONEKG_PUSH_TOKEN`` (a bearer token).  Each graph is
written to a temporary N-Triples file by pyoxigraph and streamed from it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from zonekg.model.errors import ZoneKGError
from zonekg.model.paths import STORE_DIR
from zonekg.model.prefixes import UNION_GRAPH

ENV_USER, ENV_PASSWORD, ENV_TOKEN, ENV_AUTH = (
    "ZONEKG_PUSH_USER", "ZONEKG_PUSH_PASSWORD", "ZONEKG_PUSH_TOKEN", "ZONEKG_PUSH_AUTH")
TIMEOUT = (10, 600)  # seconds to connect, seconds between bytes of the answer


@dataclass(frozen=True)
class Pushed:
    """One graph sent: its IRI (None for the default graph), triples and the server's status."""

    graph: str | None
    triples: int
    status: int


def auth_from_env(env: dict[str, str] | None = None) -> tuple[Any, dict[str, str]]:
    """A requests auth object and extra headers, from the environment."""
    from requests.auth import HTTPBasicAuth, HTTPDigestAuth

    env = dict(os.environ) if env is None else env
    if env.get(ENV_TOKEN):
        return None, {"Authorization": f"Bearer {env[ENV_TOKEN]}"}
    user, password = env.get(ENV_USER), env.get(ENV_PASSWORD)
    if not user:
        return None, {}
    if password is None:
        raise ZoneKGError(f"{ENV_USER} is set but {ENV_PASSWORD} is not", field=ENV_PASSWORD)
    scheme = env.get(ENV_AUTH, "basic").lower()
    if scheme not in ("basic", "digest"):
        raise ZoneKGError(f"unknown scheme '{scheme}': use basic or digest", field=ENV_AUTH)
    return (HTTPDigestAuth if scheme == "digest" else HTTPBasicAuth)(user, password), {}


def graphs(store_path: Path, with_default: bool) -> Iterator[tuple[str | None, Path, int]]:
    """Each graph to send as a temporary N-Triples file: (IRI or None, file, triples).

    The store's named graphs come in IRI order, then its default graph (the union) as the graph
    ``UNION_GRAPH``, then again as the default graph (None) if ``with_default``; each file is
    removed once the caller has moved on to the next."""
    import pyoxigraph as ox

    from zonekg.store.local import open_store

    store = open_store(store_path)
    union = ox.NamedNode(UNION_GRAPH)
    sends: list[tuple[str | None, Any]] = [(g.value, g) for g in sorted(store.named_graphs(), key=lambda g: g.value)
                                           if g != union]
    sends.append((UNION_GRAPH, ox.DefaultGraph()))
    if with_default:
        sends.append((None, ox.DefaultGraph()))
    with tempfile.TemporaryDirectory(prefix="zonekg-push-") as tmp:
        for i, (iri, name) in enumerate(sends):
            path = Path(tmp) / f"{i}.nt"
            triples = [q.triple for q in store.quads_for_pattern(None, None, None, name)]
            ox.serialize(triples, str(path), ox.RdfFormat.N_TRIPLES)
            yield iri, path, len(triples)
            path.unlink()


def target_url(base: str, graph: str | None) -> str:
    """``base?graph=IRI`` (IRI percent-encoded) or ``base?default``."""
    sep = "&" if urlsplit(base).query else "?"
    return f"{base}{sep}default" if graph is None else f"{base}{sep}graph={quote(graph, safe='')}"


def push(root: Path, url: str, *, with_default: bool = True, env: dict[str, str] | None = None,
         progress: Callable[[Pushed], None] | None = None) -> list[Pushed]:
    """PUT every graph of ``build/oxigraph`` to the Graph Store at ``url``; stop at the first failure."""
    import requests

    from zonekg.model import paths

    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        raise ZoneKGError(f"'{url}' is not an http(s) URL of a Graph Store endpoint", field="URL")
    store = paths.build_dir(root) / STORE_DIR
    if not store.is_dir():
        raise ZoneKGError("no store: run `zonekg build` first", store)
    auth, headers = auth_from_env(env)
    done = []
    with requests.Session() as session:
        session.trust_env = False  # no proxies or .netrc credentials picked up behind the user's back
        for graph, path, count in graphs(store, with_default):
            where = f"<{graph}>" if graph else "the default graph"
            try:
                with path.open("rb") as body:
                    resp = session.put(target_url(url, graph), data=body, auth=auth, timeout=TIMEOUT,
                                       headers={**headers, "Content-Type": "application/n-triples"})
            except requests.RequestException as exc:
                raise ZoneKGError(f"cannot reach {url}: {_reason(exc)}", field="URL") from None
            if resp.status_code in (401, 403):
                raise ZoneKGError(f"{url} refused the credentials ({resp.status_code}) for {where}: set "
                                  f"{ENV_USER} and {ENV_PASSWORD} (and {ENV_AUTH}=digest if the server asks), "
                                  f"or {ENV_TOKEN}", field="URL")
            if resp.status_code >= 300:
                raise ZoneKGError(f"{url} answered {resp.status_code} {resp.reason} for {where}: "
                                  f"{_one_line(resp.text)}", field="URL")
            pushed = Pushed(graph, count, resp.status_code)
            done.append(pushed)
            if progress:
                progress(pushed)
    return done


def _reason(exc: BaseException) -> str:
    """The innermost cause of a connection failure, in one line."""
    while exc.__context__ is not None and exc.__context__ is not exc:
        exc = exc.__context__
    return _one_line(str(exc)) or type(exc).__name__


def _one_line(text: str) -> str:
    """An error body in one line: HTML tags dropped, white space collapsed, at most 300 characters."""
    import re

    return " ".join(re.sub(r"<[^>]*>", " ", text).split())[:300]
