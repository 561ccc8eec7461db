"""Entity cards and evidence: what the graph says about one thing, and the sentences behind it.

A card groups every statement about an entity by property, in both directions, each with
its value, modality and evidence sentence, so that a reader can check any claim against the
article.  ``why`` shows where a statement (or an entity's mentions) sit in the source: line,
sentence index, code-point offsets, and the quote marked under the sentence.

Both read the build's Oxigraph store through :class:`Triples`: pattern lookups with bound terms
(no query text is made from what the user typed), some 50 to 1,400 per card of the article, so a
card reads what it shows and never the whole graph, and neither rdflib nor a parse of
``zone.nq`` is needed (rdflib's import alone took longer than the query command's whole run).
Oxigraph normalises typed literals as it stores them (``"4898000000.0"^^xsd:decimal`` comes back
as ``"4898000000"``, ``xsd:nonNegativeInteger`` as ``xsd:integer``); a card shows numbers by the
one number rule (:func:`zonekg.queries.answers.canonical`), which gives the same text for both, and never
shows a datatype, so the cards are the same as from the terms exactly as built
(tests/test_cards_store.py compares every card and every ``why`` with the rdflib reading).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox

from zonekg.model.errors import ZoneKGError
from zonekg.model.prefixes import INFERRED_GRAPH, PREFIXES, curie
from zonekg.queries import names
from zonekg.queries.answers import canonical
from zonekg.queries.names import Named
from zonekg.store.local import ensure_store, open_store

if TYPE_CHECKING:
    from pathlib import Path

    Term = ox.NamedNode | ox.BlankNode | ox.Literal


def _iri(prefix: str, local: str) -> ox.NamedNode:
    return ox.NamedNode(PREFIXES[prefix] + local)


_TYPE = _iri("rdf", "type")
_LABEL = _iri("rdfs", "label")
_SUBCLASS_OF = _iri("rdfs", "subClassOf")
_ALT_LABEL = _iri("skos", "altLabel")
_DERIVED_FROM = _iri("prov", "wasDerivedFrom")
_HAS_SELECTOR, _EXACT, _START, _END = (_iri("oa", x) for x in ("hasSelector", "exact", "start", "end"))
ZO_ = {name: _iri("zo", name) for name in (
    "mentionedIn", "SourceDocument", "Statement", "subject", "predicate", "object", "literalValue", "modality",
    "claimedBy", "derivation", "evidence", "inSentence", "sentenceIndex", "lineNumber", "text", "charStart",
    "noteText", "firstStatedIn", "unit", "period", "originalText")}


class Triples:
    """Read-only lookups on the union of some graphs of a pyoxigraph store: the few kinds an
    entity card makes (the objects of a subject and predicate, the subjects of a predicate and
    object, whether a triple is there), each a pattern lookup with bound terms.

    The union has set semantics, as rdflib's union of named graphs has: a triple in two of the
    graphs is seen once."""

    def __init__(self, store: ox.Store, graphs: list[ox.NamedNode | ox.DefaultGraph]) -> None:
        self.store = store
        self.graphs = graphs

    @classmethod
    def of_build(cls, root: Path, inferred: bool = False) -> Triples:
        """The build's store (made from ``zone.nq`` if missing or stale), opened read-only: its
        default graph (the union of the sources and the ontology) and, with ``inferred``, the
        inferred graph when the build wrote one."""

        store = open_store(ensure_store(root))
        graphs: list = [ox.DefaultGraph()]
        if inferred and store.contains_named_graph(ox.NamedNode(INFERRED_GRAPH)):
            graphs.append(ox.NamedNode(INFERRED_GRAPH))
        return cls(store, graphs)

    def triples(self, s: Term | None, p: ox.NamedNode | None, o: Term | None) -> Iterator[ox.Triple]:
        if isinstance(s, ox.Literal):  # a literal is never a subject
            return
        if len(self.graphs) == 1:
            yield from (q.triple for q in self.store.quads_for_pattern(s, p, o, self.graphs[0]))
            return
        seen = set()
        for graph in self.graphs:
            for q in self.store.quads_for_pattern(s, p, o, graph):
                if q.triple not in seen:
                    seen.add(q.triple)
                    yield q.triple

    def objects(self, s: Term, p: ox.NamedNode) -> Iterator[Term]:
        return (t.object for t in self.triples(s, p, None) if not isinstance(t.object, ox.Triple))

    def subjects(self, p: ox.NamedNode, o: Term | None) -> Iterator[Term]:
        seen = set()
        for t in self.triples(None, p, o):
            if isinstance(t.subject, ox.Triple):  # RDF-star quoted triples: the build writes none
                continue
            if t.subject not in seen:  # one subject with several objects (o is None) comes once
                seen.add(t.subject)
                yield t.subject

    def value(self, s: Term | None, p: ox.NamedNode) -> Term | None:
        """One object of ``s p``, or None (for properties a statement has once)."""
        if s is None:
            return None
        return next(self.objects(s, p), None)

    def __contains__(self, triple: tuple) -> bool:
        return next(self.triples(*triple), None) is not None


def _text(term: Term | None) -> str:
    """A term's text, as ``str()`` of an rdflib term gives it ("None" for no term)."""
    return "None" if term is None else term.value


