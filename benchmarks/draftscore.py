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
- **suggested statements, judged** (precision: what the drafter proposes, as issue 18's table
  measured it). Every drafted statement is judged against the gold statements whose quote its
  own quote overlaps; the best verdict over those gold statements counts:

  * **right**: the same fact said the same way: the same subject, a property that says the same
    (as above: ``org:heldBy`` for ``org:holds``, ``investment`` for ``other:invest``,
    ``developedBy`` for ``other:developer``, ``assessment`` for ``other:says``, the same
    ``zo:``/``org:`` name; an ``other:`` verb the ontology lacks by any property, when subject and
    object both agree), the same object (label or alt; a time by its id; free text when one
    contains the other, four characters at least) or value and unit, and the same modality
    (for a claim, the same speaker; a speaker the gold marks ``claimed_by_unnamed`` may be drafted
    as an unnamed person, ``…(未具名)``).
  * **partly**: the right fact with exactly one part off: the modality (or the speaker, or a
    claim drafted as a plain statement), the subject's or the object's span (one label inside
    the other, two characters at least), the unit, the period; for a claim (``assessment``) its
    subject (the drafter names what the speech is about, the gold the speaker).
  * **wrong**: two parts or more off; or something the gold contradicts: another value for the
    same figure, another object where the property allows one (a project's total investment and
    owner, what zone a thing is in, when and where an event took place, who approved a zone,
    its kind, a figure's area, period, unit and indicator, who holds a post that one person
    holds, who said a quoted sentence), or the same figure or object tied to another subject
    (a value; who issued a document); a company that ``pursues`` a project is judged as its owner.
  * **unjudged**: no gold statement's quote overlaps it; or the overlapping gold statements say
    nothing for or against it (another fact of a property that may hold many objects: a
    person's other post, another participant, another company in the zone; a kind of fact the
    gold does not list there). The two are counted apart.

  The parts of a drafted observation (``zo:value``/``zo:rank`` with its ``unit``, ``indicator``,
  ``refArea``, ``refPeriod``, ``comparedWith``, ``growthOf``) are each a statement: the
  observation is matched to the overlapping gold statement with the same value (any property
  with a ``v``), and each part is judged against that statement's own part (the area against its
  subject, the indicator against its ``indicator`` as above, at least four characters in common
  for right and two for partly; ``comparedWith``/``growthOf`` against an indicator that names a
  growth); a part the gold statement does not have (a period, an indicator of an ``other:``
  figure) is unjudged. A post's ``org:role`` and ``org:postIn`` are judged against the gold
  ``org:holds`` of the same post (role word; body named in the gold's post title, or a
  generic reference such as 市委 or 经开区党工委, as above). The share
  right is right over right + partly + wrong.
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
    """Chinese labels of the ontology's own individuals (kind-etdz → 经济技术开发区), by id: the
    preferred label and the alternative ones (status-started is 已开工, also written 开工 or 动工)."""
    from rdflib import Graph, URIRef
    from rdflib.namespace import RDFS, SKOS

    g = Graph()
    g.parse(CORPUS.parents[1] / "ontology" / "zone.ttl")
    base = "https://w3id.org/zonekg/id/"
    out: dict[str, set[str]] = {}
    for prop in (RDFS.label, SKOS.altLabel):
        for s, o in g.subject_objects(prop):
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


# --- suggested statements, judged (precision) --------------------------------------------------

#: Drafted property → the gold properties that say the same (beyond the same zo:/org: name).
_SAME_AS = {
    "investment": {"other:invest", "zo:investment"},
    "developedBy": {"other:developer", "zo:developedBy"},
    "assessment": {"other:says"},
}
_MAPPED_OTHER = {g for gs in _SAME_AS.values() for g in gs if g.startswith("other:")}
#: Properties with one object per subject: another object is a contradiction, not another fact.
_ONE_OBJECT = {"investment", "developedBy", "inZone", "atTime", "eventPlace", "approvedBy", "zoneKind",
               "count", "categoryCount", "horizonYears", "stageOrder", "targetYear"}
