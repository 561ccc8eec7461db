"""Every named query runs, and answers its question as the article does.

The expected answers are written from reading the article (graph/sources/…zh.txt), and the
labels are the fact sheet's names for the things the article mentions; results are compared
as sets, so row order and duplicates do not matter.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import ROOT, SOURCE_TEXT
from zonekg.queries.answers import python_value
from zonekg.queries.engine import run
from zonekg.queries.named import named_queries
from zonekg.queries.pool import QueryPool

QUERIES = named_queries(ROOT)
ZONE = "豫商经济技术开发区"
MC = "豫商经济技术开发区管委会"


@dataclass(frozen=True)
class OnStore:
    """The built store and one warm worker over it: the path `zonekg query` takes, without a fork
    per query (the rdflib engine gives the same rows: tests/queries/test_portable.py)."""

    store: Path
    pool: QueryPool


@pytest.fixture(scope="module")
def graph(store):
    with QueryPool(store, size=1) as pool:
        yield OnStore(store, pool)


def answer(graph: OnStore, query_name: str, /, **params) -> list[dict]:
    result = run(QUERIES[query_name], graph.store, params, pool=graph.pool)
    names = [str(v) for v in result.vars]
    return [{n: python_value(row[n]) for n in names} for row in result]


def col(rows: list[dict], *names: str) -> set:
    if len(names) == 1:
        return {r[names[0]] for r in rows}
    return {tuple(r[n] for n in names) for r in rows}


def test_at_least_25_named_queries_each_with_a_bilingual_question():
    assert len(QUERIES) >= 25
    for nq in QUERIES.values():
        assert nq.question_en.endswith(("?", ".")), nq.name
        assert nq.question_zh, nq.name
        assert nq.returns, nq.name
        for param in nq.params:
            assert f"?{param}" in nq.text, (nq.name, param)


def test_every_query_has_an_answer_test():
    tested = {name.removeprefix("test_").replace("_", "-") for name in globals() if name.startswith("test_")}
    assert set(QUERIES) <= tested, set(QUERIES) - tested


@pytest.mark.slow
def test_conflicts(graph):
    # One source cannot disagree with another; tests/test_multisource.py covers two sources.
    assert answer(graph, "conflicts") == []


@pytest.mark.slow
def test_corroboration(graph):
    # One source corroborates nothing; tests/pipeline/test_multisource.py repeats the article.
    assert answer(graph, "corroboration") == []


def test_one_row_per_fact_with_every_quote_behind_it(graph):
    """The article credits 马晓伟 twice (记者 马晓伟 来源, and 记者 马晓伟 摄 under the photograph):
    two statements of one fact, one row, its id the smaller of the two."""
    rows = [r for r in answer(graph, "intended-vs-reported") if r["property"] == "记者"]
    assert [(r["value"], r["statement"], r["sources"]) for r in rows] == [("马晓伟", "source-photographer", 1)]
    # about keeps a row per sentence: each of the two credits with its own statement
    about = [r for r in answer(graph, "about", entity="zk:ma-xiaowei")
             if r["direction"] == "←" and r["property"] == "zo:reporter"]
    assert sorted(r["statement"] for r in about) == ["source-photographer", "source-reporter"]
    assert len({r["sentence"] for r in about}) == 2


def test_zone_approval(graph):
    rows = answer(graph, "zone-approval")
    assert col(rows, "zone", "approver", "approverKind", "date") == {
        (ZONE, "河南省委", "党委", "2023-02-01"),
        (ZONE, "河南省人民政府", "人民政府", "2023-02-01"),
    }


def test_zone_body(graph):
    rows = answer(graph, "zone-body")
    assert col(rows, "body", "bodyKind", "agencyOf", "zone", "zoneKind") == {
        (MC, "派出机构", "河南省人民政府", ZONE, "经济技术开发区"),
    }


def test_leading_industries(graph):
    rows = answer(graph, "leading-industries")
    assert col(rows, "industry") == {"先进装备制造", "新材料", "电子信息", "商贸物流"}
    # “3+1”: the article names the four but not which is the “+1”, and neither does the answer
    assert "part" not in rows[0]
    assert col(rows, "industry", "clusterArea") == {
        ("先进装备制造", "先进装备制造产业组团"), ("新材料", "新材料产业组团"),
        ("电子信息", "电子信息产业组团"), ("商贸物流", "商贸物流产业组团"),
    }


def test_industry_projects(graph):
    rows = answer(graph, "industry-projects")
    assert col(rows, "leadingIndustry", "kind", "item") == {
        ("先进装备制造", "企业", "河南福田智蓝新能源汽车公司"),
        ("新材料", "项目", "河南恒源通铝基产业园项目"),
        ("新材料", "项目", "化工新材料项目"),
        ("电子信息", "项目", "电子信息产业多个项目(未具名)"),
        ("电子信息", "项目", "半导体新材料“风口”产业项目"),
        ("商贸物流", "项目", "国际陆港项目"),
        ("商贸物流", "项目", "高铁动车存车场项目"),
    }
    # reached through skos:broader: the company is in NEV, a sub-industry of advanced equipment
    nested = col(rows, "leadingIndustry", "industry", "item")
    assert ("先进装备制造", "新能源汽车", "河南福田智蓝新能源汽车公司") in nested


def test_industry_tree(graph):
    rows = answer(graph, "industry-tree")
    # special vehicles and parts join the NEV cluster (一起打造…集群), they are not kinds of NEV;
    # the semiconductor *project* is under electronic information, the material is not electronics
    # the aluminium-based project is brought in under new materials; aluminium is not said to be one
    assert col(rows, "industry", "broader") == {
        ("新能源汽车", "先进装备制造"),
        ("化工新材料", "新材料"),
        ("农产品物流", "商贸物流"), ("商贸", "商贸物流"), ("冷链物流", "商贸物流"),
    }
    assert not {r["industry"] for r in rows if r["claimedBy"]}


def test_project_status(graph):
    rows = answer(graph, "project-status")
    assert {(p, s) for p, s in col(rows, "project", "status") if s} == {
        ("河南恒源通铝基产业园项目", "已列入计划"),
        ("化工新材料项目", "待批复"),
        ("电子信息产业多个项目(未具名)", "推进中"),
        ("半导体新材料“风口”产业项目", "已引进"),
        ("国际陆港项目", "推进中"),
        ("高铁动车存车场项目", "推进中"),
        ("配套园区基础设施建设", "推进中"),  # 推动配套园区基础设施建设
    }
    assert col(rows, "project", "listedIn") >= {("河南恒源通铝基产业园项目", "全省“双百工程”")}
    assert col(rows, "project", "awaitsApprovalOf") >= {("化工新材料项目", "化工园区")}


def test_goals(graph):
    rows = answer(graph, "goals")
    futian = {(r["goal"], r["modality"], r["claimedBy"]) for r in rows if r["holder"] == "河南福田智蓝新能源汽车公司"}
    head = "福田智蓝公司负责人(未具名)"
    claim = "claim attributed to someone"
    assert futian == {
        ("年底实现年产12万辆车的产能", claim, head),
        ("引进多家专用车企业和上下游零部件产业", claim, head),
        ("新能源汽车产业集群", claim, head),
    }
    mc = col([r for r in rows if r["holder"] == MC], "goal", "modality")
    assert ("“一二三五”发展目标", "targeted") in mc
    assert ("建设对外开放桥头堡、枢纽经济新高地", "aspiration or positioning") in mc
    assert ("规划成熟、项目成群、产业成链、区域成体、发展成势", claim) in mc


def test_goal_stages(graph):
    rows = answer(graph, "goal-stages")
    # only year two is said outright ("2024年,是…实现‘二年产业集聚成型’之年"); the others follow from it
    assert col(rows, "stageOrder", "targetYear", "yearIs") == {
        (1, 2023, "derived"), (2, 2024, "stated"), (3, 2025, "derived"), (5, 2027, "derived"),
    }
    assert all(r["derivation"] for r in rows if r["yearIs"] == "derived")


def test_targets(graph):
    rows = answer(graph, "targets")
    assert col(rows, "target", "value", "unit", "approximate", "targetYear") == {
        ("年底实现年产12万辆车的产能", 120000, "辆/年", False, 2024),
        ("千亿级交易额的农产品物流、商贸、冷链物流产业集群", 100000000000, "元(人民币)", True, None),
    }
    # 年底 (said in 2024): by the year 2024, whose end is the exact instant 2025-01-01T00:00+08:00
    capacity = next(r for r in rows if r["value"] == 120000)
    assert capacity["deadline"].isoformat() == "2025-01-01T00:00:00+08:00"


def test_intended_vs_reported(graph):
    rows = answer(graph, "intended-vs-reported")
    top = {"achieved": "reported", "under way": "reported", "planned": "intended", "targeted": "intended",
           "aspiration or positioning": "intended", "claim attributed to someone": "claim attributed to someone"}
    assert rows and all(top[r["modality"]] == r["broad"] for r in rows)
    mc = answer(graph, "intended-vs-reported", about="豫商经济技术开发区管委会")
    assert {r["subject"] for r in mc} <= {MC, "豫商经济技术开发区管委会主任"}
    assert ("intended", "新型基建工程") in col(mc, "broad", "value")          # 积极推进新型基建工程建设 (outlook)
    assert ("intended", "智能新区") in col(mc, "broad", "value")
    assert ("reported", "“管委会+公司”运行机制") in col(mc, "broad", "value")  # 建立…运行机制
    assert ("reported", "人才发展政策33条") in col(mc, "broad", "value")


def test_indicators(graph):
    rows = answer(graph, "indicators")
    assert col(rows, "indicator", "period", "value", "unit") == {
        ("地区生产总值(GDP)", "2024年上半年", 4898000000, "元(人民币)"),
        ("GDP同比增长率", "2024年上半年", 6.6, "百分比"),
        ("GDP增长率排名", "2024年上半年", 1, None),
        ("产业组团数量", None, 4, "个(项)"),
    }
    assert {r["periodStart"] for r in rows if r["period"]} == {"2024-01-01"}


def test_gdp_growth_rank(graph):
    rows = answer(graph, "gdp-growth-rank")
    assert col(rows, "period", "gdp", "growth", "comparison", "rank", "rankAmong") == {
        ("2024年上半年", 4898000000, 6.6, "同比", 1, "商丘市"),
    }
    # 增长率全市第一名: the rank is linked to the growth observation it ranks, not matched by area and period
    assert col(rows, "rankStatement") == {"rank-value"}


def test_in_zone(graph):
    """大力实施…: the company and the projects the article presents as the zone's, each with its modality."""
    rows = answer(graph, "in-zone")
    assert col(rows, "item", "kind", "modality") == {
        ("河南福田智蓝新能源汽车公司", "企业", "achieved"),           # 首台地产车成功下线
        ("河南恒源通铝基产业园项目", "项目", "achieved"),             # 列入全省“双百工程”
        ("化工新材料项目", "项目", "planned"),                      # 待化工园区批复后即可开建
        ("电子信息产业多个项目(未具名)", "项目", "under way"),         # 大力推进多个项目建设
        ("半导体新材料“风口”产业项目", "项目", "achieved"),            # 引进
        ("国际陆港项目", "项目", "under way"),                      # 推进…项目建设
        ("高铁动车存车场项目", "项目", "under way"),
        ("新型基建工程", "项目", "planned"),                        # 展望未来: 积极推进新型基建工程建设
        ("配套园区基础设施建设", "项目", "under way"),                # 推动配套园区基础设施建设
    }
    assert col(rows, "zone") == {ZONE}
    assert all(r["note"] for r in rows)
    industry = {r["item"]: r["industry"] for r in rows}
    assert industry["半导体新材料“风口”产业项目"] == "半导体新材料, 电子信息"  # 电子信息产业…引进半导体新材料…
    assert industry["国际陆港项目"] == "商贸物流"  # 商贸物流产业…推进国际陆港…项目建设


