"""Scoring a draft against the evaluation corpus's gold lists (benchmarks/corpus/README.md).

Used by ``bench_draft.py --split dev|heldout`` and ``bench_ner.py``.  The held-out half is read
only when a caller names it: nothing here opens ``heldout/`` otherwise.

How each measure is judged (the gold format is described in benchmarks/corpus/README.md):

- **entities, exact**: a gold entity (optional industries left out) is found when a drafted
  entity has its label, or one of its ``alt`` labels, as ``zh`` or ``alt_zh``, with a class of the
  same kind (person, body, company, project, place, zone, document, event, outlet).
  **Loose**: a drafted label of the same kind contains the gold label or is contained in it.
  **Precision**: of the drafted entities of those kinds, the share that are a gold entity
  (exact: same label; loose: containment); drafted labels that are a gold ``references`` text
  (市委, 全区…) are left out of the count.
- **numbers**: a gold number is found when a drafted quantity covers an occurrence of its text
  with the same value and the same unit id.
- **dates**: a gold date is found when a drafted time overlaps an occurrence of its text (inside
  its ``context`` when it has one) with the same id.
- **statements right**: a gold statement is right when one drafted statement has a quote that
  overlaps the gold quote, the same subject (a label or alt of the gold subject), the same
  object (label, alt or time id; for free text, containment) or the same value and unit, a
  property that says the same (the same ``zo:``/``org:`` property; ``org:holds`` as the inverse
  ``org:heldBy`` with a post of the same role word whose body is the gold's, part of it, or a
  generic reference such as 市委 in 市委书记 for 中共槐阳市委书记; ``zo:value``/``zo:rank`` as an
  observation with that value, unit, area, period and an indicator sharing at least four
  characters (all, if shorter); ``other:invest`` as ``zo:investment``; any other ``other:`` verb
  by any property, since the ontology has none for it), and the same modality (for claims, the
  same speaker).
- **wrong links**: a drafted entity that reuses the id of an entity of the reviewed graph when
  the article does not name that entity (its label is no gold label or alt of the article; for
  a concept, an industry or indicator, when its label is not in the article).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parent / "corpus"

KINDS = {
    "person": {"Person"},
    "body": {"ManagementCommittee", "PartyWorkingCommittee", "PartyCommittee", "Government", "PublicBody",
             "org:Organization", "TalentWorkstation"},
    "company": {"Company", "StateOwnedPlatformCompany"},
    "project": {"Project"},
    "place": {"AdministrativeArea", "Place", "Facility"},
    "zone": {"DevelopmentZone", "Zone", "FunctionalArea"},
    "document": {"PolicyDocument", "Plan"},
    "event": {"Event", "ApprovalEvent"},
    "outlet": {"NewsOutlet"},
}
KIND_OF = {cls: kind for kind, classes in KINDS.items() for cls in classes}
#: Kinds that may stand for each other in the gold (a company may be written where a body is meant).
NEAR = {("body", "company"), ("company", "body"), ("place", "zone"), ("zone", "place")}


def _ontology_labels() -> dict[str, set[str]]:
    """Chinese labels of the ontology's own individuals (kind-etdz → 经济技术开发区), by id."""
    from rdflib import Graph, URIRef
    from rdflib.namespace import RDFS

    g = Graph()
    g.parse(CORPUS.parents[1] / "ontology" / "zone.ttl")
    base = "https://w3id.org/zonekg/id/"
    out: dict[str, set[str]] = {}
    for s, o in g.subject_objects(RDFS.label):
        if isinstance(s, URIRef) and str(s).startswith(base) and getattr(o, "language", None) == "zh":
            out.setdefault(str(s)[len(base):], set()).add(str(o))
    return out


ONTOLOGY_LABELS = _ontology_labels()


@dataclass
class Article:
    id: str
    path: Path
    published: str
    title: str
    outlet: str
    gold: dict


