"""SHACL one source at a time (docs/build.md): a source's result is cached, a node that several
sources describe is judged on what they all say, and a violation names its fact sheet and line.

Two sources on one fictional article: ``qinglan-a`` and a copy of its sheet under another
source id (every entity id shared, as sources about one zone share them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import SOURCE_ID, copy_project, install
from zonekg.model.errors import ZoneKGError
from zonekg.pipeline.run import run_build

COPY = "qinglan-copy"

#: A time:Instant entity (not one of the sheet's times) whose date-time a sheet states: the
#: shapes allow one time:inXSDDateTime per instant (zs:Dates).
DEADLINE = """  - id: deadline-2026
    type: time:Instant
    zh: 2026年
    en: the deadline, 2026
    quote: 到2026年
"""
DEADLINE_FACTS = """  - id: deadline-instant
    s: deadline-2026
    p: time:inXSDDateTime
    v: "{when}"
    quote: 到2026年
    modality: planned
    derivation: by 2026, read as the moment the year {reading}
  - id: deadline-year
    s: deadline-2026
    p: calendarYear
    v: 2026
    quote: 到2026年
    modality: planned
    derivation: the year of 到2026年
"""
#: An observation with no indicator: zs:Observation wants one (sh:minCount 1).
BARE_OBSERVATION = """  - id: obs-without-indicator
    type: Observation
    zh: 某观测
    en: an observation with no indicator
    quote: 全区地区生产总值
"""


def sheets(root: Path) -> tuple[Path, Path]:
    """qinglan-a and its copy (the project's own article left out, to keep the builds short)."""
    (root / "graph" / "facts" / f"{SOURCE_ID}.yaml").unlink()
    first = install(root, "qinglan-a")
    copy = first.with_name(f"{COPY}.yaml")
    copy.write_text(first.read_text(encoding="utf-8").replace("  id: qinglan-a\n", f"  id: {COPY}\n", 1),
                    encoding="utf-8")
    return first, copy


def add(sheet: Path, entities: str = "", statements: str = "", drop: tuple[str, ...] = ()) -> None:
    text = sheet.read_text(encoding="utf-8")
    text = text.replace("\nentities:\n", "\nentities:\n" + entities, 1)
    text = text.replace("\nstatements:\n", "\nstatements:\n" + statements, 1)
    for statement in drop:  # a statement block, from its id to the next item
        start = text.index(f"  - id: {statement}\n")
        end = text.index("  - id: ", start + 1)
        text = text[:start] + text[end:]
    sheet.write_text(text, encoding="utf-8")


def line_of(sheet: Path, text: str) -> int:
    return sheet.read_text(encoding="utf-8").splitlines().index(text) + 1


def reused_line(result) -> str:
    return result.messages[-1]


@pytest.mark.slow
def test_a_violation_that_only_the_union_has_is_found(tmp_path):
    """Each sheet gives the shared instant one date-time, so each graph alone conforms; the two
    differ, so the union holds two and breaks sh:maxCount 1. The later sheet is named."""
    root = copy_project(tmp_path)
    first, copy = sheets(root)
    add(first, DEADLINE, DEADLINE_FACTS.format(when="2027-01-01T00:00:00+08:00", reading="ends"))
    add(copy, DEADLINE, DEADLINE_FACTS.format(when="2027-01-01T00:00:00+08:00", reading="ends"))
    assert reused_line(run_build(root, steps=())) == "reused: nothing (all rebuilt)"  # same value: conforms
    add(copy, statements="", drop=("deadline-instant",))
    add(copy, statements=DEADLINE_FACTS.format(when="2026-01-01T00:00:00+08:00", reading="begins")
        .split("  - id: deadline-year")[0])
    before = (root / "build" / "zone.nq").read_bytes()
    with pytest.raises(ZoneKGError) as err:
        run_build(root, steps=())
    message = str(err.value)
    assert "deadline-2026 [http://www.w3.org/2006/time#inXSDDateTime]" in message
    assert "described by several sources: qinglan-a.yaml, qinglan-copy.yaml" in message
    assert err.value.file == copy and err.value.line == line_of(copy, "  - id: deadline-2026")
    assert (root / "build" / "zone.nq").read_bytes() == before  # nothing written


def test_a_node_that_another_source_completes_conforms(tmp_path):
    """The copy lists the shared observation without its indicator and area: its graph alone
    breaks zs:Observation, but the union (with qinglan-a's statements) conforms, and so does the build."""
    root = copy_project(tmp_path)
    _first, copy = sheets(root)
    add(copy, drop=("gdp-indicator", "gdp-area"))
    result = run_build(root, steps=())
    assert reused_line(result) == "reused: nothing (all rebuilt)"


@pytest.mark.slow
def test_a_changed_invalid_sheet_fails_beside_a_cached_valid_one(tmp_path):
    """The first sheet's SHACL result comes from the cache; the changed copy breaks a shape on a
    node only it describes; the error names the copy and the line of that node."""
    root = copy_project(tmp_path)
    first, copy = sheets(root)
    run_build(root, steps=())
    copy.write_text(copy.read_text(encoding="utf-8").replace(
        "Qinglan ETDZ: a good start", "Qinglan ETDZ (copy): a good start", 1), encoding="utf-8")
    assert reused_line(run_build(root, steps=())) == "reused: 1 of 2 fact sheets, SHACL of 1 of 2 sources"
    add(copy, BARE_OBSERVATION)
    with pytest.raises(ZoneKGError) as err:
        run_build(root, steps=())
    message = str(err.value)
    assert "obs-without-indicator [https://w3id.org/zonekg/ontology#indicator]" in message
    assert err.value.file == copy and err.value.line == line_of(copy, "  - id: obs-without-indicator")
    assert "qinglan-a.yaml" not in message
    # the same sheet alone, without any cache, fails the same way
    fresh = copy_project(tmp_path / "fresh")
    sheets(fresh)[0].unlink()
    (fresh / "graph" / "facts" / f"{COPY}.yaml").write_text(copy.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ZoneKGError, match="obs-without-indicator"):
        run_build(fresh, steps=())
