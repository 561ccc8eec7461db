"""zonekg.network.export and the ``zonekg export`` / ``zonekg explain`` commands: exports load back in
networkx and rdflib, are byte-for-byte reproducible, and are written atomically into build/."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Graph

from tests.helpers import SOURCE_TEXT, copy_project
from zonekg.cli import app
from zonekg.model.namespaces import ZK, ZO
from zonekg.model.prefixes import curie
from zonekg.network.export import export_bytes, load_built, stated
from zonekg.network.graph import to_networkx

runner = CliRunner()


@pytest.fixture(scope="module")
def dataset(built, project: Path):
    return load_built(project)


@pytest.fixture(scope="module")
def expected(dataset):
    """The picture the network formats must carry: node CURIE → Chinese label."""
    graph = to_networkx(stated(dataset))
    return graph, {curie(n): d["label_zh"] for n, d in graph.nodes(data=True)}


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_formats_load_back(dataset, expected, fmt, read):
    graph, labels = expected
    back = read(io.BytesIO(export_bytes(dataset, fmt)))
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    assert {n: d["label_zh"] for n, d in back.nodes(data=True)} == labels
    company = back.nodes["zk:futian-zhilan"]
    assert company["label"] == "河南福田智蓝新能源汽车公司" and company["cls"] == "zo:Company"
    assert isinstance(company["degree"], int) and company["community"] >= 1
    [edge] = [d for u, v, d in back.edges(data=True) if (u, v) == ("zk:futian-zhilan", "zk:ind-nev")]
    assert edge["modalities"] == "achieved" and "新能源汽车陆续下线" in edge["evidence"]


@pytest.mark.parametrize("fmt, parser", [("nt", "nt"), ("ttl", "turtle"), ("jsonld", "json-ld")])
def test_rdf_formats_load_back(dataset, fmt, parser):
    back = Graph().parse(data=export_bytes(dataset, fmt).decode("utf-8"), format=parser)
    assert len(back) == len(stated(dataset))
    assert (ZK["futian-zhilan"], ZO.industry, ZK["ind-nev"]) in back


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["graphml", "gexf", "jsonld", "nt", "ttl"])
def test_exports_are_reproducible(project: Path, built, fmt):
    # two loads of the same build (fresh blank node ids each time) give the same bytes
    first, second = export_bytes(load_built(project), fmt), export_bytes(load_built(project), fmt)
    assert first == second
    assert b"lastmodifieddate" not in first


def _built_copy(tmp_path: Path, project: Path) -> Path:
    root = copy_project(tmp_path / "p")
    shutil.copytree(project / "build", root / "build")
    return root


def test_cli_export_writes_default_path(tmp_path, project, built):
    root = _built_copy(tmp_path, project)
    result = runner.invoke(app, ["export", "--format", "gexf", "--root", str(root)])
    assert result.exit_code == 0, result.output
    out = root / "build" / "export" / "zone.gexf"
    assert out.is_file() and f"wrote {out}" in result.output
    assert nx.read_gexf(out).number_of_nodes() > 100
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")], "no temporary files left"


@pytest.mark.slow
def test_export_never_overwrites_the_builds_own_files(tmp_path, project, built):
    root = _built_copy(tmp_path, project)
    before = (root / "build" / "zone.ttl").read_bytes()
    result = runner.invoke(app, ["export", "--format", "ttl", "--root", str(root)])
    assert result.exit_code == 0, result.output
    assert (root / "build" / "zone.ttl").read_bytes() == before
    assert (root / "build" / "export" / "zone.ttl").is_file()
    for own in (root / "build" / "zone.ttl", root / "build" / "zone.nq", root / "graph" / "zone.trig",
                root / "build" / "cache" / "manifest.json"):
        kept = own.read_bytes() if own.is_file() else None
        refused = runner.invoke(app, ["export", "-f", "ttl", "-o", str(own), "--root", str(root)])
        assert refused.exit_code == 1 and "a file the build writes" in refused.output, own
        assert (own.read_bytes() if own.is_file() else None) == kept


def test_cli_export_to_a_chosen_file(tmp_path, project, built):
    out = tmp_path / "gephi" / "zone.graphml"
    result = runner.invoke(app, ["export", "-f", "graphml", "-o", str(out), "--root", str(project)])
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(out).nodes["zk:yushang-mc"]["label_zh"] == "豫商经济技术开发区管委会"


def test_cli_export_errors(tmp_path, project, built):
    bad = runner.invoke(app, ["export", "--format", "pdf", "-o", str(tmp_path / "x.pdf"), "--root", str(project)])
    assert bad.exit_code == 1 and "unknown format 'pdf'" in bad.output
    assert not (tmp_path / "x.pdf").exists()
    unbuilt = copy_project(tmp_path / "unbuilt")
    missing = runner.invoke(app, ["export", "--format", "nt", "--root", str(unbuilt)])
    assert missing.exit_code == 1 and "zonekg build" in missing.output
    assert not (unbuilt / "build").exists()
    folder = runner.invoke(app, ["export", "--format", "nt", "-o", str(tmp_path), "--root", str(project)])
    assert folder.exit_code == 1 and "--out" in folder.output


def test_cli_explain(project, built):
    article = SOURCE_TEXT.read_text(encoding="utf-8")
    result = runner.invoke(app, ["explain", "futian-zhilan", "henan-gov", "--root", str(project)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("河南福田智蓝新能源汽车公司") and lines[0].endswith("河南省人民政府")
    quoted = [line.split("“", 1)[1].rstrip("”") for line in lines if line.strip().startswith("sentence ")]
    assert quoted and all(sentence in article for sentence in quoted)
    english = runner.invoke(app, ["explain", "futian-zhilan", "henan-gov", "--lang", "en", "--root", str(project)])
    assert english.output.splitlines()[0].startswith("Henan Futian Zhilan New Energy Vehicle Co.")
    unknown = runner.invoke(app, ["explain", "futian-zhilan", "nobody", "--root", str(project)])
    assert unknown.exit_code == 1 and "no entity is called 'nobody'" in unknown.output
