"""Entity cards (``zonekg entity``) and evidence (``zonekg why``), read from the build's store."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from wcwidth import wcswidth

from tests.helpers import SOURCE_TEXT
from zonekg.cli import app
from zonekg.model.errors import ZoneKGError
from zonekg.model.prefixes import PREFIXES
from zonekg.queries.cards import Triples, card, find_entities, resolve_entity, why
from zonekg.queries.names import AmbiguousName

runner = CliRunner()


@pytest.fixture(scope="module")
def graph(store, project):
    return Triples.of_build(project)


def zk(local: str) -> ox.NamedNode:
    """An entity's IRI, as the store's term."""
    return ox.NamedNode(PREFIXES["zk"] + local)


def test_names_find_entities_by_label_alt_label_or_id(graph):
    assert resolve_entity(graph, "张峰") == zk("zhang-feng")
    assert resolve_entity(graph, "zhang feng") == zk("zhang-feng")
    assert resolve_entity(graph, "福田智蓝") == zk("futian-zhilan")  # its alternative label, an exact match
    assert resolve_entity(graph, "省政府") == zk("henan-gov")        # 省政府 is an alternative label
    assert resolve_entity(graph, "futian-zhilan") == zk("futian-zhilan")
    assert resolve_entity(graph, "新材料") == zk("ind-new-materials")  # exact label beats partial matches


def test_ambiguous_name_lists_candidates(graph):
    with pytest.raises(AmbiguousName) as info:
        resolve_entity(graph, "材料")
    message = str(info.value)
    for cid in ("zk:ind-new-materials", "zk:ind-semiconductor-materials", "zk:proj-chemical-materials"):
        assert cid in message
    assert "zo:Industry" in message and "zo:Project" in message
    assert len(find_entities(graph, "材料")) >= 3


def test_unknown_name(graph):
    with pytest.raises(ZoneKGError, match="no entity"):
        resolve_entity(graph, "不存在的东西")


def test_card_groups_statements_with_modality_and_evidence(graph):
    text = card(graph, zk("futian-zhilan"))
    assert "zo:Company" in text and "福田智蓝" in text
    assert "statements about it" in text and "statements pointing to it" in text
    assert "所属产业 · industry (zo:industry)" in text
    # the capacity target is the company head's claim, and shows the sentence it rests on
    line = next(x for x in text.splitlines() if "年底实现年产12万辆车的产能" in x and "why:" in x)
    assert "[claimed, claimed by 福田智蓝公司负责人(未具名)]" in line
    assert "【年底我们肯定能实现年产12万辆车的产能】" in text


def test_card_of_a_speaker_lists_the_claims_the_article_quotes(graph):
    text = card(graph, zk("zhang-feng"))
    claims = text.split("claims it made", 1)[1]
    # From the article: the director calls 2024 the year of stage two, and states the goal
    # 规划成熟、项目成群、产业成链、区域成体、发展成势.
    assert "二年产业集聚成型 (zk:stage-2) → 2024" in claims
    assert "规划成熟、项目成群、产业成链、区域成体、发展成势" in claims
    assert "年产12万辆" not in claims  # the company head's words, not his


def test_why_statement_places_the_quote(graph):
    text = why(graph, "gdp-value")
    assert "line 14, sentence 15, chars 456–471" in text
    source = SOURCE_TEXT.read_text(encoding="utf-8")
    assert source[456:471] == "全区GDP完成48.98 亿元"
    lines = text.splitlines()
    gdp = "今年上半年,全区GDP完成48.98 亿元,同比增长6.6%,增长率全市第一名。"
    i = next(n for n, x in enumerate(lines) if x.strip() == gdp)
    sentence, carets = lines[i], lines[i + 1]
    start = carets.index("^")
    # the carets start under 全 and span the quote's display width
    prefix = next(k for k in range(len(sentence)) if wcswidth(sentence[:k]) == start)
    assert sentence[prefix:].startswith("全区GDP完成48.98 亿元")
    assert carets.count("^") == wcswidth("全区GDP完成48.98 亿元")
    assert "derived: no" in text


def test_why_derived_statement_and_full_iri(graph):
    iri = "https://w3id.org/zonekg/id/statement/yushang-etdz-2024-09-29/stage-5-year"
    text = why(graph, iri)
    assert "derived: yes" in text and "2027" in text
    assert text.count("evidence ") == 2  # it rests on two sentences


def test_why_entity_lists_its_sentences(graph):
    text = why(graph, "zk:ws-beijing")
    assert "first mentioned" in text and "驻北京市" in text
    assert "ws-beijing-city" in text and "ws-beijing-established" in text


def test_why_unknown_id(graph):
    with pytest.raises(ZoneKGError, match="no statement or entity"):
        why(graph, "no-such-thing")


def test_cli_entity_why_and_ambiguity(built, project):
    ok = runner.invoke(app, ["entity", "张峰", "--root", str(project)])
    assert ok.exit_code == 0 and "主要负责人 · head of (org:headOf)" in ok.output
    amb = runner.invoke(app, ["entity", "材料", "--root", str(project)])
    assert amb.exit_code == 1 and "zk:ind-semiconductor-materials" in amb.output
    w = runner.invoke(app, ["why", "ws-shanghai-city", "--root", str(project)])
    assert w.exit_code == 0 and "上海市招才引智工作站" in w.output
    bad = runner.invoke(app, ["why", "nothing-here", "--root", str(project)])
    assert bad.exit_code == 1
