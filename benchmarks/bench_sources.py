"""Build time against the number of sources (1 → 50), and the cost of rebuilding after one of
them changed. Synthetic sources: the article's fact sheet copied under new source ids (each
copy is its own named graph; entity ids are shared, as for real sources about one zone).

Usage: python benchmarks/bench_sources.py [--sizes 1,10,25,50] [--full]

For each size: a cold build (no build/ yet), an unchanged rebuild, and a rebuild after one
fact sheet changed, each in-process with `run_build` (imports warmed up by a first build).
--full adds reasoning and the HTML view (default: `--core`, the RDF and SHACL).
`changed/source` is the one-changed rebuild over the cold build's time per source: 1.0 means
a rebuild after one changed sheet costs what one sheet costs in a cold build. Measured numbers
and what is still not flat: docs/build.md ("Measured").
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE_ID = "yushang-etdz-2024-09-29"
HEADER = f"  id: {SOURCE_ID}\n  text:"


def project(folder: Path, sources: int) -> Path:
    for name in ("ontology", "graph"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("zone.trig"))
    sheet = folder / "graph" / "facts" / f"{SOURCE_ID}.yaml"
    text = sheet.read_text(encoding="utf-8")
    for i in range(1, sources):
        copy = folder / "graph" / "facts" / f"copy-{i:03d}.yaml"
        copy.write_text(text.replace(HEADER, f"  id: copy-{i:03d}\n  text:", 1), encoding="utf-8")
    return sheet


def timed(root: Path, steps) -> tuple[float, str]:
    from zonekg.pipeline.run import run_build

    start = time.perf_counter()
    result = run_build(root, steps=steps)
    return time.perf_counter() - start, result.messages[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,25,50")
    parser.add_argument("--full", action="store_true")
    args = parser.parse_args()
    steps = None if args.full else ()
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm"
        project(warm, 1)
        timed(warm, steps)  # imports and first-use costs, not counted below
        print(f"{'sources':>7} {'cold s':>8} {'ms/source':>10} {'unchanged s':>12} {'one changed s':>14} "
              f"{'changed/source':>15}  reused")
        for n in (int(x) for x in args.sizes.split(",")):
            root = Path(tmp) / f"n{n}"
            sheet = project(root, n)
            cold, _ = timed(root, steps)
            same, _ = timed(root, steps)
            sheet.write_text(sheet.read_text(encoding="utf-8").replace(
                "Yushang Economic and Technological Development Zone", "Yushang ETDZ", 1), encoding="utf-8")
            one, reused = timed(root, steps)
            print(f"{n:>7} {cold:>8.2f} {1000 * cold / n:>10.0f} {same:>12.3f} {one:>14.2f} "
                  f"{one / (cold / n):>15.2f}  {reused}", flush=True)
            shutil.rmtree(root)


if __name__ == "__main__":
    sys.exit(main())
