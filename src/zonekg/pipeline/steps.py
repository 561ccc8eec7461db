"""The build's later stages as *steps*: each takes the built result and returns more files for
the same transaction, plus lines for the summary.

The steps are listed here, by name, with plain imports of what they run: nothing is found by a
string at run time, so a missing module fails loudly when the build starts, not by dropping a
stage.  The heavy modules (the reasoner, the HTML view) are imported inside each step's function,
so that an unchanged rebuild, which runs no step, does not pay for importing them.

A step's name keys its cache entry (:mod:`zonekg.pipeline.cache`) and its line in the summary.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zonekg.rdf.dataset import BuildResult


@dataclass
class StepOutput:
    """What a build step adds: files for build/ and lines for the summary."""

    files: dict[str, bytes] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Step:
    """One stage of the build after SHACL: a name (its cache key) and the function that runs it."""

    name: str
    run: Callable[[BuildResult, Path], StepOutput]


def _reason(result: BuildResult, root: Path) -> StepOutput:
    """Fail on an inconsistency, else add build/inferred.*."""
    from zonekg.reason.reasoner import inferred_files, reason, summary_lines

    run = reason(result, root)
    return StepOutput(files=inferred_files(run.inferred), messages=summary_lines(run))


def _view(result: BuildResult, root: Path) -> StepOutput:
    """The whole graph as build/zone.html."""
    from zonekg.views.graph_page import render, whole_view

    view = whole_view(result.dataset)
    return StepOutput({"zone.html": render(view)},
                      [f"zone.html: {view.graph.number_of_nodes()} nodes, {view.graph.number_of_edges()} edges"])


def _drafts(result: BuildResult, root: Path) -> StepOutput:
    """``build --drafts``: the unreviewed items' RDF files, apart from the reviewed graph."""
    from zonekg.pipeline.drafts import drafts_dataset, drafts_files

    files = drafts_files(drafts_dataset(result), result)
    return StepOutput(files, ["drafts: build/drafts.trig, build/drafts.nq (unreviewed, kept apart)" if files
                              else "drafts: none"])


def _drafts_page(result: BuildResult, root: Path) -> StepOutput:
    """``build --drafts`` with the HTML view: the drafts' own page, build/drafts.html."""
    from zonekg.pipeline.drafts import drafts_dataset
    from zonekg.views.drafts_page import drafts_page

    ds = drafts_dataset(result)
    return StepOutput({"drafts.html": drafts_page(ds, result)} if len(ds) else {})


REASON = Step("reason", _reason)
VIEW = Step("view", _view)
DRAFTS = Step("drafts", _drafts)
DRAFTS_PAGE = Step("drafts-page", _drafts_page)

#: What ``zonekg build`` runs after SHACL, in order (``--core``: none of them).
DEFAULT: tuple[Step, ...] = (REASON, VIEW)


def with_drafts(steps: tuple[Step, ...]) -> tuple[Step, ...]:
    """The steps of ``build --drafts``: the drafts' files, and their page when the view is drawn."""
    return steps + ((DRAFTS, DRAFTS_PAGE) if VIEW in steps else (DRAFTS,))
