"""From a fact sheet to checked facts: every quote found in the source, every name known to
the ontology, every field of the type it must have, every property used within its domain and
range, every number parsed and stated (``original``) or worked out (``derivation``).  Nothing
here makes RDF; ``build`` does that from the checked model, so that a bad fact sheet never
produces half a graph."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from rdflib import XSD, Literal, URIRef

from zonekg.facts.drafts import select_reviewed
from zonekg.facts.numbers import parse_quantity
from zonekg.facts.reader import LDict, LList, load_yaml
from zonekg.facts.sources import Sentence, read_source, sentence_at, sha256_of, split_sentences
from zonekg.model.errors import ZoneKGError
from zonekg.model.namespaces import TIME, ZK, ZO, source_iri, time_iri
from zonekg.model.ontology import Ontology

CST = timezone(timedelta(hours=8))
MODALITIES = ("achieved", "ongoing", "planned", "targeted", "aspiration", "claimed")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TIME_ID = re.compile(r"(\d{4})(?:-(H[12]|Q[1-4]|end|\d{2}-\d{2}|\d{2}))?")
#: Free-text fields that may span lines; every other string is one line without tabs.
MULTILINE = frozenset({"note", "derivation", "reason"})
#: Years a fact sheet may speak of; beyond them a typo (8024) is far likelier than a fact.
YEARS = range(1900, 2101)
#: Numbers beyond 10^15 (a thousand 万亿) are not what one article states.
MAX_MAGNITUDE = Decimal(10) ** 15
_NUMERIC = (XSD.decimal, XSD.integer, XSD.nonNegativeInteger, XSD.positiveInteger)
_TEMPORAL = (XSD.dateTimeStamp, XSD.dateTime)
_YEAR_PROPERTIES = frozenset({ZO.targetYear})


@dataclass(frozen=True)
class Evidence:
    """A verbatim span of the source, located by offsets, inside one sentence."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    sentence: Sentence


@dataclass
class Entity:
    id: str
    iri: URIRef
    types: list[URIRef]
    zh: str
    en: str
    evidence: list[Evidence]
    line: int
    note: str | None = None
    alt_zh: list[str] = field(default_factory=list)


@dataclass
class TimeEntity:
    """A day, half-year, year or year-end, with begin/end instants in China Standard Time."""

    id: str
    iri: URIRef
    zh: str
    en: str
    evidence: list[Evidence]
    begin: datetime
    end: datetime | None  # None for an instant
    derivation: str | None
    line: int


@dataclass
class Statement:
    id: str
    subject: URIRef
    predicate: URIRef
    object: URIRef | None
    value: Literal | None
    modality: str
    evidence: list[Evidence]
    line: int
    unit: URIRef | None = None
    original: str | None = None
    period: URIRef | None = None
    claimed_by: URIRef | None = None
    derivation: str | None = None
    approximate: bool = False
    note: str | None = None


@dataclass
class NoFact:
    sentence: Sentence
    reason: str
    line: int


@dataclass
class Source:
    id: str
    iri: URIRef
    path: Path
    text: str
    sha256: str
    language: str
    title_zh: str
    title_en: str
    sentences: list[Sentence]


@dataclass
class FactSheet:
    path: Path
    source: Source
    entities: dict[str, Entity]
    times: dict[str, TimeEntity]
    statements: list[Statement]
    no_facts: list[NoFact]
    drafts: int = 0  # items marked ``review: draft`` left out of this load


def kind_of(value: Any) -> str:
    """How a YAML value is called in messages: a list, a mapping, null, or the Python type."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "null" if value is None else type(value).__name__


class _Ctx:
    """What a check needs to name the place of an error."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, message: str, node: Any = None, key: str | None = None, line: int | None = None) -> ZoneKGError:
        if line is None and isinstance(node, LDict):
            line = node.line_of(key) if key else node.line
        elif line is None and isinstance(node, LList):
            line = node.line
        return ZoneKGError(message, self.path, line, key)

    def get(self, node: LDict, key: str, kind: type | tuple[type, ...] = str, required: bool = True) -> Any:
        if key not in node or node[key] is None:
            if required:
                raise self.fail(f"missing (required field '{key}')", node, key, line=node.line)
            return None
        value = node[key]
        if kind is str and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            want = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            raise self.fail(f"expected {want}, got {kind_of(value)}", node, key)
        if isinstance(value, str):
            self.text(value, node, key)
        return value

    def text(self, value: str, node: Any, key: str) -> None:
        """A string field is not blank, and on one line unless it is a note, derivation or reason."""
        if not value.strip():
            raise self.fail("is empty", node, key)
        if key not in MULTILINE:
            for ch, what in (("\n", "a line break"), ("\r", "a line break"), ("\t", "a tab")):
                if ch in value:
                    raise self.fail(f"contains {what}; only {', '.join(sorted(MULTILINE))} may span lines",
                                    node, key)

    def only(self, node: LDict, allowed: set[str]) -> None:
        for key in node:
            if key not in allowed:
                raise self.fail(f"unknown field (allowed: {', '.join(sorted(allowed))})", node, key)


