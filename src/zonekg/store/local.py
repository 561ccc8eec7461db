"""The persistent Oxigraph store the build writes beside its RDF files (``build/oxigraph/``), and how
readers find it, check it is current, and rebuild it when it is missing or older than ``zone.nq``.

Layout, the same for every reader and for remote stores the graph is pushed to:

- one named graph per source, the ontology graph and (after reasoning) the inferred graph;
- the **default graph holds the union** of the source and ontology graphs (set semantics, so a
  resource shared by several sources is not counted twice), but not the inferred graph.

Queries therefore need no ``GRAPH`` clauses; ``--inferred`` adds the inferred graph to the
default graph of the query. Oxigraph's ``use_default_graph_as_union`` is avoided on purpose:
it counts a triple once per graph holding it (see docs/engine.md).

The store folder holds one file of ours, ``zonekg.sha256``: the digest of the N-Quads it was made
from, so that a reader can tell a current store from a stale one without trusting file times alone,
and a build can tell that the last store may be patched (:func:`update_store`) rather than rewritten.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from zonekg.model import paths
from zonekg.model.errors import BuildDamaged, NotBuilt
from zonekg.model.paths import NQUADS_FILES, STORE_DIR
from zonekg.model.prefixes import DRAFTS_GRAPH_BASE, INFERRED_GRAPH

if TYPE_CHECKING:
    import pyoxigraph

#: The digest of the N-Quads a store was made from, inside the store's folder.
STAMP = "zonekg.sha256"
#: What the build wrote into the store: every RocksDB file with its size and checksum, and the
#: quads per graph (:func:`write_manifest`, :func:`check_store`).
MANIFEST = "zonekg.manifest.json"
#: RocksDB's files that readers never change (its info LOG and LOCK are left out).
_DATA_FILE = ("CURRENT", "IDENTITY", "MANIFEST-", "OPTIONS-")
_DATA_SUFFIX = (".sst", ".log", ".blob")
#: A file up to this size is hashed whole; a larger one (an SST at scale) by its size and its first
#: and last 64 KiB (RocksDB checks each block's own checksum as it reads it).
_WHOLE = 1 << 20
_EDGE = 64 << 10
#: Stores up to this many quads have their counts per graph checked at every opening (a few ms).
COUNT_CHECK_QUADS = 200_000


def write_store(nquads: bytes, target: Path) -> None:
    """Create a new store in the folder ``target`` (which must not exist yet) from N-Quads.

    Give it the bytes of ``build/zone.nq`` followed by ``build/inferred.nq`` when there is one
    (:func:`store_input`); readers compare the digest of those files with the store's stamp."""
    import hashlib

    import pyoxigraph as ox

    inferred = ox.NamedNode(INFERRED_GRAPH)

    def quads_and_union():
        """Every quad, and the triple of every reviewed, stated quad again in the default graph:
        one bulk load (twice as fast as loading, then copying the union with a SPARQL update)."""
        for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS):
            yield q
            if q.graph_name != inferred and not q.graph_name.value.startswith(DRAFTS_GRAPH_BASE):
                yield ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())

    store = ox.Store(str(target))
    store.bulk_extend(quads_and_union())
    store.flush()
    store.optimize()
    del store
    (Path(target) / STAMP).write_text(hashlib.sha256(nquads).hexdigest() + "\n", encoding="ascii")
    write_manifest(Path(target))


def _reviewed(graph) -> bool:
    """True for a graph whose triples the default graph holds too (not the inferred or a drafts graph)."""
    return graph.value != INFERRED_GRAPH and not graph.value.startswith(DRAFTS_GRAPH_BASE)


def _lines_by_graph(nquads: bytes) -> dict[bytes, list[bytes]]:
    """The lines of N-Quads grouped by their last term (the graph name, one quad a line, as
    pyoxigraph writes them): comparing lines finds the changed graphs without making a Python
    object of every quad (which costs more than writing the store afresh at 50 sources). The
    build writes the same bytes for the same graph, so equal lists mean an unchanged graph; lists
    that differ only in order are told apart later, by their parsed triples."""
    groups: dict[bytes, list[bytes]] = {}
    for line in nquads.splitlines():
        parts = line.rsplit(b" ", 2)
        groups.setdefault(parts[-2] if len(parts) == 3 else line, []).append(line)
    return groups


