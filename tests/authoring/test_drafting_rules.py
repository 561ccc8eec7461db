"""Drafting rules from issue 18's failure classes, each on a short made-up text (fictional names).

The expected answers were written from reading the Chinese sentences, before running the drafter.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers import ROOT


@pytest.fixture(scope="module")
def ontology():
    from zonekg.model import paths
    from zonekg.model.ontology import Ontology, load_ontology_graph

    return Ontology(load_ontology_graph(paths.ontology_files(ROOT)))


@pytest.fixture(scope="module")
def draft(ontology):
    from zonekg.authoring.drafting import make_draft

    return lambda text: make_draft(text, date(2024, 10, 20), [], ontology, source_id="t")


def labels(d) -> dict[str, str]:
    return {e["id"]: e["zh"] for e in d.entities}


def obs_of(d, original: str) -> dict[str, object]:
    """The drafted observation whose value was read from ``original``: its parts by property."""
    (value,) = [s.fields for s in d.statements if s.fields["p"] == "value" and s.fields.get("original") == original]
    parts: dict[str, object] = {"value": value}
    for s in d.statements:
        if s.fields["s"] == value["s"] and s.fields["p"] != "value":
            parts[s.fields["p"]] = s.fields.get("o", s.fields.get("v"))
    return parts


def values(d) -> set[str]:
    return {s.fields.get("original", "") for s in d.statements if s.fields["p"] in ("value", "rank")}


def test_a_comparison_base_is_not_the_period(draft):
    d = draft("今年1—9月，雁汀经开区规上工业增加值同比增长8.2%，比上半年提高0.6个百分点。"
              "新能源汽车产量8.62万辆，是2019年的4.3倍。")
    # 比上半年: the half year is what 0.6 points is compared with; the figure is of January to September
    assert obs_of(d, "0.6个百分点").get("refPeriod") == "2024-01/2024-09"
    # 是2019年的4.3倍: 2019 is the base, not the year of the 4.3 times
    assert obs_of(d, "4.3倍").get("refPeriod") != "2019"


def test_a_clause_that_says_now_takes_no_earlier_year(draft):
    d = draft("青溪高新区于2015年升级为国家高新技术产业开发区，目前已集聚高新技术企业312家。")
    assert obs_of(d, "312家")["refPeriod"] == "2024-10-20"  # 目前: the article's date, not 2015


def test_the_field_of_a_rank_is_not_what_is_ranked(draft):
    d = draft("雁汀经济技术开发区位于雁汀市东部。"
              "今年前三季度，雁汀经开区地区生产总值增速居澜江省6家国家级经济技术开发区第2位。"
              "这是澜江省获批的第6家国家级经济技术开发区。")
    names = labels(d)
    ranks = [s.fields for s in d.statements if s.fields["p"] == "rank"]
    assert {r["v"] for r in ranks} == {2, 6}
    for r in ranks:
        area = [s.fields["o"] for s in d.statements if s.fields["s"] == r["s"] and s.fields["p"] == "refArea"]
        assert area and names[area[0]] != "澜江省", r
    assert "6家" not in values(d)  # the six zones are the field of the rank, no figure of their own


def test_a_place_inside_a_body_name_is_no_area(draft):
    d = draft("栖州经济开发区位于栖州市北部。2017年经滨岳省人民政府批准为省级开发区，规划面积16.8平方公里。")
    area = obs_of(d, "16.8平方公里").get("refArea")
    assert area is None or labels(d)[str(area)] != "滨岳省"


def test_a_company_figure_in_reported_speech_is_the_company_s_claim(draft):
    d = draft("汐川高新区管委会主任孔维表示，高新区今年将加快发展。"
              "湄东芯源半导体有限公司负责人介绍说，公司去年实现营业收入18.7亿元。")
    obs = obs_of(d, "18.7亿元")
    assert labels(d)[str(obs["refArea"])] == "湄东芯源半导体有限公司"
    assert obs["value"]["modality"] == "claimed"  # 介绍说: what the company says, not a checked fact


def test_a_number_inside_a_project_name_is_no_figure(draft):
    d = draft("栖州经济开发区今年新开工项目12个，其中滨岳拓普新材料有限公司年产3万吨电子级多晶硅项目总投资30亿元。")
    assert "3万吨" not in values(d)
    assert "12个" in values(d)  # how many projects started: the zone's figure


def test_what_a_project_yields_once_built_is_planned_or_the_project_s(draft):
    from zonekg.authoring.drafting.modality import suggest

    text = "全区新签约项目全部达产后，预计年产值可达80亿元。"
    i = text.index("80亿元")
    assert suggest(text, i, i + 5) in ("planned", "targeted")
    d = draft("汐川海洋重工集团有限公司深远海养殖装备项目正在加快建设，建成后年产深远海养殖平台20套。")
    # the project's capacity once built: not an achieved figure
    assert all(s.fields["modality"] != "achieved" for s in d.statements if s.fields.get("original") == "20套")


def test_a_document_is_issued_by_who_the_text_says_and_a_cited_one_by_no_one(draft):
    d = draft("近日，国务院办公厅印发《国务院办公厅关于雁汀经济开发区升级为国家级经济技术开发区的复函》。"
              "根据《崇岭省开发区条例》，雁汀经开区管委会将加快推进体制机制改革。")
    names = labels(d)
    issued = {(names[s.fields["s"]], names[s.fields["o"]]) for s in d.statements if s.fields["p"] == "issued"}
    assert issued == {("国务院办公厅", "《国务院办公厅关于雁汀经济开发区升级为国家级经济技术开发区的复函》")}


def test_owners_written_before_the_project(draft):
    d = draft("滨岳星衡云计算有限公司投资建设的AIDC蓼城智算中心项目总投资22亿元。"
              "湄东芯源半导体有限公司与汐川卓峰资本管理有限公司合作的功率半导体封装测试项目进展顺利。"
              "蓼城高新区管委会表示将全力做好服务。")
    names = labels(d)
    owners = {(names[s.fields["s"]], names[s.fields["o"]]) for s in d.statements if s.fields["p"] == "developedBy"}
    assert ("AIDC蓼城智算中心项目", "滨岳星衡云计算有限公司") in owners
    assert ("功率半导体封装测试项目", "湄东芯源半导体有限公司") in owners
    assert ("功率半导体封装测试项目", "汐川卓峰资本管理有限公司") in owners
    # a company's project: the committee is not said to pursue it
    pursued = {names.get(s.fields["o"]) for s in d.statements if s.fields["p"] == "pursues"}
    assert not pursued & {"AIDC蓼城智算中心项目", "功率半导体封装测试项目"}


def test_a_total_investment_is_planned_and_a_lone_one_is_not_the_zone_s(draft):
    d = draft("槐阳经济技术开发区位于槐阳市南部。今年全市已累计集中开工项目186个，总投资1132.4亿元。"
              "去年，某某微电子有限公司12英寸特色工艺晶圆（一期）项目落户，总投资120亿元。")
    assert obs_of(d, "1132.4亿元")["value"]["modality"] == "planned"
    assert not [s for s in d.statements if s.fields.get("original") == "120亿元" and s.fields["modality"] == "achieved"]


def test_a_time_that_heads_the_paragraph_holds_for_its_sentences(draft):
    d = draft("雁汀经济技术开发区位于雁汀市东部。\n"
              "前三季度，全区规模以上工业增加值同比增长10.6%。主要产品中，新能源汽车产量8.62万辆。\n"
              "全区实现社会消费品零售总额41.2亿元。")
    assert obs_of(d, "8.62万辆").get("refPeriod") == "2024-01/2024-09"
    assert "refPeriod" not in obs_of(d, "41.2亿元")  # another paragraph, no time of its own


def test_a_figure_of_a_period_not_over_or_of_a_case_is_planned(draft):
    d = draft("崇岭省位于东部。2024—2026年，崇岭省省级财政每年安排开发区高质量发展专项资金10亿元。"
              "对成功升级为国家级经济技术开发区的，崇岭省财政一次性奖励3000万元。")
    assert obs_of(d, "10亿元")["value"]["modality"] == "planned"  # the years to 2026 are not over
    # 对…的，奖励3000万元: what a policy grants in a case is no figure of the province at all
    assert not [s for s in d.statements if s.fields.get("original") == "3000万元"]


def test_an_owner_with_an_unnamed_partner(draft):
    d = draft("湄东芯源半导体有限公司与本港私募基金卓峰资本合作的功率半导体封装测试项目进展顺利。")
    names = labels(d)
    owners = {(names[s.fields["s"]], names[s.fields["o"]]) for s in d.statements if s.fields["p"] == "developedBy"}
    assert ("功率半导体封装测试项目", "湄东芯源半导体有限公司") in owners


def test_a_zone_s_target_is_named_as_written_and_held_by_its_committee(draft):
    d = draft("雁汀经济技术开发区党工委书记周启明表示，下一步，雁汀经开区管委会将以更高标准推进改革，"
              "力争到2025年地区生产总值突破400亿元、规上工业总产值达到1500亿元。")
    names = labels(d)
    goals = {names[s.fields["o"]]: names[s.fields["s"]] for s in d.statements if s.fields["p"] == "hasGoal"}
    assert goals.get("地区生产总值突破400亿元") == "雁汀经开区管委会"
    assert goals.get("规上工业总产值达到1500亿元") == "雁汀经开区管委会"


def test_a_province_s_target_is_not_given_to_a_zone_committee(draft):
    d = draft("璋浦经济开发区管委会、青柘经济开发区、槐阳经济技术开发区参加会议。"
              "到2025年，全省开发区规上工业增加值占全省比重达到65%以上。")
    assert not [s for s in d.statements if s.fields["p"] == "hasGoal"]


def test_what_is_there_now_is_no_plan_in_a_sentence_about_the_future(draft):
    from zonekg.authoring.drafting.modality import suggest

    text = "海蓝生物目前有12个一类创新药进入临床阶段，预计明年将有1个产品获批上市。"
    i = text.index("12个")
    assert suggest(text, i, i + 3) == "achieved"


def test_names_that_are_kinds_or_fragments_are_not_drafted(draft):
    d = draft("槐阳经开区建设投资集团有限公司负责园区运营，实行“党工委（管委会）+平台公司”模式。"
              "经开区将启动新一轮国土空间规划修编，重点保障开发区重大产业项目用地。"
              "省商务厅会同省发展改革委开展考核。滨岳拓普新材料有限公司代表发言，拓普新材料表示将扩大产能。"
              "湄东芯源半导体有限公司与本港私募基金卓峰资本合作。根据崇发改开放〔2024〕12号文件执行。")
    kinds = {e["zh"]: e["type"] for e in d.entities}
    assert kinds.get("槐阳经开区建设投资集团有限公司") in ("Company", "StateOwnedPlatformCompany")
    assert "建设投资集团有限公司" not in kinds  # the zone's own platform company is one name
    assert not [k for k in kinds if "+" in k or k == "平台公司"]
    assert "国土空间规划" not in kinds and "保障开发区重大产业项目" not in kinds
    assert not [k for k in kinds if "会同" in k]
    for fragment in ("拓普", "卓峰", "崇发"):  # parts of a company's name or of a document number
        assert kinds.get(fragment) != "Person", fragment
    assert kinds.get("卓峰资本") == "Company"


def test_a_project_name_may_start_with_a_number_a_count_of_projects_is_no_name(draft):
    d = draft("白浔华芯微电子有限公司12英寸特色工艺晶圆（一期）项目落户。全区58个项目集中开工。")
    kinds = {e["zh"]: e["type"] for e in d.entities}
    assert kinds.get("12英寸特色工艺晶圆（一期）项目") == "Project"
    assert not [k for k, t in kinds.items() if t == "Project" and k.startswith("58")]


def test_a_company_pursues_only_what_its_clause_says_it_builds(draft):
    d = draft("槐阳经济技术开发区位于槐阳市。主会场设在崇岭轴研科技股份有限公司，"
              "槐川区的槐北冷链物流园项目总投资9.8亿元，槐阳经开区综合能源站项目总投资3.6亿元。澜江省人民政府召开会议。会上要求持续深化“标准地”改革。")
    names = labels(d)
    pursued = {(names.get(s.fields["s"]), names.get(s.fields["o"])) for s in d.statements if s.fields["p"] == "pursues"}
    assert not [p for p in pursued if p[0] in ("崇岭轴研科技股份有限公司", "澜江省人民政府")], pursued


def test_what_a_project_has_done_is_not_the_zone_s_figure(draft):
    d = draft("汐川高新区位于汐川市。在汐川海洋重工集团有限公司深远海养殖装备项目建设现场，企业负责人表示，"
              "项目已完成投资11.2亿元，计划明年6月建成投产。")
    assert not [s for s in d.statements if s.fields.get("original") == "11.2亿元" and s.fields["p"] == "value"]


def test_what_a_figure_is_compared_with_or_listed_in_is_not_its_area(draft):
    d = draft("汐川高新区位于汐川市南部。前三季度，高新区规模以上工业增加值同比增长9.8%，高于全市2.6个百分点。"
              "汐川高新区今年开工项目中，列入湄东省重点项目的有9个。")
    names = labels(d)
    assert names[str(obs_of(d, "2.6个百分点")["refArea"])] != "汐川市"  # the zone grew faster than the city
    assert names[str(obs_of(d, "9个")["refArea"])] != "湄东省"  # a programme of the province, the zone's projects


def test_an_event_is_on_the_day_its_sentence_opens_with(draft):
    d = draft("9月23日上午，槐阳市2024年第三季度重大项目集中开工活动在全市各县（市、区）同步举行。"
              "会上，槐阳市委书记杜明川宣布开工。")
    names = labels(d)
    days = {names[s.fields["s"]]: s.fields["o"] for s in d.statements if s.fields["p"] == "atTime"}
    assert days == {"槐阳市2024年第三季度重大项目集中开工活动": "2024-09-23"}


def test_a_zone_approved_through_a_body(draft):
    d = draft("栖州经济开发区成立于2010年，2017年经滨岳省人民政府批准为省级开发区，规划面积16.8平方公里。")
    names = labels(d)
    approved = {(names[s.fields["s"]], names[s.fields["o"]]) for s in d.statements if s.fields["p"] == "approvedBy"}
    assert approved == {("栖州经济开发区", "滨岳省人民政府")}


def test_the_past_n_years_end_with_the_year_of_publication(draft):
    d = draft("汐川高新区位于汐川市。过去五年，港资企业在高新区的投资额翻了一番。")  # published 2024-10-20
    assert {t.id for t in d.times if d.text[t.start:t.end] == "过去五年"} == {"2020/2024"}


def test_what_a_leader_stresses_or_requires_is_his_claim(draft):
    d = draft("雁汀经开区党工委书记韩立新出席会议。"
              "“要把项目建设作为稳增长的‘压舱石’，对在建项目实行周调度。”韩立新强调。"
              "他要求，自然资源和规划分局要在9月底前完成3宗工业用地挂牌出让。")
    names = labels(d)
    claims = [s.fields for s in d.statements if s.fields["p"] == "assessment"]
    said = {c["v"]: names[c["claimed_by"]] for c in claims}
    assert said.get("要把项目建设作为稳增长的‘压舱石’，对在建项目实行周调度") == "韩立新"
    assert any(v.startswith("自然资源和规划分局要在9月底前") for v in said)  # 他要求，…: reported speech


def test_short_names_in_a_list_of_companies(draft):
    d = draft("恒驰汽车、华屹动力电池、雁汀精工机床3家龙头企业合计实现产值562.7亿元。"
              "汽车、电子、机械等行业企业增长较快。")
    kinds = {e["zh"]: e["type"] for e in d.entities}
    for name in ("恒驰汽车", "华屹动力电池", "雁汀精工机床"):
        assert kinds.get(name) == "Company", name
    assert "汽车" not in kinds and "电子" not in kinds  # kinds of industry, not companies


def test_a_growth_written_an_nian_is_the_growth_of_the_amount_before_it(draft):
    d = draft("汐川高新区位于汐川市。首三季，汐川高新区实际使用外资2.36亿美元，按年增长21.4%。")
    growth = obs_of(d, "21.4%")
    assert growth.get("growthOf") == obs_of(d, "2.36亿美元")["value"]["s"]


def statuses(d) -> set[tuple[str, str, str]]:
    names = labels(d)
    return {(names[s.fields["s"]], s.fields["o"], s.fields["modality"]) for s in d.statements
            if s.fields["p"] == "hasStatus"}


def test_a_project_s_status_after_its_name_in_a_list_or_in_a_later_clause(draft):
    d = draft("湄东芯源半导体有限公司年产36万片8英寸功率器件晶圆（二期）项目正在加快建设。"
              "签约项目中，滨岳锐能储能科技有限公司年产12GWh储能电池项目总投资56亿元。"
              "白浔博岳新材料有限公司年产10万吨锂电正极材料项目、澜江海锐船舶装备有限公司智能船舶总装基地（一期）项目"
              "等23个项目竣工投产。"
              "蓼城数字经济产业园一期工程总建筑面积12万平方米，预计2026年6月交付使用。")
    assert statuses(d) == {
        ("年产36万片8英寸功率器件晶圆（二期）项目", "status-under-way", "ongoing"),
        ("年产12GWh储能电池项目", "status-signed", "achieved"),
        ("年产10万吨锂电正极材料项目", "status-in-operation", "achieved"),
        ("智能船舶总装基地（一期）项目", "status-in-operation", "achieved"),
        ("蓼城数字经济产业园一期工程", "status-in-operation", "planned"),
    }


def test_no_status_from_a_ceremony_or_an_other_subject(draft):
    d = draft("滨岳锐能储能科技有限公司年产12GWh储能电池项目签约仪式在蓼城举行。")
    assert statuses(d) == set()


def test_a_zone_s_leading_industries_by_their_count(draft):
    d = draft("栖州经济开发区成立于2010年，目前已形成新材料、智能装备两大主导产业。"
              "汐川高新区已形成半导体、生物医药和海洋装备三大主导产业。")
    names = labels(d)
    got = {(names[s.fields["s"]], names[s.fields["o"]]) for s in d.statements if s.fields["p"] == "leadingIndustry"}
    assert got == {("栖州经济开发区", "新材料"), ("栖州经济开发区", "智能装备"), ("汐川高新区", "半导体"),
                   ("汐川高新区", "生物医药"), ("汐川高新区", "海洋装备")}


def test_an_industry_joined_by_and_stays_one_when_the_count_says_so(draft):
    d = draft("雁汀经济开发区聚焦新能源汽车及零部件、高端装备制造两大主导产业。")
    names = labels(d)
    got = {names[s.fields["o"]] for s in d.statements if s.fields["p"] == "leadingIndustry"}
    assert got == {"新能源汽车及零部件", "高端装备制造"}


def test_whole_city_opening_a_clause_is_the_city_not_the_province_before(draft):
    d = draft("霁川是滨岳省外资企业最集中的城市之一，全市现有外商投资企业386家。霁川市委书记柏嘉言出席。")
    names = labels(d)
    assert names[obs_of(d, "386家")["refArea"]] == "霁川"


def test_names_the_model_finds_bare_or_after_a_country(draft):
    d = draft("霁川是滨岳省外资企业最集中的城市之一。德国斐乐克自动化有限公司与日本企业签约，"
              "潆州市工业和信息化局负责服务。秦慕远副省长通报观摩情况。")
    kinds = {e["zh"]: e["type"] for e in d.entities}
    assert kinds.get("斐乐克自动化有限公司") == "Company" and "德国斐乐克自动化有限公司" not in kinds
    assert kinds.get("潆州市工业和信息化局") == "PublicBody"
    assert kinds.get("秦慕远") == "Person"
    assert kinds.get("霁川") == "AdministrativeArea" and kinds.get("德国") == "AdministrativeArea"
    assert "滨岳" not in kinds  # only ever inside 滨岳省


@pytest.mark.parametrize(("text", "project"), [
    ("青柘县年产5万吨生物基可降解材料项目总投资18.6亿元。", "年产5万吨生物基可降解材料项目"),
    ("鸣珂县的200MW农光互补光伏发电项目总投资8.9亿元。", "200MW农光互补光伏发电项目"),
    ("晟光新能源年产10GW光伏组件项目（二期）今年6月投产。", "年产10GW光伏组件项目（二期）"),
])
def test_a_project_name_runs_on_across_what_it_makes_and_its_phase(draft, text, project):
    assert project in {e["zh"] for e in draft(text).entities if e["type"] == "Project"}


def investments(d) -> set[tuple[str, int]]:
    names = labels(d)
    return {(names[s.fields["s"]], int(s.fields["v"])) for s in d.statements if s.fields["p"] == "investment"}


def test_an_investment_before_of_or_a_sentence_after_its_project(draft):
    d = draft("澜江沐辰智能装备股份有限公司年产5万套AI+智能网联控制器项目已开工。"
              "年内还将启动总投资36亿元的澹川经开区数字经济产业园（二期）项目。"
              "滨岳钧瑞新能源科技有限公司年产20GWh储能电池项目举行开工仪式。项目总投资65亿元，分两期建设。")
    assert investments(d) == {("澹川经开区数字经济产业园（二期）项目", 3600000000),
                              ("年产20GWh储能电池项目", 6500000000)}
    assert not [s for s in d.statements if s.fields.get("original") == "两期"]  # 分两期: no figure


def test_speech_announced_at_a_paragraph_s_head_runs_to_its_end(draft):
    d = draft("程远航介绍，今年以来，蘅江高新区经济保持较快增长。1-7月，全区实现规上工业总产值486.3亿元。\n"
              "记者了解到，全区高新技术企业达到412家。")
    names = labels(d)
    said = obs_of(d, "486.3亿元")
    assert said["value"]["modality"] == "claimed" and names[said["value"]["claimed_by"]] == "程远航"
    assert said["refPeriod"] == "2024-01/2024-07"  # a result of months over, not a target
    assert obs_of(d, "412家")["value"]["modality"] != "claimed"  # the next paragraph is the reporter's


def test_a_name_before_a_post_speaks_not_an_unnamed_holder(draft):
    d = draft("滨岳省召开推进会。秦慕远副省长通报观摩情况：截至5月底，全省412个省重点项目已开工376个，开工率91.3%。")
    names = labels(d)
    said = obs_of(d, "91.3%")["value"]
    assert said["modality"] == "claimed" and names[said["claimed_by"]] == "秦慕远"


def held(d) -> set[tuple[str, str, str]]:
    names = labels(d)
    return {(names[s.fields["s"]], names[s.fields["o"]], s.fields["modality"]) for s in d.statements
            if s.fields["p"] == "org:heldBy"}


def test_an_appointment_holds_the_post_a_nomination_plans_it_a_removal_does_neither(draft):
    d = draft("会上宣读了市委决定：任命苗思远为澹川经济开发区党工委书记；免去褚振东的澹川经济开发区党工委书记职务。"
              "经市政府研究，提名庞晓川为澹川经济开发区管委会副主任人选。")
    assert held(d) == {("澹川经济开发区党工委书记", "苗思远", "achieved"),
                       ("澹川经济开发区管委会副主任", "庞晓川", "planned")}


def test_a_deputy_director_is_no_director(draft):
    d = draft("蘅江高新区管委会副主任程远航介绍政策主要内容，管委会主任欧阳澄主持。")
    names = labels(d)
    roles = {names[s.fields["s"]]: s.fields["o"] for s in d.statements if s.fields["p"] == "org:role"}
    assert roles["蘅江高新区管委会副主任"] == "role-deputy-director"
    assert roles["管委会主任"] == "role-director"


@pytest.mark.parametrize(("text", "expected"), [
    ("蓼城高新区于2015年升级为国家高新技术产业开发区。",
     {("蓼城高新区", "kind-national-level"), ("蓼城高新区", "kind-hitech-zone")}),
    ("栖州经济开发区成立于2010年，2017年经滨岳省人民政府批准为省级开发区。",
     {("栖州经济开发区", "kind-provincial-level")}),
    ("支持璋浦经济开发区、青柘经济开发区等基础较好的省级开发区创建国家级开发区。",
     {("璋浦经济开发区", "kind-provincial-level"), ("青柘经济开发区", "kind-provincial-level")}),
])
def test_a_zone_s_level_and_type(draft, text, expected):
    d = draft(text)
    names = labels(d)
    assert {(names[s.fields["s"]], s.fields["o"]) for s in d.statements if s.fields["p"] == "zoneKind"} == expected


def test_counted_lists_of_cities_and_roads_and_a_source_outlet(draft):
    d = draft("6月10日，观摩团深入岚泽、沅桥、栾溪3市开发区的12个项目。年底前完成纬六路、港城大道东延等5条道路建设。"
              "上市公司3家。\n来源：湄东经济网")
    kinds = {e["zh"]: e["type"] for e in d.entities}
    assert {k: kinds.get(k) for k in ("岚泽", "沅桥", "栾溪", "纬六路", "港城大道东延", "湄东经济网")} == {
        "岚泽": "AdministrativeArea", "沅桥": "AdministrativeArea", "栾溪": "AdministrativeArea",
        "纬六路": "Project", "港城大道东延": "Project", "湄东经济网": "NewsOutlet"}
    assert "市开发区" not in kinds and kinds.get("上市公司") != "Company"


def test_a_county_bulletin_s_figures_are_the_county_s(draft):
    d = draft("青漪县统计局发布前三季度经济运行情况。青漪县地区生产总值增长5.6%。全县一般公共预算收入15.26亿元。"
              "青漪县居民人均可支配收入31268元。青漪经济开发区规上工业增加值增长8.1%。")
    names = labels(d)
    assert names[obs_of(d, "15.26亿元")["refArea"]] == "青漪县"
    assert names[obs_of(d, "31268元")["refArea"]] == "青漪县"
    assert names[obs_of(d, "8.1%")["refArea"]] == "青漪经济开发区"


def test_a_company_s_people_speak_of_its_figures(draft):
    d = draft("潆州高新区光伏产业集聚。湄东晟光新能源科技股份有限公司总经理唐以宁说："
              "“今年1-9月，我们的电池片出货量达到14.6GW。”")
    names = labels(d)
    assert names[obs_of(d, "14.6GW")["refArea"]] == "湄东晟光新能源科技股份有限公司"


def test_a_city_district_is_no_industrial_park(draft):
    kinds = {e["zh"]: e["type"] for e in draft("集中开工活动在梁园区主会场举行，化工园区同步开工。").entities}
    assert kinds.get("梁园区") == "AdministrativeArea"


def test_whole_province_is_never_a_zone(draft):
    d = draft("河南省发展和改革委员会下达名单。2025年全省共安排省重点建设项目2000个。济源示范区发展改革委参加。")
    names = labels(d)
    values = [s.fields["s"] for s in d.statements if s.fields.get("original") == "2000个"]
    areas = {names[s.fields["o"]] for s in d.statements if s.fields["p"] == "refArea" and s.fields["s"] in values}
    assert areas <= {"河南", "河南省"}  # the province, or no figure at all when it is not named: never the zone
    assert "2025年省重点建设项目" not in names.values()  # a list projects are put on, no project


def test_a_sentence_about_a_project_or_a_company_keeps_its_subject_across_clauses(draft):
    d = draft("豫商经济技术开发区建设提速。在商丘高铁物流园项目现场，王凯听取汇报。"
              "该项目由商丘市城投集团投资建设，总投资28亿元，目前已完成投资12亿元。"
              "河南福田智蓝新能源汽车有限公司负责人介绍，今年1-5月公司累计生产新能源商用车1.2万辆。")
    names = labels(d)
    assert investments(d) == {("商丘高铁物流园项目", 2800000000)}
    assert not [s for s in d.statements if s.fields.get("original") == "12亿元"]  # the project's, no zone's
    assert names[obs_of(d, "1.2万辆")["refArea"]] == "河南福田智蓝新能源汽车有限公司"
    assert "1-5月公司" not in names.values()


def test_a_figure_compared_with_last_year_s_end_is_of_its_own_date(draft):
    d = draft("截至6月末，商丘经济技术开发区市场主体达到1.26万户，比上年末增加812户；高新技术企业总数达到89家。")
    assert obs_of(d, "89家")["refPeriod"] == "2024-06-30"  # not 上年末, the base of a comparison
