"""The query engine and ``zonekg query``: parameters bound as terms, W3C result formats,
clear errors, and the Python API."""

from __future__ import annotations

import csv
import io
import json
import os
import time

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import URIRef
from wcwidth import wcswidth

import zonekg
from tests.helpers import ROOT
from zonekg.cli import app
from zonekg.model.errors import ZoneKGError
from zonekg.queries.answers import format_result, nt_term
from zonekg.queries.engine import query_variables, run, to_term
from zonekg.queries.named import named_queries, parse_header, resolve
from zonekg.store.local import staleness

runner = CliRunner()
LABELS = 'SELECT ?e ?l WHERE { ?e rdfs:label ?l . FILTER(CONTAINS(LCASE(STR(?l)), LCASE(STR(?name)))) }'

NASTY = [
    '张峰"',
    "张峰' } UNION { ?s ?p ?o } #",
    '"} }} UNION { ?s ?p ?o',
    "}} UNION { ?s ?p ?o",
    "{ }",
    "张峰\n} UNION { ?e ?x ?l }",
    '\\" . ?e ?p ?l . FILTER("" = "',
    "?name",
    "<https://w3id.org/zonekg/id/zhang-feng> } UNION {",
]


XSD_STRING = ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")


@pytest.fixture(scope="module")
def graph(store):
    """Queries in these tests run on the build's Oxigraph store, as the commands do."""
    return store


def cli(project, *args: str):
    return runner.invoke(app, [*args, "--root", str(project)])


# --- parameters are bound, never pasted ----------------------------------------------------------

@pytest.mark.parametrize("value", NASTY)
def test_hostile_labels_are_plain_literals(graph, value):
    term = to_term(value, from_text=True)
    assert isinstance(term, ox.Literal) and term.value == value and term.datatype == XSD_STRING
    rows = list(run(LABELS, graph, {"name": value}, from_text=True))
    assert rows == []  # no label contains these strings, and the query text never changed


@pytest.mark.parametrize("value", NASTY)
def test_hostile_labels_through_a_named_query(graph, value):
    assert list(run(resolve("posts", ROOT), graph, {"name": value}, from_text=True)) == []