#: Properties whose object has the subjects the gold lists and no other (a document's issuers).
_ONE_SUBJECT = {"issued"}
_OBS_PARTS = ("value", "rank", "unit", "indicator", "refArea", "refPeriod", "comparedWith", "growthOf", "concerns")
_GROWTH = re.compile(r"增长|增長|增速|下降|提高|减少|減少|回落|增幅|降幅|同比|按年|比上年|较上年|較上年")
_ROLE_WORDS = {"role-secretary": "书记", "role-deputy-secretary": "副书记", "role-director": "主任",
               "role-deputy-director": "副主任", "role-head": "负责人"}
VERDICTS = ("right", "partly", "wrong", "unjudged")


def _cmp_names(got: set[str], gold_label: str, names_of: dict[str, set[str]], free: bool = False) -> str:
    """'same', 'span' (one label inside the other, two characters at least) or 'other'."""
    want = names_of.get(gold_label, {gold_label})
    if got & want:
        return "same"
    if free and any(len(a) >= 4 and (a in b or b in a) for a in got for b in want):
        return "same"
    if any(min(len(a), len(b)) >= 2 and (a in b or b in a) for a in got for b in want):
        return "span"
    return "other"


def _cmp_modality(view: _View, f: dict, g: dict, names_of: dict[str, set[str]]) -> int:
    """0 when the modality (and a claim's speaker) agree, else 1 (one part off)."""
    if f.get("modality") != g["modality"]:
        return 1
    if g["modality"] != "claimed":
        return 0
    if g.get("claimed_by_unnamed") and any(n.endswith("(未具名)") for n in view.names(f.get("claimed_by"))):
        return 0
    return 0 if _same(view, f.get("claimed_by"), g["claimed_by"], names_of) else 1


def _verdict(off: int) -> str:
    return "right" if off == 0 else "partly" if off == 1 else "wrong"


def _judge_obs_part(view: _View, st, g: dict, names_of: dict[str, set[str]]) -> tuple[str, str] | None:
    """A part of a drafted observation against the gold statement of the same figure."""
    f = st.fields
    p = f["p"]
    off = _cmp_modality(view, f, g, names_of)
    if p in ("value", "rank"):
        if Decimal(str(f["v"])) != Decimal(str(g["v"])):
            return "wrong", "another value"
        unit = f.get("unit", "unit-rank" if p == "rank" else None)
        parts = [name for name, bad in (
            ("modality", off), ("unit", unit != g.get("unit", unit)),
            ("period", bool(g.get("period")) and str(f.get("period")) != str(g["period"])),
            ("value or rank", g["p"] in ("zo:value", "zo:rank") and g["p"] != f"zo:{p}")) if bad]
        return _verdict(len(parts)), f"value; off: {', '.join(parts) or 'nothing'}"
    if p == "unit":
        if f["o"] != g.get("unit", f["o"]):
            return "wrong", f"unit {f['o']}, gold {g.get('unit')}"
        return _verdict(off), "unit"
    if p == "indicator":
        if "indicator" not in g:
            return None
        ind, want = next(iter(view.names(f["o"])), ""), str(g["indicator"])
        common = _lcs(ind, want)
        if common < min(2, len(want)):
            return "wrong", f"indicator {ind}, gold {want}"
        return _verdict(off + (common < min(4, len(want)))), f"indicator {ind} / {want}"
    if p == "refArea":
        how = _cmp_names(view.names(f["o"]), g["s"], names_of)
        if how == "other":
            return "wrong", f"area {'/'.join(view.names(f['o']))}, gold {g['s']}"
        return _verdict(off + (how == "span")), f"area ({how})"
    if p == "refPeriod":
        if not g.get("period"):
            return None
        if f["o"] != str(g["period"]):
            return "wrong", f"period {f['o']}, gold {g['period']}"
        return _verdict(off), "period"
    if p in ("comparedWith", "growthOf"):
        if "indicator" not in g:
            return None
        if not _GROWTH.search(str(g["indicator"])):
            return "wrong", f"{p}: the gold figure is no growth ({g['indicator']})"
        if p == "growthOf":
            base = view.obs.get(f["o"], {})
            base_ind = next(iter(view.names(base.get("indicator"))), "")
            off += _lcs(base_ind, str(g["indicator"])) < 2
        return _verdict(off), p
    return None


