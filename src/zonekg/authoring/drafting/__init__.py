"""Drafting a fact sheet from Chinese text: entities, numbers, times and suggested statements.

Only ``zonekg add`` and the benchmark import this package (it loads the NER model).  The
draft is a proposal for a person to review: every item it writes is marked ``review: draft``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from zonekg.authoring.drafting.entities import Known, Mention
from zonekg.authoring.drafting.quantities import Quantity, TimeRef, find_quantities, find_times
from zonekg.authoring.drafting.statements import Context, Suggested, suggest_statements
from zonekg.authoring.drafting.text import Sentences, TokenIndex, quote_fields, tokenize
from zonekg.facts.sources import Sentence, split_sentences

__all__ = ["Draft", "Known", "GENERIC", "IdMint", "make_draft", "known_entities", "linkable"]


@dataclass
class Draft:
    """Everything drafted from one text, before it is written as a fact sheet."""

    text: str
    published: date
    sentences: list[Sentence]
    mentions: list[Mention]
    quantities: list[Quantity]
    times: list[TimeRef]
    statements: list[Suggested]
    entities: list[dict]  # fact-sheet entries, in the order they are first mentioned


#: Words that name something only inside one article (全区 is the zone the article is about):
#: they are resolved within the article, never matched to an entity of another sheet by label.
GENERIC = frozenset({
    "全区", "全市", "全省", "全县", "全国", "区内", "市内", "省内", "本区", "本市", "本省", "该区", "该市",
    "市委", "市政府", "省委", "省政府", "县委", "县政府", "区委", "区政府", "党工委", "管委会", "经开区", "开发区",
    "高新区", "园区", "示范区", "起步区", "综保区", "新区", "该公司", "公司", "企业", "本报", "我们", "这里",
    "市人大常委会", "市政协", "省里", "市里", "该项目", "项目", "集团",
})
#: Classes whose names are linked across sheets; people are not (two people share a name far more
#: often than two zones do), nor drafted numbers, targets and goals.
_LINKABLE = frozenset({
    "DevelopmentZone", "Zone", "FunctionalArea", "AdministrativeArea", "Facility", "Company",
    "StateOwnedPlatformCompany", "ManagementCommittee", "PartyWorkingCommittee", "PartyCommittee", "Government",
    "PublicBody", "org:Organization", "Project", "PolicyDocument", "Plan", "NewsOutlet", "Industry", "Indicator",
})


def linkable(label: str, cls: str) -> bool:
    """May ``label`` of an entity of ``cls`` in a reviewed sheet be matched by name in a new text?"""
    if cls not in _LINKABLE or label in GENERIC or label.startswith(("全", "本", "该", "我")):
        return False
    if cls in ("Industry", "Indicator"):
        return len(label) >= 4
    return len(label) >= 4 or (len(label) == 3 and label.endswith(("省", "市", "县", "州")))


def known_entities(sheets: list[Path]) -> list[Known]:
    """The reviewed entities of the fact sheets, whose ids a new text may reuse by name.

    Drafted items (``review: draft``) are left out: their ids belong to their own sheet until a
    person has reviewed them."""
    from zonekg.facts.reader import load_yaml

    out: list[Known] = []
    for path in sheets:
        data = load_yaml(path)
        for e in (data or {}).get("entities") or []:
            if e.get("review") == "draft":
                continue
            types = e.get("type")
            cls = types[0] if isinstance(types, list) else types
            alt = e.get("alt_zh") or []
            out.append(Known(str(e["id"]), str(cls), str(e["zh"]), str(e.get("en", "")),
                             [str(a) for a in (alt if isinstance(alt, list) else [alt])], path.stem))
    return out


def _slug(cls: str) -> str:
    name = cls.split(":")[-1]
    return "".join(f"-{c.lower()}" if c.isupper() else c for c in name).lstrip("-")


class IdMint:
    """Ids for one sheet: entities ``<source id>--<class>-<n>``, which no other sheet can mint
    (source ids are unique and hold no ``--``), statements ``<kind>-<n>``; never one id twice."""

    def __init__(self, source_id: str, taken: set[str]) -> None:
        self.source_id, self.taken = source_id, set(taken)
        self.n = 0

    def entity(self, stem: str) -> str:
        return self._next(f"{self.source_id}--{stem}")

    def statement(self, stem: str) -> str:
        return self._next(stem)

    def _next(self, stem: str) -> str:
        while True:
            self.n += 1
            ident = f"{stem}-{self.n}"
            if ident not in self.taken:
                self.taken.add(ident)
                return ident


def make_draft(text: str, published: date, known: list[Known], ontology: Any, source_id: str = "draft",
               simplified: str | None = None, taken: set[str] | None = None) -> Draft:
    """Draft the facts of ``text``, an article published on ``published``.

    ``simplified`` is the same text in simplified characters (same length), which the rules read;
    labels and quotes are taken from ``text`` as written.  ``taken`` are ids used elsewhere."""
    from zonekg.authoring.drafting.entities import find_entities

    work = simplified if simplified is not None and len(simplified) == len(text) else text
    tokens = tokenize(work)
    index = TokenIndex(work, tokens)
    linkable_known = []
    for k in known:  # each label on its own: 全省 (an alt of 河南省 in its own article) never links
        labels = [lab for lab in [k.zh, *k.alt_zh] if linkable(lab, k.cls)]
        if labels:
            linkable_known.append(Known(k.id, k.cls, labels[0], k.en, labels[1:], k.sheet))
    mentions = find_entities(work, index, linkable_known, source=text)
    quantities = find_quantities(work)
    times = find_times(work, published)
    mint = IdMint(source_id, (taken or set()) | {k.id for k in known})

    ids: dict[str, str] = {}
    entities: list[dict[str, Any]] = []
    known_by_id = {k.id: k for k in known}
    firsts = {m.label: m for m in mentions}
    _aliases = ("Company", "StateOwnedPlatformCompany", "org:Organization", "DevelopmentZone", "Zone",
                "FunctionalArea")
    for m in mentions:  # a short form that another rule gave another class stays that thing
        m.extra["alt"] = [a for a in m.extra.get("alt", []) if a != m.label
                          and (a not in firsts or firsts[a].cls in _aliases)]
    alt_of = {alt: m.label for m in mentions for alt in m.extra.get("alt", [])}
    sentences = Sentences(text)
    mentions = [m for m in mentions if sentences.holding(m.start, m.end) is not None]  # quotable
    for m in sorted(mentions, key=lambda m: m.label in alt_of):  # names before their short forms
        if m.label in alt_of and alt_of[m.label] in ids:
            ids[m.label] = ids[alt_of[m.label]]
            continue
        if m.matched:
            eid = m.matched
            if eid in ids.values():
                ids[m.label] = eid
                continue
            k = known_by_id[eid]
            entry: dict[str, Any] = {"id": eid, "type": k.cls, "zh": k.zh, "en": k.en}
            said = text[m.start:m.end]
            rule = f"same name as {eid} in {k.sheet}: “{said}” is in this text"
        else:
            eid = mint.entity(_slug(m.cls))
            said = text[m.start:m.end]
            entry = {"id": eid, "type": m.cls, "zh": said, "en": f"untranslated: {said}"}
            rule = m.rule
        ids[m.label] = eid
        entry.update(quote_fields(text, m.start, m.end))
        alts = [text[firsts[a].start:firsts[a].end] if a in firsts else a for a in m.extra.get("alt", [])]
        if alts and not m.matched:
            entry["alt_zh"] = [a for a in alts if a in text]
            for a in m.extra.get("alt", []):
                ids.setdefault(a, eid)
        entry["_rule"] = rule
        entities.append(entry)
    entities.sort(key=lambda e: _first_place(text, e))

    checker = _checker(ontology)
    time_cls = {t.id: ("time:Instant" if t.id.endswith("-end") else "time:ProperInterval") for t in times}

    def fits(s_cls: str | None, prop: str, o_cls: str | None, o: str | None) -> bool:
        if o is not None and o_cls is None and o in time_cls:
            o_cls = time_cls[o]
        if o is None:
            return bool(checker(s_cls, prop, None, None))
        return bool(checker(s_cls, prop, o_cls, o if o_cls is None else ""))

    ctx = Context(work, list(mentions), quantities, times, ids, fits, source=text, mint=mint,
                  id_cls={e["id"]: e["type"] for e in entities}, published=published)
    statements = suggest_statements(ctx)
    for e in ctx.extra_entities:
        e["_rule"] = e.get("_rule", "number")
    entities.extend(ctx.extra_entities)
    return Draft(text, published, split_sentences(text), mentions, quantities, times, statements, entities)


def _first_place(text: str, entry: dict) -> int:
    """Where an entity's quote is (its occurrence-th place), to list entities in reading order."""
    quote, n = entry["quote"], entry.get("occurrence", 1)
    pos = -1
    for _ in range(n):
        pos = text.find(quote, pos + 1)
    return pos


