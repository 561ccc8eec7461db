"""Drafting from Chinese text, on the fictional test articles (tests/fixtures/articles/).

Every expected value below was read off the articles by hand, not from the drafter's output.
"""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from tests.helpers import ROOT

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
META = yaml.safe_load((ARTICLES / "articles.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def ontology():
    from zonekg.model import paths
    from zonekg.model.ontology import Ontology, load_ontology_graph

    return Ontology(load_ontology_graph(paths.ontology_files(ROOT)))


def text_of(name: str) -> str:
    return (ARTICLES / META[name]["file"]).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def drafts(ontology):
    from zonekg.authoring.drafting import make_draft

    return {name: make_draft(text_of(name), date.fromisoformat(m["published"][:10]), [], ontology)
            for name, m in META.items()}


def test_fixtures_say_they_are_fictional():
    for name, m in META.items():
        assert m["fictional"] is True, name
        assert "fictional" in m["outlet"], name
    assert "FICTIONAL" in (ARTICLES / "articles.yaml").read_text(encoding="utf-8")


def entities(draft) -> dict[str, str]:
    return {e["zh"]: e["type"] for e in draft.entities}


def ids(draft) -> dict[str, str]:
    return {e["zh"]: e["id"] for e in draft.entities}


def statements(draft, p: str) -> list[dict]:
    return [s.fields for s in draft.statements if s.fields["p"] == p]


def numbers(draft) -> dict[str, Decimal]:
    return {q.original: q.value for q in draft.quantities}


def times(draft) -> dict[str, str]:
    return {draft.text[t.start:t.end]: t.id for t in draft.times}


@pytest.mark.parametrize(("name", "expected"), [
    ("qinglan-a", {"120.5亿元": 12050000000, "8.2%": Decimal("8.2"), "第一名": 1, "15个": 15, "500亿元": 50000000000}),
    ("qinglan-b", {"118.3亿元": 11830000000, "7.9%": Decimal("7.9"), "9.5%": Decimal("9.5"), "12万套": 120000,
                   "千亿级": 100000000000}),
    ("baisha", {"23家": 23, "36.7亿元": 3670000000, "15%": 15, "100家": 100, "5亿元": 500000000}),
    ("donghu", {"85.6亿元": 8560000000, "12.4%": Decimal("12.4"), "46家": 46, "200亿元": 20000000000}),
])
def test_every_number_with_its_normalised_value(drafts, name, expected):
    assert numbers(drafts[name]) == {k: Decimal(v) for k, v in expected.items()}


def test_orders_of_magnitude_are_approximate(drafts):
    (level,) = [q for q in drafts["qinglan-b"].quantities if q.original == "千亿级"]
    assert level.approximate
    (value,) = [s for s in statements(drafts["qinglan-b"], "value") if s["original"] == "千亿级"]
    assert value["approximate"] is True and value["modality"] == "targeted"


@pytest.mark.parametrize(("name", "expected"), [
    # Published 2025-03-10: 3月5日 is that March; 去年 is 2024; 年底 the end of 2025; the headline's
    # 一季度 is the first quarter of 2025.
    ("qinglan-a", {"一季度": "2025-Q1", "3月5日": "2025-03-05", "2022年6月8日": "2022-06-08", "去年": "2024",
                   "今年上半年": "2025-H1", "2026年": "2026", "年底": "2025-end"}),
    # Published 2025-06-25: 明年 is 2026.
    ("qinglan-b", {"6月18日": "2025-06-18", "2024年": "2024", "今年上半年": "2025-H1", "明年": "2026"}),
    # 今年前三季度 is January to September of 2025, a range (YYYY-MM/YYYY-MM).
    ("baisha", {"10月12日": "2025-10-12", "今年前三季度": "2025-01/2025-09", "明年": "2026", "2027年": "2027",
                "目前": "2025-10-20"}),  # 目前已引进企业23家: as of the article's date
    # Published 2025-07-15: 6月底 is 30 June 2025; 下半年 the second half of 2025.
    ("donghu", {"今年上半年": "2025-H1", "6月底": "2025-06-30", "下半年": "2025-H2", "年底": "2025-end"}),
])
def test_dates_and_periods_resolved_against_the_article_date(drafts, name, expected):
    assert times(drafts[name]) == expected


def test_a_date_without_year_after_publication_is_last_year(ontology):
    from zonekg.authoring.drafting.quantities import find_times

    (t,) = find_times("12月30日,项目开工。", date(2025, 3, 10))
    assert t.id == "2024-12-30" and "2025-03-10" in t.derivation


def test_a_day_soon_after_publication_is_one_the_article_announces():
    from zonekg.authoring.drafting.quantities import find_times

    (t,) = find_times("对接会将于9月12日在会展中心举行。", date(2025, 9, 4))
    assert t.id == "2025-09-12"


@pytest.mark.parametrize(("text", "expected"), [
    ("6月10日至11日，观摩团走进3市。", {"6月10日至11日": "2025-06-10/2025-06-11"}),
    ("项目5月下旬开工。", {"5月下旬": "2025-05-21/2025-05-31"}),
    ("三季度末，全区共有企业412家。", {"三季度末": "2025-09-30"}),
    ("去年底，园区入驻企业87家。", {"去年底": "2024-end"}),
    ("截至6月末，市场主体比上年末增加812户。", {"6月末": "2025-06-30", "上年末": "2024-end"}),
    ("1-9月产值增长6%，比去年同期高2个百分点，是2020年同期的2.3倍。",
     {"1-9月": "2025-01/2025-09", "去年同期": "2024-01/2024-09", "2020年同期": "2020-01/2020-09"}),
])
def test_spans_parts_and_same_periods_of_other_years(text, expected):
    from zonekg.authoring.drafting.quantities import find_times

    got = {text[t.start:t.end]: t.id for t in find_times(text, date(2025, 9, 4))}
    assert got == expected


@pytest.mark.parametrize(("text", "said", "value", "unit"), [
    ("会期两天。", "两天", 2, "unit-day"),
    ("新建厂房两栋。", "两栋", 2, "unit-item"),
    ("项目分两期建设。", "两期", 2, "unit-item"),
    ("120余位嘉宾出席。", "120余位", 120, "unit-person"),
    ("引进世界500强企业。", "500强", 500, "unit-rank"),
    ("成为全省首家。", "首家", 1, "unit-rank"),
    ("年产芯片5亿颗。", "5亿颗", 500000000, "unit-item"),
    ("举办对接活动6场。", "6场", 6, "unit-item"),
    ("装机容量20万千瓦。", "20万千瓦", 200000, "unit-kw"),
    ("年发电量3.2亿千瓦时。", "3.2亿千瓦时", 320000000, "unit-kwh"),
    ("码头岸线长800米。", "800米", 800, "unit-m"),
    ("库容5万立方米。", "5万立方米", 50000, "unit-m3"),
    ("占地12公顷。", "12公顷", 12, "unit-hectare"),
    ("厂房租金每月25元/平方米。", "25元", 25, "unit-cny-per-m2"),
])
def test_counts_with_more_measure_words(text, said, value, unit):
    from zonekg.authoring.drafting.quantities import find_quantities

    (q,) = find_quantities(text)
    assert (text[q.start:q.end], q.value, q.unit_id) == (said, Decimal(value), unit)


def test_a_phase_number_is_no_count():
    from zonekg.authoring.drafting.quantities import find_quantities

    assert find_quantities("二期项目、三期工程同步推进。") == []


def test_entities_with_a_suggested_class(drafts):
    got = entities(drafts["qinglan-a"])
    for label, cls in {
        "青岚经济技术开发区": "DevelopmentZone", "云川星河电池有限公司": "Company",
        "青岚经济技术开发区管委会": "ManagementCommittee", "青岚经济技术开发区党工委": "PartyWorkingCommittee",
        "全省“重点建设工程”": "Programme", "云川星河电池项目": "Project", "新能源电池产业园": "Facility",
        "周明": "Person", "陈立平": "Person", "林晓": "Person", "省委": "PartyCommittee", "省政府": "Government",
        "“一站式”审批改革": "Reform", "云川星河电池有限公司总经理": "org:Post", "云川日报": "NewsOutlet",
    }.items():
        assert got.get(label) == cls, label
    got = entities(drafts["baisha"])
    assert got["《白沙湾高新技术产业开发区数字经济扶持办法》"] == "PolicyDocument"
    assert got["海东市人民政府"] == "Government"
    assert got["人才公寓项目"] == "Project"
    assert got["全国一流的数字经济示范基地"] == "Goal"


def test_approval_listing_and_posts(drafts):
    a = drafts["qinglan-a"]
    i = ids(a)
    approvals = {(s["s"], s["o"], s["modality"]) for s in statements(a, "approvedBy")}
    zone = i["青岚经济技术开发区"]
    assert approvals == {(zone, i["省委"], "achieved"), (zone, i["省政府"], "achieved")}
    (listed,) = statements(a, "listedIn")
    assert (listed["s"], listed["o"]) == (i["云川星河电池项目"], i["全省“重点建设工程”"])
    assert listed["modality"] == "achieved"
    held = {(s["s"], s["o"]) for s in statements(a, "org:heldBy")}
    assert (i["云川星河电池有限公司总经理"], i["周明"]) in held
    d = drafts["donghu"]
    j = ids(d)
    assert (j["东湖港综合保税区管委会主任"], j["何志强"]) in {(s["s"], s["o"]) for s in statements(d, "org:heldBy")}
    assert {(s["s"], s["o"]) for s in statements(d, "org:postIn")} == {(j["东湖港综合保税区管委会主任"],
                                                                        j["东湖港综合保税区管委会"])}
    assert {s["o"] for s in statements(d, "org:role")} == {"role-director"}


def value(draft, original: str) -> dict:
    (st,) = [s for s in statements(draft, "value") if s.get("original") == original]
    return st


def test_modality_from_cue_words(drafts):
    a, b, c, d = (drafts[n] for n in ("qinglan-a", "qinglan-b", "baisha", "donghu"))
    assert value(a, "120.5亿元")["modality"] == "achieved"  # 完成
    assert value(a, "120.5亿元")["period"] == "2024"
    assert value(a, "15个")["modality"] == "planned"  # 计划
    assert value(a, "500亿元")["modality"] == "targeted"  # 力争 … 实现: the aim governs
    assert value(c, "100家")["modality"] == "targeted"  # 目标
    ic = ids(c)
    pursues = {s["o"]: s["modality"] for s in statements(c, "pursues")}
    assert pursues[ic["人才公寓项目"]] == "planned"  # 计划明年建成
    goals = {s["o"]: s["modality"] for s in statements(c, "hasGoal")}
    assert goals[ic["全国一流的数字经济示范基地"]] == "aspiration"  # 打造
    reform = ids(a)["“一站式”审批改革"]
    assert {s["o"]: s["modality"] for s in statements(a, "pursues")}[reform] == "claimed"  # 陈立平表示,…正在推进
    # 开发区将打造千亿级…集群: a target (the zone's; no body of it is named, and the company of the
    # sentence before is not the one that aims)
    assert value(b, "千亿级")["modality"] == "targeted"
    target = {s["o"]: s["s"] for s in statements(b, "hasGoal")}
    assert target.get(ids(b)["千亿级新能源电池产业集群"]) != ids(b)["云川星河电池有限公司"]
    # Quoted speech is a claim, with its speaker.
    assert value(d, "200亿元")["modality"] == "claimed"
    assert value(d, "200亿元")["claimed_by"] == ids(d)["何志强"]


def test_quoted_speech_becomes_a_claim(drafts):
    a = drafts["qinglan-a"]
    claims = {s["v"]: s for s in statements(a, "assessment")}
    claim = claims["我们已完成一期厂房建设,年底前投产"]
    assert claim["modality"] == "claimed" and claim["claimed_by"] == ids(a)["周明"]


def test_names_already_in_the_graph_reuse_their_ids(ontology):
    from zonekg.authoring.drafting import Known, make_draft

    known = [Known("qinglan-etdz", "DevelopmentZone", "青岚经济技术开发区", "Qinglan ETDZ", ["青岚开发区"],
                   "qinglan-a")]
    draft = make_draft(text_of("qinglan-b"), date(2025, 6, 25), known, ontology)
    zone = [e for e in draft.entities if e["id"] == "qinglan-etdz"]
    assert len(zone) == 1 and zone[0]["zh"] == "青岚经济技术开发区" and zone[0]["en"] == "Qinglan ETDZ"
    assert "青岚开发区" not in entities(draft)  # the alternative label is the same entity, not a twin


@pytest.mark.parametrize("name", sorted(META))
def test_the_drafted_sheet_builds_as_it_stands(tmp_path, ontology, drafts, name):
    """Every drafted item passes the fact-sheet loader (quotes, ids, domain and range, coverage)
    with --drafts, and the build's default refuses it with one clear message."""
    from zonekg.authoring.drafting.sheet import SourceInfo, render
    from zonekg.facts.check import load_fact_sheet
    from zonekg.facts.sources import sha256_of
    from zonekg.model.errors import ZoneKGError
    from zonekg.rdf.dataset import check_coverage

    (tmp_path / "sources").mkdir()
    (tmp_path / "facts").mkdir()
    text = tmp_path / "sources" / f"{name}.zh.txt"
    shutil.copyfile(ARTICLES / META[name]["file"], text)
    sheet = tmp_path / "facts" / f"{name}.yaml"
    sheet.write_text(render(drafts[name], SourceInfo(name, f"../sources/{name}.zh.txt", sha256_of(text),
                                                     META[name]["title"], "a test article")), encoding="utf-8")
    loaded = load_fact_sheet(sheet, ontology, drafts=True)
    check_coverage(loaded)
    assert len(loaded.statements) == len(drafts[name].statements)
    with pytest.raises(ZoneKGError, match=r"items are drafts not reviewed yet \(review: draft\)") as err:
        load_fact_sheet(sheet, ontology)
    assert err.value.file == sheet and err.value.line is not None
    assert load_fact_sheet(sheet, ontology, drafts=False).statements == []


@pytest.mark.slow
def test_drafting_is_byte_reproducible_across_processes():
    """Two processes with different hash seeds write the same draft, byte for byte."""
    import subprocess
    import sys

    code = (
        "import sys; from datetime import date; from pathlib import Path\n"
        "from zonekg.model import paths\n"
        "from zonekg.authoring.drafting import make_draft\n"
        "from zonekg.authoring.drafting.sheet import SourceInfo, render\n"
        "from zonekg.model.ontology import Ontology, load_ontology_graph\n"
        f"root = Path({str(ROOT)!r})\n"
        "o = Ontology(load_ontology_graph(paths.ontology_files(root)))\n"
        f"text = Path({str(ARTICLES / 'donghu.zh.txt')!r}).read_text(encoding='utf-8')\n"
        "sys.stdout.write(render(make_draft(text, date(2025, 7, 15), [], o), SourceInfo('d', 't', 's', 'z', 'e')))\n"
    )
    import os

    outs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")]
    assert outs[0] == outs[1] and "review: draft" in outs[0]


@pytest.mark.parametrize("text", [
    # a date written with leading zeros, and in full-width digits: the quote does not state 6月9日
    "青岚经济技术开发区举行签约活动。\n2025年06月09日，青岚经济技术开发区签约项目12个。\n",
    "青岚经济技术开发区举行签约活动。\n２０２５年６月９日，青岚经济技术开发区签约项目12个。\n",
    # a name right after a quotation that ends a sentence (。”): its quote must not begin in that sentence
    "“我们看中这里的产业链。”青岚睿科测试技术有限公司创始人林一帆说，公司计划投资5亿元。\n",
])
def test_every_drafted_quote_passes_the_checker(tmp_path, ontology, text):
    """Found by the held-out scoring run (two articles refused by add's own check): whatever the
    wording, every drafted quote, time and number passes the fact-sheet checker."""
    from zonekg.authoring.drafting import make_draft
    from zonekg.authoring.drafting.sheet import SourceInfo, render
    from zonekg.facts.check import load_fact_sheet
    from zonekg.facts.sources import sha256_of
    from zonekg.rdf.dataset import check_coverage

    (tmp_path / "sources").mkdir()
    (tmp_path / "facts").mkdir()
    src = tmp_path / "sources" / "t.zh.txt"
    src.write_text(text, encoding="utf-8")
    draft = make_draft(text, date(2025, 6, 10), [], ontology, source_id="t")
    sheet = tmp_path / "facts" / "t.yaml"
    sheet.write_text(render(draft, SourceInfo("t", "../sources/t.zh.txt", sha256_of(src), "标题", "title")),
                     encoding="utf-8")
    check_coverage(load_fact_sheet(sheet, ontology, drafts=True))
