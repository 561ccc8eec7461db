"""Named entities with a suggested class: the NER model's people, places and organisations
(:mod:`~zonekg.authoring.drafting.ner`), and the zone rules on top: suffix rules over the model's
words, bodies in lists and alone, projects with brackets and phases, companies and their short
forms, posts and the people after them, and the phrase patterns policy writing repeats (《…》,
“…”改革, 坚持…, 打造…).

Every rule yields candidate labels; a last pass reads the text left to right and keeps, at
each place, the longest candidate, so that 豫商经济技术开发区 wins over 商经济技术开发区.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from zonekg.authoring.drafting import ner
from zonekg.authoring.drafting.quantities import stage_lists
from zonekg.authoring.drafting.text import TokenIndex, find_all

#: Label endings → class, longest first where they overlap (checked with endswith).
SUFFIXES: list[tuple[str, str]] = [
    ("管委会主任", "org:Post"), ("党工委书记", "org:Post"), ("党工委副书记", "org:Post"),
    ("副书记", "org:Post"), ("书记", "org:Post"), ("主任", "org:Post"), ("负责人", "org:Post"),
    ("董事长", "org:Post"), ("总经理", "org:Post"), ("市长", "org:Post"), ("区长", "org:Post"),
    ("管委会", "ManagementCommittee"), ("管理委员会", "ManagementCommittee"), ("党工委", "PartyWorkingCommittee"),
    ("省委", "PartyCommittee"), ("市委", "PartyCommittee"), ("县委", "PartyCommittee"), ("区委", "PartyCommittee"),
    ("人民政府", "Government"), ("省政府", "Government"), ("市政府", "Government"), ("县政府", "Government"),
    ("国有平台公司", "StateOwnedPlatformCompany"), ("集团", "Company"), ("公司", "Company"), ("有限公司", "Company"),
    ("株式会社", "Company"),
    ("工作站", "TalentWorkstation"), ("设计院", "org:Organization"), ("研究院", "org:Organization"),
    ("协会", "org:Organization"), ("商会", "org:Organization"), ("联盟", "org:Organization"),
    ("城市设计", "Plan"), ("总体规划", "Plan"), ("专项规划", "Plan"), ("规划", "Plan"),
    ("管理办法", "PolicyDocument"), ("办法", "PolicyDocument"), ("政策", "PolicyDocument"), ("条例", "PolicyDocument"),
    ("实施意见", "PolicyDocument"), ("方案", "PolicyDocument"),
    ("项目", "Project"), ("工程", "Project"),
    ("产业园", "Facility"), ("厂区", "Facility"), ("车间", "Facility"), ("陆港", "Facility"), ("存车场", "Facility"),
    ("基地", "Facility"), ("码头", "Facility"), ("物流园", "Facility"), ("工厂", "Facility"),
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


#: Common surnames: a name after a post that the model did not tag as a person needs one.
_SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余"
                "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")


_ZONE_CLASSES = ("DevelopmentZone", "Zone", "FunctionalArea")
#: A zone phrase that starts like this is a kind of zone (国家级经济技术开发区), not a name.
_NOT_A_NAME = re.compile(r"(?:国家|省级|市级|区级|全国|全省|全市|全区|现行|各|该|本|其他|一批|多个|单个|保障|沿海|内地"
                         r"|增速|所有|全部|其中|一个|两个|\d)|.*(?:国家级|省级|居全)")
#: A project name's head that only qualifies 项目 (重点项目, 58个项目, 首个德资项目): no name.
_GENERIC_PROJECT = re.compile(r"^(?:(?:\d+|[一二三四五六七八九十两百]+|多|更多)(?:个|项|大|批|余个|多个|$)|首个?"
                              r"|一批|各|全市|全区|全省|省市?|市)"
                              r"|^.{0,3}(?:重点|重大|工业|产业|配套|开工|签约|在建|新建|续建|招商|德资|港资|外资|台资|民生|以上)$"
                              r"|(?:[省市区县]|\d月|季度|年)(?:重点|重大|工业|产业|配套|开工|签约|在建|新建|续建|招商)$")
#: What follows a zone's name in its own platform company's name (槐阳经开区建设投资集团有限公司).
_PLATFORM_WORDS = re.compile(r"建设|投资|控股|发展|开发|城投|城建|实业|运营|资产|国有|国资|产业投资|产业发展|科创")
#: A plan named by its kind only.
_GENERIC_PLAN = re.compile(r"(?:“[^”]{2,6}”|新一轮|[一-龥]{0,2}年度)?(?:土地利用总体|城乡|国土空间|项目|产业|发展"
                           r"|专项|详细|控制性详细|总体|区域|产业发展)?规划(?:纲要)?")
#: Words that continue an organisation's name after a short name the model tagged as a person (卓峰资本).
_ORG_TAIL = re.compile(r"资本|集团|控股|股份|基金|科技|新材料|实业|投资|银行|证券|智能|能源|物流|医药|生物|电子|汽车"
                       r"|重工|装备")
#: A document number (崇发改开放〔2024〕12号): no person's name inside it.
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}〔\d{4}〕\d+号")
#: A zone written before a company's own name (槐阳经济技术开发区崇岭嘉铝新材料有限公司).
_ZONE_FIRST = re.compile(r"^[\u4e00-\u9fff]{2,12}?(?:经济技术开发区|开发区|高新区|经开区|园区)"
                         r"(?=[\u4e00-\u9fff（）()]{4,})")
#: A province written before a zone's own name.
_PROVINCE_FIRST = re.compile(r"[\u4e00-\u9fff]{2,3}省(?=[\u4e00-\u9fff]{2,}(?:开发区|高新区|经开区|保税区|新区))")
#: Words the post + name rule must not take for a name.
_NOT_NAMES = frozenset("表示 提问 介绍 指出 强调 主持 出席 参加 陪同 宣布 致辞 讲话 要求 汇报 认为 一行 同志 等人 分别 "
                       "带队 调研 率队 发言 现场 会议 会上".split())


#: What news writes before a company's name that is no part of it: its country, or what kind of
#: company it is (德国斐乐克自动化有限公司, 配套企业潆州恒锐精密玻璃有限公司).
COUNTRIES = ("德国", "日本", "美国", "韩国", "新加坡", "法国", "英国", "意大利", "荷兰", "瑞士", "瑞典", "丹麦", "芬兰",
             "挪威", "奥地利", "比利时", "西班牙", "以色列", "加拿大", "澳大利亚", "新西兰", "泰国", "越南", "马来西亚",
             "印度尼西亚", "印度", "俄罗斯", "巴西", "阿联酋", "沙特", "卢森堡", "爱尔兰")
_BEFORE_COMPANY = re.compile(r"^(?:(?:" + "|".join(sorted(COUNTRIES, key=len, reverse=True))
                             + r")(?=[\u4e00-\u9fff]{4})"
                             r"|(?:配套|龙头|重点|骨干|链主|外资|港资|台资|民营|国有)?企业(?=[\u4e00-\u9fff]{4}))")


#: A year's list of a province's or city's key projects (2025年河南省重点建设项目): a programme, no project.
_PROGRAMME_OF_PROJECTS = re.compile(r"(?:\d{4}年(?:度)?)?[\u4e00-\u9fff]{0,4}?[省市县区]?(?:级)?重[点大]"
                                    r"(?:建设|产业|工业|基础设施)?(?:项目|工程)$")
#: 3市开发区, 市开发区: a count's unit and a kind of zone, no zone's name.
_COUNTED_ZONES = re.compile(r"(?:^|\d|[两三四五六七八九十])[市县省区镇](?:开发区|高新区)$")


class _Candidates:
    def __init__(self) -> None:
        self.by_label: dict[str, tuple[str, str]] = {}

    def add(self, label: str, cls: str, rule: str, bare: bool = False) -> None:
        """Add a candidate; ``bare`` lets a class word alone in (市长 right before a name)."""
        label = label.strip().lstrip("了的在对将把被为与和及”’」』）)、，,。；;：:！？!?")
        if len(label) < 2 or label in self.by_label or (label in _BARE and not bare):
            return
        if label[0] in "的和与及、" or any(c in label for c in "。,，\n"):
            return
        if cls in _ZONE_CLASSES and (_NOT_A_NAME.match(label) or _COUNTED_ZONES.search(label)):
            return  # 3市开发区: a count's unit and a kind of zone, no name
        if cls == "Company" and re.fullmatch(r"(?:上市|子|母|分|总|控股|合资|独资|参股|平台|国有|民营)公司", label):
            return  # 上市公司: a kind of company
        if cls in _ZONE_CLASSES and (m := _PROVINCE_FIRST.match(label)):
            label = label[m.end():]  # 湄东省汐川高新技术产业开发区: the zone's name starts after the province
        if cls in ("Company", "Facility") and (m := _ZONE_FIRST.match(label)) and not label.endswith(
                ("开发区", "高新区", "经开区")) and not _PLATFORM_WORDS.match(label, m.end()):
            label = label[m.end():]  # (槐阳经开区建设投资集团有限公司 stays whole: the zone's own platform)
        if cls == "Company" and re.match(r"(?:今年|去年|明年)?\d{1,2}(?:[-—–至]\d{1,2})?月份?", label):
            return  # 1-5月公司: a time, then 公司 (the company of the sentence), no name
        if cls == "Company" and (m := _BEFORE_COMPANY.match(label)) and len(label) - m.end() >= 4:
            label = label[m.end():]  # 德国斐乐克自动化有限公司, 配套企业潆州恒锐…: the name starts after
        if cls in ("Company", "StateOwnedPlatformCompany") and (
                "+" in label or label in ("平台公司", "公司", "该公司")
                or label.startswith(("党工委", "管委会", "平台"))):
            return  # 党工委（管委会）+平台公司: a kind of company, no name
        if "会同" in label:
            return  # 省商务厅会同省发展改革委: two bodies, each found alone
        if cls == "Plan" and _GENERIC_PLAN.fullmatch(label):
            return  # 国土空间规划, “十四五”规划: a kind of plan, no name
        if cls == "Project" and _PROGRAMME_OF_PROJECTS.match(label):
            return  # 2025年省重点建设项目: a list projects are put on, no project
        if cls == "Project":
            head = re.sub(r"(?:[（(][^）)]*[）)])?(?:项目|工程)$", "", label)
            if len(head) < 4 or _GENERIC_PROJECT.search(head) or re.match(
                    r"保障|支持|推进|加快|实施|谋划|储备|服务|做好|抓好|推动|围绕|聚焦|包括|涉及", head):
                return  # 保障开发区重大产业项目: a verb and a kind of project, no name
        if cls == "Facility" and label.endswith(("车间", "生产线")) and len(label) < 8:
            return  # 企业生产车间: a workshop is a name only with its owner's (河南福田智蓝新能源汽车生产车间)
        if cls == "Event" and re.search(r"[、，]|出席|参加|主持|要以|上下", label):
            return
        if cls == "AdministrativeArea" and re.search(r"[建城开上]市$", label):
            return
        if cls == "FunctionalArea" and re.fullmatch(r"[\u4e00-\u9fff]园区", label):
            cls = "AdministrativeArea"  # 梁园区: a city's district, not an industrial park
        if cls == "PolicyDocument" and not label.startswith("《") and (
                len(label) < 5 or re.match(r"支持|用|足|要|出台|落实|相关|有关|各项", label)):
            return
        self.by_label[label] = (cls, rule)


def _suffix_rule(text: str, idx: TokenIndex, cands: _Candidates) -> None:
    for suffix, cls in SUFFIXES:
        if cls == "Project":
            continue  # _project_rules: owners before the name are not part of it
        for at in find_all(text, suffix):
            m = _At(at, at + len(suffix))
            end = m.end()
            if text[end:end + 1] and text[end:end + 1] in "司团委会" or text[end:end + 2] in ("有限", "股份"):
                continue  # 公司 inside 有限公司, 集团 inside 集团有限公司
            if cls in ("Company", "Project"):
                start = _walk_name_left(text, idx, m.start())
            else:
                start = idx.chain_left(m.start()) if m.start() > 0 else m.start()
            glued = _GLUED_AT.match(text, start, m.start())
            if glued:
                start = glued.end()
            lead = _LEADING_VERBS.match(text, start, m.start())
            if lead:
                start = lead.end()
            label = text[start:end]
            articles = re.match(r"\d+条", text[end:end + 4]) if suffix == "政策" else None
            if articles:
                label += articles.group(0)
            if label == suffix and suffix in _BARE:
                continue
            cands.add(label, cls, f"suffix {suffix}")


# Phrase rules, one row each: (pattern, handler).  A handler gets the match, the text, the
# token index and the candidates; most add one label with a class and the rule's name.

_Handler = Callable[[re.Match[str], str, TokenIndex, "_Candidates"], None]


def _whole(cls: str, rule: str, group: int = 0) -> _Handler:
    """A handler that adds the match (or one group of it) as a label of ``cls``."""
    def handle(m: re.Match[str], _text: str, _idx: TokenIndex, cands: _Candidates) -> None:
        cands.add(m.group(group), cls, rule)
    return handle


def _quoted_mechanism(m: re.Match[str], _text: str, _idx: TokenIndex, cands: _Candidates) -> None:
    cls = {"改革": "Reform", "运行机制": "OperatingMechanism", "机制": "OperatingMechanism", "理念": "GuidingPrinciple"}
    cands.add(m.group(0)[len(m[1] or ""):], cls[m[3]], f"“…”{m[3]}")


def _goal_in_quotes(m: re.Match[str], _text: str, _idx: TokenIndex, cands: _Candidates) -> None:
    if not re.match(r"[一二三四五六七八九十]+年", m[1]):
        cands.add(m[1], "Goal", "“…”的目标")


def _principles(m: re.Match[str], _text: str, _idx: TokenIndex, cands: _Candidates) -> None:
    parts = m[1].split("、")
    if all(2 <= len(p) <= 8 for p in parts):
        for p in parts:
            cands.add(p, "GuidingPrinciple", "坚持…")


def _achieve(m: re.Match[str], _text: str, _idx: TokenIndex, cands: _Candidates) -> None:
    if "、" in m[1]:
        cands.add(m[1], "GuidingPrinciple", "做到…")


def _build_into(m: re.Match[str], text: str, _idx: TokenIndex, cands: _Candidates) -> None:
    obj = m[1]
    if text[m.start() - 1:m.start()] in "“‘" or obj.endswith(("项目", "工程")) or len(obj) < 4:
        return
    cands.add(obj, "Target" if re.search(r"\d|千亿|百亿|万亿", obj) else "Goal", "打造…")


def _attract(m: re.Match[str], _text: str, _idx: TokenIndex, cands: _Candidates) -> None:
    if not m[1].endswith("项目"):
        cands.add(m[1], "Goal", "引进…")


def _improve(m: re.Match[str], _text: str, _idx: TokenIndex, cands: _Candidates) -> None:
    full = m.group(0)
    if m[1].startswith(("得", "了")):
        return
    cands.add(full if full.startswith("持续") else full[full.index("完善"):], "Goal" if "等" in full else "Initiative",
              "完善…")


#: What the object of 推进/推动/实施… is, by its ending.
_PUSH_ENDINGS: list[tuple[tuple[str, ...], str, str]] = [
    (("工作", "强链", "“直通车”", "直通车"), "Initiative", "推进…工作"),
    (("金融工具",), "FinancialInstrument", "争取…金融工具"),
]


def _push(m: re.Match[str], _text: str, _idx: TokenIndex, cands: _Candidates) -> None:
    obj = re.sub(r"^(?:了|着|多个|国家级)", "", m[1])
    if "、" in obj and obj.endswith("项目建设"):
        for part in re.split(r"[、和]", obj[: obj.rfind("等") if "等" in obj else len(obj) - 4]):
            cands.add(part, "Facility", "推进…等项目建设")
        return
    if obj.endswith("建设") and not obj.endswith("工程建设"):
        cands.add(obj, "Project", "推进…建设")
        return
    for endings, cls, rule in _PUSH_ENDINGS:
        if obj.endswith(endings):
            cands.add(obj, cls, rule)
            return
    if obj.endswith("发展") and len(obj) <= 8:
        cands.add(obj, "Goal", "推进…发展")


def _outlet_site(m: re.Match[str], text: str, idx: TokenIndex, cands: _Candidates) -> None:
    cands.add(text[idx.chain_left(m.end()):m.end()], "NewsOutlet", "…网")


def _indicator_amount(m: re.Match[str], text: str, idx: TokenIndex, cands: _Candidates) -> None:
    start = idx.chain_left(m.end(1))
    if m.end(1) - start <= 6 and re.search(r"\d|千亿|百亿|万亿|完成|达到|增长", text[m.start() - 6:m.end() + 8]):
        cands.add(text[start:m.end(1)], "Indicator", "…额")


def _indicator_before(m: re.Match[str], text: str, idx: TokenIndex, cands: _Candidates) -> None:
    label = re.sub(r"^全(?:区|市|省|县)", "", text[idx.chain_left(m.end(1)):m.end(1)])
    cands.add(label, "Indicator", "…完成 N")


PATTERNS: list[tuple[re.Pattern[str], _Handler]] = [(re.compile(p), h) for p, h in [
    (r"《[^》\n]{2,60}》", _whole("PolicyDocument", "title marks 《》")),
    (r"(全省|全市|全国)?“([^”\n]{1,20})”(?:[\u4e00-\u9fff]{0,4}?)(改革|运行机制|机制|理念)", _quoted_mechanism),
    (r"(全省|全市|全国)?“([^”\n]{1,20}(工程|计划|行动))”", _whole("Programme", "“…工程”")),
    (r"推行(“[^”\n]{2,20}”)", _whole("Reform", "推行“…”", 1)),
    (r"“([^”\n]{2,40})”的(?:目标定位|定位)", _whole("Positioning", "“…”的定位", 1)),
    (r"[“‘]([^”’\n]{2,60})[”’]的(?:发展)?目标", _goal_in_quotes),
    (r"“([一二三四五六七八九十]{2,8})”([\u4e00-\u9fff]{0,4}目标)", _whole("Goal", "“一二三五”目标")),
    (r"(?:坚持|秉持)([^,，。;；:：“”]{2,40})", _principles),
    (r"做到([^,，。;；]{4,60})", _achieve),
    (r"(?:打造|营造|建成|建设成为?|成为)([^,，。;；“”]{2,40})", _build_into),
    (r"((?:引进|吸引)[^,，。;；]{4,40}(?:企业|产业|团队|人才|开发区))", _attract),
    (r"(?:持续|不断|进一步)?完善([^,，。;；]{2,40})", _improve),
    (r"(?:推进|推动|开辟|实施|争取|全面推进)([^,，。;；]{3,40})", _push),
    (r"来源[:：]\s*([^\s\n]{2,30})", _whole("NewsOutlet", "来源:", 1)),
    (r"([\u4e00-\u9fff]{2,8}网)(?=用户|-|－)", _outlet_site),
    (r"(?:\d+(?:大类)?\d*项)[\u4e00-\u9fff]{0,4}?规划(?:项目)?", _whole("PlanSet", "N项…规划")),
    (r"(?:千亿级|百亿级|万亿级)?([\u4e00-\u9fff]{1,3}(?:额|总值|产值|增加值|收入))", _indicator_amount),
    (r"(?:完成|实现|达到)([\u4e00-\u9fff]{2,8}?)\s*\d", _whole("Indicator", "完成… N", 1)),
    (r"([A-Za-z\u4e00-\u9fff]{2,6})(?:完成|达到|实现)\s*\d", _indicator_before),
]]


def _pattern_rules(text: str, idx: TokenIndex, cands: _Candidates) -> None:
    """Every phrase rule of :data:`PATTERNS` over the text, and the staged goals."""
    for items in stage_lists(text):
        for _order, label, _start, _end in items:
            cands.add(label, "GoalStage", "“一年…、二年…”")
    for pattern, handle in PATTERNS:
        for m in pattern.finditer(text):
            handle(m, text, idx, cands)


#: What closes a list of industries before 产业: a count and a kind (两大主导, 三大支柱, 四大新兴).
_LIST_KIND = re.compile(r"(?:[两三四五六七八九十\d]+大)?(?:主导|支柱|首位|特色|优势|新兴|战略性新兴)?$")


def _industry_rules(text: str, idx: TokenIndex, cands: _Candidates) -> None:
    item = r"[\u4e00-\u9fff]{2,8}"
    for m in re.finditer(rf"((?:{item}、)+{item}(?:和{item})?)(?:等\d+个[^,，。]{{0,8}}?)?产业(?!园)", text):
        parts = re.split(r"[、和]", m[1])
        if any(re.match(r"[一二三四五六七八九十]+年", p) for p in parts):
            continue
        first_end = m.start(1) + len(parts[0])
        parts[0] = text[idx.chain_left(first_end, m.start(1)):first_end]
        parts[-1] = _LIST_KIND.sub("", parts[-1])  # 智能装备 of 新材料、智能装备两大主导产业
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


#: Role words that end a post title (党工委书记, 管委会常务副主任, 副市长, 董事长…), longest first.
ROLES = sorted("""书记 副书记 常委 委员 主任 副主任 常务副主任 市长 副市长 常务副市长 省长 副省长 常务副省长 区长 副区长
县长 副县长 局长 副局长 分局长 厅长 副厅长 主席 副主席 秘书长 副秘书长 董事长 副董事长 总经理 副总经理 总裁 负责人
部长 副部长 处长 科长 记者 通讯员 责任编辑 编辑 院长 行长 党组书记 巡视员 调研员 主要负责人""".split(), key=len,
               reverse=True)
_ROLE_RE = "|".join(ROLES)
#: Bodies by the ending of their name (after the longer endings of SUFFIXES have had their turn).
BODY_ENDINGS: list[tuple[str, str]] = [
    ("管理委员会", "ManagementCommittee"), ("管委会", "ManagementCommittee"), ("党工委", "PartyWorkingCommittee"),
    ("人民政府", "Government"), ("市委", "PartyCommittee"), ("省委", "PartyCommittee"), ("县委", "PartyCommittee"),
    ("区委", "PartyCommittee"), ("党中央", "PartyCommittee"),
    ("分局", "PublicBody"), ("办公厅", "PublicBody"), ("办公室", "PublicBody"), ("委员会", "PublicBody"),
    ("改革委", "PublicBody"), ("卫健委", "PublicBody"), ("经信委", "PublicBody"), ("工信委", "PublicBody"),
    ("局", "PublicBody"), ("厅", "PublicBody"), ("部", "PublicBody"), ("署", "PublicBody"), ("院", "PublicBody"),
    ("中心", "org:Organization"), ("协会", "org:Organization"), ("商会", "org:Organization"),
    ("银行", "Company"), ("基金", "Company"), ("公司", "Company"), ("集团", "Company"), ("株式会社", "Company"),
    ("海关", "PublicBody"), ("编办", "PublicBody"), ("大学", "org:Organization"), ("学院", "org:Organization"),
    ("研究院", "org:Organization"), ("研究所", "org:Organization"), ("联合会", "org:Organization"),
    ("日报", "NewsOutlet"), ("晚报", "NewsOutlet"), ("新闻网", "NewsOutlet"), ("电视台", "NewsOutlet"),
]
_BODY_RE = re.compile("(?:" + "|".join(sorted((re.escape(e) for e, _ in BODY_ENDINGS), key=len, reverse=True)) + ")$")
#: Endings of places and zones, for the model's place spans.
PLACE_ENDINGS: list[tuple[str, str]] = [
    ("经济技术开发区", "DevelopmentZone"), ("高新技术产业开发区", "DevelopmentZone"), ("开发区", "DevelopmentZone"),
    ("高新区", "DevelopmentZone"), ("经开区", "DevelopmentZone"), ("综合保税区", "DevelopmentZone"),
    ("保税区", "DevelopmentZone"), ("自贸区", "Zone"), ("片区", "FunctionalArea"), ("园区", "FunctionalArea"),
    ("产业园", "Facility"), ("省", "AdministrativeArea"), ("市", "AdministrativeArea"), ("县", "AdministrativeArea"),
    ("区", "AdministrativeArea"), ("州", "AdministrativeArea"), ("街道", "AdministrativeArea"),
    ("镇", "AdministrativeArea"), ("乡", "AdministrativeArea"), ("港", "Facility"), ("机场", "Facility"),
    ("会展中心", "Facility"), ("展览中心", "Facility"), ("博览中心", "Facility"), ("体育中心", "Facility"),
]
#: Words the model tags as places that name no one place (经开区 is a generic reference).
_NOT_A_PLACE = re.compile(r"^(?:经开区|高新区|开发区|园区|全省|全市|全区|全县|省内|市内|区内|境内|国内|海外|内地|沿海"
                          r"|东部|西部|中部|北部|南部|城区|乡村|农村)$|(?:路|街|道|公寓|大道|桥|厂|楼)$")
#: A word the model glues to the front of a name (经澜江省人民政府: 经 is "by way of").
_GLUED = re.compile(r"^(?:经|由|在|据|与|和|向|对|从|为|是|将|于)(?![济营开])")
_GLUED_AT = re.compile(r"(?:经|由|在|据|与|和|向|对|从|为|是|将|于)(?![济营开])")  # for match(text, pos)
#: Characters a project or company name may hold besides Chinese: Latin letters, digits, + . - #.
_NAME_EXTRA = re.compile(r"[A-Za-z0-9+.#\-]")


def _model_rules(text: str, idx: TokenIndex, cands: _Candidates) -> None:
    """The model's people, places and organisations, with a class from the name's ending."""
    for t in ner.entities(idx.tokens):
        word = _GLUED.sub("", t.word) if t.flag != "nr" else t.word
        word = re.sub(r"讯$", "", word)
        if len(word) < 2:
            continue
        if t.flag == "nr":
            if 2 <= len(word) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", word):
                cands.add(word, "Person", "model: person")
            continue
        if word in COUNTRIES:  # the model tags a country before a company's name as part of an organisation
            cands.add(word, "AdministrativeArea", "model: bare place")
            continue
        if t.flag == "ns":
            word = re.sub(r"(?<=[省市县区])(?:[东西南北中]|东南|西南|东北|西北)部$|(?<=[省市县区])境内$", "", word)
            for ending, cls in PLACE_ENDINGS:  # (槐阳市南部: the city, then where in it)
                if word.endswith(ending) and len(word) > len(ending):
                    cands.add(word, cls, "model: place")
                    break
            else:  # a place named bare: a city (霁川), a country (德国); kept if said alone somewhere
                if 2 <= len(word) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", word) and not _NOT_A_PLACE.search(
                        word):
                    cands.add(word, "AdministrativeArea", "model: bare place")
            continue
        m = _BODY_RE.search(word)
        if m:
            cls = dict(BODY_ENDINGS)[m.group(0)]
            if len(word) > len(m.group(0)) or cls == "PartyCommittee":
                cands.add(word, cls, "model: organisation")


def _body_rules(text: str, idx: TokenIndex, cands: _Candidates) -> None:
    """Bodies in lists (区财政局、经济发展局、…分局) and alone (…局, …厅, …委, …办)."""
    item = r"[\u4e00-\u9fff]{1,14}?(?:分局|局|厅|委|办公室|办|中心)"
    lists = rf"(?:^|[：:、，,（(\s])({item}(?:、{item})+)(?=[、，,。；;）)\s]|主要负责|负责|等)"
    for m in re.finditer(lists, text, re.M):
        for part in m[1].split("、"):
            part = _GLUED.sub("", part)
            if 3 <= len(part) <= 16 and not part.startswith(("主要", "各", "有关", "相关")):
                cands.add(part, "PublicBody", "list of bodies")
    for m in re.finditer(r"(?:分局|局|厅|改革委|办公室)(?![长里内外面部门员])", text):
        start = idx.chain_left(m.start())
        if start >= 2 and text[start - 1] in "和与" and (joined := idx.chain_left(start - 1)) < start - 1:
            start = joined  # 工业和信息化局, 住房和城乡建设局, 自然资源和规划分局: one name
        label = _GLUED.sub("", text[start:m.end()])
        label = _LEADING_VERBS.sub("", label) if _LEADING_VERBS.match(label) else label
        if 3 <= len(label) <= 16:
            cands.add(label, "PublicBody", f"suffix {m.group(0)}")


#: Verbs and adjectives that are part of what a project makes or does (生物基可降解材料, 农光互补光伏发电,
#: 硅片再生, 预制菜加工): a project's name runs on across them.
_NAME_VERBS = frozenset("""可 降解 互补 发电 再生 预制 加工 制造 生产 封测 封装 测试 回收 利用 处理
储存 储能 冷藏 研发 检测 改造 提升 综合 配套 循环 储运 精密 高端 新型 智能
绿色 数字 节能 环保 升级 扩能 技改 孵化 装配 组装 集成 分拣 仓储 物联 压延
铸造 锻造 冲压 焊接 涂装 清洁 供热 供水 污水 净化 养殖 种植 冷冻 烘焙 酿造
纺织 印染 分布式 光储 充电 换电""".split())


def _walk_name_left(text: str, idx: TokenIndex, end: int, floor: int = 0) -> int:
    """The start of a name ending at ``end`` that may hold digits, Latin letters and (brackets):
    年产20万吨高性能铝合金型材项目, 人才公寓（一期）项目, HJT高效异质结光伏电池组件项目."""
    pos = end
    while pos > floor:
        ch = text[pos - 1]
        if ch in "）)":
            j = max(text.rfind("（", max(floor, pos - 12), pos), text.rfind("(", max(floor, pos - 12), pos))
            if j < 0 or any(c in "，。、；：\n" for c in text[j:pos]):
                break
            pos = j
            continue
        if _NAME_EXTRA.match(ch):
            pos -= 1
            continue
        tok = idx.tokens[idx.at[pos - 1]]
        if tok.flag in ("m", "q") or tok.word in _NAME_VERBS or tok.word in (
                "年产", "年加工", "年处理", "新建", "扩建", "改扩建", "至") or (
                tok.flag == "t" and re.search(r"\d|季度", tok.word)):
            pos = max(tok.start, floor)
            continue
        start = idx.chain_left(pos, floor)
        if start == pos:
            break
        pos = start
    while pos < end and (text[pos] in "（(）)、" or _NAME_EXTRA.match(text[pos]) and text[pos] in "+.-#"):
        pos += 1
    return pos


_CAPACITY_LED = re.compile(r"年(?:产|加工|处理)")


_EVENT = re.compile(r"(?:集中开工活动|集中签约活动|签约暨开工活动|开工活动|签约活动|活动|动员大会|工作会议|大会"
                    r"|推进会|调度会|座谈会|发布会|签约会|推介会|洽谈会|博览会|仪式|对接会|解读会|交流会|说明会|观摩会"
                    r"|推介周|活动周|论坛|峰会|年会)")


def _event_rules(text: str, idx: TokenIndex, cands: _Candidates) -> None:
    """Named events: 槐阳市2024年第三季度重大项目集中开工活动, 重点项目要素保障专题调度会."""
    for m in _EVENT.finditer(text):
        c0 = max(text.rfind(c, 0, m.start()) for c in "，。；：\n,;:") + 1
        clause = text[c0:m.start()]
        held = max(clause.rfind(w) + len(w) if w in clause else -1 for w in ("召开", "举行", "举办", "开展"))
        start = c0 + held if held >= 0 else c0
        if m.start() - start > 40 or re.search(r"[在的了将]", text[start:m.start()]):
            start = _walk_name_left(text, idx, m.start())
        label = re.sub(r"^(?:召开|举行|举办|开展|出席|参加|在|的|\d+月\d+日[上下]?午?|上午|下午)+", "",
                       text[start:m.end()])
        if 6 <= len(label) <= 40 and not label.startswith(("此次", "本次", "这次", "会议", "活动")):
            cands.add(label, "Event", "event name")


def _project_rules(text: str, idx: TokenIndex, cands: _Candidates) -> None:
    """Projects with brackets, phases, digits and Latin letters; the owner written before the name
    (a company, a county before a capacity) is not part of it."""
    companies = sorted((lab for lab, (cls, _r) in cands.by_label.items() if cls == "Company"), key=len, reverse=True)
    for m in re.finditer(r"(?:项目|工程)(?![部办组])(?:[（(](?:[一二三四五六七八九十]|\d{1,2})期[）)])?", text):
        start = _walk_name_left(text, idx, m.start())
        label = text[start:m.end()]  # …项目（二期）: the phase written after the name is part of it
        label = _LEADING_VERBS.sub("", label) if _LEADING_VERBS.match(label) else label
        label = re.sub(r"^(?:的|及|和|与|以及|其中|包括|签约|开工|集中|重点|主要|此次|本次)+", "", label)
        if (lead := _BEFORE_COMPANY.match(label)) and any(label.startswith(c, lead.end()) for c in companies):
            label = label[lead.end():]  # 德国斐乐克…有限公司…项目: the country, then the owner, then the name
        zones = [lab for lab, (cls, _r) in cands.by_label.items() if cls in _ZONE_CLASSES]
        for zone in sorted(zones, key=len, reverse=True):  # 槐阳经济技术开发区崇岭嘉铝…公司年产…项目
            if label.startswith(zone) and any(label.startswith(c, len(zone)) for c in companies):
                label = label[len(zone):]
                break
        for company in companies:
            if label.startswith(company) and len(label) > len(company) + 3:
                label = label[len(company):]
                break
        led = _CAPACITY_LED.search(label)
        if led and led.start() > 0:  # 芯源半导体年产36万片…项目, 青柘县年产5万吨…项目: the owner or place first
            label = label[led.start():]
        if len(label) >= 4 and label not in ("重点项目", "建设项目", "产业项目"):
            cands.add(label, "Project", "project name")


#: A list of names followed by what they are: A、B、C3家龙头企业, A、B等项目单位, A、B等企业.
_COMPANY_LIST = re.compile(r"((?:[\u4e00-\u9fff（）()]{3,12}、)+[\u4e00-\u9fff（）()]{3,12}?)"
                           r"(?:等|(?:\d+|[一二三四五六七八九十两]+)家)(?:\d+|[一二三四五六七八九十两]+家)?"
                           r"(?:龙头|重点|骨干|链主|规上|配套|项目)?(?:企业|单位|公司)")


#: Lists the text counts as places, roads or outlets: 岚泽、沅桥、栾溪3市; 纬六路、港城大道东延等5条道路;
#: 来源：湄东经济网.
_PLACE_LIST = re.compile(r"((?:[\u4e00-\u9fff]{2,4}、)+[\u4e00-\u9fff]{2,4})等?(?:\d+|[两三四五六七八九十]+)个?"
                         r"(?:市|县|省)(?![委长政])")
_ROAD_LIST = re.compile(r"((?:[\u4e00-\u9fff]{2,8}、)*[\u4e00-\u9fff]{2,8})等(?:\d+|[两三四五六七八九十]+)条"
                        r"(?:道路|市政道路|主干道|路)")
_SOURCE_OUTLET = re.compile(r"(?:来源|稿源|转自|转载自)[:：\s]*([\u4e00-\u9fff]{2,10}(?:日报|晚报|新闻网|经济网|网|发布"
                            r"|电视台|客户端|融媒体中心))")


def _named_lists(text: str, idx: TokenIndex, cands: _Candidates) -> None:
    """Cities and roads the text names in a counted list, and an outlet named as the source. A name
    the model took for a person (岚泽) is a place when the text counts it among cities."""
    for m in _PLACE_LIST.finditer(text):
        first_end = m.start(1) + m[1].index("、")
        for i, part in enumerate(m[1].split("、")):
            if i == 0:
                part = text[idx.chain_left(first_end, m.start(1)):first_end]
            if len(part) >= 2 and cands.by_label.get(part, ("", ""))[0] in ("", "Person"):
                cands.by_label.pop(part, None)
                cands.add(part, "AdministrativeArea", "list of places")
    for m in _ROAD_LIST.finditer(text):
        parts = m[1].split("、")
        parts[0] = re.sub(r"^.*?(?:完成|建成|推进|实施|开工|启动|新建|打通|贯通)", "", parts[0])
        for part in parts:
            if len(part) >= 3 and re.search(r"路|道|街|线|桥|隧道|延", part) and part not in cands.by_label:
                cands.by_label[part] = ("Project", "list of roads")  # short, so past add()'s length rule
    for m in _SOURCE_OUTLET.finditer(text):
        cands.add(m[1], "NewsOutlet", "source outlet")


def _company_lists(text: str, cands: _Candidates) -> None:
    """The names of a list that the text calls companies (恒驰汽车、华屹动力电池、雁汀精工机床3家龙头企业;
    拓普新材料、宏川智能装备等项目单位): companies, each in its short form."""
    for m in _COMPANY_LIST.finditer(text):
        items = m.group(1).split("、")
        if any(re.search(r"企业|项目|单位|部门|局|委|办|区|市|省|县|产业|行业|领域|工程|公司|有限|集团", it)
               for it in items):  # (full names are found by their suffix)
            continue  # 局、委、办 or kinds of things: not a list of company names
        for it in items:
            if it not in cands.by_label:
                cands.add(it, "Company", "named in a list of companies")


def short_forms(text: str, full: str) -> list[str]:
    """Short forms of a company's name used in the text: its core (the two characters after the
    place) followed by characters of the rest of the name in order (恒驰汽车 for
    澜江恒驰新能源汽车有限公司), and what the text introduces with 下称/简称."""
    out: list[str] = []
    for m in _CALLED.finditer(text):
        if text.endswith(full, 0, m.start()):
            out.append(m[1])
    core_name = re.sub(r"(?:股份)?有限(?:责任)?公司$|集团$", "", full)
    for k in (2, 3, 0):
        core = core_name[k:k + 2]
        if len(core) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]{2}", core):
            continue
        rest = core_name[k + 2:]
        for at in find_all(text, core):
            if text.startswith(full, at - k) or text.startswith(core_name, at - k):
                continue
            i, j = at + 2, 0
            while i < len(text) and j < len(rest) and "\u4e00" <= text[i] <= "\u9fff":
                j = rest.find(text[i], j)
                if j < 0:
                    break
                j += 1
                i += 1
            label = text[at:i]
            if len(label) >= 4 and label not in out:
                out.append(label)
        if out:
            break
    return out


_NEXT_NAME = re.compile(r"、([\u4e00-\u9fff]{2,3})(?=[、，,。\s]|出席|参加|陪同|等)")


def _person_rules(text: str, idx: TokenIndex, cands: _Candidates) -> None:
    """People right after a post (局长+name, 主任+name; lists of leaders) or before one."""
    after = (r"(?=[、，,。；：:（(\s]|说|表示|指出|介绍|强调|主持|出席|参加|陪同|宣布|致辞|讲话|等|在|代表|要求|就|作"
             r"|汇报|认为|称)")
    surnames = _SURNAMES | {t.word[0] for t in ner.entities(idx.tokens) if t.flag == "nr"}
    for m in re.finditer(rf"(?:{_ROLE_RE})(?:[\s　]*)([\u4e00-\u9fff]{{2,3}}){after}", text):
        name = m[1]
        tok = idx.tokens[idx.at[m.start(1)]]
        if name in _NOT_NAMES or name[:2] in _NOT_NAMES:
            continue
        if not (tok.flag == "nr" or (name[0] in _SURNAMES and tok.flag not in ("v", "vn", "d", "p"))):
            continue
        if tok.flag == "nr" and tok.start == m.start(1) and 2 <= len(tok.word) <= 4:
            name = tok.word
        cands.add(name, "Person", "post + name")
        pos = m.end(1)
        while n := _NEXT_NAME.match(text, pos):
            pos = n.end(1)
            if n[1] not in _NOT_NAMES and n[1][0] in surnames:
                cands.add(n[1], "Person", "list of people after a post")


def _post_rules(text: str, idx: TokenIndex, cands: _Candidates) -> None:
    """Post titles: a body or place written before a role word (市委常委, 经开区管委会常务副主任)."""
    for m in re.finditer(rf"(?:{_ROLE_RE})", text):
        if text[m.end():m.end() + 1] in ("会", "委", "处", "室", "任", "记", "长"):
            continue
        prefix = _GLUED.sub("", text[idx.chain_left(m.start()):m.start()])
        tok = idx.tokens[idx.at[m.start() - 1]] if m.start() > 0 else None
        if tok is not None and tok.flag == "nr" and tok.end == m.start() and prefix.endswith(tok.word):
            prefix = ""  # 秦慕远副省长: a name before the role word, not the post's body
        label = text[m.start() - len(prefix):m.end()]
        if len(label) >= 2 and label != "记者" and not label.startswith(("主要", "有关", "相关", "各")):
            # A role word alone (市长) is a post only right before a name or another post (市长孟婕).
            named = bool(re.match(r"[、\s　]*[\u4e00-\u9fff]", text[m.end():m.end() + 2]))
            cands.add(label, "org:Post", "post title", bare=named)


def find_entities(text: str, idx: TokenIndex, known: list[Known], source: str | None = None) -> list[Mention]:
    """Candidates from every rule, then the longest at each place in reading order.

    ``text`` is what the rules read (simplified characters); ``source`` the text as written, where
    the labels of ``known`` entities are looked for."""
    source = text if source is None else source
    cands = _Candidates()
    known_at: dict[str, Known] = {}
    for k in known:
        for label in [k.zh, *k.alt_zh]:
            i = source.find(label)
            if len(label) >= 2 and i >= 0:
                work = text[i:i + len(label)]
                known_at.setdefault(work, k)
                cands.by_label.setdefault(work, (k.cls, f"known {k.id}"))
    _model_rules(text, idx, cands)
    _pattern_rules(text, idx, cands)
    _suffix_rule(text, idx, cands)
    _body_rules(text, idx, cands)
    _project_rules(text, idx, cands)
    _event_rules(text, idx, cands)
    _company_lists(text, cands)
    _named_lists(text, idx, cands)
    _industry_rules(text, idx, cands)
    _person_rules(text, idx, cands)
    _post_rules(text, idx, cands)
    _drop_fragments(cands, text)
    found: dict[str, Mention] = {}
    tails: dict[tuple[str, str], list[str]] = {}
    for label, (cls, _rule) in cands.by_label.items():
        for i in range(1, len(label) - 1):
            tails.setdefault((label[i:], cls), []).append(label)
    for label, (cls, rule) in cands.by_label.items():
        if label in known_at:  # a reviewed name only where it stands alone, not inside a longer name
            pos = _first_alone(text, label, [lab for lab in cands.by_label if label in lab and lab != label])
        elif cls in _NESTED_NOT_NAMES:  # 崇岭省 only inside 崇岭省商务厅, 《湄东省人民政府关于…》: no entity
            pos = _first_alone(text, label, [lab for lab, (c, _r) in cands.by_label.items()
                                             if label in lab and lab != label and c in _PROPER_NAMES])
        else:
            pos = _first_standalone(text, label, tails.get((label, cls), []))
        if pos is None:
            continue
        known_k = known_at.get(label)
        found[label] = Mention(label, known_k.cls if known_k else cls, pos, pos + len(label), rule,
                               known_k.id if known_k else None)
    _zone_short_forms(found)
    called = list(_CALLED.finditer(text))
    for label, mention in list(found.items()):
        alts = [m[1] for m in called if text.endswith(label, 0, m.start())]
        if mention.cls in ("Company", "StateOwnedPlatformCompany") and label.endswith(("公司", "集团")):
            alts += [a for a in short_forms(text, label) if a not in alts]
        alts = [*mention.extra.get("alt", []), *(a for a in alts if a not in mention.extra.get("alt", []))]
        mention.extra["alt"] = [a for a in alts if a not in found or found[a].cls != "Person"]
    return sorted(found.values(), key=lambda m: (m.start, -len(m.label)))


#: A zone's full name and its usual short form: 雁汀经济技术开发区 and 雁汀经开区.
_ZONE_SHORT = [("经济技术开发区", "经开区"), ("高新技术产业开发区", "高新区"), ("综合保税区", "综保区"),
               ("经济开发区", "经开区")]


def _zone_short_forms(found: dict[str, Mention]) -> None:
    """The short form of a zone named in full is an alternative label of it, not another zone."""
    for label, mention in list(found.items()):
        if mention.cls not in _ZONE_CLASSES:
            continue
        for full, short in _ZONE_SHORT:
            if label.endswith(full):
                alias = label[: -len(full)] + short
                if alias in found and found[alias].cls in _ZONE_CLASSES and alias != label:
                    mention.extra.setdefault("alt", []).append(alias)
                break


def _drop_fragments(cands: _Candidates, text: str) -> None:
    """A person tag on the front of a longer name (雁汀 in 雁汀市, 拓普 in 拓普新材料, 贝敬 in 贝敬之) is
    part of that name; a facility that starts a project's name (…产业园 in …产业园项目) is the project."""
    labels = list(cands.by_label)
    orgs = [lab for lab, (cls, _r) in cands.by_label.items() if cls in ("Company", "StateOwnedPlatformCompany")]
    numbers = [(m.start(), m.end()) for m in _DOC_NUMBER.finditer(text)] if "〔" in text else []
    for label in [lab for lab, (cls, _r) in cands.by_label.items() if cls == "Person"]:
        if any(p != label and p.startswith(label) for p in labels) or any(label in o for o in orgs):
            del cands.by_label[label]  # 拓普 in 滨岳拓普新材料有限公司
            continue
        places = find_all(text, label)
        if places and all(_ORG_TAIL.match(text, i + len(label)) for i in places):
            del cands.by_label[label]  # 卓峰资本: a company's short name, not a person
            tail = _ORG_TAIL.match(text, places[0] + len(label))
            if tail is not None and tail.group(0) in ("资本", "集团", "控股", "股份"):
                cands.by_label.setdefault(label + tail.group(0), ("Company", "short name + 资本/集团"))
        elif places and all(any(a <= i < b for a, b in numbers) for i in places):
            del cands.by_label[label]  # 崇发 in 崇发改开放〔2024〕12号
    for label in [lab for lab, (_cls, r) in cands.by_label.items() if r == "model: bare place"]:
        starts = find_all(text, label)
        if starts and all(any(other != label and text.startswith(other, i) for other in labels)
                          or any(a <= i < b for a, b in numbers) for i in starts):
            del cands.by_label[label]  # 滨岳 only in 滨岳省 or 滨岳…有限公司, 崇政 only in 崇政发〔2022〕17号
    projects = [lab for lab, (cls, _r) in cands.by_label.items() if cls == "Project"]
    for label in [lab for lab, (cls, _r) in cands.by_label.items() if cls == "Facility"]:
        if any(p.startswith(label) for p in projects):
            del cands.by_label[label]
