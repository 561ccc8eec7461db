"""The networkx picture and ``zonekg explain`` from the Oxigraph store are the ones rdflib gave.

Until issue 10 ``explain`` parsed build/zone.nq with rdflib (``export.load_built``, inferred graph
left out) and :func:`zonekg.network.graph.to_networkx` read that rdflib graph; that reading stays (for
``zonekg.load()`` users and the exports) and is the reference here.  From the store
(:class:`zonekg.network.graph.StoreGraph`) the nodes, edges, labels and evidence must be the same and
``explain`` must print the same bytes.  Oxigraph normalises typed literals as it stores them: the
numbers are checked against the article.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from click.testing import CliRunner

from zonekg.cli import app
from zonekg.network import analysis
from zonekg.network.export import load_built, stated
from zonekg.network.graph import StoreGraph, statement_index, to_networkx

runner = CliRunner()

#: Pairs told by ``explain``: ids, a label, both directions, steps walked against their direction.
PAIRS = [
    ("futian-zhilan", "henan-gov"),
    ("futian-zhilan", "zone-approval"),
    ("ind-nev", "futian-zhilan"),
    ("河南福田智蓝新能源汽车公司", "henan-gov"),
    ("zhang-feng", "ind-nev"),
    ("yushang-mc", "futian-zhilan"),
]


@pytest.fixture(scope="module")
def readings(store, project):
    """The rdflib reading of the build (the reference) and the store's."""
    return stated(load_built(project)), StoreGraph.of_build(project)


@pytest.fixture(scope="module")
def pictures(readings):
    reference, from_store = readings
    return to_networkx(reference), to_networkx(from_store)


def test_same_nodes_edges_and_attributes(pictures):
    reference, from_store = pictures
    assert list(from_store.nodes) == list(reference.nodes)
    assert list(from_store.edges(keys=True, data=True)) == list(reference.edges(keys=True, data=True))
    for node, data in reference.nodes(data=True):
        assert from_store.nodes[node] == data, node  # attrs: equal values (Decimal("4") == Decimal("4.0"))


def test_keep_plumbing_is_the_same(readings):
    reference, from_store = readings
    full, stored = to_networkx(reference, keep_plumbing=True), to_networkx(from_store, keep_plumbing=True)
    assert list(stored.nodes(data=True)) == list(full.nodes(data=True))
    assert list(stored.edges(keys=True, data=True)) == list(full.edges(keys=True, data=True))


def test_statement_index_is_the_same(readings):
    """Keyed by the triple: a literal object is the stored term (``"4"^^xsd:decimal`` for
    ``"4.0"``, ``xsd:integer`` for ``xsd:nonNegativeInteger``), so the keys are compared by value."""
    from rdflib import Literal

    def by_value(index: dict) -> dict:
        return {(s, p, o.toPython() if isinstance(o, Literal) else o): ev for (s, p, o), ev in index.items()}

    reference, from_store = readings
    expected = statement_index(reference)
    found = statement_index(from_store)
    assert len(found) == len(expected)
    assert by_value(found) == by_value(expected)


def test_numbers_are_the_articles(pictures):
    """Stored as ``"4898000000"`` where built as ``"4898000000.0"``: still the article's numbers."""
    _reference, from_store = pictures
    # 全区GDP完成48.98 亿元 (4,898,000,000 yuan); 年产12万辆车的产能; 4个……产业组团
    assert from_store.nodes[_zk("obs-gdp-2024h1")]["attrs"]["zo:value"] == [Decimal("4898000000")]
    assert from_store.nodes[_zk("target-futian-capacity")]["attrs"]["zo:value"] == [Decimal("120000")]
    assert from_store.nodes[_zk("obs-cluster-count")]["attrs"]["zo:value"] == [Decimal("4")]


def _zk(local: str):
    from zonekg.model.namespaces import ZK

    return ZK[local]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_explain_prints_the_same_bytes(readings, project, article, a, b, lang):
    reference, _from_store = readings
    expected = analysis.explain(reference, a, b, lang=lang).text() + "\n"
    result = runner.invoke(app, ["explain", a, b, "--lang", lang, "--root", str(project)])
    assert result.exit_code == 0, result.output
    assert result.output == expected
    quoted = [line.split("“", 1)[1].rstrip("”") for line in result.output.splitlines()
              if line.strip().startswith("sentence ")]
    assert quoted and all(sentence in article for sentence in quoted)


def test_explain_from_the_store_follows_the_article(project):
    # 2023年2月1日,省委、省政府……批复设立了豫商经济技术开发区。作为省政府的派出机构……
    result = runner.invoke(app, ["explain", "futian-zhilan", "henan-gov", "--root", str(project)])
    lines = result.output.splitlines()
    assert lines[0].startswith("河南福田智蓝新能源汽车公司") and lines[0].endswith("河南省人民政府")
    assert any("省政府" in line for line in lines if line.strip().startswith("sentence "))


def test_explain_parses_nothing(project, monkeypatch):
    """The command reads the store: rdflib's reading of zone.nq is never called."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("zone.nq was parsed")

    monkeypatch.setattr("zonekg.store.parsed.read_graph", refuse)
    result = runner.invoke(app, ["explain", "futian-zhilan", "henan-gov", "--root", str(project)])
    assert result.exit_code == 0, result.output


def test_explain_errors_are_the_same(readings, project, scratch):
    reference, _from_store = readings
    for a, b in (("cnrepark", "yushang-mc"), ("futian-zhilan", "nobody")):
        with pytest.raises(Exception) as expected:
            analysis.explain(reference, a, b)
        result = runner.invoke(app, ["explain", a, b, "--root", str(project)])
        assert result.exit_code == 1 and str(expected.value) in result.output
    unbuilt = runner.invoke(app, ["explain", "futian-zhilan", "henan-gov", "--root", str(scratch)])
    assert unbuilt.exit_code == 1 and "run `zonekg build` first" in unbuilt.output
    assert not (scratch / "build").exists()


def test_zonekg_store_graph_gives_the_same_picture(pictures, project):
    """What the notebooks call: the built project's store, as a graph for the network code."""
    import zonekg

    reference, _from_store = pictures
    picture = to_networkx(zonekg.store_graph(project))
    assert list(picture.edges(keys=True, data=True)) == list(reference.edges(keys=True, data=True))
