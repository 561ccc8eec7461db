"""Terms a query names that the graph does not have as written: warned about before the query runs.

Why: SPARQL answers a misspelt term (``zo:isued``) or a retired one (``time:inXSDDateTimeStamp``,
which 0.2.0 replaced) with 0 rows and no word, and an analyst concludes the graph does not know.
So every query that ``zonekg query``, :func:`zonekg.query` and ``zonekg serve`` run is checked
first, and each such term gets one note (a warning, never a refusal):

- **unknown**: a ``zo:`` or ``zk:`` IRI that neither the ontology defines nor the graph holds, with
  "did you mean" (edit distance over the terms' local names and their Chinese and English labels);
- **retired**: a term the ontology marks ``owl:deprecated`` (with ``dcterms:isReplacedBy``), or one a
  ``zo:TermChange`` record says this graph no longer uses (terms of other vocabularies are recorded
  there, never marked on the term itself), with what to use instead;
- **narrowed**: a term part of whose meaning moved to a new one (``zo:issued`` → ``zo:revised``),
  when the query does not use the new term too;
- **inferred only**: a term only the reasoner's graph holds, asked without it.

How, cheaply (``zonekg query`` answers in about 0.25 s and must not import rdflib):

1. the IRIs the query *may* use are read from its tokens (the engine's tokenizer, which skips
   strings and comments) and looked up with one SPARQL query on the store; this only decides
   whether to look closer, and errs towards looking closer (a ``BASE``, an escape);
2. only when a candidate is unknown or retired is the query parsed for real (rdflib's SPARQL
   parser and algebra), and the notes are made from the IRIs the parse finds: a term in a string
   or a comment is no term.  A query rdflib cannot parse gets no notes (the engine reports it).

The lookups go through ``select``, a function that runs a SELECT and returns rows of strings, so
the same code serves the Oxigraph store, an rdflib graph and the endpoint's Oxigraph server.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from zonekg.model.errors import ChangedTerm, InferredOnlyTerm, RetiredTerm, TermWarning, UnknownTerm
from zonekg.model.prefixes import BASE, INFERRED_GRAPH, PREFIXES, curie
from zonekg.queries.guard import tokens

#: Runs a SELECT query and returns its rows, each value as text (None when unbound).
Select = Callable[[str], list[tuple[str | None, ...]]]

#: The namespaces whose IRIs must be known to the ontology or the graph.
WATCHED = (PREFIXES["zo"], PREFIXES["zk"])
ONTOLOGY = BASE + "ontology"
#: How many suggestions a note gives at most.
SUGGESTIONS = 3

_KINDS: dict[str, type[TermWarning]] = {"unknown": UnknownTerm, "retired": RetiredTerm, "narrowed": ChangedTerm,
                                        "inferred-only": InferredOnlyTerm}


@dataclass(frozen=True)
class TermNote:
    """One term of a query that the graph does not have as written, and what to do about it."""

    term: str  # the IRI
    kind: str  # unknown, retired, narrowed or inferred-only
    instead: tuple[str, ...] = ()  # IRIs to use instead (retired, narrowed) or suggestions (unknown)
    labels: tuple[str, ...] = ()  # a label of each suggestion, "" when it has none
    note: str = ""  # the ontology's change note: how to rewrite the query
    version: str = ""  # the release that made the change

    @property
    def category(self) -> type[TermWarning]:
        """The Python warning class of this note (``zonekg.query`` warns with it)."""
        return _KINDS[self.kind]

    def message(self) -> str:
        """One line that names the term and says what to use instead."""
        term = curie(self.term)
        instead = " or ".join(curie(i) for i in self.instead)
        since = f" in {self.version}" if self.version else ""
        if self.kind == "retired":
            text = f"{term} was retired{since}: use {instead}"
        elif self.kind == "narrowed":
            text = f"{term} changed meaning{since}: part of it is {instead} now; use {instead} as well"
        elif self.kind == "inferred-only":
            return (f"{term} is only in the inferred graph: ask with --inferred (zonekg query), inferred=True "
                    f"(zonekg.query) or the graph <{INFERRED_GRAPH}>")
        else:
            what = "not a term of the zonekg ontology" if self.term.startswith(PREFIXES["zo"]) else \
                "neither a term of the zonekg ontology nor an entity of the graph"
            text = f"{term} is {what}; it matches nothing"
            if self.instead:
                named = [curie(i) + (f" ({label})" if label else "") for i, label in zip(self.instead, self.labels,
                                                                                           strict=True)]
                text += f"; did you mean {' or '.join(named)}?"
        return f"{text} ({self.note})" if self.note else text


# --- which IRIs a query may use: the cheap look ---------------------------------------------

_DECL = re.compile(r"(?i)^(prefix|base)$")


def candidate_iris(text: str) -> tuple[set[str], bool]:
    """IRIs the query's tokens spell (its PREFIX declarations and the default prefixes applied),
    and whether something may hide others (a BASE, an escape), so that a real parse is needed."""
    prefixes = dict(PREFIXES)
    found: set[str] = set()
    unsure = "\\u" in text or "\\U" in text
    pending: str | None = None  # the prefix a PREFIX declaration is binding
    after_prefix = False
    for m in tokens(text):
        word, pname, iri = m.group("word"), m.group("pname"), m.group("iri")
        if word and _DECL.match(word):
            if word.lower() == "base":
                unsure = True
            after_prefix = word.lower() == "prefix"
            continue
        if after_prefix and pname is not None and pname.endswith(":"):
            pending, after_prefix = pname[:-1], False
            continue
        after_prefix = False
        if iri is not None:
            value = iri[1:-1]
            if pending is not None:
                prefixes[pending] = value
                pending = None
            elif ":" in value:
                found.add(value)
            else:
                unsure = True  # a relative IRI
        elif pname is not None:
            prefix, _, local = pname.partition(":")
            if "\\" in local:
                unsure = True
            elif prefix in prefixes:
                found.add(prefixes[prefix] + local.rstrip("."))
    return found, unsure


# --- which IRIs a query does use: the real parse ---------------------------------------------

def parsed_iris(text: str) -> set[str] | None:
    """Every IRI in the query's algebra (rdflib's SPARQL parser, the project's prefixes known),
    or None when rdflib cannot parse it."""
    try:
        from rdflib.plugins.sparql.algebra import translateQuery
        from rdflib.plugins.sparql.parser import parseQuery

        query = translateQuery(parseQuery(text), initNs=PREFIXES)
    except Exception:  # pyparsing's ParseException and rdflib's own errors alike: no notes then
        return None
    from rdflib import URIRef
    from rdflib.paths import Path

    found: set[str] = set()
    stack: list[object] = [query.algebra]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if isinstance(node, URIRef):
            found.add(str(node))
        elif isinstance(node, dict):
            if id(node) not in seen:
                seen.add(id(node))
                stack.extend(node.values())
        elif isinstance(node, (list, tuple, set, frozenset)):
            stack.extend(node)
        elif isinstance(node, Path):  # a property path: zo:a/zo:b, ^zo:a, zo:a*, !(zo:a|zo:b)
            stack.extend(vars(node).values())
    return found


# --- what the graph says about them ----------------------------------------------------------

@dataclass
class Lookup:
    """What the store says about some IRIs: which it holds, which are retired or narrowed."""

    used: set[str] = field(default_factory=set)
    changes: dict[str, tuple[str, list[str], str, str]] = field(default_factory=dict)  # kind, instead, note, version


def _values(iris: Iterable[str]) -> str:
    return " ".join(f"<{i}>" for i in sorted(iris) if re.fullmatch(r"[^<>\"{}|^`\\\s]+", i))


LOOKUP = """PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX zo: <https://w3id.org/zonekg/ontology#>
SELECT ?t ?used ?kind ?instead ?note ?version WHERE {
  VALUES ?t { %s }
  BIND(EXISTS { { ?t ?p0 ?o0 } UNION { ?s1 ?t ?o1 }
                UNION { ?s2 ?p2 ?t FILTER(?p2 NOT IN (zo:retiredTerm, zo:narrowedTerm, zo:useInstead,
                                                      dcterms:isReplacedBy)) } } AS ?used)
  OPTIONAL {
    { ?t owl:deprecated true . BIND("retired" AS ?kind)
      OPTIONAL { ?t dcterms:isReplacedBy ?instead } OPTIONAL { ?t skos:changeNote ?note } }
    UNION { ?c zo:retiredTerm ?t ; zo:useInstead ?instead . BIND("retired" AS ?kind)
            OPTIONAL { ?c skos:changeNote ?note } OPTIONAL { ?c owl:versionInfo ?version } }
    UNION { ?c zo:narrowedTerm ?t ; zo:useInstead ?instead . BIND("narrowed" AS ?kind)
            OPTIONAL { ?c skos:changeNote ?note } OPTIONAL { ?c owl:versionInfo ?version } }
  }
}"""

IN_NAMED_GRAPHS = """SELECT DISTINCT ?t ?g WHERE {
  VALUES ?t { %s }
  GRAPH ?g { { ?t ?p ?o } UNION { ?s ?t ?o } UNION { ?s ?p ?t } }
}"""

#: The names a suggestion may be: the ontology's terms, the graph's entities, the terms the
#: reasoner's graph uses (the reasoning axioms' terms live only there), each with its labels.
VOCABULARY = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX zo: <https://w3id.org/zonekg/ontology#>
SELECT DISTINCT ?t ?label WHERE {
  { ?t rdfs:isDefinedBy <%s> } UNION { ?t zo:mentionedIn ?source }
  UNION { GRAPH <%s> { { ?x ?t ?y } UNION { ?x a ?t } } }
  FILTER(isIRI(?t) && (STRSTARTS(STR(?t), "%s") || STRSTARTS(STR(?t), "%s")))
  OPTIONAL { ?t rdfs:label ?label }
}"""


