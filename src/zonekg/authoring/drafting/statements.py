"""Suggested statements for the patterns news about a zone repeats: an indicator's value,
growth and rank; approvals (批复设立); posts held; listings (列入…); targets and goals;
claims in quoted speech.  Each fits the ontology's domain and range, so that a reviewer can
build the draft as it stands (``zonekg build --drafts``) and only has to correct it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from zonekg.authoring.drafting.entities import COUNTRIES, Mention
from zonekg.authoring.drafting.modality import in_speech, speech_spans, suggest
from zonekg.authoring.drafting.quantities import Quantity, TimeRef, stage_lists
from zonekg.authoring.drafting.text import Sentences, clause_bounds, find_all, quote_fields
from zonekg.facts.numbers import parse_quantity

_ROLES = (("副书记", "role-deputy-secretary"), ("书记", "role-secretary"), ("副主任", "role-deputy-director"),
          ("主任", "role-director"), ("负责人", "role-head"))
_AGENT_CLASSES = ("ManagementCommittee", "Government", "PartyWorkingCommittee", "Company",
                  "StateOwnedPlatformCompany", "PartyCommittee", "org:Organization")


#: Rules whose mentions are one place in the text, not a name to look for everywhere.
_OWN_SPAN = frozenset({"number", "growth", "unnamed speaker"})


@dataclass
class Suggested:
    """One drafted statement, in fact-sheet fields, with the rule that proposed it."""

    fields: dict
    rule: str
    start: int
    end: int


@dataclass
class Context:
    text: str
    mentions: list[Mention]
    quantities: list[Quantity]
    times: list[TimeRef]
    ids: dict[str, str]  # label → entity id
    fits: Callable[[str | None, str, str | None, str | None], bool]  # domain and range
    out: list[Suggested] = field(default_factory=list)
    extra_entities: list[dict] = field(default_factory=list)
    counter: int = 0
    speech: list[tuple[int, int, int]] = field(default_factory=list)
    id_cls: dict[str, str] = field(default_factory=dict)
    held: set[str] = field(default_factory=set)
    agents: list[Mention] | None = None
    obs_indicator: dict[str, tuple[str, int]] = field(default_factory=dict)
    roled: set[str] = field(default_factory=set)
    owners: set[tuple[str, str]] = field(default_factory=set)  # (project id, owner id) drafted
    owned: set[str] = field(default_factory=set)  # project ids with an owner drafted
    cache: dict[str, Any] = field(default_factory=dict)
    areas: dict[str, Mention | None] = field(default_factory=dict)  # 全区/全市/全省 → what they mean here
    obs_area: dict[str, Mention] = field(default_factory=dict)
    index: dict[str, tuple[list[int], list[Mention]]] = field(default_factory=dict)
    time_starts: list[int] = field(default_factory=list)
    sentences: Any = None  # Sentences of the source
    source: str = ""  # the text as written (``text`` may be its simplified copy): labels and quotes
    mint: Any = None  # the sheet's IdMint
    published: Any = None  # the article's date: a figure of a period that ends after it is not achieved

    def __post_init__(self) -> None:
        self.sentences = Sentences(self.source or self.text)
        self.speech = speech_spans(self.text)
        if not self.id_cls:
            self.id_cls = {self.ids[m.label]: m.cls for m in self.mentions}
        self.source = self.source or self.text

    def quote(self, start: int, end: int) -> dict:
        """``quote`` (and ``occurrence``) of a span, as written in the source, inside one sentence."""
        if self.sentences.holding(start, end) is None:
            start, end = self.sentences.trim(start, end) or (start, end)
        return quote_fields(self.source, start, end)

    def said(self, start: int, end: int) -> str:
        return self.source[start:end]

    def _places(self, cls: str) -> tuple[list[int], list[Mention]]:
        """Every place of every mention of ``cls`` in the text, sorted (made once per class: the
        rules ask many times, and time must stay linear in the length of the text)."""
        if cls not in self.index:
            found = []
            for m in self.mentions:
                if m.cls != cls:
                    continue
                if m.rule in _OWN_SPAN:  # a drafted number's entity stands for its own place only
                    found.append(m)
                else:
                    found += [Mention(m.label, m.cls, i, i + len(m.label), m.rule, m.matched)
                              for i in find_all(self.text, m.label)]
                    for alt in m.extra.get("alt", []):  # 芯源半导体 for 湄东芯源半导体有限公司, where it is said
                        if alt != m.label and len(alt) >= 2:
                            found += [Mention(m.label, m.cls, i, i + len(alt), m.rule, m.matched)
                                      for i in find_all(self.text, alt)]
            found.sort(key=lambda m: (m.start, -len(m.label)))
            self.index[cls] = ([m.start for m in found], found)
        return self.index[cls]

    def within(self, classes: tuple[str, ...], lo: int, hi: int) -> list[Mention]:
        """Every mention of an entity of ``classes`` inside ``[lo, hi)``, with its place there."""
        out = []
        for cls in classes:
            starts, found = self._places(cls)
            for m in found[bisect_left(starts, max(lo, 0)):bisect_left(starts, hi)]:
                if m.end <= hi:
                    out.append(m)
        # Keep the longest where two overlap (豫商经济技术开发区 over 开发区).
        out.sort(key=lambda m: (m.start, -len(m.label)))
        kept: list[Mention] = []
        for m in out:
            if not kept or m.start >= kept[-1].end:
                kept.append(m)
        return kept

    def add_entity(self, entry: dict, mention: Mention) -> None:
        if mention.cls in self.index:  # keep the index: rebuilding it for every number would be quadratic
            starts, found = self.index[mention.cls]
            i = bisect_left(starts, mention.start)
            starts.insert(i, mention.start)
            found.insert(i, mention)
        self.extra_entities.append(entry)
        self.mentions.append(mention)
        self.ids[mention.label] = entry["id"]
        self.id_cls[entry["id"]] = entry["type"]

    def new_id(self, stem: str) -> str:
        """A statement id, unique in the sheet."""
        if self.mint is None:
            self.counter += 1
            return f"{stem}-{self.counter}"
        return str(self.mint.statement(stem))

    def new_entity_id(self, stem: str) -> str:
        """An entity id no other sheet can mint."""
        if self.mint is None:
            self.counter += 1
            return f"{stem}-{self.counter}"
        return str(self.mint.entity(stem))


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    s0 = max(text.rfind("。", 0, start), text.rfind("\n", 0, start)) + 1
    ends = [i for i in (text.find("。", end), text.find("\n", end)) if i >= 0]
    return s0, min(ends) if ends else len(text)


def _add(ctx: Context, rule: str, start: int, end: int, modality: str, speaker: str | None, **f) -> None:
    s_cls, o = ctx.id_cls.get(f["s"]), f.get("o")
    o_cls = ctx.id_cls.get(o) if o is not None else None
    if not ctx.fits(s_cls, f["p"], o_cls if o is not None else None, o):
        return
    if end <= start or not ctx.source[start:end].strip():
        return  # nothing to quote
    if ctx.sentences.holding(start, end) is None:  # a quote lies inside one sentence
        cut = ctx.sentences.trim(start, end)
        if cut is None:
            return
        start, end = cut
    fields = {"id": ctx.new_id(f.pop("stem"))}
    fields.update(f)
    fields.update(ctx.quote(start, end))
    if speaker and modality != "claimed" and in_speech(ctx.speech, start):
        modality = "claimed"
    fields["modality"] = modality
    if modality == "claimed":
        if not speaker:
            fields["modality"] = "achieved"
        else:
            fields["claimed_by"] = speaker
    ctx.out.append(Suggested(fields, rule, start, end))


def _indicator_as_said(ctx: Context, words: str, start: int) -> Mention:
    """The indicator the text names with ``words`` at ``start``, drafted once (labelled as said)."""
    end = start + len(words)
    if words not in ctx.ids:
        said = ctx.said(start, end)
        ctx.add_entity({"id": ctx.new_entity_id("indicator"), "type": "Indicator", "zh": said,
                        "en": f"untranslated: {said}", **ctx.quote(start, end)},
                       Mention(words, "Indicator", start, end, "number"))
    return Mention(words, "Indicator", start, end, "number")


def _speaker_at(ctx: Context, start: int) -> str | None:
    """Who says the speech around ``start``: a person named after the quote, before it, or only by a
    post (该公司负责人…:“…”, drafted as an unnamed person)."""
    span = in_speech(ctx.speech, start)
    if span is None:
        return None
    q0, q1, attr_end = span
    people = ctx.within(("Person",), q1, attr_end + 4)
    if people:
        return ctx.ids[people[-1].label]
    before = ctx.within(("Person", "org:Post"), q0 - 40, q0)
    if not before:
        return None
    if before[-1].cls == "Person":
        return ctx.ids[before[-1].label]
    post = before[-1]
    if len(before) > 1 and before[-2].cls == "Person" and before[-2].end == post.start:
        return ctx.ids[before[-2].label]  # 秦慕远副省长通报…: the name, then the post
    label = f"{post.label}(未具名)"
    if label not in ctx.ids:
        ctx.add_entity({"id": ctx.new_entity_id("person-unnamed"), "type": "Person", "zh": label,
                        "en": f"untranslated: {label}", **ctx.quote(post.start, post.end)},
                       Mention(label, "Person", post.start, post.end, "unnamed speaker"))
    return ctx.ids[label]


#: A sentence whose subject is the article's zone, named generically (开发区将打造…, 经开区力争…).
_ZONE_SUBJECT = re.compile(r"\s*(?:[^，。；]{0,8}[，,])?(?:开发区|经开区|高新区|全区|园区|我区|该区)")


def _agent(ctx: Context, pos: int) -> str | None:
    """Who acts in an agentless sentence: the management committee if the text names one,
    else the nearest organisation before ``pos``."""
    if ctx.agents is None:
        committees = [m for m in ctx.mentions if m.cls == "ManagementCommittee"]
        ctx.agents = committees[:1] or sorted((m for m in ctx.mentions if m.cls in _AGENT_CLASSES),
                                              key=lambda m: m.start)
    if len(ctx.agents) == 1 and ctx.agents[0].cls == "ManagementCommittee":
        return ctx.ids[ctx.agents[0].label]
    before = [m for m in ctx.agents if m.start < pos]
    s0, _s1 = _sentence_bounds(ctx.text, pos, pos)
    if before and before[-1].start >= s0:
        return ctx.ids[before[-1].label]
    if _ZONE_SUBJECT.match(ctx.text, s0) and (zone := _main_area(ctx, "区")) is not None:
        return ctx.ids[zone.label]  # 开发区将打造…: the article's zone acts
    return None  # an organisation of another sentence is not who acts in this one


#: Before a time: it is what a figure is compared with (比上年, 较上半年, 与2019年相比), not its period.
_BASE_BEFORE = re.compile(r"(?:比|较|与|相对于|相较于?|高于|低于)$")
#: After a time: the same (2019年的4.3倍, 上年同期, 2019年相比).
_BASE_AFTER = re.compile(r"(?:的[^，。；,]{0,8}?倍|同期|相比|水平|基础上)")
#: A clause that speaks of now (目前已集聚…312家): an earlier clause's year is not its period.
_NOW = re.compile(r"目前|当前|现已|现有|如今|截至目前|至今")


def _is_base(ctx: Context, t: TimeRef) -> bool:
    """Is this time the base of a comparison (比上年, 是2019年的4.3倍) rather than a period?"""
    return bool(_BASE_BEFORE.search(ctx.text, max(0, t.start - 3), t.start)
                or _BASE_AFTER.match(ctx.text, t.end))


def _zone_body(ctx: Context, q: Quantity) -> Mention | None:
    """Whose target a figure of the zone is: the one management committee the article names,
    when the sentence is about the zone (no province or city named or meant before the figure:
    全省开发区…达到65% is a province's target, not the zone's)."""
    if "zone body" not in ctx.cache:  # once per article: time stays linear in its length
        ctx.cache["zone body"] = _the_zone_body(ctx)
    committee = ctx.cache["zone body"]
    if committee is None:
        return None
    s0, _s1 = _sentence_bounds(ctx.text, q.start, q.end)
    if ctx.within(("AdministrativeArea",), s0, q.start) or re.search(r"全省|全市|省级|市级|全国|各",
                                                                      ctx.text[s0:q.start]):
        return None
    return committee


def _the_zone_body(ctx: Context) -> Mention | None:
    """The committee of the article's zone, if it names one and is about one zone."""
    committees = {ctx.ids[m.label]: m for m in ctx.mentions if m.cls == "ManagementCommittee"}
    if len(committees) != 1:
        return None
    committee = next(iter(committees.values()))
    zone = _main_area(ctx, "区")
    if zone is None:
        return None
    if not committee.label.startswith(zone.label[:2]):  # 经开区管委会: the article's zone's, if it is about one
        counts: dict[str, int] = {}  # by place name (雁汀经济开发区 and 雁汀经济技术开发区 are one zone)
        for m in ctx.mentions:
            if m.cls == "DevelopmentZone":
                counts[m.label[:2]] = counts.get(m.label[:2], 0) + ctx.text.count(m.label)
        if 2 * counts.get(zone.label[:2], 0) <= sum(counts.values()):
            return None  # a text about several zones (a province's policy): whose committee is unclear
    return committee


