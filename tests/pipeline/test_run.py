"""The build: bad input fails with file, line and field and writes nothing; good input gives
byte-identical files every time; every sentence is accounted for."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import FACT_SHEET, ROOT, SOURCE_ID, alive, fake_java
from zonekg.cli import app
from zonekg.rdf.dataset import dataset_files, make_dataset

SHEET = Path("graph") / "facts" / f"{SOURCE_ID}.yaml"


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def edit(root: Path, old: str, new: str, count: int = 1) -> int:
    """Replace ``old`` in the project's fact sheet; returns the 1-based line of the edit."""
    path = root / SHEET
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


def build_fails(root: Path) -> str:
    result = run("build", "--root", str(root))
    assert result.exit_code == 1, result.output
    assert not (root / "build").exists(), "a failed build must not write build/"
    return result.output


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        ("    type: Company\n", "    type: Compnay\n", "type", "unknown class 'Compnay'"),
        ("    p: listedIn\n", "    p: listedInn\n", "p", "unknown property 'listedInn'"),
        ("    quote: 河南恒源通铝基产业园项目列入全省“双百工程”\n    modality: achieved\n  - id: hengyuantong-status",
         "    quote: 河南恒源通铝基产业园项目列入全国“双百工程”\n    modality: achieved\n  - id: hengyuantong-status",
         "quote", "quote not found in source"),
        ("  - id: capacity-unit\n", "  - id: capacity-value\n", "id", "duplicate statement id 'capacity-value'"),
        ("    v: 4898000000\n", "    v: 48.98亿\n", "v", "is not a number"),
        ("    v: 4898000000\n", "    v: 489800000\n", "v", "does not match the original '48.98 亿元'"),
        ("    modality: claimed\n    claimed_by: futian-head\n  - id: capacity-unit",
         "    modality: achieved\n    claimed_by: futian-head\n  - id: capacity-unit", "claimed_by", "claimed_by"),
        ("    o: ind-new-materials\n", "    o: ind-new-material\n", "o", "unknown id 'ind-new-material'"),
        ("    o: henan-gov\n", "    o: henan\n", "o", "not in the range"),
    ],
    ids=["unknown-class", "unknown-property", "quote-not-found", "duplicate-id", "bad-number",
         "number-disagrees-with-original", "claim-mismatch", "unknown-id", "range"],
)
def test_bad_fact_sheet_names_file_line_and_field(scratch: Path, old: str, new: str, field: str, words: str):
    line = edit(scratch, old, new)
    out = build_fails(scratch)
    assert words in out
    m = re.search(rf"{re.escape(SHEET.name)}:(\d+): {field}: ", out)
    assert m, out
    # The error points at the edited entry (within the few lines of that mapping).
    assert abs(int(m.group(1)) - line) <= 12, (m.group(1), line, out)


def test_yaml_syntax_error_names_line(scratch: Path):
    line = edit(scratch, "  - id: source-headline\n", "  - id: source-headline\n   bad: [unclosed\n")
    out = build_fails(scratch)
    assert "YAML syntax error" in out
    m = re.search(rf"{re.escape(SHEET.name)}:(\d+):", out)
    assert m and abs(int(m.group(1)) - line) <= 3, out


def test_duplicate_yaml_key_is_refused(scratch: Path):
    edit(scratch, "    p: headline\n", "    p: headline\n    p: outlet\n")
    out = build_fails(scratch)
    assert "duplicate key 'p'" in out


def test_ambiguous_quote_asks_for_an_occurrence(scratch: Path):
    edit(scratch, "    quote: 该公司负责人满脸自豪\n", "    quote: 豫商经济技术开发区\n")
    out = build_fails(scratch)
    assert "occurs" in out and "occurrence" in out


def test_quote_across_sentences_is_refused(scratch: Path):
    edit(scratch, "    quote: 全力以赴推进专项债项目谋划工作\n",
         "    quote: 开辟土地报批“直通车”。全力以赴推进专项债项目谋划工作\n")
    out = build_fails(scratch)
    assert "crosses a sentence boundary" in out


def test_changed_source_text_is_caught_by_its_hash(scratch: Path):
    src = scratch / "graph" / "sources" / f"{SOURCE_ID}.zh.txt"
    src.write_text(src.read_text(encoding="utf-8").replace("48.98", "58.98"), encoding="utf-8")
    out = build_fails(scratch)
    assert "sha256" in out


def test_unaccounted_sentence_fails_the_build(scratch: Path):
    edit(scratch, "  - quote: 展望未来,蓝图宏伟、令人憧憬。\n    reason: section heading; rhetoric only\n", "")
    out = build_fails(scratch)
    assert "unaccounted for" in out and "展望未来" in out


def test_missing_fact_sheet_folder_is_reported(scratch: Path):
    (scratch / SHEET).unlink()
    out = build_fails(scratch)
    assert "no fact sheets" in out


@pytest.mark.slow
def test_failed_build_leaves_previous_output_untouched(scratch: Path):
    assert run("build", "--root", str(scratch), "-q").exit_code == 0
    before = {p.name: p.read_bytes() for p in (scratch / "build").iterdir() if p.is_file()}
    edit(scratch, "    type: Company\n", "    type: Compnay\n")
    assert run("build", "--root", str(scratch)).exit_code == 1
    after = {p.name: p.read_bytes() for p in (scratch / "build").iterdir() if p.is_file()}
    assert after == before


