"""Time the reasoning step of ``zonekg build`` (HermiT, or owlrl with --engine owlrl).

Run: /tmp/venv/bin/python benchmarks/bench_reason.py [--engine hermit|owlrl] [--repeat N]
Works on a temporary copy of the project, so build/ is left alone; also checks that two runs
give byte-identical build/inferred.* files.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from zonekg.build import make_dataset
from zonekg.reason import inferred_files, reason

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default="auto", choices=("auto", "hermit", "owlrl"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        for name in ("ontology", "graph"):
            shutil.copytree(ROOT / name, project / name)
        result = make_dataset(project)
        times, files = [], []
        for _ in range(args.repeat):
            started = time.perf_counter()
            run = reason(result, project, args.engine)
            times.append(time.perf_counter() - started)
            files.append(inferred_files(run.inferred))
    print(f"engine {run.engine}: {len(run.inferred)} inferred triples")
    print(f"reason step: min {min(times):.2f} s, max {max(times):.2f} s over {args.repeat} runs")
    print(f"byte-identical output: {all(f == files[0] for f in files)}")


if __name__ == "__main__":
    main()
