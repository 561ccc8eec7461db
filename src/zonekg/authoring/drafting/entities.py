"""Named entities with a suggested class: suffix rules over jieba's words, a few phrase
patterns that Chinese policy writing repeats (《…》, “…”改革, 坚持…, 打造…), and jieba's tags.

Every rule yields candidate labels; a last pass reads the text left to right and keeps, at
each place, the longest candidate, so that 豫商经济技术开发区 wins over 商经济技术开发区.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zonekg.authoring.drafting.quantities import stage_lists
from zonekg.authoring.drafting.text import TokenIndex

#: Label endings → class, longest first where they overlap (checked with endswith).
SUFFIXES: list[tuple[str, str]] = [
    ("管委会主任", "org:Post"), ("党工委书记", "org:Post"), ("党工委副书记", "org:Post"),
    ("副书记", "org:Post"), ("书记", "org:Post"), ("主任", "org:Post"), ("负责人", "org:Post"),
    ("董事长", "org:Post"), ("总经理", "org:Post"), ("市长", "org:Post"), ("区长", "org:Post"),
    ("管委会", "ManagementCommittee"), ("管理委员会", "ManagementCommittee"), ("党工委", "PartyWorkingCommittee"),
    ("省委", "PartyCommittee"), ("市委", "PartyCommittee"), ("县委", "PartyCommittee"), ("区委", "PartyCommittee"),
    ("人民政府", "Government"), ("省政府", "Government"), ("市政府", "Government"), ("县政府", "Government"),
    ("国有平台公司", "StateOwnedPlatformCompany"), ("集团", "Company"), ("公司", "Company"), ("有限公司", "Company"),
    ("工作站", "TalentWorkstation"), ("设计院", "org:Organization"), ("研究院", "org:Organization"),
    ("协会", "org:Organization"), ("商会", "org:Organization"), ("联盟", "org:Organization"),
    ("城市设计", "Plan"), ("总体规划", "Plan"), ("专项规划", "Plan"), ("规划", "Plan"),
    ("管理办法", "PolicyDocument"), ("办法", "PolicyDocument"), ("政策", "PolicyDocument"), ("条例", "PolicyDocument"),
    ("实施意见", "PolicyDocument"), ("方案", "PolicyDocument"),
    ("项目", "Project"), ("工程", "Project"),
    ("产业园", "Facility"), ("厂区", "Facility"), ("车间", "Facility"), ("陆港", "Facility"), ("存车场", "Facility"),
    ("生产线", "Facility"), ("基地", "Facility"), ("码头", "Facility"), ("物流园", "Facility"), ("工厂", "Facility"),
    ("经济技术开发区", "DevelopmentZone"), ("开发区", "DevelopmentZone"), ("高新区", "DevelopmentZone"),
    ("经开区", "DevelopmentZone"), ("综合保税区", "DevelopmentZone"),
    ("化工园区", "FunctionalArea"), ("园区", "FunctionalArea"), ("起步区", "FunctionalArea"),
    ("片区", "FunctionalArea"),
    ("组团", "FunctionalArea"), ("示范区", "Zone"), ("新区", "Zone"),
]
SUFFIXES.sort(key=lambda p: -len(p[0]))
#: Words that end a class name but are too generic alone.
_BARE = {s for s, _ in SUFFIXES} - {"省委", "市委", "县委", "区委", "省政府", "市政府", "县政府", "示范区", "起步区",
                                     "化工园区"}
#: Verbs that jieba tags as nouns (vn) but that start no name: 建设新能源电池产业园 names 新能源电池产业园.
_LEADING_VERBS = re.compile(r"(?:加快|推进|推动|建设|引进|实施|打造|启动|新建|新开工|开工|计划|完成)+")
#: Words before 产业/企业/项目 that make the thing an industry (heads of industry names).
_INDUSTRY_HEADS = ("材料", "制造", "信息", "物流", "汽车", "能源", "装备", "电子", "商贸", "医药", "食品", "纺织",
                   "化工", "半导体", "芯片", "软件", "服务", "旅游", "农业", "冷链", "专用车", "零部件", "光伏", "储能")
#: Classes by family, for matching a suggestion against a reviewed class.
FAMILIES = {
    "person": {"Person"},
    "post": {"org:Post"},
    "organisation": {"ManagementCommittee", "PartyWorkingCommittee", "PartyCommittee", "Government", "Company",
                     "StateOwnedPlatformCompany", "TalentWorkstation", "org:Organization", "NewsOutlet"},
    "place": {"DevelopmentZone", "Zone", "FunctionalArea", "Facility", "AdministrativeArea"},
    "activity": {"Project", "Event", "ApprovalEvent"},
    "policy": {"Plan", "PlanSet", "Programme", "Initiative", "OperatingMechanism", "FinancialInstrument", "Reform",
               "PolicyDocument", "GuidingPrinciple"},
    "goal": {"Goal", "Positioning", "GoalStage", "Target"},
    "concept": {"Industry", "Indicator"},
    "data": {"Observation"},
}


def family(cls: str) -> str:
    for name, members in FAMILIES.items():
        if cls in members:
            return name
    return cls


@dataclass
class Mention:
    """A drafted entity: label, suggested class, where it is first said, and by which rule."""

    label: str
    cls: str
    start: int
    end: int
    rule: str
    matched: str | None = None  # id of an entity already in the graph
    extra: dict = field(default_factory=dict)


@dataclass
class Known:
    """An entity already defined in some fact sheet."""

    id: str
    cls: str
    zh: str
    en: str
    alt_zh: list[str]
    sheet: str


#: Common surnames, so that jieba's person tag (often wrong on rare words) needs a likely surname.
_SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余"
                "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")


class _Candidates:
    def __init__(self) -> None:
        self.by_label: dict[str, tuple[str, str]] = {}

    def add(self, label: str, cls: str, rule: str) -> None:
        label = label.strip().lstrip("了的在对将把被为与和及")
        if len(label) < 2 or label in self.by_label or label in _BARE:
            return
        if label[0] in "的和与及、" or any(c in label for c in "。,，\n"):
            return
        self.by_label[label] = (cls, rule)


def _suffix_rule(text: str, idx: TokenIndex, cands: _Candidates) -> None:
    for suffix, cls in SUFFIXES:
        for m in re.finditer(re.escape(suffix), text):
            end = m.end()
            if text[end:end + 1] and text[end:end + 1] in "司团委会":  # 公司 inside 有限公司 etc.
                continue
            start = idx.chain_left(m.start()) if m.start() > 0 else m.start()
            lead = _LEADING_VERBS.match(text, start, m.start())
            if lead:
                start = lead.end()
            label = text[start:end]
            if suffix == "政策" and re.match(r"\d+条", text[end:end + 4]):
                label += re.match(r"\d+条", text[end:end + 4]).group(0)
            if label == suffix and suffix in _BARE:
                continue
            cands.add(label, cls, f"suffix {suffix}")


def _pattern_rules(text: str, idx: TokenIndex, cands: _Candidates) -> None:
    for items in stage_lists(text):
        for _order, label, _start, _end in items:
            cands.add(label, "GoalStage", "“一年…、二年…”")
    for m in re.finditer(r"《[^》\n]{2,60}》", text):
        cands.add(m.group(0), "PolicyDocument", "title marks 《》")
    for m in re.finditer(r"(全省|全市|全国)?“([^”\n]{1,20})”(?:[\u4e00-\u9fff]{0,4}?)(改革|运行机制|机制|理念)", text):
        cls = {"改革": "Reform", "运行机制": "OperatingMechanism", "机制": "OperatingMechanism",
               "理念": "GuidingPrinciple"}
        cands.add(m.group(0)[len(m[1] or ""):], cls[m[3]], f"“…”{m[3]}")
    for m in re.finditer(r"(全省|全市|全国)?“([^”\n]{1,20}(工程|计划|行动))”", text):
        cands.add(m.group(0), "Programme", "“…工程”")
    for m in re.finditer(r"推行“([^”\n]{2,20})”", text):
        cands.add(m.group(0)[2:], "Reform", "推行“…”")
    for m in re.finditer(r"“([^”\n]{2,40})”的(?:目标定位|定位)", text):
        cands.add(m[1], "Positioning", "“…”的定位")
    for m in re.finditer(r"[“‘]([^”’\n]{2,60})[”’]的(?:发展)?目标", text):
        if not re.match(r"[一二三四五六七八九十]+年", m[1]):
            cands.add(m[1], "Goal", "“…”的目标")
    for m in re.finditer(r"“([一二三四五六七八九十]{2,8})”([\u4e00-\u9fff]{0,4}目标)", text):
        cands.add(m.group(0), "Goal", "“一二三五”目标")
    for m in re.finditer(r"(?:坚持|秉持)([^,，。;；:：“”]{2,40})", text):
        parts = m[1].split("、")
        if all(2 <= len(p) <= 8 for p in parts):
            for p in parts:
                cands.add(p, "GuidingPrinciple", "坚持…")
    for m in re.finditer(r"做到([^,，。;；]{4,60})", text):
        if "、" in m[1]:
            cands.add(m[1], "GuidingPrinciple", "做到…")
    for m in re.finditer(r"(?:打造|营造|建成|建设成为?|成为)([^,，。;；“”]{2,40})", text):
        obj = m[1]
        if text[m.start() - 1:m.start()] in "“‘" or obj.endswith(("项目", "工程")) or len(obj) < 4:
            continue
        cls = "Target" if re.search(r"\d|千亿|百亿|万亿", obj) else "Goal"
        cands.add(obj, cls, "打造…")
    for m in re.finditer(r"((?:引进|吸引)[^,，。;；]{4,40}(?:企业|产业|团队|人才|开发区))", text):
        if not m[1].endswith("项目"):
            cands.add(m[1], "Goal", "引进…")
    for m in re.finditer(r"(?:持续|不断|进一步)?完善([^,，。;；]{2,40})", text):
        full = m.group(0)
        if m[1].startswith(("得", "了")):
            continue
        cls = "Goal" if "等" in full else "Initiative"
        cands.add(full if full.startswith("持续") else full[full.index("完善"):], cls, "完善…")
    for m in re.finditer(r"(?:推进|推动|开辟|实施|争取|全面推进)([^,，。;；]{3,40})", text):
        obj = m[1]
        obj = re.sub(r"^(?:了|着|多个|国家级)", "", obj)
        if re.search(r"[、]", obj) and obj.endswith("项目建设"):
            for part in re.split(r"[、和]", obj[: obj.rfind("等") if "等" in obj else len(obj) - 4]):
                cands.add(part, "Facility", "推进…等项目建设")
            continue
        if obj.endswith("建设") and not obj.endswith("工程建设"):
            cands.add(obj, "Project", "推进…建设")
        elif obj.endswith(("工作", "强链", "“直通车”", "直通车")):
            cands.add(obj, "Initiative", "推进…工作")
        elif obj.endswith("金融工具"):
            cands.add(obj, "FinancialInstrument", "争取…金融工具")
        elif obj.endswith("发展") and len(obj) <= 8:
            cands.add(obj, "Goal", "推进…发展")
    for m in re.finditer(r"来源[:：]\s*([^\s\n]{2,30})", text):
        cands.add(m[1], "NewsOutlet", "来源:")
    for m in re.finditer(r"([\u4e00-\u9fff]{2,8}网)(?=用户|-|－)", text):
        start = idx.chain_left(m.end())
        cands.add(text[start:m.end()], "NewsOutlet", "…网")
    for m in re.finditer(r"(?:\d+(?:大类)?\d*项)[\u4e00-\u9fff]{0,4}?规划(?:项目)?", text):
        start = m.start()
        cands.add(text[start:m.end()], "PlanSet", "N项…规划")
    for m in re.finditer(r"(?:千亿级|百亿级|万亿级)?([\u4e00-\u9fff]{1,3}(?:额|总值|产值|增加值|收入))", text):
        start = idx.chain_left(m.end(1))
        if m.end(1) - start <= 6 and re.search(r"\d|千亿|百亿|万亿|完成|达到|增长", text[m.start() - 6:m.end() + 8]):
            cands.add(text[start:m.end(1)], "Indicator", "…额")
    for m in re.finditer(r"(?:完成|实现|达到)([\u4e00-\u9fff]{2,8}?)\s*\d", text):
        cands.add(m[1], "Indicator", "完成… N")
    for m in re.finditer(r"([A-Za-z\u4e00-\u9fff]{2,6})(?:完成|达到|实现)\s*\d", text):
        start = idx.chain_left(m.end(1))
        label = text[start:m.end(1)]
        label = re.sub(r"^全(?:区|市|省|县)", "", label)
        cands.add(label, "Indicator", "…完成 N")


def _industry_rules(text: str, idx: TokenIndex, cands: _Candidates) -> None:
    item = r"[\u4e00-\u9fff]{2,8}"
    for m in re.finditer(rf"((?:{item}、)+{item}(?:和{item})?)(?:等\d+个[^,，。]{{0,8}}?)?产业(?!园)", text):
        parts = re.split(r"[、和]", m[1])
        if any(re.match(r"[一二三四五六七八九十]+年", p) for p in parts):
            continue
        first_end = m.start(1) + len(parts[0])
        parts[0] = text[idx.chain_left(first_end, m.start(1)):first_end]
        for p in parts:
            cands.add(p, "Industry", "list …产业")
    for m in re.finditer(r"(?:产业|企业)(?!园|链|布局|发展|集聚|组团|集群|功能|支撑|塑城)", text):
        start = idx.chain_left(m.start(), extra=frozenset({"m"}))
        label = re.sub(r"^(?:多家|\d+家|多个|在|对)", "", text[start:m.start()])
        if 2 <= len(label) <= 8 and label.endswith(_INDUSTRY_HEADS):
            cands.add(label, "Industry", "…产业")
    for label in [lab for lab, (cls, _) in cands.by_label.items() if cls == "Project"]:
        head = re.sub(r"“[^”]*”|产业项目$|项目$|产业$", "", label)
        head = re.sub(r"产业$", "", head)
        if 2 <= len(head) <= 8 and head.endswith(_INDUSTRY_HEADS):
            cands.add(head, "Industry", "…项目")


def _person_rules(text: str, idx: TokenIndex, cands: _Candidates) -> None:
    for t in idx.tokens:
        if t.flag in ("nr", "nrfg") and 2 <= len(t.word) <= 3 and t.word[0] in _SURNAMES:
            cands.add(t.word, "Person", "jieba nr")
        if t.flag == "ns" and len(t.word) >= 3 and t.word.endswith(("省", "市", "县", "州")):
            cands.add(t.word, "AdministrativeArea", "jieba ns")
    for m in re.finditer(r"(?:书记|主任|负责人|董事长|总经理|市长|区长|记者)\s*([\u4e00-\u9fff]{2,3}?)"
                         r"(?:说|表示|指出|介绍|\s)", text):
        cands.add(m[1], "Person", "post + name + 说")


def find_entities(text: str, idx: TokenIndex, known: list[Known]) -> list[Mention]:
    """Candidates from every rule, then the longest at each place in reading order."""
    cands = _Candidates()
    for k in known:
        for label in [k.zh, *k.alt_zh]:
            if len(label) >= 2 and label in text:
                cands.by_label.setdefault(label, (k.cls, f"known {k.id}"))
    _pattern_rules(text, idx, cands)
    _suffix_rule(text, idx, cands)
    _industry_rules(text, idx, cands)
    _person_rules(text, idx, cands)
    by_label = {k_label: k for k in known for k_label in [k.zh, *k.alt_zh]}
    found: dict[str, Mention] = {}
    tails: dict[tuple[str, str], list[str]] = {}
    for label, (cls, _rule) in cands.by_label.items():
        for i in range(1, len(label) - 1):
            tails.setdefault((label[i:], cls), []).append(label)
    for label, (cls, rule) in cands.by_label.items():
        pos = _first_standalone(text, label, tails.get((label, cls), []))
        if pos is None:
            continue
        k = by_label.get(label)
        found[label] = Mention(label, k.cls if k else cls, pos, pos + len(label), rule, k.id if k else None)
    return sorted(found.values(), key=lambda m: (m.start, -len(m.label)))


def _first_standalone(text: str, label: str, longer: list[str]) -> int | None:
    """The first place where ``label`` is not the tail of a longer candidate of the same class."""
    for m in re.finditer(re.escape(label), text):
        if not any(text[max(0, m.end() - len(lab)):m.end()] == lab for lab in longer):
            return m.start()
    return None