@pytest.mark.parametrize("value", [NASTY[3], NASTY[5]])
def test_hostile_labels_through_the_cli(built, project, value):
    result = cli(project, "query", "posts", "--param", f"name={value}", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["results"]["bindings"] == []


def test_a_bound_label_still_finds_what_it_names(graph):
    rows = list(run(LABELS, graph, {"name": "张峰"}))
    assert {r.e.value for r in rows} == {"https://w3id.org/zonekg/id/zhang-feng"}


def test_values_typed_on_the_command_line():
    assert to_term("zk:futian-zhilan", from_text=True) == ox.NamedNode("https://w3id.org/zonekg/id/futian-zhilan")
    assert to_term("<https://example.org/x>") == ox.NamedNode("https://example.org/x")
    assert to_term("15", from_text=True) == ox.Literal(15)
    assert to_term("15") == ox.Literal("15")  # from Python, a str stays a string
    assert to_term("nope:thing") == ox.Literal("nope:thing")  # unknown prefix: just text
    assert to_term(URIRef("https://example.org/y")) == ox.NamedNode("https://example.org/y")  # rdflib terms too


def test_unknown_parameter_is_refused(graph):
    with pytest.raises(ZoneKGError, match=r"unknown parameter 'nme'.*takes: name"):
        run(resolve("posts", ROOT), graph, {"nme": "张峰"})


def test_query_variables_skip_iris_strings_and_comments():
    text = '# ?c\nSELECT ?a WHERE { ?a <http://x/y?q=1> "?s" . FILTER EXISTS { ?b ?p \'?t\' } }'
    assert query_variables(text) == {"a", "b", "p"}


# --- query files -----------------------------------------------------------------------------

def test_header_fields_and_continuation_lines():
    nq = parse_header("x", ROOT / "x.rq", "# en: Who\n#     approved it?\n# zh: 谁?\n# returns: a, b\n"
                                          "# param: name — a label\nSELECT ?name WHERE {}")
    assert (nq.question_en, nq.question_zh, nq.returns) == ("Who approved it?", "谁?", "a, b")
    assert nq.params == {"name": "a label"}


def test_resolve_by_name_path_or_text(project):
    assert resolve("leading-industries", project).path == project / "queries" / "leading-industries.rq"
    assert resolve(str(project / "queries" / "plans.rq")).name == "plans"
    assert resolve("SELECT * WHERE { ?s ?p ?o }").name == "<text>"
    with pytest.raises(ZoneKGError, match="no query named 'no-such-query'"):
        resolve("no-such-query", project)


# --- formats ---------------------------------------------------------------------------------

def test_json_is_sparql_results_json(graph, built, project):
    result = cli(project, "query", "gdp-growth-rank", "--format", "json")
    assert result.exit_code == 0, result.output
    from rdflib.query import Result

    parsed = Result.parse(io.StringIO(result.output), format="json")
    assert [str(v) for v in parsed.vars][:3] == ["area", "period", "gdp"]
    row = next(iter(parsed))
    assert row.gdp.toPython() == 4898000000 and str(row.period) == "2024年上半年"
    data = json.loads(result.output)
    assert data["head"]["vars"][0] == "area"
    assert data["results"]["bindings"][0]["period"] == {"type": "literal", "value": "2024年上半年", "xml:lang": "zh"}


def test_csv_header_and_rows(built, project):
    result = cli(project, "query", "talent-workstations", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0] == ["city", "workstation", "establishedBy", "modality", "statement", "sources"]
    assert {r[0] for r in rows[1:]} == {"北京市", "上海市"}
    assert {r[5] for r in rows[1:]} == {"1"}  # one source states each


def test_tsv_uses_ntriples_terms(graph, built, project):
    result = cli(project, "query", "SELECT ?e ?v WHERE { ?e zo:value ?v ; zo:indicator zk:ind-gdp }",
                 "--format", "tsv")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "?e\t?v"
    assert lines[1] == ("<https://w3id.org/zonekg/id/obs-gdp-2024h1>\t"
                        '"4898000000"^^<http://www.w3.org/2001/XMLSchema#decimal>')  # 48.98 亿元, canonical
    # tabs, newlines and quotes in a value are escaped, so one row stays one line
    assert nt_term(ox.Literal('a\t"b"\nc', language="zh")) == '"a\\t\\"b\\"\\nc"@zh'
    lang = cli(project, "query", "zone-approval", "--format", "tsv").output.splitlines()
    assert '"河南省委"@zh' in lang[1] + lang[2]


def test_table_aligns_wide_characters(built, project):
    result = cli(project, "query", "posts")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines()[2:] if line.strip() and not line.startswith("(")]
    positions = set()
    for line in lines:
        bar = line.index("│")
        positions.add(wcswidth(line[:bar]))
    assert len(positions) == 1, result.output  # the first column ends at the same screen column on every row
    assert result.output.rstrip().endswith("(5 rows)")


def test_every_format_of_an_ask_query(graph):
    result = run("ASK { zk:yushang-etdz zo:leadingIndustry zk:ind-new-materials }", graph)
    assert format_result(result, "table") == "true\n"
    assert json.loads(format_result(result, "json"))["boolean"] is True


# --- errors ----------------------------------------------------------------------------------

