"""Reasoning: is the graph consistent with the ontology, and what follows from it?

HermiT (Java, through owlready2) is the reasoner; when no ``java`` is on the PATH the OWL 2 RL
closure of owlrl stands in, so that the pipeline also runs on a machine without Java.  The
reasoner sees the ontology (zone.ttl, alignments.ttl and the reasoning axioms of
ontology/defined-classes.ttl) and the entity-level data: types, labels and the direct triples.
The statement, evidence and sentence nodes are left out: they are bookkeeping about the text,
SHACL checks them, and they would only slow the reasoner down.

What the reasoner adds is kept apart: only *new* entity-level triples (a named individual's
types and its links to other named individuals, none already asserted, none trivial such as
``owl:Thing``), in the named graph ``<https://w3id.org/zonekg/graph/inferred>`` of
build/inferred.trig and build/inferred.nq.  The graph name is the mark: a triple in that
graph was inferred, a triple anywhere else was asserted.  Direct triples of every modality are
premises, as they are in the asserted graph, so an inferred triple is no firmer than the
statements it rests on; ``zonekg reason --reported-only`` reasons over achieved and ongoing
statements alone.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import OWL, RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from zonekg.model import paths
from zonekg.model.errors import ZoneKGError
from zonekg.model.namespaces import INFERRED_GRAPH, OA, ONTOLOGY_GRAPH, ZKT, ZO
from zonekg.model.ontology import load_ontology_graph
from zonekg.model.paths import DEFINED_CLASSES
from zonekg.model.prefixes import curie
from zonekg.rdf import convert, serialise
from zonekg.rdf.children import die_with_parent
from zonekg.rdf.convert import ordered
from zonekg.rdf.dataset import BuildResult

Triple = tuple[URIRef, URIRef, URIRef]

#: The reasoning axioms, reviewed apart from zone.ttl.

#: Nodes that record where a statement comes from, not what the world is like.
PLUMBING_CLASSES = frozenset({ZO.Statement, ZO.Sentence, OA.SpecificResource, OA.TextQuoteSelector,
                              OA.TextPositionSelector})

#: Modalities of statements reported as fact (the rest are plans, targets, hopes and claims).
REPORTED = frozenset({ZKT["modality-achieved"], ZKT["modality-ongoing"]})

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#: The OWL 2 datatype map (OWL 2 Structural Specification, section 4); HermiT rejects others.
OWL2_DATATYPES = frozenset(
    [URIRef(RDF_NS + n) for n in ("PlainLiteral", "XMLLiteral", "langString")]
    + [RDFS.Literal, OWL.real, OWL.rational]
    + [XSD[n] for n in (
        "decimal", "integer", "nonNegativeInteger", "nonPositiveInteger", "positiveInteger", "negativeInteger",
        "long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
        "double", "float", "string", "normalizedString", "token", "language", "Name", "NCName", "NMTOKEN",
        "boolean", "hexBinary", "base64Binary", "anyURI", "dateTime", "dateTimeStamp")]
)

#: Conclusions too trivial to keep.
TRIVIAL_OBJECTS = frozenset({OWL.Thing, OWL.NamedIndividual, RDFS.Resource})
TRIVIAL_PREDICATES = frozenset({OWL.sameAs, OWL.differentFrom, OWL.topObjectProperty, OWL.bottomObjectProperty})

ENGINES = ("auto", "hermit", "owlrl")

#: How much of an explanation to print: enough to act on, short enough to read.
MAX_CLASHES = 10
MAX_REASONS = 3


class Inconsistent(Exception):
    """The reasoner found the ontology and data inconsistent."""


@dataclass
class Reasoning:
    """The outcome of one consistent run."""

    engine: str
    inferred: set[Triple]
    seconds: float
    notes: list[str] = field(default_factory=list)
    reported_only: bool = False
    extra_files: list[str] = field(default_factory=list)

    def by_property(self) -> Counter[str]:
        return Counter(curie(p) for _, p, _ in self.inferred)




# ------------------------------------------------------------------------------------------
# What the reasoner sees
# ------------------------------------------------------------------------------------------

def ontology_graph(result: BuildResult, root: Path) -> Graph:
    """The build's ontology plus the reasoning axioms (parsing twice would be harmless)."""

    return result.ontology.graph + load_ontology_graph([root / DEFINED_CLASSES])


