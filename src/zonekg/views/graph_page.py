"""The interactive graph: ``build/zone.html``, a self-contained page an analyst can open offline.

pyvis builds the vis-network node and edge records, but this module owns the page, because
pyvis 0.3.2's writer is neither safe nor offline: its template does not autoescape (and turns
titles containing ``href`` into ``innerHTML``), it loads Bootstrap and sometimes vis-network from
a CDN, and it writes in the platform's default encoding.  Here the page is rendered from
``templates/zone.html.j2`` with autoescape on; vis-network is inlined from ``vendor/``; the data
travel as JSON inside ``<script type="application/json">`` with ``<``, ``>``, ``&`` and the JS line
separators escaped, so no text can close the element; tooltips are built with ``textContent``;
a Content-Security-Policy naming the hashes of the two inline scripts forbids every other script
and every request.  The bytes are UTF-8.

Positions are computed here (igraph's Kamada-Kawai or Fruchterman-Reingold with a fixed seed,
rounded to whole pixels), physics is off in the browser: the same graph gives the same page byte for byte, and
5,000 nodes draw in seconds instead of settling for minutes.
"""

from __future__ import annotations

import base64
import colorsys
import hashlib
import json
import math
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SKOS

from zonekg.model.errors import ZoneKGError
from zonekg.model.namespaces import INFERRED_GRAPH, OA, PREFIXES, TIME, ZKT, ZO
from zonekg.model.prefixes import curie
from zonekg.network.graph import label, named_nodes, to_networkx
from zonekg.queries import names
from zonekg.rdf.convert import merged, ordered

if TYPE_CHECKING:
    import networkx as nx


HERE = Path(__file__).parent
VIS_JS = HERE / "vendor" / "vis-network.min.js"
TEMPLATE = "zone.html.j2"
LAYOUT_SEED = 20240929
KK_LIMIT = 500
#: How many of the best-connected nodes keep a readable label on the first screen.
HUBS = 12
SMALL = 30

#: Relations folded into their subject as key values: an interval's begin and end instants.
FOLDED = {curie(TIME.hasBeginning), curie(TIME.hasEnd)}

#: Node categories, first match wins: (id, superclass CURIEs, vis shape, hue, zh, en).
CATEGORIES: tuple[tuple[str, frozenset[str], str, float, str, str], ...] = (
    ("person", frozenset({"zo:Person", "foaf:Person"}), "star", 0.00, "人物", "people"),
    ("organisation", frozenset({"org:Organization", "org:Post", "foaf:Agent"}), "square", 0.60, "机构与职务",
     "organisations and posts"),
    ("place", frozenset({"zo:Place", "prov:Location"}), "triangle", 0.33, "地点", "places"),
    ("time", frozenset({"time:TemporalEntity"}), "triangleDown", 0.13, "时间", "times"),
    ("activity", frozenset({"prov:Activity"}), "diamond", 0.07, "项目与活动", "projects and events"),
    ("intent", frozenset({"zo:Goal", "zo:GoalStage", "zo:Target", "zo:Policy", "zo:PlanSet", "zo:Plan"}),
     "hexagon", 0.80, "目标与政策", "goals and policies"),
    ("source", frozenset({"zo:SourceDocument"}), "dot", 0.0, "来源", "sources"),
    ("measure", frozenset({"qb:Observation", "zo:Indicator", "zo:Unit"}), "dot", 0.50, "指标与数据",
     "indicators and data"),
    ("concept", frozenset({"skos:Concept"}), "dot", 0.92, "概念", "concepts"),
)
OTHER: tuple[str, frozenset[str], str, float, str, str] = ("other", frozenset(), "dot", 0.0, "其他", "other")

#: Modalities in the order of the fact sheets, with the group the ontology puts each in.
MODALITIES = (
    ("achieved", "reported"), ("ongoing", "reported"), ("planned", "intended"),
    ("targeted", "intended"), ("aspiration", "intended"), ("claimed", "claimed"),
)
MODALITY_STYLE = {  # edge colour and dashes: plans and claims must not look like achievements
    "reported": ("#4a4a4a", False), "intended": ("#d9822b", [8, 6]), "claimed": ("#8e44ad", [2, 5]),
}


