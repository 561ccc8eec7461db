"""Facts of the article, checked in the built graph against values read in the article itself.

Each expected value below was read from graph/sources/yushang-etdz-2024-09-29.zh.txt by a
person, not copied from the build's output.
"""

from decimal import Decimal

import yaml

from zonekg.sources import read_source

from .conftest import FACT_SHEET, SOURCE_TEXT

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
