"""The HTML view without a browser: offline, escaped, reproducible, and the right nodes.

Expected values come from the article and the ontology (read by hand) or from SPARQL over the
built RDF, never from the HTML under test.  tests/test_viz_browser.py opens the page in Chromium.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import hostile_project, page_data, visible_entity_count
from zonekg.model.namespaces import PREFIXES, ZK
from zonekg.views.graph_page import class_view, ego_view, render, script_json, view_graph, whole_view

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"


def test_script_json_cannot_close_its_element() -> None:
    nasty = {"a": "</script><script>alert(1)</script>", "b": "<!-- & -->", "c": "line\u2028sep\u2029"}
    text = script_json(nasty)
    for ch in "<>&\u2028\u2029":
        assert ch not in text
    assert json.loads(text) == nasty


def test_build_writes_an_offline_utf8_page(built) -> None:
    html = built.files["zone.html"].decode("utf-8")  # raises if not UTF-8
    assert html.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in html
    # Nothing is loaded from anywhere: no external script, stylesheet, image or frame.
    assert not re.search(r"<(script|img|iframe|link)\b[^>]*\b(src|href)=", html, re.I)
    csp = unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1))
    assert "default-src 'none'" in csp and "unsafe-eval" not in csp
    assert csp.count("'sha256-") == 2  # only our two inline scripts may run


def test_page_is_byte_identical_across_builds(built) -> None:
    again = render(whole_view(built.dataset))
    assert again == built.files["zone.html"]
    assert render(whole_view(built.dataset)) == again


def test_whole_view_draws_every_entity_once(built) -> None:
    g = view_graph(built.dataset)
    data = page_data(built.files["zone.html"].decode("utf-8"))
    ids = [n["id"] for n in data["nodes"]]
    assert len(ids) == len(set(ids)) == visible_entity_count(g)
    by_id = {n["id"]: n for n in data["nodes"]}
    # From the article: 商丘市 is Shangqiu City, an administrative area; positions are fixed.
    assert by_id["zk:shangqiu"]["zh"] == "商丘市" and by_id["zk:shangqiu"]["en"] == "Shangqiu City"
    assert by_id["zk:shangqiu"]["cls"] == "zo:AdministrativeArea"
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) and n["physics"] is False for n in data["nodes"])
    # Begin/end instants are folded into their interval as key values, not drawn.
    assert not any(i.endswith(("/begin", "/end")) for i in ids)
    h1 = by_id["zk:time/2024-H1"]
    assert any("2024-01-01T00:00:00+08:00" in v for _zh, _en, vals in h1["attrs"] for v in vals)


def test_edges_carry_modality_and_evidence(built) -> None:
    data = page_data(built.files["zone.html"].decode("utf-8"))
    # From the article: 今年上半年,全区GDP完成48.98 亿元 is a reported result, and the plant's
    # 年产12万辆车的产能 by year end is the company head's claim.
    gdp = [n for n in data["nodes"] if any("48.98 亿元" in e["s"] for e in n["ev"])]
    assert gdp, "the GDP observation shows the sentence it rests on"
    claimed = [e for e in data["edges"] if "claimed" in e["mods"]]
    assert claimed and all(e["dashes"] for e in claimed)
    assert any("12万辆" in ev["s"] for e in claimed for ev in e["ev"])
    achieved = [e for e in data["edges"] if e["mods"] == ["achieved"]]
    assert achieved and not any(e["dashes"] for e in achieved)


def test_derived_relations_say_so(built) -> None:
    data = page_data(built.files["zone.html"].decode("utf-8"))
    # The fact sheet derives "the zone lies in Shangqiu" from 全市 and 商丘首台地产车; the caption
    # 河南福田智蓝新能源汽车公司厂区 states outright that the plant is the company's.
    derived = [ev for e in data["edges"] for ev in e["ev"] if ev.get("d")]
    assert any("全市" in ev["d"] for ev in derived)
    caption = [ev for e in data["edges"] for ev in e["ev"] if ev["q"] == "河南福田智蓝新能源汽车公司厂区。"]
    assert caption and not any(ev.get("d") for ev in caption)


def test_find_entity_by_alias_and_ambiguity(built) -> None:
    """``viz --around`` resolves a name among the view's nodes with the one resolver."""
    from zonekg.model.errors import ZoneKGError
    from zonekg.network.graph import named_nodes
    from zonekg.queries import names
    from zonekg.views.graph_page import entity_graph

    g = view_graph(built.dataset)
    full = entity_graph(g)

    def find_entity(g, full, query):
        return names.resolve(query, named_nodes(full, g), field="--around").key
    assert find_entity(g, full, "福田智蓝") == ZK["futian-zhilan"]  # its alias in the article
    assert find_entity(g, full, "Shangqiu City") == ZK["shangqiu"]
    with pytest.raises(ZoneKGError) as err:
        find_entity(g, full, "福田")  # the company, its plant, workshop, head, line...
    assert "zk:futian-zhilan" in str(err.value) and "zk:futian-plant" in str(err.value)
    with pytest.raises(ZoneKGError):
        find_entity(g, full, "no such entity anywhere")


