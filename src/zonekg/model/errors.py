"""Errors that a user can act on: each names the file, the line and the field at fault."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["BuildDamaged", "NotBuilt", "QueryRefused", "QueryTimeout", "ZoneKGError"]


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


# Kinds of user error that code (not only people) tells apart: catch these, never match message text.

class NotBuilt(ZoneKGError):
    """Something the build writes is not there yet: run ``zonekg build``."""


class BuildDamaged(ZoneKGError):
    """A file or store the build wrote cannot be read as written: rebuild with ``zonekg build``."""


class QueryRefused(ZoneKGError):
    """A query asks for what no query may do here (reach outside, change the graph)."""


class QueryTimeout(ZoneKGError):
    """A query ran past its time limit and was stopped."""


class QuerySyntaxError(ZoneKGError):
    """A query text that is not SPARQL (the message names the line and column)."""


# Warnings, not errors: a query that names a term the graph does not have as written still runs
# (zonekg.queries.terms says why and what to use instead).  Filter or catch them by class.

class TermWarning(UserWarning):
    """A query names a term the graph does not have as written: it will match nothing, or less
    than it did."""


class UnknownTerm(TermWarning):
    """A ``zo:`` or ``zk:`` IRI that neither the ontology defines nor the graph holds (a typo?)."""


class RetiredTerm(TermWarning):
    """A term the ontology retired (``owl:deprecated``, or a ``zo:TermChange`` record)."""


class ChangedTerm(TermWarning):
    """A term part of whose meaning moved to a new term in a release (``zo:issued`` → ``zo:revised``)."""


class InferredOnlyTerm(TermWarning):
    """A term only the reasoner's graph holds, in a query that does not read that graph."""
