"""The ontology parses as Turtle, loads into owlready2, and keeps its promises."""

import io

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

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
    onto = URIRef("https://w3id.org/zonekg/ontology")
    assert (onto, RDF.type, OWL.Ontology) in g
    for prop in (OWL.versionIRI, OWL.versionInfo, OWL.priorVersion):
        assert g.value(onto, prop) is not None, prop
    assert any("license" in str(p) for p in g.predicates(onto, None))


@pytest.mark.parametrize("path", sorted((ROOT / "ontology").glob("*.ttl")), ids=lambda p: p.name)
def test_every_ontology_file_has_a_header(path):
    """One owl:Ontology per file, with a label and a comment in both languages and a version that
    moves with the release (zonekg.__version__): versionInfo, versionIRI ending in it, priorVersion."""
    import zonekg

    g = Graph().parse(path, format="turtle")
    headers = list(g.subjects(RDF.type, OWL.Ontology))
    assert len(headers) == 1, f"{path.name}: {len(headers)} owl:Ontology headers"
    (onto,) = headers
    for names in ((RDFS.label, DCTERMS.title), (RDFS.comment, DCTERMS.description)):
        langs = {o.language for n in names for o in g.objects(onto, n) if isinstance(o, Literal)}
        assert {"zh", "en"} <= langs, f"{path.name}: no {names[0]} (or {names[1]}) in zh and en"
    assert str(g.value(onto, OWL.versionInfo)) == zonekg.__version__, path.name
    assert str(g.value(onto, OWL.versionIRI)) == f"{onto}/{zonekg.__version__}", path.name
    assert g.value(onto, OWL.priorVersion) is not None, path.name


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
