"""The corpus half of ``bench_draft.py``: ``--split dev|heldout`` (measures in ``draftscore.py``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import draftscore
import yaml

ROOT = Path(__file__).resolve().parents[1]


def project_copy(dest: Path) -> Path:
    """The project as it is (reviewed graph included), without build outputs."""
    for name in ("ontology", "queries"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copytree(ROOT / "graph", dest / "graph")
    return dest


def _load(msg: str) -> str:
    return f"{msg} (load average {' '.join(f'{x:.1f}' for x in os.getloadavg())})"


def run_split(split: str, runs: int, verbose: bool) -> None:
    from zonekg.authoring.add import SourceMeta, add_source
    from zonekg.authoring.drafting import known_entities, make_draft
    from zonekg.authoring.intake import prepare
    from zonekg.model import paths
    from zonekg.model.errors import ZoneKGError
    from zonekg.model.ontology import Ontology, load_ontology_graph

    arts = draftscore.articles(split)
    tallies: dict[str, draftscore.Tally] = defaultdict(draftscore.Tally)
    judged: dict[str, list[str]] = {k: [] for k in draftscore.VERDICTS}
    per_article: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        project = project_copy(Path(tmp) / "p")
        known_ids = {k.id for k in known_entities(paths.fact_sheets(project))}
        refused: list[str] = []
        for art in arts:
            t0 = time.perf_counter()
            try:
                draft = add_source(project, art.path, SourceMeta(
                    art.id, art.title, art.published, art.outlet, fictional=True)).draft
            except ZoneKGError as exc:  # add wrote nothing: the article scores nothing
                refused.append(f"{art.id}: {exc}")
                draft = SimpleNamespace(text=prepare(art.path.read_bytes(), art.path).text, entities=[],
                                        quantities=[], times=[], statements=[])
            took = time.perf_counter() - t0
            scores = draftscore.score_entities(draft, art.gold)
            scores["numbers (value and unit)"] = draftscore.score_numbers(draft, art.gold)
            scores["dates"] = draftscore.score_dates(draft, art.gold)
            scores["statements right"] = draftscore.score_statements(draft, art.gold)
            scores["reuses of reviewed ids that are right"] = draftscore.wrong_links(draft, art.gold, known_ids)
            for name, t in scores.items():
                tallies[name] += t
            verdicts = draftscore.judge_statements(draft, art.gold)
            for k, items in verdicts.items():
                judged[k].extend(f"{art.id}: {item}" for item in items)
            per_article.append(f"  {art.id}: " + ", ".join(
                f"{n.split(' (')[0] if '(' in n and 'exact' not in n else n}={t.hits}/{t.total}"
                for n, t in scores.items()) + ", judged r/p/w/u=" + "/".join(
                str(len(verdicts[k])) for k in draftscore.VERDICTS) + f"  [{took:.2f} s]")
        uses_of: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for sheet in paths.fact_sheets(project):
            data = yaml.safe_load(sheet.read_text(encoding="utf-8"))
            for section in ("entities", "statements"):  # a time id names the same period in every sheet
                for item in data.get(section) or []:
                    uses_of[str(item["id"])].append((sheet.stem, section, f"{item.get('type')} {item.get('zh')}"))
        collisions = 0
        for ident, uses in uses_of.items():
            shared = all(u[1] == "entities" for u in uses) and len({u[2] for u in uses}) == 1 \
                and len({u[0] for u in uses}) == len(uses)
            if len(uses) > 1 and not shared:
                collisions += 1
                if verbose:
                    print(f"  id collision: {ident}: {uses}")
        build = subprocess.run([str(Path(sys.executable).parent / "zonekg"), "build", "--core", "-q", "--drafts",
                                "--root", str(project)], capture_output=True, text=True)
    if verbose:
        print("misses:")
        for name, t in tallies.items():
            for miss in t.misses:
                print(f"  [{name}] {miss}")
        for verdict in ("wrong", "partly"):
            for item in judged[verdict]:
                print(f"  [statement judged {verdict}] {item}")
    print(f"split {split}: {len(arts)} articles")
    print("per article:")
    print("\n".join(per_article))
    print("scores:")
    for name, t in tallies.items():
        print(f"  {name}: {t.pct()}")
    print("  " + draftscore.judged_summary(judged))
    print(f"  id collisions between or within the sheets: {collisions}")
    print(f"  articles zonekg add refused (scored as drafting nothing): {len(refused)}")
    for line in refused:
        print(f"    {line[:300]}")
    print(f"  build --core --drafts with every draft in: {'passes' if build.returncode == 0 else 'FAILS'}"
          + ("" if build.returncode == 0 else f": {build.stdout.strip()[:300]} {build.stderr.strip()[-300:]}"))

    # Speed: warm drafting of the split's texts (what add does after reading the file).
    ontology = Ontology(load_ontology_graph(paths.ontology_files(ROOT)))
    prepared = []
    for art in arts:
        if any(line.startswith(f"{art.id}:") for line in refused):
            continue
        intake = prepare(art.path.read_bytes(), art.path)
        prepared.append((intake, date.fromisoformat(art.published[:10])))
    for intake, when in prepared:
        make_draft(intake.text, when, [], ontology, source_id="bench", simplified=intake.simplified)
    t0, c0 = time.perf_counter(), time.process_time()
    n = max(1, runs // 5)
    for _ in range(n):
        for intake, when in prepared:
            make_draft(intake.text, when, [], ontology, source_id="bench", simplified=intake.simplified)
    wall = (time.perf_counter() - t0) / (n * len(prepared))
    cpu = (time.process_time() - c0) / (n * len(prepared))
    chars = sum(len(i.text) for i, _ in prepared) / len(prepared)
    print(_load(f"warm drafting, {len(prepared)} articles of {chars:.0f} characters on average: "
                f"{1 / wall:.1f} articles/s wall ({1000 * wall:.1f} ms each), {1 / cpu:.1f} articles/s of CPU"))
    _add_timings(arts)


def _add_timings(arts) -> None:
    """``zonekg add`` in a fresh process on a 500-character article, and on large texts."""
    zonekg = str(Path(sys.executable).parent / "zonekg")
    base = arts[0].path.read_text(encoding="utf-8") if arts[0].path.suffix == ".txt" else None
    base = base or next(a.path.read_text(encoding="utf-8") for a in arts if a.path.suffix == ".txt")
    cut = base.rfind("。", 0, 500) + 1
    short = base[:cut]
    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        project = project_copy(tmpd / "p")
        (tmpd / "short.txt").write_text(short, encoding="utf-8")
        walls = []
        for i in range(3):
            t0 = time.perf_counter()
            r = subprocess.run([zonekg, "add", str(tmpd / "short.txt"), "--id", f"short-{i}", "--title", "标题",
                                "--published", "2024-10-01", "--outlet", "报", "--root", str(project)],
                               capture_output=True, text=True)
            walls.append(time.perf_counter() - t0)
            if r.returncode:
                print(f"  zonekg add failed: {r.stdout} {r.stderr}")
        print(_load(f"zonekg add on a {len(short)}-character article, fresh process: "
                    + ", ".join(f"{w:.2f}" for w in walls) + " s wall"))
        big = (short + "\n") * (3 * 1024 * 1024 // len(short.encode("utf-8")) + 1)
        (tmpd / "big.txt").write_text(big, encoding="utf-8")
        t0 = time.perf_counter()
        r = subprocess.run([zonekg, "add", str(tmpd / "big.txt"), "--id", "big", "--title", "标题",
                            "--published", "2024-10-01", "--outlet", "报", "--root", str(project)],
                           capture_output=True, text=True)
        print(_load(f"zonekg add on a {len(big.encode('utf-8')) / 2**20:.1f} MB text: exit {r.returncode} in "
                    f"{time.perf_counter() - t0:.2f} s: {(r.stdout + r.stderr).strip()[:160]}"))
    from zonekg.authoring.drafting import make_draft
    from zonekg.authoring.intake import MAX_BYTES
    from zonekg.model import paths
    from zonekg.model.ontology import Ontology, load_ontology_graph

    ontology = Ontology(load_ontology_graph(paths.ontology_files(ROOT)))
    unit = (base + "\n")
    for size in (MAX_BYTES // 8, MAX_BYTES // 4, MAX_BYTES // 2, MAX_BYTES):
        text = (unit * (size // len(unit.encode("utf-8")) + 1))
        text = text[: text.rfind("\n", 0, size // 3) + 1] if len(text.encode("utf-8")) > size else text
        t0 = time.perf_counter()
        make_draft(text, date(2024, 10, 1), [], ontology, source_id="big")
        took = time.perf_counter() - t0
        kb = len(text.encode("utf-8")) / 1024
        print(_load(f"drafting {kb:.0f} KB: {took:.2f} s ({1000 * took / kb:.2f} ms per KB)"))
