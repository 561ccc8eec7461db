"""SHACL: the built graph conforms, and each shape catches what it promises to catch."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from zonekg.errors import ZoneKGError
from zonekg.namespaces import ZK, ZO
from zonekg.paths import shapes_file
from zonekg.pipeline import validation_graph
from zonekg.validate import validate

from .conftest import ROOT

STMT = URIRef("https://w3id.org/zonekg/id/statement/yushang-etdz-2024-09-29/")


@pytest.fixture()
def data(built) -> Graph:
    return validation_graph(built)


def check(built, graph: Graph) -> str:
    with pytest.raises(ZoneKGError) as err:
        validate(graph, shapes_file(ROOT))
    return str(err.value)


def test_built_graph_conforms(built, data):
    validate(data, shapes_file(ROOT))


def test_entity_without_english_label(built, data):
    data.remove((ZK["futian-zhilan"], RDFS.label, Literal("Henan Futian Zhilan New Energy Vehicle Co.", lang="en")))
    assert "futian-zhilan" in check(built, data) and "English label" in check(built, data)


def test_statement_without_modality(built, data):
    data.remove((URIRef(str(STMT) + "gdp-value"), ZO.modality, None))
    assert "gdp-value" in check(built, data)


def test_claim_without_speaker(built, data):
    data.remove((URIRef(str(STMT) + "capacity-value"), ZO.claimedBy, None))
    out = check(built, data)
    assert "capacity-value" in out and "who made it" in out


def test_quantity_without_unit(built, data):
    data.remove((URIRef(str(STMT) + "gdp-value"), ZO.unit, None))
    out = check(built, data)
    assert "gdp-value" in out and "unit" in out


def test_statement_whose_direct_triple_is_missing(built, data):
    data.remove((ZK["proj-hengyuantong"], ZO.listedIn, ZK["prog-shuangbai"]))
    out = check(built, data)
    assert "hengyuantong-listed" in out and "direct triple" in out


def test_date_with_the_wrong_datatype(built, data):
    from rdflib.namespace import XSD

    source = URIRef("https://w3id.org/zonekg/source/yushang-etdz-2024-09-29")
    data.remove((source, ZO.dateTime, None))
    data.add((source, ZO.dateTime, Literal("2024-09-29", datatype=XSD.date)))
    assert "dateTime" in check(built, data)