@dataclass
class View:
    """What one page shows: the graph to draw and the words around it."""

    kind: str  # "graph", "ego" or "classes"
    title_zh: str
    title_en: str
    graph: nx.MultiDiGraph
    centre: str | None = None
    #: Nodes drawn at the middle of the grouped layout (the zone and the bodies that run it).
    core: list[Any] = field(default_factory=list)
    classes: list[dict[str, Any]] = field(default_factory=list)
    modalities: list[dict[str, str]] = field(default_factory=list)


# --- building views -----------------------------------------------------------------------------


def view_graph(dataset: Graph) -> Graph:
    """The graphs a view draws: sources and ontology, without inferred triples, so that
    ``zonekg viz`` and ``zonekg build`` (which may add an inferred graph) draw the same page."""
    return merged(dataset, exclude=[INFERRED_GRAPH])


def entity_graph(g: Graph) -> nx.MultiDiGraph:
    """network.to_networkx's entity graph, with begin/end instants folded into their interval."""

    out = to_networkx(g)
    for s, o, key in [(s, o, k) for s, o, k in out.edges(keys=True) if k in FOLDED]:
        stamp = g.value(o, TIME.inXSDDateTime)
        out.nodes[s]["attrs"].setdefault(key, []).append(str(stamp if stamp is not None else o))
        out.remove_edge(s, o, key)
    out.remove_nodes_from([n for n, d in out.nodes(data=True) if d["kind"] == "vocabulary" and out.degree(n) == 0])
    return out


def whole_view(dataset: Graph) -> View:
    g = view_graph(dataset)
    return _entity_view(g, entity_graph(g), "graph", "开发区知识图谱", "Zone knowledge graph")


def ego_view(dataset: Graph, query: str, depth: int) -> View:
    """The entities within ``depth`` relations (either direction) of the one ``query`` names."""
    import networkx as nx

    if depth < 0:
        raise ZoneKGError(f"must be 0 or more, got {depth}", field="--depth")
    g = view_graph(dataset)
    full = entity_graph(g)
    if not query.strip():
        raise ZoneKGError("give a name or an id to centre the view on", field="--around")
    centre = names.resolve(query, named_nodes(full, g), field="--around").key
    # Not nx.ego_graph: its to_undirected() deep-copies values, and a datetime whose tzinfo comes
    # from owlrl (loaded by the reasoning step) cannot be deep-copied.
    near = nx.single_source_shortest_path_length(full.to_undirected(as_view=True), centre, cutoff=depth)
    sub = full.subgraph(near).copy()
    d = full.nodes[centre]
    return _entity_view(g, sub, "ego", f"{d['label_zh']} 周围 {depth} 步", f"{depth} steps around {d['label_en']}",
                        centre=_node_id(centre))