def load_fact_sheet(path: Path, ontology: Ontology, drafts: bool | None = None) -> FactSheet:
    """Read and check one fact sheet against its source text and the ontology.

    Items marked ``review: draft`` are refused (``drafts=None``), left out (False) or kept (True)."""

    ctx = _Ctx(path)
    data = load_yaml(path)
    if not isinstance(data, LDict):
        raise ZoneKGError("a fact sheet is a mapping with source, times, entities, statements, no_fact", path, 1)
    data, dropped = select_reviewed(data, path, drafts)
    ctx.only(data, {"source", "times", "entities", "statements", "no_fact"})
    source = _source(ctx, ctx.get(data, "source", LDict))
    locate = _Locator(ctx, source)

    ids = _Ids(ctx, ontology)
    times: dict[str, TimeEntity] = {}
    for node in _mappings(ctx, data, "times", "time", required=False):
        t = _time(ctx, node, locate)
        ids.claim(t.id, "time", node)
        times[t.id] = t

    entities: dict[str, Entity] = {}
    for node in _mappings(ctx, data, "entities", "entity"):
        e = _entity(ctx, node, ontology, locate)
        ids.claim(e.id, "entity", node)
        entities[e.id] = e

    resolver = _Resolver(ctx, ontology, source, entities, times)
    statements: list[Statement] = []
    for node in _mappings(ctx, data, "statements", "statement"):
        st = _statement(ctx, node, ontology, locate, resolver)
        ids.claim(st.id, "statement", node)
        statements.append(st)

    no_facts = [_no_fact(ctx, node, locate) for node in _mappings(ctx, data, "no_fact", "no_fact entry", False)]
    return FactSheet(path, source, entities, times, statements, no_facts, dropped)


def _mappings(ctx: _Ctx, data: LDict, key: str, what: str, required: bool = True) -> Iterator[LDict]:
    """The items of one section, each a mapping; an item that is not names its line (or its list's)."""
    items = ctx.get(data, key, LList, required=required) or LList()
    for item in items:
        if not isinstance(item, LDict):
            raise ctx.fail(f"each {what} is a mapping, not {kind_of(item)}", item if isinstance(item, LList) else items,
                           key)
        yield item


class _Ids:
    """Every id of a fact sheet names one thing: a time, an entity or a statement, never two,
    and never a term the ontology already defines (``unit-cny``) or the word ``source``."""

    def __init__(self, ctx: _Ctx, ontology: Ontology) -> None:
        self.ctx, self.ontology = ctx, ontology
        self.seen: dict[str, tuple[str, int]] = {}

    def claim(self, id_: str, kind: str, node: LDict) -> None:
        if id_ in self.seen:
            first, line = self.seen[id_]
            if first == kind:
                raise self.ctx.fail(f"duplicate {kind} id '{id_}' (first on line {line})", node, "id")
            raise self.ctx.fail(f"duplicate id '{id_}': this {kind} has the id of the {first} on line {line}",
                                node, "id")
        if kind != "statement" and (id_ == "source" or ZK[id_] in self.ontology.individuals):
            raise self.ctx.fail(f"id '{id_}' is already a term of the ontology (or 'source')", node, "id")
        self.seen[id_] = (kind, node.line)