def _int(term: Term | None) -> int:
    if term is None:
        raise TypeError("a number is missing")
    return int(term.value)


def label(graph: Triples, node: Term | None, lang: str) -> str:
    """The node's label in ``lang``, else in any language, else its CURIE ("" for no node)."""
    if node is None:
        return ""
    fallback = None
    for value in graph.objects(node, _LABEL):
        if isinstance(value, ox.Literal):
            if value.language == lang:
                return value.value
            fallback = fallback or value.value
    return fallback or curie(node.value)


def most_specific_class(graph: Triples, types: set[ox.NamedNode]) -> ox.NamedNode | None:
    """The type with no subclass among the others (ties broken by IRI, for stable output)."""
    best = [t for t in types if not any(other != t and (other, _SUBCLASS_OF, t) in graph for other in types)]
    return min(best, key=lambda t: t.value) if best else None


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


def entities(graph: Triples) -> set[ox.NamedNode]:
    """Things the sources mention (not the statement and evidence plumbing)."""
    found = {s for s in graph.subjects(ZO_["mentionedIn"], None) if isinstance(s, ox.NamedNode)}
    return found | {s for s in graph.subjects(_TYPE, ZO_["SourceDocument"]) if isinstance(s, ox.NamedNode)}


def is_entity(graph: Triples, iri: ox.NamedNode) -> bool:
    """Whether ``iri`` is one of :func:`entities`, asked of the store directly."""
    return (iri, ZO_["mentionedIn"], None) in graph or (iri, _TYPE, ZO_["SourceDocument"]) in graph


def candidate(graph: Triples, iri: ox.NamedNode) -> Named:
    """The entity as :mod:`zonekg.queries.names` sees it."""
    types = {t for t in graph.objects(iri, _TYPE) if isinstance(t, ox.NamedNode)}
    cls = most_specific_class(graph, types)
    names = tuple(v.value for p in (_LABEL, _ALT_LABEL) for v in graph.objects(iri, p) if isinstance(v, ox.Literal))
    return Named(iri, iri.value, curie(cls.value) if cls else "", label(graph, iri, "zh"), label(graph, iri, "en"),
                 names)


def _node(iri: str) -> ox.NamedNode | None:
    """The IRI as a term; None for text that is no IRI (it names nothing in the graph)."""
    try:
        return ox.NamedNode(iri)
    except ValueError:
        return None


def _by_iri(graph: Triples) -> Callable[[str], Named | None]:
    """One IRI looked up in the store directly (no listing of every entity)."""
    def lookup(iri: str) -> Named | None:
        node = _node(iri)
        return candidate(graph, node) if node is not None and is_entity(graph, node) else None
    return lookup