#: A sentence that sets a rule for a case (对成功升级…的，奖励3000万元; 凡…的，给予…).
_IF_CASE = re.compile(r"(?:对|对于|凡|凡是|如|若|对在)[^。；]{2,80}?的[，,]")


def _conditional(ctx: Context, q: Quantity) -> bool:
    s0, _s1 = _sentence_bounds(ctx.text, q.start, q.end)
    m = _IF_CASE.match(ctx.text, s0)
    return m is not None and m.end() <= q.start


def _after_publication(ctx: Context, period: TimeRef | None) -> bool:
    """Does the period end in a year after the article's (2024/2026 in a 2024 article)?"""
    if period is None or ctx.published is None:
        return False
    last = re.findall(r"\d{4}", period.id)
    return bool(last) and int(last[-1]) > ctx.published.year


def _time_in(ctx: Context, start: int, end: int) -> TimeRef | None:
    """The period of a figure: the last time before it in its sentence that is no comparison base
    (比上年…, 2019年的…倍), and none from an earlier clause when its own clause says 目前."""
    s0, _s1 = _sentence_bounds(ctx.text, start, end)
    if not ctx.time_starts:
        ctx.time_starts = [t.start for t in ctx.times]
    c0, _c1 = clause_bounds(ctx.text, start, end)
    now = _NOW.search(ctx.text, c0, start) is not None
    i = bisect_left(ctx.time_starts, start + 1) - 1  # the last time that starts at or before ``start``
    while i >= 0 and ctx.times[i].start >= s0:
        t = ctx.times[i]
        if now and t.start < c0:
            return None
        if not _is_base(ctx, t):
            return t
        i -= 1
    if now:
        return None
    # 前三季度，全区…。主要产品中，…: a time that heads the paragraph holds for its sentences
    p0 = ctx.text.rfind("\n", 0, start) + 1
    j = bisect_left(ctx.time_starts, p0)
    if j < len(ctx.times) and ctx.times[j].start - p0 <= 4 and ctx.times[j].end < s0 and \
            ctx.text[ctx.times[j].end:ctx.times[j].end + 1] in ("，", ","):
        return ctx.times[j]
    return None


@dataclass
class _Number:
    """One quantity with what the rules ask about it: its clause, period, speaker and holder."""

    q: Quantity
    c0: int
    c1: int
    period: TimeRef | None
    speaker: str | None
    holder: Mention | None
    base: dict[str, Any]  # original (or derivation) of the value


@dataclass
class _NumberState:
    last_obs: str | None = None  # the last observation drafted: a growth rate or rank is of it
    last_project: Mention | None = None


#: Words before an amount that make it a project's total investment (总投资32亿元, 计划投资, 投资…建设).
_INVESTMENT = re.compile(r"(?:总投资|计划总投资|概算总投资|总投资额|投资总额|拟投资|计划投资|预计投资)"
                         r"(?:约|达|为|超过?)?\s*$")


def _investment(ctx: Context, n: _Number, state: _NumberState) -> bool:
    """项目总投资32亿元: the project's planned total investment (zo:investment)."""
    q, text = n.q, ctx.text
    if q.kind != "amount" or not _INVESTMENT.search(text[n.c0:q.start]):
        return False
    s0, s1 = _sentence_bounds(text, q.start, q.end)
    after = ctx.within(("Project",), q.end, min(s1, q.end + 60))
    project: Mention | None
    if after and text[q.end:after[0].start] in ("的", "的新", "的新建"):
        project = after[0]  # 启动总投资22亿元的蘅江科学城（二期）项目: the project named after its amount
    else:
        projects = ctx.within(("Project",), s0, q.start)
        project = projects[-1] if projects else None
    if project is None and re.search(r"该项目|项目总投资|项目计划总投资|项目预计总投资", text[s0:q.start]):
        # 项目总投资65亿元 in the sentence after the one that names the project
        earlier = ctx.within(("Project",), max(0, s0 - 200), s0)
        project = state.last_project or (earlier[-1] if earlier else None)
        if earlier and (state.last_project is None or earlier[-1].start > state.last_project.start):
            project = earlier[-1]
    if project is None:
        return False
    state.last_project = project
    speaker = n.speaker
    start = min(project.start, q.start) if project.start >= s0 else n.c0
    _add(ctx, "total investment", start, max(q.end, project.end) if project.start > q.start else q.end, "planned",
         speaker,
         stem="investment", s=ctx.ids[project.label], p="investment", v=_plain(q.value),
         **({"unit": q.unit_id} if q.unit_id else {}), **n.base, **({"approximate": True} if q.approximate else {}))
    return True


def _rank_of(ctx: Context, n: _Number, state: _NumberState) -> bool:
    """第6家, 居…第1位, 前50位: a place in a ranking, as an observation of its own."""
    q = n.q
    if q.kind != "rank":
        return False
    if not _has_area(ctx, q):
        return True
    modality = "achieved" if n.speaker is None else "claimed"
    intended = suggest(ctx.text, q.start, q.end, "achieved")
    if intended in ("planned", "targeted", "aspiration"):
        modality = intended
    obs_id = ctx.new_entity_id("obs")
    label = f"{ctx.said(n.c0, q.start).strip()[-12:]} {ctx.said(q.start, q.end)}".strip()
    ctx.add_entity({"id": obs_id, "type": "Observation", "zh": label, "en": f"untranslated: {label}",
                    **ctx.quote(q.start, q.end)}, Mention(label, "Observation", q.start, q.end, "number"))
    _add(ctx, "rank", q.start, q.end, modality, n.speaker, stem="rank", s=obs_id, p="rank", v=int(q.value), **n.base,
         **({"period": n.period.id} if n.period else {}))
    _observation_context(ctx, obs_id, q, None, False, state.last_obs, modality, n.speaker)
    if n.period is not None:
        _add(ctx, "period", n.period.start, q.end, modality, n.speaker, stem="period", s=obs_id, p="refPeriod",
             o=n.period.id)
    return True


def _horizon(ctx: Context, n: _Number, state: _NumberState) -> bool:
    if n.q.kind != "horizon":
        return False
    if n.holder is not None and n.holder.cls == "Goal":
        _add(ctx, "horizon", n.q.start, n.q.end, "aspiration", n.speaker, stem="horizon", s=ctx.ids[n.holder.label],
             p="horizonYears", v=int(n.q.value), **n.base)
    return True


def _count_in_plan(ctx: Context, n: _Number, state: _NumberState) -> bool:
    """18项规划, 3大类: how many items a plan set or a document holds."""
    holder = n.holder
    if holder is None or holder.cls not in ("PlanSet", "PolicyDocument") or n.q.kind != "count":
        return False
    prop = "categoryCount" if n.q.unit in ("大类", "类") else "count"
    if prop == "categoryCount" and holder.cls != "PlanSet":
        return True
    _add(ctx, "count", n.q.start, n.q.end, "achieved", n.speaker, stem="count", s=ctx.ids[holder.label], p=prop,
         v=int(n.q.value), **n.base)
    return True


