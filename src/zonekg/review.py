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
from .store import DRAFTS_GRAPH_BASE  # where the build puts what drafts say, one graph per source

SECTIONS = ("times", "entities", "statements", "no_fact")
DRAFT, ACCEPTED = "draft", "accepted"


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


def _drafts_dataset(result):
    """For each sheet with drafts, what the whole sheet says minus what its reviewed part says,
    in ``…/graph/drafts/<id>``, marked as a draft (an empty Dataset when there are none)."""
    from rdflib import Dataset, Literal
    from rdflib.namespace import RDFS

    from .build import check_coverage, source_graph
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
    return ds


def drafts_files(root: Path, result, html: bool = False) -> dict[str, bytes]:
    """``drafts.trig`` and ``drafts.nq`` (and with ``html`` the page ``drafts.html``) of
    :func:`_drafts_dataset`. The store keeps these graphs out of its default graph, so the
    named queries leave drafts out unless asked (``zonekg query --drafts``)."""
    from .build import BuildResult, serialise

    ds = _drafts_dataset(result)
    if not len(ds):
        return {}
    files = serialise(BuildResult(ds, result.ontology, []))
    out = {"drafts.trig": files["zone.trig"], "drafts.nq": files["zone.nq"]}
    if html:
        out["drafts.html"] = _drafts_page(ds, result)
    return out


def drafts_step(result, root: Path):
    """Build step of ``zonekg build --drafts``: the drafts' RDF files."""
    from .pipeline import StepOutput

    files = drafts_files(root, result)
    return StepOutput(files, ["drafts: build/drafts.trig, build/drafts.nq (unreviewed, kept apart)" if files
                              else "drafts: none"])


def drafts_page_step(result, root: Path):
    """Build step of ``zonekg build --drafts`` with the HTML view: the drafts' own page."""
    from .pipeline import StepOutput

    ds = _drafts_dataset(result)
    return StepOutput({"drafts.html": _drafts_page(ds, result)} if len(ds) else {})


def _drafts_page(ds, result) -> bytes:
    """The drafts drawn alone: their statements as edges, with just enough of the reviewed
    graphs (labels, types, sentences, evidence spans) to name nodes and quote sentences."""
    from rdflib import RDF, RDFS, Dataset
    from rdflib.namespace import SKOS

    from .namespaces import ONTOLOGY_GRAPH, ZO, graph_iri
    from .viz import render, whole_view

    page = Dataset()
    target = page.graph(ONTOLOGY_GRAPH)
    for triple in result.dataset.graph(ONTOLOGY_GRAPH):  # class and modality labels for the legend
        target.add(triple)
    naming = {RDF.type, RDFS.label, SKOS.altLabel, ZO.mentionedIn, ZO.firstStatedIn}
    for g in ds.graphs():
        if not len(g):
            continue
        drafts = page.graph(g.identifier)
        for triple in g:
            drafts.add(triple)
        source_id = str(g.identifier).rsplit("/", 1)[-1]
        for s, p, o in result.dataset.graph(graph_iri(source_id)):
            if p in naming or "/source/" in str(s):
                drafts.add((s, p, o))
    view = whole_view(page)
    view.title_zh = "未经审核的草稿(不属于已审核的图谱)"
    view.title_en = "Unreviewed drafts (not part of the reviewed graph)"
    return render(view)


# --- review: accept, edit, drop, written back with comments and order kept ----------------------


class ReviewItem:
    """One item of a fact sheet, the sentence its quote lies in, and its review status."""

    def __init__(self, section: str, node, sentence: int | None) -> None:
        self.section, self.node, self.sentence = section, node, sentence

    @property
    def key(self) -> str:
        """How a user names the item: its id, or ``no_fact@N`` for a no-fact entry."""
        return str(self.node["id"]) if "id" in self.node else f"no_fact@{self.sentence}"

    @property
    def status(self) -> str:
        return str(self.node.get("review", "reviewed"))

    def summary(self) -> str:
        n = self.node
        if self.section == "statements":
            target = n.get("o", n.get("v"))
            extra = f" by {n['claimed_by']}" if "claimed_by" in n else ""
            return f"{n['s']} —{n['p']}→ {target}  [{n.get('modality')}{extra}]"
        if self.section == "entities":
            return f"{n.get('zh')}  ({n.get('type')})"
        if self.section == "times":
            return f"{n.get('zh')}  ({n['id']})"
        return f"no fact: {n.get('reason')}"


