"""No axiom on another vocabulary's term unless that vocabulary states it.

Every subclass, subproperty, domain, range, inverse and equivalence axiom and every property
characteristic that ``ontology/*.ttl`` states about a term of another vocabulary (ORG, PROV-O,
OWL-Time, Web Annotation, SKOS, schema.org…) must follow from what that vocabulary itself states,
as copied from its published file into ``tests/fixtures/vocabularies/`` (each file names its
source and commit).  An axiom that does not follow is one we would be adding to someone else's
term — ``org:Organization rdfs:subClassOf prov:Agent`` was one — and belongs on a ``zo:`` term.

"Follows" is read with the plain RDFS/OWL rules a reader applies: subclass and subproperty chains,
equivalences, inverses read both ways, a domain or range inherited by subproperties and widened
along superclasses, ``owl:Thing`` as the vacuous domain or range.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from zonekg.model.prefixes import BASE, curie

ROOT = Path(__file__).resolve().parents[2]
VOCABULARIES = ROOT / "tests" / "fixtures" / "vocabularies"
ONTOLOGY_FILES = ("zone.ttl", "alignments.ttl", "defined-classes.ttl")

STRUCTURAL = frozenset({RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.inverseOf,
                        OWL.equivalentClass, OWL.equivalentProperty})
CHARACTERISTICS = frozenset({OWL.TransitiveProperty, OWL.FunctionalProperty, OWL.SymmetricProperty,
                             OWL.InverseFunctionalProperty, OWL.AsymmetricProperty, OWL.ReflexiveProperty,
                             OWL.IrreflexiveProperty})
VACUOUS = frozenset({OWL.Thing, RDFS.Resource})
#: Namespaces whose terms OWL and RDF themselves define: not "another vocabulary" here.
BUILT_IN = ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://www.w3.org/2000/01/rdf-schema#",
            "http://www.w3.org/2002/07/owl#", "http://www.w3.org/2001/XMLSchema#")

ClassExpr = URIRef | frozenset[URIRef]


def class_expr(graph: Graph, node: Node) -> ClassExpr | None:
    """A named class, or the members of an ``owl:unionOf`` of named classes (else None)."""
    if isinstance(node, URIRef):
        return node
    union = graph.value(node, OWL.unionOf) if isinstance(node, BNode) else None
    if union is None:
        return None
    members = list(Collection(graph, union))
    return frozenset(m for m in members if isinstance(m, URIRef)) if all(isinstance(m, URIRef) for m in members) \
        else None


class Stated:
    """What the vocabularies state, and what follows from it."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def _up(self, term: URIRef, sub: URIRef, equivalent: URIRef) -> set[URIRef]:
        seen, stack = {term}, [term]
        while stack:
            t = stack.pop()
            nxt = [o for o in self.graph.objects(t, sub) if isinstance(o, URIRef)]
            nxt += [o for o in self.graph.objects(t, equivalent) if isinstance(o, URIRef)]
            nxt += [s for s in self.graph.subjects(equivalent, t) if isinstance(s, URIRef)]
            for n in nxt:
                if n not in seen:
                    seen.add(n)
                    stack.append(n)
        return seen

    def superclasses(self, cls: URIRef) -> set[URIRef]:
        return self._up(cls, RDFS.subClassOf, OWL.equivalentClass)

    def superproperties(self, prop: URIRef) -> set[URIRef]:
        return self._up(prop, RDFS.subPropertyOf, OWL.equivalentProperty)

    def within(self, narrow: ClassExpr, wide: ClassExpr) -> bool:
        """Whether every member of ``narrow`` is a subclass of (a member of) ``wide``."""
        if isinstance(wide, URIRef) and wide in VACUOUS:
            return True
        narrows = narrow if isinstance(narrow, frozenset) else frozenset({narrow})
        wides = wide if isinstance(wide, frozenset) else frozenset({wide})
        return all(self.superclasses(n) & wides for n in narrows)

    def follows(self, s: URIRef, p: URIRef, o: ClassExpr) -> bool:
        if p == RDFS.subClassOf:
            return self.within(s, o)
        if p == RDFS.subPropertyOf:
            return isinstance(o, URIRef) and o in self.superproperties(s)
        if p in (RDFS.domain, RDFS.range):
            if isinstance(o, URIRef) and o in VACUOUS:
                return True
            for sup in self.superproperties(s):
                for stated in self.graph.objects(sup, p):
                    expr = class_expr(self.graph, stated)
                    if expr is not None and self.within(expr, o):
                        return True
            return False
        if p == OWL.inverseOf:
            return (s, p, o) in self.graph or (o, p, s) in self.graph
        if p == OWL.equivalentClass:
            return isinstance(o, URIRef) and o in self.superclasses(s) and s in self.superclasses(o)
        if p == OWL.equivalentProperty:
            return isinstance(o, URIRef) and o in self.superproperties(s) and s in self.superproperties(o)
        if p == RDF.type:
            return (s, RDF.type, o) in self.graph
        raise AssertionError(f"no rule for {p}")