#: Places and bodies that are an entity only where the text names them outside a longer name (a
#: body named inside a post title is one: 雁汀经济开发区党工委 in 雁汀经济开发区党工委书记).
_NESTED_NOT_NAMES = frozenset({"AdministrativeArea", "Government", "PartyCommittee", "PublicBody"})
#: The names that hold such a place or body as part of themselves (not 滨岳省重点项目库, a phrase).
_PROPER_NAMES = frozenset({"Government", "PartyCommittee", "PublicBody", "ManagementCommittee", "PartyWorkingCommittee",
                           "Company", "StateOwnedPlatformCompany", "org:Organization", "PolicyDocument", "NewsOutlet",
                           "Event", "TalentWorkstation"})


def _first_alone(text: str, label: str, longer: list[str]) -> int | None:
    """The first place of ``label`` that is inside no occurrence of a longer candidate."""
    inside = [(i, i + len(lab)) for lab in longer for i in find_all(text, lab)]
    for i in find_all(text, label):
        if not any(s <= i and i + len(label) <= e for s, e in inside):
            return i
    return None


def _first_standalone(text: str, label: str, longer: list[str]) -> int | None:
    """The first place where ``label`` is not the tail of a longer candidate of the same class."""
    for i in find_all(text, label):
        end = i + len(label)
        if not any(text[max(0, end - len(lab)):end] == lab for lab in longer):
            return i
    return None


@dataclass(frozen=True)
class _At:
    """A found string's span, read like a match (``start()``, ``end()``)."""

    begin: int
    stop: int

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.stop


#: What 下称/简称“…” introduces, right after a name.
_CALLED = re.compile(r"[（(](?:以下|下)?(?:简称|称)[“「]([^”」]{2,12})[”」]")
