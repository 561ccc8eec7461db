"""``zonekg query`` warns on stderr, before the answer, about a term the graph does not have as
written: a misspelt one with "did you mean", the three saved queries of 0.1.0 that issue 21 found
answering 0 rows with the term that replaced theirs.  The answer itself is unchanged (a warning,
not a refusal), so stdout stays clean for a pipe."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import FIXTURES
from zonekg.cli import app

OLD = FIXTURES / "queries-0.1"


def query(project: Path, *args: str):
    return CliRunner().invoke(app, ["query", *args, "--root", str(project)])


def test_a_misspelt_term_is_a_warning_on_stderr(built, project: Path) -> None:
    res = query(project, "SELECT ?doc WHERE { ?body zo:isued ?doc }", "--format", "csv")
    assert res.exit_code == 0, res.output
    assert res.stdout.split() == ["doc"]  # the answer: no rows, nothing else on stdout
    assert res.stderr.startswith("warning: zo:isued is not a term of the zonekg ontology")
    assert "did you mean zo:issued (出台)?" in res.stderr


@pytest.mark.parametrize(("path", "old", "new"), [
    (OLD / "timeline.rq", "time:inXSDDateTimeStamp", "time:inXSDDateTime"),
    (OLD / "zone-approval.rq", "time:inXSDDateTimeStamp", "time:inXSDDateTime"),
    (OLD / "analyst" / "talent-policy-issuer.rq", "zo:issued", "zo:revised"),
], ids=lambda v: v.stem if isinstance(v, Path) else None)
def test_the_three_broken_queries_of_0_1_are_warned_by_name(built, project: Path, path: Path, old: str,
                                                            new: str) -> None:
    res = query(project, str(path))
    assert res.exit_code == 0, res.output
    assert "(0 rows)" in res.stdout  # what the analyst saw, silently, before
    (line,) = res.stderr.splitlines()
    assert line.startswith(f"warning: {old} ") and f"use {new}" in line


def test_a_current_query_gets_no_warning(built, project: Path) -> None:
    res = query(project, "gdp-growth-rank")
    assert res.exit_code == 0 and res.stderr == ""
