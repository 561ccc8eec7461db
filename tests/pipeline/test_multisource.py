"""Many sources, one graph, on two fictional articles about the same fictional zone: shared
entity ids, one named graph per source, conflicts between sources, and drafts that reuse the
ids of what the graph already holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef

from tests.helpers import ARTICLES, install

ZK = "https://w3id.org/zonekg/id/"
ZO = "https://w3id.org/zonekg/ontology#"


@pytest.fixture(scope="module")
def two_sources(tmp_path_factory):
    from tests.helpers import copy_project
    from zonekg.pipeline.run import run_build

    root = copy_project(tmp_path_factory.mktemp("two-sources"))
    install(root, "qinglan-a")
    install(root, "qinglan-b")
    return root, run_build(root, steps=())


def test_each_source_keeps_its_named_graph_and_shares_the_zone(two_sources):
    _root, result = two_sources
    ds = result.dataset
    zone = URIRef(ZK + "qinglan-etdz")
    graphs = {name: ds.graph(URIRef(f"https://w3id.org/zonekg/graph/{name}")) for name in ("qinglan-a", "qinglan-b")}
    for name, g in graphs.items():
        assert (zone, URIRef(ZO + "mentionedIn"), URIRef(f"https://w3id.org/zonekg/source/{name}")) in g
    labels = {o for g in graphs.values() for o in g.objects(zone, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))
              if o.language == "zh"}
    assert labels == {Literal("青岚经济技术开发区", lang="zh")}  # one node, one name, two sources


def test_the_entity_card_says_which_source_states_each_fact(two_sources):
    import pyoxigraph as ox

    from zonekg.queries.cards import Triples, card
    from zonekg.rdf.dataset import dataset_files

    store = ox.Store()  # in memory: the build result's N-Quads, every named graph in the union
    store.bulk_load(dataset_files(two_sources[1])["zone.nq"], format=ox.RdfFormat.N_QUADS)
    text = card(Triples(store, list(store.named_graphs())), ox.NamedNode(ZK + "qinglan-etdz"))
    pointing = [line for line in text.splitlines() if "why: gdp-area" in line]
    assert sorted(line.rsplit("source: ", 1)[-1] for line in pointing) == ["qinglan-a", "qinglan-b"]


def conflicts(root: Path):
    import zonekg

    return zonekg.query("conflicts", root=root)


def test_conflicts_query_finds_the_two_gdp_figures(two_sources):
    root, _result = two_sources
    (root / "build").mkdir(exist_ok=True)
    from zonekg.rdf.dataset import dataset_files

    (root / "build" / "zone.trig").write_bytes(dataset_files(two_sources[1])["zone.trig"])
    frame = conflicts(root)
    assert len(frame) == 1  # and none with the project's own article, which shares ind-gdp
    row = frame.iloc[0]
    assert (row["indicator"], row["area"], row["period"]) == ("地区生产总值(GDP)", "青岚经济技术开发区", "2024年")
    assert (row["source1"], row["value1"], row["quote1"]) == ("qinglan-a", 12050000000, "全区地区生产总值完成120.5亿元")
    assert (row["source2"], row["value2"], row["quote2"]) == ("qinglan-b", 11830000000, "全区地区生产总值完成118.3亿元")
    assert row["statement1"] == row["statement2"] == "gdp-value"

    from zonekg.cli.app import app

    out = CliRunner().invoke(app, ["conflicts", "--root", str(root)])
    assert out.exit_code == 0, out.output
    assert out.output.splitlines() == [
        "地区生产总值(GDP) · 青岚经济技术开发区 · 2024年",
        "  qinglan-a: 12050000000  “全区地区生产总值完成120.5亿元”  (zonekg why gdp-value)",
        "  qinglan-b: 11830000000  “全区地区生产总值完成118.3亿元”  (zonekg why gdp-value)",
    ]


def test_an_id_defined_differently_in_two_sheets_is_refused(scratch):
    from zonekg.model.errors import ZoneKGError
    from zonekg.pipeline.run import run_build

    install(scratch, "qinglan-a")
    text = (ARTICLES / "qinglan-b.yaml").read_text(encoding="utf-8")
    sheet = install(scratch, "qinglan-b", text.replace("    type: DevelopmentZone", "    type: Zone", 1))
    with pytest.raises(ZoneKGError, match=r"entity 'qinglan-etdz' has class 'Zone' here but 'DevelopmentZone' "
                                         r"in qinglan-a\.yaml, where it is first defined") as err:
        run_build(scratch, steps=())
    assert err.value.file == sheet and err.value.line == 21
    assert not (scratch / "build").exists()


def test_a_draft_of_the_second_source_reuses_the_first_ones_ids(scratch):
    from zonekg.authoring.add import SourceMeta, add_source

    install(scratch, "qinglan-a")
    added = add_source(scratch, ARTICLES / "qinglan-b.zh.txt", SourceMeta(
        "qinglan-b", "青岚开发区半年报:新能源电池产业集群初具规模", "2025-06-25T18:30:00+08:00",
        "云川晚报 (fictional)"))
    by_label = {e["zh"]: e["id"] for e in added.draft.entities}
    assert by_label["青岚经济技术开发区"] == "qinglan-etdz"  # also written 青岚开发区, its alternative label
    assert by_label["地区生产总值(GDP)"] == "ind-gdp"  # written 地区生产总值, an alternative label in qinglan-a
    sheet = (scratch / "graph" / "facts" / "qinglan-b.yaml").read_text(encoding="utf-8")
    assert "same name as qinglan-etdz in qinglan-a" in sheet


@pytest.mark.slow
def test_full_build_view_and_notebook_api_work_with_three_sources(tmp_path):
    """Reasoning, the HTML view and what the notebooks use (load, query, networkx) over the
    article and the two fictional sources at once."""
    import zonekg
    from tests.helpers import copy_project
    from zonekg.network.graph import to_networkx
    from zonekg.pipeline.run import run_build

    root = copy_project(tmp_path)
    install(root, "qinglan-a")
    install(root, "qinglan-b")
    run_build(root)  # SHACL, reasoning and the HTML view too
    page = (root / "build" / "zone.html").read_text(encoding="utf-8")
    assert "豫商经济技术开发区" in page and "青岚经济技术开发区" in page
    frame = zonekg.query("SELECT DISTINCT ?zone WHERE { ?z a zo:DevelopmentZone ; rdfs:label ?zone "
                         "FILTER(LANG(?zone) = 'zh') }", root=root)
    assert set(frame["zone"]) == {"豫商经济技术开发区", "青岚经济技术开发区"}
    graph = to_networkx(zonekg.load(root))
    names = {str(n).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for n in graph.nodes}
    assert {"yushang-etdz", "qinglan-etdz", "futian-zhilan"} <= names