def _target_value(ctx: Context, n: _Number, state: _NumberState) -> bool:
    """A number inside a target's name (打造千亿级…集群): the target's value."""
    if n.holder is None or n.holder.cls != "Target":
        return False
    q = n.q
    unit = "unit-cny" if re.match(r"[\u4e00-\u9fff]{0,3}额", ctx.text[q.end:q.end + 4]) else q.unit_id
    _add(ctx, "target value", q.start, q.end, "targeted", n.speaker, stem="target-value", s=ctx.ids[n.holder.label],
         p="value", v=_plain(q.value), **n.base, **({"unit": unit} if unit else {}),
         **({"approximate": True} if q.approximate else {}))
    return True


#: Words before an amount in its clause that make it a grant or a cap a policy sets (奖励, 补贴, 最高不超过).
_GRANT = re.compile(r"奖励|补贴|补助|资助|奖补|给予|最高不超过|贴息")


#: Words that open a target's clause but name neither the indicator nor the aim's figure.
_AIM_LEAD = re.compile(r"(?:[底末前]|年底|年末)?[，,]?(?:经开区|高新区|开发区|全区|全市|全省|全县|我区|我市|园区)?"
                       r"(?:力争|确保|争取|计划|预计|要|将|全年|今年|明年)*")


def _observation(ctx: Context, n: _Number, state: _NumberState) -> bool:
    """The value of an indicator for an area and a period, or a target when the clause aims."""
    q, text, speaker, period = n.q, ctx.text, n.speaker, n.period
    if q.kind not in ("amount", "percent", "count", "points", "times", "measure", "level"):
        return True
    if q.unit_id is None:
        return True  # a number without a unit is no quantity the graph can hold (SHACL wants zo:unit)
    c0 = n.c0
    modality = suggest(text, q.start, q.end, "achieved")
    is_target = modality in ("planned", "targeted", "aspiration") or bool(speaker and re.search(
        r"实现|达到|力争", text[c0:q.start]) and not _PAST.search(text, c0, q.start)
        and (period is None or _after_publication(ctx, period)))  # 1-7月，全区实现…: a period over, a result
    if not is_target and not _has_area(ctx, q):
        return True
    if q.kind == "count" and _RANK_AFTER.search(text, q.end, n.c1) and _RANK_SCOPE.search(text, c0, q.start):
        return True  # 居澜江省6家国家级经开区第2位: the 6 is the field of a rank, no figure
    if q.kind == "count" and q.unit == "期":
        return True  # 分两期建设: how a project is built, no figure of an area
    if q.kind == "count" and re.match(r"(?:主导|支柱|首位)产业", text[q.end:q.end + 4]):
        return True  # 两大主导产业: the industries are drafted (leadingIndustry), their count is no figure
    if q.kind == "amount" and _GRANT.search(text, c0, q.start):
        return True  # 一次性奖励30万元, 最高不超过500万元: what a policy grants, no figure of an area
    invested = q.kind == "amount" and _INVESTMENT.search(text[c0:q.start]) is not None
    if invested:  # a total investment no project of the sentence holds (_investment took those)
        p0 = clause_bounds(text, c0 - 2, c0 - 1)[0] if c0 >= 2 else c0  # the clause before, and its own
        if not _SUMMED.search(text, p0, q.start):
            return True  # one project's, whose name was not read: not the zone's
        modality = "planned" if modality in ("achieved", "ongoing") else modality  # planned even when started
    holder = _figure_holder(ctx, q, c0)
    if holder is not None and holder.cls not in _COMPANIES:
        return True  # a figure of a project or inside a name (年产20万吨…项目): no figure of an area
    obs_cls = "Target" if is_target else "Observation"
    obs_id = ctx.new_entity_id("target" if is_target else "obs")
    indicators = ctx.within(("Indicator",), c0, q.start)
    indicator = indicators[-1] if indicators else None
    growth = bool(re.search(r"增长|增速|提高|下降|减少", text[c0:q.start]))
    named = ctx.said(indicator.start, indicator.end) if indicator else ctx.said(c0, q.start).strip()[-12:]
    label = f"{named} {ctx.said(q.start, q.end)}".strip()
    if is_target:  # a target is named as written: 地区生产总值突破400亿元
        aim = _indicator_words(ctx, c0, q, ctx.within(_PLACES, c0, q.start))
        if aim is not None and q.end - aim[1] <= 30:
            start = max(aim[1], text.rfind("、", aim[1], q.start) + 1)  # A…、B…: this item only
            lead = _AIM_LEAD.match(text, start, q.start)  # 经开区力争…, 底…: who aims and when is said elsewhere
            label = ctx.said(lead.end() if lead and lead.end() < q.start else start, q.end)
    ctx.add_entity({"id": obs_id, "type": obs_cls, "zh": label, "en": f"untranslated: {label}",
                    **ctx.quote(q.start, q.end)}, Mention(label, obs_cls, q.start, q.end, "number"))
    unit = q.unit_id
    if q.unit == "辆" and "年产" in text[c0:q.end]:
        unit = "unit-vehicles-per-year"
    modality = "targeted" if is_target and modality not in ("planned", "aspiration") else modality
    if speaker and modality != "claimed" and in_speech(ctx.speech, q.start):
        modality = "claimed"
    if modality in ("achieved", "ongoing") and (_after_publication(ctx, period) or _conditional(ctx, q)):
        modality = "planned"  # 2024—2026年…每年安排10亿元, 对…的，奖励3000万元: no result yet, a rule
    _add(ctx, "value", q.start, q.end, modality, speaker, stem="value", s=obs_id, p="value", v=_plain(q.value),
         **({"unit": unit} if unit else {}), **n.base, **({"period": period.id} if period else {}),
         **({"approximate": True} if q.approximate else {}))
    if unit:
        _add(ctx, "unit", q.start, q.end, modality, speaker, stem="unit", s=obs_id, p="unit", o=unit)
    if is_target:
        owner = holder if holder is not None else _zone_body(ctx, q)
        if owner is not None:
            _add(ctx, "target of", c0, q.end, modality, speaker, stem="hasgoal", s=ctx.ids[owner.label],
                 p="hasGoal", o=obs_id)
    if not is_target:
        _observation_context(ctx, obs_id, q, indicator, growth and q.kind in ("percent", "points", "times"),
                             state.last_obs, modality, speaker, holder)
    if period is not None and not is_target:
        _add(ctx, "period", period.start, q.end, modality, speaker, stem="period", s=obs_id, p="refPeriod",
             o=period.id)
    if growth and "同比" in text[c0:q.start]:
        _add(ctx, "year on year", c0, q.end, modality, speaker, stem="compared", s=obs_id, p="comparedWith",
             o="comparison-year-on-year")
    if not is_target and q.kind not in ("percent", "points", "times"):
        state.last_obs = obs_id  # a growth rate is of the last amount, not of another rate
    return True


#: The number rules, in order: the first that takes a quantity drafts it.
NUMBER_RULES: list[Callable[[Context, _Number, _NumberState], bool]] = [
    _investment, _rank_of, _horizon, _count_in_plan, _target_value, _observation,
]


def _numbers(ctx: Context) -> None:
    text = ctx.text
    state = _NumberState()
    for q in ctx.quantities:
        c0, c1 = clause_bounds(text, q.start, q.end)
        holder = next((m for m in ctx.within(("PlanSet", "PolicyDocument", "Target", "Goal"), q.start - 80, q.end + 80)
                       if m.start <= q.start and q.end <= m.end), None)
        if holder is None:
            holder = next((m for m in ctx.within(("PlanSet",), q.end, q.end + 40) if m.start <= q.end + 2), None)
        said = ctx.said(q.start, q.end)
        base: dict[str, Any] = {"original": said}
        if q.negative:  # 下降3.6%: the text states 3.6, the value is -3.6
            fall = re.search(r"(?:下降|减少|下滑|回落)了?$", text[max(0, q.start - 4):q.start])
            width = len(fall.group(0)) if fall else 0
            base = {"derivation": f"“{ctx.said(q.start - width, q.end)}”: a fall, so {_plain(q.value)}"}
        elif parse_quantity(said) != q.value:  # 三成 is 30 (%), 翻了一番 2 (times), 首位 1
            base = {"derivation": f"“{said}” means {_plain(q.value)} ({q.unit_id or 'no unit'})"}
        n = _Number(q, c0, c1, _time_in(ctx, q.start, q.end), _speaker_at(ctx, q.start), holder, base)
        for rule in NUMBER_RULES:
            if rule(ctx, n, state):
                break


#: What stands before an indicator's name in a clause: times, places and generic references.
_LEAD = re.compile(r"^(?:其中|同时|此外|全年|今年|去年|明年|上半年|下半年|目前|当前|截至\S*?[,，]|[^,，]*?[,，]"
                   r"|全区|全市|全省|全县|区内|市内|[^,，]{0,12}?(?:月|季度|以来|年)[,，]?)+")
#: Verbs between an indicator and its number.
_TAIL = re.compile(r"(?:同比|分别|累计|共|已)?(?:完成|实现|达到|达|已有|共有|有|为|超过|突破|增长|下降|提高|增加|减少"
                   r"|增速|占比|比重)*$")


def _indicator_words(ctx: Context, c0: int, q: Quantity, areas: list[Mention]) -> tuple[str, int] | None:
    """The name of what a number measures, from its clause: 全区规模以上工业增加值同比增长10.6% →
    规模以上工业增加值同比增长; the area and the time before it are left out."""
    text = ctx.text
    lo = c0
    for a in areas:
        if c0 <= a.start and a.end <= q.start:
            lo = max(lo, a.end)
    words = _LEAD.sub("", text[lo:q.start]).strip()
    words = re.sub(r"^(?:实现|完成|的|在|共|累计)", "", words)
    words = _TAIL.sub("", words) if len(_TAIL.sub("", words)) >= 2 else words
    words = words.strip("，,、：: ")
    if len(words) < 2 or len(words) > 24:
        return None
    start = text.rfind(words, lo, q.start)
    return (words, start) if start >= 0 else None


