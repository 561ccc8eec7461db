"""Run every notebook headless and keep the executed copies in build/notebooks/.

For readers who want the notebooks' results without opening Jupyter: each notebook is executed
top to bottom in a fresh kernel (nbclient) and written as ``.ipynb`` with its outputs and as a
standalone ``.html`` page.  The kernel is this interpreter, declared in a private, temporary
kernelspec, so no ``ipykernel install`` is needed and a user's other kernels are never picked up.
The notebooks in notebooks/ stay without outputs.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from zonekg.model.errors import ZoneKGError
from zonekg.rdf.files import write_atomically

KERNEL = "zonekg-run"
#: Per cell; the slowest cell (the interactive graph in 02) takes seconds, a hung kernel should not hang make.
CELL_TIMEOUT = 600


def notebook_files(root: Path) -> list[Path]:
    """The stored notebooks, in their reading order."""
    return sorted((root / "notebooks").glob("*.ipynb"))


def _kernelspec(folder: Path) -> None:
    spec = folder / "kernels" / KERNEL
    spec.mkdir(parents=True)
    spec.joinpath("kernel.json").write_text(json.dumps({
        # ERROR: no warning about TCP on the loopback interface for each notebook; errors still show.
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}",
                 "--IPKernelApp.log_level=ERROR"],
        "display_name": "zonekg", "language": "python",
    }), encoding="utf-8")


def _imports():
    try:
        import nbformat
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError
        from nbconvert import HTMLExporter
    except ModuleNotFoundError as exc:
        raise ZoneKGError(f"running the notebooks needs {exc.name}: pip install -e '.[notebooks]' "
                          "(or make notebooks)", field="notebooks") from None
    return nbformat, NotebookClient, CellExecutionError, HTMLExporter


@contextmanager
def kernel_environment(root: Path, jupyter_path: str) -> Iterator[None]:
    """The environment a notebook kernel inherits while the block runs: the project to read
    (``ZONEKG_ROOT``), where its kernelspec is (``JUPYTER_PATH``) and inline charts; restored after."""
    values = {"ZONEKG_ROOT": str(root), "JUPYTER_PATH": jupyter_path,
              "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_notebooks(root: Path, out_dir: Path, html: bool = True,
                  progress: Callable[[int, int, str, float | None], None] | None = None) -> list[Path]:
    """Execute each notebook of ``root`` in ``root/notebooks`` (their working folder in Jupyter)
    and write the executed copies to ``out_dir``; return the files written.

    A failing cell stops the run with a ZoneKGError naming the notebook, the cell and the error;
    notebooks already run keep their executed copies.
    """

    nbformat, NotebookClient, CellExecutionError, HTMLExporter = _imports()
    files = notebook_files(root)
    if not files:
        raise ZoneKGError("no notebooks (*.ipynb)", root / "notebooks")
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="zonekg-kernel-") as tmp:
        _kernelspec(Path(tmp))
        jupyter_path = os.pathsep.join(p for p in (tmp, os.environ.get("JUPYTER_PATH")) if p)
        with kernel_environment(root, jupyter_path):
            for i, path in enumerate(files, 1):
                if progress:
                    progress(i, len(files), path.stem, None)
                started = time.perf_counter()
                nb = nbformat.read(path, as_version=4)
                client = NotebookClient(nb, kernel_name=KERNEL, timeout=CELL_TIMEOUT,
                                        resources={"metadata": {"path": str(path.parent)}})
                try:
                    client.execute()
                except CellExecutionError as exc:
                    cell = next((n for n, c in enumerate(nb.cells, 1)
                                 if any(o.get("output_type") == "error" for o in c.get("outputs", []))), None)
                    last = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
                    raise ZoneKGError(f"cell {cell} failed: {last}", path, field="notebook") from None
                outputs = {path.name: nbformat.writes(nb).encode("utf-8") + b"\n"}
                if html:
                    body, _resources = HTMLExporter().from_notebook_node(nb)
                    outputs[path.with_suffix(".html").name] = body.encode("utf-8")
                write_atomically(out_dir, outputs)
                written.extend(out_dir / name for name in outputs)
                if progress:
                    progress(i, len(files), path.stem, time.perf_counter() - started)
    return written
