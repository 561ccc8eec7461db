"""Which items of a fact sheet are still drafts: the one rule the checker, the build and the
review share.

An item (time, entity, statement, no_fact entry) carries ``review: draft`` while nobody has
checked it; review sets ``review: accepted`` (or edits it, or drops it).  An item without
the field counts as reviewed, as every hand-written sheet did before drafting existed.
"""

from __future__ import annotations

from pathlib import Path

from zonekg.facts.reader import LDict, LList
from zonekg.model.errors import ZoneKGError

#: The sections of a fact sheet whose items carry a review status.
SECTIONS = ("times", "entities", "statements", "no_fact")
DRAFT, ACCEPTED = "draft", "accepted"


def select_reviewed(data: LDict, path: Path, drafts: bool | None) -> tuple[LDict, int]:
    """``data`` without its drafted items (``drafts`` False), with them (True), or an error
    naming the first of them (None: the build's default, which refuses unreviewed items)."""
    out = LDict(data)
    out.line, out.lines = data.line, data.lines
    dropped, first = 0, None
    for section in SECTIONS:
        items = data.get(section)
        if not isinstance(items, list):
            continue
        kept = LList()
        kept.line = getattr(items, "line", 0)
        for item in items:
            status = item.get("review") if isinstance(item, LDict) else None
            if status not in (None, DRAFT, ACCEPTED):
                raise ZoneKGError(f"{status!r} is not one of {DRAFT}, {ACCEPTED}", path, item.line_of("review"),
                                  "review")
            if status == DRAFT:
                dropped += 1
                first = first or item.line_of("review")
                if not drafts:
                    continue
            kept.append(item)
        out[section] = kept
    if dropped and drafts is None:
        sid = data.get("source", {}).get("id", path.stem) if isinstance(data.get("source"), dict) else path.stem
        raise ZoneKGError(
            f"{dropped} items are drafts not reviewed yet (review: draft); review them with "
            f"`zonekg review {sid}`, or build them apart, marked unreviewed, with `zonekg build --drafts`",
            path, first, "review")
    return out, dropped
