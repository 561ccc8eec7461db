"""The RDF graph as a networkx graph of entities and relations.

The statement layer (statement nodes, evidence spans, selectors, sentences) is *folded*:
each edge carries the modality and the evidence of the statements behind it, so the
picture shows entities and relations, not plumbing.  ``keep_plumbing=True`` keeps every
node and triple instead.

The picture is made by one function from either reading of the build: an rdflib graph (what
``zonekg.load()`` gives) or :class:`StoreGraph`, the build's Oxigraph store behind the few calls of
rdflib's Graph API that the picture makes, so ``zonekg explain`` and the notebooks need not parse
``zone.nq``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast, overload

import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from zonekg.model.namespaces import OA, PROV, ZO
from zonekg.model.prefixes import curie
from zonekg.queries.cards import Triples
from zonekg.queries.names import Named
from zonekg.rdf.convert import from_ox, merged, ordered, to_ox

__all__ = ["Evidence", "StoreGraph", "label", "most_specific_class", "named_nodes", "statement_index", "to_networkx"]

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    import networkx as nx
    from rdflib.term import Identifier, Node

    from zonekg.queries.cards import Triples

    OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal

#: Triples that describe plumbing or bookkeeping, never drawn as relations.
HIDDEN_PREDICATES = {
    RDF.type, RDFS.label, SKOS.altLabel, SKOS.inScheme, SKOS.topConceptOf,
    ZO.mentionedIn, ZO.firstStatedIn, ZO.noteText, ZO.derivation,
}


class StoreGraph:
    """The default graph of an Oxigraph store (the build's: the union of the sources and the
    ontology, without the inferred graph) behind the part of rdflib's Graph API that
    :func:`to_networkx` and :func:`statement_index` call, in rdflib terms.

    So the networkx picture is made by the same code from the store as from a parse of
    ``zone.nq``: same nodes (rdflib ``URIRef``), edges and evidence.  Each call is a pattern lookup
    with bound terms (:class:`zonekg.queries.cards.Triples`) and each term is converted once.  Oxigraph
    normalises typed literals as it stores them (oxigraph issue 526): a literal comes back as
    stored (``"4898000000"^^xsd:decimal`` for ``"4898000000.0"``, ``xsd:integer`` for
    ``xsd:nonNegativeInteger``), so a node's ``attrs`` hold the same Python values as from
    ``zone.nq`` (``Decimal("4898000000") == Decimal("4898000000.0")``), whose text may differ.
    Labels, quotes, sentences and offsets are strings and integers: the same."""

    def __init__(self, triples: Triples) -> None:
        self._triples = triples
        self._to_rdf: dict[OxTerm, Node] = {}
        self._to_ox: dict[Node, OxTerm] = {}
        self._by_subject: dict[Node, list[tuple[Node, Node]]] = {}

    @classmethod
    def of_build(cls, root: Path) -> StoreGraph:
        """The build's store (made from ``zone.nq`` if missing or stale), opened read-only."""

        return cls(Triples.of_build(root))

    def _rdf(self, term: OxTerm | ox.Triple) -> Node:
        if isinstance(term, ox.Triple):  # RDF-star quoted triples: the build writes none
            raise TypeError("a quoted triple has no rdflib term here")
        known = self._to_rdf.get(term)
        if known is None:
            known = self._to_rdf[term] = from_ox(term)
            self._to_ox.setdefault(known, term)
        return known

    @overload
    def _ox(self, term: Node) -> OxTerm: ...

    @overload
    def _ox(self, term: None) -> None: ...

    def _ox(self, term: Node | None) -> OxTerm | None:
        if term is None:
            return None
        known = self._to_ox.get(term)
        if known is None:
            known = self._to_ox[term] = to_ox(term)
        return known

    def triples(self, pattern: tuple) -> Iterator[tuple[Node, Node, Node]]:
        """The triples that match; with the subject bound, filtered from all the subject's
        triples, read once: a statement is asked for ten properties one by one."""
        s, p, o = pattern
        if s is not None:
            subject = self._rdf(self._ox(s))
            for predicate, value in self._about(subject):
                if (p is None or predicate == p) and (o is None or value == o):
                    yield subject, predicate, value
            return
        for t in self._triples.triples(None, self._predicate(p), self._ox(o)):
            yield self._rdf(t.subject), self._rdf(t.predicate), self._rdf(t.object)

    def _about(self, subject: Node) -> list[tuple[Node, Node]]:
        known = self._by_subject.get(subject)
        if known is None:
            found = self._triples.triples(self._ox(subject), None, None)
            known = self._by_subject[subject] = [(self._rdf(t.predicate), self._rdf(t.object)) for t in found]
        return known

    def __iter__(self) -> Iterator[tuple[Node, Node, Node]]:
        return self.triples((None, None, None))

    def __contains__(self, triple: tuple) -> bool:
        return next(self.triples(triple), None) is not None

    def _predicate(self, term: Node | None) -> ox.NamedNode | None:
        """A predicate's pyoxigraph term (an IRI; anything else matches nothing)."""
        found = self._ox(term)
        if found is not None and not isinstance(found, ox.NamedNode):
            raise TypeError(f"a predicate is an IRI, not {term!r}")
        return found

    def subjects(self, predicate: Node, object: Node | None = None) -> Iterator[Node]:  # noqa: A002
        found = self._predicate(predicate)
        if found is None:
            raise TypeError("subjects() needs a predicate")
        return (self._rdf(s) for s in self._triples.subjects(found, self._ox(object)))

    def objects(self, subject: Node | None = None, predicate: Node | None = None) -> Iterator[Node]:
        return (o for _s, _p, o in self.triples((subject, predicate, None)))

    def predicate_objects(self, subject: Node) -> Iterator[tuple[Node, Node]]:
        return ((p, o) for _s, p, o in self.triples((subject, None, None)))

    def value(self, subject: Node | None, predicate: Node) -> Node | None:
        """One object of ``subject predicate`` (for properties a node has once), or None."""
        if subject is None:
            return None
        return next(self.objects(subject, predicate), None)


