#!/usr/bin/env bash
# Mutation score of the fact-sheet checks (facts.py, factsheet.py, quantities.py) and of
# build.py, measured with mutmut 3 on a throw-away copy of the committed tree, so that neither
# the checkout nor pyproject.toml gets mutmut's configuration or its mutants/ folder.
#
#   benchmarks/mutation_score.sh [MODULE_GLOB ...]     e.g.  'zonekg.facts.*'  'zonekg.build.*'
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
    src/zonekg/facts.py
    src/zonekg/factsheet.py
    src/zonekg/quantities.py
    src/zonekg/build.py
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
"$venv/bin/mutmut" run --max-children "${JOBS:-2}" "$@" > mutmut-run.log 2>&1 || true
tr "\r" "\n" < mutmut-run.log | grep -v "^[⠀-⣿]" | tail -n 40
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
"$venv/bin/mutmut" results 2>/dev/null | sed -n '1,400p' > "$here/benchmarks/mutation-survivors.txt" || true
echo "survivors listed in benchmarks/mutation-survivors.txt"
