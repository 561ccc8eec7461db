"""Incremental builds: what a build can take over from the last one, decided by hashes.

Keys (sha256, hex):

- a **sheet key** per fact sheet: its bytes, the bytes of the source text it names, the ontology
  and the code version. Its named graph is cached as N-Quads in ``build/cache/<file>.nq``, with
  the counts the summary needs, and reused while the key is unchanged.
- the **union key**: the code, every ontology file, the shapes and every sheet key. Each later
  step (reasoning, the HTML view) reruns only when it changes; their files are kept in
  ``build/cache/`` so that ``build --core`` and a full build never mix their pieces. When it
  changes, SHACL reruns only where its own keys changed: one per source graph (that graph, the
  shapes, the ontology, the code) and one for the nodes several sources describe; the results
  are kept by key in the manifest (:func:`zonekg.pipeline.shacl.validate_sources`).
- a **chunk key** per named graph: its N-Quads and the code. Its pieces of zone.nq, zone.trig
  and zone.ttl are kept in ``build/cache/chunks/<key>.{nq,trig,ttl}`` (their sha256 in the
  manifest), so a rebuild writes those pieces only for the graphs that changed
  (``zonekg.pipeline.run._serialise``); chunks still in use are neither rewritten nor deleted.
- the **build key**: the union key and the steps asked for. When it equals the last build's and
  every output still has the bytes the last build wrote, nothing is rebuilt nor rewritten.

The manifest (``build/cache/manifest.json``) is written in the same transaction as the outputs.
Only the standard library is imported here, so that an unchanged build stays cheap.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from zonekg.model import paths

#: The cache folder inside build/, and its manifest.
CACHE_DIR = "cache"
MANIFEST = "manifest.json"
#: Each named graph's pieces of zone.nq, zone.trig and zone.ttl: build/cache/chunks/<chunk key>.<kind>.
CHUNKS_DIR = "chunks"
#: The kinds of chunk file, in the order of the pieces (zonekg.pipeline.run._serialise).
CHUNK_KINDS = ("nq", "trig", "ttl")
#: Bump when the manifest's layout changes.
FORMAT = 4
# The whole zonekg package (this file is zonekg/pipeline/cache.py).
PACKAGE = Path(__file__).resolve().parents[1]


def sha256(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()


def file_hash(path: Path) -> str:
    return sha256(path.read_bytes()) if path.is_file() else "missing"


def code_files() -> list[Path]:
    """Every file of the whole ``zonekg`` package (not only this sub-package: the views, queries
    and reasoner write the outputs too), relative to it."""
    return sorted(p.relative_to(PACKAGE) for p in PACKAGE.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts)


@cache
def code_version() -> str:
    """Every file of the installed package (code, templates, vendored scripts): a code change
    invalidates every cached piece, which is simple and safe."""
    return sha256(*(part for rel in code_files() for part in (str(rel).encode(), (PACKAGE / rel).read_bytes())))


def ontology_hash(root: Path) -> str:
    """Every file of ontology/ (the ontology, alignments, reasoning axioms and shapes)."""
    folder = paths.ontology_dir(root)
    files = sorted(folder.glob("*.ttl")) if folder.is_dir() else []
    return sha256(*(part for p in files for part in (p.name.encode(), p.read_bytes())))


@dataclass
class SheetEntry:
    """What the cache keeps of one fact sheet's build."""

    key: str
    source_id: str
    source_file: str  # the source text the sheet names, relative to the project
    nquads: str  # file in build/cache/
    stats: dict