def test_policies_by_kind(graph):
    rows = answer(graph, "policies-by-kind")
    kinds: dict[str, set[str]] = {}
    for r in rows:
        kinds.setdefault(r["kind"], set()).add(r["policy"])
    assert kinds["政策文件"] == {"《豫商经济技术开发区新型产业用地试点管理办法》", "人才发展政策33条"}
    assert kinds["改革举措"] == {"“一网一站一门一次”", "“放管服效”改革"}
    assert kinds["运行机制"] == {"“管委会+公司”运行机制"}
    assert kinds["计划(工程)"] == {"工业“发动机”计划", "服务业“金钥匙”计划", "全省“双百工程”"}
    assert kinds["金融工具"] == {"国家政策性开发性金融工具"}
    assert kinds["理念原则"] >= {"项目为王", "产业为基", "制造为要", "规划引领"}
    assert ("《豫商经济技术开发区新型产业用地试点管理办法》", MC, "出台") in col(rows, "policy", "actor", "relation")
    assert ("人才发展政策33条", MC, "修订") in col(rows, "policy", "actor", "relation")  # 修订完善人才发展政策33条
    assert ("人才发展政策33条", MC, "出台") not in col(rows, "policy", "actor", "relation")


def test_posts(graph):
    zhang = answer(graph, "posts", name="张峰")
    assert col(zhang, "person", "role", "organisation") == {
        ("张峰", "书记", "示范区党工委"),
        ("张峰", "主任", "示范区管委会"),
        ("张峰", "副书记", "豫商经济技术开发区党工委"),
        ("张峰", "主任", MC),
    }
    assert len(answer(graph, "posts", name="Zhang Feng")) == 4
    everyone = answer(graph, "posts")
    assert col(everyone, "person") == {"张峰", "福田智蓝公司负责人(未具名)"}


