"""The entity cards and ``why`` read from the Oxigraph store are the ones rdflib gave, byte for byte.

Until issue 10 both parsed build/zone.nq with rdflib; tests/rdflib_cards.py keeps that code as the
reference implementation. Every entity's card and every id's ``why`` (bare ids, CURIEs, full IRIs,
with and without the inferred graph) must come out the same from the store, although Oxigraph
normalises typed literals as it stores them (``"4898000000.0"^^xsd:decimal`` → ``"4898000000"``,
``xsd:nonNegativeInteger`` → ``xsd:integer``); the hand-read expectations check those numbers
against the article.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from tests.queries import rdflib_cards as reference
from zonekg.cli import app
from zonekg.model.prefixes import PREFIXES
from zonekg.queries import cards
from zonekg.queries.engine import union_view
from zonekg.store.parsed import read_graph

runner = CliRunner()


@pytest.fixture(scope="module", params=[False, True], ids=["stated", "inferred"])
def both(request, store, project):
    """The rdflib reading (the reference) and the store's, of the same build."""
    inferred = request.param
    if inferred:  # else --inferred would be compared with itself only
        assert (project / "build" / "inferred.nq").is_file()
    return union_view(read_graph(project, inferred=inferred)), cards.Triples.of_build(project, inferred=inferred)


def node(term) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def outcome(fn, *args) -> str:
    """What a reader sees: the text, or the error's message."""
    try:
        return fn(*args)
    except Exception as exc:  # the reference's and the store's errors must match too
        return f"{type(exc).__name__}: {exc}"


def test_the_store_holds_the_same_entities_and_statements(both):
    old, new = both
    assert {str(e) for e in reference.entities(old)} == {e.value for e in cards.entities(new)}
    assert len(reference.entities(old)) > 100
    statements = {str(s) for s in old.subjects(reference.RDF.type, reference.ZO.Statement)}
    assert statements == {s.value for s in new.subjects(cards._TYPE, cards.ZO_["Statement"])}


def test_every_card_is_the_one_rdflib_gave(both):
    old, new = both
    for e in sorted(reference.entities(old)):
        assert cards.card(new, node(e)) == reference.card(old, e), e


@pytest.mark.slow
def test_every_why_is_the_one_rdflib_gave(both):
    old, new = both
    ents = sorted(reference.entities(old))
    sts = sorted(old.subjects(reference.RDF.type, reference.ZO.Statement))
    idents = [str(x).rsplit("/", 1)[-1] for x in [*sts, *ents]]
    idents += [str(s) for s in sts] + [f"<{e}>" for e in ents] + [reference.curie(e) for e in ents]
    idents += ["no-such-thing", "", "zk:", "zk:no such", "http://a b", "<https://w3id.org/zonekg/id/>",
               "yushang-etdz-2024-09-29/gdp-value", " gdp-value "]
    for ident in idents:
        assert outcome(cards.why, new, ident) == outcome(reference.why, old, ident), ident


@pytest.mark.slow
def test_names_resolve_as_they_did(both):
    old, new = both
    names = ["", "  ", "不存在的东西", "材料", "福田", "ZHANG-FENG", "zk:zhang-feng", "zk:zhang feng", "http://a b",
             "<https://w3id.org/zonekg/id/zhang-feng>", "https://w3id.org/zonekg/id/statement/x", "zo:Company"]
    for e in reference.entities(old):
        names.append(str(e).rsplit("/", 1)[-1])
        for p in (reference.RDFS.label, reference.SKOS.altLabel):
            for value in old.objects(e, p):
                names += [str(value), str(value)[:2]]
    for name in sorted(set(names)):
        def lines(graph, find, name=name):
            return [c.line() for c in find(graph, name)]

        assert lines(new, cards.find_entities) == lines(old, reference.find_entities), name


# --- the numbers Oxigraph normalises, read from the article ---------------------------------

def test_numbers_show_as_the_article_gives_them(both):
    _old, new = both
    # 今年上半年,全区GDP完成48.98 亿元,同比增长6.6% — 48.98 亿 is 4,898,000,000 (a decimal in the graph)
    gdp = cards.why(new, "gdp-value")
    assert "—数值 (zo:value)→ 4898000000\n" in gdp and "original: 48.98 亿元" in gdp
    assert "—数值 (zo:value)→ 6.6\n" in cards.why(new, "growth-value")
    # 修订完善人才发展政策33条 — a count (xsd:nonNegativeInteger as built, xsd:integer in the store)
    count = cards.why(new, "talent-33-count")
    assert "—数量 (zo:count)→ 33\n" in count and "original: 33条" in count
    observation = cards.card(new, ox.NamedNode(PREFIXES["zk"] + "obs-gdp-2024h1"))
    assert "    4898000000   [achieved]  why: gdp-value" in observation


# --- the commands --------------------------------------------------------------------------

def test_commands_without_a_build_say_to_build(scratch):
    for args in (["entity", "张峰"], ["why", "gdp-value"]):
        result = runner.invoke(app, [*args, "--root", str(scratch)])
        assert result.exit_code == 1, args
        assert "no built graph" in result.output and "run `zonekg build`" in result.output


def test_commands_warn_about_a_stale_build_and_refuse_unknown_ids(built_copy):
    scratch = built_copy
    sheet = next((scratch / "graph" / "facts").glob("*.yaml"))
    later = time.time() + 5
    os.utime(sheet, (later, later))
    ok = runner.invoke(app, ["entity", "张峰", "--root", str(scratch)])
    assert ok.exit_code == 0 and "warning:" in ok.output and "older than" in ok.output
    assert "张峰 · Zhang Feng" in ok.output
    why = runner.invoke(app, ["why", "gdp-value", "--root", str(scratch)])
    assert why.exit_code == 0 and "older than" in why.output and "全区GDP完成48.98 亿元" in why.output
    bad = runner.invoke(app, ["why", "no-such-thing", "--root", str(scratch)])
    assert bad.exit_code == 1
    assert "no statement or entity has the id 'no-such-thing'" in bad.output
    unknown = runner.invoke(app, ["entity", "不存在的东西", "--root", str(scratch)])
    assert unknown.exit_code == 1 and "no entity is called '不存在的东西'" in unknown.output


def test_entity_and_why_do_not_import_rdflib(built, store, project):
    """rdflib's import alone takes longer than the whole query command: the cards must not need it."""
    code = ("import sys\nfrom click.testing import CliRunner\nfrom zonekg.cli import app\n"
            "for args in (['entity', '张峰'], ['why', 'gdp-value']):\n"
            f"    r = CliRunner().invoke(app, [*args, '--root', {str(project)!r}])\n"
            "    assert r.exit_code == 0, r.output\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rdflib'))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
