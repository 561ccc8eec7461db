"""The ontology checked like code: labels, definitions, domains, hierarchy, declared terms, punning.

Each check collects every offender and names them all in the assertion message, so one run
shows the whole list of fixes.  Also checks the HTML documentation written by ``zonekg docs``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from zonekg.model.namespaces import OA, ONTOLOGY_GRAPH, ORG, TIME, ZO
from zonekg.model.ontology import load_ontology_graph
from zonekg.model.prefixes import curie
from zonekg.views.ontology_docs import ontology_files, write_docs

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY = URIRef("https://w3id.org/zonekg/ontology")

TERM_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)

#: zo: classes that are roots of the hierarchy by design (no superclass but owl:Thing).
TOP_CLASSES = {
    ZO.Policy: "what bodies issue or pursue: documents, reforms, programmes, plans; no W3C class fits all",
    ZO.Goal: "an aim or vision; FIBO's Goal is cited in the definition, not imported",
    ZO.GoalStage: "a stage of a staged goal; a part of a goal, not a kind of goal",
    ZO.Target: "a measurable objective (FIBO Objective, cited not imported); kept apart from Goal on purpose",
    ZO.TermChange: "a record about the vocabulary's own releases (what a saved query should use now), not about zones",
}

#: Built-in vocabularies whose terms need no declaration.
BUILT_INS = ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://www.w3.org/2000/01/rdf-schema#",
             "http://www.w3.org/2002/07/owl#")


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology_graph(ontology_files(ROOT))


def terms(graph: Graph, *kinds: URIRef) -> set[URIRef]:
    return {s for k in kinds for s in graph.subjects(RDF.type, k) if isinstance(s, URIRef)}


def langs(graph: Graph, iri: URIRef, pred: URIRef) -> set[str]:
    return {o.language for o in graph.objects(iri, pred) if isinstance(o, Literal) and o.language}


def names(iris) -> str:
    return ", ".join(sorted(curie(i) for i in iris))


def test_every_term_has_both_labels(onto: Graph) -> None:
    missing = {t for t in terms(onto, *TERM_KINDS) if not {"zh", "en"} <= langs(onto, t, RDFS.label)}
    assert not missing, f"terms without rdfs:label in both @zh and @en: {names(missing)}"


def test_every_term_has_definitions_in_both_languages(onto: Graph) -> None:
    missing = {t for t in terms(onto, *TERM_KINDS) if not {"zh", "en"} <= langs(onto, t, SKOS.definition)}
    assert not missing, f"terms without skos:definition in both @zh and @en: {names(missing)}"


def test_object_and_datatype_properties_have_domain_and_range(onto: Graph) -> None:
    props = terms(onto, OWL.ObjectProperty, OWL.DatatypeProperty)
    no_domain = {p for p in props if onto.value(p, RDFS.domain) is None}
    no_range = {p for p in props if onto.value(p, RDFS.range) is None}
    assert not no_domain and not no_range, f"no rdfs:domain: {names(no_domain)}; no rdfs:range: {names(no_range)}"


def test_every_own_term_is_defined_by_the_ontology(onto: Graph) -> None:
    own = {t for t in terms(onto, *TERM_KINDS) if str(t).startswith(str(ZO))}
    missing = {t for t in own if (t, RDFS.isDefinedBy, ONTOLOGY) not in onto}
    assert own and not missing, f"zo: terms without rdfs:isDefinedBy <{ONTOLOGY}>: {names(missing)}"


def _mentions(onto: Graph, node) -> set[URIRef]:
    """The named classes in a domain or range, looking inside owl:unionOf lists."""
    from rdflib.collection import Collection

    if isinstance(node, URIRef):
        return {node}
    union = onto.value(node, OWL.unionOf)
    return set(Collection(onto, union)) if union is not None else set()


def test_external_terms_are_not_narrowed_by_own_classes(onto: Graph) -> None:
    """ORG, PROV, OWL-Time, SKOS and Web Annotation terms keep their own domains and ranges.

    A domain or range naming a zo: class would make every ORG or Web Annotation dataset merged with
    ours infer zo: types (org:heldBy range zo:Person made every post holder a zo:Person); such
    constraints belong in SHACL (ontology/shapes.ttl) or on zo: subproperties.
    """
    offenders = set()
    for p in terms(onto, OWL.ObjectProperty, OWL.DatatypeProperty):
        if str(p).startswith(str(ZO)):
            continue
        for pred in (RDFS.domain, RDFS.range):
            for value in onto.objects(p, pred):
                offenders |= {f"{curie(p)} {curie(pred)} {curie(c)}" for c in _mentions(onto, value)
                              if str(c).startswith(str(ZO))}
    assert not offenders, f"external properties narrowed to zo: classes: {sorted(offenders)}"


def test_external_terms_keep_their_published_declarations(onto: Graph) -> None:
    """Domains, ranges and characteristics as the W3C vocabularies publish them (ORG 2014, OA 2017,
    OWL-Time 2017, SKOS 2009): none of these is functional or transitive there."""
    foaf = "http://xmlns.com/foaf/0.1/"
    expected = {
        (ORG.heldBy, RDFS.range): URIRef(foaf + "Agent"),
        (ORG.holds, RDFS.domain): URIRef(foaf + "Agent"),
        (ORG.headOf, RDFS.domain): URIRef(foaf + "Agent"),
        (OA.hasSource, RDFS.domain): OA.ResourceSelection,
        (OA.hasSelector, RDFS.domain): OA.ResourceSelection,
        (OA.hasSelector, RDFS.range): OA.Selector,
    }
    wrong = {f"{curie(p)} {curie(k)}" for (p, k), v in expected.items() if set(onto.objects(p, k)) != {v}}
    assert not wrong, f"not as published: {sorted(wrong)}"
    assert (OA.hasSource, RDFS.range, OWL.Thing) in onto  # OA gives hasSource no range
    assert (SKOS.inScheme, RDFS.domain, OWL.Thing) in onto  # SKOS gives inScheme no domain
    for p in (TIME.hasBeginning, TIME.hasEnd, TIME.inXSDDateTime, ORG.subOrganizationOf, ORG.hasSubOrganization):
        assert (p, RDF.type, OWL.FunctionalProperty) not in onto, curie(p)
        assert (p, RDF.type, OWL.TransitiveProperty) not in onto, curie(p)


def test_zo_classes_have_a_superclass_unless_top_by_design(onto: Graph) -> None:
    orphans = set()
    for c in terms(onto, OWL.Class):
        if not str(c).startswith(str(ZO)):
            continue
        parents = {p for p in onto.objects(c, RDFS.subClassOf) if p != OWL.Thing}
        retired = (c, OWL.deprecated, Literal(True)) in onto  # kept one release for old queries, no axioms
        if not parents and c not in TOP_CLASSES and not retired:
            orphans.add(c)
    assert not orphans, f"zo: classes with no superclass (add one, or justify them in TOP_CLASSES): {names(orphans)}"
    stale = {c for c in TOP_CLASSES if set(onto.objects(c, RDFS.subClassOf)) - {OWL.Thing}}
    assert not stale, f"TOP_CLASSES lists classes that do have a superclass now: {names(stale)}"


def test_every_term_used_in_the_data_is_declared(onto: Graph, built) -> None:
    declared = terms(onto, *TERM_KINDS)
    used = set()
    for g in built.dataset.graphs():
        if g.identifier == ONTOLOGY_GRAPH:
            continue
        for _s, p, o in g:
            used.add(p)
            if p == RDF.type:
                used.add(o)
    undeclared = {t for t in used if not str(t).startswith(BUILT_INS) and t not in declared}
    assert not undeclared, f"used in the data but not declared in the ontology: {names(undeclared)}"


def test_no_accidental_punning(onto: Graph, built) -> None:
    classes = terms(onto, OWL.Class)
    props = terms(onto, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    clashes = []
    for a, b in ((OWL.ObjectProperty, OWL.DatatypeProperty), (OWL.ObjectProperty, OWL.AnnotationProperty),
                 (OWL.DatatypeProperty, OWL.AnnotationProperty)):
        both = terms(onto, a) & terms(onto, b)
        if both:
            clashes.append(f"both {curie(a)} and {curie(b)}: {names(both)}")
    if classes & props:
        clashes.append(f"both class and property: {names(classes & props)}")
    everything = Graph()
    for g in built.dataset.graphs():
        for triple in g:
            everything.add(triple)
    meta = set(TERM_KINDS) | {OWL.Ontology, OWL.Restriction, OWL.AllDisjointClasses, OWL.TransitiveProperty,
                              OWL.FunctionalProperty}
    individuals = {s for s, c in everything.subject_objects(RDF.type) if c in classes and c not in meta}
    if individuals & (classes | props):
        clashes.append(f"used both as individual and as class/property: {names(individuals & (classes | props))}")
    assert not clashes, "; ".join(clashes)


def test_defined_classes_are_under_the_classes_they_refine(onto: Graph) -> None:
    """The defined classes of defined-classes.ttl refine the right parents (read from the issue)."""
    expected = {ZO.StateOwnedCompany: ZO.Company, ZO.ListedProject: ZO.Project, ZO.ZoneOfficial: ZO.Person}
    wrong = {c for c, parent in expected.items() if (c, RDFS.subClassOf, parent) not in onto
             or onto.value(c, OWL.equivalentClass) is None}
    assert not wrong, f"defined classes without their parent or equivalence: {names(wrong)}"


def test_docs_are_offline_and_bilingual(tmp_path: Path) -> None:
    page = write_docs(ROOT, tmp_path / "docs").read_text(encoding="utf-8")
    remote = re.findall(r"""<(?:script|link|img|iframe)[^>]*(?:src|href)=["']?(?:https?:)?//[^>]*>""", page)
    assert not remote, f"the docs load remote resources: {remote[:3]}"
    assert "<script" not in page
    assert "开发区" in page and "development zone" in page
    assert "管理委员会" in page and "management committee" in page
    assert "zo:Company ⊓ ∃zo:establishedBy.zo:PublicBody" in page


def test_docs_escape_ontology_text(tmp_path: Path) -> None:
    """A label with markup is shown as text, never run as HTML."""
    project = tmp_path / "p"
    (project / "ontology").mkdir(parents=True)
    for f in ontology_files(ROOT):
        (project / "ontology" / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    zone = project / "ontology" / "zone.ttl"
    zone.write_text(zone.read_text(encoding="utf-8").replace(
        '"开发区"@zh', '"开发区<script>alert(1)</script>"@zh'), encoding="utf-8")
    page = write_docs(project, tmp_path / "out").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "开发区&lt;script&gt;alert(1)&lt;/script&gt;" in page