def test_ego_view_keeps_the_neighbourhood(built) -> None:
    view = ego_view(built.dataset, "福田智蓝", 1)
    ids = {str(n) for n in view.graph.nodes}
    # The article: the company's plant (厂区) and production workshop (生产车间).
    assert {str(ZK["futian-zhilan"]), str(ZK["futian-plant"]), str(ZK["futian-workshop"])} <= ids
    assert str(ZK["zhang-feng"]) not in ids  # 张峰 heads the committee, not the company
    deeper = ego_view(built.dataset, "福田智蓝", 2)
    assert ids < {str(n) for n in deeper.graph.nodes}
    assert page_data(render(view).decode("utf-8"))["centre"] == "zk:futian-zhilan"


def test_class_view_has_classes_subclasses_and_properties(built) -> None:
    view = class_view(built.ontology.graph)
    g = view.graph
    edges = {(str(s), str(o), k) for s, o, k in g.edges(keys=True)}
    zo, org = "https://w3id.org/zonekg/ontology#", "http://www.w3.org/ns/org#"
    # From ontology/zone.ttl: zo:operates has domain org:Organization and range zo:Facility;
    # a state-owned platform company is a company.
    assert (org + "Organization", zo + "Facility", "zo:operates") in edges
    assert (zo + "StateOwnedPlatformCompany", zo + "Company", "rdfs:subClassOf") in edges
    declared = {str(r[0]) for r in built.ontology.graph.query(
        "SELECT ?c WHERE { ?c a owl:Class FILTER isIRI(?c) }", initNs=PREFIXES)}
    assert declared <= {str(n) for n in g.nodes}
    assert all(d["kind"] == "class" for _n, d in g.nodes(data=True))


@pytest.mark.slow
def test_cli_viz_writes_views_and_rejects_ambiguity(project: Path, tmp_path: Path) -> None:
    from zonekg.cli.app import app

    runner = CliRunner()
    out = tmp_path / "ego.html"
    res = runner.invoke(app, ["viz", "--root", str(project), "--around", "福田智蓝", "--depth", "2", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert page_data(out.read_text(encoding="utf-8"))["kind"] == "ego"
    bad = tmp_path / "bad.html"
    res = runner.invoke(app, ["viz", "--root", str(project), "--around", "福田", "--out", str(bad)])
    assert res.exit_code == 1 and "zk:futian-zhilan" in res.output and not bad.exists()
    res = runner.invoke(app, ["viz", "--root", str(project), "--classes", "--out", str(tmp_path / "c.html")])
    assert res.exit_code == 0 and page_data((tmp_path / "c.html").read_text("utf-8"))["kind"] == "classes"


def test_cli_viz_equals_the_build(project: Path, built, tmp_path: Path) -> None:
    from zonekg.cli.app import app

    out = tmp_path / "zone.html"
    res = CliRunner().invoke(app, ["viz", "--root", str(project), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_bytes() == built.files["zone.html"]


def test_hostile_text_is_never_markup(scratch: Path) -> None:
    from zonekg.rdf.dataset import make_dataset

    html = render(whole_view(make_dataset(hostile_project(scratch)).dataset)).decode("utf-8")
    head, _, rest = html.partition('<script type="application/json" id="zonekg-data">')
    payload, _, tail = rest.partition("</script>")
    for raw in ("<img src=x", "</script><script>window", '<a href="javascript', "<svg onload", "<b>一流"):
        assert raw not in head and raw not in payload and raw not in tail
    data = json.loads(payload)
    labels = {n["zh"] for n in data["nodes"]}
    assert '<a href="javascript:window.__pwned=4">厂区</a>' in labels  # kept as text, literally
    assert "\\u003c/script\\u003e" in payload