def _reported_triples(data: Graph) -> tuple[set, set]:
    """Direct triples backed by a reported statement, and those backed only by other modalities."""
    reported: set[tuple] = set()
    other: set[tuple] = set()
    for st in data.subjects(RDF.type, ZO.Statement):
        s, p = data.value(st, ZO.subject), data.value(st, ZO.predicate)
        o = data.value(st, ZO.object)
        o = o if o is not None else data.value(st, ZO.literalValue)
        (reported if data.value(st, ZO.modality) in REPORTED else other).add((s, p, o))
    return reported, other - reported


def entity_data(dataset: Dataset, reported_only: bool = False) -> Graph:
    """The entity level of every source graph: the statement/evidence/sentence nodes left out.

    The source graphs' triples are gathered in a set and only the kept ones are added to a
    Graph: rdflib's store is slow to add to, and this runs on every cold build."""
    triples: set[tuple[Node, Node, Node]] = set()
    for g in dataset.graphs():
        if g.identifier not in (ONTOLOGY_GRAPH, INFERRED_GRAPH):
            triples.update(g)
    plumbing = {s for s, p, o in triples if p == RDF.type and o in PLUMBING_CLASSES}
    dropped: set = set()
    if reported_only:
        data = Graph()
        for triple in triples:
            data.add(triple)
        dropped = _reported_triples(data)[1]
    out = Graph()
    for s, p, o in triples:
        if s not in plumbing and o not in plumbing and (s, p, o) not in dropped:
            out.add((s, p, o))
    return out


def check_datatypes(graph: Graph) -> None:
    """Refuse a literal whose datatype HermiT would reject, naming the triple (the first in sorted
    order, so that the message does not depend on the store's order)."""
    bad = [(s, p, o) for s, p, o in graph
           if isinstance(o, Literal) and o.datatype is not None and o.datatype not in OWL2_DATATYPES]
    if bad:
        s, p, o = min(bad, key=lambda t: tuple(map(str, t)))
        raise ZoneKGError(
            f"{curie(s)} {curie(p)} {o.n3()}: datatype {curie(o.datatype)} is not in the OWL 2 datatype "
            "map; use xsd:dateTimeStamp, xsd:dateTime, xsd:integer, xsd:decimal or xsd:string",
            field="datatype",
        )


# ------------------------------------------------------------------------------------------
# Keeping the conclusions worth keeping
# ------------------------------------------------------------------------------------------

