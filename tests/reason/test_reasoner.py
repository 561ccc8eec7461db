"""Reasoning: consistency, the inferred graph, the two engines, explained contradictions.

Expected inferences come from reading the article: Zhang Feng holds four posts (示范区党工委书记、
管委会主任, 豫商经济技术开发区党工委副书记、管委会主任); the start-up area lies in the zone, which
lies in Shangqiu; the Hengyuantong aluminium-based project is listed in the province's 双百工程 and
is brought in under new materials (the article does not put aluminium-based products under new
materials, so neither does the reasoner); the platform company was set up by the committee.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import OWL, RDF, Dataset, Graph, Literal
from rdflib.namespace import SKOS, XSD

from zonekg.model.errors import ZoneKGError
from zonekg.model.namespaces import INFERRED_GRAPH, ORG, ZK, ZO
from zonekg.pipeline.steps import REASON
from zonekg.reason import reasoner as R

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reason"
NEEDS_JAVA = pytest.mark.skipif(
    shutil.which("java") is None and os.environ.get("CI") != "true",
    reason="HermiT needs Java; not installed here (CI=true never skips)",
)

#: What OWL 2 RL can draw too: transitivity, inverses, the post chain, subclass and defined-class types.
EXPECTED = {
    (ZK["startup-area"], ZO.locatedIn, ZK.shangqiu),
    (ZK.shangqiu, ZO.containsPlace, ZK["startup-area"]),
    (ZK["cluster-new-materials"], ZO.locatedIn, ZK["yushang-etdz"]),
    (ZK["zhang-feng"], ORG.holds, ZK["post-yushang-mc-director"]),
    (ZK["yushang-mc"], ORG.hasPost, ZK["post-yushang-mc-director"]),
    (ZK["yushang-etdz"], ZO.administeredBy, ZK["yushang-mc"]),
    (ZK["yushang-etdz"], ZO.administeredBy, ZK["yushang-pwc"]),
    (ZK["ind-nev"], SKOS.broaderTransitive, ZK["ind-advanced-equipment"]),
    (ZK["proj-hengyuantong"], ZO.inIndustry, ZK["ind-new-materials"]),
    (ZK["proj-hengyuantong"], ZO.inIndustry, ZK["ind-aluminium"]),
    (ZK["yushang-dev-invest"], RDF.type, ZO.StateOwnedCompany),
    (ZK["proj-hengyuantong"], RDF.type, ZO.ListedProject),
    (ZK["zhang-feng"], RDF.type, ZO.ZoneOfficial),
    (ZK["yushang-mc"], RDF.type, ORG.Organization),
} | {(ZK["zhang-feng"], ZO.heldPostIn, ZK[body]) for body in ("yushang-mc", "yushang-pwc", "demo-mc", "demo-pwc")}

#: Things that must NOT be inferred: the Futian head holds a post in a company, not in a zone body;
#: the talent workstations are set up by the committee but are not companies.
NOT_EXPECTED = {
    (ZK["futian-head"], RDF.type, ZO.ZoneOfficial),
    (ZK["ws-beijing"], RDF.type, ZO.StateOwnedCompany),
    (ZK["proj-land-port"], RDF.type, ZO.ListedProject),
    # special vehicles join the NEV cluster; they are not a kind of NEV (nor of advanced equipment)
    (ZK["ind-special-vehicles"], SKOS.broaderTransitive, ZK["ind-nev"]),
    (ZK["ind-special-vehicles"], SKOS.broaderTransitive, ZK["ind-advanced-equipment"]),
    # the aluminium-based project is under new materials; aluminium-based products are not said to be
    (ZK["ind-new-materials"], SKOS.narrowerTransitive, ZK["ind-aluminium"]),
}


@pytest.fixture(scope="session")
def root(project: Path) -> Path:
    return project


@pytest.fixture(scope="session")
def hermit(built, root):
    if shutil.which("java") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but no java on the PATH")
        pytest.skip("HermiT needs Java; not installed here")
    return R.reason(built, root, "hermit")


@pytest.fixture(scope="session")
def owlrl_run(built, root):
    return R.reason(built, root, "owlrl")


def asserted(built) -> Graph:
    g = Graph()
    for s, p, o, _ in built.dataset.quads():
        g.add((s, p, o))
    return g


@pytest.mark.java
@NEEDS_JAVA
def test_hermit_finds_the_expected_inferences(hermit) -> None:
    assert hermit.engine == "hermit"
    missing = EXPECTED - hermit.inferred
    assert not missing, f"HermiT missed: {sorted(missing)}"
    wrong = NOT_EXPECTED & hermit.inferred
    assert not wrong, f"HermiT inferred what does not follow: {sorted(wrong)}"


def test_owlrl_finds_the_expected_inferences(owlrl_run) -> None:
    assert owlrl_run.engine == "owlrl"
    missing = EXPECTED - owlrl_run.inferred
    assert not missing, f"the OWL 2 RL closure missed: {sorted(missing)}"
    assert not NOT_EXPECTED & owlrl_run.inferred


@pytest.mark.java
@NEEDS_JAVA
def test_engines_agree_on_what_owl_rl_can_draw(hermit, owlrl_run) -> None:
    """Every entity-level conclusion of the RL closure is a HermiT conclusion too."""
    only_rl = owlrl_run.inferred - hermit.inferred
    assert not only_rl, f"owlrl infers what HermiT does not: {sorted(only_rl)[:10]}"


def test_inferences_are_new_and_not_trivial(owlrl_run, built) -> None:
    graph = asserted(built)
    again = {t for t in owlrl_run.inferred if t in graph}
    assert not again, f"already asserted: {sorted(again)[:5]}"
    trivial = {t for t in owlrl_run.inferred if t[2] in (OWL.Thing, OWL.NamedIndividual) or t[1] == OWL.sameAs}
    assert not trivial, sorted(trivial)[:5]
    plumbing = {t for t in owlrl_run.inferred if "/statement/" in t[0] or "/char/" in t[0] or "/sentence/" in t[0]}
    assert not plumbing, sorted(plumbing)[:5]


def test_build_writes_the_inferred_graph_apart(built) -> None:
    """build/inferred.* hold one named graph, the inferred one; the asserted files never mention it."""
    ds = Dataset()
    ds.parse(data=built.files["inferred.trig"].decode("utf-8"), format="trig")
    names = {g.identifier for g in ds.graphs() if len(g)}
    assert names == {INFERRED_GRAPH}
    inferred = {(s, p, o) for s, p, o, _ in ds.quads()}
    assert EXPECTED <= inferred, f"missing from build/inferred.trig: {sorted(EXPECTED - inferred)}"
    assert str(INFERRED_GRAPH).encode() not in built.files["zone.nq"]
    assert not inferred & set(asserted(built))
    nq = built.files["inferred.nq"].decode("utf-8").splitlines()
    assert nq == sorted(nq) and len(nq) == len(inferred)
    assert all(line.endswith(f"<{INFERRED_GRAPH}> .") for line in nq)


def test_inferred_files_are_byte_reproducible() -> None:
    triples = [(ZK[f"x{i}"], ZO.locatedIn, ZK[f"y{i % 3}"]) for i in range(20)]
    first = R.inferred_files(set(triples))
    second = R.inferred_files(set(reversed(triples)))
    assert first == second


def test_reasoner_sees_entities_not_plumbing(built) -> None:
    data = R.entity_data(built.dataset)
    assert not set(data.subjects(RDF.type, ZO.Statement))
    assert not set(data.subjects(RDF.type, ZO.Sentence))
    assert (ZK["startup-area"], ZO.locatedIn, ZK["yushang-etdz"]) in data


def test_reported_only_leaves_out_plans(built) -> None:
    """The chemical project is in the zone only as a plan (待化工园区批复后即可开建)."""
    everything = R.entity_data(built.dataset)
    reported = R.entity_data(built.dataset, reported_only=True)
    planned = (ZK["proj-chemical-materials"], ZO.inZone, ZK["yushang-etdz"])
    assert planned in everything and planned not in reported
    assert (ZK["startup-area"], ZO.locatedIn, ZK["yushang-etdz"]) in reported


def test_datatype_outside_the_owl2_map_is_refused() -> None:
    g = Graph()
    g.add((ZK["zone-approval"], ZO.dateTime, Literal("2023-02-01", datatype=XSD.date)))
    with pytest.raises(ZoneKGError) as err:
        R.check_datatypes(g)
    assert "xsd:date" in str(err.value) and "zk:zone-approval" in str(err.value)
    ok = Graph()
    ok.add((ZK.x, ZO.value, Literal("48.98", datatype=XSD.decimal)))
    ok.add((ZK.x, ZO.text, Literal("文本", lang="zh")))
    R.check_datatypes(ok)


def test_auto_engine_falls_back_without_java(monkeypatch) -> None:
    monkeypatch.setattr(R, "java_path", lambda: None)
    engine, notes = R.choose_engine("auto")
    assert engine == "owlrl" and "java" in notes[0]
    with pytest.raises(ZoneKGError, match="Java"):
        R.choose_engine("hermit")
    with pytest.raises(ZoneKGError, match="unknown"):
        R.choose_engine("pellet")


def _cli(*args: str):
    from zonekg.cli.app import app

    return CliRunner().invoke(app, list(args))


@pytest.mark.slow
@pytest.mark.java
@NEEDS_JAVA
def test_contradiction_fails_with_an_explanation(root) -> None:
    """The territory typed as its committee: a Place and an Organization, which are disjoint."""
    out = _cli("reason", "--root", str(root), "--data", str(FIXTURES / "territory-as-committee.ttl"))
    assert out.exit_code == 1
    text = out.output
    assert "inconsistent" in text
    assert "zk:yushang-etdz is both zo:Place and org:Organization" in text
    assert "owl:AllDisjointClasses" in text and re.search(r"zone\.ttl:\d+", text)
    assert "asserted rdf:type zo:ManagementCommittee" in text


@pytest.mark.slow
def test_contradiction_fails_on_the_owlrl_path_too(root) -> None:
    out = _cli("reason", "--root", str(root), "--engine", "owlrl",
               "--data", str(FIXTURES / "territory-as-committee.ttl"))
    assert out.exit_code == 1
    assert "zk:yushang-etdz is both zo:Place and org:Organization" in out.output


@pytest.mark.slow
def test_data_file_that_adds_the_clash_is_named(root) -> None:
    """The --data file is blamed (its line 7 types the territory as a committee), not the fact sheet."""
    fixture = FIXTURES / "territory-as-committee.ttl"
    line = fixture.read_text(encoding="utf-8").splitlines().index("zk:yushang-etdz a zo:ManagementCommittee .") + 1
    out = _cli("reason", "--root", str(root), "--engine", "owlrl", "--data", str(fixture))
    assert out.exit_code == 1
    assert out.output.startswith(f"error: {fixture}:{line}: --data: ")
    assert f"asserted rdf:type zo:ManagementCommittee, a subclass of org:Organization [from {fixture}:{line}]" \
        in out.output
    assert ".yaml" not in out.output.splitlines()[0]


def test_missing_data_file_is_named(root, tmp_path: Path) -> None:
    out = _cli("reason", "--root", str(root), "--engine", "owlrl", "--data", str(tmp_path / "nope.ttl"))
    assert out.exit_code == 1
    assert out.output == f"error: {tmp_path / 'nope.ttl'}: --data: no such file\n"


def test_summary_says_where_the_triples_went() -> None:
    triples = {(ZK["startup-area"], ZO.locatedIn, ZK.shangqiu)}
    build = R.summary_lines(R.Reasoning("owlrl", triples, 1.0))[0]
    assert "1 new triple in graph" in build and "build/inferred.trig" in build
    plain = R.summary_lines(R.Reasoning("owlrl", triples, 1.0), written=False)[0]
    assert "nothing written" in plain and "zonekg build" in plain
    what_if = R.summary_lines(R.Reasoning("owlrl", triples, 1.0, reported_only=True, extra_files=["x.ttl"]),
                              written=False)[0]
    assert "achieved and ongoing statements only" in what_if and "x.ttl" in what_if
    assert "nothing written" in what_if and "build/inferred.trig" not in what_if


@pytest.mark.slow
def test_reported_only_writes_nothing(built, root) -> None:
    before = {p.name: p.stat().st_mtime_ns for p in (root / "build").iterdir()}
    out = _cli("reason", "--root", str(root), "--engine", "owlrl", "--reported-only")
    assert out.exit_code == 0, out.output
    assert "achieved and ongoing statements only (a what-if: nothing written)" in out.output
    assert "build/inferred.trig" not in out.output
    assert out.output.startswith("reasoning (OWL 2 RL closure (owlrl), ")  # no spinner when not on a terminal
    assert {p.name: p.stat().st_mtime_ns for p in (root / "build").iterdir()} == before


def test_bad_datatype_fixture_fails_before_reasoning(root) -> None:
    out = _cli("reason", "--root", str(root), "--engine", "owlrl", "--data", str(FIXTURES / "date-literal.ttl"))
    assert out.exit_code == 1
    assert "xsd:date is not in the OWL 2 datatype map" in out.output


@pytest.mark.slow
def test_build_fails_on_a_contradictory_fact_sheet(scratch: Path, monkeypatch) -> None:
    """An entity typed in two disjoint classes in the fact sheet stops ``zonekg build``."""
    from zonekg.pipeline.run import run_build

    monkeypatch.setattr(R, "java_path", lambda: None)  # the fast path; the HermiT path is tested above
    sheet = next((scratch / "graph" / "facts").glob("*.yaml"))
    text = sheet.read_text(encoding="utf-8")
    block = re.search(r"  - id: yushang-etdz\n    type: (\w+)\n", text)
    assert block, "fixture: the zone entity moved in the fact sheet"
    text = text.replace(block.group(0), f"  - id: yushang-etdz\n    type: [{block.group(1)}, Person]\n")
    sheet.write_text(text, encoding="utf-8")
    with pytest.raises(ZoneKGError) as err:
        run_build(scratch, steps=(REASON,))
    assert "zk:yushang-etdz is both zo:Place and zo:Person" in str(err.value)
    assert not (scratch / "build" / "inferred.trig").exists()


FAILING_JAVA = """#!/bin/sh
echo "NOTE: Picked up JDK_JAVA_OPTIONS: $JDK_JAVA_OPTIONS" >&2
echo "java was started with: $JDK_JAVA_OPTIONS" >&2
exit 3
"""


def test_the_jvm_gets_the_short_run_options_and_the_users_own_last(tmp_path: Path, monkeypatch) -> None:
    """Through JDK_JAVA_OPTIONS (owlready2 builds the command line); the launcher's note about
    the variable is not part of the error a user reads."""
    java = tmp_path / "bin" / "java"
    java.parent.mkdir()
    java.write_text(FAILING_JAVA)
    java.chmod(0o755)
    monkeypatch.setenv("PATH", f"{java.parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("JDK_JAVA_OPTIONS", "-XX:TieredStopAtLevel=4")
    g = Graph()
    g.add((ZK["a"], RDF.type, OWL.NamedIndividual))
    with pytest.raises(ZoneKGError) as failure:
        R.run_hermit(g)
    message = str(failure.value)
    assert message.startswith("HermiT failed: ")
    assert "java was started with: -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:TieredStopAtLevel=4" in message
    assert "NOTE: Picked up" not in message


def test_an_ill_typed_literal_in_data_is_one_error_line_without_rdflib_warning(project, tmp_path):
    """rdflib logs "Failed to convert Literal lexical form" with a traceback; the user sees one line."""
    from click.testing import CliRunner

    from zonekg.cli import app

    bad = tmp_path / "bad.ttl"
    bad.write_text('<urn:x:a> <urn:x:b> "abc"^^<http://www.w3.org/2001/XMLSchema#integer> .\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["reason", "--data", str(bad), "--root", str(project)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f'error: {bad}: --data: "abc"^^<http://www.w3.org/2001/XMLSchema#integer> is not a valid xsd:integer']