#: A generic reference to a whole area in a figure's clause (全市现有…, 全区实现…).
_WHOLE = re.compile(r"[\s，,]*(?:(?:今年|去年|目前|当前|截至[^，,]{0,8}|\d{1,2}[-—–至]\d{1,2}月|前三季度|上半年)"
                    r"[，,]?)?(全市|全区|全省|全县|本市|我市|我区|本区)")


def _bare_is(ctx: Context, label: str, level: str) -> bool:
    """Is a place named bare (霁川, 河南) one of this level: written with it somewhere (河南省…), or,
    for a city, neither a province the text names with 省 nor a country?"""
    if label.endswith(("省", "市", "县", "区", "镇", "乡", "國", "国")) or label in COUNTRIES:
        return False
    return label + level in ctx.text or level == "市" and label + "省" not in ctx.text


def _main_area(ctx: Context, hint: str) -> Mention | None:
    """What 全区/全市/全省 (or nothing) refers to in this article: its most often named zone, city or
    province (a generic reference resolves inside the article, never to another sheet's entity)."""
    if hint in ctx.areas:
        return ctx.areas[hint]
    if hint == "区":
        candidates = [m for m in ctx.mentions if m.cls in ("DevelopmentZone", "Zone")]
    else:  # a city written without 市 is one the text also calls X市 (霁川, 霁川市委)
        candidates = [m for m in ctx.mentions if m.cls == "AdministrativeArea" and (
            m.label.endswith(hint) or _bare_is(ctx, m.label, hint))]
    best: Mention | None = None
    best_n = 0
    for m in candidates:
        n = _times_named(ctx, m)
        if n > best_n:
            best, best_n = m, n
    ctx.areas[hint] = best
    return best


_PLACES = ("DevelopmentZone", "Zone", "AdministrativeArea", "FunctionalArea")


def _area_for(ctx: Context, before: str) -> Mention | None:
    """The area a sentence's number is about when it names none: what 全市/全省/全区 (or nothing)
    means in this article, else any zone, city or province it names."""
    before = _COMPARED_WHOLE.sub("", before)  # 高于全市: the base of a comparison, not the area
    hint = "市" if re.search(r"全市|市内|本市", before) else "省" if re.search(r"全省|省内", before) else \
        "县" if re.search(r"全县|县内|本县|我县", before) else "区"
    if hint == "区" and (county := _main_area(ctx, "县")) is not None:
        zone = _main_area(ctx, "区")  # a county's bulletin: the county, named more often than any zone
        if zone is None or _times_named(ctx, county) > _times_named(ctx, zone):
            return county
    if hint != "区":  # 全省, 全市, 全县: that level's area or none (never a zone, nor another level)
        return _main_area(ctx, hint)
    return _main_area(ctx, "区") or _main_area(ctx, "市") or _main_area(ctx, "省")


def _times_named(ctx: Context, m: Mention) -> int:
    return sum(ctx.text.count(label) for label in [m.label, *m.extra.get("alt", [])])


def _has_area(ctx: Context, q: Quantity) -> bool:
    """Can an observation of ``q`` say where (SHACL wants a zo:refArea on every observation)?"""
    s0, _s1 = _sentence_bounds(ctx.text, q.start, q.end)
    return bool(ctx.within(_PLACES, s0, q.start)) or _area_for(ctx, ctx.text[s0:q.start]) is not None


#: A clause about the past: a speaker's 实现 there reports a result, not an aim (公司去年实现营业收入…).
_PAST = re.compile(r"去年|上年|前年|已经|已|累计|此前|以来")
#: A rank after a count in its clause (6家…第2位, 前50位, 首位).
_RANK_AFTER = re.compile(r"第\d+|第[一二三四五六七八九十]+|首位|前\d+")
#: Words that make a total investment a sum over many projects (累计开工项目186个，总投资…).
_SUMMED = re.compile(r"\d+个|[一二三四五六七八九十两百]+个|累计|全市|全区|全省|共|合计|批")


#: Named things a number may be part of (年产20万吨…项目, 12英寸…项目): it is no figure of an area.
_NAMES_WITH_NUMBERS = ("Project", "Company", "StateOwnedPlatformCompany", "Facility", "Event", "PolicyDocument",
                       "Plan", "Programme", "org:Organization", "PublicBody", "Initiative")
#: A number followed by the rest of a project's name (36万片8英寸功率器件晶圆（二期）项目).
_IN_PROJECT_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z0-9（）()·\-]{0,20}?(?:项目|工程|項目)")
#: A clause that opens on the company or project just named (该公司…, 公司去年实现营业收入…).
_OWN_FIGURE = re.compile(r"\s*(?:今年|去年|上半年|前三季度|\d{1,2}(?:[-—–至]\d{1,2})?月份?)*"
                         r"(?:该公司|公司|该企业|這家公司|該公司|该集团|集团)")
_PROJECT_FIGURE = re.compile(r"\s*(?:该项目|該項目|[项項]目(?:已|累计|累計|完成|建成|达产|達產|投产|投產|全部|一期"
                             r"|建设|建設))")
#: A clause with no subject of its own: it goes on about the sentence's (目前已完成投资12亿元).
_NO_SUBJECT = re.compile(r"\s*(?:目前|现已|已经|已|累计|今年|预计|计划|截至[^，,]{0,8}[，,]?)")
#: A project's capacity or yield once built (年产, 达产后…): the project's figure.
_CAPACITY = re.compile(r"年产(?!值)|產能|产能|年產(?!值)|吞吐量|建成后|達產後|达产后|投产后|投產後|建成後")


def _speaking_company(ctx: Context, q: Quantity, c0: int) -> Mention | None:
    """The company whose people speak of 我们 (晟光新能源总经理唐以宁说：“今年1-9月，我们的电池片出货量…”):
    a company named right around the speech's attribution."""
    span = in_speech(ctx.speech, q.start)
    if span is None or not re.search(r"我们|我司|公司", ctx.text[max(c0, span[0]):q.start]):
        return None
    q0, q1, attr_end = span
    near = [*ctx.within(_COMPANIES, max(0, q0 - 40), q0), *ctx.within(_COMPANIES, q1, attr_end + 2)]
    return near[-1] if near else None


def _figure_holder(ctx: Context, q: Quantity, c0: int) -> Mention | None:
    """Whose figure a number is when it is not an area's: the name it is part of (a project's
    年产20万吨), a company or project its clause is about (恒驰汽车去年整车产量…, 公司去年实现营业收入…
    after 该公司负责人, 项目达产后年产值…), or None (an area's figure)."""
    text = ctx.text
    for m in ctx.within(_NAMES_WITH_NUMBERS, max(0, q.start - 60), q.end + 60):
        if m.start <= q.start and q.end <= m.end:
            return m
    counted = q.unit in ("个", "项", "家", "個")  # 项目15个, 23个项目: how many projects, an area's figure
    if not counted and (tail := _IN_PROJECT_NAME.match(text, q.end)) and \
            "的" not in tail.group(0) and not re.search(r"[，。；、,;]", text[c0:q.start][-2:]):
        return Mention(text[q.start:tail.end()], "Project", q.start, tail.end(), "number")
    own = ctx.within((*_PLACES, *_COMPANIES, "Project"), c0, q.start)
    if own:
        return own[-1] if own[-1].cls in _COMPANIES or own[-1].cls == "Project" and not counted else None
    s0, _s1 = _sentence_bounds(text, q.start, q.end)
    if (ours := _speaking_company(ctx, q, c0)) is not None:
        return ours
    if _OWN_FIGURE.match(text, c0):
        before = ctx.within(_COMPANIES, max(0, c0 - 300), c0)
        return before[-1] if before else None
    if _PROJECT_FIGURE.match(text, c0) or _CAPACITY.search(text, c0, q.start):
        projects = ctx.within(("Project",), max(0, s0 - 200), c0)
        if projects or _PROJECT_FIGURE.match(text, c0):
            return projects[-1] if projects else Mention("项目", "Project", c0, c0 + 2, "number")
    if c0 > s0 and _NO_SUBJECT.match(text, c0) and _PROJECT_FIGURE.match(text, s0) and not ctx.within(
            (*_PLACES, *_COMPANIES), c0, q.start):
        # 该项目由…投资建设，总投资28亿元，目前已完成投资12亿元: the sentence's subject, the project
        projects = ctx.within(("Project",), max(0, s0 - 200), s0)
        return projects[-1] if projects else None
    return None


#: Organisations whose names hold a place (滨岳省人民政府, 汐川市委): that place is no area of a figure.
_NAMED_BODIES = ("Government", "PartyCommittee", "PublicBody", "ManagementCommittee", "PartyWorkingCommittee",
                 "org:Organization", "Company", "StateOwnedPlatformCompany", "NewsOutlet")
#: Before a place that is no area of a figure: what it is compared with (高于全市, 比全省), a
#: programme it is listed in (列入崇岭省重点项目).
_NOT_AREA_BEFORE = re.compile(r"(?:高于|低于|快于|慢于|比|较|超过|超出|领先|高於|低於|列入|纳入|入选|納入)$")
#: The same for 全市/全省 when no place is named (增速高于全市1.3个百分点: the zone's figure).
_COMPARED_WHOLE = re.compile(r"(?:高于|低于|快于|慢于|比|较|超过|超出|领先|高於|低於)(?:全市|全省|全国|全县)")
#: Words that open the group a rank is taken in (居全省第3位, 在澜江省…中位列第2位, 成为全省第6家).
_RANK_SCOPE = re.compile(r"居|位列|位居|排名|排在|在|成为|跻身|进入|列入")


