"""Terms a query names that the graph does not have as written are warned about before it runs
(zonekg.queries.terms): misspelt ``zo:``/``zk:`` IRIs with "did you mean", retired and narrowed
terms with what to use instead; and the queries of the previous release still answer, or are warned
by name.  The expected replacements are read from the 0.1.0 → 0.2.0 history (CHANGELOG.md, "Model
changes"), not from the warnings under test."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import zonekg
from tests.helpers import EXAMPLES, FIXTURES, QUERIES, ROOT
from zonekg.model.errors import ChangedTerm, InferredOnlyTerm, RetiredTerm, UnknownTerm
from zonekg.queries.engine import run
from zonekg.queries.named import parse_header
from zonekg.queries.terms import candidate_iris, distance, parsed_iris, suggest

ZO = "https://w3id.org/zonekg/ontology#"
ZK = "https://w3id.org/zonekg/id/"
TIME = "http://www.w3.org/2006/time#"
OLD = FIXTURES / "queries-0.1"

#: What changed under each saved query of 0.1.0, from `git diff 975da385 -- ontology/ graph/facts/`:
#: the term it uses and the term to use now.
CHANGED = {
    "timeline": (TIME + "inXSDDateTimeStamp", TIME + "inXSDDateTime"),
    "zone-approval": (TIME + "inXSDDateTimeStamp", TIME + "inXSDDateTime"),
    "indicators": (TIME + "inXSDDateTimeStamp", TIME + "inXSDDateTime"),
    "policies-by-kind": (ZO + "issued", ZO + "revised"),
    "talent-policy-issuer": (ZO + "issued", ZO + "revised"),
}


def notes_of(text: str, store: Path, **options) -> list:
    nq = parse_header("<text>", Path("<text>"), text)
    return run(nq, store, **options).notes


# --- the cheap look and the real parse -----------------------------------------------------------

def test_candidates_follow_prefix_declarations_and_skip_strings_and_comments() -> None:
    text = ('PREFIX z: <https://w3id.org/zonekg/ontology#>\n'
            'SELECT * WHERE { ?x z:isued ?y ; rdfs:label "zo:notThis" } # zo:norThis')
    found, unsure = candidate_iris(text)
    assert ZO + "isued" in found and not unsure
    assert not {ZO + "notThis", ZO + "norThis"} & found
    assert candidate_iris("BASE <https://w3id.org/zonekg/ontology#> SELECT * { ?x <isued> ?y }")[1]


def test_the_parse_finds_iris_in_paths_values_and_filters() -> None:
    iris = parsed_iris('SELECT * WHERE { VALUES ?p { zo:issued } ?x time:hasBeginning/time:inXSDDateTimeStamp ?d ;'
                       ' ^zo:revised ?y FILTER(?p != zk:modality-achieved) } # zo:inComment')
    assert {ZO + "issued", TIME + "hasBeginning", TIME + "inXSDDateTimeStamp", ZO + "revised",
            ZK + "modality-achieved"} <= iris
    assert ZO + "inComment" not in iris
    assert parsed_iris("SELECT * WHERE { ?x ?y }") is None


def test_distance_counts_edits_and_transpositions() -> None:
    assert distance("isued", "issued", 3) == 1
    assert distance("isseud", "issued", 3) == 1  # a transposition
    assert distance("abc", "xyz", 3) == 3
    assert distance("a", "abcdefgh", 2) == 3  # stops past the limit


def test_suggestions_by_local_name_case_and_label() -> None:
    words = {ZO + "issued": {"出台", "issued"}, ZO + "revised": {"修订", "revised"},
             ZO + "leadingIndustry": {"主导产业", "leading industry"}}
    assert suggest(ZO + "isued", words) == [(ZO + "issued", "出台")]
    assert suggest(ZO + "leading_industry", words)[0][0] == ZO + "leadingIndustry"
    assert suggest(ZO + "出台", words)[0][0] == ZO + "issued"
    assert suggest(ZO + "somethingElse", words) == []


# --- on the store --------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(QUERIES))
def test_current_named_queries_get_no_warning(name: str, store: Path) -> None:
    assert run(QUERIES[name], store, EXAMPLES.get(name, {}), from_text=True).notes == []


def test_a_misspelt_term_is_named_with_a_suggestion(store: Path) -> None:
    (note,) = notes_of("SELECT ?doc WHERE { ?body zo:isued ?doc }", store)
    assert (note.term, note.kind, note.instead) == (ZO + "isued", "unknown", (ZO + "issued",))
    assert note.category is UnknownTerm
    assert "zo:isued" in note.message() and "did you mean zo:issued" in note.message()


def test_a_misspelt_entity_and_a_full_iri(store: Path) -> None:
    (note,) = notes_of("SELECT * WHERE { zk:zhang-fen ?p ?o }", store)
    assert note.instead[0] == ZK + "zhang-feng" and "张峰" in note.message()
    (note,) = notes_of(f"SELECT * WHERE {{ ?s <{ZO}Statment> ?o }}", store)
    assert note.instead[0] == ZO + "Statement"


def test_a_term_in_a_string_or_a_comment_is_no_term(store: Path) -> None:
    assert notes_of('SELECT ?x WHERE { ?x rdfs:label "zo:isued" } # zo:isued', store) == []


def test_retired_terms_say_what_replaces_them(store: Path) -> None:
    (note,) = notes_of("SELECT ?d WHERE { ?t time:inXSDDateTimeStamp ?d }", store)
    assert (note.kind, note.instead, note.version) == ("retired", (TIME + "inXSDDateTime",), "0.2.0")
    assert "time:inXSDDateTimeStamp was retired in 0.2.0: use time:inXSDDateTime" in note.message()
    (note,) = notes_of("SELECT ?s WHERE { ?s a zo:Selector }", store)
    assert (note.kind, note.instead) == ("retired", ("http://www.w3.org/ns/oa#Selector",))


def test_a_narrowed_term_is_named_unless_the_new_one_is_asked_too(store: Path) -> None:
    (note,) = notes_of("SELECT ?doc WHERE { ?body zo:issued ?doc }", store)
    assert (note.kind, note.instead, note.category) == ("narrowed", (ZO + "revised",), ChangedTerm)
    assert notes_of("SELECT ?doc WHERE { ?body zo:issued|zo:revised ?doc }", store) == []


def test_terms_of_the_inferred_graph(store: Path) -> None:
    text = "SELECT ?x WHERE { ?x zo:inIndustry ?i }"
    (note,) = notes_of(text, store)
    assert (note.kind, note.category) == ("inferred-only", InferredOnlyTerm)
    assert notes_of(text, store, inferred=True) == []


def test_the_rdflib_engine_warns_too(built) -> None:
    from zonekg.queries.engine import union_view

    (note,) = notes_of("SELECT ?x WHERE { ?x zo:isued ?y }", union_view(built.dataset))
    assert note.instead == (ZO + "issued",)


def test_the_api_warns_by_class(built, project: Path) -> None:
    with pytest.warns(UnknownTerm, match=r"zo:isued .*did you mean zo:issued"):
        frame = zonekg.query("SELECT ?doc WHERE { ?body zo:isued ?doc }", root=project)
    assert len(frame) == 0
    with pytest.warns(RetiredTerm, match=r"time:inXSDDateTimeStamp was retired in 0.2.0: use time:inXSDDateTime"):
        zonekg.query(str(OLD / "timeline.rq"), root=project)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(zonekg.query("gdp-growth-rank", root=project)) == 1


def test_a_clean_query_does_not_import_rdflib(built, store: Path) -> None:
    """``zonekg query`` must stay light: the term check parses with rdflib only when the cheap look
    found something; the named queries never bring it in."""
    code = ("import sys\nfrom pathlib import Path\nfrom zonekg.queries.engine import _on_store\n"
            "from zonekg.queries.named import named_queries\nfrom zonekg.store.local import open_store\n"
            f"store = open_store(Path({str(store)!r}))\n"
            f"for nq in named_queries(Path({str(ROOT)!r})).values():\n"
            "    if not nq.required:\n        _on_store(nq.text, store, False, False, None)\n"
            "print(any(m.split('.')[0] == 'rdflib' for m in sys.modules))\n"
            "_on_store('SELECT * WHERE { ?x zo:isued ?y }', store, False, False, None)\n"
            "print(any(m.split('.')[0] == 'rdflib' for m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True"]


# --- the previous release's queries ------------------------------------------------------------

def old_queries() -> list[Path]:
    return sorted(OLD.glob("*.rq")) + sorted((OLD / "analyst").glob("*.rq"))


@pytest.mark.parametrize("path", old_queries(), ids=lambda p: p.stem)
def test_queries_of_0_1_answer_or_are_warned_by_name(path: Path, store: Path) -> None:
    nq = parse_header(path.stem, path, path.read_text(encoding="utf-8"))
    result = run(nq, store, EXAMPLES.get(path.stem, {}), from_text=True)
    if path.stem in CHANGED:
        old, new = CHANGED[path.stem]
        assert [(n.term, n.instead) for n in result.notes] == [(old, (new,))], [n.message() for n in result.notes]
    else:
        assert result.notes == [] and len(result) > 0


@pytest.mark.parametrize("name", sorted(CHANGED))
def test_the_changelogs_rewrite_makes_them_answer_without_warning(name: str, store: Path) -> None:
    """CHANGELOG.md: time:inXSDDateTimeStamp → time:inXSDDateTime; ask zo:revised beside zo:issued."""
    path = OLD / f"{name}.rq" if (OLD / f"{name}.rq").is_file() else OLD / "analyst" / f"{name}.rq"
    text = path.read_text(encoding="utf-8")
    text = text.replace("time:inXSDDateTimeStamp", "time:inXSDDateTime")
    text = text.replace("zo:issued,", "zo:issued, zo:revised,").replace("zo:issued zk:", "zo:issued|zo:revised zk:")
    result = run(parse_header(name, path, text), store, EXAMPLES.get(name, {}), from_text=True)
    assert result.notes == [] and len(result) > 0
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    old, new = CHANGED[name]
    for iri in (old, new):
        assert iri.replace(TIME, "time:").replace(ZO, "zo:") in changelog