def _source(ctx: _Ctx, node: LDict) -> Source:
    ctx.only(node, {"id", "text", "sha256", "language", "title"})
    sid = ctx.get(node, "id")
    if not _ID.match(sid):
        raise ctx.fail("ids are lower-case letters, digits and hyphens", node, "id")
    text_path = (ctx.path.parent / ctx.get(node, "text")).resolve()
    if not text_path.is_file():
        raise ctx.fail(f"source text not found: {text_path}", node, "text")
    digest = sha256_of(text_path)
    expected = ctx.get(node, "sha256")
    if digest != expected:
        raise ctx.fail(f"source text has sha256 {digest}, the fact sheet expects {expected}", node, "sha256")
    title = ctx.get(node, "title", LDict)
    text = read_source(text_path)
    return Source(
        sid, source_iri(sid), text_path, text, digest, ctx.get(node, "language"),
        ctx.get(title, "zh"), ctx.get(title, "en"), split_sentences(text),
    )


class _Locator:
    """Finds quotes in the source; each must occur once (or name its occurrence) in one sentence."""

    def __init__(self, ctx: _Ctx, source: Source) -> None:
        self.ctx, self.source = ctx, source

    def __call__(self, node: LDict, key: str = "quote") -> list[Evidence]:
        """A quote is a string, or a list of strings and ``{text, occurrence}`` mappings."""
        raw = node.get(key)
        items = raw if isinstance(raw, list) else [raw]
        if raw is None or not items:
            raise self.ctx.fail("missing: every fact needs a verbatim quote of the source", node, key)
        out = []
        for item in items:
            if isinstance(item, LDict):
                self.ctx.only(item, {"text", "occurrence"})
                out.append(self._one(item, "text", self.ctx.get(item, "text"), item.get("occurrence")))
            elif isinstance(item, str) and item:
                out.append(self._one(node, key, item, node.get("occurrence")))
            else:
                raise self.ctx.fail("a quote is a non-empty string", node, key)
        return out

    def _one(self, node: LDict, key: str, quote: str, occurrence: Any) -> Evidence:
        text = self.source.text
        starts = [m.start() for m in re.finditer(re.escape(quote), text)]
        if not starts:
            raise self.ctx.fail(f"quote not found in source {self.source.path.name}: {quote!r}", node, key)
        if occurrence is not None:
            if type(occurrence) is not int or not 1 <= occurrence <= len(starts):
                raise self.ctx.fail(f"must be 1..{len(starts)}", node, "occurrence")
            start = starts[occurrence - 1]
        elif len(starts) > 1:
            raise self.ctx.fail(
                f"quote occurs {len(starts)} times; lengthen it or add 'occurrence: N': {quote!r}", node, key
            )
        else:
            start = starts[0]
        end = start + len(quote)
        sentence = sentence_at(self.source.sentences, start, end)
        if sentence is None:
            raise self.ctx.fail(f"quote crosses a sentence boundary; split it into a list: {quote!r}", node, key)
        return Evidence(start, end, quote, text[max(0, start - 12):start], text[end:end + 12], sentence)


def _time_bounds(tid: str) -> tuple[datetime, datetime | None] | None:
    """Begin and end (None for an instant) of a time id, in China Standard Time; None if it is none.

    Kinds: ``YYYY``, ``YYYY-H1``/``H2``, ``YYYY-Q1``…``Q4``, ``YYYY-MM``, ``YYYY-MM-DD``, ``YYYY-end``
    (the instant the year ends), and ``A/B``: from the beginning of A to the end of B."""
    if "/" in tid:
        first, _, last = tid.partition("/")
        a, b = _time_bounds(first), _time_bounds(last)
        if a is None or b is None or a[1] is None or b[1] is None or "/" in last or b[1] <= a[0]:
            return None
        return a[0], b[1]
    m = _TIME_ID.fullmatch(tid)
    if not m or int(m.group(1)) not in YEARS:
        return None
    year, rest = int(m.group(1)), m.group(2)
    if rest is None:
        return datetime(year, 1, 1, tzinfo=CST), datetime(year + 1, 1, 1, tzinfo=CST)
    if rest in ("H1", "H2"):
        half = 1 if rest == "H1" else 7
        return datetime(year, half, 1, tzinfo=CST), (datetime(year, 7, 1, tzinfo=CST) if half == 1
                                                      else datetime(year + 1, 1, 1, tzinfo=CST))
    if rest.startswith("Q"):
        q = int(rest[1])
        begin = datetime(year, 3 * q - 2, 1, tzinfo=CST)
        return begin, (datetime(year, 3 * q + 1, 1, tzinfo=CST) if q < 4 else datetime(year + 1, 1, 1, tzinfo=CST))
    if rest == "end":
        return datetime(year + 1, 1, 1, tzinfo=CST), None
    try:
        if len(rest) == 2:
            month = int(rest)
            begin = datetime(year, month, 1, tzinfo=CST)
            return begin, (datetime(year, month + 1, 1, tzinfo=CST) if month < 12
                           else datetime(year + 1, 1, 1, tzinfo=CST))
        begin = datetime.fromisoformat(tid).replace(tzinfo=CST)
    except ValueError:
        return None
    return begin, begin + timedelta(days=1)