def find_entities(graph: Triples, name: str) -> list[Named]:
    """Entities whose id, label or alternative label is or contains ``name`` (:func:`zonekg.queries.names.find`)."""
    return names.find(name, (candidate(graph, e) for e in entities(graph)), _by_iri(graph))


def resolve_entity(graph: Triples, name: str) -> ox.NamedNode:
    """The one entity ``name`` means; a clear error when none or several fit."""
    return names.resolve(name, (candidate(graph, e) for e in entities(graph)), _by_iri(graph)).key


# --- evidence ---------------------------------------------------------------------------------

def quotes(graph: Triples, evidence_nodes) -> list[Quote]:
    """The quotes of some evidence spans, in source order."""
    out = []
    for ev in evidence_nodes:
        sentence = graph.value(ev, ZO_["inSentence"])
        exact: str | None = None
        start: int | None = None
        end: int | None = None
        for sel in graph.objects(ev, _HAS_SELECTOR):
            text = graph.value(sel, _EXACT)
            if text is not None:
                exact = text.value
            if graph.value(sel, _START) is not None:
                start, end = _int(graph.value(sel, _START)), _int(graph.value(sel, _END))
        if sentence is None or exact is None or start is None or end is None:
            continue
        out.append(Quote(
            exact, start, end, _int(graph.value(sentence, ZO_["sentenceIndex"])),
            _int(graph.value(sentence, ZO_["lineNumber"])), _text(graph.value(sentence, ZO_["text"])),
            _int(graph.value(sentence, ZO_["charStart"])),
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

    iri: ox.NamedNode
    subject: Term | None
    predicate: Term | None
    value: Term | None
    modality: str
    claimed_by: str
    derivation: str
    quotes: tuple[Quote, ...]
    source: str = ""  # the id of the source that states it

    @property
    def id(self) -> str:
        return self.iri.value.rsplit("/", 1)[-1]


def statement_view(graph: Triples, st: Term) -> StatementView:
    if not isinstance(st, ox.NamedNode):
        raise TypeError(f"a statement node is an IRI, not {st!r}")
    value = graph.value(st, ZO_["object"])
    if value is None:
        value = graph.value(st, ZO_["literalValue"])
    modality = graph.value(st, ZO_["modality"])
    who = graph.value(st, ZO_["claimedBy"])
    derivation = graph.value(st, ZO_["derivation"])
    source = graph.value(st, _DERIVED_FROM)
    return StatementView(
        st, graph.value(st, ZO_["subject"]), graph.value(st, ZO_["predicate"]), value,
        modality.value.rsplit("modality-", 1)[-1] if modality is not None else "",
        label(graph, who, "zh") if who is not None else "",
        derivation.value if derivation is not None else "",
        tuple(quotes(graph, graph.objects(st, ZO_["evidence"]))),
        source.value.rsplit("/", 1)[-1] if source is not None else "",
    )


def _show(graph: Triples, term: Term | None) -> str:
    """An entity as its label and CURIE; a literal as its text, numbers by the one number rule."""
    if isinstance(term, ox.NamedNode):
        return f"{label(graph, term, 'zh')} ({curie(term.value)})"
    if isinstance(term, ox.Literal):
        return canonical(term.value, term.datatype.value)
    return _text(term)


def _prop(graph: Triples, p: Term | None) -> str:
    if p is None:
        return ""
    return f"{label(graph, p, 'zh')} · {label(graph, p, 'en')} ({curie(p.value)})"


def card(graph: Triples, iri: ox.NamedNode) -> str:
    """The entity card: types, labels, and every statement about it grouped by property."""
    lines = [f"{label(graph, iri, 'zh')} · {label(graph, iri, 'en')}", f"  id:     {curie(iri.value)}  <{iri.value}>"]
    types = sorted((t for t in graph.objects(iri, _TYPE) if isinstance(t, ox.NamedNode)), key=lambda t: t.value)
    lines.append("  type:   " + ", ".join(f"{curie(t.value)} ({label(graph, t, 'zh')} / {label(graph, t, 'en')})"
                                          for t in types))
    alt = sorted(a.value for a in graph.objects(iri, _ALT_LABEL))
    if alt:
        lines.append("  also:   " + "、".join(alt))
    for note in sorted(n.value for n in graph.objects(iri, ZO_["noteText"])):
        lines.append(f"  note:   {note}")
    first = quotes(graph, graph.objects(iri, ZO_["firstStatedIn"]))
    if first:
        lines.append(f"  first mentioned: sentence {first[0].sentence_index} (line {first[0].line}): "
                     f"“{first[0].exact}”")
    # With several sources, each statement says which one states it (ids repeat across sources).
    sources = {o for p in (ZO_["subject"], ZO_["object"], ZO_["claimedBy"]) for st in graph.subjects(p, iri)
               for o in graph.objects(st, _DERIVED_FROM)}
    for title, pred, other in (("statements about it", ZO_["subject"], "value"),
                               ("statements pointing to it", ZO_["object"], "subject"),
                               ("claims it made (its words, as the source quotes them)", ZO_["claimedBy"], "claim")):
        groups: dict[Term | None, list[StatementView]] = defaultdict(list)
        for st in graph.subjects(pred, iri):
            if (st, _TYPE, ZO_["Statement"]) in graph:
                view = statement_view(graph, st)
                groups[view.predicate].append(view)
        if not groups:
            continue
        def order(v: StatementView, other: str = other) -> tuple[str, str]:
            return _text(v.subject if other == "subject" else v.value), v.id

        items = {p: [(*_shown(graph, view, other), view.id, view.source,
                      tuple((q.start, f"      s{q.sentence_index} l{q.line}: {marked(q)}") for q in view.quotes))
                     for view in sorted(views, key=order)]
                 for p, views in groups.items()}
        facts = {p: fact_lines(entries, len(sources) > 1) for p, entries in items.items()}
        lines.append("")
        lines.append(f"{title} ({sum(len(f) for f in facts.values())}):")
        for p in sorted(groups, key=_text):
            lines.append(f"  {_prop(graph, p)}")
            for fact in facts[p]:
                lines += fact
    return "\n".join(lines) + "\n"


def _shown(graph: Triples, view: StatementView, other: str) -> tuple[str, str]:
    """What a card line shows of a statement: the other end (or the claim), and its modality tag."""
    if other == "claim":
        shown = f"{_show(graph, view.subject)} → {_show(graph, view.value)}"
    else:
        shown = _show(graph, view.value if other == "value" else view.subject)
    who = f", claimed by {view.claimed_by}" if view.claimed_by and other != "claim" else ""
    derived = ", derived" if view.derivation else ""
    return shown, f"[{view.modality}{who}{derived}]"


def fact_lines(entries: list[tuple[str, str, str, str, tuple[tuple[int, str], ...]]],
               several_sources: bool) -> list[list[str]]:
    """A card's lines for one property: one fact per line, however many statements state it.

    ``entries`` are the statements in card order, each (what the line shows, its modality tag, its
    id, the id of its source, its quote lines with where each quote starts). Statements that show
    the same thing with the same tag are one fact: its ids follow ``why:``, and, when more than one
    source states it, how many do and which (its corroboration); each distinct quote line is shown
    once, followed by the sources that quote it when not all of them do, in the order of the text.
    With one statement per fact the lines are those of one statement."""
    facts: dict[tuple[str, str], list[tuple[str, str, tuple[tuple[int, str], ...]]]] = {}
    for shown, tag, ident, source, quote_lines in entries:
        facts.setdefault((shown, tag), []).append((ident, source, quote_lines))
    out = []
    for (shown, tag), statements in facts.items():
        ids = sorted({ident for ident, _, _ in statements})
        sources = sorted({source for _, source, _ in statements if source})
        if len(sources) > 1:
            said = f"  stated by {len(sources)} sources: {', '.join(sources)}"
        else:
            said = f"  source: {sources[0] if sources else ''}" if several_sources else ""
        lines = [f"    {shown}   {tag}  why: {', '.join(ids)}{said}"]
        quoted: dict[tuple[int, str], set[str]] = {}
        for _, source, quote_lines in statements:
            for quote in quote_lines:
                quoted.setdefault(quote, set()).add(source)
        for (_, line), by in sorted(quoted.items()):
            lines.append(line if len(sources) < 2 or by >= set(sources) else f"{line}  ({', '.join(sorted(by))})")
        out.append(lines)
    return out


# --- why -------------------------------------------------------------------------------------

def find_ids(graph: Triples, ident: str) -> tuple[list[ox.NamedNode], list[ox.NamedNode]]:
    """Statements and entities an id names: a full IRI, a CURIE, or a bare id such as ``gdp-value``."""
    iri = names.expand(ident)
    if iri is not None:
        node = _node(iri)
        if node is None:
            return [], []
        return ([node] if (node, _TYPE, ZO_["Statement"]) in graph else []), ([node] if is_entity(graph, node) else [])
    tail = "/" + ident.strip()
    sts = sorted((s for s in graph.subjects(_TYPE, ZO_["Statement"])
                  if isinstance(s, ox.NamedNode) and s.value.endswith(tail)), key=lambda s: s.value)
    node = _node(PREFIXES["zk"] + ident.strip())
    return sts, ([node] if node is not None and is_entity(graph, node) else [])


def _evidence_block(q: Quote, heading: str) -> list[str]:
    return [
        f"  {heading}: line {q.line}, sentence {q.sentence_index}, chars {q.start}–{q.end} "
        f"(sentence {q.sentence_start}–{q.sentence_start + len(q.sentence)})",
        f"    {q.sentence}",
        f"    {underline(q)}",
        f"    quote: “{q.exact}”",
    ]


def why_statement(graph: Triples, st: ox.NamedNode) -> str:
    view = statement_view(graph, st)
    lines = [f"statement {view.id}  <{st.value}>",
             f"  {_show(graph, view.subject)} —{label(graph, view.predicate, 'zh')} ({curie(_text(view.predicate))})→ "
             f"{_show(graph, view.value)}",
             f"  modality: {view.modality}" + (f", claimed by {view.claimed_by}" if view.claimed_by else "")]
    for pred, name in (("unit", "unit"), ("period", "period"), ("originalText", "original")):
        value = graph.value(st, ZO_[pred])
        if value is not None:
            lines.append(f"  {name}: {_show(graph, value) if isinstance(value, ox.NamedNode) else value.value}")
    lines.append(f"  derived: {'yes — ' + view.derivation if view.derivation else 'no, stated in the text'}")
    source = graph.value(st, _DERIVED_FROM)
    if source is not None:
        lines.append(f"  source: <{source.value}>")
    for i, q in enumerate(view.quotes, 1):
        lines += _evidence_block(q, f"evidence {i} of {len(view.quotes)}")
    return "\n".join(lines) + "\n"


def why_entity(graph: Triples, iri: ox.NamedNode) -> str:
    lines = [f"entity {curie(iri.value)}  {label(graph, iri, 'zh')} · {label(graph, iri, 'en')}"]
    for q in quotes(graph, graph.objects(iri, ZO_["firstStatedIn"])):
        lines += _evidence_block(q, "first mentioned")
    by_sentence: dict[int, list[tuple[Quote, str]]] = defaultdict(list)
    for pred in (ZO_["subject"], ZO_["object"]):
        for st in graph.subjects(pred, iri):
            if (st, _TYPE, ZO_["Statement"]) in graph:
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


def why(graph: Triples, ident: str) -> str:
    """The evidence behind a statement or an entity named by ``ident``."""
    statements, ents = find_ids(graph, ident)
    if not statements and not ents:
        raise ZoneKGError(f"no statement or entity has the id '{ident}' "
                          "(ids are shown in the `statement` column of query results and on entity cards)",
                          None, None, "id")
    parts = [why_statement(graph, st) for st in statements] + [why_entity(graph, e) for e in ents]
    return "\n".join(parts)