def test_talent_workstations(graph):
    rows = answer(graph, "talent-workstations")
    assert col(rows, "city") == {"北京市", "上海市"}
    assert col(rows, "establishedBy") == {MC}


def test_plans(graph):
    rows = answer(graph, "plans")
    assert {(p, c, k) for p, c, k in col(rows, "plan", "count", "categories") if c} == {
        ("11项规划项目", 11, None), ("6大类25项专项规划", 25, 6),
    }
    eleven = next(r for r in rows if r["plan"] == "11项规划项目")
    assert eleven["members"] == "国土空间总体规划, 起步区城市设计"  # in label (code point) order
    assert eleven["status"] == "已投入运用"
    assert next(r for r in rows if r["count"] == 25)["status"] == "推进中"


def test_leadership_support(graph):
    rows = answer(graph, "leadership-support")
    assert col(rows, "relation", "body") == {
        ("领导机构", "河南省委"), ("领导机构", "河南省人民政府"),
        ("支持机构", "商丘市委"), ("支持机构", "商丘市人民政府"),
        ("批准机构", "河南省委"), ("批准机构", "河南省人民政府"),
        ("派出机构于", "河南省人民政府"),
        ("管理", MC), ("管理", "豫商经济技术开发区党工委"),
    }


def test_entity(graph):
    rows = answer(graph, "entity", name="张峰")
    assert col(rows, "entity") == {"zhang-feng"}
    assert col([r for r in rows if r["direction"] == "→"], "property", "value") == {
        ("主要负责人", "示范区党工委"), ("主要负责人", "示范区管委会"), ("主要负责人", MC),
    }
    assert len([r for r in rows if r["direction"] == "←" and r["property"] == "任职者"]) == 4
    assert all(isinstance(r["sentence"], int) for r in rows)