def _by_graph(lines: dict[bytes, list[bytes]], keys: list[bytes]) -> dict:
    """The triples of the graphs ``keys`` (graph → set of triples), parsed from their lines.

    A line whose last term is not its graph (a default-graph triple, which the build never
    writes) would make the grouping unsafe: ValueError, and the store is written afresh."""
    import pyoxigraph as ox

    graphs: dict = {}
    for key in keys:
        for q in ox.parse(b"\n".join(lines.get(key, ())), format=ox.RdfFormat.N_QUADS):
            if not isinstance(q.graph_name, ox.NamedNode) or str(q.graph_name).encode() != key:
                raise ValueError(f"{q} is not in the graph {key!r}")
            graphs.setdefault(q.graph_name, set()).add(q.triple)
    return graphs


def update_store(nquads: bytes, target: Path, build: Path) -> bool:
    """Make the store of ``nquads`` in the folder ``target`` (which must not exist yet) by patching
    a copy of the last build's store ``build/oxigraph``; True if patched, False if written afresh.

    A rebuild after one of many fact sheets changed alters a few named graphs; rewriting every
    quad (:func:`write_store`) costs most of such a rebuild. The copy is a RocksDB checkpoint
    (``Store.backup``: hard links, works on a store readers hold open read-only), so the live
    store is untouched; only the changed graphs are replaced, and a default-graph triple is
    removed only when no reviewed graph holds it any more. The old store is trusted only if its
    stamp is the digest of the N-Quads now in ``build/`` (those it was made from: the per-graph
    diff is taken against them); any doubt writes the store afresh. Gives the same quads and
    named graphs as :func:`write_store` (tests/test_store_update.py)."""
    import hashlib
    import shutil

    import pyoxigraph as ox

    old_store = build / STORE_DIR
    try:
        stamp = (old_store / STAMP).read_text(encoding="ascii").strip()
        old_nquads = store_input(build)
    except (OSError, UnicodeDecodeError):
        stamp, old_nquads = "", b""  # no stamp: never matches a digest
    if stamp != hashlib.sha256(old_nquads).hexdigest():
        write_store(nquads, target)
        return False
    try:
        check_store(old_store)
        ox.Store.read_only(str(old_store)).backup(str(target))
        if nquads != old_nquads:
            before, after = _lines_by_graph(old_nquads), _lines_by_graph(nquads)
            changed = [key for key in before.keys() | after.keys() if before.get(key) != after.get(key)]
            old_graphs, new_graphs = _by_graph(before, changed), _by_graph(after, changed)
            store = ox.Store(str(target))
            _patch(store, old_graphs, new_graphs)
            del store  # closed before the folder is renamed into place
    except (OSError, SyntaxError, ValueError, BuildDamaged):  # damaged, not copied, or not by graph: afresh
        shutil.rmtree(target, ignore_errors=True)
        write_store(nquads, target)
        return False
    (Path(target) / STAMP).write_text(hashlib.sha256(nquads).hexdigest() + "\n", encoding="ascii")
    write_manifest(Path(target))
    return True


def _patch(store: pyoxigraph.Store, old: dict, new: dict) -> None:
    """Turn ``store`` (holding ``old``, graph → triples) into the store of ``new``: changed named
    graphs replaced whole, then the default graph (the union of the reviewed graphs) mended."""
    import pyoxigraph as ox

    default = ox.DefaultGraph()
    gone: set = set()  # triples that left a reviewed graph: the default graph may still need them
    added: set = set()
    for graph in old.keys() | new.keys():
        before, after = old.get(graph, set()), new.get(graph, set())
        if before == after:
            continue
        if after:
            store.clear_graph(graph)
            store.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in after)
        else:
            store.remove_graph(graph)
        if _reviewed(graph):
            gone |= before - after
            added |= after - before
    # Asked of the store, not of ``new``: Oxigraph normalises literals as it stores them, so two
    # spellings of one value in two graphs are one triple of the default graph.
    store.extend(ox.Quad(t.subject, t.predicate, t.object, default) for t in added)
    for t in gone - added:
        if not any(q.graph_name != default and _reviewed(q.graph_name)
                   for q in store.quads_for_pattern(t.subject, t.predicate, t.object)):
            store.remove(ox.Quad(t.subject, t.predicate, t.object, default))
    store.flush()