def test_build_is_byte_reproducible(built, project: Path):
    again = dataset_files(make_dataset(project))
    for name in ("zone.trig", "zone.nq", "zone.ttl"):
        assert again[name] == (project / "build" / name).read_bytes(), name


def test_committed_graph_is_up_to_date(built):
    """graph/zone.trig in git is what the build makes (run `zonekg build` and commit it)."""
    assert (ROOT / "graph" / "zone.trig").read_bytes() == built.files["zone.trig"]


def test_built_files_parse_back(built, project: Path):
    from rdflib import Dataset, Graph

    ds = Dataset()
    ds.parse(project / "build" / "zone.trig", format="trig")
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert names == {"https://w3id.org/zonekg/graph/ontology", f"https://w3id.org/zonekg/graph/{SOURCE_ID}"}
    merged = Graph().parse(project / "build" / "zone.ttl", format="turtle")
    assert len(merged) == len({(s, p, o) for s, p, o, _g in ds.quads((None, None, None, None))})


def test_every_sentence_accounted_for(built):
    (sheet,) = built.sheets
    with_facts = {ev.sentence.index for st in sheet.statements for ev in st.evidence}
    without = {nf.sentence.index: nf.reason for nf in sheet.no_facts}
    assert len(sheet.source.sentences) == 49
    assert with_facts | set(without) == {s.index for s in sheet.source.sentences}
    # Read off the article: two navigation lines, five section headings, one contact line.
    texts = {sheet.source.sentences[i - 1].text for i in without}
    assert texts == {"河南切换", "新闻", "项目建设,热火朝天、激情四溢。", "产业支撑,坚实有力、动力澎湃。",
                     "展望未来,蓝图宏伟、令人憧憬。", "改革创新,优化环境、活力满满。", "夯实基础,强化要素、坚实有力。",
                     "[不良信息举报:service@cnrepark.com]"}


def test_coverage_command_lists_sentences_and_statements(built, project: Path):
    out = run("coverage", "--root", str(project)).output
    assert "s15 line 14: 今年上半年,全区GDP完成48.98 亿元" in out
    assert "gdp-value" in out
    assert "no fact: section heading" in out
    assert "UNACCOUNTED" not in out


def test_summary_counts(built, project: Path):
    out = run("build", "--root", str(project)).output
    assert "49 of 49 accounted for" in out
    assert "statements per modality" in out and "claimed" in out


def test_fact_sheet_is_the_one_in_the_repo():
    assert FACT_SHEET.is_file()


def test_root_that_is_not_a_project_is_refused(tmp_path: Path):
    result = run("build", "--root", str(tmp_path))
    assert result.exit_code == 1
    assert "not a zonekg project" in result.output
    assert not (tmp_path / "build").exists()


# -- the reasoner's JVM: a time limit, and death with the build ---------------------------------------


def small_premises():
    from rdflib import OWL, RDF, Graph, URIRef

    g = Graph()
    g.add((URIRef("https://w3id.org/zonekg/id/a"), RDF.type, OWL.NamedIndividual))
    return g


def test_a_java_that_never_answers_is_stopped_at_the_time_limit(tmp_path: Path, monkeypatch):
    import time

    from zonekg.model.errors import ZoneKGError
    from zonekg.reason.reasoner import run_hermit

    pidfile = fake_java(tmp_path / "bin")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("ZONEKG_REASONER_TIMEOUT", "1.5")
    started = time.perf_counter()
    with pytest.raises(ZoneKGError, match=r"HermiT did not finish within 1.5 s"):
        run_hermit(small_premises())
    assert time.perf_counter() - started < 30
    assert not alive(int(pidfile.read_text()))


def test_bad_time_limit_is_refused(monkeypatch):
    from zonekg.model.errors import ZoneKGError
    from zonekg.reason.reasoner import reasoner_timeout

    monkeypatch.setenv("ZONEKG_REASONER_TIMEOUT", "soon")
    with pytest.raises(ZoneKGError, match="ZONEKG_REASONER_TIMEOUT='soon' is not a positive number"):
        reasoner_timeout()


def test_the_jvm_dies_with_a_killed_build(tmp_path: Path):
    import signal
    import subprocess
    import sys
    import time

    pidfile = fake_java(tmp_path / "bin")
    script = ("from rdflib import OWL, RDF, Graph, URIRef\nfrom zonekg.reason.reasoner import run_hermit\n"
              "g = Graph(); g.add((URIRef('https://w3id.org/zonekg/id/a'), RDF.type, OWL.NamedIndividual))\n"
              "run_hermit(g)\n")
    env = {**os.environ, "PATH": f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}",
           "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen([sys.executable, "-c", script], env=env)
    deadline = time.time() + 60
    while not pidfile.exists() or not pidfile.read_text().strip():
        assert time.time() < deadline and proc.poll() is None, "the fake java never started"
        time.sleep(0.05)
    java = int(pidfile.read_text())
    assert alive(java)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 10
    while alive(java) and time.time() < deadline:
        time.sleep(0.05)
    assert not alive(java), "the JVM outlived the killed build"
