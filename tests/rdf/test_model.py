"""What the model audit found, checked against the article.

Each expectation is read from the article (graph/sources/…zh.txt): the paragraph that opens with
豫商经济技术开发区大力实施… presents 福田智蓝 and the projects as the zone's; the article never says
where the chemical park is; special vehicles and parts *join* the NEV cluster; the semiconductor
*project* is brought in under electronic information; 修订完善 is a revision, not an issue.
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from tests.helpers import SOURCE_ID
from zonekg.model.namespaces import ORG, ZK, ZO

STATEMENT = f"https://w3id.org/zonekg/id/statement/{SOURCE_ID}/"
ORG_AND_PLACE_CLASSES = (ORG.Organization, ZO.Place)


def statement(union: Graph, sid: str):
    from rdflib import URIRef

    node = URIRef(STATEMENT + sid)
    assert (node, RDF.type, ZO.Statement) in union, f"no statement {sid}"
    return node


def modality(union: Graph, sid: str) -> str:
    return str(union.value(statement(union, sid), ZO.modality)).rsplit("modality-", 1)[1]


def sentences(union: Graph, sid: str) -> set[str]:
    node = statement(union, sid)
    return {str(union.value(union.value(ev, ZO.inSentence), ZO.text)) for ev in union.objects(node, ZO.evidence)}


def test_the_zone_has_its_company_and_projects(union):
    members = set(union.subjects(ZO.inZone, ZK["yushang-etdz"]))
    assert members == {ZK[x] for x in (
        "futian-zhilan", "proj-hengyuantong", "proj-chemical-materials", "proj-electronic-several",
        "proj-semiconductor", "proj-land-port", "proj-emu-depot", "proj-new-infrastructure",
        "proj-park-infrastructure")}


def test_membership_evidence_and_modality(union):
    opening = "豫商经济技术开发区大力实施工业“发动机”、服务业“金钥匙”等计划,推进“3+1”主导产业延连补链强链。"
    for sid, expected in (("futian-in-zone", "achieved"),       # 首台地产车成功下线
                          ("hengyuantong-in-zone", "achieved"),  # 列入全省“双百工程”
                          ("chemical-project-in-zone", "planned"),  # 待化工园区批复后即可开建
                          ("electronic-projects-in-zone", "ongoing"),  # 大力推进多个项目建设
                          ("semiconductor-in-zone", "achieved"),  # 引进
                          ("land-port-in-zone", "ongoing"), ("emu-depot-in-zone", "ongoing")):  # 推进…建设
        assert modality(union, sid) == expected, sid
        assert opening in sentences(union, sid), sid
        assert union.value(statement(union, sid), ZO.noteText), f"{sid} explains its modality"
    assert modality(union, "new-infrastructure-in-zone") == "planned"  # 展望未来 … 积极推进新型基建工程建设


def test_the_article_does_not_say_where_the_chemical_park_is(union):
    assert not set(union.objects(ZK["chemical-park"], ZO.locatedIn))
    assert not set(union.subjects(ZO.containsPlace, ZK["chemical-park"]))
    # what it does say: the chemical project waits for the park's approval
    assert (ZK["proj-chemical-materials"], ZO.awaitsApprovalOf, ZK["chemical-park"]) in union


def test_the_semiconductor_project_not_the_material_is_under_electronic_information(union):
    assert not set(union.objects(ZK["ind-semiconductor-materials"], SKOS.broader))
    assert (ZK["proj-semiconductor"], ZO.industry, ZK["ind-electronic-information"]) in union


def test_special_vehicles_and_parts_join_the_nev_cluster_they_are_not_kinds_of_nev(union):
    for industry in ("ind-special-vehicles", "ind-auto-parts"):
        assert not set(union.objects(ZK[industry], SKOS.broader)), industry
        assert (ZK["goal-nev-cluster"], ZO.concerns, ZK[industry]) in union
    assert modality(union, "nev-cluster-special-vehicles") == "claimed"  # the company head's words


def test_attracting_talent_is_an_aspiration(union):
    assert modality(union, "mc-goal-talent") == "aspiration"  # 吸引更多高端人才…: no number, no date


def test_revised_is_not_issued(union):
    assert (ZK["yushang-mc"], ZO.revised, ZK["policy-talent-33"]) in union  # 修订完善人才发展政策33条
    assert (ZK["yushang-mc"], ZO.issued, ZK["policy-talent-33"]) not in union
    assert (ZK["yushang-mc"], ZO.issued, ZK["policy-land-measures"]) in union  # 出台《…管理办法》


def test_the_rank_is_linked_to_the_growth_it_ranks(union):
    rank, growth = ZK["obs-gdp-growth-rank-2024h1"], ZK["obs-gdp-growth-2024h1"]
    assert (rank, ZO.rankOf, growth) in union  # 同比增长6.6%,增长率全市第一名
    assert (growth, ZO.growthOf, ZK["obs-gdp-2024h1"]) in union


def test_three_plus_one_is_not_split_by_guess(union):
    """The article writes “3+1” and names four leading industries (先进装备制造、新材料、电子信息和商贸物流,
    elsewhere 先进装备制造、新材料、电子信息、商贸物流) but never which one is the “+1”: the graph
    names the four and says nothing of the split (the 2026-12 audit found the split doubtful)."""
    zone = ZK["yushang-etdz"]
    assert set(union.objects(zone, ZO.leadingIndustry)) == {
        ZK["ind-advanced-equipment"], ZK["ind-new-materials"], ZK["ind-electronic-information"],
        ZK["ind-commerce-logistics"]}
    own = "https://w3id.org/zonekg/ontology#"
    assert not {p for p in union.predicates(zone, None) if str(p) in (own + "coreLeadingIndustry",
                                                                       own + "additionalLeadingIndustry")}


def test_a_person_in_charge_is_not_read_as_the_formal_head(union):
    """该公司负责人: a person in charge (role 负责人), with no title; not org:headOf the company."""
    head, post = ZK["futian-head"], ZK["post-futian-head"]
    assert (head, ORG.headOf, ZK["futian-zhilan"]) not in union
    assert (post, ORG.heldBy, head) in union and (post, ORG.role, ZK["role-head"]) in union


def test_the_zones_industry_news_is_said_of_the_zone(union):
    """新材料产业取得重大突破 and the like report the zone's industries, not the industries everywhere."""
    for sid, industry in (("new-materials-breakthrough", "ind-new-materials"), ("nev-clustering", "ind-nev"),
                          ("electronic-tuyere", "ind-electronic-information")):
        st = statement(union, sid)
        assert union.value(st, ZO.subject) == ZK["yushang-etdz"], sid
        assert not set(union.objects(ZK[industry], ZO.assessment)), industry