def _area_mentions(ctx: Context, q: Quantity, s0: int) -> list[Mention]:
    """The places of a figure's sentence before it that may be its area: not a place inside a
    body's name (滨岳省 in 滨岳省人民政府); for a rank, only the rank's own clause, and not the
    group it is ranked in: a place after 居/在/位列/成为…, or a province or city right before
    the rank (澜江省获批的第6家: the province is the field, the zone is what is ranked)."""
    places = ctx.within(_PLACES, s0, q.start)
    if places:
        bodies = ctx.within((*_NAMED_BODIES, *_NAMES_WITH_NUMBERS), s0, q.start)
        places = [p for p in places if not any(b.start <= p.start and p.end <= b.end and len(b.label) > len(p.label)
                                               for b in bodies)
                  and not _NOT_AREA_BEFORE.search(ctx.text, max(0, p.start - 3), p.start)]
    if q.kind == "rank":
        c0, _c1 = clause_bounds(ctx.text, q.start, q.end)
        places = [p for p in places if p.start >= c0 and not _RANK_SCOPE.search(ctx.text, c0, p.start)
                  and not (p.cls == "AdministrativeArea" and not _RANK_SCOPE.search(ctx.text, p.end, q.start))]
    return places


def _observation_context(ctx: Context, obs_id: str, q: Quantity, indicator: Mention | None, growth: bool,
                         previous: str | None, modality: str, speaker: str | None,
                         holder: Mention | None = None) -> None:
    """What an observation measures and where: its indicator (from its clause; a growth rate of
    the amount before it in the same sentence) and its area (a place named in the sentence, else
    what 全区/全市/全省 or the article's main zone refers to)."""
    text = ctx.text
    c0, _c1 = clause_bounds(text, q.start, q.end)
    s0, _s1 = _sentence_bounds(text, q.start, q.end)
    places = _area_mentions(ctx, q, s0)
    found = _indicator_words(ctx, c0, q, places)
    if found is not None and (indicator is None or indicator.label in found[0]):
        words, start = found
        indicator = _indicator_as_said(ctx, words, start)
    same_sentence = previous is not None and ctx.obs_indicator.get(previous, ("", -1))[1] >= s0
    if growth and same_sentence and previous is not None and text[c0:q.start].lstrip("，, ").startswith(
            ("同比", "增长", "比上年", "较上年", "比去年", "较去年", "按年", "下降", "增速")):
        base = ctx.obs_indicator[previous]
        label = f"{base[0]}增长率"
        if label not in ctx.ids:
            ctx.add_entity({"id": ctx.new_entity_id("indicator"), "type": "Indicator", "zh": label,
                            "en": f"untranslated: {label}", **ctx.quote(c0, q.end)},
                           Mention(label, "Indicator", c0, q.end, "number"))
        indicator = Mention(label, "Indicator", c0, q.end, "growth")
        _add(ctx, "growth of", c0, q.end, modality, speaker, stem="growth-of", s=obs_id, p="growthOf", o=previous)
    if indicator is None:  # SHACL wants an indicator on every observation: the clause before the number
        start = max(c0, q.start - 12)
        words = ctx.text[start:q.start].strip() or ctx.text[q.start:q.end]
        indicator = _indicator_as_said(ctx, words, ctx.text.find(words, start))
    ctx.obs_indicator[obs_id] = (indicator.label, indicator.start)
    _add(ctx, "indicator", min(indicator.start, q.start), q.end, modality, speaker, stem="indicator", s=obs_id,
         p="indicator", o=ctx.ids[indicator.label])
    area: Mention | None = holder or (places[-1] if places else None)
    if holder is None and q.kind != "rank" and (not places or places[-1].start < c0):
        # 霁川是滨岳省…城市之一，全市现有…: 全市 opening the clause is the city, not the province before it
        whole = _WHOLE.match(text, c0, q.start)
        if whole:
            area = _area_for(ctx, whole.group(1)) or area
    if area is None and previous is not None and same_sentence:
        area = ctx.obs_area.get(previous)
    if area is None:
        area = _main_area(ctx, "区") if q.kind == "rank" else None  # 全省第2位: the zone is ranked, not 全省
        area = area or _area_for(ctx, text[s0:q.start])
    if area is not None:
        ctx.obs_area[obs_id] = area
        _add(ctx, "area", s0 if area.start < s0 else area.start, q.end, modality, speaker, stem="area", s=obs_id,
             p="refArea", o=ctx.ids[area.label])


def _plain(value: Decimal):
    value = value.normalize()
    return int(value) if value == value.to_integral_value() else float(value)


def _posts(ctx: Context) -> None:
    text = ctx.text
    posts = ctx.within(("org:Post",), 0, len(text))
    for m in posts:
        pid = ctx.ids[m.label]
        people = ctx.within(("Person",), m.end, min(len(text), m.end + 40))
        holder = next((p for p in people if not re.search(r"[。；，,：:]", text[m.end:p.start])
                       and not any(m.end < q.start < p.start and q.cls == "Person" for q in people)), None)
        holders = [holder] if holder is not None else []
        for p in people:  # 管委会副主任陶明哲、郭啸: a list of names after one post
            if holders and p.start == holders[-1].end + 1 and text[holders[-1].end] == "、":
                holders.append(p)
        for person in holders:
            key = f"{pid} {ctx.ids[person.label]}"
            if key not in ctx.held:
                ctx.held.add(key)
                _add(ctx, "post held", m.start, person.end, "achieved", None, stem="post-held", s=pid,
                     p="org:heldBy", o=ctx.ids[person.label])
        if pid in ctx.roled:
            continue
        ctx.roled.add(pid)
        for suffix, role in _ROLES:
            if m.label.endswith(suffix):
                _add(ctx, "post role", m.start, m.end, "achieved", None, stem="post-role", s=pid, p="org:role", o=role)
                body = m.label[: -len(suffix)]
                if body in ctx.ids:
                    _add(ctx, "post in", m.start, m.end, "achieved", None, stem="post-in", s=pid, p="org:postIn",
                         o=ctx.ids[body])
                break


#: An appointment (任命A为B) holds the post; a nomination (提名A为B人选) only plans it.
_APPOINT = re.compile(r"(?:决定|同意|研究)?(任命|聘任|提名|推荐|拟任|拟提名)")


def _appointments(ctx: Context) -> None:
    """任命苗思远为…党工委书记: the person holds the post; 提名庞晓川为…副主任人选: planned."""
    text = ctx.text
    for m in _APPOINT.finditer(text):
        people = ctx.within(("Person",), m.end(), m.end() + 6)
        if not people or people[0].start != m.end() or text[people[0].end:people[0].end + 1] != "为":
            continue
        person = people[0]
        posts = ctx.within(("org:Post",), person.end + 1, person.end + 40)
        if not posts or posts[0].start != person.end + 1:
            continue
        post = posts[0]
        key = f"{ctx.ids[post.label]} {ctx.ids[person.label]}"
        if key in ctx.held:
            continue
        ctx.held.add(key)
        modality = "achieved" if m.group(1) in ("任命", "聘任") else "planned"
        _add(ctx, "appointed", m.start(), post.end, modality, _speaker_at(ctx, m.start()), stem="post-held",
             s=ctx.ids[post.label], p="org:heldBy", o=ctx.ids[person.label])


def _approvals_and_listings(ctx: Context) -> None:
    text = ctx.text
    for m in re.finditer(r"批复(?:设立|成立|同意)了?", text):
        s0 = max(text.rfind("。", 0, m.start()) + 1, m.start() - 40)
        s1 = min(i for i in (text.find("。", m.end()), m.end() + 30, len(text)) if i >= 0)
        zones = ctx.within(("DevelopmentZone", "Zone"), m.end(), s1)
        if not zones:
            continue
        zone = zones[0]
        for body in ctx.within(("PartyCommittee", "Government"), s0, m.start()):
            _add(ctx, "批复设立", body.start, zone.end, "achieved", None, stem="approved-by",
                 s=ctx.ids[zone.label], p="approvedBy", o=ctx.ids[body.label])
    for m in re.finditer(r"列入", text):
        projects = ctx.within(("Project",), max(0, m.start() - 40), m.start())
        programmes = ctx.within(("Programme",), m.end(), m.end() + 30)
        if projects and programmes and projects[-1].end == m.start() and programmes[0].start <= m.end() + 2:
            proj, prog = projects[-1], programmes[0]
            speaker = _speaker_at(ctx, m.start())
            _add(ctx, "列入", proj.start, prog.end, suggest(text, m.start(), m.end(), "achieved"), speaker,
                 stem="listed-in", s=ctx.ids[proj.label], p="listedIn", o=ctx.ids[prog.label])


def _stages(ctx: Context) -> None:
    goals = [m for m in ctx.mentions if m.cls == "Goal" and "目标" in m.label and "“" in m.label]
    years = {t.start: t for t in ctx.times}
    for items in stage_lists(ctx.text):
        goal = next((g for g in goals if g.start > items[-1][3]), None)
        for order, label, start, end in items:
            if label not in ctx.ids:
                continue
            sid = ctx.ids[label]
            if goal is not None:
                _add(ctx, "stage", start, end, "targeted", None, stem="has-stage", s=ctx.ids[goal.label],
                     p="hasStage", o=sid)
            _add(ctx, "stage order", start, end, "targeted", None, stem="stage-order", s=sid, p="stageOrder",
                 v=order, original=ctx.said(start, start + label.index("年") + 1))
            t = years.get(start)
            if t is not None:
                _add(ctx, "stage year", start, end, "targeted", None, stem="stage-year", s=sid, p="targetYear",
                     v=int(t.id), derivation=t.derivation)


_BY_CLASS = {
    "Goal": ("hasGoal", "aspiration"), "Positioning": ("hasGoal", "aspiration"), "Target": ("hasGoal", "targeted"),
    "Project": ("pursues", "ongoing"), "Initiative": ("pursues", "ongoing"), "Programme": ("pursues", "ongoing"),
    "Reform": ("pursues", "ongoing"), "PlanSet": ("pursues", "ongoing"), "FinancialInstrument": ("pursues", "ongoing"),
    "GuidingPrinciple": ("followsPrinciple", "achieved"), "PolicyDocument": ("issued", "achieved"),
}


