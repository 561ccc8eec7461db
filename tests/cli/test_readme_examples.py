"""The README's ``zonekg …`` examples run as written, on a built copy of the project.

Commands are read from the README's fenced blocks (``zonekg …`` in ``sh`` and plain blocks,
``$ zonekg …`` in those and ``console`` blocks), so an example that stops working fails here.
Each known example also has an expectation read from the article; an example of a safe command
that has none must at least exit 0 and print something.  Commands that would serve, edit or wait
are not run (see SAFE).
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import ROOT

#: Subcommands that only read the project and write into its build/ (or a named file).
SAFE = {"query", "why", "entity", "coverage", "viz", "reason", "docs", "explain", "export"}

#: README lines that are templates, not commands: a placeholder file, alternatives written a|b|c.
NOT_COMMANDS = {"zonekg reason --data extra.ttl", "zonekg export --format jsonld|nt|ttl [--out FILE]"}

#: What each example must print (regular expressions) and its exit code; from the article and the docs.
EXPECT: dict[str, tuple[int, list[str]]] = {
    "zonekg query --list": (0, [r"gdp-growth-rank", r"leading-industries"]),
    "zonekg query gdp-growth-rank": (0, [r"4898000000", r"6\.6", r"gdp-value"]),
    "zonekg why gdp-value": (0, [r"original: 48\.98 亿元", r"今年上半年,全区GDP完成48\.98 亿元"]),
    "zonekg entity 福田智蓝": (0, [r"河南福田智蓝新能源汽车公司"]),
    "zonekg coverage": (0, [r"49 sentences: 41 with statements, 8 marked as carrying no fact, 0 missing"]),
    "zonekg query leading-industries": (0, [r"新材料", r"电子信息", r"商贸物流", r"\(4 rows\)"]),
    "zonekg query posts --param name=张峰 --format csv": (0, [r"^person,post,", r"张峰,示范区管委会主任"]),
    "zonekg query queries/plans.rq --format json": (0, [r'"bindings"']),
    "zonekg query 'SELECT ?s ?v WHERE { ?s zo:value ?v }' --format tsv": (0, [r"obs-gdp-2024h1>\t\"4898000000"]),
    "zonekg entity 材料": (1, [r"'材料' fits 8 entities", r"zk:ind-new-materials"]),
    "zonekg viz": (0, [r"wrote \S*build/zone\.html \(\d+ nodes"]),
    "zonekg viz --around 福田智蓝 --depth 2": (0, [r"wrote \S*build/zone-around\.html"]),
    "zonekg viz --classes": (0, [r"wrote \S*build/zone-classes\.html"]),
    "zonekg viz --around 商丘市 --out /tmp/sq.html": (0, [r"wrote \S*sq\.html \(\d+ nodes"]),
    "zonekg reason": (0, [r"consistent; \d+ new triples", r"rdf:type"]),
    "zonekg reason --show": (0, [r"^zk:proj-hengyuantong rdf:type zo:ListedProject$"]),
    "zonekg reason --engine owlrl": (0, [r"OWL 2 RL closure \(owlrl\), [\d.]+ s\): consistent"]),
    "zonekg reason --reported-only": (0, [r"achieved and ongoing statements only \(a what-if: nothing written\)"]),
    "zonekg docs": (0, [r"wrote \S*build/docs/index\.html"]),
    "zonekg docs --out site/": (0, [r"wrote site/index\.html"]),
    "zonekg explain futian-zhilan henan-gov": (0, [r"河南福田智蓝新能源汽车公司", r"河南省人民政府"]),
    "zonekg explain futian-zhilan zone-approval": (0, [r"批复设立豫商经济技术开发区", r"sentence 24:"]),
    "zonekg export --format graphml": (0, [r"wrote \S*build/export/zone\.graphml"]),
    "zonekg export --format gexf": (0, [r"wrote \S*build/export/zone\.gexf"]),
}


def readme_commands(text: str) -> list[str]:
    """Every ``zonekg`` command line in a fenced block, its trailing ``# comment`` removed."""
    out = []
    for lang, body in re.findall(r"^```(\w*)\n(.*?)^```", text, re.S | re.M):
        for line in body.splitlines():
            if line.startswith("$ zonekg ") and lang in ("console", "sh", ""):
                line = line[2:]
            elif lang not in ("sh", "") or not line.startswith("zonekg "):
                continue
            command = re.sub(r"\s+#(\s.*)?$", "", line).strip()
            if command not in out:
                out.append(command)
    return out


COMMANDS = readme_commands((ROOT / "README.md").read_text(encoding="utf-8"))
RUN = [c for c in COMMANDS if c not in NOT_COMMANDS and shlex.split(c)[1] in SAFE]


def test_the_readme_examples_are_found() -> None:
    """The parser finds the examples a newcomer reads first, and every example with an
    expectation is still in the README (a renamed example must be renamed here too)."""
    assert len(RUN) >= 20
    assert "zonekg query gdp-growth-rank" in RUN and "zonekg entity 材料" in RUN
    assert not [c for c in EXPECT if c not in COMMANDS]
    assert all(c in COMMANDS for c in NOT_COMMANDS)


@pytest.fixture(scope="module")
def workdir(built, project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the built project, so that examples writing into build/ touch no shared fixture."""
    dest = tmp_path_factory.mktemp("readme") / "project"
    shutil.copytree(project, dest)
    return dest


@pytest.mark.slow
@pytest.mark.parametrize("command", RUN)
def test_readme_example(command: str, workdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from zonekg.cli.app import app

    args = [a.replace("/tmp/", f"{tmp_path}/") for a in shlex.split(command)[1:]]  # nothing outside the test
    monkeypatch.chdir(workdir)
    res = CliRunner().invoke(app, args)
    code, patterns = EXPECT.get(command, (0, [r"\S"]))
    assert res.exit_code == code, f"{command}\n{res.output}"
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    for pattern in patterns:
        assert re.search(pattern, res.output, re.M), f"{command}: expected /{pattern}/ in\n{res.output}"
    if "--format json" in command:
        json.loads(res.output)
    for written in re.findall(r"^wrote (\S+)", res.output, re.M):
        path = Path(written) if Path(written).is_absolute() else workdir / written
        assert path.is_file() and path.stat().st_size > 0, written
