"""Drafted items and their review: which items of a fact sheet are still drafts, the graph
the build makes of them apart (``--drafts``), and the review that turns them into facts.

An item (time, entity, statement, no_fact entry) carries ``review: draft`` while nobody has
checked it; review sets ``review: accepted`` (or edits it, or drops it).  An item without
the field counts as reviewed, as every hand-written sheet did before drafting existed.
"""

from __future__ import annotations

from pathlib import Path

from .errors import ZoneKGError
from .factsheet import LDict, LList

SECTIONS = ("times", "entities", "statements", "no_fact")
DRAFT, ACCEPTED = "draft", "accepted"
#: Where the build puts what drafts say, one named graph per source, kept out of zone.trig.
DRAFTS_GRAPH_BASE = "https://w3id.org/zonekg/graph/drafts/"


def select_reviewed(data: LDict, path: Path, drafts: bool | None) -> tuple[LDict, int]:
    """``data`` without its drafted items (``drafts`` False), with them (True), or an error
    naming the first of them (None: the build's default, which refuses unreviewed items)."""
    out = LDict(data)
    out.line, out.lines = data.line, data.lines
    dropped, first = 0, None
    for section in SECTIONS:
        items = data.get(section)
        if not isinstance(items, list):
            continue
        kept = LList()
        kept.line = getattr(items, "line", 0)
        for item in items:
            status = item.get("review") if isinstance(item, LDict) else None
            if status not in (None, DRAFT, ACCEPTED):
                raise ZoneKGError(f"{status!r} is not one of {DRAFT}, {ACCEPTED}", path, item.line_of("review"),
                                  "review")
            if status == DRAFT:
                dropped += 1
                first = first or item.line_of("review")
                if not drafts:
                    continue
            kept.append(item)
        out[section] = kept
    if dropped and drafts is None:
        sid = data.get("source", {}).get("id", path.stem) if isinstance(data.get("source"), dict) else path.stem
        raise ZoneKGError(
            f"{dropped} items are drafts not reviewed yet (review: draft); review them with "
            f"`zonekg review {sid}`, or build them apart, marked unreviewed, with `zonekg build --drafts`",
            path, first, "review")
    return out, dropped


def drafts_graph_iri(source_id: str):
    from rdflib import URIRef

    return URIRef(DRAFTS_GRAPH_BASE + source_id)


def drafts_files(root: Path, result) -> dict[str, bytes]:
    """``drafts.trig`` and ``drafts.nq``: for each sheet with drafts, what the whole sheet says
    minus what its reviewed part says, in ``…/graph/drafts/<id>``, marked as a draft.

    The named queries read ``zone.trig`` only, so they leave drafts out unless asked
    (``zonekg query --drafts``)."""
    from rdflib import Dataset, Literal
    from rdflib.namespace import RDFS

    from .build import BuildResult, check_coverage, serialise, source_graph
    from .facts import load_fact_sheet
    from .namespaces import PREFIXES, PROV, SCHEMA, graph_iri

    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True)
    for sheet in result.sheets:
        if not sheet.drafts:
            continue
        full = load_fact_sheet(sheet.path, result.ontology, drafts=True)
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
        note = "Unreviewed: drafted by zonekg add, not yet checked by a person."
        g.add((iri, RDFS.comment, Literal(note, lang="en")))
    if not len(ds):
        return {}
    files = serialise(BuildResult(ds, result.ontology, []))
    return {"drafts.trig": files["zone.trig"], "drafts.nq": files["zone.nq"]}