def external_axioms(graph: Graph) -> list[tuple[URIRef, URIRef, ClassExpr]]:
    """Axioms of the kinds above whose subject is a term of another vocabulary."""
    out = []
    for s, p, o in graph:
        if not isinstance(s, URIRef) or str(s).startswith(BASE) or str(s).startswith(BUILT_IN):
            continue
        if p in STRUCTURAL:
            expr = class_expr(graph, o)
            assert expr is not None, f"{curie(s)} {curie(p)}: a class expression this test cannot read"
            out.append((s, p, expr))
        elif p == RDF.type and o in CHARACTERISTICS:
            out.append((s, p, o))
    return sorted(out, key=lambda a: (str(a[0]), str(a[1]), str(a[2])))


def describe(axiom: tuple[URIRef, URIRef, ClassExpr]) -> str:
    s, p, o = axiom
    obj = curie(o) if isinstance(o, URIRef) else "[" + " ⊔ ".join(sorted(curie(m) for m in o)) + "]"
    return f"{curie(s)} {curie(p)} {obj}"


@pytest.fixture(scope="module")
def stated() -> Stated:
    graph = Graph()
    for path in sorted(VOCABULARIES.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return Stated(graph)


def namespace_of(term: URIRef) -> str:
    text = str(term)
    return text[: max(text.rfind("#"), text.rfind("/")) + 1]


@pytest.mark.parametrize("name", ONTOLOGY_FILES)
def test_axioms_on_external_terms_are_stated_by_their_vocabulary(name: str, stated: Stated) -> None:
    graph = Graph().parse(ROOT / "ontology" / name, format="turtle")
    listed = {namespace_of(s) for s in stated.graph.subjects() if isinstance(s, URIRef)}
    unlisted = sorted({describe(a) for a in external_axioms(graph) if namespace_of(a[0]) not in listed})
    assert not unlisted, f"{name}: no list in tests/fixtures/vocabularies/ of what these vocabularies state: {unlisted}"
    added = [describe(a) for a in external_axioms(graph) if not stated.follows(*a)]
    assert not added, (f"{name} states axioms on other vocabularies' terms that those vocabularies do not "
                       f"state (move them to a zo: term): {added}")


def test_the_check_finds_an_added_axiom(stated: Stated) -> None:
    """The axioms 0.1 added to ORG terms are caught; the ones ORG states pass."""
    org, prov, foaf = "http://www.w3.org/ns/org#", "http://www.w3.org/ns/prov#", "http://xmlns.com/foaf/0.1/"
    added = Graph().parse(data=f"""
        <{org}Organization> <{RDFS.subClassOf}> <{prov}Agent> , <{foaf}Agent> .
        <{org}subOrganizationOf> a <{OWL.TransitiveProperty}> .
        <{org}heldBy> <{RDFS.range}> <https://w3id.org/zonekg/ontology#Person> .
        <{org}heldBy> <{OWL.inverseOf}> <{org}holds> .
    """, format="turtle")
    wrong = {describe(a) for a in external_axioms(added) if not stated.follows(*a)}
    assert wrong == {"org:Organization rdfs:subClassOf prov:Agent",
                     "org:subOrganizationOf rdf:type owl:TransitiveProperty", "org:heldBy rdfs:range zo:Person"}


def test_inherited_domains_and_chains_follow(stated: Stated) -> None:
    """SKOS states the domain of skos:semanticRelation, not of skos:broader; OWL-Time states
    time:ProperInterval ⊑ time:Interval ⊑ time:TemporalEntity: both entailments are accepted."""
    skos, time = "http://www.w3.org/2004/02/skos/core#", "http://www.w3.org/2006/time#"
    assert stated.follows(URIRef(skos + "broader"), RDFS.domain, URIRef(skos + "Concept"))
    assert stated.follows(URIRef(time + "ProperInterval"), RDFS.subClassOf, URIRef(time + "TemporalEntity"))
    assert not stated.follows(URIRef(skos + "broader"), RDFS.domain, URIRef(skos + "ConceptScheme"))
