"""The checks and the RDF of ``zonekg.pipeline``, tested without a full build (fast enough to kill
mutants): coverage of every sentence, one fact sheet per source id, and the triples that one
fact sheet becomes.  Expected values are read from the article and the fact sheet, by hand."""

from __future__ import annotations

import dataclasses
import shutil
from decimal import Decimal

import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from tests.helpers import FACT_SHEET, ROOT, SOURCE_ID, SOURCE_TEXT, copy_project
from zonekg.facts.check import load_fact_sheet
from zonekg.model.errors import ZoneKGError
from zonekg.model.namespaces import OA, PROV, TIME, ZK, ZO, sentence_iri, span_iri, statement_iri, time_iri
from zonekg.rdf.dataset import check_coverage, dataset_files, make_dataset, source_graph, summary

SRC = URIRef(f"https://w3id.org/zonekg/source/{SOURCE_ID}")


@pytest.fixture(scope="module")
def ontology():
    from zonekg.model import paths
    from zonekg.model.ontology import Ontology, load_ontology_graph

    return Ontology(load_ontology_graph(paths.ontology_files(ROOT)))


@pytest.fixture(scope="module")
def sheet(ontology):
    return load_fact_sheet(FACT_SHEET, ontology)


@pytest.fixture()
def graph(sheet, ontology) -> Graph:
    """Made anew for each test, so that mutation testing maps source_graph to every test that checks it."""
    return source_graph(sheet, ontology)


def stmt(sid: str) -> URIRef:
    return statement_iri(SOURCE_ID, sid)


# --- check_coverage ------------------------------------------------------------------------------


def test_coverage_of_the_real_sheet_passes(sheet):
    check_coverage(sheet)


def test_sentence_marked_no_fact_but_carrying_a_statement(sheet):
    """The first no_fact entry (河南切换, sentence 1) is given a statement quoting it."""
    nf = sheet.no_facts[0]
    st = dataclasses.replace(sheet.statements[0], evidence=[dataclasses.replace(
        sheet.statements[0].evidence[0], sentence=nf.sentence)])
    bad = dataclasses.replace(sheet, statements=[st, *sheet.statements[1:]])
    with pytest.raises(ZoneKGError) as info:
        check_coverage(bad)
    err = info.value
    assert (err.file, err.line, err.field) == (FACT_SHEET, nf.line, "no_fact")
    assert err.message == (f"sentence {nf.sentence.index} is marked as carrying no fact, "
                           "but statements rest on it")


def test_sentence_unaccounted_for(sheet):
    """Dropping the no_fact entry of 新闻 (line 2 of the article) leaves its sentence bare."""
    text = SOURCE_TEXT.read_text(encoding="utf-8")
    (news,) = [nf for nf in sheet.no_facts if nf.sentence.text == "新闻"]
    bad = dataclasses.replace(sheet, no_facts=[nf for nf in sheet.no_facts if nf is not news])
    with pytest.raises(ZoneKGError) as info:
        check_coverage(bad)
    err = info.value
    line = text[:text.index("新闻")].count("\n") + 1
    assert (err.file, err.line, err.field) == (FACT_SHEET, None, "no_fact")
    assert err.message.startswith(f"sentence {news.sentence.index} (source line {line}) is unaccounted for")
    assert err.message.endswith("'新闻'")
    assert str(err).startswith(f"{FACT_SHEET}: no_fact: sentence")


def test_unaccounted_message_quotes_forty_characters(sheet):
    longest = max(sheet.source.sentences, key=lambda s: len(s.text))
    assert len(longest.text) > 40
    covered = [st for st in sheet.statements if all(ev.sentence.index != longest.index for ev in st.evidence)]
    with pytest.raises(ZoneKGError) as info:
        check_coverage(dataclasses.replace(sheet, statements=covered))
    assert repr(longest.text[:40]) in info.value.message
    assert repr(longest.text[:41]) not in info.value.message


# --- make_dataset --------------------------------------------------------------------------------