def _time(ctx: _Ctx, node: LDict, locate: _Locator) -> TimeEntity:
    ctx.only(node, {"id", "zh", "en", "quote", "occurrence", "derivation", "review"})
    tid = ctx.get(node, "id")
    first = _TIME_ID.fullmatch(tid.partition("/")[0])
    if first and int(first.group(1)) not in YEARS:
        raise ctx.fail(f"year {first.group(1)} is outside {YEARS.start}–{YEARS.stop - 1}", node, "id")
    bounds = _time_bounds(tid)
    if bounds is None:
        raise ctx.fail("time ids are YYYY, YYYY-H1, YYYY-H2, YYYY-Q1…Q4, YYYY-MM, YYYY-MM-DD or YYYY-end, or a "
                       "range A/B of two of these (the second after the first): not a calendar date or period",
                       node, "id")
    begin, end = bounds
    zh, en, evidence = ctx.get(node, "zh"), ctx.get(node, "en"), locate(node)
    derivation = ctx.get(node, "derivation", required=False)
    if derivation is None:
        _check_time_stated(ctx, node, tid, evidence)
    return TimeEntity(tid, time_iri(tid), zh, en, evidence, begin, end, derivation, node.line)


def stated_parts(tid: str) -> list[str]:
    """What a quote must write for the time ``tid`` to need no derivation: each year, and a day's
    or month's 6月9日 / 6月 (the drafter asks the same before it leaves a derivation out)."""
    wanted: list[str] = []
    for part in tid.split("/"):
        year, _, rest = part.partition("-")
        wanted.append(year)
        if rest[:1].isdigit() and "-" in rest:
            month, day = rest.split("-")
            wanted.append(f"{int(month)}月{int(day)}日")
        elif rest[:1].isdigit():
            wanted.append(f"{int(rest)}月")
    return wanted


def _check_time_stated(ctx: _Ctx, node: LDict, tid: str, evidence: list[Evidence]) -> None:
    """A time with no derivation must be written in its quote: the year, and a day's month and day."""
    quoted = " ".join(ev.exact for ev in evidence)
    missing = [w for w in stated_parts(tid) if w not in quoted]
    if missing:
        raise ctx.fail(f"the quote does not state {' '.join(missing)}; quote the date as written, or add a "
                       "derivation saying how it was worked out", node, "quote")


def _entity(ctx: _Ctx, node: LDict, ontology: Ontology, locate: _Locator) -> Entity:
    ctx.only(node, {"id", "type", "zh", "en", "quote", "occurrence", "note", "alt_zh", "review"})
    eid = ctx.get(node, "id")
    if not _ID.match(eid):
        raise ctx.fail("ids are lower-case letters, digits and hyphens", node, "id")
    raw_types = node.get("type")
    names: list[Any] = raw_types if isinstance(raw_types, list) else [raw_types]
    if raw_types is None or not names or not all(isinstance(n, str) and n for n in names):
        raise ctx.fail("missing: every entity needs a class of the ontology (a name or a list of names)",
                       node, "type")
    types = []
    for name in names:
        try:
            iri = ontology.expand(name)
        except KeyError as exc:
            raise ctx.fail(f"unknown prefix '{exc.args[0]}' in {name!r}", node, "type") from None
        if iri not in ontology.classes:
            raise ctx.fail(f"unknown class {name!r}: not declared in the ontology", node, "type")
        types.append(iri)
    return Entity(
        eid, ZK[eid], types, ctx.get(node, "zh"), ctx.get(node, "en"), locate(node), node.line,
        ctx.get(node, "note", required=False), _alt_labels(ctx, node),
    )


