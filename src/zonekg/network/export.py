"""Export the built graph for other tools: GraphML and GEXF for Gephi, JSON-LD, N-Triples
and Turtle for RDF tools.

The network formats carry the entity picture of :func:`zonekg.network.graph.to_networkx` with every
attribute flattened to a string or a number (the networkx writers take scalars only) and the
analyses added (degree, betweenness, community), so Gephi can size and colour nodes at once.
The RDF formats carry the built dataset (ontology and every source) merged into one graph.
Inferred triples, if the build added any, are left out of every format: they rest on no
sentence.  Every format is byte-for-byte reproducible: nodes and triples are written in sorted
order, blank nodes get content-based names and the GEXF date stamp is left out.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Dataset, Graph

from zonekg.model import paths
from zonekg.model.errors import ZoneKGError
from zonekg.model.namespaces import INFERRED_GRAPH, PREFIXES
from zonekg.model.paths import BUILD_OUTPUTS, COMMITTED_GRAPH
from zonekg.model.prefixes import curie
from zonekg.network.analysis import centrality, membership
from zonekg.network.graph import Evidence, to_networkx
from zonekg.rdf import convert, serialise
from zonekg.rdf.convert import merged
from zonekg.rdf.files import write_atomically
from zonekg.store.parsed import read_graph

__all__ = [
    "export", "export_bytes", "flat_graph", "gexf_bytes", "graphml_bytes", "load_built", "rdf_bytes", "stated",
]

if TYPE_CHECKING:
    import networkx as nx

#: Format name → file extension.
FORMATS: dict[str, str] = {"graphml": "graphml", "gexf": "gexf", "jsonld": "jsonld", "nt": "nt", "ttl": "ttl"}


def load_built(root: Path) -> Dataset:
    """The dataset of the last ``zonekg build`` (build/zone.trig), as the query engine reads it."""

    return read_graph(root)


def stated(dataset: Dataset) -> Graph:
    """Every graph of the dataset except inferred triples (which have no sentence behind them)."""
    return merged(dataset, exclude=[INFERRED_GRAPH])


def _evidence_text(evidence: list[Evidence]) -> str:
    """Evidence as readable text: one ``[sentence N, modality] quote`` line per distinct quote."""
    lines = sorted({(e.sentence_index, e.modality, e.quote) for e in evidence})
    return "\n".join(f"[sentence {i}, {m}] {q}" for i, m, q in lines)


def _sentences(evidence: list[Evidence]) -> str:
    return " ".join(str(i) for i in sorted({e.sentence_index for e in evidence}))


def flat_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with CURIEs as node ids and only str/int/float attributes, plus the analyses."""
    import networkx as nx

    table = centrality(graph).set_index("id")
    community = {curie(n): c for n, c in membership(graph).items()}
    attr_keys = sorted({k for _n, d in graph.nodes(data=True) for k in d.get("attrs", {})})
    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        cid = curie(node)
        values = {k: "; ".join(str(v) for v in data["attrs"][k]) for k in attr_keys if data["attrs"].get(k)}
        measured: Any = table.loc[cid] if cid in table.index else None
        flat.add_node(
            cid, label=data["label"], label_zh=data["label_zh"], label_en=data["label_en"], iri=data["iri"],
            cls=data["cls"], cls_label_zh=data["cls_label_zh"], cls_label_en=data["cls_label_en"],
            types="; ".join(data["types"]), kind=data["kind"],
            evidence=_evidence_text(data["evidence"]), sentences=_sentences(data["evidence"]),
            degree=int(measured["degree"]) if measured is not None else int(graph.degree(node)),
            betweenness=float(measured["betweenness"]) if measured is not None else 0.0,
            community=int(community.get(cid, 0)),
            **values,
        )
    for u, v, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(
            curie(u), curie(v), key=str(key), id=f"{curie(u)} {key} {curie(v)}", property=data["property"],
            label=f"{data['label_zh']} {data['label_en']}", label_zh=data["label_zh"], label_en=data["label_en"],
            modalities="; ".join(data["modalities"]), evidence=_evidence_text(data["evidence"]),
            sentences=_sentences(data["evidence"]),
        )
    return flat