class ReviewSheet:
    """A fact sheet opened for review with ruamel.yaml's round-trip loader: what is not
    changed is written back as it was, comments and order included."""

    def __init__(self, path: Path) -> None:
        from ruamel.yaml import YAML

        from .sources import read_source, split_sentences

        if not path.is_file():
            raise ZoneKGError("fact sheet not found", path)
        self.path = path
        self.yaml = YAML()
        self.yaml.preserve_quotes = True  # '16:36' must stay a string for PyYAML (YAML 1.1) too
        self.yaml.width = 4096
        self.yaml.indent(mapping=2, sequence=4, offset=2)
        self.data = self.yaml.load(path.read_text(encoding="utf-8"))
        text_path = (path.parent / str(self.data["source"]["text"])).resolve()
        self.text = read_source(text_path)
        self.sentences = split_sentences(self.text)

    def _sentence_of(self, node) -> int | None:
        import re

        quote = node.get("quote")
        first = quote[0] if isinstance(quote, list) and quote else quote
        occurrence = node.get("occurrence") or 1
        if isinstance(first, dict):
            first, occurrence = first.get("text"), first.get("occurrence") or 1
        if not isinstance(first, str) or not first:
            return None
        starts = [m.start() for m in re.finditer(re.escape(first), self.text)]
        if len(starts) < occurrence:
            return None
        start = starts[occurrence - 1]
        return next((s.index for s in self.sentences if s.start <= start < s.end), None)

    def items(self) -> list[ReviewItem]:
        out = []
        for section in SECTIONS:
            for node in self.data.get(section) or []:
                out.append(ReviewItem(section, node, self._sentence_of(node)))
        return out

    def find(self, key: str) -> ReviewItem:
        for item in self.items():
            if item.key == key:
                return item
        raise ZoneKGError(f"no item {key!r} in this fact sheet (ids, or no_fact@N)", self.path)

    def accept(self, item: ReviewItem) -> list[str]:
        """Mark ``item`` reviewed, with the drafted entities and times its statement needs."""
        accepted = [item.key]
        item.node["review"] = ACCEPTED
        if item.section == "statements":
            refs = {str(item.node.get(k)) for k in ("s", "o", "unit", "period", "claimed_by") if k in item.node}
            for other in self.items():
                if other.section in ("entities", "times") and other.status == DRAFT and other.key in refs:
                    other.node["review"] = ACCEPTED
                    accepted.append(other.key)
        return accepted

    def drop(self, item: ReviewItem) -> list[str]:
        """Remove ``item``; return the keys of statements that still refer to it."""
        seq = self.data[item.section]
        for i, node in enumerate(seq):
            if node is item.node:
                del seq[i]
                break
        if item.section not in ("entities", "times"):
            return []
        return [o.key for o in self.items() if o.section == "statements" and item.key in {
            str(o.node.get(k)) for k in ("s", "o", "unit", "period", "claimed_by")}]

    def edit(self, item: ReviewItem, field: str, value: str) -> None:
        """Set one field (the value read as a YAML scalar: 12 is a number, text stays text)."""
        import yaml

        if field in ("review",):
            raise ZoneKGError("use accept or drop to change the review status", self.path, field=field)
        parsed = yaml.safe_load(value) if value.strip() else value
        from .drafting.sheet import pyyaml_safe

        item.node[field] = pyyaml_safe(parsed if isinstance(parsed, (int, float, bool)) else value)

    def add_no_fact(self, sentence: int, reason: str) -> None:
        from ruamel.yaml.comments import CommentedMap

        from .drafting.text import quote_fields

        s = next(x for x in self.sentences if x.index == sentence)
        node = CommentedMap({**quote_fields(self.text, s.start, s.end), "reason": reason, "review": ACCEPTED})
        if self.data.get("no_fact") is None:
            self.data["no_fact"] = []
        self.data["no_fact"].append(node)

    def save(self) -> None:
        import io

        from .fileio import write_atomically

        buf = io.StringIO()
        self.yaml.dump(self.data, buf)
        write_atomically(self.path.parent, {self.path.name: buf.getvalue().encode("utf-8")})


def sheet_path(root: Path, source_id: str) -> Path:
    """The fact sheet of a source id (its file name is the id)."""
    path = root / "graph" / "facts" / f"{source_id}.yaml"
    if not path.is_file():
        known = ", ".join(p.stem for p in sorted((root / "graph" / "facts").glob("*.yaml")))
        raise ZoneKGError(f"no fact sheet for source {source_id!r} (known: {known})", path)
    return path


def status_lines(sheet: ReviewSheet) -> list[str]:
    """What is still unreviewed, sentence by sentence, and the totals."""
    items = sheet.items()
    drafts = [i for i in items if i.status == DRAFT]
    lines = [f"{sheet.path.name}: {len(items) - len(drafts)} of {len(items)} items reviewed, "
             f"{len(drafts)} drafts left"]
    by_sentence: dict[int | None, list[ReviewItem]] = {}
    for item in drafts:
        by_sentence.setdefault(item.sentence, []).append(item)
    for s in sheet.sentences:
        pending = by_sentence.get(s.index)
        if pending:
            kinds = ", ".join(f"{sum(1 for i in pending if i.section == k)} {k}" for k in SECTIONS
                              if any(i.section == k for i in pending))
            lines.append(f"  sentence {s.index} (line {s.line}): {kinds} — {s.text[:40]}")
    if None in by_sentence:
        lines.append(f"  without a quote found: {', '.join(i.key for i in by_sentence[None])}")
    return lines
