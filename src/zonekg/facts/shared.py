"""Several sources, one graph: entities shared across fact sheets by id.

An entity is *defined* by the first fact sheet (in file-name order) that lists it; another
sheet *refers* to it by listing the same id with the same class and labels, and its own quote
of where that source mentions it.  Both then describe one node (the IRI is made from the id),
each source in its own named graph; alternative labels may grow from sheet to sheet.  A sheet
that gives an id another class or label is refused, since an id names one thing everywhere.
"""

from __future__ import annotations

from pathlib import Path

from zonekg.model.errors import ZoneKGError


def check_shared_entities(sheets: list[tuple[Path, dict[str, list]]]) -> None:
    """Refuse an id that two fact sheets define differently (class, Chinese or English label).

    Each sheet comes as its path and ``{id: [classes, zh, en, line]}`` (``build.sheet_stats``),
    which the build cache keeps, so that a cached sheet is checked without being read again."""
    first: dict[str, tuple[list, Path]] = {}
    for path, entities in sheets:
        for eid, (types, zh, en, line) in entities.items():
            if eid not in first:
                first[eid] = ([types, zh, en], path)
                continue
            theirs, where = first[eid]
            mine = [types, zh, en]
            if mine != theirs:
                k = 0 if types != theirs[0] else 1 if zh != theirs[1] else 2
                what = ("class", "zh label", "en label")[k]
                here, there = ((", ".join(t.rsplit("#", 1)[-1] for t in v) if k == 0 else v)
                               for v in (mine[k], theirs[k]))
                raise ZoneKGError(
                    f"entity '{eid}' has {what} {here!r} here but {there!r} in {where.name}, where "
                    "it is first defined: an id names one thing in every fact sheet (give another id, or the same "
                    "class and labels)", path, line, "id")