def test_two_sheets_with_one_source_id(tmp_path):
    root = copy_project(tmp_path)
    second = root / "graph" / "facts" / "zz-copy.yaml"
    shutil.copy(FACT_SHEET, second)
    with pytest.raises(ZoneKGError) as info:
        make_dataset(root)
    err = info.value
    first = root / "graph" / "facts" / FACT_SHEET.name
    assert (err.file, err.line, err.field) == (second, None, "source.id")
    assert err.message == f"source id '{SOURCE_ID}' is also used by {first}"


def test_dataset_holds_the_ontology_and_one_graph_per_source(tmp_path):
    from zonekg.model.namespaces import ONTOLOGY_GRAPH, graph_iri

    result = make_dataset(copy_project(tmp_path))
    names = {g.identifier for g in result.dataset.graphs() if len(g)}
    assert names == {ONTOLOGY_GRAPH, graph_iri(SOURCE_ID)}
    source = result.dataset.graph(graph_iri(SOURCE_ID))
    assert (ZK["obs-gdp-2024h1"], ZO.value, Literal("4898000000.0", datatype=XSD.decimal)) in source
    assert (ZK["obs-gdp-2024h1"], ZO.value, Literal("4898000000.0", datatype=XSD.decimal)) not in \
        result.dataset.graph(ONTOLOGY_GRAPH)
    assert [s.source.id for s in result.sheets] == [SOURCE_ID]


def test_no_fact_sheets(tmp_path):
    root = copy_project(tmp_path)
    for path in (root / "graph" / "facts").glob("*.yaml"):
        path.unlink()
    with pytest.raises(ZoneKGError) as info:
        make_dataset(root)
    assert (info.value.file, info.value.message) == (root / "graph" / "facts", "no fact sheets (*.yaml)")


# --- source_graph: what one fact sheet becomes ----------------------------------------------------


def test_source_document(graph):
    assert (SRC, RDF.type, ZO.SourceDocument) in graph
    assert set(graph.objects(SRC, RDFS.label)) == {
        Literal("豫商经济技术开发区:奋楫逐浪启新程", lang="zh"),
        Literal("Yushang Economic and Technological Development Zone: pulling the oars on a new journey", lang="en"),
    }
    assert graph.value(SRC, ZO.sha256) == Literal("3751b53b704ad14c73c20ed8ef14391a8f6b330dad10508424d1b910e1b55f70")
    assert graph.value(SRC, URIRef("http://purl.org/dc/terms/language")) == Literal("zh")


def test_sentences(graph, sheet):
    sentences = set(graph.subjects(RDF.type, ZO.Sentence))
    assert len(sentences) == 49  # the article's 49 sentences
    first = sentence_iri(SOURCE_ID, 1)
    assert graph.value(first, ZO.sentenceOf) == SRC
    assert graph.value(first, ZO.text) == Literal("河南切换")  # line 1 of the article
    assert graph.value(first, ZO.sentenceIndex) == Literal(1, datatype=XSD.positiveInteger)
    assert graph.value(first, ZO.lineNumber) == Literal(1, datatype=XSD.positiveInteger)
    assert graph.value(first, ZO.charStart) == Literal(0, datatype=XSD.nonNegativeInteger)
    assert graph.value(first, ZO.charEnd) == Literal(4, datatype=XSD.nonNegativeInteger)
    assert graph.value(first, ZO.noFactReason) == Literal(
        "the reposting portal's navigation (region switcher), not part of the article")
    reasons = list(graph.subject_objects(ZO.noFactReason))
    assert len(reasons) == 8  # two navigation lines, five headings, the contact line


def test_interval_time(graph):
    h1 = time_iri("2024-H1")
    assert (h1, RDF.type, TIME.ProperInterval) in graph
    begin, end = graph.value(h1, TIME.hasBeginning), graph.value(h1, TIME.hasEnd)
    assert (begin, end) == (URIRef(f"{h1}/begin"), URIRef(f"{h1}/end"))
    assert graph.value(begin, TIME.inXSDDateTime) == Literal("2024-01-01T00:00:00+08:00", datatype=XSD.dateTime)
    assert graph.value(end, TIME.inXSDDateTime) == Literal("2024-07-01T00:00:00+08:00", datatype=XSD.dateTime)
    assert (begin, RDF.type, TIME.Instant) in graph
    assert set(graph.objects(begin, RDFS.label)) == {Literal("2024年上半年开始", lang="zh"),
                                                     Literal("beginning of first half of 2024", lang="en")}
    assert set(graph.objects(end, RDFS.label)) == {Literal("2024年上半年结束", lang="zh"),
                                                   Literal("end of first half of 2024", lang="en")}
    assert graph.value(h1, ZO.derivation).startswith("今年 (this year)")
    assert graph.value(h1, ZO.mentionedIn) == SRC


