"""Reviewing a draft: accept, edit, drop, sentence by sentence, written back with ruamel.yaml
(comments and order kept), and ``zonekg coverage ID`` / ``review --status`` for what is left."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


def run(*args: str, input: str | None = None):
    from zonekg.cli.app import app

    return CliRunner().invoke(app, list(args), input=input)


@pytest.fixture()
def drafted(scratch: Path) -> Path:
    """The project copy with the fictional article qinglan-a added (a draft)."""
    from zonekg.authoring.add import SourceMeta, add_source

    add_source(scratch, ARTICLES / "qinglan-a.zh.txt", SourceMeta(
        "qinglan-a", "青岚经济技术开发区:一季度开局良好", "2025-03-10T09:00:00+08:00", "云川日报 (fictional)",
        fictional=True))
    return scratch


def sheet(root: Path) -> Path:
    return root / "graph" / "facts" / "qinglan-a.yaml"


def load(root: Path) -> dict:
    import yaml

    return yaml.safe_load(sheet(root).read_text(encoding="utf-8"))


def by_id(data: dict) -> dict[str, dict]:
    return {i["id"]: i for k in ("times", "entities", "statements") for i in data[k]}


def test_status_lists_unreviewed_sentences(drafted):
    total = sum(len(load(drafted)[k]) for k in ("times", "entities", "statements", "no_fact"))
    out = run("coverage", "qinglan-a", "--root", str(drafted))
    assert out.exit_code == 0, out.output
    assert out.output.splitlines()[0] == f"qinglan-a.yaml: 0 of {total} items reviewed, {total} drafts left"
    # Sentence 5 is line 6 (line 3 is blank): 去年,全区地区生产总值完成120.5亿元,…
    assert any(line.startswith("  sentence 5 (line 6): ") and "去年,全区地区生产总值" in line
               for line in out.output.splitlines())
    assert run("review", "qinglan-a", "--status", "--root", str(drafted)).output == out.output


def test_accepting_a_sentence_accepts_what_its_statements_need(drafted):
    before = sheet(drafted).read_text(encoding="utf-8")
    out = run("review", "qinglan-a", "--accept-sentence", "5", "--root", str(drafted))
    assert out.exit_code == 0, out.output
    data = load(drafted)
    values = [s for s in data["statements"] if s.get("original") == "120.5亿元"]
    assert values[0]["review"] == "accepted"
    items = by_id(data)
    assert items["2024"]["review"] == "accepted"  # 去年, the period of the value, is accepted with it
    assert items[values[0]["s"]]["review"] == "accepted"
    # Nothing but review fields changed; the comments and the order are kept.
    after = sheet(drafted).read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert changed and all(a.strip().startswith("review: draft") and b.strip().startswith("review: accepted")
                           for a, b in changed)
    assert "# draft: value" in after and after.startswith("# Fact sheet DRAFTED by `zonekg add`")


def test_edit_and_drop(drafted):
    data = load(drafted)
    (value,) = [s for s in data["statements"] if s.get("original") == "15个"]
    approval = next(s for s in data["statements"] if s["p"] == "approvedBy")
    out = run("review", "qinglan-a", "--set", f"{value['id']}.modality=targeted", "--set",
              f"{value['id']}.note=计划 is a plan; reviewed", "--drop", approval["id"], "--root", str(drafted))
    assert out.exit_code == 0, out.output
    items = by_id(load(drafted))
    assert items[value["id"]]["modality"] == "targeted" and items[value["id"]]["note"] == "计划 is a plan; reviewed"
    assert items[value["id"]]["review"] == "draft"  # an edit is not an acceptance
    assert approval["id"] not in items


def test_dropping_an_entity_names_who_still_refers_to_it(drafted):
    data = load(drafted)
    person = next(e for e in data["entities"] if e["zh"] == "周明")
    out = run("review", "qinglan-a", "--drop", person["id"], "--root", str(drafted))
    assert out.exit_code == 0
    assert f"dropped {person['id']}" in out.output and "still referred to by" in out.output


@pytest.mark.parametrize(("args", "message"), [
    (["--accept", "no-such-item"], "no item 'no-such-item'"),
    (["--accept-sentence", "99"], "no sentence 99 (the text has 11)"),
    (["--set", "value-3"], "write ID.FIELD=VALUE"),
])
def test_bad_review_input(drafted, args, message):
    before = sheet(drafted).read_bytes()
    out = run("review", "qinglan-a", *args, "--root", str(drafted))
    assert out.exit_code == 1 and message in out.output and len(out.output.strip().splitlines()) == 1
    assert sheet(drafted).read_bytes() == before


def test_unknown_source(drafted):
    out = run("review", "nope", "--root", str(drafted))
    assert out.exit_code == 1 and "no fact sheet for source 'nope'" in out.output


def test_interactive_review_goes_sentence_by_sentence(drafted):
    # Sentence 1 (the title) holds drafts; accept them all, drop the first of sentence 2, then quit.
    out = run("review", "qinglan-a", "--root", str(drafted), input="a\nd 1\nq\n")
    assert out.exit_code == 0, out.output
    assert "sentence 1 (line 1): 青岚经济技术开发区:一季度开局良好" in out.output
    assert "sentence 2 (line 2): 记者 林晓 来源:云川日报" in out.output
    data = load(drafted)
    title = "青岚经济技术开发区:一季度开局良好"
    title_items = [i for i in data["entities"] + data["no_fact"] if title in str(i["quote"])]
    assert title_items and all(i["review"] == "accepted" for i in title_items)


@pytest.mark.slow
def test_a_fully_accepted_draft_builds_as_reviewed_facts(drafted):
    n = 11
    args = [a for i in range(1, n + 1) for a in ("--accept-sentence", str(i))]
    assert run("review", "qinglan-a", *args, "--root", str(drafted)).exit_code == 0
    assert "0 drafts left" in run("coverage", "qinglan-a", "--root", str(drafted)).output
    built = run("build", "--core", "-q", "--root", str(drafted))
    assert built.exit_code == 0, built.output
    trig = (drafted / "build" / "zone.trig").read_text(encoding="utf-8")
    assert "<https://w3id.org/zonekg/graph/qinglan-a>" in trig and "12050000000" in trig
