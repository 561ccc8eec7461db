"""From checked fact sheets to RDF: one named graph per source, canonical files in ``build/``.

Each statement appears twice, as Wikidata's RDF does: the plain direct triple (for simple
queries and for networkx) and a ``zo:Statement`` node carrying modality, qualifiers and
evidence (quote and character offsets, with PROV-O and Web Annotation terms).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS
from rdflib.term import Node

from zonekg.facts.check import Evidence, FactSheet, load_fact_sheet
from zonekg.facts.shared import check_shared_entities
from zonekg.model import paths
from zonekg.model.errors import ZoneKGError
from zonekg.model.namespaces import (
    OA,
    ONTOLOGY_GRAPH,
    PREFIXES,
    PROV,
    TIME,
    ZKT,
    ZO,
    graph_iri,
    sentence_iri,
    span_iri,
    statement_iri,
)
from zonekg.model.ontology import Ontology, load_ontology_graph
from zonekg.rdf import convert, serialise
from zonekg.rdf.convert import from_ox

#: Concept classes whose members go into a scheme of the ontology.
SCHEMES = {
    ZO.Industry: ZO.IndustryScheme,
    ZO.Indicator: ZO.IndicatorScheme,
    ZO.Reform: ZO.ReformScheme,
    ZO.GuidingPrinciple: ZO.ReformScheme,
}

#: The files ``zonekg build`` writes, in ``build/``.
OUTPUTS = ("zone.trig", "zone.nq", "zone.ttl")


@dataclass
class BuildResult:
    """What one build made: the dataset and the checked fact sheets it came from.

    The build holds its named graphs as sorted pyoxigraph quads (``graphs``, graph IRI → quads):
    a graph reused from the cache is never parsed into rdflib. ``dataset``, the rdflib Dataset,
    is made from them on first use (the reasoner, the view); a result made from an rdflib
    Dataset (``BuildResult(ds, ...)``) holds it as given.
    Fact sheets whose named graph came from the build cache are in ``reused`` and are loaded
    (checked again) only when ``sheets`` is asked for; ``stats`` holds every sheet's counts.
    """

    data: Dataset | None
    ontology: Ontology
    loaded: list[FactSheet]
    files: dict[str, bytes] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)
    stats: dict[Path, dict] = field(default_factory=dict)
    reused: list[Path] = field(default_factory=list)
    info: dict | None = None
    #: How drafted items were read: refused (None) or left out (False, ``build --drafts``).
    draft_mode: bool | None = None
    graphs: dict[str, list] = field(default_factory=dict)

    @property
    def sheets(self) -> list[FactSheet]:
        if self.reused:
            again = (load_fact_sheet(p, self.ontology, drafts=self.draft_mode) for p in self.reused)
            self.loaded = sorted([*self.loaded, *again],
                                 key=lambda s: s.path)
            self.reused = []
        return self.loaded

    @property
    def dataset(self) -> Dataset:
        """The rdflib Dataset of every graph (made from ``graphs`` the first time it is asked for)."""
        if self.data is None:

            self.data = _new_dataset()
            for name, quads in self.graphs.items():
                graph = self.data.graph(URIRef(name))
                graph.addN((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), graph) for q in quads)
        return self.data

    @property
    def quads(self) -> list:
        """Every quad, sorted by graph, subject, predicate, object (:func:`zonekg.rdf.convert.to_quads`)."""

        if self.graphs:
            return [q for name in sorted(self.graphs) for q in self.graphs[name]]
        return convert.dataset_quads(self.dataset)


def _new_dataset() -> Dataset:
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True)
    return ds


def canonical(value: Literal) -> Literal:
    """A decimal in its one canonical lexical form (XSD 1.0: ``4.0``, ``6.6``, never ``4``).

    Turtle and TriG writers print a decimal as a bare number, which needs a decimal point; so
    ``"4"^^xsd:decimal`` would come back from a Turtle file as ``4.0``, a different literal from
    the one in N-Quads. Making the literal canonical where the build creates it gives the same
    term in every file.
    """
    if isinstance(value, Literal) and value.datatype == XSD.decimal:
        number = value.toPython()
        if not isinstance(number, Decimal) or not number.is_finite():
            return value
        text = format(number.normalize(), "f")
        return Literal(text if "." in text else f"{text}.0", datatype=XSD.decimal)
    return value


def _lit(text: str, lang: str) -> Literal:
    return Literal(text, lang=lang)


def _evidence(g: Graph, sheet: FactSheet, ev: Evidence) -> URIRef:
    sid = sheet.source.id
    node = span_iri(sid, ev.start, ev.end)
    quote, position = span_iri(sid, ev.start, ev.end, "quote"), span_iri(sid, ev.start, ev.end, "position")
    g.add((node, RDF.type, OA.SpecificResource))
    g.add((node, OA.hasSource, sheet.source.iri))
    g.add((node, OA.hasSelector, quote))
    g.add((node, OA.hasSelector, position))
    g.add((node, ZO.inSentence, sentence_iri(sid, ev.sentence.index)))
    g.add((quote, RDF.type, OA.TextQuoteSelector))
    g.add((quote, OA.exact, Literal(ev.exact)))
    g.add((quote, OA.prefix, Literal(ev.prefix)))
    g.add((quote, OA.suffix, Literal(ev.suffix)))
    g.add((position, RDF.type, OA.TextPositionSelector))
    g.add((position, OA.start, Literal(ev.start, datatype=XSD.nonNegativeInteger)))
    g.add((position, OA.end, Literal(ev.end, datatype=XSD.nonNegativeInteger)))
    return node


def _instant(when) -> Literal:
    """An instant as ``xsd:dateTime`` (with its time zone): rdflib cannot compute with
    ``xsd:dateTimeStamp`` (``YEAR()`` is unbound, ``<`` fails), Oxigraph and HermiT take both."""
    return Literal(when.isoformat(), datatype=XSD.dateTime)


def _stamp(g: Graph, node: URIRef, when, zh: str, en: str) -> None:
    g.add((node, RDF.type, TIME.Instant))
    g.add((node, RDFS.label, _lit(zh, "zh")))
    g.add((node, RDFS.label, _lit(en, "en")))
    g.add((node, TIME.inXSDDateTime, _instant(when)))


def source_graph(sheet: FactSheet, ontology: Ontology, g: Graph | None = None) -> Graph:
    """Everything one fact sheet says, as the triples of its named graph (added to ``g``)."""
    g = Graph() if g is None else g
    src = sheet.source
    g.add((src.iri, RDF.type, ZO.SourceDocument))
    g.add((src.iri, RDFS.label, _lit(src.title_zh, "zh")))
    g.add((src.iri, RDFS.label, _lit(src.title_en, "en")))
    g.add((src.iri, DCTERMS.language, Literal(src.language)))
    g.add((src.iri, ZO.sha256, Literal(src.sha256)))

    reasons = {nf.sentence.index: nf.reason for nf in sheet.no_facts}
    for s in src.sentences:
        node = sentence_iri(src.id, s.index)
        g.add((node, RDF.type, ZO.Sentence))
        g.add((node, ZO.sentenceOf, src.iri))
        g.add((node, ZO.sentenceIndex, Literal(s.index, datatype=XSD.positiveInteger)))
        g.add((node, ZO.lineNumber, Literal(s.line, datatype=XSD.positiveInteger)))
        g.add((node, ZO.charStart, Literal(s.start, datatype=XSD.nonNegativeInteger)))
        g.add((node, ZO.charEnd, Literal(s.end, datatype=XSD.nonNegativeInteger)))
        g.add((node, ZO.text, Literal(s.text)))
        if s.index in reasons:
            g.add((node, ZO.noFactReason, Literal(reasons[s.index])))

    for t in sheet.times.values():
        g.add((t.iri, RDF.type, TIME.Instant if t.end is None else TIME.ProperInterval))
        # The calendar year the article means, an integer both engines compare alike; for 年底
        # (the instant 2025-01-01T00:00+08:00) it is the year that ends, 2024, not YEAR() = 2025.
        g.add((t.iri, ZO.calendarYear, Literal(int(t.id[:4]), datatype=XSD.integer)))
        if t.end is None:
            g.add((t.iri, TIME.inXSDDateTime, _instant(t.begin)))
        else:
            begin, end = URIRef(f"{t.iri}/begin"), URIRef(f"{t.iri}/end")
            _stamp(g, begin, t.begin, f"{t.zh}开始", f"beginning of {t.en}")
            _stamp(g, end, t.end, f"{t.zh}结束", f"end of {t.en}")
            g.add((t.iri, TIME.hasBeginning, begin))
            g.add((t.iri, TIME.hasEnd, end))
        _mention(g, sheet, t.iri, t.zh, t.en, t.evidence)
        if t.derivation:
            g.add((t.iri, ZO.derivation, Literal(t.derivation)))

    for e in sheet.entities.values():
        for cls in e.types:
            g.add((e.iri, RDF.type, cls))
            for sup in ontology.superclasses(cls):
                if sup in SCHEMES:
                    g.add((e.iri, SKOS.inScheme, SCHEMES[sup]))
        _mention(g, sheet, e.iri, e.zh, e.en, e.evidence)
        for alt in e.alt_zh:
            g.add((e.iri, SKOS.altLabel, _lit(alt, "zh")))
        if e.note:
            g.add((e.iri, ZO.noteText, Literal(e.note)))

    for st in sheet.statements:
        node = statement_iri(src.id, st.id)
        if st.object is not None:
            target: Node = st.object
        else:
            assert st.value is not None, "the checker gives every statement an object or a value"
            target = canonical(st.value)
        g.add((st.subject, st.predicate, target))
        g.add((node, RDF.type, ZO.Statement))
        g.add((node, ZO.subject, st.subject))
        g.add((node, ZO.predicate, st.predicate))
        g.add((node, ZO.object if st.object is not None else ZO.literalValue, target))
        g.add((node, ZO.modality, ZKT[f"modality-{st.modality}"]))
        g.add((node, PROV.wasDerivedFrom, src.iri))
        for ev in st.evidence:
            g.add((node, ZO.evidence, _evidence(g, sheet, ev)))
        for pred, value in (
            (ZO.unit, st.unit), (ZO.period, st.period), (ZO.claimedBy, st.claimed_by),
        ):
            if value is not None:
                g.add((node, pred, value))
        if st.original:
            g.add((node, ZO.originalText, Literal(st.original)))
        if st.derivation:
            g.add((node, ZO.derivation, Literal(st.derivation)))
        g.add((node, ZO.isDerived, Literal(bool(st.derivation))))
        if st.approximate:
            g.add((node, ZO.isApproximate, Literal(True)))
        if st.note:
            g.add((node, ZO.noteText, Literal(st.note)))
    return g


def _mention(g: Graph, sheet: FactSheet, iri: URIRef, zh: str, en: str, evidence: list[Evidence]) -> None:
    g.add((iri, RDFS.label, _lit(zh, "zh")))
    g.add((iri, RDFS.label, _lit(en, "en")))
    g.add((iri, ZO.mentionedIn, sheet.source.iri))
    g.add((iri, ZO.firstStatedIn, _evidence(g, sheet, evidence[0])))


def check_coverage(sheet: FactSheet) -> None:
    """Every sentence carries a statement or a no-fact reason, never both."""
    covered = {ev.sentence.index for st in sheet.statements for ev in st.evidence}
    for nf in sheet.no_facts:
        if nf.sentence.index in covered:
            raise ZoneKGError(
                f"sentence {nf.sentence.index} is marked as carrying no fact, but statements rest on it",
                sheet.path, nf.line, "no_fact",
            )
    marked = {nf.sentence.index for nf in sheet.no_facts}
    for s in sheet.source.sentences:
        if s.index not in covered and s.index not in marked:
            raise ZoneKGError(
                f"sentence {s.index} (source line {s.line}) is unaccounted for: add a statement quoting it "
                f"or a no_fact entry with a reason: {s.text[:40]!r}",
                sheet.path, None, "no_fact",
            )


def make_dataset(root: Path, cached: dict[Path, tuple[str, bytes, dict]] | None = None,
                 drafts: bool = False) -> BuildResult:
    """Check every fact sheet and assemble the dataset, in memory only.

    ``cached`` maps a fact sheet to its source id, named graph (N-Quads) and counts, from the
    build cache: those sheets are neither read nor checked again. Items marked ``review: draft``
    are refused, or with ``drafts`` left out here (``zonekg.pipeline.drafts`` builds them apart).
    """

    cached = cached or {}
    onto_graph = load_ontology_graph(paths.ontology_files(root))
    ontology = Ontology(onto_graph)
    sheet_files = paths.fact_sheets(root)
    if not sheet_files:
        raise ZoneKGError("no fact sheets (*.yaml)", paths.facts_dir(root))
    graphs = {str(ONTOLOGY_GRAPH): convert.to_quads((s, p, o, ONTOLOGY_GRAPH) for s, p, o in _canonical(onto_graph))}
    result = BuildResult(None, ontology, [], draft_mode=False if drafts else None, graphs=graphs)
    seen_sources: dict[str, Path] = {}
    for path in sheet_files:
        if path in cached:
            source_id, nquads, stats = cached[path]
            quads = serialise.graph_quads(nquads)
            result.reused.append(path)
        else:
            sheet = load_fact_sheet(path, ontology, drafts=result.draft_mode)
            source_id, stats = sheet.source.id, sheet_stats(sheet)
            if not sheet.drafts:  # a partly reviewed sheet is checked whole, with its drafts
                check_coverage(sheet)
            iri = graph_iri(source_id)
            quads = convert.to_quads((s, p, o, iri) for s, p, o in source_graph(sheet, ontology))
            result.loaded.append(sheet)
        if source_id in seen_sources:
            raise ZoneKGError(f"source id '{source_id}' is also used by {seen_sources[source_id]}",
                              path, None, "source.id")
        seen_sources[source_id] = path
        graphs[str(graph_iri(source_id))] = quads
        result.stats[path] = stats

    check_shared_entities([(path, stats["entities"]) for path, stats in result.stats.items()])
    return result


def sheet_stats(sheet: FactSheet) -> dict:
    """The counts of one fact sheet that the build summary adds up (kept in the build cache)."""
    per_class: Counter[str] = Counter()
    for e in sheet.entities.values():
        per_class[str(e.types[0])] += 1
    return {
        "source_id": sheet.source.id,
        "source_file": str(sheet.source.path),
        "entities_per_class": dict(per_class),
        "times": len(sheet.times),
        "statements_per_modality": dict(Counter(st.modality for st in sheet.statements)),
        "sentences": len(sheet.source.sentences),
        "sentences_with_facts": len({ev.sentence.index for st in sheet.statements for ev in st.evidence}),
        "sentences_without_facts": len(sheet.no_facts),
        # what an id means here, so that sheets sharing ids are checked even when cached
        "entities": {e.id: [sorted(map(str, e.types)), e.zh, e.en, e.line] for e in sheet.entities.values()},
    }


def _canonical(graph: Graph) -> Graph:
    """Blank nodes renamed by content (RDNA-style), so serialisations are byte-stable."""
    from rdflib.compare import to_canonical_graph

    return to_canonical_graph(graph)


def dataset_files(result: BuildResult) -> dict[str, bytes]:
    """The build's files as bytes: TriG (graphs in IRI order), sorted N-Quads, merged Turtle.

    All three come from pyoxigraph's writers over the same sorted quads (see :mod:`zonekg.rdf.serialise`),
    so they parse back to the same triples and the bytes are reproducible.
    """

    quads = result.quads
    return {"zone.trig": serialise.trig(quads), "zone.nq": serialise.nquads(quads), "zone.ttl": serialise.turtle(quads)}


def summary(result: BuildResult) -> dict[str, object]:
    """Counts a user checks after a build: triples, entities per class, statements per modality."""
    if result.info is not None:
        return result.info
    per_class: Counter[str] = Counter()
    modality: Counter[str] = Counter()
    for stats in result.stats.values():
        for cls, n in stats["entities_per_class"].items():
            per_class[result.ontology.curie(URIRef(cls))] += n
        per_class["time:TemporalEntity"] += stats["times"]
        modality.update(stats["statements_per_modality"])
    sizes = ({n: len(q) for n, q in result.graphs.items()} if result.graphs
             else {str(g.identifier): len(g) for g in result.dataset.graphs()})
    return {
        "triples": sum(sizes.values()),
        "graphs": {name: n for name, n in sizes.items() if n},
        "entities_per_class": dict(sorted(per_class.items())),
        "statements_per_modality": dict(sorted(modality.items())),
        "statements": sum(modality.values()),
        "sentences_with_facts": sum(s["sentences_with_facts"] for s in result.stats.values()),
        "sentences_without_facts": sum(s["sentences_without_facts"] for s in result.stats.values()),
        "sentences": sum(s["sentences"] for s in result.stats.values()),
    }
