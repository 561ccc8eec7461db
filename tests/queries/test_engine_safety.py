"""Queries stay inside: no file or network reads, no updates, a time limit, no missing
parameters, nothing a terminal would obey, and a damaged build file named, not a traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from zonekg.cli import app
from zonekg.model.errors import ZoneKGError
from zonekg.queries.answers import for_terminal
from zonekg.queries.engine import check_query, run, union_view

runner = CliRunner()

OUTSIDE = [
    "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <http://example.org/g.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service silent <file:///etc/hosts> { ?s ?p ?o } }",
    "LOAD <file:///etc/passwd>",
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
]
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def cli(project, *args: str):
    return runner.invoke(app, [*args, "--root", str(project)])


@pytest.fixture(scope="module")
def rdflib_graph(built):
    return union_view(built.dataset)


@pytest.mark.parametrize("text", OUTSIDE)
def test_outside_reads_and_updates_are_refused_on_both_engines(store, rdflib_graph, text):
    for source in (store, rdflib_graph):
        with pytest.raises(ZoneKGError, match="refused at line 1"):
            run(text, source)


def test_refusal_through_the_cli_names_the_keyword(store, project):
    result = cli(project, "query", OUTSIDE[0])
    assert result.exit_code == 1
    assert "FROM refused at line 1, column 10" in result.output and "Traceback" not in result.output
    result = cli(project, "query", OUTSIDE[2], "--format", "json")
    assert result.exit_code == 1 and "SERVICE refused" in result.output


def test_a_named_query_file_is_checked_too(store, project, tmp_path):
    bad = tmp_path / "sneaky.rq"
    bad.write_text("# en: sneaky?\nSELECT *\nFROM <file:///etc/passwd>\nWHERE { ?s ?p ?o }\n", encoding="utf-8")
    result = cli(project, "query", str(bad))
    assert result.exit_code == 1 and f"{bad}:3: query: FROM refused" in result.output



# The tokenizer's pattern as first written, before its U+00C0–U+FFFF ranges were spelt so that they
# compile fast: the check must find the same tokens in the same places.
READABLE_TOKENS = (
    r'(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)'
    r'|(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n\r]|\\.)*"|\'(?:[^\'\\\n\r]|\\.)*\')'
    r"|(?P<comment>#[^\n\r]*)"
    r"|(?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)"
    r"|[?$](?P<var>[A-Za-z0-9_\u00b7\u00c0-\uffff]+)"
    r"|(?P<pname>[A-Za-z\u00c0-\uffff][\w.\-\u00b7\u00c0-\uffff]*:(?:[\w.\-:%\u00b7\u00c0-\uffff]"
    r"|\\[_~.\-!$&'()*+,;=/?#@%])*|:(?:[\w.\-:%]|\\[_~.\-!$&'()*+,;=/?#@%])*)"
    r"|(?P<word>[A-Za-z_]+)"
    r"|(?P<brace>\{)"
)


def test_the_fast_compiling_tokenizer_reads_as_the_readable_one(project):
    import re

    from zonekg.queries.guard import _TOKENS, _WIDE
    from zonekg.queries.named import named_queries

    wide, readable_wide = re.compile(_WIDE), re.compile("[\u00c0-\uffff]")
    assert [i for i in range(0x110000) if bool(wide.match(chr(i))) != bool(readable_wide.match(chr(i)))] == []
    readable = re.compile(READABLE_TOKENS)
    edges = "\x00 a Z _ 0 . - : % \xb6 \xb7 \xbf \xc0 \xff \u0100 \u4e2d \ud7ff \ufffd \uffff \U00010000 \U0001d431"
    texts = [nq.text for nq in named_queries(project).values()] + OUTSIDE + [CROSS]
    texts += [f"{a}{b}{c}FROM {a}x{b}:{c}y SELECT" for a in edges.split(" ") for b in ("?", "$", "", ":")
              for c in edges.split(" ")]
    for text in texts:
        assert ([(m.lastgroup, m.span()) for m in _TOKENS.finditer(text)]
                == [(m.lastgroup, m.span()) for m in readable.finditer(text)]), text


def test_the_words_inside_strings_iris_and_names_are_not_keywords():
    check_query('SELECT ?from WHERE { ?from <http://x/service> "LOAD FROM SERVICE" . ?x zo:from ?y } # FROM')


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_a_runaway_query_is_stopped_at_the_time_limit(store, rdflib_graph, engine):
    with pytest.raises(ZoneKGError, match=r"query stopped after 1 s \(--timeout\)"):
        run(CROSS, store if engine == "oxigraph" else rdflib_graph, timeout=1)


def test_timeout_option_of_the_cli(store, project):
    result = cli(project, "query", 'SELECT ?x WHERE { ?s rdfs:label ?x . ?a ?b ?c . ?d ?e ?f '
                 'FILTER(REGEX(CONCAT(STR(?x), STR(?c)), "^(a+)+$")) }', "--timeout", "0.5")
    assert result.exit_code == 1 and "query stopped after 0.5 s (--timeout)" in result.output


def test_a_stopped_worker_is_gone_and_a_dead_one_is_an_error(tmp_path):
    import os
    import signal
    import time

    from zonekg.queries.engine import _in_worker

    def hang(pid_file):
        pid_file.write_text(str(os.getpid()))
        time.sleep(60)

    def boom():
        raise ValueError("boom")

    def crash():
        os.kill(os.getpid(), signal.SIGKILL)  # in the worker, so its own pid: an engine that died

    with pytest.raises(ZoneKGError, match=r"query stopped after 0.5 s"):
        _in_worker(hang, (tmp_path / "pid",), timeout=0.5)
    with pytest.raises(ProcessLookupError):  # killed and reaped, not left running
        os.kill(int((tmp_path / "pid").read_text()), 0)
    with pytest.raises(ZoneKGError, match=r"stopped without an answer \(exit code -9\)"):
        _in_worker(crash, (), timeout=5)
    with pytest.raises(ZoneKGError, match=r"query failed: ValueError: boom"):
        _in_worker(boom, (), timeout=5)


def test_the_worker_does_not_repeat_what_the_parent_had_not_flushed_yet(store, project):
    """The forked worker leaves through os._exit: output buffered in the parent is written once."""
    import os
    import subprocess
    import sys

    from tests.helpers import ROOT

    code = ("import sys\nfrom zonekg.queries.engine import run\nsys.stdout.write('before;')\n"
            f"print(len(run('gdp-growth-rank', {str(store)!r})))")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120,
                         cwd=project)
    assert out.stdout == "before;1\n", out.stderr


def test_a_missing_parameter_is_an_error_naming_it(store, project):
    result = cli(project, "query", "about", "--format", "csv")
    assert result.exit_code == 1
    assert "missing parameter 'entity'" in result.output and "--param entity=" in result.output
    assert cli(project, "query", "posts", "--format", "csv").exit_code == 0  # its parameter is optional


def test_terminal_output_drops_escape_sequences(store, project):
    text = 'SELECT ?x WHERE { BIND("\\u001b[2J\\u001b]0;owned\\u0007red\\u202Etxt\\u0085" AS ?x) }'
    table = cli(project, "query", text).output
    assert "\x1b" not in table and "\u202e" not in table and "\x07" not in table and "\x85" not in table
    assert "redtxt" in table
    csv = cli(project, "query", text, "--format", "csv").output
    assert "\x1b[2J" in csv  # data formats carry the value as it is; escaping is the format's job
    assert for_terminal("a\tb\nc\x1b[31md\x9b") == "a\tb\ncd"


def test_a_damaged_build_file_asks_for_a_rebuild(scratch):
    build = scratch / "build"
    build.mkdir()
    (build / "zone.nq").write_text('<https://w3id.org/zonekg/id/a> <https://w3id.org/zonekg/id/b> "unterminated\n',
                                   encoding="utf-8")
    result = runner.invoke(app, ["query", "leading-industries", "--root", str(scratch)])
    assert result.exit_code == 1, result.output
    assert "zone.nq" in result.output and "rebuild with `zonekg build`" in result.output
    assert "Traceback" not in result.output
    assert not (build / "oxigraph").exists() and [p.name for p in build.iterdir()] == ["zone.nq"]
    for command in (["entity", "张峰"], ["why", "gdp-value"]):
        result = runner.invoke(app, [*command, "--root", str(scratch)])
        assert result.exit_code == 1 and "rebuild with `zonekg build`" in result.output, result.output
