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
    # one row per value of the one disputed figure (none with the project's own article, which shares ind-gdp)
    assert len(frame) == 2
    assert {(r["indicator"], r["area"], r["period"]) for _, r in frame.iterrows()} == {
        ("地区生产总值(GDP)", "青岚经济技术开发区", "2024年")}
    assert [(r["sourceIds"], r["value"], r["quotes"], r["sources"], r["statement"]) for _, r in frame.iterrows()] == [
        ("qinglan-a", 12050000000, "全区地区生产总值完成120.5亿元", 1, "gdp-value"),
        ("qinglan-b", 11830000000, "全区地区生产总值完成118.3亿元", 1, "gdp-value"),
    ]

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


# --- many sources repeating one article: one row per fact, with its corroboration ---------------------

#: Named queries whose rows are about each source rather than about the facts the sources share:
#: one row per source document (source-metadata), per mention of an entity in a source (about), per
#: fact about a source document (its date-time, its reporter: intended-vs-reported,
#: derived-statements), or only facts several sources state (corroboration). Every other named query
#: answers the repeated article as it answers the article.
PER_SOURCE = {"source-metadata", "about", "intended-vs-reported", "derived-statements", "corroboration"}
REPEATS = 3


@pytest.fixture(scope="module")
def repeated(tmp_path_factory):
    """The article and two more sources repeating it word for word (its fact sheet under two more
    source ids, as several outlets printing one report would): every fact stated three times."""
    from tests.helpers import FACT_SHEET, SOURCE_ID, copy_project
    from zonekg.pipeline.run import run_build

    root = copy_project(tmp_path_factory.mktemp("repeated"))
    sheet = FACT_SHEET.read_text(encoding="utf-8")
    header = f"  id: {SOURCE_ID}\n  text:"
    assert header in sheet
    for i in range(1, REPEATS):
        (root / "graph" / "facts" / f"repost-{i}.yaml").write_text(
            sheet.replace(header, f"  id: repost-{i}\n  text:", 1), encoding="utf-8")
    run_build(root, steps=())
    return root


def _rows(root_or_graph, name: str, params: dict) -> tuple[list[str], list[dict]]:
    from tests.helpers import QUERIES
    from zonekg.model.paths import STORE_DIR
    from zonekg.queries.answers import python_value
    from zonekg.queries.engine import run

    source = root_or_graph / "build" / STORE_DIR if isinstance(root_or_graph, Path) else root_or_graph
    result = run(QUERIES[name], source, params, timeout=120)
    names = [str(v) for v in result.vars]
    return names, [{n: python_value(row[n]) for n in names} for row in result]


def _cases():
    from tests.queries.test_portable import PARAMS, QUERIES

    return [(name, params) for name in QUERIES for params in PARAMS.get(name, [{}])]


@pytest.mark.slow
@pytest.mark.parametrize("name, params", _cases(), ids=[f"{n}{sorted(p.values())}" for n, p in _cases()])
def test_a_fact_three_sources_state_is_one_row_with_its_sources(repeated, built, project, name, params):
    names, once = _rows(project, name, params)
    _, thrice = _rows(repeated, name, params)
    if name != "corroboration":  # (nothing to corroborate in one source)
        assert len(thrice) <= REPEATS * max(1, len(once))  # at most linear in the sources
    if name in PER_SOURCE:
        return
    shown = [n for n in names if n != "sources" and n != "statements" and not n.endswith("Statement")
             and n != "statement"]
    assert [[r[n] for n in shown] for r in thrice] == [[r[n] for n in shown] for r in once], name
    if "statement" in names:  # the same ids: the repeats use the article's
        assert [r["statement"] for r in thrice] == [r["statement"] for r in once]
    if "sources" in names:
        # every fact is stated by the three sources (a row without a statement has none); every
        # sentence is in the three; plans count the sources that mention them
        ident = next((n for n in ("statement", "gdpStatement") if n in names), None)
        assert all(r["sources"] == (REPEATS if ident is None or r[ident] else 0) for r in thrice), name


