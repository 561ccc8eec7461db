"""The main job: fact sheets → checked model → RDF → SHACL → steps → files, all or nothing.

Every check runs before the first file is written, and every output (build/, the committed
graph/zone.trig, the Oxigraph store, the build cache) is replaced in one transaction
(:func:`zonekg.rdf.files.commit`), so a failed or killed build leaves the previous set whole.
Later stages (reasoning, the HTML view) plug in as *steps*: functions that take the built
result and return more files for the same transaction, plus lines for the summary.

Builds are incremental (:mod:`zonekg.pipeline.cache`): an unchanged build only hashes its inputs and
rewrites nothing; an unchanged fact sheet's named graph comes from the cache (as N-Quads, read
into pyoxigraph quads, never into rdflib unless a step asks for the Dataset); SHACL reruns for
the changed sources only (:func:`zonekg.pipeline.shacl.validate_sources`); the steps rerun only when
the graph they see changed. The summary says what was reused.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from zonekg.model import paths
from zonekg.model.paths import BUILD_OUTPUTS, COMMITTED_GRAPH, STORE_DIR
from zonekg.pipeline import cache, parallel
from zonekg.pipeline import steps as build_steps
from zonekg.pipeline.steps import Step, StepOutput
from zonekg.rdf.files import TEMP, commit, recover, user_errors

if TYPE_CHECKING:
    from rdflib import Graph

    from zonekg.facts.check import FactSheet
    from zonekg.rdf.dataset import BuildResult



def validation_graph(result: BuildResult) -> Graph:
    """A fresh union of every graph of the build (sources and ontology): what SHACL would see
    whole (the build itself validates source by source, :func:`zonekg.pipeline.shacl.validate_sources`)."""
    from zonekg.rdf.convert import merged

    return merged(result.dataset)


@contextmanager
def progress(text: str) -> Iterator[None]:
    """A spinner on stderr for the slow phases, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield
        return
    from rich.console import Console

    with Console(stderr=True).status(text):
        yield


def _reused_result(root: Path, manifest: cache.Manifest) -> BuildResult:
    """The last build, unchanged: its files and summary, the dataset parsed only if asked for.
    It has BuildResult's attributes without being one, so that rdflib is not even imported."""

    class Reused:
        def __init__(self) -> None:  # no dataset yet: parsed from zone.trig on first use
            self.loaded: list[FactSheet] = []
            self.reused: list[Path] = []
            self.stats: dict[Path, dict] = {}
            self.info = manifest.info
            self.messages = [*manifest.messages, "reused: everything (no input changed; nothing rewritten)"]

        @cached_property
        def files(self) -> dict[str, bytes]:
            build = paths.build_dir(root)
            return {n: (build / n).read_bytes() for n in BUILD_OUTPUTS if (build / n).is_file()}

        @cached_property
        def ontology(self):
            from zonekg.model.ontology import Ontology, load_ontology_graph

            return Ontology(load_ontology_graph(paths.ontology_files(root)))

        @cached_property
        def dataset(self):
            from zonekg.store.parsed import read_graph

            return read_graph(root)

        @property
        def sheets(self):
            if not self.loaded:
                from zonekg.facts.check import load_fact_sheet

                self.loaded = [load_fact_sheet(p, self.ontology) for p in paths.fact_sheets(root)]
            return self.loaded

    return Reused()  # type: ignore[return-value]