def _actors(ctx: Context) -> None:
    """Who pursues a project, holds a goal, follows a principle, issued a document."""
    text = ctx.text
    for m in list(ctx.mentions):
        if m.cls not in _BY_CLASS or m.rule in ("number", "unnamed speaker"):
            continue
        prop, default = _BY_CLASS[m.cls]
        speaker = _speaker_at(ctx, m.start)
        if prop == "issued":
            _issuers(ctx, m, speaker)
            continue
        agent = _agent(ctx, m.start)
        if agent is None or agent == ctx.ids[m.label]:
            continue
        if prop == "pursues" and ctx.id_cls.get(agent) in _COMPANIES and not _acts_on(ctx, agent, m):
            continue  # a company pursues only what its clause says it builds, not every project after it
        if prop == "pursues" and ctx.ids[m.label] in ctx.owned:
            continue  # a company's project, its owner drafted as developedBy: no one else is said to pursue it
        c0, c1 = clause_bounds(text, m.start, m.end)
        modality = suggest(text, m.start, m.end, default)
        if m.cls == "Target" and modality in ("aspiration", "planned"):
            modality = "targeted"
        if prop == "hasGoal" and modality in ("achieved", "ongoing"):
            modality = default
        _add(ctx, f"{m.cls} → {prop}", c0, c1, modality, speaker, stem=prop.lower().replace(":", "-"),
             s=agent, p=prop, o=ctx.ids[m.label])
    for m in ctx.mentions:
        if m.cls == "Project":
            for ind in ctx.mentions:
                if ind.cls == "Industry" and m.start <= ind.start and ind.end <= m.end:
                    _add(ctx, "project industry", m.start, m.end, "achieved", _speaker_at(ctx, m.start),
                         stem="industry", s=ctx.ids[m.label], p="industry", o=ctx.ids[ind.label])
                    break


#: Between an issuer and its document: 印发, 关于印发, 发布了, 联合出台…
_ISSUES = re.compile(r"(?:联合)?(?:关于)?(?:印发|发布|出台|下发|颁布|制定|公布|出台了|印发了|发布了)(?:了)?$")
_ISSUERS = ("ManagementCommittee", "Government", "PartyWorkingCommittee", "PartyCommittee", "PublicBody",
            "org:Organization")


def _issuers(ctx: Context, doc: Mention, speaker: str | None) -> None:
    """Who issued a document: the bodies written right before 印发/发布/关于印发 and it (国务院办公厅
    印发《…》; A、B关于印发《…》的通知), and no one else: a document only cited (根据《…》) has no
    issuer in the draft."""
    text = ctx.text
    s0, _s1 = _sentence_bounds(text, doc.start, doc.end)
    bodies = ctx.within(_ISSUERS, max(s0, doc.start - 80), doc.start)
    if not bodies or not _ISSUES.search(text[bodies[-1].end:doc.start].strip("“ 　")):
        return
    chain = [bodies[-1]]
    for b in reversed(bodies[:-1]):  # A、B, A和B, A B: several issuers
        if re.fullmatch(r"[、和与及\s　]*", text[b.end:chain[-1].start]):
            chain.append(b)
        else:
            break
    modality = suggest(text, doc.start, doc.end, "achieved")
    modality = modality if modality in ("planned", "targeted") else "achieved"
    for b in reversed(chain):
        _add(ctx, "PolicyDocument → issued", b.start, doc.end, modality, speaker, stem="issued",
             s=ctx.ids[b.label], p="issued", o=ctx.ids[doc.label])


#: Between a company and what it pursues: 正在建设, 投资建设, 加快推进…
_DOES = re.compile(r"(?:正在|加快|全力|计划|拟|将|已|还|也)?(?:投资建设|建设|推进|实施|打造|开工建设|启动|投资|布局"
                   r"|谋划)")


def _acts_on(ctx: Context, agent: str, thing: Mention) -> bool:
    """Does the clause say that this company builds or runs ``thing`` (X正在建设Y项目)?"""
    c0, _c1 = clause_bounds(ctx.text, thing.start, thing.end)
    companies = [c for c in ctx.within(_COMPANIES, c0, thing.start) if ctx.ids[c.label] == agent]
    return bool(companies) and _DOES.fullmatch(ctx.text, companies[-1].end, thing.start) is not None


def _claims(ctx: Context) -> None:
    text = ctx.text
    for q0, q1, _attr in ctx.speech:
        speaker = _speaker_at(ctx, q0)
        if speaker is None:
            continue
        quoted = text[q0] == "“"
        inner0 = q0 + 1 if quoted else q0
        stop = min(i for i in (text.find("。", inner0), q1 - 1 if quoted else q1) if i >= 0)
        claim = text[inner0:stop].strip()
        if len(claim) < 4:
            continue
        about = next((m for m in ctx.mentions if q0 <= m.start < q1 and m.cls in (
            "DevelopmentZone", "Zone", "Company", "ManagementCommittee", "StateOwnedPlatformCompany")), None)
        _add(ctx, "quoted speech", inner0, inner0 + len(claim), "claimed", speaker, stem="claim",
             s=ctx.ids[about.label] if about else speaker, p="assessment", v=ctx.said(inner0, inner0 + len(claim)))


_COMPANIES = ("Company", "StateOwnedPlatformCompany")
_ZONES = ("DevelopmentZone", "Zone", "FunctionalArea")


#: Between an owner and its project's name: X投资建设的P, 由X投资的P, A与B合作的P.
_BUILT_BY_BEFORE = re.compile(r"(?:独资|全资|控股)?(?:投资建设|投资兴建|投资|建设|承建|开发|合作|共同投资"
                              r"|联合投资|合资建设|合作建设|投建|兴建)的"
                              r"|(?:与|和|同)[^，。；的]{1,16}?(?:合作|共同投资|联合投资|合资建设|合作建设|合资)的")
_BUILT_BY = re.compile(r"由([^，。；]{2,40}?)(?:与[^，。；]{1,20})?(?:投资建设|投资|建设|承建|开发)")


def _developers(ctx: Context) -> None:
    """A project's owner: a company written right before the project's name (…有限公司年产…项目), or
    由…投资建设 after it."""
    text = ctx.text
    for proj in ctx.within(("Project",), 0, len(text)):
        before = ctx.within(_COMPANIES, max(0, proj.start - 60), proj.start)
        owner = before[-1] if before and before[-1].end == proj.start else None
        if owner is None and before and _BUILT_BY_BEFORE.fullmatch(text, before[-1].end, proj.start):
            owner = before[-1]  # X投资建设的P, 由X投资的P
            partners = [b for b in before[:-1] if re.fullmatch(r"[与和及、]|与[^，。；]{0,8}", text[b.end:owner.start])]
            if partners and text[owner.end:proj.start].startswith(("合作", "共同", "联合")):
                for b in partners:  # A与B合作的P: both own it
                    ctx.owners.add((ctx.ids[proj.label], ctx.ids[b.label]))
                    ctx.owned.add(ctx.ids[proj.label])
                    _add(ctx, "project owner", b.start, proj.end, "achieved", _speaker_at(ctx, proj.start),
                         stem="developed-by", s=ctx.ids[proj.label], p="developedBy", o=ctx.ids[b.label])
        if owner is None:
            s0, s1 = _sentence_bounds(text, proj.start, proj.end)
            m = _BUILT_BY.search(text, proj.end, min(s1, proj.end + 60))
            if m and not re.search(r"[。；]", text[proj.end:m.start()]):
                inside = ctx.within(_COMPANIES, m.start(1), m.end(1))
                owner = inside[0] if inside else None
        if owner is not None:
            ctx.owners.add((ctx.ids[proj.label], ctx.ids[owner.label]))
            ctx.owned.add(ctx.ids[proj.label])
            _add(ctx, "project owner", min(owner.start, proj.start), max(owner.end, proj.end), "achieved",
                 _speaker_at(ctx, proj.start), stem="developed-by", s=ctx.ids[proj.label], p="developedBy",
                 o=ctx.ids[owner.label])


def _zone_members(ctx: Context) -> None:
    """What is in a zone: …位于/落户/入驻 a zone, a zone's name right before a project (主会场设在
    槐阳经济技术开发区…项目现场), a company a zone 培育/引进."""
    text = ctx.text
    for zone in ctx.within(_ZONES, 0, len(text)):
        s0, s1 = _sentence_bounds(text, zone.start, zone.end)
        lead = text[max(s0, zone.start - 4):zone.start]
        if re.search(r"(?:位于|落户|入驻|落地|坐落于|地处)$", lead):
            things = ctx.within((*_COMPANIES, "Project"), s0, zone.start)
            if things:
                _add(ctx, "located in a zone", things[-1].start, zone.end, "achieved", _speaker_at(ctx, zone.start),
                     stem="in-zone", s=ctx.ids[things[-1].label], p="inZone", o=ctx.ids[zone.label])
        m = re.compile(r"(?:培育|引进|孵化)的").match(text, zone.end)
        if m:
            things = ctx.within(_COMPANIES, s0, zone.start)
            if things:
                _add(ctx, "a zone's company", things[-1].start, m.end(), "achieved", _speaker_at(ctx, zone.start),
                     stem="in-zone", s=ctx.ids[things[-1].label], p="inZone", o=ctx.ids[zone.label])
        after = ctx.within((*_COMPANIES, "Project"), zone.end, min(s1, zone.end + 60))
        chain = [a for a in after if a.start == zone.end or (after and a.start == after[0].end)]
        projects = [a for a in chain if a.cls == "Project"]
        if projects:
            _add(ctx, "a project in a zone", zone.start, projects[0].end, "ongoing", _speaker_at(ctx, zone.start),
                 stem="in-zone", s=ctx.ids[projects[0].label], p="inZone", o=ctx.ids[zone.label])


_BROUGHT_IN = re.compile(r"(?:先后|陆续|相继|已|共)?(?:引进|引入|招引|吸引)(?:了)?")
#: A sentence about a zone's own projects: 全区/经开区… with 开工/签约/建设/推进.
_ZONE_SENTENCE = re.compile(r"全区|区内|经开区|开发区|高新区|园区")
_PROJECT_VERB = re.compile(r"开工|签约|建设|推进|投产|实施|竣工|落地")


