"""The stored article is the one received, and its metadata agrees with the graph."""

import hashlib

import yaml

from tests.helpers import ROOT, SOURCE_ID, SOURCE_TEXT

META = ROOT / "graph" / "sources" / f"{SOURCE_ID}.meta.yaml"
# From ../shared/sources/README.md, the hash of the article as it was received.
RECEIVED_SHA256 = "3751b53b704ad14c73c20ed8ef14391a8f6b330dad10508424d1b910e1b55f70"


def test_article_is_unchanged():
    assert hashlib.sha256(SOURCE_TEXT.read_bytes()).hexdigest() == RECEIVED_SHA256


def test_metadata_names_portal_lines():
    meta = yaml.safe_load(META.read_text(encoding="utf-8"))
    lines = SOURCE_TEXT.read_text(encoding="utf-8").split("\n")
    assert meta["sha256"] == RECEIVED_SHA256
    assert [lines[i - 1] for i in meta["received_from"]["navigation_lines"]] == ["河南切换", "新闻"]
    assert lines[meta["received_from"]["disclaimer_lines"][0] - 1].startswith("免责声明")
    assert lines[meta["received_from"]["disclaimer_lines"][1] - 1].startswith("[不良信息举报")


def test_metadata_agrees_with_the_graph(union):
    meta = yaml.safe_load(META.read_text(encoding="utf-8"))
    q = """PREFIX zo: <https://w3id.org/zonekg/ontology#>
           SELECT ?when ?sha WHERE { ?s a zo:SourceDocument ; zo:dateTime ?when ; zo:sha256 ?sha }"""
    ((when, sha),) = [tuple(map(str, row)) for row in union.query(q)]
    assert when == meta["published"]
    assert sha == meta["sha256"]
