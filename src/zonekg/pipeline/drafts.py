"""What ``zonekg build --drafts`` makes of unreviewed items: for each source with drafts, the
graph its whole sheet gives minus what its reviewed part gives, in a named graph of its own
(``…/graph/drafts/<source id>``) marked as a draft, so that nothing drafted mixes with facts.

The store keeps these graphs out of its default graph, so the named queries leave drafts out
unless asked (``zonekg query --drafts``)."""

from __future__ import annotations

from rdflib import Dataset, Literal
from rdflib.namespace import RDFS

from zonekg.facts.check import load_fact_sheet
from zonekg.facts.shared import check_shared_entities
from zonekg.model.namespaces import PREFIXES, PROV, SCHEMA, drafts_graph_iri, graph_iri
from zonekg.rdf.dataset import BuildResult, check_coverage, dataset_files, sheet_stats, source_graph

#: The note every drafts graph carries.
NOTE = "Unreviewed: drafted by zonekg add, not yet checked by a person."


def drafts_dataset(result: BuildResult) -> Dataset:
    """One graph per sheet with drafts (an empty Dataset when there are none).

    Drafted entity ids are checked across every sheet, drafts included, as reviewed ones are: an
    id that two sheets give different things is refused, so that no node carries two sources'
    drafted numbers."""
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True)
    fulls = {sheet.path: (load_fact_sheet(sheet.path, result.ontology, drafts=True) if sheet.drafts else sheet)
             for sheet in result.sheets}
    check_shared_entities([(path, sheet_stats(full)["entities"]) for path, full in sorted(fulls.items())])
    for sheet in result.sheets:
        if not sheet.drafts:
            continue
        full = fulls[sheet.path]
        check_coverage(full)
        reviewed = result.dataset.graph(graph_iri(sheet.source.id))
        whole = source_graph(full, result.ontology)
        iri = drafts_graph_iri(sheet.source.id)
        g = ds.graph(iri)
        for triple in whole:
            if triple not in reviewed:
                g.add(triple)
        g.add((iri, SCHEMA.creativeWorkStatus, Literal("draft")))
        g.add((iri, PROV.wasDerivedFrom, sheet.source.iri))
        g.add((iri, RDFS.comment, Literal(NOTE, lang="en")))
    return ds


def drafts_files(ds: Dataset, result: BuildResult) -> dict[str, bytes]:
    """``drafts.trig`` and ``drafts.nq`` of :func:`drafts_dataset` (none when it is empty)."""
    if not len(ds):
        return {}
    files = dataset_files(BuildResult(ds, result.ontology, []))
    return {"drafts.trig": files["zone.trig"], "drafts.nq": files["zone.nq"]}