@dataclass
class Manifest:
    build_key: str = ""
    union_key: str = ""
    sheets: dict[str, SheetEntry] = field(default_factory=dict)  # fact sheet path (relative) → entry
    steps: dict[str, dict] = field(default_factory=dict)  # step name → {"key", "files", "messages"}
    outputs: dict[str, str] = field(default_factory=dict)  # output path (relative to root) → sha256
    info: dict = field(default_factory=dict)  # the summary's counts
    messages: list[str] = field(default_factory=list)
    shacl: dict[str, list] = field(default_factory=dict)  # SHACL results by key (zonekg.pipeline.shacl)
    #: chunk key → sha256 of each of the graph's chunk files, in CHUNK_KINDS order (CHUNKS_DIR)
    chunks: dict[str, list[str]] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        data = {"format": FORMAT, "build_key": self.build_key, "union_key": self.union_key,
                "sheets": {k: vars(v) for k, v in sorted(self.sheets.items())},
                "steps": dict(sorted(self.steps.items())), "outputs": dict(sorted(self.outputs.items())),
                "info": self.info, "messages": self.messages, "shacl": self.shacl,
                "chunks": dict(sorted(self.chunks.items()))}
        return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def read_manifest(build_dir: Path) -> Manifest | None:
    """The last build's manifest, or None (none, unreadable or of another format: build afresh)."""
    path = build_dir / CACHE_DIR / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return None
        return Manifest(data["build_key"], data["union_key"],
                        {k: SheetEntry(**v) for k, v in data["sheets"].items()},
                        data["steps"], data["outputs"], data["info"], data["messages"], data["shacl"],
                        data.get("chunks", {}))
    except (OSError, ValueError, KeyError, TypeError):
        return None


@dataclass
class Inputs:
    """The hashes of one build's inputs."""

    root: Path
    steps: tuple[str, ...]
    ontology: str
    sheet_keys: dict[str, str]  # fact sheet path (relative) → sheet key ("" when not known yet)

    @property
    def union_key(self) -> str:
        return sha256(code_version().encode(), self.ontology.encode(),
                      *(f"{k}={v}".encode() for k, v in sorted(self.sheet_keys.items())))

    @property
    def build_key(self) -> str:
        return sha256(self.union_key.encode(), *(s.encode() for s in self.steps))

    def step_key(self, name: str) -> str:
        return sha256(self.union_key.encode(), name.encode())


def sheet_key(root: Path, sheet_bytes: bytes, source_file: str, ontology: str) -> str:
    """The sheet, its source text and the text's sibling files of the same id (``<id>.meta.yaml``)."""
    text = root / source_file
    stem = text.name.split(".")[0]
    siblings = sorted(text.parent.glob(f"{stem}.*")) if text.parent.is_dir() else []
    return sha256(code_version().encode(), ontology.encode(), sheet_bytes, source_file.encode(),
                  file_hash(text).encode(), *(f"{p.name}={file_hash(p)}".encode() for p in siblings))


def chunk_key(graph_nquads: bytes) -> str:
    """The key of one named graph's output chunks: its N-Quads (:func:`zonekg.rdf.serialise.graph_bytes`)
    and the code version (the writers and the prefixes are code)."""
    return sha256(code_version().encode(), graph_nquads)


def hash_inputs(root: Path, sheets: list[Path], steps: tuple[str, ...], last: Manifest | None,
                mode: str = "") -> Inputs:
    """Hash every input. A sheet's key needs the source text it names, known from the last build;
    a sheet that is new (or whose text moved) gets an empty key and is built afresh. ``mode``
    ("drafts") is part of every key: a sheet read with its drafts left out is never reused by a
    build that must refuse them."""
    onto = sha256(ontology_hash(root).encode(), mode.encode())
    keys = {}
    for path in sheets:
        rel = str(path.relative_to(root))
        entry = last.sheets.get(rel) if last else None
        keys[rel] = sheet_key(root, path.read_bytes(), entry.source_file, onto) if entry else ""
    return Inputs(root, steps, onto, keys)


def outputs_intact(root: Path, manifest: Manifest) -> bool:
    """Every output of the last build is still there with the bytes it wrote (the store: its
    files as its own manifest records them, so that a damaged store is rebuilt)."""
    for rel, digest in manifest.outputs.items():
        path = root / rel
        if digest == "dir":
            if not path.is_dir():
                return False
            from zonekg.model.errors import BuildDamaged
            from zonekg.store.local import check_store

            try:
                check_store(path)
            except BuildDamaged:
                return False
        elif file_hash(path) != digest:
            return False
    return True


def touch(root: Path, manifest: Manifest) -> None:
    """Mark the reused outputs as current (mtime only, no byte rewritten), for readers that
    compare modification times with the inputs'."""
    for rel in manifest.outputs:
        try:
            os.utime(root / rel)
        except OSError:
            pass