def test_syntax_error_names_line_and_column(built, project, tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("# en: broken?\nSELECT ?x\nWHERE { ?x ?y }\n", encoding="utf-8")
    result = cli(project, "query", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:3:" in result.output and "line 3, column" in result.output


def test_unknown_parameter_and_format_exit_1(built, project):
    result = cli(project, "query", "posts", "--param", "nme=张峰")
    assert result.exit_code == 1 and "unknown parameter 'nme'" in result.output
    result = cli(project, "query", "posts", "--format", "xlsx")
    assert result.exit_code == 1 and "unknown format" in result.output
    result = cli(project, "query", "posts", "--param", "oops")
    assert result.exit_code == 1 and "NAME=VALUE" in result.output


def test_missing_graph_is_a_clear_error(scratch):
    result = cli(scratch, "query", "leading-industries")
    assert result.exit_code == 1
    assert "no built graph" in result.output and "zonekg build" in result.output


def test_stale_graph_is_reported(built_copy):
    scratch = built_copy
    assert staleness(scratch) is None
    sheet = next((scratch / "graph" / "facts").glob("*.yaml"))
    later = time.time() + 5
    os.utime(sheet, (later, later))
    stale = staleness(scratch)
    assert stale is not None and not stale.missing and "older than" in str(stale)
    result = runner.invoke(app, ["query", "leading-industries", "--root", str(scratch)])
    assert result.exit_code == 0
    assert "older than" in result.output  # a warning, on stderr (mixed into output by CliRunner)


def test_list_shows_every_named_query(built, project):
    result = cli(project, "query", "--list")
    assert result.exit_code == 0
    for name, nq in named_queries(project).items():
        assert f"{name}" in result.output and nq.question_en[:30] in result.output


def test_inferred_flag_is_accepted_without_an_inferred_file(built, project):
    result = cli(project, "query", "leading-industries", "--inferred", "--format", "csv")
    assert result.exit_code == 0
    assert len(result.output.strip().splitlines()) == 5


# --- Python API ------------------------------------------------------------------------------

def test_python_api_returns_readable_dataframe(built, project):
    df = zonekg.query("gdp-growth-rank", graph=built.dataset, root=project)
    assert list(df.columns)[:3] == ["area", "period", "gdp"]
    row = df.iloc[0]
    assert row["gdp"] == 4898000000 and isinstance(row["area"], str)
    assert row["growth"] == pytest.approx(6.6) and row["rank"] == 1
    meta = zonekg.query("source-metadata", graph=built.dataset, root=project)
    published = meta.iloc[0]["published"]
    assert published.year == 2024 and published.hour == 16 and published.utcoffset().total_seconds() == 8 * 3600


def test_python_api_binds_keyword_parameters(built, project):
    df = zonekg.query("posts", graph=built.dataset, root=project, name="张峰")
    assert len(df) == 4 and set(df["person"]) == {"张峰"}


@pytest.mark.slow
def test_load_builds_a_missing_graph(scratch):
    assert staleness(scratch) is not None
    ds = zonekg.load(scratch)
    assert staleness(scratch) is None
    assert (URIRef("https://w3id.org/zonekg/id/yushang-etdz"), None, None) in ds
    assert len(zonekg.query("leading-industries", graph=ds, root=scratch)) == 4
    assert len(zonekg.query("leading-industries", root=scratch)) == 4  # on the store


def test_query_stays_the_function_after_the_engine_is_imported():
    import zonekg.queries.engine  # noqa: F401

    assert callable(zonekg.query) and zonekg.query.__module__ == "zonekg"


# --- one rule for numbers (48.98 亿元 = 4898000000, 6.6 %, rank 1, from sentence 15) -------------

def test_numbers_in_the_table(store, project):
    line = cli(project, "query", "gdp-growth-rank").output.splitlines()[2]
    cells = [c.strip() for c in line.split("│")]
    assert cells[2:7:2] == ["4898000000", "6.6", "1"]


def test_numbers_in_csv_and_json(store, project):
    rows = list(csv.DictReader(io.StringIO(cli(project, "query", "gdp-growth-rank", "--format", "csv").output)))
    assert (rows[0]["gdp"], rows[0]["growth"], rows[0]["rank"]) == ("4898000000", "6.6", "1")
    data = json.loads(cli(project, "query", "gdp-growth-rank", "--format", "json").output)
    row = data["results"]["bindings"][0]
    assert (row["gdp"]["value"], row["growth"]["value"], row["rank"]["value"]) == ("4898000000", "6.6", "1")


def test_numbers_in_why(store, project):
    out = cli(project, "why", "gdp-value").output
    assert "→ 4898000000\n" in out and "4898000000.0" not in out


def test_numbers_in_dataframes(store, project):
    df = zonekg.query("gdp-growth-rank", root=project)
    assert str(df["gdp"].dtype) == "int64" and str(df["rank"].dtype) == "int64"
    assert df.loc[0, "gdp"] == 4898000000 and df.loc[0, "growth"] == pytest.approx(6.6)
    assert "4898000000" in df.to_string() and "e+09" not in df.to_string()


# --- help and listing -------------------------------------------------------------------------

def test_misspelt_query_name_gets_suggestions(project):
    with pytest.raises(ZoneKGError, match=r"did you mean 'gdp-growth-rank'"):
        resolve("gdp-growth-rnak", project)


def test_help_shows_placeholders_not_python_types():
    out = runner.invoke(app, ["query", "--help"], env={"COLUMNS": "200"}).output
    assert "--param NAME=VALUE" in out and "--timeout SECONDS" in out and "--format FORMAT" in out
    assert "list[str]" not in out and "<float>" not in out


def test_list_honours_the_format(project):
    out = cli(project, "query", "--list", "--format", "csv").output
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["query", "question", "params"]
    assert ["posts", named_queries(project)["posts"].question_en, "name"] in rows
