#!/usr/bin/env bash
# Mutation score of the fact-sheet checks (facts.py, factsheet.py, quantities.py) and of
# build.py, measured with mutmut 3 on a throw-away copy of the committed tree, so that neither
# the checkout nor pyproject.toml gets mutmut's configuration or its mutants/ folder.
#
#   benchmarks/mutation_score.sh [MUTANT_GLOB ...]     e.g.  'zonekg.facts.*'  'zonekg.pipeline.*'
#   SAMPLE=40 benchmarks/mutation_score.sh              a seeded random sample of 40 mutants per file
#
# Needs mutmut 3 in the venv (pip install 'mutmut>=3,<4'; not a project dependency).
# The tests run against each mutant are the fast, targeted ones: tests/test_facts.py without the
# tests that need a whole build (they use the `union` fixture), tests/test_quantities.py and
# tests/test_build_checks.py. Prints mutmut's summary and the score per file.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
venv="${VENV:-$here/.venv}"
[ -x "$venv/bin/mutmut" ] || venv=/work/main/.venv
work="${WORK:-$(mktemp -d)}"   # WORK=dir keeps the copy (and mutants/) for inspection
[ -n "${WORK:-}" ] || trap 'rm -rf "$work"' EXIT
git -C "$here" archive HEAD | tar -x -C "$work"
cd "$work"
deselect=$(grep -oP '^def \Ktest_\w+(?=\(union)' tests/test_facts.py | sed 's|^|    --deselect=tests/test_facts.py::|')
cat > setup.cfg <<CFG
[mutmut]
source_paths =
    src
only_mutate =
    *zonekg/facts.py
    *zonekg/factsheet.py
    *zonekg/quantities.py
    *zonekg/build.py
also_copy =
    ontology
    graph
    queries
pytest_add_cli_args_test_selection =
    tests/test_facts.py
    tests/test_quantities.py
    tests/test_build_checks.py
pytest_add_cli_args =
    -p
    no:cacheprovider
$deselect
CFG
if [ -n "${SAMPLE:-}" ]; then
    # Generate the mutants and the test map only, then run a seeded random sample of each file's mutants.
    "$venv/bin/mutmut" run --max-children "${JOBS:-2}" 'no-such-mutant' > mutmut-run.log 2>&1 || true
    mapfile -t names < <("$venv/bin/python" - "$SAMPLE" <<'PY'
import json, random, sys
from pathlib import Path

rng = random.Random(20261128)
for meta in sorted(Path("mutants/src").rglob("*.py.meta")):
    keys = sorted(json.loads(meta.read_text())["exit_code_by_key"])
    print("\n".join(rng.sample(keys, min(int(sys.argv[1]), len(keys)))))
PY
)
    echo "running ${#names[@]} sampled mutants"
    "$venv/bin/mutmut" run --max-children "${JOBS:-2}" "${names[@]}" >> mutmut-run.log 2>&1 || true
else
    "$venv/bin/mutmut" run --max-children "${JOBS:-2}" "$@" > mutmut-run.log 2>&1 || true
fi
tr "\r" "\n" < mutmut-run.log | grep -a -v -E "(Generating mutants|Running stats|Running clean tests)\s*$" | tail -n 15
"$venv/bin/mutmut" export-cicd-stats > /dev/null
"$venv/bin/python" - <<'PY'
import json
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

stats = json.loads(Path("mutants/mutmut-cicd-stats.json").read_text())
print("overall:", {k: v for k, v in stats.items() if isinstance(v, (int, float))})
per_file: dict[str, Counter] = {}
for meta in Path("mutants/src").rglob("*.py.meta"):
    codes = json.loads(meta.read_text())["exit_code_by_key"]
    c = per_file.setdefault(meta.name.removesuffix(".meta"), Counter())
    c.update(status_by_exit_code[code] for code in codes.values())
for name, c in sorted(per_file.items()):
    tested = c["killed"] + c["survived"] + c["timeout"]
    score = 100 * (c["killed"] + c["timeout"]) / tested if tested else 0
    print(f"{name}: {dict(c)}  score {score:.1f}% of {tested} tested mutants")
PY
echo "surviving mutants (inspect one with: WORK=dir ...; cd dir; mutmut show NAME):"
"$venv/bin/mutmut" results 2>/dev/null | grep -v "not checked" || true
