"""Sentence splitting: the unit of evidence and coverage."""

from tests.helpers import SOURCE_TEXT
from zonekg.facts.sources import read_source, sentence_at, split_sentences


def test_offsets_point_at_the_text():
    text = read_source(SOURCE_TEXT)
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text


def test_closing_quote_stays_with_its_sentence():
    sentences = split_sentences("他说:“很好。明年再来。”记者问。")
    assert [s.text for s in sentences] == ["他说:“很好。", "明年再来。”", "记者问。"]


def test_lines_without_terminator_are_sentences_and_blank_lines_vanish():
    sentences = split_sentences("标题\n\n  正文一。正文二\n")
    assert [(s.line, s.text) for s in sentences] == [(1, "标题"), (3, "正文一。"), (3, "正文二")]


def test_the_article_has_the_sentences_a_reader_counts():
    # Read off the article: 6 header lines, byline, caption + photo credit, then the body
    # paragraphs; the director's quote ends with 。” and his attribution is a sentence of its own.
    sentences = split_sentences(read_source(SOURCE_TEXT))
    texts = [s.text for s in sentences]
    assert texts[0] == "河南切换"
    assert "河南福田智蓝新能源汽车公司厂区。" in texts
    assert "记者 马晓伟 摄" in texts
    assert texts[-3].endswith("管委会主任张峰说。")
    assert texts[-1] == "[不良信息举报:service@cnrepark.com]"


def test_sentence_at_refuses_a_span_across_sentences():
    sentences = split_sentences("一句。两句。")
    assert sentence_at(sentences, 0, 3).text == "一句。"
    assert sentence_at(sentences, 2, 4) is None
