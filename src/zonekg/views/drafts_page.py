"""The drafts' own page (``build/drafts.html``): unreviewed statements drawn alone, apart from
the reviewed graph, with just enough of it to name nodes and quote sentences."""

from __future__ import annotations

from rdflib import RDF, RDFS, Dataset
from rdflib.namespace import SKOS

from zonekg.model.namespaces import ONTOLOGY_GRAPH, ZO, graph_iri
from zonekg.rdf.dataset import BuildResult
from zonekg.views.graph_page import render, whole_view


def drafts_page(drafts: Dataset, result: BuildResult) -> bytes:
    """The drafts' statements as edges, with the labels, types, sentences and evidence spans of
    the reviewed graphs that they need."""
    page = Dataset()
    target = page.graph(ONTOLOGY_GRAPH)
    for triple in result.dataset.graph(ONTOLOGY_GRAPH):  # class and modality labels for the legend
        target.add(triple)
    naming = {RDF.type, RDFS.label, SKOS.altLabel, ZO.mentionedIn, ZO.firstStatedIn}
    for g in drafts.graphs():
        if not len(g):
            continue
        drafted = page.graph(g.identifier)
        for triple in g:
            drafted.add(triple)
        source_id = str(g.identifier).rsplit("/", 1)[-1]
        for s, p, o in result.dataset.graph(graph_iri(source_id)):
            if p in naming or "/source/" in str(s):
                drafted.add((s, p, o))
    view = whole_view(page)
    view.title_zh = "未经审核的草稿(不属于已审核的图谱)"
    view.title_en = "Unreviewed drafts (not part of the reviewed graph)"
    return render(view)