def _zone_lists(ctx: Context) -> None:
    """Companies a zone brought in (先后引进A、B、C等龙头企业) and the projects a sentence about the
    zone lists (全区…A项目、B项目…开工) are in the article's zone."""
    text = ctx.text
    zone = _main_area(ctx, "区")
    if zone is None:
        return
    zid = ctx.ids[zone.label]
    for m in _BROUGHT_IN.finditer(text):
        s0, s1 = _sentence_bounds(text, m.start(), m.end())
        for company in ctx.within(_COMPANIES, m.end(), s1):
            if re.search(r"[。；]", text[m.end():company.start]):
                break
            _add(ctx, "brought in by the zone", m.start(), company.end, "achieved", _speaker_at(ctx, company.start),
                 stem="in-zone", s=ctx.ids[company.label], p="inZone", o=zid)
    done: set[str] = set()
    for proj in ctx.within(("Project",), 0, len(text)):
        s0, s1 = _sentence_bounds(text, proj.start, proj.end)
        pid = ctx.ids[proj.label]
        sentence = text[s0:s1]
        if pid in done or not (_ZONE_SENTENCE.search(sentence) or zone.label in sentence):
            continue
        if not _PROJECT_VERB.search(sentence) or ctx.within(_ZONES, s0, s1) and not any(
                z.label == zone.label or ctx.ids[z.label] == zid for z in ctx.within(_ZONES, s0, s1)):
            continue
        done.add(pid)
        _add(ctx, "a project of the zone", proj.start, proj.end, "ongoing", _speaker_at(ctx, proj.start),
             stem="in-zone", s=pid, p="inZone", o=zid)


_PRESENT = re.compile(r"出席|参加|主持|陪同|宣布|致辞|讲话|参会|见证|察看|调研|介绍项目")


def _participants(ctx: Context) -> None:
    """Who took part in the article's event: the people of a sentence that says 出席, 主持, 陪同…"""
    events = [m for m in ctx.mentions if m.cls == "Event"]
    if not events:
        return
    event = events[0]
    text = ctx.text
    seen: set[str] = set()
    for m in _PRESENT.finditer(text):
        s0, s1 = _sentence_bounds(text, m.start(), m.end())
        for person in ctx.within(("Person",), s0, m.end()):
            pid = ctx.ids[person.label]
            if pid in seen or re.search(r"记者|通讯员", text[max(s0, person.start - 4):person.start]):
                continue
            seen.add(pid)
            _add(ctx, "took part", person.start, m.end(), "achieved", None, stem="participant",
                 s=ctx.ids[event.label], p="participant", o=pid)


#: A zone's kind as news names it: its level (国家级, 省级) and its type (经济技术开发区, 高新区…).
_KIND_WORDS = re.compile(r"(?P<level>国家级|国家|省级)?(?P<type>经济技术开发区|经开区|高新技术产业开发区|高新区"
                         r"|综合保税区|综保区|开发区)")
_KIND_OF_TYPE = {"经济技术开发区": "kind-etdz", "经开区": "kind-etdz", "高新技术产业开发区": "kind-hitech-zone",
                 "高新区": "kind-hitech-zone", "综合保税区": "kind-bonded-zone", "综保区": "kind-bonded-zone"}
_KIND_OF_LEVEL = {"国家级": "kind-national-level", "国家": "kind-national-level", "省级": "kind-provincial-level"}
#: Verbs that give a zone its kind (升级为国家级经济技术开发区, 经…批准为省级开发区, 获批设立综合保税区).
_BECOMES = re.compile(r"(?:升级为|批准为|获批为|获批设立|定名为|批准设立|认定为|升格为|晋升为|获批成为|正式获批)")
#: A list of zones and what they all are (支持A、B等基础较好的省级开发区…).
_ZONES_ARE = re.compile(r"等[^，。；]{0,12}?的?(?=(?:国家级|省级)"
                        r"(?:经济技术开发区|经开区|高新技术产业开发区|高新区|开发区))")


def _kinds_in(words: str) -> list[str]:
    m = _KIND_WORDS.match(words)
    if m is None:
        return []
    kinds = [_KIND_OF_LEVEL[m["level"]]] if m["level"] else []
    if m["type"] in _KIND_OF_TYPE and (m["level"] or m["type"] != "开发区"):
        kinds.append(_KIND_OF_TYPE[m["type"]])
    return kinds


def _zone_kinds(ctx: Context) -> None:
    """升级为/批准为/获批…国家级经济技术开发区, 省级开发区, 国家高新技术产业开发区: the zone's level and
    type (zoneKind); A、B等…省级开发区: each zone of the list is of that level."""
    text = ctx.text
    for m in _BECOMES.finditer(text):
        kinds = _kinds_in(text[m.end():m.end() + 12])
        if not kinds:
            continue
        s0, _s1 = _sentence_bounds(text, m.start(), m.end())
        zones = [z for z in ctx.within(("DevelopmentZone", "Zone"), s0, m.start())
                 if not _KIND_WORDS.fullmatch(z.label)]
        if not zones:
            continue
        zone = zones[0]
        said = _KIND_WORDS.match(text, m.end())
        for kind in kinds:
            _add(ctx, "kind of zone", zone.start, said.end() if said else m.end(), "achieved", None, stem="zone-kind",
                 s=ctx.ids[zone.label], p="zoneKind", o=kind)
    for m in _ZONES_ARE.finditer(text):
        level = _KIND_WORDS.match(text, m.end())
        if level is None or not level["level"]:
            continue
        s0, _s1 = _sentence_bounds(text, m.start(), m.end())
        listed = ctx.within(("DevelopmentZone", "Zone"), s0, m.start())
        chain = listed[-1:] if listed and listed[-1].end == m.start() else []
        for z in reversed(listed[:-1]):
            if chain and text[z.end:chain[0].start] in ("、", "和", "及", "与"):
                chain.insert(0, z)
            else:
                break
        for zone in chain:
            _add(ctx, "kind of listed zones", zone.start, level.end(), "achieved", None, stem="zone-kind",
                 s=ctx.ids[zone.label], p="zoneKind", o=_KIND_OF_LEVEL[level["level"]])


#: A day written at a sentence's head (9月23日上午，…; 2月17日，…召开…).
_DAY_HEAD = re.compile(r"\d{4}-\d{2}-\d{2}$")
#: What an event does in its sentence: it is held on the day the sentence opens with.
_HELD = re.compile(r"举行|召开|举办|开幕|启动|开工|签约|揭牌|落幕|闭幕|召集")


def _event_days(ctx: Context) -> None:
    """When an event took place: a day that opens the sentence (its first words) that names the
    event and says it was held (9月23日上午，…集中开工活动在…举行)."""
    text = ctx.text
    done: set[str] = set()
    for event in ctx.within(("Event",), 0, len(text)):
        eid = ctx.ids[event.label]
        if eid in done:
            continue
        s0, s1 = _sentence_bounds(text, event.start, event.end)
        if not _HELD.search(text, s0, s1):
            continue
        if not ctx.time_starts:
            ctx.time_starts = [t.start for t in ctx.times]
        i = bisect_left(ctx.time_starts, s0)
        if i >= len(ctx.times):
            continue
        day = ctx.times[i]
        if day.start - s0 > 2 or day.end > event.start or not _DAY_HEAD.match(day.id):
            continue
        done.add(eid)
        _add(ctx, "event day", day.start, event.end, "achieved", None, stem="at-time", s=eid, p="atTime", o=day.id)


_BY_WHOM = re.compile(r"经([^，。；]{2,30}?)(?:批准|批复|同意)(?:设立|成立|为|升级|同意)?")


def _approved_through(ctx: Context) -> None:
    """经滨岳省人民政府批准为省级开发区: the zone of the sentence is approved by that body."""
    text = ctx.text
    for m in _BY_WHOM.finditer(text):
        bodies = ctx.within(("Government", "PartyCommittee", "PublicBody"), m.start(1), m.end(1))
        if len(bodies) != 1 or bodies[0].start != m.start(1) or bodies[0].end != m.end(1):
            continue  # the whole span between 经 and 批准 is one body
        s0, s1 = _sentence_bounds(text, m.start(), m.end())
        zones = ctx.within(("DevelopmentZone", "Zone"), s0, m.start())
        c0, c1 = clause_bounds(text, m.end(), m.end())
        after = ctx.within(("DevelopmentZone", "Zone"), m.end(), c1)
        zone = after[0] if after else zones[-1] if zones else None
        if zone is None:
            continue
        _add(ctx, "经…批准", min(zone.start, m.start()), max(zone.end, m.end()), "achieved", None,
             stem="approved-by", s=ctx.ids[zone.label], p="approvedBy", o=ctx.ids[bodies[0].label])


#: How far a project has come, as news says it (the rules read the simplified copy of a text), longest
#: first within a status; the first status whose words match wins, so 竣工投产 is in operation.
_STATUS_WORDS = (
    ("status-in-operation", "竣工投产|建成投产|通线投产|投产运营|投入运营|投入运行|交付使用|投入使用|投产|投运|投用"),
    ("status-trial-production", "试生产|试运行"),
    ("status-structure-complete", "完成主体施工|主体施工完成|主体完工|主体结构封顶|主体封顶|封顶"),
    ("status-completed", "竣工|建成(?![后为])|完工"),
    ("status-started", "开工建设|开工|动工"),
    ("status-signed", "签约"),
    ("status-under-way", "正在加快建设|加快建设|加紧建设|正在建设|建设中|在建"),
    ("status-behind-schedule", "进度相对滞后|进度滞后"),
)
_STATUS_RE = re.compile("|".join(f"(?P<s{i}>{words})" for i, (_s, words) in enumerate(_STATUS_WORDS)))
#: Words in a status's clause that make it a plan or an aim, not a fact.
_STATUS_PLANNED = re.compile(r"计划|拟|将|预计|准备|有望|年内|明年|下一步")
_STATUS_TARGETED = re.compile(r"力争|争取|确保|目标")
_STATUS_ONGOING = re.compile(r"正在|加快|加紧|在建|建设中|滞后")
#: A list's head that gives every project after it one status (签约项目中，…; 开工的项目有…).
_STATUS_HEAD = re.compile(r"(?P<w>签约|开工|竣工|投产)(?:的)?项目(?:中|有|包括)[，,:：]?")
#: A list's tail: …等23个项目竣工投产, …等重点项目集中开工.
_STATUS_TAIL = re.compile(r"等(?:\d+|[一二三四五六七八九十两百]+)?个?(?:重点|重大|省市重点|产业)?项目"
                          r"(?:集中|顺利|陆续|相继|全面|已)?")
