"""SHACL: the built graph conforms, and each shape catches what it promises to catch."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from tests.helpers import ROOT
from zonekg.model.errors import ZoneKGError
from zonekg.model.namespaces import ZK, ZO
from zonekg.model.paths import shapes_file
from zonekg.pipeline.run import validation_graph
from zonekg.pipeline.shacl import validate

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


def test_post_held_by_something_other_than_a_person(built, data):
    """ORG lets any agent hold a post; this graph wants a person, and SHACL (not the ontology) says so."""
    from zonekg.model.namespaces import ORG

    data.add((ZK["post-yushang-mc-director"], ORG.heldBy, ZK["yushang-dev-invest"]))
    out = check(built, data)
    assert "post-yushang-mc-director" in out and "person" in out


def test_evidence_not_from_a_source_document(built, data):
    from zonekg.model.namespaces import OA

    span = next(iter(data.subjects(OA.hasSource, None)))
    data.remove((span, OA.hasSource, None))
    data.add((span, OA.hasSource, ZK["futian-zhilan"]))
    assert "source document" in check(built, data)


def test_instant_without_a_time_zone(built, data):
    from rdflib.namespace import XSD

    from zonekg.model.namespaces import TIME

    end = URIRef("https://w3id.org/zonekg/id/time/2024-end")
    data.remove((end, TIME.inXSDDateTime, None))
    data.add((end, TIME.inXSDDateTime, Literal("2025-01-01T00:00:00", datatype=XSD.dateTime)))
    out = check(built, data)
    assert "2024-end" in out and "time zone" in out


def test_time_without_its_calendar_year(built, data):
    end = URIRef("https://w3id.org/zonekg/id/time/2024-end")
    data.remove((end, ZO.calendarYear, None))
    out = check(built, data)
    assert "2024-end" in out and "calendar year" in out
