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


def test_the_workers_memory_is_an_option(store, project: Path) -> None:
    """--memory MIB sets the ceiling of the query's worker: a query past it is one line naming the
    ceiling and the option; a higher ceiling answers as usual; below 64 MiB is refused."""
    square = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"
    low = query(project, square, "--memory", "64")
    assert low.exit_code == 1
    assert low.stderr.strip().endswith("a worker may use (64 MiB; --memory sets it)); the worker was replaced")
    high = query(project, "gdp-growth-rank", "--memory", "2048", "--format", "csv")
    assert high.exit_code == 0, high.stderr
    # the article: 今年上半年,全区GDP完成48.98 亿元,同比增长6.6%
    assert "4898000000" in high.stdout and "6.6" in high.stdout
    tiny = query(project, "gdp-growth-rank", "--memory", "32")
    assert tiny.exit_code == 1 and tiny.stderr.strip() == "error: --memory: a worker needs at least 64 MiB, not 32"
