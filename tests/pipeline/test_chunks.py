"""zone.nq, zone.trig and zone.ttl put together from per-graph chunks (the lines of one graph,
its TriG block, its subjects' Turtle blocks; cached by content) are byte-identical to the writers' output over all
quads at once, for random datasets and for real rebuilds after a fact sheet is edited, removed
and added; only the chunks of changed graphs are written again."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
import pytest

from zonekg.rdf import serialise
from zonekg.rdf.convert import term_key
from zonekg.rdf.dataset import dataset_files

if os.environ.get("CI") != "true":  # in CI a missing hypothesis fails at the import below, never skips
    pytest.importorskip("hypothesis", reason="hypothesis is in the test extra: pip install -e '.[test]'")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

G = "https://w3id.org/zonekg/graph/"
# IRIs under the project's prefixes and outside them, blank nodes, and literals with text that
# needs escaping (newlines, quotes, U+2028, controls, non-ASCII): the orders and escapes a merge
# of chunks must get exactly as the writer does.
IRIS = st.sampled_from(["https://w3id.org/zonekg/id/a", "https://w3id.org/zonekg/id/b", "urn:x:b",
                        "http://www.w3.org/2000/01/rdf-schema#label", "https://w3id.org/zonekg/ontology#p",
                        "urn:x:a\u00e9", "http://example.org/Z"])
NODES = st.one_of(IRIS.map(ox.NamedNode), st.sampled_from(["b0", "b1", "B"]).map(ox.BlankNode))
TEXT = st.text(alphabet=st.sampled_from(["a", "Z", "园", " ", "\n", "\r", "\t", '"', "\\", "\u2028",
                                         "\x0b", "\x1f", "\U0001f600", ">", "."]), max_size=6)
LITERALS = st.one_of(
    TEXT.map(ox.Literal),
    st.tuples(TEXT, st.sampled_from(["zh", "en"])).map(lambda t: ox.Literal(t[0], language=t[1])),
    st.integers(-5, 5).map(lambda n: ox.Literal(str(n), datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer"))))
TRIPLE = st.tuples(NODES, IRIS.map(ox.NamedNode), st.one_of(NODES, LITERALS))
DATASET = st.dictionaries(st.sampled_from(["a", "b", "c", "ontology", "z-1"]), st.sets(TRIPLE, max_size=8),
                          max_size=4)


def graphs_of(data: dict) -> dict[str, list[ox.Quad]]:
    """Each graph's quads, sorted as the build holds them (convert.to_quads's order)."""
    out = {}
    for name, triples in data.items():
        graph = ox.NamedNode(G + name)
        out[graph.value] = sorted((ox.Quad(s, p, o, graph) for s, p, o in triples),
                                  key=lambda q: (term_key(q.subject), term_key(q.predicate),
                                                 term_key(q.object)))
    return out


@settings(max_examples=200, deadline=None)
@given(DATASET)
def test_chunks_assemble_to_the_writers_output(data):
    graphs = graphs_of(data)
    everything = [q for name in sorted(graphs) for q in graphs[name]]
    chunks = [serialise.nquads_chunk(graphs[name]) for name in sorted(graphs)]
    assert None not in chunks
    assert serialise.merge_nquads(chunks) == serialise.nquads(everything)
    blocks = [serialise.trig_block(graphs[name]) for name in sorted(graphs)]
    assert serialise.join_trig(blocks) == serialise.trig(everything)
    turtle = [serialise.turtle_chunk(graphs[name]) for name in sorted(graphs)]
    assert serialise.merge_turtle(turtle, [graphs[name] for name in sorted(graphs)]) == serialise.turtle(everything)


def test_a_line_the_merge_would_misplace_is_refused(monkeypatch):
    """If the writer's line were not the text the from-scratch order sorts by, no chunk is made
    (the build then serialises from scratch)."""
    q = ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("x"), ox.NamedNode(G + "a"))
    assert serialise.nquads_chunk([q]) == serialise.nquads([q])
    monkeypatch.setattr(ox.Quad, "__str__", lambda self: "<urn:other> <urn:p> \"x\" <urn:g>")
    assert serialise.nquads_chunk([q]) is None


@pytest.mark.slow
def test_rebuilds_after_a_sheet_is_edited_removed_and_added(tmp_path, monkeypatch):
    """Three graphs (two sources and the ontology): after each change the files equal the
    writers' output over every quad, and only the changed graph's chunks are made again."""
    from tests.helpers import copy_project, install
    from zonekg.pipeline.run import run_build

    root = copy_project(tmp_path / "project")
    sheet_a = install(root, "qinglan-a")
    install(root, "qinglan-b")
    made: list[str] = []
    chunk = serialise.nquads_chunk

    def counting(quads):
        made.append(quads[0].graph_name.value)
        return chunk(quads)

    monkeypatch.setattr(serialise, "nquads_chunk", counting)

    def rebuild() -> list[str]:
        """The graphs whose chunks this build made."""
        made.clear()
        result = run_build(root, steps=())
        expected = dataset_files(result)  # the writers over all quads at once
        for name in ("zone.nq", "zone.trig", "zone.ttl"):
            assert (root / "build" / name).read_bytes() == expected[name], name
        chunks = root / "build" / "cache" / "chunks"
        assert len(list(chunks.iterdir())) == 3 * len(result.graphs)  # no stale chunk left
        return sorted(made)

    assert rebuild() == sorted([G + "ontology", G + "qinglan-a", G + "qinglan-b", G + "yushang-etdz-2024-09-29"])
    text = sheet_a.read_text(encoding="utf-8")
    edited = text.replace("a good start to the first quarter (fictional)", "a good first quarter (fictional)")
    assert edited != text
    sheet_a.write_text(edited, encoding="utf-8")
    assert rebuild() == [G + "qinglan-a"]

    (root / "graph" / "facts" / "qinglan-b.yaml").unlink()
    (root / "graph" / "sources" / "qinglan-b.zh.txt").unlink()
    assert rebuild() == []  # the remaining graphs' chunks are all reused

    install(root, "qinglan-b")
    assert rebuild() == [G + "qinglan-b"]


@pytest.mark.slow
def test_a_damaged_chunk_is_made_again(tmp_path: Path):
    from tests.helpers import copy_project
    from zonekg.pipeline.run import run_build

    root = copy_project(tmp_path / "project")
    run_build(root, steps=())
    reference = (root / "build" / "zone.nq").read_bytes()
    for path in (root / "build" / "cache" / "chunks").glob("*.nq"):
        path.write_bytes(path.read_bytes()[:-10])
    (root / "build" / "zone.nq").unlink()  # so that the next build is not "nothing changed"
    run_build(root, steps=())
    assert (root / "build" / "zone.nq").read_bytes() == reference
