"""The command line a newcomer meets first: ``--version``, and ``coverage`` output that survives a pipe.

Expected numbers come from reading the article: 49 sentences, 41 carrying statements and 8 marked
as carrying none (two navigation lines, five section headings, the portal's contact line).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from tests.helpers import ROOT
from zonekg.cli import app

SRC = ROOT / "src"


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def zonekg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The real ``zonekg`` in a child process, its stdout a pipe (not a terminal), as in ``zonekg … | grep``."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "80"}
    return subprocess.run([sys.executable, "-m", "zonekg", *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, cwd=cwd, timeout=120)


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str) -> None:
    from importlib.metadata import PackageNotFoundError, version

    import zonekg

    res = run(flag)
    assert res.exit_code == 0, res.output
    assert res.output == f"zonekg {zonekg.__version__}\n"
    assert re.fullmatch(r"\d+\.\d+\.\d+", zonekg.__version__)
    try:  # the installed metadata reads the same attribute (pyproject: dynamic version)
        assert version("zonekg") == zonekg.__version__
    except PackageNotFoundError:
        pass


def test_pyproject_has_one_version_and_an_spdx_license() -> None:
    import tomllib

    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in meta["project"] and "version" in meta["project"]["dynamic"]
    assert meta["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "zonekg.__version__"}
    assert meta["project"]["license"] == "MIT"  # a string: no deprecation banner from setuptools ≥ 77
    assert "jupyterlab" not in " ".join(meta["project"]["optional-dependencies"]["notebooks"])


def test_coverage_in_a_pipe_is_one_line_per_sentence(project: Path) -> None:
    res = zonekg("coverage", "--root", str(project))
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    # From the article: sentence 15 (line 14) reports the GDP; it is one line, however long.
    gdp = [line for line in lines if line.startswith("s15 line 14: ")]
    assert gdp == ["s15 line 14: 今年上半年,全区GDP完成48.98 亿元,同比增长6.6%,增长率全市第一名。"]
    assert max(len(line) for line in lines) > 80  # long sentences are not cut at 80 columns
    assert sum(1 for line in lines if re.match(r"s\d+ line \d+: ", line)) == 49
    # The contact line is shown as written, not eaten as console markup.
    assert "s49 line 31: [不良信息举报:service@cnrepark.com]" in lines
    assert "\x1b[" not in res.stdout  # no colour codes into a pipe
    assert "49 sentences: 41 with statements, 8 marked as carrying no fact, 0 missing" in lines


def test_coverage_singular_and_plural(project: Path) -> None:
    out = run("coverage", "--root", str(project)).output
    # Sentence 48, the portal's disclaimer, carries exactly one statement (that it was reposted).
    assert "    1 statement: source-reposted" in out
    assert not re.search(r"(?<!\d)1 statements", out)
    assert re.search(r"    [2-9]\d* statements: ", out)


def test_coverage_missing_says_zero(project: Path) -> None:
    res = run("coverage", "--root", str(project), "--missing")
    assert res.exit_code == 0, res.output
    assert "0 missing" in res.output
    assert not re.search(r"^s\d+ line", res.output, re.M)


def test_coverage_missing_lists_what_the_build_refuses(scratch: Path) -> None:
    """A no_fact entry removed: coverage still runs and names the sentence; the build refuses it."""
    sheet = next((scratch / "graph" / "facts").glob("*.yaml"))
    text = sheet.read_text(encoding="utf-8")
    entry = ("  - quote: 河南切换\n"
             "    reason: the reposting portal's navigation (region switcher), not part of the article\n")
    assert entry in text, "fixture: the no_fact entry of the portal's region switcher changed"
    sheet.write_text(text.replace(entry, "", 1), encoding="utf-8")
    res = run("coverage", "--root", str(scratch), "--missing")
    assert res.exit_code == 1
    shown = [line for line in res.output.splitlines() if re.match(r"s\d+ line \d+: ", line)]
    assert len(shown) == 1 and shown[0].endswith(": 河南切换")
    assert "UNACCOUNTED" in res.output and "1 missing" in res.output
    assert run("build", "--root", str(scratch), "--core").exit_code == 1


def test_print_coverage_does_not_wrap_on_a_narrow_console(built) -> None:
    from zonekg.pipeline.report import print_coverage

    buf = StringIO()
    missing = print_coverage(built.sheets, console=Console(file=buf, width=30, color_system=None))
    assert missing == 0
    gdp = "s15 line 14: 今年上半年,全区GDP完成48.98 亿元,同比增长6.6%,增长率全市第一名。"
    assert gdp in buf.getvalue().splitlines()


def _notebook(path: Path, *sources: str) -> None:
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nbformat.write(nb, path)


@pytest.mark.slow
@pytest.mark.notebook
def test_notebooks_command_writes_executed_copies(scratch: Path) -> None:
    """``zonekg notebooks`` (what ``make notebooks`` runs): executed .ipynb and .html in build/notebooks,
    the stored notebooks left without outputs; a failing cell names the notebook and the cell."""
    import nbformat

    folder = scratch / "notebooks"
    folder.mkdir()
    _notebook(folder / "01-ok.ipynb", "from zonekg.model import paths\nprint(paths.project_root().name)", "6 * 7")
    res = run("notebooks", "--root", str(scratch))
    assert res.exit_code == 0, res.output
    assert "ran 01-ok (1/1) in " in res.output
    done = nbformat.read(scratch / "build" / "notebooks" / "01-ok.ipynb", as_version=4)
    assert done.cells[0].outputs[0]["text"] == f"{scratch.name}\n"  # ran in this project, not the checkout
    assert done.cells[1].outputs[0]["data"]["text/plain"] == "42"
    page = (scratch / "build" / "notebooks" / "01-ok.html").read_text(encoding="utf-8")
    assert "<html" in page and "42" in page
    assert not nbformat.read(folder / "01-ok.ipynb", as_version=4).cells[1].outputs  # source untouched

    _notebook(folder / "02-bad.ipynb", "x = 1", "raise ValueError('boom in cell two')")
    res = run("notebooks", "--root", str(scratch), "--no-html")
    assert res.exit_code == 1
    assert f"\nerror: {folder / '02-bad.ipynb'}: notebook: cell 2 failed: " in res.output
    assert "ValueError: boom in cell two" in res.output and "Traceback" not in res.output


@pytest.mark.skipif(shutil.which("make") is None and os.environ.get("CI") != "true", reason="needs make")
def test_make_says_what_each_phase_does(tmp_path: Path) -> None:
    """``make -n``: a line per phase; pip quiet in a pipe; `make notebooks` runs them headless, no JupyterLab."""
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    plan = subprocess.run(["make", "-n", "build"], cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert re.findall(r'^echo "==> (.*)"$', plan, re.M) == [
        "creating the virtual environment in .venv", "installing zonekg and its dependencies (about 2 minutes the "
        "first time)", "building the graph into build/"]
    assert all("--quiet" in line for line in plan.splitlines() if " pip " in line)
    nb = subprocess.run(["make", "-n", "notebooks"], cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert "install -e '.[notebooks]'" in nb and "zonekg notebooks" in nb
    assert "jupyter" not in nb and "'.[lab]'" not in nb