def lookup(select: Select, iris: Iterable[str]) -> Lookup:
    out = Lookup()
    values = _values(iris)
    if not values:
        return out
    for t, used, kind, instead, note, version in select(LOOKUP % values):
        if t is None:
            continue
        if used in ("true", "1"):
            out.used.add(t)
        if kind:
            old = out.changes.get(t)
            insteads = (old[1] if old else []) + ([instead] if instead and instead not in (old[1] if old else [])
                                                  else [])
            out.changes[t] = (kind, sorted(insteads), note or (old[2] if old else ""), version or "")
    return out


def in_named_graphs(select: Select, iris: Iterable[str]) -> dict[str, set[str]]:
    """For IRIs the default graph lacks: the named graphs that hold them (the inferred graph, drafts)."""
    values = _values(iris)
    out: dict[str, set[str]] = {}
    for t, g in select(IN_NAMED_GRAPHS % values) if values else []:
        if t and g:
            out.setdefault(t, set()).add(g)
    return out


# --- suggestions ----------------------------------------------------------------------------

def distance(a: str, b: str, limit: int) -> int:
    """The optimal string alignment distance (Levenshtein with adjacent transpositions), or
    ``limit + 1`` as soon as it must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        prev2, prev = prev, row
    return prev[-1]


def _norm(text: str) -> str:
    """Case, spaces, hyphens and underscores do not count: ``leading_industry`` is ``leadingIndustry``."""
    return re.sub(r"[\s\-_'’.]+", "", text).lower()


def suggest(term: str, vocabulary: dict[str, set[str]]) -> list[tuple[str, str]]:
    """The nearest names of the same namespace (by local name or by label), best first, each with a label."""
    namespace = next(ns for ns in WATCHED if term.startswith(ns))
    wanted = _norm(term[len(namespace):])
    if not wanted:
        return []
    limit = max(1, min(3, len(wanted) // 4))
    scored = []
    for iri, labels in vocabulary.items():
        if not iri.startswith(namespace) or iri == term:
            continue
        names = [_norm(iri[len(namespace):])] + [_norm(lab) for lab in labels]
        best = min(distance(wanted, n, limit) for n in names)
        if best <= limit:
            zh = sorted(lab for lab in labels if re.search(r"[\u4e00-\u9fff]", lab))
            scored.append((best, iri, zh[0] if zh else (sorted(labels)[0] if labels else "")))
    scored.sort()
    return [(iri, label) for _, iri, label in scored[:SUGGESTIONS]]


def vocabulary(select: Select) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for t, label in select(VOCABULARY % (ONTOLOGY, INFERRED_GRAPH, *WATCHED)):
        if t:
            out.setdefault(t, set())
            if label:
                out[t].add(label)
    return out


# --- the check ------------------------------------------------------------------------------

def _watched(iri: str) -> bool:
    return iri.startswith(WATCHED) and not iri.startswith(BASE + "id/statement/")


def term_notes(text: str, select: Select, *, inferred: bool = False,
               vocabulary_of: Callable[[], dict[str, set[str]]] | None = None) -> list[TermNote]:
    """The notes for a query, in the order of the terms' IRIs; [] when every term is as the graph has it.

    ``inferred``: the query will see the inferred graph too (its terms are then known).
    ``vocabulary_of``: where suggestions come from (default: a query through ``select``); the
    endpoint passes a cached one."""
    candidates, unsure = candidate_iris(text)
    found = lookup(select, candidates)
    suspect = {i for i in candidates if (_watched(i) and i not in found.used)
               or (i in found.changes and not (found.changes[i][0] == "narrowed"
                                               and set(found.changes[i][1]) & candidates))}
    if not suspect and not unsure:
        return []
    iris = parsed_iris(text)
    if iris is None:
        return []
    if iris - candidates:
        more = lookup(select, iris - candidates)
        found.used |= more.used
        found.changes.update(more.changes)
    unknown = {i for i in iris if _watched(i) and i not in found.used and i not in found.changes}
    elsewhere = in_named_graphs(select, unknown) if unknown else {}
    only_inferred = {i for i, graphs in elsewhere.items() if graphs == {INFERRED_GRAPH}}
    unknown -= set(elsewhere) - only_inferred  # in the drafts' graphs: --drafts shows them
    notes = []
    words: dict[str, set[str]] | None = None
    for iri in sorted(iris):
        if iri in found.changes:
            kind, instead, note, version = found.changes[iri]
            if kind == "narrowed" and set(instead) & iris:
                continue  # the query asks for the new term too
            notes.append(TermNote(iri, kind, tuple(instead), note=note, version=version))
        elif iri in only_inferred:
            if not inferred:
                notes.append(TermNote(iri, "inferred-only"))
        elif iri in unknown:
            if words is None:
                words = vocabulary_of() if vocabulary_of is not None else vocabulary(select)
            close = suggest(iri, words)
            notes.append(TermNote(iri, "unknown", tuple(i for i, _ in close), tuple(lab for _, lab in close)))
    return notes


# --- the engines' select functions ----------------------------------------------------------

def oxigraph_select(store: object) -> Select:
    """``select`` on a pyoxigraph Store (its default graph, GRAPH for the named ones)."""

    def select(query: str) -> list[tuple[str | None, ...]]:
        return [tuple(None if t is None else t.value for t in row) for row in store.query(query)]  # type: ignore[attr-defined]

    return select


def rdflib_select(graph: object) -> Select:
    """``select`` on an rdflib graph (a Dataset's named graphs through GRAPH, when it has them)."""

    def select(query: str) -> list[tuple[str | None, ...]]:
        rows = graph.query(query)  # type: ignore[attr-defined]
        return [tuple(None if v is None else str(v) for v in row) for row in rows]

    return select
