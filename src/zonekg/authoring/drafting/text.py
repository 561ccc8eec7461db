"""Tokens with offsets, and the helpers every drafting rule shares.

The tokens are the words of the packaged NER model (:mod:`zonekg.authoring.drafting.ner`), with
its tags in jieba's names, so that the rules written over jieba's words read them unchanged.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache

from zonekg.authoring.drafting.ner import Token, tokenize

#: POS tags (jieba's ICTCLAS set) that may be part of a name: nouns, proper nouns, verbal
#: nouns, abbreviations, distinguishing words, letters and idioms used as nouns.
NOUNISH = {"n", "nr", "ns", "nt", "nz", "nrt", "nrfg", "vn", "j", "eng", "b", "ng", "an", "l", "g", "a"}
#: One-character verbs that never sit inside a name (恒源通 has 通 inside, 项目待 does not).
_NOT_BRIDGES = set("待是有为将让使把被及与对在到")
#: Verbs that are also the heads of industry names (先进装备制造).
NOUN_VERBS = {"制造", "加工", "装配", "研发", "服务", "开发", "物流"}
PUNCT = set(",，。、;；:：!！?？（）()《》“”‘’\"' \n\t-—·…")
CLAUSE_END = ",，。;；!！?？\n"

__all__ = ["Token", "tokenize", "TokenIndex", "clause_bounds", "quote_fields", "NOUNISH", "PUNCT", "CLAUSE_END"]


class TokenIndex:
    """Which token covers a character, for walking left from a position."""

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text, self.tokens = text, tokens
        self.at = [0] * (len(text) + 1)
        for i, t in enumerate(tokens):
            self.at[t.start:t.end] = [i] * (t.end - t.start)

    def chain_left(self, end: int, floor: int = 0, extra: frozenset[str] = frozenset()) -> int:
        """The start of the longest run of name-like tokens ending at ``end``.

        A token cut by ``end`` counts by its own tag; a “quoted” stretch is taken whole, so
        that 半导体新材料“风口”产业 stays one name."""
        pos = end
        while pos > floor:
            ch = self.text[pos - 1]
            if ch in "”’":
                opener = "“" if ch == "”" else "‘"
                j = self.text.rfind(opener, max(floor, pos - 40), pos - 1)
                if j < 0 or any(c in "。\n" for c in self.text[j:pos]):
                    break
                pos = j
                continue
            tok = self.tokens[self.at[pos - 1]]
            bridge = (tok.flag == "v" and len(tok.word) == 1 and tok.word not in _NOT_BRIDGES and tok.start > floor
                      and self.tokens[self.at[tok.start - 1]].flag in NOUNISH and pos < end)
            if tok.flag not in NOUNISH and tok.flag not in extra and tok.word not in NOUN_VERBS and not bridge:
                break
            pos = max(tok.start, floor)
        while pos < end and self.text[pos] in "“‘":
            # A name does not start with an unmatched opening quote.
            if self.text.find("”" if self.text[pos] == "“" else "’", pos, end) < 0:
                pos += 1
            else:
                break
        return pos


@lru_cache(maxsize=4)
def _clause_ends(text: str) -> list[int]:
    return [i for i, c in enumerate(text) if c in CLAUSE_END]


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause (between commas, stops and line ends) around a span."""
    ends = _clause_ends(text)
    i = bisect_left(ends, start)
    left = ends[i - 1] + 1 if i > 0 else 0
    j = bisect_left(ends, end)
    return left, ends[j] if j < len(ends) else len(text)


class Sentences:
    """The build's sentences of a text, and which one holds a span (by bisection: a quote must lie
    in one sentence, and asking for each of thousands of quotes must stay cheap)."""

    def __init__(self, text: str) -> None:
        from zonekg.facts.sources import split_sentences

        self.all = split_sentences(text)
        self.starts = [s.start for s in self.all]

    def holding(self, start: int, end: int) -> tuple[int, int] | None:
        """The bounds of the sentence holding ``[start, end)``, or None if the span crosses one."""
        i = bisect_left(self.starts, start + 1) - 1
        if i < 0:
            return None
        s = self.all[i]
        return (s.start, s.end) if s.start <= start and end <= s.end else None

    def trim(self, start: int, end: int) -> tuple[int, int] | None:
        """``[start, end)`` cut to the sentence that holds its end, or None if nothing is left."""
        i = bisect_left(self.starts, end) - 1
        if i < 0:
            return None
        s = self.all[i]
        lo, hi = max(start, s.start), min(end, s.end)
        return (lo, hi) if lo < hi else None


def find_all(text: str, needle: str) -> list[int]:
    """Where ``needle`` occurs in ``text``, without overlaps (as re.finditer would find it, without
    compiling a pattern per name: Python's pattern cache would then drop the rules' own)."""
    out: list[int] = []
    i = text.find(needle)
    while i >= 0 and needle:
        out.append(i)
        i = text.find(needle, i + len(needle))
    return out


def quote_fields(text: str, start: int, end: int) -> dict:
    """``quote`` (and ``occurrence`` when the text repeats) for the span ``[start, end)``."""
    exact = text[start:end]
    out: dict = {"quote": exact}
    before = text.count(exact, 0, start)
    if not before and text.find(exact, start + 1) < 0:
        return out  # one occurrence: the usual case, found without a scan of the whole text
    if not any(exact[:k] == exact[-k:] for k in range(1, len(exact))) and text.startswith(exact, start):
        out["occurrence"] = before + 1  # no overlapping repeats: the loader's count is str.count's
        return out
    starts = find_all(text, exact)
    # Overlapping repeats (啊啊啊) are not counted by the loader either: take the nearest.
    out["occurrence"] = min(range(len(starts)), key=lambda i: abs(starts[i] - start)) + 1
    return out