def test_about(graph):
    rows = answer(graph, "about", entity="zk:zhang-feng")
    assert col([r for r in rows if r["property"] == "org:headOf"], "value") == {
        "zk:demo-pwc", "zk:demo-mc", "zk:yushang-mc"}
    sentences = {r["sentence"] for r in rows if r["statement"]}
    assert len(sentences) == 1  # the closing quote: 示范区党工委书记、管委会主任,…管委会主任张峰说
    spoken = answer(graph, "sentence-statements", index=sentences.pop())
    assert "管委会主任张峰说" in spoken[0]["sentence"]


def test_statement_evidence(graph):
    rows = answer(graph, "statement-evidence", id="gdp-value")
    assert len(rows) == 1
    row = rows[0]
    text = SOURCE_TEXT.read_text(encoding="utf-8")
    assert row["quote"] == text[row["quoteStart"]:row["quoteEnd"]] == "全区GDP完成48.98 亿元"
    assert row["sentence"] == "今年上半年,全区GDP完成48.98 亿元,同比增长6.6%,增长率全市第一名。"
    assert row["line"] == next(i for i, line in enumerate(text.splitlines(), 1) if row["sentence"] in line)
    assert row["isDerived"] is False
    assert row["value"] == 4898000000  # 48.98 亿元, a number on every engine
    assert answer(graph, "statement-evidence", id="value") == []  # matched exactly, not as a suffix of a word


def test_sentence_statements(graph):
    rows = answer(graph, "sentence-statements", index=15)
    assert col(rows, "sentence") == {"今年上半年,全区GDP完成48.98 亿元,同比增长6.6%,增长率全市第一名。"}
    assert {"gdp-value", "growth-value", "rank-value"} <= col(rows, "statement")
    assert {r["value"] for r in rows if r["statement"] == "growth-value"} == {6.6}  # 同比增长6.6%
    assert {r["value"] for r in rows if r["statement"] == "gdp-value"} == {4898000000}  # 48.98 亿元
    first = answer(graph, "sentence-statements", index=1)
    assert col(first, "sentence", "statement") == {("河南切换", None)}
    assert first[0]["noFactReason"]


