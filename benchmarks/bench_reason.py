"""Time the reasoning step of ``zonekg build`` (HermiT, or owlrl with --engine owlrl).

Run: python benchmarks/bench_reason.py [--engine hermit|owlrl] [--repeat N]
Works on a temporary copy of the project, so build/ is left alone; also checks that the runs
give byte-identical build/inferred.* files.  With HermiT the runs alternate between the JVM
options of zonekg.reason.reasoner.JVM_OPTIONS and none (the JVM's defaults), and report the wall time
of the step and the CPU time of its JVM (what a 2-core machine must fit beside SHACL).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from zonekg.rdf.dataset import make_dataset
from zonekg.reason import reasoner as R

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default="auto", choices=("auto", "hermit", "owlrl"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    engine = R.choose_engine(args.engine)[0]
    variants = {"JVM_OPTIONS " + " ".join(R.JVM_OPTIONS): R.JVM_OPTIONS, "JVM defaults": ()}
    if engine != "hermit":
        variants = {engine: ()}
    times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in variants}
    files = []
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        for name in ("ontology", "graph"):
            shutil.copytree(ROOT / name, project / name)
        result = make_dataset(project)
        for _ in range(args.repeat):
            for name, options in variants.items():
                R.JVM_OPTIONS = options
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                started = time.perf_counter()
                run = R.reason(result, project, args.engine)
                times[name][0].append(time.perf_counter() - started)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                times[name][1].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
                files.append(R.inferred_files(run.inferred))
    print(f"engine {run.engine}: {len(run.inferred)} inferred triples")
    for name, (walls, cpus) in times.items():
        print(f"{name}: reason step median {statistics.median(walls):.2f} s (min {min(walls):.2f}); "
              f"JVM CPU median {statistics.median(cpus):.2f} s over {args.repeat} runs")
    print(f"byte-identical output: {all(f == files[0] for f in files)}")


if __name__ == "__main__":
    main()