def _alt_labels(ctx: _Ctx, node: LDict) -> list[str]:
    """``alt_zh`` is one label or a list of labels, each a non-empty one-line string."""
    raw = node.get("alt_zh")
    if raw is None:
        return []
    items = raw if isinstance(raw, list) else [raw]
    for item in items:
        if not isinstance(item, str):
            raise ctx.fail(f"each alternative label is a string, not {kind_of(item)}", node, "alt_zh")
        ctx.text(item, node, "alt_zh")
    return list(items)


class _Resolver:
    """Resolves ids used in statements to IRIs and the classes they are known to have."""

    def __init__(self, ctx: _Ctx, ontology: Ontology, source: Source,
                 entities: dict[str, Entity], times: dict[str, TimeEntity]) -> None:
        self.ctx, self.ontology, self.source = ctx, ontology, source
        self.entities, self.times = entities, times

    def __call__(self, node: LDict, key: str) -> tuple[URIRef, set[URIRef]]:
        ref = self.ctx.get(node, key)
        if ref == "source":
            return self.source.iri, {ZO.SourceDocument}
        if ref in self.entities:
            e = self.entities[ref]
            return e.iri, set(e.types)
        if ref in self.times:
            t = self.times[ref]
            return t.iri, {TIME.Instant if t.end is None else TIME.ProperInterval}
        iri = ZK[ref]
        if iri in self.ontology.individuals:
            return iri, self.ontology.individuals[iri]
        raise self.ctx.fail(f"unknown id {ref!r}: not an entity, a time or a term of the ontology", node, key)


def _literal(ctx: _Ctx, node: LDict, ontology: Ontology, prop: URIRef) -> Literal:
    raw = node["v"]
    if raw is None or isinstance(raw, (list, dict)):
        raise ctx.fail(f"expected a single value, got {kind_of(raw)}", node, "v")
    dt = ontology.datatype(prop)
    text = str(raw).strip()
    ctx.text(text, node, "v")
    if dt in _NUMERIC:
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ctx.fail(f"{text!r} is not a number ({ontology.curie(prop)} expects {ontology.curie(dt)})",
                           node, "v") from None
        if not number.is_finite():
            raise ctx.fail(f"{text!r} is not a finite number", node, "v")
        if abs(number) >= MAX_MAGNITUDE:
            raise ctx.fail(f"{text!r} is beyond a sane size (at most 10^15)", node, "v")
        if prop in _YEAR_PROPERTIES and number not in YEARS:
            raise ctx.fail(f"year {text} is outside {YEARS.start}–{YEARS.stop - 1}", node, "v")
        if dt == XSD.decimal:
            return Literal(format(number.normalize(), "f"), datatype=XSD.decimal)
        if number != number.to_integral_value():
            raise ctx.fail(f"{text!r} is not a whole number ({ontology.curie(dt)})", node, "v")
        if (dt == XSD.nonNegativeInteger and number < 0) or (dt == XSD.positiveInteger and number < 1):
            raise ctx.fail(f"{text!r} is out of range for {ontology.curie(dt)}", node, "v")
        return Literal(int(number), datatype=dt)
    if dt in _TEMPORAL:
        try:
            stamp = datetime.fromisoformat(text)
        except ValueError:
            raise ctx.fail(f"{text!r} is not an ISO 8601 date-time", node, "v") from None
        if stamp.tzinfo is None:
            raise ctx.fail(f"{text!r} needs a time zone (e.g. +08:00)", node, "v")
        return Literal(stamp.isoformat(), datatype=dt)
    if dt == XSD.boolean:
        if not isinstance(raw, bool):
            raise ctx.fail(f"{text!r} is not true or false", node, "v")
        return Literal(raw)
    return Literal(text)


