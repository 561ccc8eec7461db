"""Drafting a fact sheet from Chinese text: entities, numbers, times and suggested statements.

Only ``zonekg add`` and the benchmark import this package (it loads jieba).  The
draft is a proposal for a person to review: every item it writes is marked ``review: draft``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from zonekg.authoring.drafting.entities import Known, Mention
from zonekg.authoring.drafting.quantities import Quantity, TimeRef, find_quantities, find_times
from zonekg.authoring.drafting.statements import Context, Suggested, suggest_statements
from zonekg.authoring.drafting.text import TokenIndex, quote_fields, tokenize
from zonekg.facts.sources import Sentence, split_sentences

__all__ = ["Draft", "Known", "make_draft", "known_entities"]


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


def known_entities(sheets: list[Path]) -> list[Known]:
    """The entities the fact sheets already define, to reuse their ids for the same names."""
    from zonekg.facts.reader import load_yaml

    out: list[Known] = []
    for path in sheets:
        data = load_yaml(path)
        for e in (data or {}).get("entities") or []:
            types = e.get("type")
            cls = types[0] if isinstance(types, list) else types
            alt = e.get("alt_zh") or []
            out.append(Known(str(e["id"]), str(cls), str(e["zh"]), str(e.get("en", "")),
                             [str(a) for a in (alt if isinstance(alt, list) else [alt])], path.stem))
    return out


def _slug(cls: str) -> str:
    name = cls.split(":")[-1]
    return "".join(f"-{c.lower()}" if c.isupper() else c for c in name).lstrip("-")


def make_draft(text: str, published: date, known: list[Known], ontology) -> Draft:
    """Draft the facts of ``text``, an article published on ``published``."""
    from zonekg.authoring.drafting.entities import find_entities

    tokens = tokenize(text)
    index = TokenIndex(text, tokens)
    mentions = find_entities(text, index, known)
    quantities = find_quantities(text)
    times = find_times(text, published)

    used = {k.id for k in known}
    ids: dict[str, str] = {}
    entities: list[dict] = []
    counters: dict[str, int] = {}
    known_by_id = {k.id: k for k in known}
    for m in mentions:
        if m.matched:
            eid = m.matched
            if eid in ids.values():
                ids[m.label] = eid
                continue
            k = known_by_id[eid]
            entry = {"id": eid, "type": k.cls, "zh": k.zh, "en": k.en}
        else:
            stem = _slug(m.cls)
            while True:
                counters[stem] = counters.get(stem, 0) + 1
                eid = f"{stem}-{counters[stem]}"
                if eid not in used:
                    break
            entry = {"id": eid, "type": m.cls, "zh": m.label, "en": f"untranslated: {m.label}"}
        used.add(eid)
        ids[m.label] = eid
        entry.update(quote_fields(text, m.start, m.end))
        entry["_rule"] = m.rule if not m.matched else f"same name as {m.matched} in {known_by_id[m.matched].sheet}"
        entities.append(entry)

    checker = _checker(ontology)
    time_cls = {t.id: ("time:Instant" if t.id.endswith("-end") else "time:ProperInterval") for t in times}

    def fits(s_cls: str | None, prop: str, o_cls: str | None, o: str | None) -> bool:
        if o is not None and o_cls is None and o in time_cls:
            o_cls = time_cls[o]
        if o is None:
            return checker(s_cls, prop, None, None)
        return checker(s_cls, prop, o_cls, o if o_cls is None else "")

    ctx = Context(text, list(mentions), quantities, times, ids, fits)
    statements = suggest_statements(ctx)
    for e in ctx.extra_entities:
        e["_rule"] = "number"
    entities.extend(ctx.extra_entities)
    return Draft(text, published, split_sentences(text), mentions, quantities, times, statements, entities)


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
