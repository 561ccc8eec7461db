"""``build --drafts``: drafted entity ids are checked across sheets like reviewed ones, so that two
drafts cannot put their numbers on one node (issue 18: obs-1 held 116 and 420)."""

from __future__ import annotations

import pytest

from tests.helpers import ARTICLES, copy_project


def _draft_sheet(root, name: str, entity_id: str, label: str) -> None:
    """A drafted sheet for a fixture article whose one entity has ``entity_id``."""
    import hashlib
    import shutil

    text = root / "graph" / "sources" / f"{name}.zh.txt"
    shutil.copyfile(ARTICLES / f"{name}.zh.txt", text)
    digest = hashlib.sha256(text.read_bytes()).hexdigest()
    body = text.read_text(encoding="utf-8")
    assert label in body
    (root / "graph" / "facts" / f"{name}.yaml").write_text(f"""\
source: {{id: {name}, text: ../sources/{name}.zh.txt, sha256: {digest}, language: zh,
         title: {{zh: 标题, en: title}}}}
entities:
  - {{id: {entity_id}, type: Company, zh: {label}, en: untranslated, quote: {label}, occurrence: 1, review: draft}}
statements: []
no_fact:
""" + "".join(f"  - {{quote: {s.text!r}, reason: test, review: draft}}\n" for s in _sentences(body)),
        encoding="utf-8")


def _sentences(text: str):
    from zonekg.facts.sources import split_sentences

    return split_sentences(text)


def test_two_drafts_giving_one_id_two_meanings_are_refused(tmp_path):
    from zonekg.model.errors import ZoneKGError
    from zonekg.pipeline.drafts import drafts_dataset
    from zonekg.rdf.dataset import make_dataset

    root = copy_project(tmp_path)
    _draft_sheet(root, "qinglan-a", "company-1", "云川星河电池有限公司")
    _draft_sheet(root, "baisha", "company-1", "海东市人民政府")
    make_dataset(root, drafts=True)  # the reviewed part alone builds: the drafts are left out there
    # baisha.yaml comes first in file-name order, so it defines the id.
    refusal = (r"qinglan-a\.yaml:4: id: entity 'company-1' has zh label '云川星河电池有限公司' "
               r"here but '海东市人民政府' in baisha")
    with pytest.raises(ZoneKGError, match=refusal):
        drafts_dataset(make_dataset(root, drafts=True))


def test_drafts_with_their_own_ids_build(tmp_path):
    from zonekg.pipeline.drafts import drafts_dataset
    from zonekg.rdf.dataset import make_dataset

    root = copy_project(tmp_path)
    _draft_sheet(root, "qinglan-a", "qinglan-a--company-1", "云川星河电池有限公司")
    _draft_sheet(root, "baisha", "baisha--company-1", "海东市人民政府")
    ds = drafts_dataset(make_dataset(root, drafts=True))
    assert {str(g.identifier) for g in ds.graphs() if len(g)} == {
        "https://w3id.org/zonekg/graph/drafts/qinglan-a", "https://w3id.org/zonekg/graph/drafts/baisha"}