def _rel(root: Path, path: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def run_build(root: Path, steps: tuple[Step, ...] | None = None, drafts: bool = False) -> BuildResult:
    """Build everything; raise ZoneKGError (nothing written) on any bad input or write failure.

    ``drafts`` leaves items marked ``review: draft`` out of the reviewed graphs instead of
    refusing them, and builds them apart (``build/drafts.*``, steps of :mod:`zonekg.pipeline.drafts`)."""
    specs = build_steps.DEFAULT if steps is None else tuple(steps)
    if drafts:
        specs = build_steps.with_drafts(specs)
    build_dir = paths.build_dir(root)
    cache_dir = build_dir / cache.CACHE_DIR
    notes = [n for n in [recover(build_dir, [build_dir, cache_dir, cache_dir / "steps",
                                             cache_dir / cache.CHUNKS_DIR, root / COMMITTED_GRAPH.parent])] if n]
    with user_errors(root):
        sheet_files = paths.fact_sheets(root)
        last = cache.read_manifest(build_dir)
        inputs = cache.hash_inputs(root, sheet_files, tuple(s.name for s in specs), last,
                                   mode="drafts" if drafts else "")
    if (last is not None and all(inputs.sheet_keys.values()) and last.build_key == inputs.build_key
            and cache.outputs_intact(root, last)):
        cache.touch(root, last)
        result = _reused_result(root, last)
        result.messages[:0] = notes
        return result
    return _build(root, specs, inputs, last, notes, drafts)


def _build(root: Path, specs: tuple[Step, ...], inputs: cache.Inputs, last: cache.Manifest | None,
           notes: list[str], drafts: bool) -> BuildResult:
    from zonekg.pipeline.shacl import validate_sources
    from zonekg.rdf import serialise
    from zonekg.rdf.dataset import make_dataset, summary

    build_dir = paths.build_dir(root)
    cache_dir = build_dir / cache.CACHE_DIR
    cached = {}
    for path in paths.fact_sheets(root):
        rel = _rel(root, path)
        entry = last.sheets.get(rel) if last else None
        if entry and inputs.sheet_keys.get(rel) == entry.key and (cache_dir / entry.nquads).is_file():
            cached[path] = (entry.source_id, (cache_dir / entry.nquads).read_bytes(), entry.stats)
    with progress("checking the fact sheets and building the RDF"):
        result = make_dataset(root, cached, drafts=drafts)

    manifest = cache.Manifest()
    files: dict[str, bytes] = {}
    graphs: list[tuple[Path, str, bytes]] = []  # each sheet's named graph, for SHACL
    graph_data: dict[str, bytes] = {}  # every named graph's N-Quads, for the output chunks
    for path, stats in result.stats.items():
        rel = _rel(root, path)
        source_file = _rel(root, Path(stats["source_file"]))
        key = cache.sheet_key(root, path.read_bytes(), source_file, inputs.ontology)
        inputs.sheet_keys[rel] = key
        name = f"{path.name}.nq"
        iri = str(_graph_iri(stats["source_id"]))
        data = cached[path][1] if path in cached else serialise.graph_bytes(result.graphs[iri])
        graphs.append((path, iri, data))
        graph_data[iri] = data
        files[f"{cache.CACHE_DIR}/{name}"] = data
        stats = {**stats, "source_file": source_file}
        manifest.sheets[rel] = cache.SheetEntry(key, stats["source_id"], source_file, name, stats)
    manifest.union_key, manifest.build_key = inputs.union_key, inputs.build_key

    reused = [f"{len(cached)} of {len(result.stats)} fact sheets"] if cached else []
    kept = {spec.name: _kept_step(spec.name, inputs, last, cache_dir) for spec in specs}
    # the steps to run start now, in child processes, and overlap SHACL and serialisation
    children = parallel.start([spec for spec in specs if kept[spec.name] is None], result, root)
    try:
        if last is not None and last.union_key == manifest.union_key:
            reused.append("SHACL")
            manifest.shacl = last.shacl
        else:
            with progress("validating with SHACL"):
                manifest.shacl, from_cache = validate_sources(result, graphs, paths.shapes_file(root),
                                                              last.shacl if last else {})
            if from_cache:
                reused.append(f"SHACL of {from_cache} of {len(graphs)} sources")
        with progress("serialising"):
            files.update(_serialise(result, graph_data, last, manifest, cache_dir))
        for spec in specs:
            out = kept[spec.name]
            if out is not None:
                reused.append(spec.name)
            else:
                with progress(f"running {spec.name}"):
                    out = children[spec.name].join() if spec.name in children else spec.run(result, root)
            files.update(out.files)
            files.update({f"{cache.CACHE_DIR}/steps/{n}": data for n, data in out.files.items()})
            manifest.steps[spec.name] = {"key": inputs.step_key(spec.name), "files": sorted(out.files),
                                    "messages": out.messages}
            result.messages.extend(out.messages)
    finally:
        parallel.stop(children)  # after a failure: no step process (and no JVM) outlives the build
    names = {spec.name for spec in specs}
    for name, step_entry in (last.steps.items() if last else ()):
        if name not in names:  # kept for a later build that asks for it again (its key says if it fits)
            manifest.steps[name] = step_entry
    result.files = {n: d for n, d in files.items() if "/" not in n}
    result.info = summary(result)
    result.messages[:0] = notes
    result.messages.append("reused: " + (", ".join(reused) if reused else "nothing (all rebuilt)"))
    manifest.info, manifest.messages = result.info, result.messages[len(notes):-1]
    _write(root, files, manifest)
    return result


def _kept_step(name: str, inputs: cache.Inputs, last: cache.Manifest | None,
               cache_dir: Path) -> StepOutput | None:
    """The last build's output of this step, if its key still fits and its files are in the cache."""
    previous = last.steps.get(name) if last else None
    if not previous or previous["key"] != inputs.step_key(name):
        return None
    kept = {n: cache_dir / "steps" / n for n in previous["files"]}
    if not all(p.is_file() for p in kept.values()):
        return None
    return StepOutput({n: p.read_bytes() for n, p in kept.items()}, previous["messages"])


def _graph_iri(source_id: str):
    from zonekg.model.namespaces import graph_iri

    return graph_iri(source_id)


def _serialise(result: BuildResult, graph_data: dict[str, bytes], last: cache.Manifest | None,
               manifest: cache.Manifest, cache_dir: Path) -> dict[str, bytes]:
    """The build's files (:func:`zonekg.rdf.dataset.dataset_files`'s bytes) put together from each named
    graph's chunks (its zone.nq lines, zone.trig block and zone.ttl subject blocks,
    :mod:`zonekg.rdf.serialise`): those of a graph the last build had are read from the cache, the
    others written now. Returns the outputs and the new chunk files (cache paths);
    ``manifest.chunks`` records every chunk in use. A graph whose lines fail
    ``nquads_chunk``'s check makes it all from scratch."""
    from zonekg.rdf import serialise
    from zonekg.rdf.dataset import dataset_files

    previous = last.chunks if last else {}
    files: dict[str, bytes] = {}
    chunks: list[tuple[bytes, ...]] = []
    names = sorted(result.graphs)
    for name in names:
        quads = result.graphs[name]
        key = cache.chunk_key(graph_data[name] if name in graph_data else serialise.graph_bytes(quads))
        chunk = _cached_chunk(cache_dir, key, previous.get(key))
        if chunk is None:
            nq = serialise.nquads_chunk(quads)
            if nq is None:
                manifest.chunks = {}
                return dataset_files(result)
            chunk = (nq, serialise.trig_block(quads), serialise.turtle_chunk(quads))
            files.update({f"{cache.CACHE_DIR}/{cache.CHUNKS_DIR}/{key}.{ext}": data
                          for ext, data in zip(cache.CHUNK_KINDS, chunk, strict=True)})
        manifest.chunks[key] = [cache.sha256(c) for c in chunk]
        chunks.append(chunk)
    files.update({"zone.nq": serialise.merge_nquads(c[0] for c in chunks),
                  "zone.trig": serialise.join_trig([c[1] for c in chunks]),
                  "zone.ttl": serialise.merge_turtle([c[2] for c in chunks], [result.graphs[n] for n in names])})
    return files


def _cached_chunk(cache_dir: Path, key: str, digests: list[str] | None) -> tuple[bytes, ...] | None:
    """A graph's chunks from the cache, if all are there intact (their sha256 as recorded)."""
    if not digests:
        return None
    try:
        chunk = tuple((cache_dir / cache.CHUNKS_DIR / f"{key}.{kind}").read_bytes() for kind in cache.CHUNK_KINDS)
    except OSError:
        return None
    return chunk if [cache.sha256(c) for c in chunk] == digests else None


def _write(root: Path, files: dict[str, bytes], manifest: cache.Manifest) -> None:
    """One transaction: build/ files, cache, store, graph/zone.trig; stale outputs deleted."""
    from zonekg.store.local import update_store

    build_dir = paths.build_dir(root)
    targets = {build_dir / name: data for name, data in files.items()}
    targets[root / COMMITTED_GRAPH] = files["zone.trig"]
    store_nquads = files["zone.nq"] + files.get("inferred.nq", b"") + files.get("drafts.nq", b"")
    cache_dir = build_dir / cache.CACHE_DIR
    delete = [build_dir / n for n in BUILD_OUTPUTS if n not in files and (build_dir / n).exists()]
    steps_dir = cache_dir / "steps"
    kept = {n for entry in manifest.steps.values() for n in entry["files"]}
    if steps_dir.is_dir():
        delete += [p for p in steps_dir.iterdir() if not p.name.startswith(TEMP) and p.name not in kept]
    if cache_dir.is_dir():
        delete += [p for p in cache_dir.glob("*.nq") if f"{cache.CACHE_DIR}/{p.name}" not in files]
    chunks_dir = cache_dir / cache.CHUNKS_DIR  # chunks in use and still intact are kept, not rewritten
    if chunks_dir.is_dir():
        delete += [p for p in chunks_dir.iterdir() if not p.name.startswith(TEMP)
                   and p.name.rsplit(".", 1)[0] not in manifest.chunks]
    manifest.outputs = {_rel(root, p): cache.sha256(d) for p, d in targets.items()
                        if p.parent == build_dir or p == root / COMMITTED_GRAPH}
    manifest.outputs[f"build/{STORE_DIR}"] = "dir"
    targets[cache_dir / cache.MANIFEST] = manifest.to_bytes()
    # The store is patched from the last build's (still live while staging), or written afresh.
    make_store = {build_dir / STORE_DIR: lambda tmp: update_store(store_nquads, tmp, build_dir)}
    with progress("writing build/"):
        commit(build_dir, targets, make_store, delete)