_CHECKERS: dict[int, tuple[object, object]] = {}


def _checker(ontology):
    """The domain-and-range check for ``ontology``, made once per ontology."""
    key = id(ontology)
    if key not in _CHECKERS or _CHECKERS[key][0] is not ontology:
        _CHECKERS[key] = (ontology, _make_checker(ontology))
    return _CHECKERS[key][1]


def _make_checker(ontology):
    """A (cached) check that a drafted statement respects the property's domain and range;
    ``o`` is an individual's id when ``o_cls`` is None."""
    from zonekg.model.namespaces import ZK

    @cache
    def fits(s_cls: str | None, prop: str, o_cls: str | None, o: str | None) -> bool:
        if s_cls is None:
            return False
        try:
            p = ontology.expand(prop)
            s_types = {ontology.expand(s_cls)}
        except KeyError:
            return False
        if not ontology.fits(s_types, ontology.domain(p)):
            return False
        if o is None:
            return p in ontology.datatype_properties
        if p not in ontology.object_properties:
            return False
        if o_cls is not None:
            o_types = {ontology.expand(o_cls)}
        elif ZK[o] in ontology.individuals:
            o_types = ontology.individuals[ZK[o]]
        else:
            return False
        return ontology.fits(o_types, ontology.range(p))

    return fits