#: Adverbs between a list and its status verb (…项目均已开工, …陆续投产).
_STATUS_ADVERBS = re.compile(r"(?:已|已经|均|都|正在|陆续|相继|先后|顺利|全面|集中|于"
                             r"|\d{1,2}月(?:\d{1,2}日)?|今年|年内|年底|底)*")
#: A later clause led by its own plan or a project word (，预计2026年6月交付使用; ，项目已建成投产).
_LATER_STATUS = re.compile(r"[，,](?P<lead>(?:项目|该项目|一期|二期)?"
                           r"(?:已|已经|计划|预计|拟|将|力争|争取|有望)[^，,。；;“”]{0,12}?)(?P<verb>"
                           + "|".join(words for _s, words in _STATUS_WORDS) + ")")


def _next_in_list(ctx: Context, prev: Mention, nxt: Mention) -> bool:
    """Is ``nxt`` the next item of the list ``prev`` is in: A、B, A和B, or A、<company>B (a project
    written after its owner)?"""
    gap = ctx.text[prev.end:nxt.start]
    if re.fullmatch(r"[、和及与]", gap):
        return True
    if not gap or gap[0] not in "、和及与" or len(gap) > 40:
        return False
    owners = ctx.within(_COMPANIES, prev.end + 1, nxt.start)
    return bool(owners) and owners[0].start == prev.end + 1 and owners[-1].end == nxt.start and all(
        a.end == b.start for a, b in zip(owners, owners[1:], strict=False))


def _status_of(words: str) -> str:
    m = _STATUS_RE.fullmatch(words) or _STATUS_RE.search(words)
    assert m is not None and m.lastgroup is not None
    return _STATUS_WORDS[int(m.lastgroup[1:])][0]


def _status_modality(ctx: Context, c0: int, verb: int, status: str) -> str:
    """Planned, targeted, ongoing or achieved, from the words of the status's clause before its verb."""
    lead = ctx.text[c0:verb]
    if _STATUS_TARGETED.search(lead):
        return "targeted"
    if _STATUS_PLANNED.search(lead) or _after_publication(ctx, _time_in(ctx, c0, verb)):
        return "planned"
    if status in ("status-under-way", "status-behind-schedule") or _STATUS_ONGOING.search(lead):
        return "ongoing"
    return "achieved"


def _statuses(ctx: Context) -> None:
    """How far a project has come (hasStatus): for a list (签约项目中，A…; A、B等23个项目竣工投产),
    a status verb right after the project in its clause (…项目正在加快建设, …项目已完成主体施工), or
    in a later clause of a sentence that names no other project (…工程…，预计2026年6月交付使用)."""
    text = ctx.text
    done: set[tuple[str, str]] = set()

    def put(proj: Mention, status: str, start: int, end: int, modality: str, rule: str) -> None:
        pid = ctx.ids[proj.label]
        if (pid, status) not in done:
            done.add((pid, status))
            _add(ctx, rule, min(start, proj.start), max(end, proj.end), modality, _speaker_at(ctx, proj.start),
                 stem="status", s=pid, p="hasStatus", o=status)

    for head in _STATUS_HEAD.finditer(text):
        status = _status_of(head["w"])
        _s0, s1 = _sentence_bounds(text, head.start(), head.end())
        stop = min(i for i in (text.find("；", head.end()), text.find(";", head.end()), s1) if i >= 0)
        for proj in ctx.within(("Project",), head.end(), stop):
            put(proj, status, head.start(), proj.end, "achieved", "status list head")
    projects = ctx.within(("Project",), 0, len(text))
    i = 0
    while i < len(projects):
        proj = projects[i]
        chain = [proj]  # A、B和C: one list, one status after it
        while i + len(chain) < len(projects) and _next_in_list(ctx, chain[-1], projects[i + len(chain)]):
            chain.append(projects[i + len(chain)])
        i += len(chain)
        s0, s1 = _sentence_bounds(text, proj.start, proj.end)
        c0, c1 = clause_bounds(text, chain[-1].start, chain[-1].end)
        lead = _STATUS_TAIL.match(text, chain[-1].end) if len(chain) > 1 else None
        if lead is None:
            lead = re.compile(r"[^，,。；;：:“”]{0,30}?" + _STATUS_TAIL.pattern).match(text, chain[-1].end)
        if lead is None and len(chain) > 1:
            lead = _STATUS_ADVERBS.match(text, chain[-1].end)
        if lead is not None:
            verb = _STATUS_RE.match(text, _STATUS_ADVERBS.match(text, lead.end()).end())  # type: ignore[union-attr]
            if verb is None and lead.group(0).startswith("等"):  # …等6个项目受…影响，进度相对滞后
                verb = _STATUS_RE.search(text, lead.end(), min(s1, lead.end() + 30))
                if verb is not None and (re.search(r"[；;]", text[lead.end():verb.start()]) or ctx.within(
                        ("Project", "Company", "StateOwnedPlatformCompany"), lead.end(), verb.start())):
                    verb = None
            if verb:
                status = _status_of(verb.group(0))
                for p in chain:
                    put(p, status, p.start, verb.end(), _status_modality(ctx, c0, verb.start(), status),
                        "status of a list")
                continue
        if len(chain) > 1:
            continue
        v = _STATUS_RE.search(text, proj.end, min(c1, proj.end + 16))
        if v is not None and not ctx.within(("Project", "Company", "StateOwnedPlatformCompany"), proj.end, v.start()) \
                and not re.match(r"仪式|活动|协议|合同|项目", text[v.end():v.end() + 2]):
            status = _status_of(v.group(0))
            put(proj, status, proj.start, v.end(), _status_modality(ctx, c0, v.start(), status), "status after project")
            continue
        if len(ctx.within(("Project",), s0, s1)) != 1:
            continue
        later = _LATER_STATUS.search(text, c1, s1)
        if later is not None:
            status = _status_of(later["verb"])
            put(proj, status, later.start("verb"), later.end("verb"),
                _status_modality(ctx, later.start("lead"), later.start("verb"), status), "status in a later clause")


#: A zone's leading industries: A、B两大主导产业, A、B和C三大支柱产业, 以A为主导.
_ITEM = r"[\u4e00-\u9fff]{2,10}?"
_LEADING_LIST = re.compile(rf"((?:{_ITEM}[、，,])*{_ITEM}(?:[和及与]{_ITEM})?)"
                           r"([两三四五六七八九十\d]+)大(?:主导|支柱|首位)产业|"
                           rf"以((?:{_ITEM}[、])*{_ITEM}(?:[和及与]{_ITEM})?)为主导")
#: Verbs that may lead the list and are no part of its first item.
_LIST_LEAD = re.compile(r".*?(?:已形成|形成了|形成|聚焦|发展|构建|培育|做强|壮大|拥有|确立|明确|围绕|即)")


def _leading_industries(ctx: Context) -> None:
    """A zone's leading industries (leadingIndustry): each item of 已形成A、B两大主导产业 or 以A为主导,
    for the zone its sentence names, else the zone the article is about."""
    text = ctx.text
    for m in _LEADING_LIST.finditer(text):
        group = next(g for g in (1, 3) if m.group(g))
        c0, _c1 = clause_bounds(text, m.start(group), m.start(group) + 1)
        start = min(m.start(group), max(c0, m.start(group) - 12))  # the first item may begin before the match
        lead = _LIST_LEAD.match(text, start, m.end(group))
        if lead:
            start = lead.end()
        elif start < m.start(group):
            zones = ctx.within(_ZONES, start, m.start(group) + 1)
            start = zones[-1].end if zones else m.start(group)
        items = text[start:m.end(group)]
        s0, _s1 = _sentence_bounds(text, m.start(), m.end())
        zones = ctx.within(_ZONES, s0, start)
        if not zones and ctx.within(("AdministrativeArea",), s0, start):
            continue  # a city's or a province's industries (汐川要…以A为主导): no zone's
        zone = zones[-1] if zones else _main_area(ctx, "区")
        if zone is None:
            continue
        parts = re.split(r"[、，,]", items)
        count = parse_quantity(m.group(2) + "个") if m.group(2) else None
        if count is not None and len(parts) < count:  # 半导体、生物医药和海洋装备三大: 和 parts the last two
            parts[-1:] = re.split(r"[和及与]", parts[-1], maxsplit=int(count) - len(parts))
        pos = start
        for part in parts:
            at = text.find(part, pos)
            pos = at + len(part)
            if not 2 <= len(part) <= 10 or at < 0:
                continue
            if part not in ctx.ids:
                said = ctx.said(at, at + len(part))
                ctx.add_entity({"id": ctx.new_entity_id("industry"), "type": "Industry", "zh": said,
                                "en": f"untranslated: {said}", **ctx.quote(at, at + len(part))},
                               Mention(part, "Industry", at, at + len(part), "leading industry"))
            speaker = _speaker_at(ctx, at)
            _add(ctx, "leading industry", at, m.end(), suggest(text, at, m.end(), "achieved"), speaker,
                 stem="leading-industry", s=ctx.ids[zone.label], p="leadingIndustry", o=ctx.ids[part])


def suggest_statements(ctx: Context) -> list[Suggested]:
    _numbers(ctx)
    _developers(ctx)
    _zone_members(ctx)
    _zone_lists(ctx)
    _participants(ctx)
    _zone_kinds(ctx)
    _approvals_and_listings(ctx)
    _approved_through(ctx)
    _event_days(ctx)
    _appointments(ctx)
    _posts(ctx)
    _stages(ctx)
    _statuses(ctx)
    _leading_industries(ctx)
    _actors(ctx)
    _claims(ctx)
    return ctx.out