def _judge_post_part(view: _View, st, g: dict, names_of: dict[str, set[str]]) -> tuple[str, str] | None:
    """org:heldBy, org:role, org:postIn of a drafted post against a gold org:holds."""
    f = st.fields
    posts = view.names(f["s"])
    same_post = any(_same_post(lab, str(g["o"])) for lab in posts)
    off = _cmp_modality(view, f, g, names_of)
    if f["p"] == "org:heldBy":
        who = _cmp_names(view.names(f["o"]), g["s"], names_of)
        if same_post and who != "other":
            return _verdict(off + (who == "span")), f"post held ({who})"
        one_holder = not any(lab.startswith("副") or lab.endswith(("常委", "委员")) for lab in posts)
        if same_post and one_holder:
            return "wrong", f"post {'/'.join(posts)} held by {'/'.join(view.names(f['o']))}, gold {g['s']}"
        return None
    if not same_post:
        return None
    if f["p"] == "org:role":
        word = _ROLE_WORDS.get(f["o"])
        ok = word is not None and str(g["o"]).endswith(word) and not (
            word in ("书记", "主任") and str(g["o"]).endswith("副" + word))  # a deputy is not the head
        return (_verdict(off), "role") if ok else ("wrong", f"role {f['o']} for {g['o']}")
    if f["p"] == "org:postIn":
        bodies = view.names(f["o"])
        if any(b in str(g["o"]) or _GENERIC_BODY.match(b) for b in bodies):
            return _verdict(off), "post in"
        return "wrong", f"post in {'/'.join(bodies)}, gold {g['o']}"
    return None


def _kind_in(ident: str, labels: set[str], gold: str) -> bool:
    """Does a drafted zone kind say part of the gold's phrase (国家高新技术产业开发区 is a national-level
    zone and a high-tech zone; 國家級高新區 the same in traditional characters)?"""
    import opencc

    gold = opencc.OpenCC("t2s").convert(gold)
    if ident == "kind-national-level":
        return gold.startswith("国家")
    if ident == "kind-provincial-level":
        return gold.startswith("省级")
    return any(len(lab) >= 3 and lab in gold for lab in labels)


def _judge_one(view: _View, st, g: dict, names_of: dict[str, set[str]]) -> tuple[str, str] | None:
    """The verdict on one drafted statement against one gold statement, or None when the gold
    statement says nothing for or against it."""
    f = st.fields
    dp, gp = f["p"], g["p"]
    if f["s"] in view.obs and dp in _OBS_PARTS:
        obs = view.obs[f["s"]]
        if "v" not in g or obs.get("v") is None or Decimal(str(obs["v"])) != Decimal(str(g["v"])):
            return None
        return _judge_obs_part(view, st, g, names_of)
    if dp in ("org:heldBy", "org:role", "org:postIn"):
        return _judge_post_part(view, st, g, names_of) if gp == "org:holds" else None
    if dp == "pursues" and gp in _SAME_AS["developedBy"]:
        if view.cls.get(f["s"]) not in KINDS["company"]:
            return None  # a body pursues a project; the owner is another fact
        # a company pursuing a project is its owner: judged as developedBy, object and subject swapped
        return _judge_one(view, type(st)({**f, "s": f["o"], "o": f["s"], "p": "developedBy"}, st.rule, st.start,
                                         st.end), g, names_of)
    same_p = gp in _SAME_AS.get(dp, ()) or (gp.startswith(("zo:", "org:")) and gp.split(":", 1)[1] == dp.split(":")[-1])
    wildcard = gp.startswith("other:") and gp not in _MAPPED_OTHER
    if not (same_p or wildcard):
        return None
    subj = _cmp_names(view.names(f["s"]), g["s"], names_of)
    off = _cmp_modality(view, f, g, names_of)
    if dp == "assessment":
        speaker = _cmp_modality(view, {**f, "modality": "claimed"}, {**g, "modality": "claimed"}, names_of)
        text = str(f.get("v", ""))
        want = str(g.get("o", "")).strip("“”")
        if _lcs(text, want) < 4:
            return None
        if speaker:
            return "wrong", "another speaker"
        off += subj != "same"
        off += not (text in want or want in text)
        return _verdict(off), "claim"
    if "v" in g:
        if "v" not in f:
            return None
        same_v = Decimal(str(f["v"])) == Decimal(str(g["v"]))
        if not same_v:
            return ("wrong", "another value") if subj != "other" and dp in _ONE_OBJECT | {"value"} else None
        if subj == "other":
            return "wrong", f"the figure tied to {'/'.join(view.names(f['s']))}, gold {g['s']}"
        off += (subj == "span") + (f.get("unit") != g.get("unit"))
        return _verdict(off), "value"
    if "o" not in f:
        return None
    got = view.names(f["o"])
    if dp == "zoneKind" and same_p:  # a level (国家级) and a type (高新区) are two kinds of one gold phrase
        if subj == "other":
            return None
        return (_verdict(off + (subj == "span")), "kind") if _kind_in(f["o"], got, str(g["o"])) else (
            "wrong", f"zoneKind {'/'.join(got)}, gold {g['o']}")
    obj = _cmp_names(got, str(g["o"]), names_of, free=True)
    if wildcard and "other" in (subj, obj):
        return None
    if subj == "other" and obj == "other":
        return None
    if obj == "other":
        if dp in _ONE_OBJECT:
            return "wrong", f"{dp} {'/'.join(got)}, gold {g['o']}"
        return None  # another object of a property that may have many
    if subj == "other":
        if dp in _ONE_SUBJECT:
            return "wrong", f"{'/'.join(view.names(f['s']))} {dp} it, gold {g['s']}"
        return None  # the same object for another subject: another fact
    off += (subj == "span") + (obj == "span")
    return _verdict(off), f"subject {subj}, object {obj}"