def articles(split: str) -> list[Article]:
    """The articles of one split, with their gold; ``heldout`` only when asked for by name."""
    if split not in ("dev", "heldout"):
        raise ValueError(f"unknown split {split!r}")
    meta = yaml.safe_load((CORPUS / "corpus.yaml").read_text(encoding="utf-8"))
    out = []
    for entry in meta["articles"]:
        if entry["split"] != split:
            continue
        path = CORPUS / entry["file"]
        gold_path = path.with_name(entry["id"] + ".gold.yaml")
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        out.append(Article(entry["id"], path, entry["published"], entry["title"], entry["outlet"], gold))
    return out


@dataclass
class Tally:
    """Hits over totals, with the misses kept for printing."""

    hits: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, miss: str) -> None:
        self.total += 1
        if ok:
            self.hits += 1
        else:
            self.misses.append(miss)

    def __iadd__(self, other: Tally) -> Tally:
        self.hits += other.hits
        self.total += other.total
        self.misses.extend(other.misses)
        return self

    def pct(self) -> str:
        return f"{self.hits}/{self.total} = {100 * self.hits / max(self.total, 1):.1f}%"


def occurrences(text: str, needle: str, context: str | None = None) -> list[tuple[int, int]]:
    """Spans of ``needle`` in ``text`` (inside ``context`` when given and found)."""
    if context and context in text:
        out = []
        for m in re.finditer(re.escape(context), text):
            i = context.find(needle)
            if i >= 0:
                out.append((m.start() + i, m.start() + i + len(needle)))
        return out
    return [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text)]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _labels_of(entity: dict) -> set[str]:
    alt = entity.get("alt_zh") or []
    return {entity["zh"], *(alt if isinstance(alt, list) else [alt])}


def _kind_ok(gold_kind: str, cls: str) -> bool:
    kind = KIND_OF.get(cls)
    return kind == gold_kind


def score_entities(draft, gold: dict) -> dict[str, Tally]:
    golds = [e for e in gold.get("entities") or [] if not e.get("optional")]
    drafted = [e for e in draft.entities if e["type"] in KIND_OF]
    refs = {r["text"] for r in gold.get("references") or []}
    exact, loose = Tally(), Tally()
    for g in golds:
        names = {g["label"], *(g.get("alt") or [])}
        hit = any(_kind_ok(g["kind"], e["type"]) and names & _labels_of(e) for e in drafted)
        exact.add(hit, f"entity (exact) {g['label']} ({g['kind']})")
        near = hit or any(_kind_ok(g["kind"], e["type"]) and any(
            a in b or b in a for a in _labels_of(e) for b in names if len(a) >= 2) for e in drafted)
        loose.add(near, f"entity (loose) {g['label']} ({g['kind']})")
    all_names = {n: g["kind"] for g in gold.get("entities") or [] for n in [g["label"], *(g.get("alt") or [])]}
    p_exact, p_loose = Tally(), Tally()
    for e in drafted:
        labels = _labels_of(e)
        if labels & refs and not labels & set(all_names):
            continue
        kind = KIND_OF[e["type"]]
        ok = any(all_names.get(lab) in (kind, None) and lab in all_names for lab in labels)
        p_exact.add(ok, f"drafted, not gold: {e['zh']} ({e['type']})")
        ok_loose = ok or any(a in b or b in a for a in labels for b in all_names if len(a) >= 2)
        p_loose.add(ok_loose, f"drafted, not gold (loose): {e['zh']} ({e['type']})")
    return {"entities exact (recall)": exact, "entities exact (precision)": p_exact,
            "entities loose (recall)": loose, "entities loose (precision)": p_loose}


def score_numbers(draft, gold: dict) -> Tally:
    t = Tally()
    for n in gold.get("numbers") or []:
        spans = occurrences(draft.text, str(n["text"]), n.get("context"))
        value = Decimal(str(n["value"]))
        got = [q for q in draft.quantities if any(overlaps((q.start, q.end), s) for s in spans)]
        ok = any(q.value == value and q.unit_id == n["unit"] for q in got)
        seen = ", ".join(f"{q.original}={q.value:f} {q.unit_id}" for q in got) or "nothing"
        t.add(ok, f"number {n['text']} = {value} {n['unit']} (drafted: {seen})")
    return t


