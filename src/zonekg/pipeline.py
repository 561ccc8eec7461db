"""The main job: fact sheets → checked model → RDF → SHACL → files in build/.

Every check runs before the first file is written, and files are renamed into place, so a
failed build leaves build/ as it was.  Later stages (reasoning, the HTML view) plug in as
*steps*: functions that take the built result and return more files for the same atomic
write, plus lines for the summary.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from . import paths
from .build import BuildResult, make_dataset, serialise
from .fileio import write_atomically
from .graphs import merged
from .validate import validate

#: The committed copy of the built dataset, so that the graph itself diffs in git.
COMMITTED_GRAPH = Path("graph") / "zone.trig"


@dataclass
class StepOutput:
    """What a build step adds: files for build/ and lines for the summary."""

    files: dict[str, bytes] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)


Step = Callable[[BuildResult, Path], StepOutput]

#: Steps run after validation, in order ("module:function"); a step may raise ZoneKGError.
STEPS: tuple[str, ...] = ("zonekg.reason:build_step", "zonekg.viz:build_step")


def validation_graph(result: BuildResult) -> Graph:
    """A fresh union of every graph of the build (sources and ontology), for SHACL."""
    return merged(result.dataset)


def _load_step(spec: str) -> Step | None:
    module_name, func = spec.split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            return None  # that stage is not part of this installation
        raise
    return getattr(module, func, None)


def run_build(root: Path, steps: tuple[str, ...] | None = None, drafts: bool = False) -> BuildResult:
    """Build everything; raise ZoneKGError (nothing written) on any bad input.  ``drafts``
    also writes build/drafts.trig (unreviewed items, apart) instead of refusing them."""
    result = make_dataset(root, drafts=drafts)
    validate(validation_graph(result), paths.shapes_file(root))
    files = serialise(result)
    for spec in STEPS if steps is None else steps:
        step = _load_step(spec)
        if step is None:
            continue
        out = step(result, root)
        files.update(out.files)
        result.messages.extend(out.messages)
    if drafts:
        from .review import drafts_files

        html = "zonekg.viz:build_step" in (STEPS if steps is None else steps)
        files.update(drafts_files(root, result, html=html))
    result.files = files
    write_atomically(paths.build_dir(root), files)
    write_atomically(root / COMMITTED_GRAPH.parent, {COMMITTED_GRAPH.name: files["zone.trig"]})
    return result