@dataclass
class Vocabulary:
    """Named classes, object properties and individuals, read from the premises."""

    classes: set[URIRef]
    object_properties: set[URIRef]
    individuals: set[URIRef]

    @classmethod
    def of(cls, premises: Graph) -> Vocabulary:
        classes = {c for c in premises.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
        props = {p for p in premises.subjects(RDF.type, OWL.ObjectProperty) if isinstance(p, URIRef)}
        terms = classes | props | set(premises.subjects(RDF.type, OWL.Ontology))
        individuals = {s for s, c in premises.subject_objects(RDF.type)
                       if isinstance(s, URIRef) and c in classes and s not in terms}
        return cls(classes, props, individuals)

    def keep(self, triples: Iterable[tuple], asserted: Graph) -> set[Triple]:
        """New, non-trivial types and links of named individuals."""
        out: set[Triple] = set()
        for s, p, o in triples:
            if s not in self.individuals or (s, p, o) in asserted:
                continue
            if p == RDF.type:
                if o in self.classes and o not in TRIVIAL_OBJECTS:
                    out.add((s, p, o))
            elif p in self.object_properties and p not in TRIVIAL_PREDICATES and o in self.individuals:
                out.add((s, p, o))
        return out


def _closure(start: URIRef, edges: dict[URIRef, set[URIRef]]) -> set[URIRef]:
    seen, stack = {start}, [start]
    while stack:
        for nxt in edges.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def unfold(world: Graph, vocab: Vocabulary) -> set[Triple]:
    """Spell out what HermiT reports in compact form.

    HermiT (as owlready2 runs it) prints each individual's *direct* types and each property's
    *direct* instances, and it classifies the classes and properties; owlready2 stores all of
    it.  The entailed triples are those facts carried up the computed class and property
    hierarchies and across inverses and transitive properties; no new reasoning happens here.
    """
    up_class: dict[URIRef, set[URIRef]] = {}
    up_prop: dict[URIRef, set[URIRef]] = {}
    inverse: dict[URIRef, set[URIRef]] = {}
    for s, p, o in world:
        if not (isinstance(s, URIRef) and isinstance(o, URIRef)):
            continue
        if p == RDFS.subClassOf:
            up_class.setdefault(s, set()).add(o)
        elif p == OWL.equivalentClass:
            up_class.setdefault(s, set()).add(o)
            up_class.setdefault(o, set()).add(s)
        elif p == RDFS.subPropertyOf:
            up_prop.setdefault(s, set()).add(o)
        elif p == OWL.equivalentProperty:
            up_prop.setdefault(s, set()).add(o)
            up_prop.setdefault(o, set()).add(s)
        elif p == OWL.inverseOf:
            inverse.setdefault(s, set()).add(o)
            inverse.setdefault(o, set()).add(s)
    transitive = set(world.subjects(RDF.type, OWL.TransitiveProperty))

    facts: set[Triple] = set()
    for s, c in world.subject_objects(RDF.type):
        if isinstance(s, URIRef) and s in vocab.individuals and isinstance(c, URIRef):
            facts.update((s, RDF.type, sup) for sup in _closure(c, up_class))
    links: set[Triple] = {(s, p, o) for s, p, o in world
                          if isinstance(s, URIRef) and isinstance(p, URIRef) and isinstance(o, URIRef)
                          and p in vocab.object_properties and s in vocab.individuals and o in vocab.individuals}
    while True:
        new: set[Triple] = set()
        for s, p, o in links:
            new.update((s, q, o) for q in _closure(p, up_prop))
            new.update((o, q, s) for q in inverse.get(p, ()))
        by_prop: dict[URIRef, dict[URIRef, set[URIRef]]] = {}
        for s, p, o in links | new:
            if p in transitive:
                by_prop.setdefault(p, {}).setdefault(s, set()).add(o)
        for p, edges in by_prop.items():
            new.update((s, p, o) for s in edges for o in _closure(s, edges) if o != s)
        if new <= links:
            break
        links |= new
    return facts | links


# ------------------------------------------------------------------------------------------
# The two engines
# ------------------------------------------------------------------------------------------

def java_path() -> str | None:
    return shutil.which("java")


def choose_engine(engine: str) -> tuple[str, list[str]]:
    """``auto`` means HermiT when Java is installed, else the OWL 2 RL closure (with a note)."""
    if engine not in ENGINES:
        raise ZoneKGError(f"unknown reasoning engine '{engine}': choose one of {', '.join(ENGINES)}",
                          field="--engine")
    if engine == "owlrl":
        return "owlrl", []
    if java_path() is None:
        if engine == "hermit":
            raise ZoneKGError("HermiT needs Java, and no 'java' is on the PATH: install a JRE (17 or later) "
                              "or use --engine owlrl", field="--engine")
        return "owlrl", ["no 'java' on the PATH: using the OWL 2 RL closure of owlrl instead of HermiT"]
    return "hermit", []


#: Seconds HermiT's JVM may run before the build gives up; ``ZONEKG_REASONER_TIMEOUT`` overrides.
REASONER_TIMEOUT = 120.0
TIMEOUT_VARIABLE = "ZONEKG_REASONER_TIMEOUT"


def reasoner_timeout() -> float:
    raw = os.environ.get(TIMEOUT_VARIABLE)
    if raw is None:
        return REASONER_TIMEOUT
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1.0
    if not seconds > 0:
        raise ZoneKGError(f"{TIMEOUT_VARIABLE}={raw!r} is not a positive number of seconds")
    return seconds


#: JVM options for one short HermiT run, where start-up and JIT compilation dominate: the
#: client compiler only (C2 costs more CPU than it saves in a run of seconds) and the serial
#: collector (no GC threads competing for the cores with the rest of the build). Measured in
#: docs/build.md; options in the user's own JDK_JAVA_OPTIONS come after these and win.
JVM_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
#: The launcher reads extra options from this variable, and says so on stderr (see java_error).
JVM_OPTIONS_VARIABLE = "JDK_JAVA_OPTIONS"


def java_error(output: str) -> str:
    """The JVM's error text without the launcher's note about JDK_JAVA_OPTIONS."""
    return "\n".join(line for line in output.strip().splitlines()
                     if not line.startswith(f"NOTE: Picked up {JVM_OPTIONS_VARIABLE}:")).strip()


@contextmanager
def java_limits(timeout: float) -> Iterator[None]:
    """owlready2 starts java with ``subprocess.check_output(command, **_subprocess_kargs)``: add a
    time limit (subprocess kills the JVM when it runs out), on Linux death with the build, and
    the JVM options for a short run (through the environment: owlready2 builds the command)."""
    from owlready2 import reasoning

    saved = dict(reasoning._subprocess_kargs)
    reasoning._subprocess_kargs["timeout"] = timeout
    user_options = os.environ.get(JVM_OPTIONS_VARIABLE, "")
    reasoning._subprocess_kargs["env"] = {**os.environ,
                                          JVM_OPTIONS_VARIABLE: " ".join([*JVM_OPTIONS, user_options]).strip()}
    if sys.platform.startswith("linux"):
        reasoning._subprocess_kargs["preexec_fn"] = die_with_parent()
    try:
        yield
    finally:
        reasoning._subprocess_kargs.clear()
        reasoning._subprocess_kargs.update(saved)


def run_hermit(premises: Graph) -> Graph:
    """HermiT through owlready2, in a fresh World; the World's triples afterwards (named nodes only)."""
    import owlready2

    owlready2.JAVA_EXE = java_path() or "java"
    timeout = reasoner_timeout()
    world = owlready2.World()
    try:
        data = premises.serialize(format="nt", encoding="utf-8")
        world.get_ontology("https://w3id.org/zonekg/reasoner-input").load(fileobj=io.BytesIO(data),
                                                                           format="ntriples")
        try:
            with java_limits(timeout):
                owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0)
        except subprocess.TimeoutExpired:
            raise ZoneKGError(f"HermiT did not finish within {timeout:g} s: its JVM was stopped (allow more "
                              f"time with {TIMEOUT_VARIABLE}=<seconds>, or use --engine owlrl)") from None
        except owlready2.OwlReadyInconsistentOntologyError:
            raise Inconsistent("HermiT") from None
        except owlready2.OwlReadyJavaError as exc:
            raise ZoneKGError(f"HermiT failed: {java_error(str(exc))[:2000]}") from None
        out = Graph()
        for s, p, o in world.as_rdflib_graph():
            if isinstance(s, URIRef) and isinstance(o, URIRef):
                out.add((s, p, o))
        return out
    finally:
        world.close()


