"""The benchmark's precision-style statement judgement (benchmarks/draftscore.py)."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

draftscore = pytest.importorskip("draftscore")

from zonekg.authoring.drafting.statements import Suggested  # noqa: E402

TEXT = "崇岭嘉铝新材料有限公司年产20万吨高性能铝合金型材项目总投资32亿元。周启明任雁汀经济开发区党工委书记。"
GOLD = {
    "entities": [
        {"label": "崇岭嘉铝新材料有限公司", "kind": "company", "alt": ["嘉铝"]},
        {"label": "年产20万吨高性能铝合金型材项目", "kind": "project"},
        {"label": "周启明", "kind": "person"},
    ],
    "statements": [
        {"s": "年产20万吨高性能铝合金型材项目", "p": "other:invest", "v": 3200000000, "unit": "unit-cny",
         "modality": "planned", "quote": "年产20万吨高性能铝合金型材项目总投资32亿元"},
        {"s": "年产20万吨高性能铝合金型材项目", "p": "other:developer", "o": "崇岭嘉铝新材料有限公司",
         "modality": "achieved", "quote": "崇岭嘉铝新材料有限公司年产20万吨高性能铝合金型材项目"},
        {"s": "周启明", "p": "org:holds", "o": "雁汀经济开发区党工委书记", "modality": "achieved",
         "quote": "周启明任雁汀经济开发区党工委书记"},
    ],
}
ENTITIES = [
    {"id": "c1", "type": "Company", "zh": "崇岭嘉铝新材料有限公司"},
    {"id": "p1", "type": "Project", "zh": "年产20万吨高性能铝合金型材项目"},
    {"id": "p2", "type": "Project", "zh": "高性能铝合金型材项目"},
    {"id": "z1", "type": "Person", "zh": "周启明"},
    {"id": "z2", "type": "Person", "zh": "周启"},
    {"id": "post1", "type": "org:Post", "zh": "雁汀经济开发区党工委书记"},
]


def _span(s: str) -> tuple[int, int]:
    i = TEXT.index(s)
    return i, i + len(s)


def _judge(*statements: Suggested) -> dict[str, int]:
    draft = SimpleNamespace(text=TEXT, entities=ENTITIES, statements=list(statements))
    return {k: len(v) for k, v in draftscore.judge_statements(draft, GOLD).items()}


def test_the_same_investment_planned_is_right_achieved_partly_another_value_wrong() -> None:
    sp = _span("总投资32亿元")
    fields = {"s": "p1", "p": "investment", "v": 3200000000, "unit": "unit-cny"}
    assert _judge(Suggested({**fields, "modality": "planned"}, "r", *sp))["right"] == 1
    assert _judge(Suggested({**fields, "modality": "achieved"}, "r", *sp))["partly"] == 1
    assert _judge(Suggested({**fields, "v": 320000000, "modality": "planned"}, "r", *sp))["wrong"] == 1
    # the project's name cut short: the subject's span is off, one part
    assert _judge(Suggested({**fields, "s": "p2", "modality": "planned"}, "r", *sp))["partly"] == 1
    # cut short and achieved: two parts off
    assert _judge(Suggested({**fields, "s": "p2", "modality": "achieved"}, "r", *sp))["wrong"] == 1


def test_a_company_pursuing_its_project_is_judged_as_the_owner() -> None:
    sp = _span("崇岭嘉铝新材料有限公司年产20万吨")
    assert _judge(Suggested({"s": "c1", "p": "pursues", "o": "p1", "modality": "achieved"}, "r", *sp))["right"] == 1


def test_a_post_held_by_another_person_is_wrong_and_a_cut_name_partly() -> None:
    sp = _span("周启明任雁汀经济开发区党工委书记")
    right = _judge(Suggested({"s": "post1", "p": "org:heldBy", "o": "z1", "modality": "achieved"}, "r", *sp))
    assert right["right"] == 1
    cut = _judge(Suggested({"s": "post1", "p": "org:heldBy", "o": "z2", "modality": "achieved"}, "r", *sp))
    assert cut["partly"] == 1
    role = _judge(Suggested({"s": "post1", "p": "org:role", "o": "role-director", "modality": "achieved"}, "r", *sp))
    assert role["wrong"] == 1  # 书记, not 主任


def test_statements_where_no_gold_is_are_unjudged_and_the_summary_counts_them_apart() -> None:
    sp = _span("周启明任")
    judged = draftscore.judge_statements(SimpleNamespace(text=TEXT + "另据报道。", entities=ENTITIES, statements=[
        Suggested({"s": "z1", "p": "org:memberOf", "o": "c1", "modality": "achieved"}, "r", len(TEXT), len(TEXT) + 4),
        Suggested({"s": "z1", "p": "participant", "o": "c1", "modality": "achieved"}, "r", *sp),
    ]), GOLD)
    assert len(judged["unjudged"]) == 2
    line = draftscore.judged_summary(judged)
    assert "0 / 0 / 0" in line and "1 where no gold statement is" in line and "1 the gold says nothing" in line


def test_the_evaluation_corpus_passes_its_own_checker():
    """Every gold span verbatim, every property in the ontology (the gold once named two properties
    the ontology had dropped, and nothing noticed): the corpus checker's exit status."""
    import subprocess

    checker = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus" / "check_corpus.py"
    done = subprocess.run([sys.executable, str(checker)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