def open_store(path: Path, *, check: bool = True) -> pyoxigraph.Store:
    """Open a store written by :func:`write_store`, read-only (several readers may share it),
    after checking its files against the build's manifest (:func:`check_store`)."""
    import pyoxigraph as ox

    counts = check_store(path) if check else None
    try:
        store = ox.Store.read_only(str(path))
        if counts is not None:
            _check_counts(store, counts, path)
        return store
    except (OSError, SyntaxError, ValueError) as exc:
        raise BuildDamaged(f"the query store cannot be read ({_first_line(exc)}): rebuild with `zonekg build`",
                           path) from None


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]


def _data_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and (p.name.startswith(_DATA_FILE)
                                                                  or p.name.endswith(_DATA_SUFFIX)))


def _file_digest(path: Path, size: int) -> str:
    import hashlib

    h = hashlib.sha256()
    with open(path, "rb") as f:
        if size <= _WHOLE:
            h.update(f.read())
        else:
            h.update(f.read(_EDGE))
            f.seek(size - _EDGE)
            h.update(f.read(_EDGE))
    return h.hexdigest()


def write_manifest(folder: Path) -> None:
    """Record what the store holds: each RocksDB data file's size and checksum, and the quads per
    graph (the default graph as ``""``), in ``zonekg.manifest.json`` inside the store."""
    import json

    import pyoxigraph as ox

    store = ox.Store.read_only(str(folder))
    counts = _counts(store)
    del store
    files = {}
    for path in _data_files(folder):
        size = path.stat().st_size
        files[path.name] = {"size": size, "sha256": _file_digest(path, size)}
    doc = {"format": 1, "files": files, "quads": counts}
    (folder / MANIFEST).write_text(json.dumps(doc, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def check_store(path: Path) -> dict[str, int] | None:
    """Check the store's files against its manifest; :class:`BuildDamaged` ("rebuild with
    `zonekg build`") for a file missing, added, resized or changed, or no readable manifest.
    Returns the quads per graph to check after opening (None for a large store: the files'
    checksums stand for them there)."""
    import json

    def damaged(why: str) -> BuildDamaged:
        return BuildDamaged(f"the query store is damaged ({why}): rebuild with `zonekg build`", path)

    try:
        doc = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
        files, counts = doc["files"], doc["quads"]
    except FileNotFoundError:
        raise damaged(f"no {MANIFEST}: it was not written by this version's build, or was cut short") from None
    except (OSError, ValueError, KeyError, TypeError):
        raise damaged(f"{MANIFEST} cannot be read") from None
    try:
        present = {p.name: p for p in _data_files(path)}
    except OSError as exc:
        raise damaged(f"its folder cannot be read: {exc.strerror or exc}") from None
    for name in sorted(set(files) | set(present)):
        if name not in present:
            raise damaged(f"{name} is missing")
        if name not in files:
            raise damaged(f"{name} was not written by the build")
        try:
            size = present[name].stat().st_size
            if size != files[name]["size"]:
                raise damaged(f"{name} has {size} bytes, the build wrote {files[name]['size']}")
            if _file_digest(present[name], size) != files[name]["sha256"]:
                raise damaged(f"{name} differs from what the build wrote")
        except OSError as exc:
            raise damaged(f"{name} cannot be read: {exc.strerror or exc}") from None
    if sum(counts.values()) > COUNT_CHECK_QUADS:
        return None
    return counts


def _counts(store: pyoxigraph.Store) -> dict[str, int]:
    """Quads per graph (the default graph as ``""``), counted by the engine."""
    counts = {"": int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))[0].value)}  # type: ignore[arg-type]
    for row in store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"):  # type: ignore[union-attr]
        counts[row[0].value] = int(row[1].value)
    return counts


