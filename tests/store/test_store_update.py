"""Patching the last build's store (``update_store``) gives the very dataset a fresh
``write_store`` gives: the same quads in the same named graphs, the default graph still the
union of the reviewed graphs, whatever graphs were changed, removed or added."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
import pytest

from zonekg.model.paths import STORE_DIR
from zonekg.model.prefixes import DRAFTS_GRAPH_BASE, INFERRED_GRAPH
from zonekg.store.local import STAMP, store_input, update_store, write_store

if os.environ.get("CI") != "true":  # in CI a missing hypothesis fails at the import below, never skips
    pytest.importorskip("hypothesis", reason="hypothesis is in the test extra: pip install -e '.[test]'")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

G = "https://w3id.org/zonekg/graph/"
GRAPHS = [f"<{G}a>", f"<{G}b>", f"<{G}c>", f"<{G}ontology>", f"<{INFERRED_GRAPH}>", f"<{DRAFTS_GRAPH_BASE}a>"]
# Few terms, so that random datasets share triples across graphs; the two spellings of 5 are one
# value to Oxigraph (it stores both as xsd:integer).
SUBJECTS = ["<urn:s1>", "<urn:s2>"]
OBJECTS = ["<urn:o1>", '"x"@zh', '"5"^^<http://www.w3.org/2001/XMLSchema#integer>',
           '"5"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>']
QUAD = st.tuples(st.sampled_from(SUBJECTS), st.sampled_from(["<urn:p>", "<urn:q>"]),
                 st.sampled_from(OBJECTS), st.sampled_from(GRAPHS))
DATASET = st.sets(QUAD, max_size=14)


def nquads(quads) -> bytes:
    return "".join(f"{s} {p} {o} {g} .\n" for s, p, o, g in sorted(quads)).encode()


def dataset(folder: Path) -> tuple[set, set]:
    """Every quad of the store at ``folder``, and its named graphs."""
    store = ox.Store.read_only(str(folder))
    return set(store), set(store.named_graphs())


def previous_build(folder: Path, data: bytes) -> Path:
    """A build folder whose N-Quads and store are those of ``data``."""
    folder.mkdir()
    (folder / "zone.nq").write_bytes(data)
    write_store(data, folder / STORE_DIR)
    return folder


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=DATASET, after=DATASET)
def test_an_updated_store_equals_a_fresh_one(tmp_path_factory, before, after):
    tmp = tmp_path_factory.mktemp("update")
    build = previous_build(tmp / "build", nquads(before))
    assert update_store(nquads(after), tmp / "patched", build)
    write_store(nquads(after), tmp / "fresh")
    assert dataset(tmp / "patched") == dataset(tmp / "fresh")
    assert (tmp / "patched" / STAMP).read_text() == (tmp / "fresh" / STAMP).read_text()


def test_the_last_store_is_left_as_it_was(tmp_path):
    before = nquads({("<urn:s1>", "<urn:p>", "<urn:o1>", f"<{G}a>")})
    build = previous_build(tmp_path / "build", before)
    write_store(before, tmp_path / "reference")
    update_store(nquads({("<urn:s2>", "<urn:p>", "<urn:o1>", f"<{G}b>")}), tmp_path / "patched", build)
    assert dataset(build / STORE_DIR) == dataset(tmp_path / "reference")


def test_a_store_not_made_from_the_last_build_is_written_afresh(tmp_path):
    a = nquads({("<urn:s1>", "<urn:p>", "<urn:o1>", f"<{G}a>")})
    b = nquads({("<urn:s2>", "<urn:p>", "<urn:o1>", f"<{G}b>")})
    build = previous_build(tmp_path / "build", a)
    (build / "zone.nq").write_bytes(b)  # the N-Quads no longer match the stamp
    assert not update_store(b, tmp_path / "one", build)
    (build / STORE_DIR / STAMP).unlink()
    assert not update_store(b, tmp_path / "two", build)
    write_store(b, tmp_path / "fresh")
    assert dataset(tmp_path / "one") == dataset(tmp_path / "two") == dataset(tmp_path / "fresh")


@pytest.mark.slow
def test_rebuilds_after_a_sheet_is_edited_removed_and_added_patch_the_store(tmp_path, monkeypatch):
    """Three sources; each rebuild patches the store (a fresh write would fail here) and gives
    the quads of a store made afresh from the same build."""
    import zonekg.store.local as store
    from tests.helpers import copy_project, install
    from zonekg.pipeline.run import run_build

    root = copy_project(tmp_path / "project")
    sheet_a = install(root, "qinglan-a")
    install(root, "qinglan-b")
    run_build(root, steps=())
    build = root / "build"

    def no_fresh_store(nquads, target):
        raise AssertionError("the store was written afresh, not patched")

    def rebuild_and_compare(n: int) -> None:
        with monkeypatch.context() as m:
            m.setattr(store, "write_store", no_fresh_store)
            run_build(root, steps=())
        write_store(store_input(build), tmp_path / f"fresh-{n}")
        assert dataset(build / STORE_DIR) == dataset(tmp_path / f"fresh-{n}")

    text = sheet_a.read_text(encoding="utf-8")
    edited = text.replace("a good start to the first quarter (fictional)", "a good first quarter (fictional)")
    assert edited != text
    sheet_a.write_text(edited, encoding="utf-8")
    rebuild_and_compare(1)
    title = ox.Literal("Qinglan ETDZ: a good first quarter (fictional)", language="en")
    assert any(q.object == title for q in ox.Store.read_only(str(build / STORE_DIR)))

    (root / "graph" / "facts" / "qinglan-b.yaml").unlink()
    (root / "graph" / "sources" / "qinglan-b.zh.txt").unlink()
    rebuild_and_compare(2)
    assert ox.NamedNode(f"{G}qinglan-b") not in set(ox.Store.read_only(str(build / STORE_DIR)).named_graphs())

    install(root, "qinglan-b")
    rebuild_and_compare(3)
    assert ox.NamedNode(f"{G}qinglan-b") in set(ox.Store.read_only(str(build / STORE_DIR)).named_graphs())