def class_view(ontology: Graph) -> View:
    """The ontology's class diagram: named classes, subclass links and object properties
    drawn from each class of their domain to each class of their range."""
    import networkx as nx

    skip = {OWL.Thing, RDFS.Literal, RDFS.Resource}
    out = nx.MultiDiGraph()

    def add(cls: URIRef) -> None:
        if cls in out or cls in skip or str(cls).startswith(PREFIXES["xsd"]):
            return
        prefix = curie(cls).split(":", 1)[0] if ":" in curie(cls) else "other"
        definition = [str(v) for v in ontology.objects(cls, SKOS.definition) if getattr(v, "language", None) == "zh"]
        out.add_node(cls, iri=str(cls), label_zh=label(ontology, cls, "zh"), label_en=label(ontology, cls, "en"),
                     cls=prefix, cls_label_zh=prefix, cls_label_en=prefix, kind="class", attrs={}, evidence=[],
                     definition=sorted(definition))

    def classes(node: Any) -> list[URIRef]:
        if isinstance(node, URIRef):
            return [node]
        union = ontology.value(node, OWL.unionOf) if node is not None else None
        return [c for c in Collection(ontology, union) if isinstance(c, URIRef)] if union else []

    for cls in sorted(c for c in ontology.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)):
        add(cls)
    sub_label = (label(ontology, RDFS.subClassOf, "zh"), label(ontology, RDFS.subClassOf, "en"))
    for child, parent in sorted(ontology.subject_objects(RDFS.subClassOf)):
        if isinstance(child, URIRef) and isinstance(parent, URIRef) and parent not in skip:
            add(child)
            add(parent)
            out.add_edge(child, parent, key="rdfs:subClassOf", property=str(RDFS.subClassOf),
                         label_zh="子类" if sub_label[0] == "rdfs:subClassOf" else sub_label[0],
                         label_en="subclass of" if sub_label[1] == "rdfs:subClassOf" else sub_label[1],
                         modalities=[], evidence=[])
    for prop in ordered(ontology.subjects(RDF.type, OWL.ObjectProperty)):
        for dom in classes(ontology.value(prop, RDFS.domain)):
            for rng in classes(ontology.value(prop, RDFS.range)):
                if dom in skip or rng in skip:
                    continue
                add(dom)
                add(rng)
                out.add_edge(dom, rng, key=curie(prop), property=str(prop), label_zh=label(ontology, prop, "zh"),
                             label_en=label(ontology, prop, "en"), modalities=[], evidence=[])
    for prop in ordered(ontology.subjects(RDF.type, OWL.DatatypeProperty)):
        for dom in classes(ontology.value(prop, RDFS.domain)):
            if dom in out:
                out.nodes[dom]["attrs"].setdefault("数据属性 / datatype properties", []).append(
                    f"{curie(prop)} {label(ontology, prop, 'zh')} / {label(ontology, prop, 'en')}")
    prefixes = sorted({d["cls"] for _n, d in out.nodes(data=True)})
    legend = []
    for i, prefix in enumerate(prefixes):
        colour = _hsl(i / max(1, len(prefixes)), 0.55, 0.55)
        count = sum(1 for _n, d in out.nodes(data=True) if d["cls"] == prefix)
        legend.append({"id": prefix, "zh": prefix, "en": prefix, "color": colour, "shape": "box",
                       "category": "namespace", "count": count})
    return View("classes", "本体类图", "Ontology class diagram", out, classes=legend)


# --- from a view to vis-network records ------------------------------------------------------------


def core_nodes(g: Graph, graph: nx.MultiDiGraph) -> list[Any]:
    """The zone the graph is about and the bodies that run it: the best-connected ``zo:Zone``
    (a development zone is one) and every node with a ``zo:administers`` edge to it."""
    zones = [n for n, d in graph.nodes(data=True) if d["cls"] and "zo:Zone" in _superclasses(g, d["cls"])]
    if not zones:
        return []
    zone = min(zones, key=lambda n: (-graph.degree(n), str(n)))
    bodies = sorted({s for s, _o, k in graph.in_edges(zone, keys=True) if k == "zo:administers"}, key=str)
    return [zone, *bodies]


def _entity_view(g: Graph, graph: nx.MultiDiGraph, kind: str, zh: str, en: str, centre: str | None = None) -> View:
    view = View(kind, zh, en, graph, centre=centre)
    if kind == "ego":
        view.core = [n for n in graph.nodes if _node_id(n) == centre]
    else:
        view.core = core_nodes(g, graph)
    view.classes = _legend(g, graph)
    view.modalities = [
        {"id": m, "group": grp, "zh": label(g, ZKT[f"modality-{m}"], "zh"), "en": label(g, ZKT[f"modality-{m}"], "en"),
         "group_zh": label(g, ZKT[f"modality-{grp}"], "zh"), "group_en": label(g, ZKT[f"modality-{grp}"], "en")}
        for m, grp in MODALITIES
    ]
    for node, d in graph.nodes(data=True):
        d["mention"] = _mention(g, node)
        d["alt"] = sorted(str(a) for a in g.objects(node, SKOS.altLabel))
        d["attr_labels"] = {k: (label(g, _expand(k), "zh"), label(g, _expand(k), "en")) for k in d["attrs"]}
    return view


