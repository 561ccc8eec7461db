"""Score and time `zonekg add`'s drafting (a benchmark, not a test).

The project's own article is added, as if new, to a fresh copy of the project that lacks it,
and the draft is scored against the reviewed fact sheet:

- entities: of the reviewed entities whose Chinese label occurs verbatim in the article, the
  share drafted with that label and a class of the same family (person, post, organisation,
  place, activity, policy, goal, concept, data);
- numbers: of the reviewed statements with an ``original`` and a numeric value, the share whose
  value the draft reads from the same text (same normalised value, overlapping wording);
- dates: of the reviewed times, the share the draft resolves to the same id (2024-H1, 2024-end…);
- modality: of the drafted statements that match a reviewed one (same property, overlapping
  quote), the share with the same modality.

Every miss is printed.  Then drafting speed: articles per second after start-up, on the
article and on the fictional test articles.

With ``--split dev`` (or ``heldout``, once, when the rules are final) it scores the evaluation
corpus instead (benchmarks/corpus/, measures in ``draftscore.py``): every article of the split
is added with ``zonekg add``'s own code, in order, to a copy of the project holding the reviewed
graph; then entities (exact and loose, recall and precision), numbers with value and unit,
dates, statements right, wrong links into the reviewed graph, id collisions between the
sheets, ``build --drafts`` with every draft in, warm articles per second, ``zonekg add`` wall
time on a 500-character article, and the time on texts up to and past the size limit.

    python benchmarks/bench_draft.py [--runs 50]
    python benchmarks/bench_draft.py --split dev [--verbose]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SOURCE_ID = "yushang-etdz-2024-09-29"


def fresh_project(dest: Path) -> Path:
    """The project without the article: ontology, queries and graph/ minus its text and sheet."""
    for name in ("ontology", "queries"):
        shutil.copytree(ROOT / name, dest / name)
    (dest / "graph" / "facts").mkdir(parents=True)
    (dest / "graph" / "sources").mkdir(parents=True)
    return dest


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(draft, reviewed, text: str) -> dict[str, tuple[int, int]]:
    from zonekg.authoring.drafting.entities import family

    results: dict[str, tuple[int, int]] = {}
    # Entities whose label is verbatim in the text.
    drafted = {e["zh"]: e["type"] for e in draft.entities}
    expected = [e for e in reviewed.entities.values() if e.zh in text]
    hits = 0
    for e in expected:
        cls = reviewed_class(e)
        got = drafted.get(e.zh)
        if got is not None and family(got) == family(cls):
            hits += 1
        else:
            print(f"  entity miss: {e.zh} ({cls}) — drafted as {got or 'nothing'}")
    results["entities with the right class family"] = (hits, len(expected))

    # Numbers: the reviewed original text and value against what the draft read.
    read = [(q.start, q.end, q.value) for q in draft.quantities]
    # a year the draft resolved as a time (2024年 → time 2024) is that number read, too
    read += [(t.start, t.end, Decimal(t.id)) for t in draft.times if t.id.isdigit()]
    for st in draft.statements:
        f = st.fields
        if "original" in f and isinstance(f.get("v"), (int, float)):
            read.append((st.start, st.end, Decimal(str(f["v"]))))
    hits = total = 0
    for st in reviewed.statements:
        if st.original is None or st.value is None or not _numeric(st.value):
            continue
        total += 1
        spans = [(ev.start + ev.exact.find(st.original), ev.start + ev.exact.find(st.original) + len(st.original))
                 for ev in st.evidence if st.original in ev.exact]
        if not spans:  # the original is not inside the quote: look for it in the evidence sentences
            spans = [(ev.sentence.start + ev.sentence.text.find(st.original),
                      ev.sentence.start + ev.sentence.text.find(st.original) + len(st.original))
                     for ev in st.evidence if st.original in ev.sentence.text]
        value = Decimal(str(st.value))
        if any(v == value and any(overlaps((s, e), sp) for sp in spans) for s, e, v in read):
            hits += 1
        else:
            print(f"  number miss: {st.id}: {st.original!r} = {value}")
    results["numbers with the same value"] = (hits, total)

    ids = {t.id for t in draft.times}
    hits = 0
    for tid in reviewed.times:
        if tid in ids:
            hits += 1
        else:
            print(f"  date miss: {tid}")
    results["dates and periods with the same id"] = (hits, len(reviewed.times))

    # Modality of the drafted statements that match a reviewed one.
    agree = matched = 0
    for st in draft.statements:
        p = st.fields["p"]
        span = (st.start, st.end)
        best, best_overlap = None, 0
        for r in reviewed.statements:
            if reviewed.curie(r.predicate).removeprefix("zo:") != p.removeprefix("zo:"):
                continue
            for ev in r.evidence:
                ov = min(span[1], ev.end) - max(span[0], ev.start)
                if ov > best_overlap:
                    best, best_overlap = r, ov
        if best is None:
            continue
        matched += 1
        if best.modality == st.fields["modality"]:
            agree += 1
        else:
            print(f"  modality miss: {st.fields['id']} ({p}, {st.fields['modality']}) vs reviewed "
                  f"{best.id} ({best.modality}): {text[st.start:st.end][:40]!r}")
    results["modality agreement on matched statements"] = (agree, matched)
    print(f"  ({len(draft.statements)} statements drafted, {matched} match a reviewed statement)")
    return results


def _numeric(value) -> bool:
    try:
        Decimal(str(value))
        return True
    except Exception:
        return False


def reviewed_class(e) -> str:
    from zonekg.model.namespaces import ZO

    iri = str(e.types[0])
    return iri[len(str(ZO)):] if iri.startswith(str(ZO)) else "org:" + iri.rsplit("#", 1)[-1]


class Reviewed:
    """The reviewed fact sheet, loaded and checked by the project's own loader."""

    def __init__(self, ontology) -> None:
        from zonekg.facts.check import load_fact_sheet

        sheet = load_fact_sheet(ROOT / "graph" / "facts" / f"{SOURCE_ID}.yaml", ontology)
        self.entities, self.statements, self.times = sheet.entities, sheet.statements, sheet.times
        self.curie = ontology.curie


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=50, help="Drafts per text for the speed figure.")
    parser.add_argument("--split", choices=("dev", "heldout"), help="Score the evaluation corpus's split.")
    parser.add_argument("--verbose", action="store_true", help="With --split: print every miss.")
    args = parser.parse_args()
    if args.split:
        from bench_corpus import run_split

        run_split(args.split, args.runs, args.verbose)
        return

    from zonekg.authoring.add import SourceMeta, add_source
    from zonekg.model import paths
    from zonekg.model.ontology import Ontology, load_ontology_graph

    text_path = ROOT / "graph" / "sources" / f"{SOURCE_ID}.zh.txt"
    text = text_path.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        project = fresh_project(Path(tmp))
        t0 = time.perf_counter()
        added = add_source(project, text_path, SourceMeta(
            SOURCE_ID, "豫商经济技术开发区:奋楫逐浪启新程", "2024-09-29T16:36:00+08:00", "商丘网-商丘日报"))
        first = time.perf_counter() - t0
        copied = (project / "graph" / "sources" / f"{SOURCE_ID}.zh.txt").read_bytes() == text_path.read_bytes()
    ontology = Ontology(load_ontology_graph(paths.ontology_files(ROOT)))
    print(f"zonekg add on a fresh copy: {first:.2f} s (start-up included); text copied byte for byte: {copied}")
    print("misses:")
    results = score(added.draft, Reviewed(ontology), text)
    print("scores:")
    for name, (hits, total) in results.items():
        print(f"  {name}: {hits}/{total} = {100 * hits / max(total, 1):.1f}%")

    import yaml

    from zonekg.authoring.drafting import make_draft

    meta = yaml.safe_load((ROOT / "tests" / "fixtures" / "articles" / "articles.yaml").read_text(encoding="utf-8"))
    texts = [(text, date(2024, 9, 29))] + [
        ((ROOT / "tests" / "fixtures" / "articles" / m["file"]).read_text(encoding="utf-8"),
         date.fromisoformat(m["published"][:10])) for m in meta.values()]
    for body, when in texts:  # warm-up: dictionaries and caches loaded
        make_draft(body, when, [], ontology)
    for label, batch in (("the project's article (2,091 characters)", texts[:1]),
                         ("the four fictional test articles", texts[1:])):
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(args.runs):
            for body, when in batch:
                make_draft(body, when, [], ontology)
        per = (time.perf_counter() - t0) / (args.runs * len(batch))
        cpu = (time.process_time() - c0) / (args.runs * len(batch))
        print(f"drafting speed, {label}: {1 / per:.1f} articles/s wall ({1000 * per:.1f} ms each), "
              f"{1 / cpu:.1f} articles/s of CPU time ({1000 * cpu:.1f} ms each)")
    print(f"load average while measuring: {' '.join(f'{x:.1f}' for x in __import__('os').getloadavg())}")


if __name__ == "__main__":
    main()
