"""The ontology as the build sees it: which classes, properties and controlled terms exist,
and what each property expects.  Fact sheets are checked against it before any RDF is made."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import OWL, RDF, RDFS, XSD, Graph, URIRef
from rdflib.collection import Collection

from zonekg.model.errors import ZoneKGError
from zonekg.model.namespaces import PREFIXES
from zonekg.model.prefixes import curie


def load_ontology_graph(files: list[Path]) -> Graph:
    """Parse the ontology files into one graph; a Turtle error names the file and line."""
    graph = Graph()
    for path in files:
        try:
            graph.parse(path, format="turtle")
        except FileNotFoundError:
            raise ZoneKGError("ontology file not found", path) from None
        except Exception as exc:  # rdflib raises several parser error types
            raise ZoneKGError(f"cannot parse ontology: {exc}", path) from None
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    return graph


@dataclass
class Ontology:
    """Lookups over the ontology graph used while checking fact sheets."""

    graph: Graph
    _super: dict[URIRef, set[URIRef]] = field(default_factory=dict)

    @cached_property
    def classes(self) -> set[URIRef]:
        return {c for c in self.graph.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}

    @cached_property
    def object_properties(self) -> set[URIRef]:
        return {p for p in self.graph.subjects(RDF.type, OWL.ObjectProperty) if isinstance(p, URIRef)}

    @cached_property
    def datatype_properties(self) -> set[URIRef]:
        return {p for p in self.graph.subjects(RDF.type, OWL.DatatypeProperty) if isinstance(p, URIRef)}

    @cached_property
    def individuals(self) -> dict[URIRef, set[URIRef]]:
        """Named individuals the ontology itself defines (modalities, units, roles...)."""
        out: dict[URIRef, set[URIRef]] = {}
        for s, o in self.graph.subject_objects(RDF.type):
            if isinstance(s, URIRef) and isinstance(o, URIRef) and o in self.classes:
                out.setdefault(s, set()).add(o)
        for c in self.classes:
            out.pop(c, None)
        return out

    def superclasses(self, cls: URIRef) -> set[URIRef]:
        """``cls`` and every named class above it."""
        if cls not in self._super:
            seen = {cls}
            stack = [cls]
            while stack:
                for parent in self.graph.objects(stack.pop(), RDFS.subClassOf):
                    if isinstance(parent, URIRef) and parent not in seen:
                        seen.add(parent)
                        stack.append(parent)
            self._super[cls] = seen
        return self._super[cls]

    def _class_list(self, prop: URIRef, pred: URIRef) -> list[URIRef] | None:
        """A property's domain or range as a list of alternatives (owl:unionOf), or None."""
        value = self.graph.value(prop, pred)
        if value is None or value == OWL.Thing:
            return None
        if isinstance(value, URIRef):
            return [value]
        union = self.graph.value(value, OWL.unionOf)
        return [c for c in Collection(self.graph, union) if isinstance(c, URIRef)] if union else None

    def domain(self, prop: URIRef) -> list[URIRef] | None:
        return self._class_list(prop, RDFS.domain)

    def range(self, prop: URIRef) -> list[URIRef] | None:
        return self._class_list(prop, RDFS.range)

    def datatype(self, prop: URIRef) -> URIRef:
        rng = self.graph.value(prop, RDFS.range)
        return rng if isinstance(rng, URIRef) else XSD.string

    def fits(self, types: set[URIRef], expected: list[URIRef] | None) -> bool:
        """Whether something of ``types`` may stand where ``expected`` is required."""
        if not expected:
            return True
        have = set().union(*(self.superclasses(t) for t in types)) if types else set()
        return any(e in have for e in expected)

    def expand(self, name: str) -> URIRef:
        """``Project`` → ``zo:Project``; ``org:Post`` → the ORG IRI."""
        if ":" in name:
            prefix, local = name.split(":", 1)
            if prefix not in PREFIXES:
                raise KeyError(prefix)
            return URIRef(PREFIXES[prefix] + local)
        return URIRef(PREFIXES["zo"] + name)

    @staticmethod
    def curie(iri: URIRef) -> str:
        return curie(iri)