ERROR_MESSAGE = URIRef("http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage")
ERROR_TEXT = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")


def rl_closure(premises: Graph) -> tuple[Graph, list[str]]:
    """The OWL 2 RL closure of a copy of the premises, and owlrl's inconsistency messages."""
    import owlrl

    graph = Graph()
    for triple in premises:
        graph.add(triple)
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False,
        # owlrl's "improved" conversions switch rdflib globally and leave datetimes with a
        # time zone class that cannot be copied; rdflib's own conversions are enough here.
        improved_datatypes=False,
    ).expand(graph)
    errors = sorted({str(graph.value(node, ERROR_TEXT)) for node in graph.subjects(RDF.type, ERROR_MESSAGE)})
    return graph, errors


def run_owlrl(premises: Graph) -> Graph:
    """The OWL 2 RL path; raises Inconsistent when an RL rule concludes false."""
    graph, errors = rl_closure(premises)
    if errors:
        raise Inconsistent(graph)
    return graph


# ------------------------------------------------------------------------------------------
# Explaining an inconsistency
# ------------------------------------------------------------------------------------------

@dataclass
class Clash:
    individual: URIRef
    classes: tuple[URIRef, URIRef]
    axiom: str
    where: str
    reasons: list[str]


def _disjoint_pairs(onto: Graph) -> list[tuple[URIRef, URIRef, str, list[URIRef]]]:
    """Every pair of disjoint named classes, with the axiom that makes them so."""
    pairs = []
    for node in onto.subjects(RDF.type, OWL.AllDisjointClasses):
        head = onto.value(node, OWL.members)
        if head is None:
            continue
        members = [m for m in Collection(onto, head) if isinstance(m, URIRef)]
        axiom = "owl:AllDisjointClasses (" + " ".join(curie(m) for m in members) + ")"
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                pairs.append((a, b, axiom, members))
    for x, y in onto.subject_objects(OWL.disjointWith):
        if isinstance(x, URIRef) and isinstance(y, URIRef):
            pairs.append((x, y, f"{curie(x)} owl:disjointWith {curie(y)}", [x, y]))
    return pairs