def label(graph: Graph | StoreGraph, node: Node, lang: str) -> str:
    """The node's label in ``lang``, else in any language, else its CURIE."""
    fallback = None
    for value in graph.objects(node, RDFS.label):
        if isinstance(value, Literal):
            if value.language == lang:
                return str(value)
            fallback = fallback or str(value)
    return fallback or curie(node)


@dataclass(frozen=True)
class Evidence:
    """Where a statement comes from: the quote, its sentence and offsets."""

    statement: str
    modality: str
    quote: str
    sentence: str
    sentence_index: int
    start: int
    end: int
    claimed_by: str | None = None
    derivation: str | None = None  #: how the statement was derived, when the text does not say it outright
    source: str | None = None  #: the source document that states it (several sources: corroboration)


def statement_index(graph: Graph | StoreGraph) -> dict[tuple, list[Evidence]]:
    """Map each direct triple (s, p, o) to the evidence of the statements asserting it."""
    index: dict[tuple, list[Evidence]] = {}
    for st in ordered(graph.subjects(RDF.type, ZO.Statement)):  # one order from any reader
        s, p = graph.value(st, ZO.subject), graph.value(st, ZO.predicate)
        o = graph.value(st, ZO.object)
        if o is None:
            o = graph.value(st, ZO.literalValue)
        modality = graph.value(st, ZO.modality)
        who = graph.value(st, ZO.claimedBy)
        derivation = graph.value(st, ZO.derivation)
        source = graph.value(st, PROV.wasDerivedFrom)
        for ev in ordered(graph.objects(st, ZO.evidence)):
            sentence = graph.value(ev, ZO.inSentence)
            quote = position = None
            for sel in graph.objects(ev, OA.hasSelector):
                if (sel, RDF.type, OA.TextQuoteSelector) in graph:
                    quote = sel
                elif (sel, RDF.type, OA.TextPositionSelector) in graph:
                    position = sel
            index.setdefault((s, p, o), []).append(Evidence(
                statement=str(st),
                modality=str(modality).rsplit("modality-", 1)[-1],
                quote=str(graph.value(quote, OA.exact)),
                sentence=str(graph.value(sentence, ZO.text)),
                sentence_index=_int(graph.value(sentence, ZO.sentenceIndex)),
                start=_int(graph.value(position, OA.start)),
                end=_int(graph.value(position, OA.end)),
                claimed_by=str(who) if who is not None else None,
                derivation=str(derivation) if derivation is not None else None,
                source=str(source) if source is not None else None,
            ))
    return index


def _int(value: Node | None) -> int:
    """An integer literal's value; a missing one is a damaged build."""
    if not isinstance(value, Literal):
        raise TypeError(f"an integer literal is missing ({value!r})")
    return int(value)


def _python(value: Literal) -> object:
    """A literal as a plain Python value; date-times are rebuilt from their lexical form so
    that they carry the standard library's time zone (copyable, comparable)."""
    from datetime import datetime

    if value.datatype is not None and str(value.datatype).endswith(("#dateTime", "#dateTimeStamp")):
        try:
            return datetime.fromisoformat(str(value))
        except ValueError:
            return str(value)
    return value.toPython()