def test_instant_time(graph):
    end = time_iri("2024-end")
    assert (end, RDF.type, TIME.Instant) in graph
    assert (end, RDF.type, TIME.ProperInterval) not in graph
    assert graph.value(end, TIME.inXSDDateTime) == Literal("2025-01-01T00:00:00+08:00", datatype=XSD.dateTime)
    assert graph.value(end, TIME.hasBeginning) is None
    assert graph.value(time_iri("2023-02-01"), ZO.derivation) is None  # stated outright


def test_entity(graph, sheet):
    zone = ZK["yushang-etdz"]
    assert (zone, RDF.type, ZO.DevelopmentZone) in graph
    assert set(graph.objects(zone, SKOS.altLabel)) == {Literal("豫商经开区", lang="zh"), Literal("全区", lang="zh")}
    assert graph.value(zone, ZO.noteText).startswith("The territory. The body that runs it is yushang-mc.")
    assert Literal("豫商经济技术开发区", lang="zh") in set(graph.objects(zone, RDFS.label))
    assert graph.value(zone, ZO.mentionedIn) == SRC
    text = SOURCE_TEXT.read_text(encoding="utf-8")
    quote = "豫商经济技术开发区:奋楫逐浪启新程"
    start = text.index(quote)
    assert graph.value(zone, ZO.firstStatedIn) == span_iri(SOURCE_ID, start, start + len(quote))
    assert graph.value(ZK["beijing"], ZO.noteText) is None  # an entity without a note has none


def test_concepts_join_their_scheme(graph):
    assert (ZK["ind-new-materials"], SKOS.inScheme, ZO.IndustryScheme) in graph  # type: Industry
    assert (ZK["ind-gdp"], SKOS.inScheme, ZO.IndicatorScheme) in graph
    assert graph.value(ZK["yushang-etdz"], SKOS.inScheme) is None  # a place joins no scheme


def test_direct_triple_and_statement_node(graph):
    node = stmt("gdp-value")
    obs, value = ZK["obs-gdp-2024h1"], Literal("4898000000.0", datatype=XSD.decimal)  # XSD canonical
    assert (obs, ZO.value, value) in graph
    assert (node, RDF.type, ZO.Statement) in graph
    assert graph.value(node, ZO.subject) == obs
    assert graph.value(node, ZO.predicate) == ZO.value
    assert graph.value(node, ZO.literalValue) == value
    assert graph.value(node, ZO.object) is None
    assert graph.value(node, ZO.modality) == ZK["modality-achieved"]
    assert graph.value(node, PROV.wasDerivedFrom) == SRC
    assert graph.value(node, ZO.unit) == ZK["unit-cny"]
    assert graph.value(node, ZO.period) == time_iri("2024-H1")
    assert graph.value(node, ZO.claimedBy) is None
    assert graph.value(node, ZO.originalText) == Literal("48.98 亿元")
    assert graph.value(node, ZO.isDerived) == Literal(False)
    assert graph.value(node, ZO.isApproximate) is None
    assert graph.value(node, ZO.derivation) is None


def test_object_statement(graph):
    node = stmt("source-reporter")
    assert (SRC, ZO.reporter, ZK["ma-xiaowei"]) in graph
    assert graph.value(node, ZO.object) == ZK["ma-xiaowei"]
    assert graph.value(node, ZO.literalValue) is None
    assert graph.value(node, ZO.originalText) is None


def test_claimed_derived_statement(graph):
    node = stmt("capacity-year")
    assert graph.value(node, ZO.claimedBy) == ZK["futian-head"]
    assert graph.value(node, ZO.modality) == ZK["modality-claimed"]
    assert graph.value(node, ZO.isDerived) == Literal(True)
    assert graph.value(node, ZO.derivation) == Literal("年底 said in an interview on 2024-09-23 is the end of 2024.")