def _axiom_line(files: list[Path], members: list[URIRef]) -> str:
    """file:line of the axiom naming these members, found by its first member's CURIE."""
    first = re.escape(curie(members[0]))
    pattern = re.compile(rf"(owl:members\s*\(\s*{first}\b|{first}\s+owl:disjointWith)")
    for path in files:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        for n, line in enumerate(lines, 1):
            if pattern.search(line):
                return f"{path.parent.name}/{path.name}:{n}"
    return "the ontology"


def _why_typed(ind: URIRef, cls: URIRef, premises: Graph, supers, origin: dict | None = None) -> list[str]:
    """The asserted facts that make ``ind`` a ``cls``: its types and the domains/ranges of its links.

    A fact that came from a ``--data`` file says so (``from extra.ttl:7``), so that the file that
    added the clash is named, not only the fact sheet."""
    origin = origin or {}

    def where(triple: tuple) -> str:
        return f" [from {origin[triple]}]" if triple in origin else ""

    reasons = []
    for t in ordered(premises.objects(ind, RDF.type)):
        if isinstance(t, URIRef) and cls in supers(t):
            reasons.append(f"asserted rdf:type {curie(t)}" + ("" if t == cls else f", a subclass of {curie(cls)}")
                           + where((ind, RDF.type, t)))
    for p, o in sorted(premises.predicate_objects(ind)):
        d = premises.value(p, RDFS.domain)
        if isinstance(d, URIRef) and d != OWL.Thing and cls in supers(d):
            reasons.append(f"{curie(ind)} {curie(p)} {curie(o) if isinstance(o, URIRef) else o.n3()} "
                           f"(domain of {curie(p)} is {curie(d)})" + where((ind, p, o)))
    for s, p in sorted(premises.subject_predicates(ind)):
        r = premises.value(p, RDFS.range)
        if isinstance(s, URIRef) and isinstance(r, URIRef) and r != OWL.Thing and cls in supers(r):
            reasons.append(f"{curie(s)} {curie(p)} {curie(ind)} (range of {curie(p)} is {curie(r)})"
                           + where((s, p, ind)))
    if len(reasons) > MAX_REASONS:
        reasons = [*reasons[:MAX_REASONS], f"{len(reasons) - MAX_REASONS} more facts"]
    return reasons or [f"inferred {curie(cls)} by the OWL 2 RL closure"]