def most_specific_class(graph: Graph | StoreGraph, types: set[URIRef]) -> URIRef | None:
    """The type with no subclass among the others (ties broken by IRI, for stable output)."""
    best = []
    for t in types:
        if not any(other != t and (other, RDFS.subClassOf, t) in graph for other in types):
            best.append(t)
    return sorted(best)[0] if best else None


def _plumbing(graph: Graph | StoreGraph) -> set[Node]:
    kinds = (ZO.Statement, OA.SpecificResource, OA.TextQuoteSelector, OA.TextPositionSelector, ZO.Sentence)
    return {n for k in kinds for n in graph.subjects(RDF.type, k)}


def to_networkx(graph: Graph | StoreGraph, *, keep_plumbing: bool = False) -> nx.MultiDiGraph:
    """Entities (and the vocabulary terms they point to) as nodes, relations as edges.

    ``graph`` is an rdflib Graph or Dataset (its named graphs are merged) or a :class:`StoreGraph`.

    Node attributes: ``iri``, ``label`` (zh), ``label_zh``, ``label_en``, ``cls`` (CURIE of the
    most specific class), ``cls_label_zh``/``cls_label_en``, ``types``, ``kind`` ("entity",
    "vocabulary", "source" or "plumbing"), ``attrs`` (literal values of the node, by CURIE)
    and ``evidence`` (list of Evidence for those values and the node's first mention).
    Edge key: the property CURIE; attributes ``property``, ``label_zh``, ``label_en``,
    ``modalities`` (sorted list) and ``evidence`` (list of Evidence).
    """
    import networkx as nx

    g = graph if isinstance(graph, StoreGraph) else merged(graph)
    index = statement_index(g)
    plumbing = _plumbing(g)
    entities = set(g.subjects(ZO.mentionedIn, None)) | set(g.subjects(RDF.type, ZO.SourceDocument))
    out = nx.MultiDiGraph()

    def add_node(node: Node, kind: str) -> None:
        if node in out:
            return
        types = {t for t in g.objects(node, RDF.type) if isinstance(t, URIRef)}
        cls = most_specific_class(g, types)
        out.add_node(
            node, iri=str(node), label=label(g, node, "zh"), label_zh=label(g, node, "zh"),
            label_en=label(g, node, "en"), cls=curie(cls) if cls else "", types=sorted(curie(t) for t in types),
            cls_label_zh=label(g, cls, "zh") if cls else "", cls_label_en=label(g, cls, "en") if cls else "",
            kind=kind, attrs={}, evidence=[],
        )

    for node in ordered(entities):
        add_node(node, "source" if (node, RDF.type, ZO.SourceDocument) in g else "entity")

    triples: Iterable[tuple[Node, Node, Node]]
    if keep_plumbing:
        triples = sorted(cast("Iterable[tuple[Identifier, Identifier, Identifier]]", g))
    else:  # the same triples in the same order, without sorting the plumbing (most of the graph)
        triples = ((s, p, o) for s in ordered(entities)
                   for p, o in sorted(cast("Iterable[tuple[Identifier, Identifier]]", g.predicate_objects(s))))
    for s, p, o in triples:
        if not isinstance(s, URIRef) or (s not in entities and not keep_plumbing):
            continue
        if keep_plumbing:
            if s not in out:
                add_node(s, "plumbing" if s in plumbing else "vocabulary")
        elif p in HIDDEN_PREDICATES:
            continue
        evidence = index.get((s, p, o), [])
        if isinstance(o, Literal):
            out.nodes[s]["attrs"].setdefault(curie(p), []).append(_python(o))
            out.nodes[s]["evidence"].extend(evidence)
            continue
        if not isinstance(o, URIRef) or (o in plumbing and not keep_plumbing):
            continue
        if o not in out:
            add_node(o, "plumbing" if o in plumbing else ("entity" if o in entities else "vocabulary"))
        out.add_edge(
            s, o, key=curie(p), property=str(p), label_zh=label(g, p, "zh"), label_en=label(g, p, "en"),
            modalities=sorted({e.modality for e in evidence}), evidence=evidence,
        )
    return out


def named_nodes(nodes: nx.MultiDiGraph, graph: Graph | StoreGraph | None = None) -> list[Named]:
    """The nodes of a picture as :mod:`zonekg.queries.names` resolves a name among them: their
    labels from the picture, their alternative labels from the graph it was drawn from (if given)."""
    def alt(node: Any) -> tuple[str, ...]:
        return tuple(str(a) for a in graph.objects(node, SKOS.altLabel)) if graph is not None else ()

    return [Named(node, str(node), d.get("cls") or "", d["label_zh"], d["label_en"],
                  (d["label_zh"], d["label_en"], *alt(node)))
            for node, d in nodes.nodes(data=True)]