@pytest.mark.slow
def test_corroboration_lists_each_fact_once_with_its_three_sources(repeated):
    names, rows = _rows(repeated, "corroboration", {})
    _, facts = _rows(repeated, "intended-vs-reported", {})
    shared = [f for f in facts if f["sources"] == REPEATS]
    assert len(rows) == len(shared) > 200  # every fact but those about each source document
    gdp = [r for r in rows if r["property"] == "数值" and r["value"] == 4898000000]
    assert gdp == [{"subject": "豫商经济技术开发区2024年上半年GDP", "property": "数值", "value": 4898000000,
                    "modality": "achieved", "sources": 3,
                    "sourceIds": "repost-1 repost-2 yushang-etdz-2024-09-29",
                    "quotes": "全区GDP完成48.98 亿元", "statements": "gdp-value"}]
    # facts about each source document are that source's own, not corroborated by the others
    assert not [r for r in rows if r["property"] == "记者"]


@pytest.mark.slow
def test_both_engines_agree_on_the_repeated_sources(repeated):
    """Aggregates over several sources (counts, concatenations in order) answer alike on rdflib."""
    from zonekg.queries.engine import union_view
    from zonekg.store.parsed import read_graph

    graph = union_view(read_graph(repeated))
    for name, params in (("corroboration", {}), ("gdp-growth-rank", {}), ("entity", {"name": "福田智蓝"}),
                         ("leading-industries", {}), ("plans", {})):
        assert _rows(repeated, name, params) == _rows(graph, name, params), name


@pytest.mark.slow
def test_the_entity_card_shows_each_fact_once_with_its_corroboration(repeated, built, project):
    from zonekg.cli.app import app

    once = CliRunner().invoke(app, ["entity", "futian-zhilan", "--root", str(project)])
    thrice = CliRunner().invoke(app, ["entity", "futian-zhilan", "--root", str(repeated)])
    assert once.exit_code == thrice.exit_code == 0, thrice.output
    facts = [line for line in once.output.splitlines() if "why: " in line]
    repeated_facts = [line for line in thrice.output.splitlines() if "why: " in line]
    # The article says of 福田智蓝: the three aims its head claims (s12: capacity, suppliers, cluster),
    # in the zone (s23-24), new-energy vehicles (s10), its plant and workshop (s8, s10), its head's
    # post (s11) and the first local vehicle it produced (s24): 9 facts.
    assert len(repeated_facts) == len(facts) == 9
    said = "  stated by 3 sources: repost-1, repost-2, yushang-etdz-2024-09-29"
    assert all(line.endswith(said) for line in repeated_facts), repeated_facts[:2]
    assert [line.removesuffix(said) for line in repeated_facts] == facts
    # each quote once: the three sources quote the same sentence in the same words
    assert thrice.output.count("【") == once.output.count("【")


@pytest.mark.slow
def test_the_view_draws_each_relation_once_thicker_with_its_corroboration(repeated, built):
    from zonekg.store.parsed import read_graph
    from zonekg.views.graph_page import to_vis, whole_view

    def shared(edges):  # each source document's own relations (outlet, reporter…) are that source's
        return [e for e in edges if "/source/" not in e["from"] + e["to"]]

    once, thrice = (shared(to_vis(whole_view(d))[1]) for d in (built.dataset, read_graph(repeated)))
    key = lambda e: (e["from"], e["to"], e["prop"])  # noqa: E731
    assert sorted(map(key, thrice)) == sorted(map(key, once))  # one edge per relation, not one per source
    stated = [e for e in thrice if e["ev"]]
    assert stated and all(e["src"] == REPEATS and e["width"] > 1.2 for e in stated)
    assert not any("src" in e for e in once)  # one source: no strength to show
    by_key = {key(e): e for e in once}
    assert all(e["ev"] == by_key[key(e)]["ev"] for e in thrice)  # each quote once, not three times