def find_clashes(premises: Graph, onto: Graph, files: list[Path], closed: Graph | None = None,
                 origin: dict | None = None) -> list[Clash]:
    """Individuals whose asserted and RL-inferred types fall in two disjoint classes."""
    if closed is None:
        closed = rl_closure(premises)[0]
    up: dict[URIRef, set[URIRef]] = {}
    for s, o in onto.subject_objects(RDFS.subClassOf):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            up.setdefault(s, set()).add(o)

    def supers(c: URIRef) -> set[URIRef]:
        return _closure(c, up)

    clashes = []
    for a, b, axiom, members in _disjoint_pairs(onto):
        for ind in ordered(set(closed.subjects(RDF.type, a)) & set(closed.subjects(RDF.type, b))):
            if isinstance(ind, URIRef):
                reasons = [f"{curie(a)}: " + "; ".join(_why_typed(ind, a, premises, supers, origin)),
                           f"{curie(b)}: " + "; ".join(_why_typed(ind, b, premises, supers, origin))]
                clashes.append(Clash(ind, (a, b), axiom, _axiom_line(files, members), reasons))
    for ind in ordered(closed.subjects(RDF.type, OWL.Nothing)):
        if isinstance(ind, URIRef):
            clashes.append(Clash(ind, (OWL.Nothing, OWL.Nothing), "owl:Nothing", "the ontology",
                                 [f"{curie(ind)} falls in owl:Nothing"]))
    return clashes


def explain(engine: str, premises: Graph, onto: Graph, files: list[Path], result: BuildResult | None,
            closed: Graph | None = None, origin: dict | None = None) -> ZoneKGError:
    """One error naming the individuals, the facts that type them, and the axiom they break.

    HermiT (through owlready2) says only *that* the data are inconsistent; the OWL 2 RL closure
    finds *which* individuals fall in two disjoint classes, and the asserted facts show why.
    The error points at the file the first clash comes from: a ``--data`` file when one of its
    facts takes part, else the fact sheet that declares the individual.
    """
    clashes = find_clashes(premises, onto, files, closed, origin)
    head = f"{'HermiT' if engine == 'hermit' else 'the OWL 2 RL closure'} finds the ontology and data inconsistent"
    if not clashes:
        extra = sorted(str(m) for m in (closed if closed is not None else rl_closure(premises)[0])
                       .objects(None, ERROR_TEXT))
        detail = ("; owlrl reports: " + " | ".join(extra)) if extra else (
            "; no individual falls in two disjoint classes under the OWL 2 RL closure, so the clash comes "
            "from axioms beyond OWL 2 RL (run HermiT's explanation tools on the ontology)")
        return ZoneKGError(head + detail, field="consistency")
    lines = [head + ":"]
    for c in clashes[:MAX_CLASHES]:
        if c.classes[0] == OWL.Nothing:
            lines.append(f"  {curie(c.individual)} is in owl:Nothing")
            continue
        lines.append(f"  {curie(c.individual)} is both {curie(c.classes[0])} and {curie(c.classes[1])}, "
                     f"disjoint by {c.axiom} ({c.where})")
        lines.extend(f"    because {r}" for r in c.reasons)
    if len(clashes) > MAX_CLASHES:
        lines.append(f"  ... and {len(clashes) - MAX_CLASHES} more clashes")
    clashing = {c.individual for c in clashes}
    blamed = sorted(v for (s, _p, o), v in (origin or {}).items() if s in clashing or o in clashing)
    if blamed:  # a --data file takes part: name it (file:line), not the fact sheet
        path, _, number = blamed[0].rpartition(":")
        if not number.isdigit():
            path, number = blamed[0], ""
        return ZoneKGError("\n".join(lines), path, int(number) if number else None, "--data")
    file, line = None, None
    if result is not None:
        for sheet in result.sheets:
            for e in sheet.entities.values():
                if e.iri == clashes[0].individual:
                    file, line = sheet.path, e.line
    return ZoneKGError("\n".join(lines), file, line, "type" if file else "consistency")


# ------------------------------------------------------------------------------------------
# The whole run, its files, and the build step
# ------------------------------------------------------------------------------------------

