"""Network analyses of the zone: who is central, which entities hang together, and how two
entities are connected, told with the sentences of the article that say so.

Everything runs on the *entity graph*: the nodes of :func:`zonekg.network.graph.to_networkx` that are
entities of the article.  Controlled vocabulary (statuses, units, roles, kinds) and the source
document are left out, because a status shared by five projects or a unit shared by two figures
would otherwise look like a hub and give short cuts that say nothing about the zone.

Results are deterministic: graphs are built in sorted order, community detection uses a fixed
seed, and ties are broken by CURIE.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from rdflib import URIRef

from zonekg.model.errors import ZoneKGError
from zonekg.model.prefixes import curie
from zonekg.network.graph import Evidence, named_nodes, to_networkx
from zonekg.queries import names

__all__ = [
    "SEED", "REPORTED", "Explanation", "Step", "as_networkx", "centrality", "communities", "community_partition",
    "components", "entity_graph", "explain", "explanations", "membership", "resolve", "undirected",
]

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

#: Seed for Louvain community detection, so that the communities are the same on every run.
SEED = 42
#: Modalities that report what is or was the case (the rest are intentions or claims).
REPORTED = frozenset({"achieved", "ongoing"})
#: At most this many shortest paths are compared when choosing the one to tell.
MAX_PATHS = 500


def as_networkx(graph) -> nx.MultiDiGraph:
    """Accept an rdflib Graph/Dataset, a :class:`zonekg.network.graph.StoreGraph` (``zonekg.store_graph()``)
    or a graph already made by :func:`to_networkx`."""
    import networkx as nx

    return graph if isinstance(graph, nx.Graph) else to_networkx(graph)


def entity_graph(graph, keep: Iterable = ()) -> nx.MultiDiGraph:
    """The entities and the relations between them (plus any nodes in ``keep``), as a view."""
    g = as_networkx(graph)
    extra = set(keep)
    return g.subgraph(n for n, d in g.nodes(data=True) if d.get("kind") == "entity" or n in extra)


def undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """A simple undirected graph of the same nodes, built in sorted order (stable tie-breaking)."""
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes, key=str))
    simple.add_edges_from(sorted({tuple(sorted((u, v), key=str)) for u, v in graph.edges() if u != v}, key=str))
    return simple


def _name(g: nx.MultiDiGraph, node, lang: str = "zh") -> str:
    data = g.nodes[node]
    return str(data.get(f"label_{lang}") or data.get("label") or curie(node))


def centrality(graph) -> pd.DataFrame:
    """Degree and betweenness centrality of every entity, most connected first.

    ``degree`` counts relations (in + out), ``neighbours`` distinct entities linked to;
    ``degree_centrality`` is neighbours / (n - 1) and ``betweenness`` the share of shortest
    paths between other entities that pass through this one (both normalised, 0–1).
    """
    import networkx as nx
    import pandas as pd

    ent = entity_graph(graph)
    simple = undirected(ent)
    between = nx.betweenness_centrality(simple, normalized=True)
    share = nx.degree_centrality(simple)
    rows = []
    for node in simple.nodes:
        data = ent.nodes[node]
        rows.append({
            "id": curie(node), "label_zh": data["label_zh"], "label_en": data["label_en"], "cls": data["cls"],
            "degree": ent.degree(node), "in_degree": ent.in_degree(node), "out_degree": ent.out_degree(node),
            "neighbours": simple.degree(node), "degree_centrality": round(share[node], 6),
            "betweenness": round(between[node], 6),
        })
    table = pd.DataFrame(rows)
    table = table.sort_values(["degree", "betweenness", "id"], ascending=[False, False, True], kind="stable")
    return table.reset_index(drop=True)


def community_partition(graph, seed: int = SEED) -> list[list]:
    """Louvain communities of the entity graph: largest first, members sorted by CURIE."""
    import networkx as nx

    simple = undirected(entity_graph(graph))
    parts = nx.community.louvain_communities(simple, seed=seed)
    groups = [sorted(part, key=curie) for part in parts]
    return sorted(groups, key=lambda members: (-len(members), curie(members[0])))


def communities(graph, seed: int = SEED) -> pd.DataFrame:
    """One row per community: its size, its hub (the member with most relations), its members."""
    import pandas as pd

    ent = entity_graph(graph)
    rows = []
    for number, members in enumerate(community_partition(ent, seed), start=1):
        hub = min(members, key=lambda n: (-ent.degree(n), curie(n)))
        classes: dict[str, int] = {}
        for n in members:
            classes[ent.nodes[n]["cls"]] = classes.get(ent.nodes[n]["cls"], 0) + 1
        rows.append({
            "community": number, "size": len(members), "hub": curie(hub), "hub_label": _name(ent, hub),
            "members": "、".join(_name(ent, n) for n in members),
            "classes": ", ".join(f"{c} {k}" for c, k in sorted(classes.items(), key=lambda i: (-i[1], i[0]))),
        })
    return pd.DataFrame(rows)


def membership(graph, seed: int = SEED) -> dict:
    """Node → community number (1 = largest), for colouring and for export."""
    return {n: i for i, members in enumerate(community_partition(graph, seed), start=1) for n in members}


def components(graph) -> list[list]:
    """Connected components of the entity graph (ignoring direction): largest first."""
    import networkx as nx

    parts = nx.connected_components(undirected(entity_graph(graph)))
    groups = [sorted(part, key=curie) for part in parts]
    return sorted(groups, key=lambda members: (-len(members), curie(members[0])))


# --- explaining a connection ----------------------------------------------------------------


def resolve(graph, name: str | URIRef):
    """The node meant by ``name`` (:func:`zonekg.queries.names.resolve`: an id, a CURIE, an IRI,
    a label, or part of one)."""
    import networkx as nx

    rdf = None if isinstance(graph, nx.Graph) else graph
    return names.resolve(str(name), named_nodes(as_networkx(graph), rdf), field="entity").key


@dataclass(frozen=True)
class Step:
    """One relation on a path, in its true direction (``subject —property→ object``)."""

    subject: str
    subject_label: str
    property: str
    property_zh: str
    property_en: str
    object: str
    object_label: str
    forward: bool  #: True when the path walks from subject to object, False when against it
    modalities: tuple[str, ...]
    evidence: tuple[Evidence, ...]

    @builtins.property  # the field ``property`` above hides the builtin in this class's body
    def sentences(self) -> list[tuple[int, str]]:
        """The distinct sentences (index, text) the relation rests on, in reading order."""
        return sorted({(e.sentence_index, e.sentence) for e in self.evidence})

    def arrow(self) -> str:
        return f"—[{self.property_zh} {self.property_en}]→"

    def told(self) -> str:
        """The step as a sentence of the graph: subject —[property]→ object."""
        return f"{self.subject_label} {self.arrow()} {self.object_label}"


@dataclass(frozen=True)
class Explanation:
    """A shortest path between two entities, each step with the sentences that state it."""

    nodes: tuple[str, ...]
    labels: tuple[str, ...]
    steps: tuple[Step, ...]

    def chain(self) -> str:
        """The path on one line; a step walked against its direction shows as ←[property]—."""
        parts = [self.labels[0]]
        for step, label in zip(self.steps, self.labels[1:], strict=True):
            link = step.arrow() if step.forward else f"←[{step.property_zh} {step.property_en}]—"
            parts.append(f"{link} {label}")
        return " ".join(parts)

    def text(self) -> str:
        """The chain, then each step told in its true direction with its modality and sentences."""
        if not self.steps:
            return self.labels[0]
        lines = [self.chain(), ""]
        for number, step in enumerate(self.steps, start=1):
            how = ", ".join(step.modalities) or "no statement"
            lines.append(f"{number}. {step.told()}  ({how})")
            for index, sentence in step.sentences:
                lines.append(f"   sentence {index}: “{sentence}”")
            for how_derived in sorted({e.derivation for e in step.evidence if e.derivation}):
                lines.append(f"   derived, not stated: {how_derived}")
        return "\n".join(lines)

    __str__ = text


def _edges_between(g: nx.MultiDiGraph, u, v) -> list[tuple[bool, object, object, str, dict]]:
    found = []
    for a, b, forward in ((u, v, True), (v, u, False)):
        for key, data in (g.get_edge_data(a, b) or {}).items():
            found.append((forward, a, b, key, data))
    return found


def _best_edge(g: nx.MultiDiGraph, u, v) -> tuple[bool, object, object, str, dict]:
    """The relation to tell for the hop u–v: reported facts first, then the walking direction."""
    return min(_edges_between(g, u, v),
               key=lambda e: (not (set(e[4].get("modalities", ())) & REPORTED), not e[0], e[3]))


def _path_cost(g: nx.MultiDiGraph, path: list) -> tuple:
    """Prefer paths whose every step is reported (not only planned or claimed); then by CURIE."""
    hops = zip(path, path[1:], strict=False)
    weak = sum(not (set(_best_edge(g, u, v)[4].get("modalities", ())) & REPORTED) for u, v in hops)
    return weak, [curie(n) for n in path]


def explanations(graph, a: str | URIRef, b: str | URIRef, lang: str = "zh",
                 limit: int = MAX_PATHS) -> list[Explanation]:
    """Every shortest path from ``a`` to ``b`` (up to ``limit``), best first: see :func:`explain`."""
    import networkx as nx

    full = as_networkx(graph)
    source, target = resolve(full, a), resolve(full, b)
    g = entity_graph(full, keep=(source, target))
    try:
        paths = list(islice(nx.all_shortest_paths(undirected(g), source, target), limit))
    except nx.NetworkXNoPath:
        raise ZoneKGError(f"{curie(source)} and {curie(target)} are not connected in the graph") from None
    return [_tell(g, path, lang) for path in sorted(paths, key=lambda p: _path_cost(g, p))]


def explain(graph, a: str | URIRef, b: str | URIRef, lang: str = "zh") -> Explanation:
    """How entity ``a`` reaches entity ``b``: a shortest path told step by step with evidence.

    ``a`` and ``b`` are ids, CURIEs, IRIs or exact labels.  Paths are searched without regard
    to direction (an event *produced by* a company links the company to the event as much as
    the event to the company), but each step is told in its true direction.  Among equally
    short paths the one resting most on reported facts (achieved, ongoing) is chosen, then
    the first by CURIE.
    """
    return explanations(graph, a, b, lang)[0]


def _tell(g: nx.MultiDiGraph, path: list, lang: str) -> Explanation:
    steps = []
    for u, v in zip(path, path[1:], strict=False):
        forward, s, o, key, data = _best_edge(g, u, v)
        steps.append(Step(
            subject=curie(s), subject_label=_name(g, s, lang), property=str(key),
            property_zh=data.get("label_zh", ""), property_en=data.get("label_en", ""),
            object=curie(o), object_label=_name(g, o, lang), forward=forward,
            modalities=tuple(data.get("modalities", ())), evidence=tuple(data.get("evidence", ())),
        ))
    return Explanation(nodes=tuple(curie(n) for n in path), labels=tuple(_name(g, n, lang) for n in path),
                       steps=tuple(steps))
