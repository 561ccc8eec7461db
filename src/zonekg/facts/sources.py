"""Source texts: reading them, checking their hash, and cutting them into sentences.

A sentence is the unit of evidence and of coverage: every sentence must carry a statement
or be marked in the fact sheet as carrying none.  Offsets are Unicode code points (Python
string indices), as the Web Annotation model counts characters.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

#: Characters that end a sentence, and closing marks that stay with the sentence they close.
_TERMINATORS = "。！？!?"
_CLOSERS = "”’」』）)"


@dataclass(frozen=True)
class Sentence:
    """One sentence (or one line without a terminator: a title, a byline, a date)."""

    index: int
    line: int
    start: int
    end: int
    text: str


def read_source(path: Path) -> str:
    """Read a source exactly as stored (UTF-8, no newline translation)."""
    return path.read_bytes().decode("utf-8")


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def split_sentences(text: str) -> list[Sentence]:
    """Cut ``text`` into sentences, line by line; blank lines yield nothing.

    A terminator followed by closing quotes keeps the quotes, so “…很。” ends after ”.
    """
    sentences: list[Sentence] = []
    offset = 0
    for line_no, line in enumerate(text.split("\n"), start=1):
        i, start, n = 0, 0, len(line)
        while i < n:
            if line[i] in _TERMINATORS:
                j = i + 1
                while j < n and line[j] in _CLOSERS:
                    j += 1
                _add(sentences, line_no, offset, line, start, j)
                start = i = j
            else:
                i += 1
        _add(sentences, line_no, offset, line, start, n)
        offset += n + 1
    return sentences


def _add(out: list[Sentence], line_no: int, offset: int, line: str, start: int, end: int) -> None:
    # Trim surrounding white space but keep offsets true to the source.
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Sentence(len(out) + 1, line_no, offset + start, offset + end, line[start:end]))


def sentence_at(sentences: list[Sentence], start: int, end: int) -> Sentence | None:
    """The sentence containing the span ``[start, end)``, or None if it crosses a boundary."""
    for s in sentences:
        if s.start <= start and end <= s.end:
            return s
    return None
