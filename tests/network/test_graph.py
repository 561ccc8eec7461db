"""zonekg.network: the RDF graph as networkx keeps labels, classes, modalities and evidence.

Expected values come from the fact sheet and the article, not from the function under test."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from zonekg.model.namespaces import ZK, ZO
from zonekg.model.prefixes import curie
from zonekg.network.graph import to_networkx


@pytest.fixture(scope="module")
def graph(built):
    return to_networkx(built.dataset)


def test_company_keeps_its_labels_and_class(graph):
    data = graph.nodes[ZK["futian-zhilan"]]
    assert data["label_zh"] == "河南福田智蓝新能源汽车公司"
    assert data["label_en"] == "Henan Futian Zhilan New Energy Vehicle Co."
    assert data["cls"] == "zo:Company"
    assert data["kind"] == "entity"


def test_territory_and_committee_are_different_nodes(graph):
    assert graph.nodes[ZK["yushang-etdz"]]["cls"] == "zo:DevelopmentZone"
    assert graph.nodes[ZK["yushang-mc"]]["cls"] == "zo:ManagementCommittee"
    assert graph.nodes[ZK["yushang-mc"]]["label_zh"] == "豫商经济技术开发区管委会"


def test_edge_keeps_property_modality_and_evidence(graph, article):
    # futian-industry-nev: 一辆辆崭新锃亮的新能源汽车陆续下线 (achieved)
    edge = graph.edges[ZK["futian-zhilan"], ZK["ind-nev"], "zo:industry"]
    assert edge["property"] == str(ZO.industry)
    assert edge["label_zh"] == "所属产业"
    assert edge["modalities"] == ["achieved"]
    [evidence] = edge["evidence"]
    assert "新能源汽车陆续下线" in evidence.quote
    assert evidence.sentence in article
    assert article[evidence.start:evidence.end] == evidence.quote


def test_claim_keeps_who_claims_it(graph):
    # futian-goal-capacity: the head of the company says it, it is not reported as done
    edge = graph.edges[ZK["futian-zhilan"], ZK["target-futian-capacity"], "zo:hasGoal"]
    assert edge["modalities"] == ["claimed"]
    assert {e.claimed_by for e in edge["evidence"]} == {str(ZK["futian-head"])}


def test_literal_values_become_node_attributes(graph):
    # gdp-value: 全区GDP完成48.98 亿元
    data = graph.nodes[ZK["obs-gdp-2024h1"]]
    assert [float(v) for v in data["attrs"]["zo:value"]] == [4898000000.0]
    assert any("48.98 亿元" in e.quote for e in data["evidence"])


def test_plumbing_is_folded_unless_asked_for(built, graph):
    assert not [n for n, d in graph.nodes(data=True) if d["cls"] == "zo:Statement"]
    full = to_networkx(built.dataset, keep_plumbing=True)
    statements = [n for n, d in full.nodes(data=True) if "zo:Statement" in d["types"]]
    assert statements and full.number_of_nodes() > graph.number_of_nodes()


def test_curie_shortens_known_namespaces_only():
    assert curie(ZK["futian-zhilan"]) == "zk:futian-zhilan"
    assert curie(URIRef("http://example.org/x")) == "<http://example.org/x>"


def test_edges_say_when_a_relation_is_derived_rather_than_stated(graph):
    # The fact sheet derives that the zone lies in Shangqiu (from 全市 and 商丘首台地产车);
    # that the company runs its plant is stated outright in the photo caption.
    derived = graph.get_edge_data(ZK["yushang-etdz"], ZK["shangqiu"])["zo:locatedIn"]["evidence"]
    assert derived and all(e.derivation and "全市" in e.derivation for e in derived)
    stated = graph.get_edge_data(ZK["futian-zhilan"], ZK["futian-plant"])["zo:operates"]["evidence"]
    assert stated and not any(e.derivation for e in stated)