def _check_counts(store: pyoxigraph.Store, counts: dict[str, int], path: Path) -> None:
    found_all = _counts(store)
    for graph, expected in counts.items():
        found = found_all.get(graph, 0)
        if found != expected:
            raise BuildDamaged(f"the query store is damaged ({graph or 'the default graph'} holds {found} quads, "
                               f"the build wrote {expected}): rebuild with `zonekg build`", path)


def store_input(build: Path) -> bytes:
    """The N-Quads a store of ``build/`` is made from: zone.nq, then inferred.nq and drafts.nq if
    the build wrote them."""
    return b"".join((build / name).read_bytes() for name in NQUADS_FILES if (build / name).is_file())


# --- is the build current? ---------------------------------------------------------------------

def _inputs(root: Path) -> list[Path]:
    """The files the built graph is made from: a newer one makes it stale."""
    files = [*paths.ontology_files(root), paths.shapes_file(root), *paths.fact_sheets(root)]
    files += sorted(paths.sources_dir(root).glob("*.txt"))
    return [f for f in files if f.is_file()]


@dataclass(frozen=True)
class Staleness:
    """Why the build cannot be trusted: never built (``missing``), or older than an input."""

    reason: str
    missing: bool

    def __str__(self) -> str:
        return self.reason


def staleness(root: Path) -> Staleness | None:
    """Why the build cannot be trusted (missing, or older than a fact sheet, ontology or source), or None."""
    built = paths.build_dir(root) / NQUADS_FILES[0]
    if not built.is_file():
        return Staleness(f"{built} does not exist: run `zonekg build` first", missing=True)
    mtime = built.stat().st_mtime
    newer = [f for f in _inputs(root) if f.stat().st_mtime > mtime]
    if newer:
        return Staleness(f"{built} is older than {newer[0]}: run `zonekg build` to rebuild it", missing=False)
    return None


def store_is_current(build: Path) -> bool:
    """True when ``build/oxigraph`` was made from the N-Quads now in ``build/``.

    Cheap in the usual case (the stamp is newer than the N-Quads); otherwise the digests decide,
    so a build that wrote the store before the N-Quads is not mistaken for a stale one."""
    stamp = build / STORE_DIR / STAMP
    if not stamp.is_file():
        return False
    sources = [build / name for name in NQUADS_FILES if (build / name).is_file()]
    if all(stamp.stat().st_mtime >= f.stat().st_mtime for f in sources):
        return True
    import hashlib  # here, not at the top: the usual reader stops above and never hashes

    return stamp.read_text(encoding="ascii").strip() == hashlib.sha256(store_input(build)).hexdigest()


def ensure_store(root: Path) -> Path:
    """The folder of a current store of the last build, made from ``build/zone.nq`` if it is
    missing or older than the N-Quads (the user is told once, on stderr)."""
    build = paths.build_dir(root)
    target = build / STORE_DIR
    if not (build / NQUADS_FILES[0]).is_file():
        if (target / STAMP).is_file():
            return target
        raise NotBuilt(f"no built graph: {build / NQUADS_FILES[0]} does not exist: run `zonekg build` first")
    if store_is_current(build):
        return target
    import shutil
    import tempfile

    nquads = store_input(build)
    staging = Path(tempfile.mkdtemp(prefix=".oxigraph-", dir=build))
    try:
        try:
            write_store(nquads, staging / "store")
        except SyntaxError as exc:
            raise BuildDamaged(f"the build file is damaged ({exc}): rebuild with `zonekg build`",
                              build / NQUADS_FILES[0]) from None
        _swap_in(staging / "store", target, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"note: made the query store {target} from {build / NQUADS_FILES[0]}", file=sys.stderr)
    return target


def _swap_in(new: Path, target: Path, staging: Path) -> None:
    """Rename a finished store into place; an old one is moved aside first and removed after."""
    if target.exists():
        os.replace(target, staging / "old")
    try:
        os.replace(new, target)
    except OSError:
        if not (target / STAMP).is_file():  # another reader did not put one in place meanwhile
            raise