def _expand(name: str) -> URIRef:
    prefix, local = name.split(":", 1)
    return URIRef(PREFIXES.get(prefix, "") + local)


def _mention(g: Graph, node: URIRef) -> list[dict[str, Any]]:
    """Where the source first names an entity (zo:firstStatedIn), as tooltip evidence."""

    out = []
    for ev in ordered(g.objects(node, ZO.firstStatedIn)):
        sentence = g.value(ev, ZO.inSentence)
        quote = next((g.value(s, OA.exact) for s in g.objects(ev, OA.hasSelector) if g.value(s, OA.exact)), None)
        out.append({"m": "", "q": str(quote or ""), "s": str(g.value(sentence, ZO.text) or ""),
                    "i": int(cast(Literal, g.value(sentence, ZO.sentenceIndex) or Literal(0)))})
    return out


def _superclasses(g: Graph, cls: str) -> set[str]:
    """The class and all its named superclasses, as CURIEs."""
    seen, stack = {cls}, [_expand(cls)]
    while stack:
        for parent in g.objects(stack.pop(), RDFS.subClassOf):
            if isinstance(parent, URIRef) and curie(parent) not in seen:
                seen.add(curie(parent))
                stack.append(parent)
    return seen


def _category(g: Graph, cls: str) -> tuple[str, frozenset[str], str, float, str, str]:
    if not cls:
        return OTHER
    seen = _superclasses(g, cls)
    return next((c for c in CATEGORIES if c[1] & seen), OTHER)


def _hsl(h: float, s: float, lightness: float) -> str:
    r, gr, b = colorsys.hls_to_rgb(h, lightness, s)
    return f"#{round(r * 255):02x}{round(gr * 255):02x}{round(b * 255):02x}"


