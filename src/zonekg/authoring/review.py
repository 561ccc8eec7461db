"""The review that turns drafted items into facts: accept, edit or drop each one, and write the
sheet back with its comments and order kept.  Which items are drafts is :mod:`zonekg.facts.drafts`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zonekg.facts.drafts import ACCEPTED, DRAFT, SECTIONS
from zonekg.facts.sources import read_source, split_sentences
from zonekg.model import paths
from zonekg.model.errors import ZoneKGError
from zonekg.rdf.files import write_atomically


class ReviewItem:
    """One item of a fact sheet, the sentence its quote lies in, and its review status."""

    def __init__(self, section: str, node, sentence: int | None) -> None:
        self.section, self.node, self.sentence = section, node, sentence

    @property
    def key(self) -> str:
        """How a user names the item: its id, or ``no_fact@N`` for a no-fact entry."""
        return str(self.node["id"]) if "id" in self.node else f"no_fact@{self.sentence}"

    @property
    def status(self) -> str:
        return str(self.node.get("review", "reviewed"))

    def summary(self) -> str:
        n = self.node
        if self.section == "statements":
            target = n.get("o", n.get("v"))
            extra = f" by {n['claimed_by']}" if "claimed_by" in n else ""
            return f"{n['s']} —{n['p']}→ {target}  [{n.get('modality')}{extra}]"
        if self.section == "entities":
            return f"{n.get('zh')}  ({n.get('type')})"
        if self.section == "times":
            return f"{n.get('zh')}  ({n['id']})"
        return f"no fact: {n.get('reason')}"


class ReviewSheet:
    """A fact sheet opened for review with ruamel.yaml's round-trip loader: what is not
    changed is written back as it was, comments and order included."""

    def __init__(self, path: Path) -> None:
        from ruamel.yaml import YAML

        if not path.is_file():
            raise ZoneKGError("fact sheet not found", path)
        self.path = path
        self.yaml = YAML()
        self.yaml.preserve_quotes = True  # '16:36' must stay a string for PyYAML (YAML 1.1) too
        self.yaml.width = 4096
        self.yaml.indent(mapping=2, sequence=4, offset=2)
        self.data: Any = self.yaml.load(path.read_text(encoding="utf-8"))
        text_path = (path.parent / str(self.data["source"]["text"])).resolve()
        self.text = read_source(text_path)
        self.sentences = split_sentences(self.text)

    def _sentence_of(self, node: Any) -> int | None:
        import re

        quote = node.get("quote")
        first: Any = quote[0] if isinstance(quote, list) and quote else quote
        occurrence = node.get("occurrence") or 1
        if isinstance(first, dict):
            first, occurrence = first.get("text"), first.get("occurrence") or 1
        if not isinstance(first, str) or not first:
            return None
        starts = [m.start() for m in re.finditer(re.escape(first), self.text)]
        if len(starts) < occurrence:
            return None
        start = starts[occurrence - 1]
        return next((s.index for s in self.sentences if s.start <= start < s.end), None)

    def items(self) -> list[ReviewItem]:
        out = []
        for section in SECTIONS:
            for node in self.data.get(section) or []:
                out.append(ReviewItem(section, node, self._sentence_of(node)))
        return out

    def find(self, key: str) -> ReviewItem:
        for item in self.items():
            if item.key == key:
                return item
        raise ZoneKGError(f"no item {key!r} in this fact sheet (ids, or no_fact@N)", self.path)

    def accept(self, item: ReviewItem) -> list[str]:
        """Mark ``item`` reviewed, with the drafted entities and times its statement needs."""
        accepted = [item.key]
        item.node["review"] = ACCEPTED
        if item.section == "statements":
            refs = {str(item.node.get(k)) for k in ("s", "o", "unit", "period", "claimed_by") if k in item.node}
            for other in self.items():
                if other.section in ("entities", "times") and other.status == DRAFT and other.key in refs:
                    other.node["review"] = ACCEPTED
                    accepted.append(other.key)
        return accepted

    def drop(self, item: ReviewItem) -> list[str]:
        """Remove ``item``; return the keys of statements that still refer to it."""
        seq = self.data[item.section]
        for i, node in enumerate(seq):
            if node is item.node:
                del seq[i]
                break
        if item.section not in ("entities", "times"):
            return []
        return [o.key for o in self.items() if o.section == "statements" and item.key in {
            str(o.node.get(k)) for k in ("s", "o", "unit", "period", "claimed_by")}]

    def edit(self, item: ReviewItem, field: str, value: str) -> None:
        """Set one field (the value read as a YAML scalar: 12 is a number, text stays text)."""
        import yaml

        if field in ("review",):
            raise ZoneKGError("use accept or drop to change the review status", self.path, field=field)
        parsed = yaml.safe_load(value) if value.strip() else value
        from zonekg.authoring.drafting.sheet import pyyaml_safe

        item.node[field] = pyyaml_safe(parsed if isinstance(parsed, (int, float, bool)) else value)

    def add_no_fact(self, sentence: int, reason: str) -> None:
        from ruamel.yaml.comments import CommentedMap

        from zonekg.authoring.drafting.text import quote_fields

        s = next(x for x in self.sentences if x.index == sentence)
        node = CommentedMap({**quote_fields(self.text, s.start, s.end), "reason": reason, "review": ACCEPTED})
        if self.data.get("no_fact") is None:
            self.data["no_fact"] = []
        self.data["no_fact"].append(node)

    def save(self) -> None:
        import io

        buf = io.StringIO()
        self.yaml.dump(self.data, buf)
        write_atomically(self.path.parent, {self.path.name: buf.getvalue().encode("utf-8")})


def sheet_path(root: Path, source_id: str) -> Path:
    """The fact sheet of a source id (its file name is the id)."""
    path = paths.facts_dir(root) / f"{source_id}.yaml"
    if not path.is_file():
        known = ", ".join(p.stem for p in paths.fact_sheets(root))
        raise ZoneKGError(f"no fact sheet for source {source_id!r} (known: {known})", path)
    return path


def status_lines(sheet: ReviewSheet) -> list[str]:
    """What is still unreviewed, sentence by sentence, and the totals."""
    items = sheet.items()
    drafts = [i for i in items if i.status == DRAFT]
    lines = [f"{sheet.path.name}: {len(items) - len(drafts)} of {len(items)} items reviewed, "
             f"{len(drafts)} drafts left"]
    by_sentence: dict[int | None, list[ReviewItem]] = {}
    for item in drafts:
        by_sentence.setdefault(item.sentence, []).append(item)
    for s in sheet.sentences:
        pending = by_sentence.get(s.index)
        if pending:
            kinds = ", ".join(f"{sum(1 for i in pending if i.section == k)} {k}" for k in SECTIONS
                              if any(i.section == k for i in pending))
            lines.append(f"  sentence {s.index} (line {s.line}): {kinds} — {s.text[:40]}")
    if None in by_sentence:
        lines.append(f"  without a quote found: {', '.join(i.key for i in by_sentence[None])}")
    return lines
