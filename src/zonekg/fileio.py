"""Writing files so that a reader never sees half of one: every output of the project goes
through here (the build, exports, the HTML view, the ontology docs)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(out_dir: Path, files: dict[str, bytes]) -> None:
    """Write every file beside its target, then rename each into place (no half-written output)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for name, data in files.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=out_dir)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, 0o644)
            staged.append((tmp, out_dir / name))
        for tmp, final in staged:
            os.replace(tmp, final)
    finally:
        for tmp, _final in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
