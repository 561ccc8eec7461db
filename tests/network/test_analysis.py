"""zonekg.network.analysis: centrality, communities, components and explain, checked against what the
article and its fact sheet say (expected values are worked out here from the fact sheet or
written down from reading the article, never copied from the output under test)."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pytest
import yaml

from tests.helpers import FACT_SHEET
from zonekg.model.errors import ZoneKGError
from zonekg.model.namespaces import ZK
from zonekg.model.prefixes import curie
from zonekg.network import analysis
from zonekg.network.graph import to_networkx


@pytest.fixture(scope="module")
def graph(built):
    return to_networkx(built.dataset)


@pytest.fixture(scope="module")
def relations_per_entity() -> Counter:
    """From the fact sheet: distinct relations (s, p, o) between two entities (or times), per entity."""
    sheet = yaml.safe_load(FACT_SHEET.read_text(encoding="utf-8"))
    ids = {e["id"] for e in sheet["entities"]} | {t["id"] for t in sheet["times"]}
    relations = {(st["s"], st["p"], st["o"]) for st in sheet["statements"]
                 if "o" in st and st["s"] in ids and st["o"] in ids}
    counts: Counter = Counter()
    for s, _p, o in relations:
        counts[s] += 1
        counts[o] += 1
    return counts


def test_committee_is_most_central_by_degree(graph, relations_per_entity):
    table = analysis.centrality(graph)
    # The committee acts in most statements of the article (goals, plans, principles, policies).
    [(top_id, top_count)] = relations_per_entity.most_common(1)
    assert top_id == "yushang-mc"
    assert table.iloc[0]["id"] == "zk:yushang-mc"
    assert table.iloc[0]["degree"] == top_count
    degree = dict(zip(table["id"], table["degree"], strict=True))
    for entity in ("yushang-etdz", "futian-zhilan", "ind-nev", "zhang-feng"):
        assert degree[f"zk:{entity}"] == relations_per_entity[entity]


def test_table_has_labels_and_no_vocabulary(graph):
    table = analysis.centrality(graph)
    row = table.set_index("id").loc["zk:futian-zhilan"]
    assert row["label_zh"] == "河南福田智蓝新能源汽车公司" and row["cls"] == "zo:Company"
    assert "zk:status-under-way" not in set(table["id"])  # a status shared by projects is no hub
    assert table["betweenness"].between(0, 1).all()


def test_committee_and_territory_are_the_bridges(graph):
    # Everything the committee does and everything counted about the territory goes through them.
    table = analysis.centrality(graph).sort_values("betweenness", ascending=False)
    assert set(table["id"].head(2)) == {"zk:yushang-mc", "zk:yushang-etdz"}


def test_outlets_stand_apart(graph):
    # The outlets are linked only to the article (source-outlet, source-reposted), not to the zone.
    parts = analysis.components(graph)
    singletons = {curie(members[0]) for members in parts if len(members) == 1}
    assert singletons == {"zk:cnrepark", "zk:shangqiu-daily"}
    assert ZK["yushang-mc"] in parts[0] and ZK["futian-zhilan"] in parts[0]


def test_communities_are_deterministic_and_meaningful(graph):
    first, second = analysis.community_partition(graph), analysis.community_partition(graph)
    assert first == second
    member_of = analysis.membership(graph)
    # The car maker's paragraph: its plant, its head and the head's claimed capacity target.
    futian = {member_of[ZK[i]] for i in ("futian-zhilan", "futian-plant", "futian-head", "target-futian-capacity")}
    assert len(futian) == 1
    # The 一二三五 goal and its four stages.
    stages = {member_of[ZK[i]] for i in ("goal-1235", "stage-1", "stage-2", "stage-3", "stage-5")}
    assert len(stages) == 1
    table = analysis.communities(graph)
    assert table["size"].sum() == len(member_of)
    assert table.iloc[0]["hub"] == "zk:yushang-mc"


def _check_steps(graph, told, article):
    for step, (a, b) in zip(told.steps, zip(told.nodes, told.nodes[1:], strict=False), strict=True):
        assert {step.subject, step.object} == {a, b}
        assert step.forward == (step.subject == a)
        subject = next(n for n in graph if curie(n) == step.subject)
        obj = next(n for n in graph if curie(n) == step.object)
        assert graph.has_edge(subject, obj, step.property), "each step is told in its true direction"
        assert step.sentences, f"{step.told()} has no evidence"
        for _index, sentence in step.sentences:
            assert sentence in article


def test_explain_car_maker_to_approval(graph, article):
    told = analysis.explain(graph, "futian-zhilan", "zone-approval")
    assert told.nodes[0] == "zk:futian-zhilan" and told.nodes[-1] == "zk:zone-approval"
    # The approval concerns the zone (批复设立了豫商经济技术开发区): the path must pass the zone or
    # its committee.
    assert {"zk:yushang-etdz", "zk:yushang-mc"} & set(told.nodes)
    _check_steps(graph, told, article)
    # The approval happened (2023年2月1日…批复设立): the last step is reported, with that sentence.
    assert told.steps[-1].modalities == ("achieved",)
    assert any("批复设立了豫商经济技术开发区" in s for _i, s in told.steps[-1].sentences)
    text = told.text()
    for step in told.steps:
        assert step.told() in text


def test_explain_car_maker_to_province(graph, article):
    told = analysis.explain(graph, "河南福田智蓝新能源汽车公司", "henan-gov")
    assert {"zk:yushang-etdz", "zk:yushang-mc"} & set(told.nodes)
    _check_steps(graph, told, article)
    # 省委、省政府…批复设立 / 作为省政府的派出机构: the province's government comes in through the zone.
    assert "省政府" in told.steps[-1].sentences[0][1]


def test_explanations_prefer_reported_facts(graph, article):
    every = analysis.explanations(graph, "futian-zhilan", "henan-gov")
    assert len({len(t.nodes) for t in every}) == 1, "all shortest paths have the same length"
    weak = [sum(not set(s.modalities) & analysis.REPORTED for s in t.steps) for t in every]
    assert weak == sorted(weak) and weak[0] == 0
    for told in every:
        _check_steps(graph, told, article)


def test_explain_tells_each_step_in_its_true_direction(graph):
    # futian-industry-nev: s futian-zhilan, p industry, o ind-nev; asked from the industry's side.
    told = analysis.explain(graph, "ind-nev", "futian-zhilan")
    [step] = told.steps
    assert (step.subject, step.property, step.object) == ("zk:futian-zhilan", "zo:industry", "zk:ind-nev")
    assert not step.forward
    assert step.told() == "河南福田智蓝新能源汽车公司 —[所属产业 industry]→ 新能源汽车"
    assert told.chain() == "新能源汽车 ←[所属产业 industry]— 河南福田智蓝新能源汽车公司"


def test_resolve_accepts_ids_curies_iris_and_labels(graph):
    node = ZK["futian-zhilan"]
    for name in ("futian-zhilan", "zk:futian-zhilan", str(node), "河南福田智蓝新能源汽车公司",
                 "henan futian zhilan new energy vehicle co."):
        assert analysis.resolve(graph, name) == node


def test_resolve_errors_name_the_problem(graph):
    with pytest.raises(ZoneKGError, match=r"(?s)fits \d+ entities.*zk:shangqiu"):
        analysis.resolve(graph, "商丘")  # 商丘市, 商丘市委, 商丘市人民政府…: part of several labels
    twins = nx.MultiDiGraph()
    twins.add_node("a", label_zh="同名", label_en="x", kind="entity")
    twins.add_node("b", label_zh="同名", label_en="y", kind="entity")
    with pytest.raises(ZoneKGError, match="fits 2 entities"):
        analysis.resolve(twins, "同名")
    with pytest.raises(ZoneKGError, match="no entity is called 'nobody'"):
        analysis.resolve(twins, "nobody")


def test_explain_unconnected_entities_is_an_error(graph):
    with pytest.raises(ZoneKGError, match="not connected"):
        analysis.explain(graph, "cnrepark", "yushang-mc")
