"""Several sources, one graph: entities shared across fact sheets by id, and the values
sources disagree on.

An entity is *defined* by the first fact sheet (in file-name order) that lists it; another
sheet *refers* to it by listing the same id with the same class and labels, and its own quote
of where that source mentions it.  Both then describe one node (the IRI is made from the id),
each source in its own named graph; alternative labels may grow from sheet to sheet.  A sheet
that gives an id another class or label is refused, since an id names one thing everywhere.
"""

from __future__ import annotations

from .errors import ZoneKGError


def check_shared_entities(sheets: list) -> None:
    """Refuse an id that two fact sheets define differently (class, Chinese or English label)."""
    first: dict[str, tuple] = {}
    for sheet in sheets:
        for e in sheet.entities.values():
            key = (sorted(map(str, e.types)), e.zh, e.en)
            if e.id not in first:
                first[e.id] = (key, sheet.path)
                continue
            (types, zh, en), where = first[e.id]
            if key != (types, zh, en):
                what = "class" if key[0] != types else "zh label" if e.zh != zh else "en label"
                theirs = {"class": ", ".join(t.rsplit("#", 1)[-1] for t in types), "zh label": zh, "en label": en}
                mine = {"class": ", ".join(str(t).rsplit("#", 1)[-1] for t in e.types), "zh label": e.zh,
                        "en label": e.en}
                raise ZoneKGError(
                    f"entity '{e.id}' has {what} {mine[what]!r} here but {theirs[what]!r} in {where.name}, where it "
                    "is first defined: an id names one thing in every fact sheet (give another id, or the same "
                    "class and labels)", sheet.path, e.line, "id")


def conflict_rows(frame) -> list[str]:
    """Readable lines for the rows of ``queries/conflicts.rq``: one block per disagreement."""
    lines: list[str] = []
    for row in frame.itertuples(index=False):
        lines.append(f"{row.indicator} · {row.area} · {row.period}")
        for n in (1, 2):
            value, source = getattr(row, f"value{n}"), getattr(row, f"source{n}")
            quote, statement = getattr(row, f"quote{n}"), getattr(row, f"statement{n}")
            lines.append(f"  {source}: {value}  “{quote}”  (zonekg why {statement})")
    return lines
