"""The entity cards and ``why`` as they were computed from rdflib (a parse of build/zone.nq) before
they read the Oxigraph store: kept as the reference implementation that tests/test_cards_store.py
compares the store-backed cards with, byte for byte. Since issue 20 a card shows one line per fact
(however many statements and sources state it); that grouping and its wording are the store reader's
own (``zonekg.queries.cards.fact_lines``), fed here from rdflib's reading."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import SKOS

from zonekg.model.errors import ZoneKGError
from zonekg.model.namespaces import OA, PREFIXES, ZK, ZO
from zonekg.model.prefixes import curie
from zonekg.network.graph import label, most_specific_class
from zonekg.queries.cards import fact_lines

if TYPE_CHECKING:
    from rdflib import Graph


@dataclass(frozen=True)
class Candidate:
    """An entity a name may mean."""

    iri: URIRef
    cls: str
    label_zh: str
    label_en: str

    def line(self) -> str:
        return f"{curie(self.iri):40} {self.cls:28} {self.label_zh} / {self.label_en}"


@dataclass(frozen=True)
class Quote:
    """One piece of evidence: the quote and where it sits in the source."""

    exact: str
    start: int
    end: int
    sentence_index: int
    line: int
    sentence: str
    sentence_start: int


class AmbiguousName(ZoneKGError):
    """A name that fits several entities; the message lists them."""


def entities(graph: Graph) -> set[URIRef]:
    """Things the sources mention (not the statement and evidence plumbing)."""
    found = {s for s in graph.subjects(ZO.mentionedIn, None) if isinstance(s, URIRef)}
    return found | {s for s in graph.subjects(RDF.type, ZO.SourceDocument) if isinstance(s, URIRef)}


def candidate(graph: Graph, iri: URIRef) -> Candidate:
    types = {t for t in graph.objects(iri, RDF.type) if isinstance(t, URIRef)}
    cls = most_specific_class(graph, types)
    return Candidate(iri, curie(cls) if cls else "", label(graph, iri, "zh"), label(graph, iri, "en"))


def expand(ident: str) -> URIRef | None:
    """``<iri>``, an http(s) IRI or a CURIE with a known prefix, as an IRI."""
    text = ident.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    if text.startswith(("http://", "https://")):
        return URIRef(text)
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and local:
        return URIRef(PREFIXES[prefix] + local)
    return None


def find_entities(graph: Graph, name: str) -> list[Candidate]:
    """Entities whose id, label or alternative label is or contains ``name`` (case-insensitive).

    An exact match (id, label or alternative label) wins over partial ones, so that
    ``新材料`` means the industry, not every entity with 新材料 in its name."""
    wanted = name.strip().lower()
    if not wanted:
        return []
    pool = entities(graph)
    iri = expand(name)
    if iri is not None:
        return [candidate(graph, iri)] if iri in pool else []
    exact, partial = set(), set()
    for e in pool:
        names = [str(v) for p in (RDFS.label, SKOS.altLabel) for v in graph.objects(e, p) if isinstance(v, Literal)]
        short = str(e).rsplit("/", 1)[-1].lower()
        if short == wanted or any(n.lower() == wanted for n in names):
            exact.add(e)
        elif any(wanted in n.lower() for n in names):
            partial.add(e)
    return [candidate(graph, e) for e in sorted(exact or partial)]


def resolve_entity(graph: Graph, name: str) -> URIRef:
    """The one entity ``name`` means; a clear error when none or several fit."""
    found = find_entities(graph, name)
    if not found:
        raise ZoneKGError(f"no entity is called '{name}' (try part of a Chinese or English label)", None, None, "name")
    if len(found) > 1:
        listing = "\n".join("  " + c.line() for c in found)
        raise AmbiguousName(f"'{name}' fits {len(found)} entities; give one of their ids:\n{listing}",
                            None, None, "name")
    return found[0].iri


# --- evidence ---------------------------------------------------------------------------------

def quotes(graph: Graph, evidence_nodes) -> list[Quote]:
    """The quotes of some evidence spans, in source order."""
    out = []
    for ev in evidence_nodes:
        sentence = graph.value(ev, ZO.inSentence)
        exact = start = end = None
        for sel in graph.objects(ev, OA.hasSelector):
            if graph.value(sel, OA.exact) is not None:
                exact = str(graph.value(sel, OA.exact))
            if graph.value(sel, OA.start) is not None:
                start, end = int(graph.value(sel, OA.start)), int(graph.value(sel, OA.end))
        if sentence is None or exact is None or start is None:
            continue
        out.append(Quote(
            exact, start, end, int(graph.value(sentence, ZO.sentenceIndex)), int(graph.value(sentence, ZO.lineNumber)),
            str(graph.value(sentence, ZO.text)), int(graph.value(sentence, ZO.charStart)),
        ))
    return sorted(set(out), key=lambda q: (q.start, q.end))


def marked(q: Quote) -> str:
    """The sentence with the quote set in 【 】."""
    a = max(0, min(len(q.sentence), q.start - q.sentence_start))
    b = max(a, min(len(q.sentence), q.end - q.sentence_start))
    return f"{q.sentence[:a]}【{q.sentence[a:b]}】{q.sentence[b:]}"


def underline(q: Quote) -> str:
    """A line of carets under the quote, placed by display width (CJK characters are two columns)."""
    from wcwidth import wcswidth

    a = max(0, min(len(q.sentence), q.start - q.sentence_start))
    b = max(a, min(len(q.sentence), q.end - q.sentence_start))
    return " " * max(0, wcswidth(q.sentence[:a])) + "^" * max(1, wcswidth(q.sentence[a:b]))


# --- statements --------------------------------------------------------------------------------

@dataclass(frozen=True)
class StatementView:
    """A statement as a card shows it."""

    iri: URIRef
    subject: URIRef
    predicate: URIRef
    value: object
    modality: str
    claimed_by: str
    derivation: str
    quotes: tuple[Quote, ...]
    source: str = ""  # the id of the source that states it

    @property
    def id(self) -> str:
        return str(self.iri).rsplit("/", 1)[-1]


_DERIVED_FROM = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")


def statement_view(graph: Graph, st: URIRef) -> StatementView:
    value = graph.value(st, ZO.object)
    if value is None:
        value = graph.value(st, ZO.literalValue)
    modality = graph.value(st, ZO.modality)
    who = graph.value(st, ZO.claimedBy)
    return StatementView(
        st, graph.value(st, ZO.subject), graph.value(st, ZO.predicate), value,
        str(modality).rsplit("modality-", 1)[-1] if modality else "",
        label(graph, who, "zh") if who is not None else "",
        str(graph.value(st, ZO.derivation) or ""),
        tuple(quotes(graph, graph.objects(st, ZO.evidence))),
        str(graph.value(st, _DERIVED_FROM) or "").rsplit("/", 1)[-1],
    )


def _show(graph: Graph, term) -> str:
    """An entity as its label and CURIE; a literal as its text, numbers by the one number rule."""
    from zonekg.queries.answers import canonical

    if isinstance(term, URIRef):
        return f"{label(graph, term, 'zh')} ({curie(term)})"
    if isinstance(term, Literal) and term.datatype is not None:
        return canonical(str(term), str(term.datatype))
    return str(term)


def _prop(graph: Graph, p: URIRef) -> str:
    return f"{label(graph, p, 'zh')} · {label(graph, p, 'en')} ({curie(p)})"


def card(graph: Graph, iri: URIRef) -> str:
    """The entity card: types, labels, and every statement about it grouped by property."""
    lines = [f"{label(graph, iri, 'zh')} · {label(graph, iri, 'en')}", f"  id:     {curie(iri)}  <{iri}>"]
    types = sorted(t for t in graph.objects(iri, RDF.type) if isinstance(t, URIRef))
    lines.append("  type:   " + ", ".join(f"{curie(t)} ({label(graph, t, 'zh')} / {label(graph, t, 'en')})"
                                          for t in types))
    alt = sorted(str(a) for a in graph.objects(iri, SKOS.altLabel))
    if alt:
        lines.append("  also:   " + "、".join(alt))
    for note in sorted(str(n) for n in graph.objects(iri, ZO.noteText)):
        lines.append(f"  note:   {note}")
    first = quotes(graph, graph.objects(iri, ZO.firstStatedIn))
    if first:
        lines.append(f"  first mentioned: sentence {first[0].sentence_index} (line {first[0].line}): "
                     f"“{first[0].exact}”")
    # With several sources, each statement says which one states it (ids repeat across sources).
    sources = {o for p in (ZO.subject, ZO.object, ZO.claimedBy) for st in graph.subjects(p, iri)
               for o in graph.objects(st, _DERIVED_FROM)}
    for title, pred, other in (("statements about it", ZO.subject, "value"),
                               ("statements pointing to it", ZO.object, "subject"),
                               ("claims it made (its words, as the source quotes them)", ZO.claimedBy, "claim")):
        groups: dict[URIRef, list[StatementView]] = defaultdict(list)
        for st in graph.subjects(pred, iri):
            if (st, RDF.type, ZO.Statement) in graph:
                view = statement_view(graph, st)
                groups[view.predicate].append(view)
        if not groups:
            continue
        entries = {}
        for p, views in groups.items():
            entries[p] = []
            for view in sorted(views, key=lambda v: (str(v.subject if other == "subject" else v.value), v.id)):
                if other == "claim":
                    shown = f"{_show(graph, view.subject)} → {_show(graph, view.value)}"
                else:
                    shown = _show(graph, view.value if other == "value" else view.subject)
                who = f", claimed by {view.claimed_by}" if view.claimed_by and other != "claim" else ""
                derived = ", derived" if view.derivation else ""
                quoted = tuple((q.start, f"      s{q.sentence_index} l{q.line}: {marked(q)}") for q in view.quotes)
                entries[p].append((shown, f"[{view.modality}{who}{derived}]", view.id, view.source, quoted))
        # one line per fact (issue 20): the grouping and wording are the store reader's, the reading is rdflib's
        facts = {p: fact_lines(e, len(sources) > 1) for p, e in entries.items()}
        lines.append("")
        lines.append(f"{title} ({sum(len(f) for f in facts.values())}):")
        for p in sorted(groups, key=str):
            lines.append(f"  {_prop(graph, p)}")
            for fact in facts[p]:
                lines += fact
    return "\n".join(lines) + "\n"


# --- why -------------------------------------------------------------------------------------

def find_ids(graph: Graph, ident: str) -> tuple[list[URIRef], list[URIRef]]:
    """Statements and entities an id names: a full IRI, a CURIE, or a bare id such as ``gdp-value``."""
    iri = expand(ident)
    statements = set(graph.subjects(RDF.type, ZO.Statement))
    pool = entities(graph)
    if iri is not None:
        return ([iri] if iri in statements else []), ([iri] if iri in pool else [])
    tail = "/" + ident.strip()
    sts = sorted(s for s in statements if str(s).endswith(tail))
    ents = [ZK[ident.strip()]] if ZK[ident.strip()] in pool else []
    return sts, ents


def _evidence_block(q: Quote, heading: str) -> list[str]:
    return [
        f"  {heading}: line {q.line}, sentence {q.sentence_index}, chars {q.start}–{q.end} "
        f"(sentence {q.sentence_start}–{q.sentence_start + len(q.sentence)})",
        f"    {q.sentence}",
        f"    {underline(q)}",
        f"    quote: “{q.exact}”",
    ]


def why_statement(graph: Graph, st: URIRef) -> str:
    view = statement_view(graph, st)
    lines = [f"statement {view.id}  <{st}>",
             f"  {_show(graph, view.subject)} —{label(graph, view.predicate, 'zh')} ({curie(view.predicate)})→ "
             f"{_show(graph, view.value)}",
             f"  modality: {view.modality}" + (f", claimed by {view.claimed_by}" if view.claimed_by else "")]
    for pred, name in ((ZO.unit, "unit"), (ZO.period, "period"), (ZO.originalText, "original")):
        value = graph.value(st, pred)
        if value is not None:
            lines.append(f"  {name}: {_show(graph, value) if isinstance(value, URIRef) else value}")
    lines.append(f"  derived: {'yes — ' + view.derivation if view.derivation else 'no, stated in the text'}")
    source = graph.value(st, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
    if source is not None:
        lines.append(f"  source: <{source}>")
    for i, q in enumerate(view.quotes, 1):
        lines += _evidence_block(q, f"evidence {i} of {len(view.quotes)}")
    return "\n".join(lines) + "\n"


def why_entity(graph: Graph, iri: URIRef) -> str:
    lines = [f"entity {curie(iri)}  {label(graph, iri, 'zh')} · {label(graph, iri, 'en')}"]
    for q in quotes(graph, graph.objects(iri, ZO.firstStatedIn)):
        lines += _evidence_block(q, "first mentioned")
    by_sentence: dict[int, list[tuple[Quote, str]]] = defaultdict(list)
    for pred in (ZO.subject, ZO.object):
        for st in graph.subjects(pred, iri):
            if (st, RDF.type, ZO.Statement) in graph:
                view = statement_view(graph, st)
                for q in view.quotes:
                    by_sentence[q.sentence_index].append((q, view.id))
    if by_sentence:
        lines.append(f"  statements about it rest on {len(by_sentence)} sentence(s):")
    for index in sorted(by_sentence):
        items = sorted(set(by_sentence[index]), key=lambda item: (item[0].start, item[1]))
        q0 = items[0][0]
        span = f"{q0.sentence_start}–{q0.sentence_start + len(q0.sentence)}"
        lines.append(f"  sentence {index}, line {q0.line}, chars {span}:")
        lines.append(f"    {q0.sentence}")
        for q, sid in items:
            lines.append(f"    {underline(q)}  {sid} ({q.start}–{q.end})")
    return "\n".join(lines) + "\n"


def why(graph: Graph, ident: str) -> str:
    """The evidence behind a statement or an entity named by ``ident``."""
    statements, ents = find_ids(graph, ident)
    if not statements and not ents:
        raise ZoneKGError(f"no statement or entity has the id '{ident}' "
                          "(ids are shown in the `statement` column of query results and on entity cards)",
                          None, None, "id")
    parts = [why_statement(graph, st) for st in statements] + [why_entity(graph, e) for e in ents]
    return "\n".join(parts)
