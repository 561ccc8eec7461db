"""The ontology parses as Turtle, loads into owlready2, and keeps its promises."""

import io

from rdflib import OWL, RDF, Graph

from tests.helpers import ROOT
from zonekg.model.namespaces import ORG, ZO
from zonekg.model.ontology import Ontology, load_ontology_graph
from zonekg.model.paths import ontology_files


def test_ontology_parses_and_declares_the_issue_classes():
    onto = Ontology(load_ontology_graph(ontology_files(ROOT)))
    wanted = {
        "DevelopmentZone", "PartyCommittee", "Government", "PartyWorkingCommittee", "ManagementCommittee",
        "Company", "StateOwnedPlatformCompany", "Project", "Policy", "PolicyDocument", "Reform", "Programme",
        "OperatingMechanism", "Goal", "GoalStage", "Target", "Industry", "Indicator", "Observation", "Plan",
        "PlanSet", "Place", "Person", "Event", "ApprovalEvent", "SourceDocument", "Statement",
    }
    missing = {name for name in wanted if ZO[name] not in onto.classes}
    assert not missing, f"classes missing from the ontology: {sorted(missing)}"
    assert ORG.Post in onto.classes


def test_header_has_version_and_license():
    g = load_ontology_graph(ontology_files(ROOT))
    (onto,) = list(g.subjects(RDF.type, OWL.Ontology))
    for prop in (OWL.versionIRI, OWL.versionInfo):
        assert g.value(onto, prop) is not None, prop
    assert any("license" in str(p) for p in g.predicates(onto, None))


def test_territory_and_committee_are_disjoint():
    g = load_ontology_graph(ontology_files(ROOT))
    members = set()
    for axiom in g.subjects(RDF.type, OWL.AllDisjointClasses):
        from rdflib.collection import Collection

        members |= {frozenset(Collection(g, g.value(axiom, OWL.members)))}
    assert any(ZO.Place in m and ORG.Organization in m for m in members)
    assert any(ZO.Project in m and ZO.Place in m for m in members)


def test_owlready2_loads_the_ontology():
    import owlready2

    g = Graph()
    for path in ontology_files(ROOT):
        g.parse(path, format="turtle")
    data = g.serialize(format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology("https://w3id.org/zonekg/ontology").load(fileobj=io.BytesIO(data), format="ntriples")
    names = {c.name for c in onto.classes()}
    assert {"DevelopmentZone", "ManagementCommittee", "Statement"} <= names