def score_dates(draft, gold: dict) -> Tally:
    t = Tally()
    for d in gold.get("dates") or []:
        spans = occurrences(draft.text, str(d["text"]), d.get("context"))
        got = [x for x in draft.times if any(overlaps((x.start, x.end), s) for s in spans)]
        ok = any(x.id == str(d["id"]) for x in got)
        t.add(ok, f"date {d['text']} = {d['id']} (drafted: {', '.join(x.id for x in got) or 'nothing'})")
    return t


def _lcs(a: str, b: str) -> int:
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


class _View:
    """The draft's statements with ids turned back into labels, observations gathered."""

    def __init__(self, draft) -> None:
        self.labels: dict[str, set[str]] = {e["id"]: _labels_of(e) for e in draft.entities}
        self.cls = {e["id"]: e["type"] for e in draft.entities}
        self.obs: dict[str, dict] = {}
        for st in draft.statements:
            f = st.fields
            if self.cls.get(f["s"]) in ("Observation", "Target"):
                o = self.obs.setdefault(f["s"], {"spans": []})
                o["spans"].append((st.start, st.end))
                if f["p"] in ("value", "rank"):
                    o.update(kind=f["p"], v=f["v"], unit=f.get("unit", "unit-rank" if f["p"] == "rank" else None),
                             modality=f["modality"], claimed_by=f.get("claimed_by"), period=f.get("period"))
                elif f["p"] in ("indicator", "refArea", "refPeriod", "concerns"):
                    o[f["p"]] = f["o"]
        self.statements = draft.statements

    def names(self, ident: str | None) -> set[str]:
        if ident is None:
            return set()
        return self.labels.get(ident) or ONTOLOGY_LABELS.get(ident) or {ident}


def score_statements(draft, gold: dict) -> Tally:
    view = _View(draft)
    names_of = {g["label"]: {g["label"], *(g.get("alt") or [])} for g in gold.get("entities") or []}
    t = Tally()
    for g in gold.get("statements") or []:
        ok = _statement_right(draft, view, g, names_of)
        near = []
        if not ok:
            spans = occurrences(draft.text, g["quote"])
            for st in draft.statements:
                if any(overlaps((st.start, st.end), b) for b in spans):
                    f = st.fields
                    obj = "/".join(view.names(f["o"])) if "o" in f else f.get("v")
                    by = " " + "/".join(view.names(f.get("claimed_by"))) if "claimed_by" in f else ""
                    near.append(f"{'/'.join(view.names(f['s']))} {f['p']} {obj} {f.get('unit', '')} "
                                f"({f['modality']}{by})")
        t.add(ok, f"statement {g['s']} {g['p']} {g.get('o', g.get('v'))} ({g['modality']}"
                  f"{' ' + g['claimed_by'] if 'claimed_by' in g else ''}): {g['quote'][:40]}"
                  + ("\n      drafted: " + "\n      drafted: ".join(near[:8]) if near else ""))
    return t


def _same(view: _View, ident: str | None, gold_label: str, names_of: dict[str, set[str]]) -> bool:
    return bool(view.names(ident) & names_of.get(gold_label, {gold_label}))


def _modality_ok(view: _View, fields: dict, g: dict, names_of: dict[str, set[str]]) -> bool:
    if fields.get("modality") != g["modality"]:
        return False
    if g["modality"] == "claimed":
        return _same(view, fields.get("claimed_by"), g["claimed_by"], names_of)
    return True