def judge_statements(draft, gold: dict) -> dict[str, list[str]]:
    """Every drafted statement judged right, partly, wrong or unjudged (rules at the top)."""
    view = _View(draft)
    names_of = {g["label"]: {g["label"], *(g.get("alt") or [])} for g in gold.get("entities") or []}
    golds = [(g, occurrences(draft.text, g["quote"])) for g in gold.get("statements") or []]
    out: dict[str, list[str]] = {k: [] for k in VERDICTS}
    rank = {v: i for i, v in enumerate(VERDICTS)}
    for st in draft.statements:
        f = st.fields
        obj = "/".join(view.names(f["o"])) if "o" in f else f.get("v")
        said = (f"{'/'.join(view.names(f['s']))} {f['p']} {obj} {f.get('unit', '')} ({f['modality']}"
                f"{' ' + '/'.join(view.names(f.get('claimed_by'))) if 'claimed_by' in f else ''}): "
                f"{draft.text[st.start:st.end][:40]}")
        over = [g for g, spans in golds if any(overlaps((st.start, st.end), b) for b in spans)]
        if not over:
            out["unjudged"].append(f"no gold statement here: {said}")
            continue
        best: tuple[str, str] | None = None
        for g in over:
            v = _judge_one(view, st, g, names_of)
            if v is not None and (best is None or rank[v[0]] < rank[best[0]]):
                best = (v[0], f"{v[1]}; gold {g['s']} {g['p']} {g.get('o', g.get('v'))} ({g['modality']})")
        if best is None:
            out["unjudged"].append(f"the gold says nothing for or against: {said}")
        else:
            out[best[0]].append(f"{said}\n      {best[1]}")
    return out


def judged_summary(judged: dict[str, list[str]]) -> str:
    """One line: right / partly / wrong (share right of the judged) and the unjudged, both kinds."""
    r, p, w = (len(judged[k]) for k in ("right", "partly", "wrong"))
    no_gold = sum("no gold statement here: " in item for item in judged["unjudged"])
    return (f"suggested statements judged right / partly / wrong: {r} / {p} / {w} "
            f"(right {100 * r / max(r + p + w, 1):.1f}% of {r + p + w} judged); unjudged: "
            f"{len(judged['unjudged'])} ({no_gold} where no gold statement is, "
            f"{len(judged['unjudged']) - no_gold} the gold says nothing for or against)")
