"""Errors that a user can act on: each names the file, the line and the field at fault."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class ZoneKGError(Exception):
    """A problem in the user's input, reported as ``file:line: field: message``.

    The CLI prints ``str(error)`` and exits non-zero; nothing is written to ``build/``
    because every check runs before the first file is replaced.
    """

    message: str
    file: Path | str | None = None
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = str(self.file)
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        field = f"{self.field}: " if self.field else ""
        return f"{where}{field}{self.message}"