def test_approximate_statement(graph):
    node = stmt("trade-clusters-value")
    assert graph.value(node, ZO.isApproximate) == Literal(True)
    assert graph.value(node, ZO.literalValue).toPython() == Decimal("100000000000")  # 千亿级


def test_statement_note(graph):
    node = stmt("mc-talent-33")
    assert graph.value(node, ZO.noteText).startswith("Revised and improved (修订完善), not issued for the first time;")


def test_evidence_selectors(graph):
    text = SOURCE_TEXT.read_text(encoding="utf-8")
    quote = "全区GDP完成48.98 亿元"
    start = text.index(quote)
    end = start + len(quote)
    ev = span_iri(SOURCE_ID, start, end)
    assert graph.value(stmt("gdp-value"), ZO.evidence) == ev
    assert (ev, RDF.type, OA.SpecificResource) in graph
    assert graph.value(ev, OA.hasSource) == SRC
    q, p = span_iri(SOURCE_ID, start, end, "quote"), span_iri(SOURCE_ID, start, end, "position")
    assert set(graph.objects(ev, OA.hasSelector)) == {q, p}
    assert (q, RDF.type, OA.TextQuoteSelector) in graph
    assert (p, RDF.type, OA.TextPositionSelector) in graph
    assert graph.value(q, OA.exact) == Literal(quote)
    assert graph.value(q, OA.prefix) == Literal(text[start - 12:start])
    assert graph.value(q, OA.suffix) == Literal(text[end:end + 12])
    assert graph.value(p, OA.start) == Literal(start, datatype=XSD.nonNegativeInteger)
    assert graph.value(p, OA.end) == Literal(end, datatype=XSD.nonNegativeInteger)
    sentence = graph.value(ev, ZO.inSentence)
    assert quote in str(graph.value(sentence, ZO.text))


def test_statement_with_several_quotes(graph):
    assert len(set(graph.objects(stmt("source-published"), ZO.evidence))) == 3  # 2024, 09/29, 16:36


# --- serialise and summary ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    return make_dataset(copy_project(tmp_path_factory.mktemp("checks")))


def test_serialised_files_parse_back(dataset):
    from rdflib import Dataset

    files = dataset_files(dataset)
    assert sorted(files) == ["zone.nq", "zone.trig", "zone.ttl"]
    quads = sum(1 for _ in dataset.dataset.quads((None, None, None, None)))
    lines = files["zone.nq"].decode("utf-8").splitlines()
    assert lines == sorted(set(lines)) and len(lines) == quads
    back = Dataset()
    back.parse(data=files["zone.trig"].decode("utf-8"), format="trig")
    assert sum(1 for _ in back.quads((None, None, None, None))) == quads
    ttl = Graph().parse(data=files["zone.ttl"].decode("utf-8"), format="turtle")
    assert len(ttl) == len({(s, p, o) for s, p, o, _ in dataset.dataset.quads((None, None, None, None))})
    assert dataset_files(dataset) == files


def test_summary(dataset, sheet):
    got = summary(dataset)
    assert got["sentences"] == 49
    assert got["sentences_without_facts"] == 8
    assert got["sentences_with_facts"] == 41
    assert got["statements"] == len(sheet.statements)
    assert got["entities_per_class"]["time:TemporalEntity"] == len(sheet.times)
    assert got["entities_per_class"]["zo:Person"] >= 3  # 马晓伟, 张峰, the company head
    assert sum(got["statements_per_modality"].values()) == len(sheet.statements)
    assert got["triples"] == sum(got["graphs"].values())


def test_graphs_are_written_in_iri_order_whatever_the_order_in_memory():
    from rdflib import Dataset

    from zonekg.rdf.dataset import BuildResult

    ds = Dataset()
    for name in ("b", "a"):  # created b first
        ds.graph(URIRef(f"https://example.org/graph/{name}")).add(
            (URIRef(f"https://example.org/{name}"), RDFS.label, Literal(name)))
    files = dataset_files(BuildResult(ds, None, []))
    for name in ("zone.trig", "zone.nq"):  # zone.ttl merges the graphs: it names none
        text = files[name].decode("utf-8")
        assert text.index("https://example.org/graph/a>") < text.index("https://example.org/graph/b>"), name
