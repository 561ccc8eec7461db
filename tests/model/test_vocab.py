"""The closed namespaces (zonekg.model.generated_namespaces) are in step with the ontology, and
they raise on a name the ontology does not define."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import OWL, Graph, Literal, URIRef

from tests.helpers import ROOT
from zonekg.model import namespaces, vocab
from zonekg.model.generated_namespaces import ZKT, ZO
from zonekg.model.prefixes import PREFIXES


def test_the_generated_file_matches_the_ontology() -> None:
    assert vocab.TARGET.read_text(encoding="utf-8") == vocab.render(ROOT), \
        "src/zonekg/model/generated_namespaces.py is out of date: run python -m zonekg.model.vocab"


def test_a_changed_ontology_makes_the_check_fail(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "ontology", tmp_path / "ontology")
    (tmp_path / "graph").mkdir()
    with (tmp_path / "ontology" / "zone.ttl").open("a", encoding="utf-8") as f:
        f.write('\nzo:newTerm a owl:ObjectProperty ; rdfs:label "新"@zh , "new"@en .\n')
    assert "    newTerm: URIRef  # new" in vocab.render(tmp_path)
    assert vocab.main(["--check", "--root", str(tmp_path)]) == 1
    assert vocab.main(["--check", "--root", str(ROOT)]) == 0


def test_every_current_term_of_the_ontology_is_there_and_no_retired_one() -> None:
    graph = Graph()
    for source in vocab.SOURCES:
        graph.parse(ROOT / source, format="turtle")
    for prefix, closed in (("zo", ZO), ("zk", ZKT)):
        ns = PREFIXES[prefix]
        subjects = {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(ns)}
        retired = {s for s in subjects if (s, OWL.deprecated, Literal(True)) in graph}
        assert subjects - retired, prefix
        assert all(str(s)[len(ns):] in closed for s in subjects - retired)
        assert not any(str(s)[len(ns):] in closed for s in retired)


def test_a_typo_raises() -> None:
    assert ZO.issued == URIRef(PREFIXES["zo"] + "issued")
    assert ZKT["modality-achieved"] == URIRef(PREFIXES["zk"] + "modality-achieved")
    with pytest.raises(AttributeError, match="isued"):
        _ = ZO.isued
    with pytest.raises(AttributeError, match="modality-achieve"):
        _ = ZKT["modality-achieve"]


def test_the_shared_namespaces_are_rdflibs_closed_ones_where_rdflib_has_them() -> None:
    from rdflib.namespace import DefinedNamespaceMeta

    for name in ("ORG", "PROV", "TIME", "QB", "FOAF", "SCHEMA", "VANN", "ZO", "ZKT"):
        ns = getattr(namespaces, name)
        assert isinstance(ns, DefinedNamespaceMeta), name
        prefix = {"SCHEMA": "schema", "ZKT": "zk"}.get(name, name.lower())
        assert str(ns) == PREFIXES[prefix], name
    with pytest.raises(AttributeError):
        _ = namespaces.ORG.heldby  # ORG has org:heldBy
