"""The query table drawn without rich's console (the quick path of ``zonekg query``) is the table
rich draws: checked by hand on one row of the article, and against rich on generated tables."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

if os.environ.get("CI") != "true":  # in CI a missing hypothesis fails at the import below, never skips
    pytest.importorskip("hypothesis", reason="hypothesis is in the test extra: pip install -e '.[test]'")

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests.helpers import ROOT
from zonekg.queries.answers import _plain_table, _rich_table  # noqa: E402

# From the article: 今年上半年,全区GDP完成48.98 亿元 — the zone's name is nine wide characters (18 columns).
ROW = ["豫商经济技术开发区", "2024年上半年", "4898000000"]
EXPECTED = (" area               ┃ period       ┃ gdp\n"
            "━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━╇━━━━━━━━━━━━\n"
            " 豫商经济技术开发区 │ 2024年上半年 │ 4898000000\n")


def test_one_row_of_the_article_by_hand():
    assert _plain_table(["area", "period", "gdp"], [ROW], None) == EXPECTED
    assert _rich_table(["area", "period", "gdp"], [ROW], None) == EXPECTED


def test_a_table_wider_than_the_terminal_is_left_to_rich():
    names = ["area", "period", "gdp"]
    assert _plain_table(names, [ROW], 48) == EXPECTED  # 18 + 12 + 10 + 3·3 − 1 = 48 columns: fits
    assert _plain_table(names, [ROW], 47) is None
    assert "\n 豫商经济技术开发区 │" not in _rich_table(names, [ROW], 47)  # rich wraps it


# Cells: ASCII, spaces, wide CJK, zero-width and combining marks, Latin-1, box drawing, emoji, and the
# characters the quick path leaves to rich (tab, newline, zero-width joiner, variation selector).
CELL = st.text(st.sampled_from(list("ab Z09-_.:/") + list("豫商经济区亿元") + ["\u0301", "\u200b", "é", "ß", "│",
                                                                       "😀", "\u3000", "\t", "\n", "\u200d",
                                                                       "\ufe0f", "\u2028", "\x85"]), max_size=12)
NAME = st.text(st.sampled_from(list("abcxyz_019")), min_size=1, max_size=10)


@st.composite
def tables(draw):
    names = draw(st.lists(NAME, min_size=1, max_size=5))
    rows = draw(st.lists(st.lists(CELL, min_size=len(names), max_size=len(names)), max_size=4))
    width = draw(st.none() | st.integers(min_value=20, max_value=120))
    return names, rows, width


@settings(max_examples=400, deadline=None)
@given(tables())
def test_the_quick_table_is_the_table_rich_draws(table):
    names, rows, width = table
    quick = _plain_table(names, rows, width)
    if quick is not None:
        assert quick == _rich_table(names, rows, width)


def test_the_quick_path_is_taken_for_cjk_text():
    """So that the comparison above is not vacuous."""
    assert _plain_table(["a"], [["豫商 é\u0301 😀 │"]], None) is not None
    assert _plain_table(["a"], [["a\tb"]], None) is None


def test_a_query_into_a_pipe_does_not_load_richs_console(store, project):
    code = ("import sys\nfrom zonekg.cli import app\n"
            f"try:\n    app(['query', 'gdp-growth-rank', '--root', {str(project)!r}])\n"
            "except SystemExit:\n    pass\n"
            "print('rich.console' in sys.modules, file=sys.stderr)")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert "4898000000" in out.stdout and "(1 row)" in out.stdout, out.stderr
    assert out.stderr.strip().splitlines()[-1] == "False"