def _legend(g: Graph, graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """One entry per class drawn: colour (a shade of its category's hue), shape and count."""
    counts: dict[str, int] = {}
    names: dict[str, tuple[str, str]] = {}
    for _n, d in graph.nodes(data=True):
        counts[d["cls"]] = counts.get(d["cls"], 0) + 1
        names[d["cls"]] = (d["cls_label_zh"] or d["cls"] or "?", d["cls_label_en"] or d["cls"] or "?")
    by_category: dict[str, list[str]] = {}
    cats = {}
    for cls in sorted(counts):
        cat = _category(g, cls)
        cats[cls] = cat
        by_category.setdefault(cat[0], []).append(cls)
    order = [c[0] for c in (*CATEGORIES, OTHER)]
    legend = []
    for cls in sorted(counts, key=lambda c: (order.index(cats[c][0]), c)):
        cat = cats[cls]
        siblings = by_category[cat[0]]
        shade = siblings.index(cls) / max(1, len(siblings) - 1) if len(siblings) > 1 else 0.5
        colour = "#9e9e9e" if cat[0] in ("other", "source") else _hsl(cat[3], 0.62, 0.38 + 0.3 * shade)
        legend.append({"id": cls, "zh": names[cls][0], "en": names[cls][1], "color": colour, "shape": cat[2],
                       "category": cat[0], "category_zh": cat[4], "category_en": cat[5], "count": counts[cls]})
    return legend


def _node_id(node: Any) -> str:
    return curie(node) if isinstance(node, URIRef) else str(node)


def _text(value: Any) -> str:
    """A key value as the text a reader expects (no Python reprs)."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _evidence(items: list[Any]) -> list[dict[str, Any]]:
    seen, out = set(), []
    for e in items:
        rec = e if isinstance(e, dict) else {"m": e.modality, "q": e.quote, "s": e.sentence, "i": e.sentence_index}
        if getattr(e, "derivation", None):
            rec["d"] = e.derivation
        k = (rec["i"], rec["q"], rec["m"])
        if k not in seen:
            seen.add(k)
            out.append(rec)
    return sorted(out, key=lambda r: (r["i"], r["q"], r["m"]))


def layout(graph: nx.MultiDiGraph, seed: int = LAYOUT_SEED) -> dict[Any, tuple[int, int]]:
    """Whole-pixel positions, seeded and on a sorted vertex order, so that every build places every
    node the same way.  Kamada-Kawai spreads hub-heavy graphs like the zone's best but is quadratic
    (3 s at 1,000 nodes); above ``KK_LIMIT`` nodes, Fruchterman-Reingold on a grid (0.3 s at 1,000,
    2 s at 5,000).  networkx's spring_layout took 8 s and 80 s there, hence igraph."""
    import random

    import igraph as ig

    nodes = sorted(graph.nodes, key=str)
    if not nodes:
        return {}
    index = {n: i for i, n in enumerate(nodes)}
    pairs = sorted({tuple(sorted((index[u], index[v]))) for u, v in graph.edges() if u != v})
    ig.set_random_number_generator(random.Random(seed))
    try:
        g = ig.Graph(n=len(nodes), edges=pairs)
        coords = (g.layout_kamada_kawai() if len(nodes) <= KK_LIMIT
                  else g.layout_fruchterman_reingold(niter=500, grid=True)).coords
    finally:
        ig.set_random_number_generator(random)
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    scale = 140 * math.sqrt(len(nodes)) / span  # about 140 px of room per node along each axis
    return {n: (round((c[0] - cx) * scale), round((c[1] - cy) * scale)) for n, c in zip(nodes, coords, strict=True)}


#: Grouped layout, in canvas pixels: room per node along a ring, between rings, and around the core.
ARC_SPACING = 170
RING_GAP = 80
CORE_GAP = 300
CORE_STEP = 150
#: The layout is stretched sideways to fill a landscape window rather than a square.
ASPECT = 1.5


def grouped_layout(graph: nx.MultiDiGraph, groups: dict[Any, str], order: list[str],
                   core: list[Any], named: set[Any] | frozenset[Any] = frozenset()) -> dict[Any, tuple[int, int]]:
    """The core at the middle, every other node in its group's wedge around it.

    Each group (a class category: people, organisations, places…) gets a wedge whose angle is
    proportional to its size; inside it nodes fill rings outwards, nearest to the core (in
    relations) first, then the best connected.  Within a ring, nodes are ordered by the mean
    angle of their neighbours, which keeps most edges short and uncrossed; the ``named`` nodes
    (whose labels show on the first screen) are then spread evenly along their ring, so that their
    labels do not run into each other.  Everything is sorted and rounded, so the same graph gives
    the same positions."""
    import networkx as nx

    undirected = graph.to_undirected(as_view=True)
    nodes = sorted(graph.nodes, key=str)
    core = [n for n in core if n in graph]
    if not core and nodes:  # no zone: the best-connected node is the middle
        core = [min(nodes, key=lambda n: (-graph.degree(n), str(n)))]
    dist = nx.multi_source_dijkstra_path_length(undirected, core) if core else {}
    far = max(dist.values(), default=0) + 1
    pos: dict[Any, tuple[float, float]] = {}
    # The zone in the middle, the bodies that run it stacked under it: their labels are long,
    # and a column keeps them apart at any zoom.
    for i, n in enumerate(core):
        pos[n] = (0.0, CORE_STEP * (i - (len(core) - 1) / 2))
    r_core = CORE_STEP * (len(core) - 1) / 2
    rest = [n for n in nodes if n not in pos]
    members: dict[str, list[Any]] = {}
    for n in rest:
        members.setdefault(groups.get(n, ""), []).append(n)
    names = [g for g in order if g in members] + sorted(g for g in members if g not in order)
    total = max(1, len(rest))
    inner = r_core + CORE_GAP
    # Wedges: share of the circle by size, but never narrower than one node at the inner ring.
    min_share = min(ARC_SPACING / (2 * math.pi * inner), 1 / max(1, len(names)))
    shares = [max(len(members[g]) / total, min_share) for g in names]
    shares = [x / sum(shares) for x in shares]
    rows: list[tuple[float, float, list[Any], float]] = []  # (start angle, width, nodes, radius)
    start = -math.pi / 2
    for name, share in zip(names, shares, strict=True):
        width = 2 * math.pi * share
        queue = sorted(members[name], key=lambda n: (dist.get(n, far), -graph.degree(n), str(n)))
        radius = inner
        while queue:
            fits = max(1, int(width * radius / ARC_SPACING))
            rows.append((start, width, queue[:fits], radius))
            queue = queue[fits:]
            radius += RING_GAP
        start += width

    def place(start: float, width: float, row: list[Any], radius: float) -> None:
        for k, n in enumerate(row):
            a = start + width * (k + 0.5) / len(row)
            pos[n] = (radius * math.cos(a), radius * math.sin(a))

    for ring in rows:
        place(*ring)
    for _ in range(2):  # order each ring by its nodes' neighbours, now that everything has a place
        for start, width, row, radius in rows:
            def mean_angle(n: Any, start: float = start, width: float = width) -> float:
                xs = [pos[m] for m in undirected.neighbors(n) if m != n]
                if not xs:
                    return start + width / 2
                a = math.atan2(sum(y for _x, y in xs), sum(x for x, _y in xs))
                while a < start:  # unwrap into this wedge's range, for sorting
                    a += 2 * math.pi
                return a if a <= start + 2 * math.pi else a - 2 * math.pi
            row.sort(key=lambda n: (round(mean_angle(n), 6), str(n)))
            row[:] = _spread(row, named)
            place(start, width, row, radius)
    return {n: (round(x * (1 if n in core else ASPECT)), round(y)) for n, (x, y) in pos.items()}


def _spread(row: list[Any], named: set[Any] | frozenset[Any]) -> list[Any]:
    """The row with its named nodes at evenly spaced slots (their order kept), the others between."""
    hubs = [n for n in row if n in named]
    if not hubs or len(hubs) == len(row):
        return row
    others = iter(n for n in row if n not in named)
    slots = {round((k + 0.5) * len(row) / len(hubs) - 0.5): hub for k, hub in enumerate(hubs)}
    return [slots[i] if i in slots else next(others) for i in range(len(row))]


def to_vis(view: View) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """vis-network node and edge records, made with pyvis (sorted, so the page is reproducible)."""
    from pyvis.network import Network

    graph = view.graph
    style = {c["id"]: c for c in view.classes}
    core = {_node_id(n) for n in view.core}
    # A small graph (an ego view) has room for every name; a large one names its hubs only.
    hubs = set(sorted(graph.nodes, key=lambda n: (-graph.degree(n), str(n)))[:HUBS if len(graph) > SMALL else None])
    if view.kind == "classes":
        pos = layout(graph)
    else:
        order = list(dict.fromkeys(c["category"] for c in view.classes))
        groups = {n: style.get(d["cls"], {}).get("category", "other") for n, d in graph.nodes(data=True)}
        pos = grouped_layout(graph, groups, order, view.core, hubs)
    net = Network(directed=True, cdn_resources="in_line")
    for node in sorted(graph.nodes, key=str):
        d = graph.nodes[node]
        mods = sorted({m for *_e, ed in graph.in_edges(node, data=True) for m in ed["modalities"]}
                      | {m for *_e, ed in graph.out_edges(node, data=True) for m in ed["modalities"]}
                      | {e.modality for e in d["evidence"]})
        labels = d.get("attr_labels", {})
        attrs = [[labels.get(k, (k, k))[0], labels.get(k, (k, k))[1], [_text(v) for v in vals]]
                 for k, vals in sorted(d["attrs"].items())]
        nid = _node_id(node)
        cls = style.get(d["cls"], {"color": "#9e9e9e", "shape": "dot"})
        degree = graph.degree(node)
        # Label tiers: the core's and the hubs' labels are big enough to be read on the first
        # screen; the rest are drawn once the reader zooms in (drawThreshold in zone.js).
        tier = 0 if nid in core or nid == view.centre else 1 if node in hubs else 2
        net.add_node(
            nid, label=d["label_zh"], shape=cls["shape"], color=cls["color"], x=pos[node][0], y=pos[node][1],
            tier=tier, cat=cls.get("category", "other"),
            size=round(10 + 3 * math.sqrt(degree)) + (10 if nid == view.centre else 0),
            borderWidth=4 if nid == view.centre else 1, physics=False,
            zh=d["label_zh"], en=d["label_en"], alt=d.get("alt", []), cls=d["cls"], mods=mods,
            iri=d["iri"], typeZh=d["cls_label_zh"], typeEn=d["cls_label_en"], attrs=attrs,
            ev=_evidence([*d.get("mention", []), *d["evidence"]]), defn=d.get("definition", []),
        )
    parallel: dict[tuple[str, str], int] = {}
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    for i, (s, o, key, d) in enumerate(edges):
        a, b = sorted((_node_id(s), _node_id(o)))
        pair = (a, b)
        k = parallel[pair] = parallel.get(pair, -1) + 1
        group = next((grp for m, grp in MODALITIES if m in d["modalities"]), "reported")
        colour, dashes = MODALITY_STYLE[group] if view.kind != "classes" else (
            ("#7a7a7a", [4, 4]) if key == "rdfs:subClassOf" else ("#4a4a4a", False))
        # Corroboration: a relation several sources state is drawn thicker and says how many
        # (its quotes are shown once each, _evidence); one source adds nothing to the edge.
        sources = len({e.source for e in d["evidence"] if getattr(e, "source", None)})
        strength = {"src": sources, "width": round(1.2 + 1.5 * math.log2(sources), 2)} if sources > 1 else {}
        net.add_edge(
            _node_id(s), _node_id(o), id=f"e{i}", label=d["label_zh"], zh=d["label_zh"], en=d["label_en"], prop=key,
            mods=d["modalities"], ev=_evidence(d["evidence"]), color=colour, dashes=dashes,
            smooth={"enabled": True, "type": "curvedCW", "roundness": 0.18 * k} if k else False, **strength,
        )
    return net.nodes, net.edges


# --- the page ------------------------------------------------------------------------------------------


def script_json(data: Any) -> str:
    """JSON that is safe inside a <script> element: nothing in it can end the element or open
    a comment, and U+2028/U+2029 cannot end a line if it is ever evaluated as script."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for ch, esc in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def render(view: View) -> bytes:
    """The page as UTF-8 bytes: template autoescaped, scripts inlined, data as safe JSON."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from markupsafe import Markup

    nodes, edges = to_vis(view)
    payload = {
        "kind": view.kind, "title": {"zh": view.title_zh, "en": view.title_en}, "centre": view.centre,
        "classes": view.classes, "modalities": view.modalities, "nodes": nodes, "edges": edges,
    }
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                      keep_trailing_newline=True)
    vis_js = VIS_JS.read_text(encoding="utf-8")
    app_js = (HERE / "templates" / "zone.js").read_text(encoding="utf-8")
    for name, script in (("vis-network", vis_js), ("zone.js", app_js)):
        if "</script" in script.lower() or "<!--" in script:
            raise ZoneKGError("script cannot be inlined safely (contains </script or <!--)", name)
    html = env.get_template(TEMPLATE).render(
        view=view, data=Markup(script_json(payload)), vis_js=Markup(vis_js), app_js=Markup(app_js),
        csp=f"default-src 'none'; script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}; "
            "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'",
        node_count=len(nodes), edge_count=len(edges),
    )
    return html.encode("utf-8")