def test_every_label_the_article_does_not_write_is_disclosed(union, article):
    """Names of bodies and places: a label not in the article is explained in the entity's note."""
    undisclosed = []
    for cls in ORG_AND_PLACE_CLASSES:
        for entity in _members(union, cls) & set(union.subjects(ZO.mentionedIn, None)):
            notes = " ".join(str(n) for n in union.objects(entity, ZO.noteText))
            for label in list(union.objects(entity, RDFS.label)) + list(union.objects(entity, SKOS.altLabel)):
                if label.language == "zh" and str(label) not in article and str(label) not in notes:
                    undisclosed.append(f"{entity} {label}")
    assert not undisclosed, undisclosed
    # the three the audit named
    named = (("henan-gov", "河南省人民政府"), ("shangqiu-gov", "商丘市人民政府"), ("yushang-etdz", "豫商经开区"))
    for entity, label in named:
        assert label not in article
        assert label in str(union.value(ZK[entity], ZO.noteText)), entity


def test_every_chinese_label_the_article_does_not_write_is_disclosed(union, article):
    """Every entity of every class (posts, industries, goals, observations… not only bodies and
    places): a Chinese label that is not in the article is quoted in the entity's note, which says
    how it was made, or (for a time) in its derivation."""
    undisclosed = []
    for entity in set(union.subjects(ZO.mentionedIn, None)):
        said = " ".join(str(n) for p in (ZO.noteText, ZO.derivation) for n in union.objects(entity, p))
        for label in list(union.objects(entity, RDFS.label)) + list(union.objects(entity, SKOS.altLabel)):
            if label.language != "zh" or str(label) in article:
                continue
            if str(label) not in said and not (union.value(entity, ZO.derivation) and (entity, RDF.type, TIME_ENTITY)
                                                in union_types(union, entity)):
                undisclosed.append(f"{entity} {label}")
    assert not undisclosed, sorted(undisclosed)


TIME_ENTITY = URIRef("http://www.w3.org/2006/time#TemporalEntity")


def union_types(union: Graph, entity) -> set:
    """``(entity, rdf:type, C)`` for C and every class above it."""
    out = set()
    for c in union.objects(entity, RDF.type):
        out |= {(entity, RDF.type, sup) for sup in union.transitive_objects(c, RDFS.subClassOf)}
    return out


def _members(union: Graph, cls):
    classes = set(union.transitive_subjects(RDFS.subClassOf, cls))
    return {s for c in classes for s in union.subjects(RDF.type, c)}