def _statement_right(draft, view: _View, g: dict, names_of: dict[str, set[str]]) -> bool:
    spans = occurrences(draft.text, g["quote"])
    p = g["p"]
    if p in ("zo:value", "zo:rank"):
        for o in view.obs.values():
            if o.get("kind") != p[3:] or not any(overlaps(a, b) for a in o["spans"] for b in spans):
                continue
            if Decimal(str(o["v"])) != Decimal(str(g["v"])) or o.get("unit") != g.get("unit", o.get("unit")):
                continue
            if not _same(view, o.get("refArea"), g["s"], names_of):
                continue
            if g.get("period") and o.get("period") != str(g["period"]):
                continue
            ind = next(iter(view.names(o.get("indicator"))), "")
            if _lcs(ind, g.get("indicator", "")) < min(4, len(g.get("indicator", ""))):
                continue
            if _modality_ok(view, o, g, names_of):
                return True
        return False
    for st in view.statements:
        f = st.fields
        if not any(overlaps((st.start, st.end), b) for b in spans):
            continue
        if p == "org:holds":
            if f["p"] == "org:heldBy" and _same(view, f["o"], g["s"], names_of) and any(
                    _same_post(lab, g["o"]) for lab in view.names(f["s"])) and _modality_ok(view, f, g, names_of):
                return True
            continue
        if not _same(view, f["s"], g["s"], names_of):
            continue
        if p.startswith(("zo:", "org:")) and f["p"] != p.split(":", 1)[1] and f["p"] != p:
            continue
        if p == "other:invest" and f["p"] != "investment":
            continue
        if "v" in g:
            if "v" not in f or Decimal(str(f["v"])) != Decimal(str(g["v"])) or f.get("unit") != g.get("unit"):
                continue
        else:
            if "o" in f:
                got = view.names(f["o"])
            elif "v" in f:
                got = {str(f["v"])}
            else:
                continue
            want = names_of.get(str(g["o"]), {str(g["o"])})
            if not (got & want or any(len(a) >= 4 and (a in b or b in a) for a in got for b in want)):
                continue
        if _modality_ok(view, f, g, names_of):
            return True
    return False


#: Role words at the end of post titles, longest first.
_ROLES = sorted("""书记 副书记 常委 委员 主任 副主任 常务副主任 市长 副市长 常务副市长 省长 副省长 区长 县长 局长 副局长
厅长 主席 副主席 秘书长 副秘书长 董事长 总经理 负责人 部长 记者 通讯员 主要负责人""".split(), key=len, reverse=True)
#: Words that name a body only inside the article (市委 in 市委书记): they may stand for the gold's full name.
_GENERIC_BODY = re.compile(r"^(?:中共)?(?:市委|市政府|省委|省政府|区委|县委|经开区|高新区|开发区|管委会|党工委"
                           r"|市|省|区|县)*$")


def _same_post(drafted: str, gold: str) -> bool:
    """Is the drafted post title the gold post: the same role word at the end, and a body that is
    the gold's, part of it, or a generic reference (市委书记 for 中共槐阳市委书记)?"""
    role = next((r for r in _ROLES if drafted.endswith(r)), None)
    if role is None or not gold.endswith(role) or any(gold.endswith(r) and len(r) > len(role) for r in _ROLES
                                                      if r.endswith(role) and not drafted.endswith(r)):
        return False
    body, gold_body = drafted[: -len(role)], gold[: -len(role)]
    return body in gold_body or bool(_GENERIC_BODY.match(body)) or gold_body.endswith(body[-4:])


def wrong_links(draft, gold: dict, known_ids: set[str]) -> Tally:
    """Reuses of reviewed ids: right only when the article names that entity (for a concept, an
    industry or an indicator, when its label is in the article: the concept is the same)."""
    names = {n for g in gold.get("entities") or [] for n in [g["label"], *(g.get("alt") or [])]}
    t = Tally()
    for e in draft.entities:
        if e["id"] in known_ids:
            labels = _labels_of(e)
            ok = bool(labels & names) or (e["type"] not in KIND_OF and any(lab in draft.text for lab in labels))
            t.add(ok, f"reused {e['id']} ({e['zh']}): not an entity of the article")
    return t