def _statement(ctx: _Ctx, node: LDict, ontology: Ontology, locate: _Locator, resolve: _Resolver) -> Statement:
    ctx.only(node, {"id", "s", "p", "o", "v", "quote", "occurrence", "modality", "unit", "original",
                    "period", "claimed_by", "derivation", "approximate", "note", "review"})
    sid = ctx.get(node, "id")
    if not _ID.match(sid):
        raise ctx.fail("ids are lower-case letters, digits and hyphens", node, "id")
    subject, subject_types = resolve(node, "s")
    pname = ctx.get(node, "p")
    try:
        prop = ontology.expand(pname)
    except KeyError as exc:
        raise ctx.fail(f"unknown prefix '{exc.args[0]}' in {pname!r}", node, "p") from None
    is_obj = prop in ontology.object_properties
    if not is_obj and prop not in ontology.datatype_properties:
        raise ctx.fail(f"unknown property {pname!r}: not declared in the ontology", node, "p")
    if not ontology.fits(subject_types, ontology.domain(prop)):
        raise ctx.fail(f"{node['s']!r} is not in the domain of {pname}", node, "s")

    obj: URIRef | None = None
    value: Literal | None = None
    if is_obj:
        if "v" in node:
            raise ctx.fail(f"{pname} is an object property: give 'o' (an id), not 'v'", node, "v")
        obj, obj_types = resolve(node, "o")
        if not ontology.fits(obj_types, ontology.range(prop)):
            want = ", ".join(ontology.curie(c) for c in ontology.range(prop) or [])
            raise ctx.fail(f"{node['o']!r} is not in the range of {pname} ({want})", node, "o")
    else:
        if "o" in node or "v" not in node:
            raise ctx.fail(f"{pname} is a datatype property: give 'v' (a value)", node, "v")
        value = _literal(ctx, node, ontology, prop)

    modality = ctx.get(node, "modality")
    if modality not in MODALITIES:
        raise ctx.fail(f"{modality!r} is not one of {', '.join(MODALITIES)}", node, "modality")
    claimed_by = _qualifier(ctx, node, ontology, resolve, "claimed_by", ZO.claimedBy)
    if (modality == "claimed") != (claimed_by is not None):
        raise ctx.fail("a 'claimed' statement needs claimed_by, and only it may have one", node, "claimed_by"
                       if "claimed_by" in node else "modality")
    unit = _qualifier(ctx, node, ontology, resolve, "unit", ZO.unit)
    if unit is not None and (value is None or value.datatype not in _NUMERIC):
        raise ctx.fail("a unit belongs to a numeric value ('v')", node, "unit")
    period = _qualifier(ctx, node, ontology, resolve, "period", ZO.period)
    approximate = ctx.get(node, "approximate", bool, required=False) or False
    evidence = locate(node)
    original = ctx.get(node, "original", required=False)
    derivation = ctx.get(node, "derivation", required=False)
    if value is not None:
        _check_stated(ctx, node, value, original, derivation, evidence)
    return Statement(
        sid, subject, prop, obj, value, modality, evidence, node.line, unit, original, period, claimed_by,
        derivation, approximate, ctx.get(node, "note", required=False),
    )


def _qualifier(ctx: _Ctx, node: LDict, ontology: Ontology, resolve: _Resolver, key: str,
               prop: URIRef) -> URIRef | None:
    """The id under ``key`` (claimed_by, unit, period), checked against the range of ``prop``."""
    if key not in node:
        return None
    iri, types = resolve(node, key)
    if not ontology.fits(types, ontology.range(prop)):
        want = ", ".join(ontology.curie(c) for c in ontology.range(prop) or [])
        raise ctx.fail(f"{node[key]!r} is not in the range of {ontology.curie(prop)} ({want})", node, key)
    return iri


def _check_stated(ctx: _Ctx, node: LDict, value: Literal, original: str | None, derivation: str | None,
                  evidence: list[Evidence]) -> None:
    """A number or date is either written in the source (``original``, which must be in the quote and
    state the same number) or worked out (``derivation``); never taken on trust."""
    if value.datatype not in _NUMERIC + _TEMPORAL:
        return
    if original is None and derivation is None:
        raise ctx.fail(f"value {value} needs 'original' (the text as written) or 'derivation' "
                       "(how it was worked out)", node, "v")
    if original is None:
        return
    if not any(original in ev.exact for ev in evidence):
        raise ctx.fail(f"{original!r} is not in the quote: give the number as the source writes it",
                       node, "original")
    if value.datatype in _TEMPORAL:
        return
    stated = parse_quantity(original)
    if stated is None:
        raise ctx.fail(f"{original!r} states no number", node, "original")
    if stated != Decimal(str(value)):
        raise ctx.fail(f"value {value} does not match the original {original!r} ({stated.normalize():f})",
                       node, "v")


def _no_fact(ctx: _Ctx, node: LDict, locate: _Locator) -> NoFact:
    ctx.only(node, {"quote", "occurrence", "reason", "review"})
    evidence = locate(node)
    if len(evidence) != 1:
        raise ctx.fail("a no_fact entry quotes one sentence", node, "quote")
    return NoFact(evidence[0].sentence, ctx.get(node, "reason"), node.line)
