"""HTML documentation of the ontology, generated from the rdflib graph with Jinja2.

One self-contained page (inline CSS, no scripts, no web fonts), so that it opens offline and
from a file:// URL.  Every term shows both labels (中文 and English), both definitions, and its
place in the ontology: superclasses, domain, range, inverse, chain, characteristics.  Jinja2's
autoescaping escapes every text taken from the ontology.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, SKOS

from zonekg.model import paths
from zonekg.model.errors import ZoneKGError
from zonekg.model.namespaces import ONTOLOGY_IRI, PREFIXES
from zonekg.model.ontology import load_ontology_graph
from zonekg.model.paths import DEFINED_CLASSES
from zonekg.model.prefixes import curie
from zonekg.rdf.files import write_atomically

KINDS = (
    (OWL.Class, "classes", "类", "Classes"),
    (OWL.ObjectProperty, "object-properties", "对象属性", "Object properties"),
    (OWL.DatatypeProperty, "datatype-properties", "数据属性", "Datatype properties"),
    (OWL.AnnotationProperty, "annotation-properties", "注释属性", "Annotation properties"),
)
CHARACTERISTICS = (OWL.TransitiveProperty, OWL.FunctionalProperty, OWL.InverseFunctionalProperty,
                   OWL.SymmetricProperty)

TEMPLATE = """<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<title>{{ title_zh }} / {{ title_en }}</title>
<style>
body { font-family: "Noto Sans CJK SC", "Noto Sans", sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em;
       line-height: 1.5; color: #222; }
h1 { font-size: 1.6em; } h2 { border-bottom: 2px solid #369; margin-top: 2em; }
.term { border: 1px solid #ccd; border-radius: 4px; padding: .6em 1em; margin: 1em 0; }
.term h3 { margin: 0 0 .3em 0; font-size: 1.1em; }
.zh { font-size: 1.05em; } .en { color: #345; }
code { background: #f3f3f6; padding: 0 .2em; }
dl { display: grid; grid-template-columns: 9em 1fr; gap: .2em .8em; margin: .4em 0 0 0; }
dt { font-weight: bold; color: #555; } dd { margin: 0; }
nav a { margin-right: .6em; } .lang { color: #777; font-size: .85em; }
</style>
</head>
<body>
<h1><span class="zh" lang="zh">{{ title_zh }}</span><br><span class="en" lang="en">{{ title_en }}</span></h1>
<p class="zh" lang="zh">{{ description_zh }}</p>
<p class="en" lang="en">{{ description_en }}</p>
<p>IRI <code>{{ ontology_iri }}</code>{% if version %} · version {{ version }}{% endif %}</p>
<h2>前缀 / Prefixes</h2>
<dl>{% for p, ns in prefixes %}<dt>{{ p }}:</dt><dd><code>{{ ns }}</code></dd>{% endfor %}</dl>
<nav>{% for s in sections %}
<a href="#{{ s.anchor }}">{{ s.zh }} / {{ s.en }} ({{ s.terms|length }})</a>
{% endfor %}</nav>
{% for s in sections %}
<h2 id="{{ s.anchor }}">{{ s.zh }} / {{ s.en }}</h2>
{% for t in s.terms %}
<div class="term" id="{{ t.anchor }}">
<h3><code>{{ t.curie }}</code></h3>
<div class="zh" lang="zh"><span class="lang">中文</span> {{ t.label_zh or "—" }}</div>
<div class="en" lang="en"><span class="lang">English</span> {{ t.label_en or "—" }}</div>
<dl>
{% if t.definition_zh %}<dt>定义</dt><dd lang="zh">{{ t.definition_zh }}</dd>{% endif %}
{% if t.definition_en %}<dt>Definition</dt><dd lang="en">{{ t.definition_en }}</dd>{% endif %}
{% for name, values in t.rows %}
<dt>{{ name }}</dt><dd>{% for v in values %}
{% if v.href %}<a href="{{ v.href }}"><code>{{ v.text }}</code></a>{% else %}<code>{{ v.text }}</code>{% endif %}
{% if not loop.last %}, {% endif %}{% endfor %}</dd>
{% endfor %}
<dt>IRI</dt><dd><code>{{ t.iri }}</code></dd>
</dl>
</div>
{% endfor %}
{% endfor %}
</body>
</html>
"""


@dataclass
class Ref:
    text: str
    href: str | None = None


@dataclass
class Term:
    iri: str
    curie: str
    anchor: str
    label_zh: str = ""
    label_en: str = ""
    definition_zh: str = ""
    definition_en: str = ""
    rows: list[tuple[str, list[Ref]]] = field(default_factory=list)




def anchor(iri: URIRef) -> str:
    return curie(iri).replace(":", "-").strip("<>").replace("/", "-")


def _text(graph: Graph, iri: URIRef, pred: URIRef, lang: str) -> str:
    values = sorted(str(v) for v in graph.objects(iri, pred) if isinstance(v, Literal) and v.language == lang)
    return " / ".join(values)


class Renderer:
    """Class expressions in a compact, readable notation; named terms link to their entry."""

    def __init__(self, graph: Graph, documented: set[URIRef]):
        self.graph = graph
        self.documented = documented

    def ref(self, node) -> Ref:
        if isinstance(node, URIRef):
            return Ref(curie(node), f"#{anchor(node)}" if node in self.documented else None)
        return Ref(self.expression(node))

    def expression(self, node) -> str:
        g = self.graph
        if isinstance(node, URIRef):
            return curie(node)
        if not isinstance(node, BNode):
            return str(node)
        for pred, op in ((OWL.unionOf, " ⊔ "), (OWL.intersectionOf, " ⊓ ")):
            items = g.value(node, pred)
            if items is not None:
                return "(" + op.join(self.expression(x) for x in Collection(g, items)) + ")"
        prop = g.value(node, OWL.onProperty)
        if prop is not None:
            for pred, sym in ((OWL.someValuesFrom, "∃"), (OWL.allValuesFrom, "∀")):
                filler = g.value(node, pred)
                if filler is not None:
                    return f"{sym}{curie(prop)}.{self.expression(filler)}"
            value = g.value(node, OWL.hasValue)
            if value is not None:
                return f"{curie(prop)} ∋ {self.expression(value)}"
        chain = g.value(node, RDF.first)
        if chain is not None:
            return " ∘ ".join(self.expression(x) for x in Collection(g, node))
        return "(anonymous)"


def _term(graph: Graph, iri: URIRef, r: Renderer) -> Term:
    t = Term(str(iri), curie(iri), anchor(iri),
             _text(graph, iri, RDFS.label, "zh"), _text(graph, iri, RDFS.label, "en"),
             _text(graph, iri, SKOS.definition, "zh"), _text(graph, iri, SKOS.definition, "en"))

    def row(name: str, pred: URIRef, reverse: bool = False) -> None:
        nodes = graph.subjects(pred, iri) if reverse else graph.objects(iri, pred)
        values = sorted((r.ref(n) for n in nodes), key=lambda v: v.text)
        if values:
            t.rows.append((name, values))

    row("上位类 / Superclasses", RDFS.subClassOf)
    row("等价于 / Equivalent to", OWL.equivalentClass)
    row("下位类 / Subclasses", RDFS.subClassOf, reverse=True)
    row("上位属性 / Superproperties", RDFS.subPropertyOf)
    row("定义域 / Domain", RDFS.domain)
    row("值域 / Range", RDFS.range)
    row("逆属性 / Inverse of", OWL.inverseOf)
    row("属性链 / Chain", OWL.propertyChainAxiom)
    kinds = sorted(curie(k) for k in graph.objects(iri, RDF.type) if k in CHARACTERISTICS)
    if kinds:
        t.rows.append(("特征 / Characteristics", [Ref(k) for k in kinds]))
    row("近似匹配 / Close match", SKOS.closeMatch)
    return t


def render(graph: Graph) -> str:
    """The HTML page for an ontology graph."""
    from jinja2 import Environment

    kinds = {kind: sorted({s for s in graph.subjects(RDF.type, kind) if isinstance(s, URIRef)}, key=curie)
             for kind, *_ in KINDS}
    documented = {iri for terms in kinds.values() for iri in terms}
    r = Renderer(graph, documented)
    sections = [{"anchor": a, "zh": zh, "en": en, "terms": [_term(graph, i, r) for i in kinds[kind]]}
                for kind, a, zh, en in KINDS]
    env = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return env.from_string(TEMPLATE).render(
        title_zh=_text(graph, ONTOLOGY_IRI, DCTERMS.title, "zh") or "zonekg 本体",
        title_en=_text(graph, ONTOLOGY_IRI, DCTERMS.title, "en") or "zonekg ontology",
        description_zh=_text(graph, ONTOLOGY_IRI, DCTERMS.description, "zh"),
        description_en=_text(graph, ONTOLOGY_IRI, DCTERMS.description, "en"),
        ontology_iri=str(ONTOLOGY_IRI), version=graph.value(ONTOLOGY_IRI, OWL.versionInfo),
        prefixes=sorted(PREFIXES.items()), sections=sections,
    )


def ontology_files(root: Path) -> list[Path]:
    """The ontology, its alignments and the reasoning axioms."""
    files = paths.ontology_files(root)
    extra = root / DEFINED_CLASSES
    return files if extra in files else [*files, extra]


def write_docs(root: Path, out_dir: Path) -> Path:
    """Write ``index.html`` into ``out_dir`` (atomically) and return its path."""
    graph = load_ontology_graph(ontology_files(root))
    if (ONTOLOGY_IRI, RDF.type, OWL.Ontology) not in graph:
        raise ZoneKGError("no owl:Ontology header", paths.ontology_files(root)[0])
    write_atomically(out_dir, {"index.html": render(graph).encode("utf-8")})
    return out_dir / "index.html"
