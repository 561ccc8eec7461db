"""The notebooks run top to bottom from a fresh kernel, offline, on a private copy of the project,
and the stored .ipynb files stay in step with their jupytext scripts (the reviewed source).

The kernel is this test's own interpreter, declared in a private kernelspec folder: no
``ipykernel install`` is needed and a user's other kernels cannot be picked up by mistake.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT, SOURCE_TEXT

pytestmark = [pytest.mark.notebook]

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.py"))
KERNEL = "zonekg-test"

#: Prepended to every notebook under test: any connection that leaves this machine fails.
OFFLINE_GUARD = """
import socket as _socket

_connect = _socket.socket.connect
def _local_only(self, address, *args):
    if isinstance(address, tuple) and address[0] not in ("127.0.0.1", "::1", "localhost"):
        raise OSError(f"notebook tried to reach the network: {address}")
    return _connect(self, address, *args)
_socket.socket.connect = _local_only
"""


def test_there_are_three_notebooks():
    assert [p.stem for p in NOTEBOOKS] == ["01-tour", "02-structure", "03-goals-indicators"]


@pytest.mark.parametrize("script", NOTEBOOKS, ids=lambda p: p.stem)
def test_ipynb_is_the_script_without_outputs(script: Path):
    """The .ipynb a user opens holds the same cells as the reviewed .py, and no outputs."""
    import jupytext

    stored = json.loads(script.with_suffix(".ipynb").read_text(encoding="utf-8"))
    expected = jupytext.read(script)
    assert [(c["cell_type"], "".join(c["source"])) for c in stored["cells"]] == \
        [(c.cell_type, c.source) for c in expected.cells]
    for cell in stored["cells"]:
        assert not cell.get("outputs") and cell.get("execution_count") is None, "strip outputs before committing"
    assert stored["metadata"]["jupytext"]["formats"] == "ipynb,py:percent"


@pytest.fixture(scope="session")
def kernel_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JUPYTER_PATH holding one kernelspec that starts ipykernel with this interpreter."""
    base = tmp_path_factory.mktemp("jupyter")
    spec = base / "kernels" / KERNEL
    spec.mkdir(parents=True)
    spec.joinpath("kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "zonekg tests", "language": "python",
    }), encoding="utf-8")
    return base


def _snapshot(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*")} if folder.exists() else {}


@pytest.fixture(scope="session")
def executed(built, project: Path, kernel_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    """Run every notebook once in the built project copy; the executed notebooks by name."""
    import jupytext
    import nbformat
    from nbclient import NotebookClient

    from zonekg.views.notebooks import kernel_environment

    before = {name: _snapshot(ROOT / name) for name in ("build", "notebooks", "graph")}
    results = {}
    with kernel_environment(project, str(kernel_dir)):
        for script in NOTEBOOKS:
            nb = jupytext.read(script)
            nb.cells.insert(0, nbformat.v4.new_code_cell(OFFLINE_GUARD))
            workdir = tmp_path_factory.mktemp(script.stem)
            client = NotebookClient(nb, kernel_name=KERNEL, timeout=120, resources={"metadata": {"path": str(workdir)}})
            client.execute()
            results[script.stem] = nb
    after = {name: _snapshot(ROOT / name) for name in ("build", "notebooks", "graph")}
    assert after == before, "running the notebooks must not write into the checkout"
    return results


def _text(nb) -> str:
    """All text the notebook printed or displayed."""
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            data = out.get("data", {})
            parts.append(data.get("text/plain", ""))
            parts.append(data.get("text/html", ""))
    return "\n".join(parts)


def _images(nb) -> int:
    return sum("image/png" in out.get("data", {}) for cell in nb.cells for out in cell.get("outputs", []))


def test_notebooks_run_without_errors(executed):
    assert set(executed) == {p.stem for p in NOTEBOOKS}
    for name, nb in executed.items():
        errors = [out for cell in nb.cells for out in cell.get("outputs", []) if out.get("output_type") == "error"]
        assert not errors, f"{name}: {errors}"


def test_tour_follows_the_gdp_back_to_its_sentence(executed):
    text = _text(executed["01-tour"])
    # The article: 今年上半年,全区GDP完成48.98 亿元,同比增长6.6%,增长率全市第一名。
    assert "quote   : 全区GDP完成48.98 亿元" in text
    assert "sentence: 今年上半年,【全区GDP完成48.98 亿元】,同比增长6.6%,增长率全市第一名。" in text
    assert "今年上半年,全区GDP完成48.98 亿元,同比增长6.6%" in SOURCE_TEXT.read_text(encoding="utf-8")
    assert "河南福田智蓝新能源汽车公司 / Henan Futian Zhilan New Energy Vehicle Co." in text


def test_structure_names_the_committee_and_embeds_the_graph(executed, project: Path):
    nb = executed["02-structure"]
    text = _text(nb)
    assert "豫商经济技术开发区管委会" in text
    # the two outlets are linked only to the article: components of one entity each
    assert "component 2: 1 entities: " in text and "component 3: 1 entities: " in text
    assert _images(nb) >= 2
    assert (project / "build" / "zone.html").is_file(), "the build writes the interactive page"
    assert "<iframe" in text and "srcdoc=" in text


def test_goals_notebook_draws_the_timeline(executed):
    nb = executed["03-goals-indicators"]
    text = _text(nb)
    assert _images(nb) >= 4
    for year in ("2023", "2024", "2025", "2027"):  # the stage years of 一二三五
        assert year in text
    assert "48.98 亿元" in text  # the indicators table shows the article's own wording
    assert "0 unaccounted for" in text  # every sentence carries a statement or a reason for none