def _origins(extra: Graph | dict[str, Graph] | None, data: Graph) -> dict[tuple, str]:
    """Where each hypothetical triple comes from, ``file:line`` when the line can be found.

    rdflib keeps no line numbers, so the line is the first one naming both the subject's and the
    object's local names (enough for the small what-if files ``--data`` is for)."""
    if not isinstance(extra, dict):
        return {}
    out: dict[tuple, str] = {}
    for name, graph in extra.items():
        try:
            lines = Path(name).read_text(encoding="utf-8").splitlines()
        except OSError:
            lines = []
        for triple in graph:
            if triple in data:
                continue  # already asserted by a fact sheet: not the file's doing
            s, _p, o = (re.split(r"[/#]", str(t))[-1] for t in triple)
            number = next((n for n, line in enumerate(lines, 1) if s in line and o in line), None)
            out.setdefault(triple, f"{name}:{number}" if number else name)
    return out


def reason(result: BuildResult, root: Path, engine: str = "auto", extra: Graph | dict[str, Graph] | None = None,
           reported_only: bool = False) -> Reasoning:
    """Check consistency and collect the new entity-level triples; ZoneKGError if inconsistent.

    ``extra`` adds hypothetical triples; given as ``{file name: graph}``, an inconsistency they
    cause is blamed on their file."""
    chosen, notes = choose_engine(engine)
    onto = ontology_graph(result, root)
    data = entity_data(result.dataset, reported_only)
    origin = _origins(extra, data)
    for graph in (extra.values() if isinstance(extra, dict) else [extra] if extra is not None else []):
        for triple in graph:
            data.add(triple)
    premises = onto + data
    check_datatypes(premises)
    vocab = Vocabulary.of(premises)
    started = time.perf_counter()
    try:
        if chosen == "hermit":
            inferred = vocab.keep(unfold(run_hermit(premises), vocab), premises)
        else:
            inferred = vocab.keep(run_owlrl(premises), premises)
    except Inconsistent as exc:

        closed = exc.args[0] if exc.args and isinstance(exc.args[0], Graph) else None
        raise explain(chosen, premises, onto, [*paths.ontology_files(root), root / DEFINED_CLASSES],
                      result, closed, origin) from None
    return Reasoning(chosen, inferred, time.perf_counter() - started, notes, reported_only,
                     sorted(extra) if isinstance(extra, dict) else [])


def inferred_files(inferred: set[Triple]) -> dict[str, bytes]:
    """build/inferred.trig and build/inferred.nq, written by the same serialisers as build/zone.*.

    Inferred triples: asserted by no source, derived by the reasoner from the ontology and the
    asserted graph; the graph name <https://w3id.org/zonekg/graph/inferred> marks them.
    """

    quads = convert.to_quads((s, p, o, INFERRED_GRAPH) for s, p, o in inferred)
    return {"inferred.trig": serialise.trig(quads), "inferred.nq": serialise.nquads(quads)}


def summary_lines(run: Reasoning, written: bool = True) -> list[str]:
    """What the reasoner concluded, and where (if anywhere) it was written.

    ``zonekg build`` writes build/inferred.trig (``written``); ``zonekg reason`` writes nothing,
    and with ``--reported-only`` or ``--data`` its premises differ from the build's, so it must
    not point at a file that holds other triples."""
    name = "HermiT via owlready2" if run.engine == "hermit" else "OWL 2 RL closure (owlrl)"
    premises = []
    if run.reported_only:
        premises.append("achieved and ongoing statements only")
    if run.extra_files:
        premises.append("with " + ", ".join(run.extra_files))
    n = f"{len(run.inferred)} new {'triple' if len(run.inferred) == 1 else 'triples'}"
    if written:
        where = f"{n} in graph <{INFERRED_GRAPH}> (build/inferred.trig)"
    elif premises:
        where = f"{n} from {'; '.join(premises)} (a what-if: nothing written)"
    else:
        where = f"{n} (nothing written; `zonekg build` writes them to build/inferred.trig)"
    lines = [*run.notes, f"reasoning ({name}, {run.seconds:.1f} s): consistent; {where}"]
    lines.extend(f"  {n:5d}  {p}" for p, n in sorted(run.by_property().items(), key=lambda kv: (-kv[1], kv[0])))
    return lines