def graphml_bytes(graph: nx.MultiDiGraph) -> bytes:
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml(flat_graph(graph), buffer, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return buffer.getvalue()


def gexf_bytes(graph: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2 without the writer's date stamp, so the bytes do not depend on the day."""
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(flat_graph(graph))
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
        meta.find("creator").text = "zonekg"
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _canonical(graph: Graph) -> Graph:
    """Blank nodes renamed by content, so that N-Triples and JSON-LD name them the same each run."""
    from rdflib.compare import to_canonical_graph

    canonical = Graph()
    for prefix, ns in PREFIXES.items():
        canonical.bind(prefix, ns, override=True, replace=True)
    for triple in to_canonical_graph(graph):
        canonical.add(triple)
    return canonical


def _sort_json(value, ordered: bool = False):
    """JSON-LD with keys sorted and every unordered array (not an RDF ``@list``) in a fixed order."""
    if isinstance(value, dict):
        return {k: _sort_json(v, ordered=k == "@list") for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_sort_json(v) for v in value]
        return items if ordered else sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def rdf_bytes(graph: Graph, fmt: str) -> bytes:
    """The graph as N-Triples (sorted lines), Turtle or compact JSON-LD with the project's prefixes."""
    canonical = _canonical(graph)
    if fmt == "nt":

        return serialise.ntriples(convert.to_quads((s, p, o, None) for s, p, o in canonical))
    if fmt == "ttl":
        return canonical.serialize(format="turtle", encoding="utf-8")
    if fmt == "jsonld":
        text = canonical.serialize(format="json-ld", context=dict(sorted(PREFIXES.items())), auto_compact=True)
        data = _sort_json(json.loads(text))
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    raise ZoneKGError(f"unknown RDF format '{fmt}'", field="--format")


def export_bytes(dataset: Dataset, fmt: str) -> bytes:
    """The dataset in one of :data:`FORMATS`."""
    if fmt not in FORMATS:
        raise ZoneKGError(f"unknown format '{fmt}'; choose one of {', '.join(FORMATS)}", field="--format")
    if fmt in ("graphml", "gexf"):
        graph = to_networkx(stated(dataset))
        return graphml_bytes(graph) if fmt == "graphml" else gexf_bytes(graph)
    return rdf_bytes(stated(dataset), fmt)


#: Exports go to their own folder, so that they never replace a file the build wrote (``zone.ttl``).
EXPORT_DIR = "export"


def default_path(root: Path, fmt: str) -> Path:
    return paths.build_dir(root) / EXPORT_DIR / f"zone.{FORMATS[fmt]}"


def _build_owned(root: Path, target: Path) -> bool:
    """Whether ``target`` is one of the build's own outputs (in build/ itself, its cache or store,
    or the committed graph/zone.trig)."""

    build = paths.build_dir(root).resolve()
    where = target.resolve()
    if where == (root / COMMITTED_GRAPH).resolve():
        return True
    if where.parent == build:
        return where.name in BUILD_OUTPUTS or where.name.startswith(".")
    return build in where.parents and where.relative_to(build).parts[0] != EXPORT_DIR


def export(root: Path, fmt: str, out: Path | None = None) -> Path:
    """Write the built graph in ``fmt`` to ``out`` (default build/export/zone.<ext>), atomically."""
    if fmt not in FORMATS:
        raise ZoneKGError(f"unknown format '{fmt}'; choose one of {', '.join(FORMATS)}", field="--format")
    target = Path(out) if out is not None else default_path(root, fmt)
    if target.is_dir():
        raise ZoneKGError("--out is a folder; give a file name", target, field="--out")
    if _build_owned(root, target):
        raise ZoneKGError("--out is a file the build writes; choose another name (default: build/export/)",
                          target, field="--out")
    data = export_bytes(load_built(root), fmt)
    write_atomically(target.parent, {target.name: data})
    return target
