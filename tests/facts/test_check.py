"""Facts of the article, checked in the built graph against values read in the article itself.

Each expected value below was read from graph/sources/yushang-etdz-2024-09-29.zh.txt by a
person, not copied from the build's output.
"""

import shutil
import time
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from rdflib import XSD

from tests.helpers import FACT_SHEET, ROOT, SOURCE_TEXT
from zonekg.facts.check import load_fact_sheet
from zonekg.facts.sources import read_source
from zonekg.model.errors import ZoneKGError

#: The zone's whole note line, as the fact sheet has it: tests replace it with other notes.
ZONE_NOTE = next(line.strip() for line in FACT_SHEET.read_text(encoding="utf-8").splitlines()
                 if line.strip().startswith("note: The territory."))

PREFIXES = """
PREFIX zo: <https://w3id.org/zonekg/ontology#>
PREFIX zk: <https://w3id.org/zonekg/id/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""


def rows(graph, query):
    return [tuple(v.toPython() if v is not None else None for v in row) for row in graph.query(PREFIXES + query)]


def test_every_quote_of_the_fact_sheet_is_in_the_source():
    """Independent of the loader: walk the raw YAML and look each quote up in the text."""
    text = read_source(SOURCE_TEXT)
    data = yaml.safe_load(FACT_SHEET.read_text(encoding="utf-8"))
    quotes = []
    for section in ("times", "entities", "statements", "no_fact"):
        for item in data.get(section) or []:
            q = item["quote"]
            for part in q if isinstance(q, list) else [q]:
                quotes.append(part["text"] if isinstance(part, dict) else part)
    assert len(quotes) > 300
    missing = [q for q in quotes if str(q) not in text]
    assert not missing, missing


def test_every_evidence_span_matches_the_text(union):
    text = read_source(SOURCE_TEXT)
    spans = rows(union, """SELECT ?exact ?start ?end WHERE {
        ?ev oa:hasSelector ?q, ?p . ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end }""")
    assert spans
    for exact, start, end in spans:
        assert text[start:end] == exact


def test_province_approved_the_zone_on_1_february_2023(union):
    got = rows(union, """SELECT ?zh ?when WHERE {
        zk:yushang-etdz zo:approvalEvent ?e . ?e prov:wasAssociatedWith ?body ; zo:atTime ?t .
        ?body rdfs:label ?zh FILTER(lang(?zh) = "zh")
        ?t time:hasBeginning/time:inXSDDateTime ?when }""")
    assert {zh for zh, _ in got} == {"河南省委", "河南省人民政府"}
    assert {when.isoformat() for _, when in got} == {"2023-02-01T00:00:00+08:00"}


def test_gdp_growth_and_rank_in_the_first_half_of_2024(union):
    got = dict(rows(union, """SELECT ?ind ?v WHERE {
        ?obs zo:refArea zk:yushang-etdz ; zo:refPeriod <https://w3id.org/zonekg/id/time/2024-H1> ; zo:indicator ?ind .
        { ?obs zo:value ?v } UNION { ?obs zo:rank ?v } }"""))
    base = "https://w3id.org/zonekg/id/"
    assert got[base + "ind-gdp"] == Decimal("4898000000")  # 48.98 亿元
    assert got[base + "ind-gdp-growth"] == Decimal("6.6")  # 同比增长6.6%
    assert got[base + "ind-gdp-growth-rank"] == 1  # 增长率全市第一名
    units = dict(rows(union, "SELECT ?obs ?u WHERE { ?obs a zo:Observation ; zo:unit ?u }"))
    assert units[base + "obs-gdp-2024h1"] == base + "unit-cny"
    assert units[base + "obs-gdp-growth-2024h1"] == base + "unit-percent"


def test_first_half_of_2024_is_an_interval(union):
    (row,) = rows(union, """SELECT ?b ?e WHERE {
        <https://w3id.org/zonekg/id/time/2024-H1> time:hasBeginning/time:inXSDDateTime ?b ;
        time:hasEnd/time:inXSDDateTime ?e }""")
    assert (row[0].isoformat(), row[1].isoformat()) == ("2024-01-01T00:00:00+08:00", "2024-07-01T00:00:00+08:00")


def test_capacity_target_is_the_company_heads_claim_not_an_achievement(union):
    got = rows(union, """SELECT ?v ?unit ?mod ?who WHERE {
        ?st zo:subject zk:target-futian-capacity ; zo:predicate zo:value ; zo:literalValue ?v ;
            zo:unit ?unit ; zo:modality ?mod ; zo:claimedBy ?who }""")
    base = "https://w3id.org/zonekg/id/"
    assert got == [(Decimal("120000"), base + "unit-vehicles-per-year", base + "modality-claimed",
                    base + "futian-head")]  # 年产12万辆, said by 该公司负责人
    (deadline,) = rows(union, """SELECT ?when WHERE { zk:target-futian-capacity zo:targetPeriod ?t .
        ?t time:inXSDDateTime ?when }""")
    assert deadline[0].isoformat() == "2025-01-01T00:00:00+08:00"  # 年底 = the end of 2024


def test_zhang_feng_holds_four_posts_in_four_bodies(union):
    got = set(rows(union, """SELECT ?role ?body WHERE {
        ?post org:heldBy zk:zhang-feng ; org:postIn ?b ; org:role ?r .
        ?b rdfs:label ?body FILTER(lang(?body) = "zh") ?r rdfs:label ?role FILTER(lang(?role) = "zh") }"""))
    assert got == {
        ("书记", "示范区党工委"), ("主任", "示范区管委会"),
        ("副书记", "豫商经济技术开发区党工委"), ("主任", "豫商经济技术开发区管委会"),
    }


def test_counts_of_plans_clusters_and_policy_articles(union):
    got = dict(rows(union, """SELECT ?zh ?n WHERE { ?x zo:count ?n ; rdfs:label ?zh FILTER(lang(?zh) = "zh") }"""))
    assert got == {"11项规划项目": 11, "6大类25项专项规划": 25, "人才发展政策33条": 33}
    (cats,) = rows(union, "SELECT ?n WHERE { zk:planset-special zo:categoryCount ?n }")
    assert cats == (6,)
    (clusters,) = rows(union, "SELECT ?n WHERE { zk:obs-cluster-count zo:value ?n }")
    assert clusters == (Decimal(4),)


def test_four_leading_industries(union):
    got = {zh for (zh,) in rows(union, """SELECT ?zh WHERE { zk:yushang-etdz zo:leadingIndustry ?i .
        ?i rdfs:label ?zh FILTER(lang(?zh) = "zh") }""")}
    assert got == {"先进装备制造", "新材料", "电子信息", "商贸物流"}


def test_project_statuses(union):
    base = "https://w3id.org/zonekg/id/"
    got = dict(rows(union, "SELECT ?p ?s WHERE { ?p a zo:Project ; zo:hasStatus ?s }"))
    assert got[base + "proj-hengyuantong"] == base + "status-listed"  # 列入全省“双百工程”
    assert got[base + "proj-chemical-materials"] == base + "status-awaiting-approval"  # 待化工园区批复
    assert got[base + "proj-semiconductor"] == base + "status-introduced"  # 引进
    assert got[base + "proj-land-port"] == base + "status-under-way"  # 推进…项目建设
    (prog,) = rows(union, """SELECT ?zh WHERE { zk:proj-hengyuantong zo:listedIn ?p .
        ?p rdfs:label ?zh FILTER(lang(?zh) = "zh") }""")
    assert prog == ("全省“双百工程”",)


def test_talent_workstations_in_beijing_and_shanghai(union):
    got = {zh for (zh,) in rows(union, """SELECT ?zh WHERE { ?w a zo:TalentWorkstation ; zo:workstationCity ?c .
        ?c rdfs:label ?zh FILTER(lang(?zh) = "zh") }""")}
    assert got == {"北京市", "上海市"}


def test_goal_stages_years_stated_or_derived(union):
    got = set(rows(union, """SELECT ?order ?year ?derived WHERE {
        zk:goal-1235 zo:hasStage ?stage . ?stage zo:stageOrder ?order .
        ?st zo:subject ?stage ; zo:predicate zo:targetYear ; zo:literalValue ?year ; zo:isDerived ?derived }"""))
    # 2024 is stage two in the director's words; the other years follow from it.
    assert got == {(1, 2023, True), (2, 2024, False), (3, 2025, True), (5, 2027, True)}


def test_article_metadata(union):
    (row,) = rows(union, """SELECT ?when ?reporter ?outlet ?portal WHERE {
        ?src a zo:SourceDocument ; zo:dateTime ?when ; zo:reporter/rdfs:label ?reporter ;
             zo:outlet/rdfs:label ?outlet ; zo:repostedOn/rdfs:label ?portal .
        FILTER(lang(?reporter) = "zh" && lang(?outlet) = "zh" && lang(?portal) = "zh") }""")
    assert row[0].isoformat() == "2024-09-29T16:36:00+08:00"
    assert row[1:] == ("马晓伟", "商丘网-商丘日报", "工业园网")


def test_reporter_visit_date_resolved_against_the_article(union):
    (row,) = rows(union, """SELECT ?b WHERE { zk:reporter-visit zo:atTime ?t .
        ?t time:hasBeginning/time:inXSDDateTime ?b }""")
    assert row[0].isoformat() == "2024-09-23T00:00:00+08:00"  # 9月23日


def test_zone_territory_and_committee_are_different_resources(union):
    zone_types = {t for (t,) in rows(union, "SELECT ?t WHERE { zk:yushang-etdz a ?t }")}
    mc_types = {t for (t,) in rows(union, "SELECT ?t WHERE { zk:yushang-mc a ?t }")}
    zo = "https://w3id.org/zonekg/ontology#"
    assert zo + "DevelopmentZone" in zone_types and zo + "ManagementCommittee" not in zone_types
    assert zo + "ManagementCommittee" in mc_types
    (agency,) = rows(union, """SELECT ?kind ?of WHERE { zk:yushang-mc org:classification/rdfs:label ?kind ;
        zo:agencyOf/rdfs:label ?of FILTER(lang(?kind) = "zh" && lang(?of) = "zh") }""")
    assert agency == ("派出机构", "河南省人民政府")  # 作为省政府的派出机构


def test_plans_are_not_reported_as_achievements(union):
    """The goals of the outlook paragraph (展望未来…) are intended, never achieved."""
    got = rows(union, """SELECT ?mod WHERE { ?st zo:evidence/zo:inSentence ?s ; zo:modality ?mod ;
            zo:predicate ?p FILTER(?p IN (zo:hasGoal, zo:concerns))
        ?s zo:text ?text FILTER(CONTAINS(?text, "立志打造国内领先的新能源汽车产业基地")) }""")
    mods = {m.rsplit("-", 1)[-1] for (m,) in got}
    assert mods and mods <= {"planned", "targeted", "aspiration"}


def test_every_statement_has_one_modality_and_evidence(union):
    (row,) = rows(union, """SELECT (COUNT(?st) AS ?bad) WHERE { ?st a zo:Statement .
        FILTER(NOT EXISTS { ?st zo:evidence ?e } || NOT EXISTS { ?st zo:modality ?m }) }""")
    assert row == (0,)


# --- bad input: every error names the file, the line and the field -------------------------------
#
# Each test edits one thing in a copy of the real fact sheet and expects one ZoneKGError. The
# expected line is found by searching the edited text, the expected field is the one edited.


@pytest.fixture(scope="session")
def ontology():
    from zonekg.model import paths
    from zonekg.model.ontology import Ontology, load_ontology_graph

    return Ontology(load_ontology_graph(paths.ontology_files(ROOT)))


class Sheet:
    """A copy of the fact sheet beside a copy of its source, to edit and load."""

    def __init__(self, tmp_path: Path, ontology) -> None:
        (tmp_path / "sources").mkdir()
        (tmp_path / "facts").mkdir()
        shutil.copy(SOURCE_TEXT, tmp_path / "sources" / SOURCE_TEXT.name)
        self.path = tmp_path / "facts" / FACT_SHEET.name
        self.text = FACT_SHEET.read_text(encoding="utf-8")
        self.ontology = ontology

    def edit(self, old: str, new: str, after: str = "") -> "Sheet":
        """Replace the first ``old`` that follows ``after`` (a line such as ``- id: rank-value``)."""
        start = self.text.index(after) if after else 0
        at = self.text.index(old, start)
        self.text = self.text[:at] + new + self.text[at + len(old):]
        return self

    def line(self, needle: str, after: str = "") -> int:
        """The 1-based line of the first ``needle`` after ``after`` in the edited text."""
        start = self.text.index(after) if after else 0
        return self.text.count("\n", 0, self.text.index(needle, start)) + 1

    def load(self):
        self.path.write_text(self.text, encoding="utf-8")
        return load_fact_sheet(self.path, self.ontology)

    def error(self) -> ZoneKGError:
        if self.text is not None:  # None: the test wrote the file's bytes itself
            self.path.write_text(self.text, encoding="utf-8")
        with pytest.raises(ZoneKGError) as info:
            load_fact_sheet(self.path, self.ontology)
        assert str(info.value).startswith(str(self.path))
        return info.value


@pytest.fixture()
def sheet(tmp_path, ontology) -> Sheet:
    return Sheet(tmp_path, ontology)


def expect(err: ZoneKGError, line: int | None, field: str | None, *fragments: str) -> None:
    assert (err.line, err.field) == (line, field), str(err)
    for fragment in fragments:
        assert fragment in err.message, str(err)


RANK = "- id: rank-value"
GDP = "- id: gdp-value"
STAGE2 = "- id: stage-2-year"
CAPACITY = "- id: capacity-value"


def test_the_unedited_copy_loads(sheet):
    got = sheet.load()
    assert got.statements and got.entities
    (rank,) = [st for st in got.statements if st.id == "rank-value"]
    assert (rank.value.toPython(), rank.value.datatype) == (1, XSD.positiveInteger)  # 第一名


def test_times_and_no_fact_are_optional(sheet):
    sheet.text = sheet.text[:sheet.text.index("no_fact:\n")]
    assert sheet.load().no_facts == []


def test_rank_that_disagrees_with_its_chinese_ordinal(sheet):
    sheet.edit("v: 1", "v: 4", after=RANK)  # original: 第一名
    expect(sheet.error(), sheet.line("v: 4", after=RANK), "v", "第一名", "(1)")


def test_stage_order_that_disagrees_with_its_chinese_numeral(sheet):
    sheet.edit("v: 5", "v: 8", after="- id: stage-5-order")  # original: 五年
    expect(sheet.error(), sheet.line("v: 8", after="- id: stage-5-order"), "v", "五年", "(5)")


def test_gdp_that_disagrees_with_its_original(sheet):
    sheet.edit("v: 4898000000", "v: 489800000", after=GDP)
    expect(sheet.error(), sheet.line("v: 489800000"), "v", "does not match", "48.98 亿元", "(4898000000)")


def test_year_beyond_sane_range(sheet):
    sheet.edit("v: 2024", "v: 8024", after=STAGE2)
    expect(sheet.error(), sheet.line("v: 8024"), "v", "year 8024", "1900")


def test_year_that_disagrees_with_its_original(sheet):
    sheet.edit("v: 2024", "v: 2025", after=STAGE2)
    expect(sheet.error(), sheet.line("v: 2025", after=STAGE2), "v", "2024年")


def test_number_with_neither_original_nor_derivation(sheet):
    sheet.edit("    original: 48.98 亿元\n", "", after=GDP)
    expect(sheet.error(), sheet.line("v: 4898000000"), "v", "needs 'original'", "'derivation'")


def test_date_time_with_neither_original_nor_derivation(sheet):
    sheet.edit("    derivation: Lines 4–6", "    note: Lines 4–6", after="- id: source-published")
    expect(sheet.error(), sheet.line('v: "2024-09-29T16:36', after="- id: source-published"), "v", "needs 'original'")


def test_original_not_in_the_quote(sheet):
    sheet.edit("original: 6.6%", "original: 6.8%", after="- id: growth-value")
    expect(sheet.error(), sheet.line("original: 6.8%"), "original", "not in the quote")


def test_original_without_a_number(sheet):
    sheet.edit("original: 6.6%", "original: 同比增长", after="- id: growth-value")
    expect(sheet.error(), sheet.line("original: 同比增长"), "original", "states no number")


def test_number_beyond_sane_size(sheet):
    sheet.edit("v: 4898000000", "v: 1e20", after=GDP)
    expect(sheet.error(), sheet.line("v: 1e20"), "v", "beyond a sane size")


@pytest.mark.parametrize(("raw", "message"), [
    ("[1, 2]", "expected a single value, got a list"),
    ("null", "expected a single value, got null"),
    ("abc", "is not a number"),
    (".inf", "not a finite number"),
    ("1.5", "not a whole number"),
    ("-1", "out of range"),
])
def test_rank_value_of_the_wrong_type(sheet, raw, message):
    sheet.edit("v: 1", f"v: {raw}", after=RANK)
    expect(sheet.error(), sheet.line(f"v: {raw}", after=RANK), "v", message)


def test_claimed_by_must_be_a_person(sheet):
    sheet.edit("claimed_by: futian-head", "claimed_by: positioning-bridgehead", after=CAPACITY)
    expect(sheet.error(), sheet.line("claimed_by: positioning-bridgehead"), "claimed_by",
           "not in the range of zo:claimedBy", "zo:Person")


def test_claimed_by_without_claimed_modality(sheet):
    sheet.edit("modality: achieved", "modality: achieved\n    claimed_by: zhang-feng", after=GDP)
    expect(sheet.error(), sheet.line("claimed_by: zhang-feng", after=GDP), "claimed_by", "only it may have one")


def test_claimed_modality_without_speaker(sheet):
    sheet.edit("    claimed_by: futian-head\n", "", after=CAPACITY)
    expect(sheet.error(), sheet.line("modality: claimed", after=CAPACITY), "modality", "needs claimed_by")


def test_unit_must_be_a_unit(sheet):
    sheet.edit("unit: unit-cny", "unit: shangqiu", after=GDP)
    expect(sheet.error(), sheet.line("unit: shangqiu"), "unit", "not in the range of zo:unit", "zo:Unit")


def test_unit_needs_a_numeric_value(sheet):
    sheet.edit("modality: achieved", "modality: achieved\n    unit: unit-cny", after="- id: source-headline")
    expect(sheet.error(), sheet.line("unit: unit-cny", after="- id: source-headline"), "unit", "numeric value")


def test_period_must_be_a_time(sheet):
    sheet.edit("period: 2024-H1", "period: shangqiu", after=GDP)
    expect(sheet.error(), sheet.line("period: shangqiu"), "period", "not in the range of zo:period",
           "time:TemporalEntity")


def test_subject_outside_the_domain(sheet):
    sheet.edit("s: obs-gdp-growth-rank-2024h1", "s: shangqiu", after=RANK)
    expect(sheet.error(), sheet.line("s: shangqiu", after=RANK), "s", "'shangqiu' is not in the domain of rank")


def test_object_outside_the_range(sheet):
    sheet.edit("o: ma-xiaowei", "o: shangqiu", after="- id: source-reporter")
    expect(sheet.error(), sheet.line("o: shangqiu", after="- id: source-reporter"), "o",
           "not in the range of reporter", "zo:Person")


def test_object_property_given_a_value(sheet):
    sheet.edit("o: ma-xiaowei", "v: ma-xiaowei", after="- id: source-reporter")
    expect(sheet.error(), sheet.line("v: ma-xiaowei"), "v", "object property")


def test_datatype_property_given_an_object(sheet):
    sheet.edit("v: 1", "o: shangqiu", after=RANK)
    expect(sheet.error(), sheet.line(RANK), "v", "datatype property")  # no 'v' key: the statement's line


def test_unknown_property_and_prefix(sheet):
    sheet.edit("p: rank", "p: ranking", after=RANK)
    expect(sheet.error(), sheet.line("p: ranking"), "p", "unknown property 'ranking'")


def test_unknown_prefix_in_property(sheet):
    sheet.edit("p: rank", "p: nope:rank", after=RANK)
    expect(sheet.error(), sheet.line("p: nope:rank"), "p", "unknown prefix 'nope'")


def test_unknown_id(sheet):
    sheet.edit("s: obs-gdp-growth-rank-2024h1", "s: no-such-thing", after=RANK)
    expect(sheet.error(), sheet.line("s: no-such-thing"), "s", "unknown id 'no-such-thing'")


def test_unknown_modality(sheet):
    sheet.edit("modality: achieved", "modality: done", after=RANK)
    expect(sheet.error(), sheet.line("modality: done"), "modality", "'done' is not one of achieved")


@pytest.mark.parametrize("raw", ["[nested, list]", "[豫商经开区, null]", "[豫商经开区, 3]"])
def test_alt_labels_are_strings(sheet, raw):
    sheet.edit("alt_zh: [豫商经开区, 全区]", f"alt_zh: {raw}")
    sheet.text = sheet.text.replace("alt_zh: [nested, list]", "alt_zh: [[nested, list]]")
    line = sheet.line("alt_zh: [")
    expect(sheet.error(), line, "alt_zh", "each alternative label is a string")


def test_alt_label_on_one_line(sheet):
    sheet.edit("alt_zh: [豫商经开区, 全区]", 'alt_zh: ["豫商\\t经开区"]')
    expect(sheet.error(), sheet.line("alt_zh: ["), "alt_zh", "a tab")


def test_approximate_is_true_or_false(sheet):
    sheet.edit("modality: achieved", "modality: achieved\n    approximate: 'no'", after=RANK)
    expect(sheet.error(), sheet.line("approximate: 'no'"), "approximate", "expected bool, got str")


def test_occurrence_is_a_number_not_a_boolean(sheet):
    sheet.edit('{text: "2024", occurrence: 1}', '{text: "2024", occurrence: true}')
    expect(sheet.error(), sheet.line("occurrence: true"), "occurrence", "must be 1..")


def test_entity_id_equal_to_a_time_id(sheet):
    sheet.edit("- id: shangqiu\n", '- id: "2023"\n')
    time_line = sheet.line('- id: "2023"')
    expect(sheet.error(), sheet.line('- id: "2023"\n    type'), "id",
           f"duplicate id '2023': this entity has the id of the time on line {time_line}")


def test_entity_id_used_twice(sheet):
    sheet.edit("- id: beijing\n", "- id: shangqiu\n")
    first = sheet.line("- id: shangqiu\n")
    expect(sheet.error(), sheet.line("- id: shangqiu\n", after="- id: henan"), "id",
           f"duplicate entity id 'shangqiu' (first on line {first})")


def test_statement_id_equal_to_an_entity_id(sheet):
    sheet.edit("- id: rank-value", "- id: shangqiu")
    expect(sheet.error(), sheet.line("- id: shangqiu", after="- id: gdp-value"), "id",
           "duplicate id 'shangqiu': this statement has the id of the entity on line")


def test_entity_id_that_is_an_ontology_term(sheet):
    sheet.edit("- id: beijing\n", "- id: unit-cny\n")
    expect(sheet.error(), sheet.line("- id: unit-cny"), "id", "already a term of the ontology")


def test_time_not_stated_by_its_quote(sheet):
    sheet.edit('- id: "2024"', '- id: "2026"')
    expect(sheet.error(), sheet.line("quote: 2024年,是豫商"), "quote", "does not state 2026", "derivation")


def test_day_not_stated_by_its_quote(sheet):
    sheet.edit("- id: 2023-02-01", "- id: 2023-02-03")
    expect(sheet.error(), sheet.line("quote: 2023年2月1日"), "quote", "does not state 2月3日")


@pytest.mark.parametrize("tid", ["0000", "9999-end", "1066"])
def test_time_year_out_of_range(sheet, tid):
    sheet.edit("- id: 2023-02-01", f'- id: "{tid}"')
    expect(sheet.error(), sheet.line(f'- id: "{tid}"'), "id", "outside 1900–2100")


def test_time_that_is_not_a_date(sheet):
    sheet.edit("- id: 2023-02-01", "- id: 2023-02-30")
    expect(sheet.error(), sheet.line("- id: 2023-02-30"), "id", "not a calendar date")


def test_entity_type_list_may_not_be_empty(sheet):
    sheet.edit("type: NewsOutlet", "type: []")
    expect(sheet.error(), sheet.line("type: []"), "type", "needs a class")


def test_unknown_class(sheet):
    sheet.edit("type: NewsOutlet", "type: Newspaper")
    expect(sheet.error(), sheet.line("type: Newspaper"), "type", "unknown class 'Newspaper'")


def test_label_on_one_line(sheet):
    sheet.edit("zh: 商丘市", 'zh: "商丘\\n市"')
    expect(sheet.error(), sheet.line('zh: "商丘'), "zh", "a line break")


def test_note_may_span_lines(sheet):
    sheet.edit(ZONE_NOTE, 'note: "The territory.\\nSee yushang-mc."')
    assert sheet.load().entities["yushang-etdz"].note.startswith("The territory.\nSee")


def test_label_not_blank(sheet):
    sheet.edit("zh: 商丘市", 'zh: "  "')
    expect(sheet.error(), sheet.line('zh: "  "'), "zh", "is empty")


def test_label_of_the_wrong_type(sheet):
    sheet.edit("zh: 商丘市", "zh: [商丘市]")
    expect(sheet.error(), sheet.line("zh: [商丘市]"), "zh", "expected str, got a list")


def test_missing_required_field(sheet):
    sheet.edit("    zh: 商丘市\n", "")
    expect(sheet.error(), sheet.line("- id: shangqiu\n"), "zh", "required field 'zh'")


def test_unknown_field(sheet):
    sheet.edit("zh: 商丘市", "zh: 商丘市\n    colour: red")
    expect(sheet.error(), sheet.line("colour: red"), "colour", "unknown field")


# --- the text itself: refused before anything is built ---------------------------------------------


@pytest.mark.parametrize(("char", "name"), [
    ("\x00", "U+0000 NULL"),
    ("\x0b", "U+000B LINE TABULATION"),
    ("\x0c", "U+000C FORM FEED"),
    ("\x1c", "U+001C INFORMATION SEPARATOR FOUR"),
    ("\x85", "U+0085 NEXT LINE"),
    ("\u2028", "U+2028 LINE SEPARATOR"),
    ("\u2029", "U+2029 PARAGRAPH SEPARATOR"),
    ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("\r", "U+000D CARRIAGE RETURN"),
    ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
    ("\u200b", "U+200B ZERO WIDTH SPACE"),
    ("\u200c", "U+200C ZERO WIDTH NON-JOINER"),
    ("\u200d", "U+200D ZERO WIDTH JOINER"),
    ("\u2060", "U+2060 WORD JOINER"),
])
def test_forbidden_character_in_the_text(sheet, char, name):
    line = sheet.line("note: The territory.")
    sheet.edit("note: The territory.", f"note: The{char} territory.")
    expect(sheet.error(), line, "note", name, "not allowed")


@pytest.mark.parametrize(("escape", "name"), [
    ("\\0", "U+0000 NULL"), ("\\L", "U+2028 LINE SEPARATOR"), ("\\N", "U+0085 NEXT LINE"),
("\\u202d", "U+202D LEFT-TO-RIGHT OVERRIDE"),
    ("\\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"), ("\\u200d", "U+200D ZERO WIDTH JOINER"),
])
def test_forbidden_character_from_a_yaml_escape(sheet, escape, name):
    sheet.edit("zh: 商丘市", f'zh: "商丘{escape}市"')
    expect(sheet.error(), sheet.line('zh: "商丘'), "zh", name)


def test_lone_surrogate_escape_is_a_clean_error(sheet):
    sheet.edit("zh: 商丘市", 'zh: "商丘\\ud800市"')
    expect(sheet.error(), sheet.line('zh: "商丘'), None, "invalid Unicode")


def test_invalid_utf8_names_its_line(sheet):
    line = sheet.line("zh: 商丘市")
    data = sheet.text.encode("utf-8").replace("zh: 商丘市".encode(), b"zh: \xff\xfe", 1)
    sheet.path.write_bytes(data)
    sheet.text = None
    expect(sheet.error(), line, None, "not UTF-8", "0xff")


def test_yaml_anchor_refused(sheet):
    sheet.edit("zh: 商丘市", "zh: &city 商丘市")
    expect(sheet.error(), sheet.line("zh: &city"), "zh", "anchor &city")


def test_yaml_alias_refused_before_expansion(sheet):
    laughs = "\n".join(f"x{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12))
    sheet.text = "x0: &a0 [lol]\n" + laughs + "\n" + sheet.text
    started = time.perf_counter()
    expect(sheet.error(), 1, "x0", "anchor &a0")
    assert time.perf_counter() - started < 2


def test_yaml_alias_without_anchor(sheet):
    sheet.edit("zh: 商丘市", "zh: *city")
    expect(sheet.error(), sheet.line("zh: *city"), "zh", "alias *city")


def test_yaml_tag_refused(sheet):
    sheet.edit("v: 1", "v: !!str 1", after=RANK)
    expect(sheet.error(), sheet.line("v: !!str 1"), "v", "tag tag:yaml.org,2002:str")


def test_deep_nesting_refused(sheet):
    sheet.edit("alt_zh: [豫商经开区, 全区]", "alt_zh: " + "[" * 30 + "]" * 30)
    expect(sheet.error(), sheet.line("alt_zh: [[["), "alt_zh", "nested more than 10 levels")


def test_overlong_value_refused(sheet):
    sheet.edit(ZONE_NOTE, "note: " + "长" * 2001)
    expect(sheet.error(), sheet.line("note: 长"), "note", "2,001 characters; the limit is 2,000")


def test_huge_file_refused_fast(sheet):
    sheet.edit("note: The territory.", "note: " + "长" * 20_000_000)
    started = time.perf_counter()
    expect(sheet.error(), None, None, "bytes; a fact sheet may have at most 5,000,000")
    assert time.perf_counter() - started < 2


def test_yaml_syntax_error_names_line_and_column(sheet):
    sheet.edit("zh: 商丘市", "zh: [商丘市")
    err = sheet.error()
    assert err.line is not None and err.line >= sheet.line("zh: [商丘市")
    assert "YAML syntax error (column" in err.message


def test_duplicate_key(sheet):
    sheet.edit("zh: 商丘市", "zh: 商丘市\n    zh: 商丘")
    first = sheet.line("zh: 商丘市")
    expect(sheet.error(), sheet.line("zh: 商丘\n"), "zh", f"duplicate key 'zh' (first on line {first})")


def test_missing_file(tmp_path, ontology):
    with pytest.raises(ZoneKGError, match="fact sheet not found") as info:
        load_fact_sheet(tmp_path / "nope.yaml", ontology)
    assert info.value.file == tmp_path / "nope.yaml"


def test_not_a_mapping(sheet):
    sheet.text = "- just\n- a list\n"
    expect(sheet.error(), 1, None, "a fact sheet is a mapping")


def test_event_error_in_a_list_names_the_key_of_the_list(sheet):
    sheet.edit("alt_zh: [豫商经开区, 全区]", 'alt_zh: [豫商经开区, "全\\P区"]')
    expect(sheet.error(), sheet.line("alt_zh: [豫商经开区, \""), "alt_zh", "U+2029 PARAGRAPH SEPARATOR")


def test_event_error_after_a_nested_mapping_names_the_right_key(sheet):
    """After the title mapping closes, the next scalar belongs to 'source' again, then to 'times'."""
    sheet.edit("times:\n", 'times: !!seq\n')
    expect(sheet.error(), sheet.line("times: !!seq"), "times", "YAML tag")


@pytest.mark.parametrize(("char", "expected"), [
    ("\ud800", "U+D800 SURROGATE"), ("\udfff", "U+DFFF SURROGATE"), ("\x01", "U+0001 CONTROL CHARACTER"),
    ("\x0b", "U+000B LINE TABULATION (VT)"), ("\u2028", "U+2028 LINE SEPARATOR"),
    ("豫", "U+8C6B CJK UNIFIED IDEOGRAPH-8C6B"),
])
def test_describe_char(char, expected):
    from zonekg.facts.reader import describe_char

    assert describe_char(char) == expected


def test_count_may_not_be_negative(sheet):
    after = "- id: talent-33-count"
    sheet.edit("v: 33", "v: -33", after=after)
    expect(sheet.error(), sheet.line("v: -33", after=after), "v", "'-33' is out of range for xsd:nonNegativeInteger")


@pytest.mark.parametrize(("item", "kind"), [("- [a, b]", "a list"), ("- just text", "str")])
def test_an_entity_that_is_not_a_mapping(sheet, item, kind):
    sheet.edit("  - id: beijing\n", f"  {item}\n  - id: beijing\n")
    line = sheet.line(f"  {item}\n")
    err = sheet.error()
    # a list item names its own line; a plain string has none, so the list's first line stands in
    expect(err, line if kind == "a list" else sheet.line("  - id: ma-xiaowei"), "entities",
           f"each entity is a mapping, not {kind}")


def test_quote_across_sentences(sheet):
    sheet.edit("quote: 增长率全市第一名", "quote: 批复设立了豫商经济技术开发区。作为省政府", after=RANK)
    expect(sheet.error(), sheet.line("quote: 批复设立了", after=RANK), "quote", "crosses a sentence boundary")


def test_day_and_year_both_missing(sheet):
    sheet.edit("- id: 2023-02-01", "- id: 2022-03-04")
    expect(sheet.error(), sheet.line("quote: 2023年2月1日"), "quote", "does not state 2022 3月4日;")


@pytest.mark.parametrize(("tid", "begin", "end"), [
    ("2023-H2", "2023-07-01T00:00:00+08:00", "2024-01-01T00:00:00+08:00"),
    ("2023-H1", "2023-01-01T00:00:00+08:00", "2023-07-01T00:00:00+08:00"),
    ("2022", "2022-01-01T00:00:00+08:00", "2023-01-01T00:00:00+08:00"),
    ("2022-12-31", "2022-12-31T00:00:00+08:00", "2023-01-01T00:00:00+08:00"),
    ("2022-end", "2023-01-01T00:00:00+08:00", None),
])
def test_time_ids_resolve_to_begin_and_end(sheet, tid, begin, end):
    sheet.edit("times:\n", f'times:\n  - id: "{tid}"\n    zh: 某时\n    en: some time\n    quote: 2023年2月1日\n'
                           "    derivation: a test time\n")
    t = sheet.load().times[tid]
    assert t.begin.isoformat() == begin
    assert (t.end.isoformat() if t.end else None) == end


def test_source_text_changed(sheet):
    sheet.edit("sha256: 3751b53b", "sha256: 0751b53b")
    expect(sheet.error(), sheet.line("sha256: 0751b53b"), "sha256", "source text has sha256 3751b53b",
           "the fact sheet expects 0751b53b")


def test_time_id_of_an_unknown_form(sheet):
    sheet.edit("- id: 2024-H1", "- id: 2024-W3")
    expect(sheet.error(), sheet.line("- id: 2024-W3"), "id",
           "time ids are YYYY, YYYY-H1, YYYY-H2, YYYY-Q1…Q4, YYYY-MM, YYYY-MM-DD or YYYY-end, or a range A/B")


@pytest.mark.parametrize(("tid", "begin", "end"), [
    ("2024-Q3", "2024-07-01", "2024-10-01"),
    ("2024-Q4", "2024-10-01", "2025-01-01"),
    ("2024-02", "2024-02-01", "2024-03-01"),
    ("2024-12", "2024-12-01", "2025-01-01"),
    ("2024-01/2024-08", "2024-01-01", "2024-09-01"),  # 1-8月: from the start of January to the end of August
    ("2024-01-01/2024-09-24", "2024-01-01", "2024-09-25"),  # 今年以来, to the day of publication
    ("2021/2025", "2021-01-01", "2026-01-01"),  # 十四五
])
def test_periods_months_quarters_and_ranges(tid, begin, end):
    from datetime import datetime

    from zonekg.facts.check import CST, _time_bounds

    assert _time_bounds(tid) == (datetime.fromisoformat(begin).replace(tzinfo=CST),
                                 datetime.fromisoformat(end).replace(tzinfo=CST))


@pytest.mark.parametrize("tid", ["2024-13", "2024-Q5", "2024-08/2024-01", "2024/2024-end", "2024-01/2024-02/2024-03",
                                 "2024-02-30", "8024-01"])
def test_times_that_are_no_period(tid):
    from zonekg.facts.check import _time_bounds

    assert _time_bounds(tid) is None
