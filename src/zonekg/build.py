"""From checked fact sheets to RDF: one named graph per source, canonical files in ``build/``.

Each statement appears twice, as Wikidata's RDF does: the plain direct triple (for simple
queries and for networkx) and a ``zo:Statement`` node carrying modality, qualifiers and
evidence (quote and character offsets, with PROV-O and Web Annotation terms).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from . import paths
from .errors import ZoneKGError
from .facts import Evidence, FactSheet, load_fact_sheet
from .namespaces import (
    OA,
    ONTOLOGY_GRAPH,
    PREFIXES,
    PROV,
    TIME,
    ZK,
    ZO,
    graph_iri,
    sentence_iri,
    span_iri,
    statement_iri,
)
from .ontology import Ontology, load_ontology_graph

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
    """What one build made: the dataset and the checked fact sheets it came from."""

    dataset: Dataset
    ontology: Ontology
    sheets: list[FactSheet]
    files: dict[str, bytes] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)


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


def _stamp(g: Graph, node: URIRef, when, zh: str, en: str) -> None:
    g.add((node, RDF.type, TIME.Instant))
    g.add((node, RDFS.label, _lit(zh, "zh")))
    g.add((node, RDFS.label, _lit(en, "en")))
    g.add((node, TIME.inXSDDateTimeStamp, Literal(when.isoformat(), datatype=XSD.dateTimeStamp)))


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
        if t.end is None:
            g.add((t.iri, TIME.inXSDDateTimeStamp, Literal(t.begin.isoformat(), datatype=XSD.dateTimeStamp)))
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
        target = st.object if st.object is not None else st.value
        g.add((st.subject, st.predicate, target))
        g.add((node, RDF.type, ZO.Statement))
        g.add((node, ZO.subject, st.subject))
        g.add((node, ZO.predicate, st.predicate))
        g.add((node, ZO.object if st.object is not None else ZO.literalValue, target))
        g.add((node, ZO.modality, ZK[f"modality-{st.modality}"]))
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


def make_dataset(root: Path, drafts: bool = False) -> BuildResult:
    """Check every fact sheet and assemble the dataset, in memory only.  Drafted items are
    refused, or with ``drafts`` left out here (``review.drafts_files`` builds them apart)."""
    onto_graph = load_ontology_graph(paths.ontology_files(root))
    ontology = Ontology(onto_graph)
    sheet_files = paths.fact_sheets(root)
    if not sheet_files:
        raise ZoneKGError("no fact sheets (*.yaml)", root / "graph" / "facts")
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True)
    target = ds.graph(ONTOLOGY_GRAPH)
    target.addN((s, p, o, target) for s, p, o in _canonical(onto_graph))
    sheets = []
    seen_sources: dict[str, Path] = {}
    for path in sheet_files:
        sheet = load_fact_sheet(path, ontology, drafts=False if drafts else None)
        if sheet.source.id in seen_sources:
            raise ZoneKGError(f"source id '{sheet.source.id}' is also used by {seen_sources[sheet.source.id]}",
                              path, None, "source.id")
        seen_sources[sheet.source.id] = path
        if not sheet.drafts:  # a partly reviewed sheet is checked whole, with its drafts
            check_coverage(sheet)
        source_graph(sheet, ontology, ds.graph(graph_iri(sheet.source.id)))
        sheets.append(sheet)
    from .multisource import check_shared_entities

    check_shared_entities(sheets)
    return BuildResult(ds, ontology, sheets)


def _canonical(graph: Graph) -> Graph:
    """Blank nodes renamed by content (RDNA-style), so serialisations are byte-stable."""
    from rdflib.compare import to_canonical_graph

    return to_canonical_graph(graph)


def _turtle_body(graph: Graph) -> str:
    """A graph as rdflib's sorted Turtle, without its prefix lines."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    text = graph.serialize(format="turtle")
    return "\n".join(line for line in text.splitlines() if not line.startswith("@prefix")).strip()


def serialise(result: BuildResult) -> dict[str, bytes]:
    """The build's files as bytes: TriG (graphs in IRI order), sorted N-Quads, merged Turtle.

    rdflib's TriG writer orders graphs as they happen to sit in memory, so TriG is written
    here graph by graph from rdflib's (sorted) Turtle, which makes the bytes reproducible.
    The merged Turtle file is the same blocks one after the other: Turtle allows a subject
    to appear in several blocks, so no second serialisation is needed.
    """
    ds = result.dataset
    graphs = sorted((g for g in ds.graphs() if len(g)), key=lambda g: str(g.identifier))
    prefixes = "\n".join(sorted(f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES.items()))
    trig_blocks, ttl_blocks = [], []
    for g in graphs:
        body = _turtle_body(g)
        indented = "\n".join(("    " + line) if line else "" for line in body.splitlines())
        trig_blocks.append(f"<{g.identifier}> {{\n{indented}\n}}\n")
        ttl_blocks.append(f"# graph <{g.identifier}>\n{body}\n")
    nquads = ds.serialize(format="nquads", encoding="utf-8").decode("utf-8")
    lines = sorted(set(line for line in nquads.splitlines() if line.strip()))
    return {
        "zone.trig": (prefixes + "\n\n" + "\n".join(trig_blocks)).encode("utf-8"),
        "zone.nq": ("\n".join(lines) + "\n").encode("utf-8"),
        "zone.ttl": (prefixes + "\n\n" + "\n".join(ttl_blocks)).encode("utf-8"),
    }


def summary(result: BuildResult) -> dict[str, object]:
    """Counts a user checks after a build: triples, entities per class, statements per modality."""
    ds = result.dataset
    per_class: Counter[str] = Counter()
    modality: Counter[str] = Counter()
    covered = total = 0
    for sheet in result.sheets:
        for e in sheet.entities.values():
            per_class[result.ontology.curie(e.types[0])] += 1
        per_class["time:TemporalEntity"] += len(sheet.times)
        for st in sheet.statements:
            modality[st.modality] += 1
        total += len(sheet.source.sentences)
        covered += len({ev.sentence.index for st in sheet.statements for ev in st.evidence})
    return {
        "triples": sum(1 for _ in ds.quads((None, None, None, None))),
        "graphs": {str(g.identifier): len(g) for g in ds.graphs() if len(g)},
        "entities_per_class": dict(sorted(per_class.items())),
        "statements_per_modality": dict(sorted(modality.items())),
        "statements": sum(modality.values()),
        "sentences_with_facts": covered,
        "sentences_without_facts": sum(len(s.no_facts) for s in result.sheets),
        "sentences": total,
    }