def test_source_metadata(graph):
    rows = answer(graph, "source-metadata")
    assert len(rows) == 1
    row = rows[0]
    assert row["title"] == "豫商经济技术开发区:奋楫逐浪启新程"
    assert row["published"].isoformat() == "2024-09-29T16:36:00+08:00"
    assert (row["reporter"], row["outlet"], row["repostedOn"]) == ("马晓伟", "商丘网-商丘日报", "工业园网")
    assert row["sha256"] == hashlib.sha256(SOURCE_TEXT.read_bytes()).hexdigest()
    assert row["sha256"] == "3751b53b704ad14c73c20ed8ef14391a8f6b330dad10508424d1b910e1b55f70"


def test_companies(graph):
    rows = answer(graph, "companies")
    assert col(rows, "company") == {"河南福田智蓝新能源汽车公司", "豫商发展投资集团"}
    assert ("豫商发展投资集团", "设立机构", MC) in col(rows, "company", "property", "value")


def test_timeline(graph):
    rows = answer(graph, "timeline")
    assert ("2023-02-01", "批复设立豫商经济技术开发区") in col(rows, "start", "what")
    assert ("2024-09-23", "记者走进福田智蓝生产车间") in col(rows, "start", "what")
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)
    # 年底 in the Futian head's words: the year 2024, although the instant is 2025-01-01T00:00+08:00
    assert ("2025-01-01", 2024, "年底实现年产12万辆车的产能") in col(rows, "start", "year", "what")
    assert ("2024-01-01", 2024, "豫商经济技术开发区2024年上半年GDP") in col(rows, "start", "year", "what")


def test_claims(graph):
    rows = answer(graph, "claims")
    assert col(rows, "speaker") == {"张峰", "福田智蓝公司负责人(未具名)"}
    assert ("福田智蓝公司负责人(未具名)", ZONE, "产业链配套完善") in col(rows, "speaker", "subject", "value")


def test_derived_statements(graph):
    rows = answer(graph, "derived-statements")
    ids = col(rows, "statement")
    assert {"stage-1-year", "stage-3-year", "stage-5-year", "zone-in-shangqiu", "source-published"} <= ids
    assert not ids & {"gdp-value", "stage-2-year", "approval-time"}  # stated outright
    assert all(r["derivation"] for r in rows)


def test_no_fact_sentences(graph):
    rows = answer(graph, "no-fact-sentences")
    assert col(rows, "sentence") == {
        "河南切换", "新闻", "项目建设,热火朝天、激情四溢。", "产业支撑,坚实有力、动力澎湃。",
        "展望未来,蓝图宏伟、令人憧憬。", "改革创新,优化环境、活力满满。", "夯实基础,强化要素、坚实有力。",
        "[不良信息举报:service@cnrepark.com]",
    }


def test_project_facilities(graph):
    rows = answer(graph, "project-facilities")
    assert col(rows, "project", "facility", "modality") == {
        ("国际陆港项目", "国际陆港", "under way"),
        ("高铁动车存车场项目", "高铁动车存车场", "under way"),
        ("河南恒源通铝基产业园项目", "河南恒源通铝基产业园", "planned"),  # the park is to be built
    }


def test_zone_areas(graph):
    rows = answer(graph, "zone-areas")
    # the chemical park is not among them: the article does not say where it is
    assert col(rows, "area", "modality") == {
        ("先进装备制造产业组团", "achieved"), ("新材料产业组团", "achieved"), ("电子信息产业组团", "achieved"),
        ("商贸物流产业组团", "achieved"), ("起步区", "achieved"),
    }


def test_find_sentence(graph):
    rows = answer(graph, "find-sentence", text="招才引智")
    assert len(rows) == 1
    assert "成立驻北京市、上海市招才引智工作站" in rows[0]["sentence"]
    assert rows[0]["statements"] >= 4


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(QUERIES))
def test_runs_on_the_committed_files(name: str, graph):
    """Each file parses and runs (with a harmless value for its parameters)."""
    nq = QUERIES[name]
    params = {p: "zk:zhang-feng" if p == "entity" else ("15" if p == "index" else "张") for p in nq.params}
    assert isinstance(Path(nq.path), Path)
    run(nq, graph.store, params, from_text=True, pool=graph.pool)
