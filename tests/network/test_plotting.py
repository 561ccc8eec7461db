"""zonekg.network.plotting: charts draw Chinese labels with a CJK font, not boxes.

Matplotlib warns "Glyph … missing from font(s)" for every character it has to draw as a box;
drawing every label of the graph must raise no such warning once the CJK font is set up."""

from __future__ import annotations

import io
import os
import warnings

import matplotlib
import pytest

from zonekg.network import plotting
from zonekg.network.graph import to_networkx

matplotlib.use("Agg")

FONT = plotting.find_cjk_font()
needs_font = pytest.mark.skipif(
    FONT is None and os.environ.get("CI") != "true",
    reason=f"no CJK font on this machine ({plotting.INSTALL_HINT}); CI installs fonts-noto-cjk",
)


@pytest.fixture(scope="module")
def labels(built) -> list[str]:
    graph = to_networkx(built.dataset)
    return sorted({d["label_zh"] for _n, d in graph.nodes(data=True)} | {"度中心性", "时间线"})


def _missing_warnings(labels: list[str]) -> list[str]:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4, 30))
    ax.barh(range(len(labels)), range(len(labels)), tick_label=labels)
    ax.set_title("实体 · entities")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png", dpi=30)
    plt.close(fig)
    return [str(w.message) for w in caught if "missing from" in str(w.message)]


@needs_font
def test_every_label_has_glyphs_in_the_font(labels):
    family, path = FONT
    assert plotting.missing_glyphs("".join(labels), path) == set()


@pytest.mark.slow
@needs_font
def test_charts_draw_chinese_without_boxes(labels):
    saved = matplotlib.rcParams.copy()
    try:
        matplotlib.rcParams["font.family"] = "sans-serif"
        matplotlib.rcParams["font.sans-serif"] = ["DejaVu Sans"]
        assert _missing_warnings(labels), "the check must see boxes with a Latin-only font"
        assert plotting.use_cjk_font(strict=True) == FONT[0]
        assert _missing_warnings(labels) == []
    finally:
        matplotlib.rcParams.update(saved)


def test_missing_font_is_reported(monkeypatch):
    monkeypatch.setattr(plotting, "find_cjk_font", lambda: None)
    with pytest.raises(plotting.ZoneKGError, match="fonts-noto-cjk"):
        plotting.use_cjk_font(strict=True)
    with pytest.warns(UserWarning, match="boxes"):
        assert plotting.use_cjk_font() is None
