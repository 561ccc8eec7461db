"""What the front gives the query page (zonekg.serve.editor): the vendored YASGUI files as recorded,
the CSP, the ontology's terms for completion, and the ``Zonekg-Warning`` header that names a term
the graph does not have as written — a misspelt one, and the three saved queries of 0.1.0 that
issue 21 found answering 0 rows."""

from __future__ import annotations

import hashlib
import json
import re
import urllib.parse
from importlib import resources
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, QUERIES, Server, http, with_store
from zonekg.serve import editor

OLD = FIXTURES / "queries-0.1"
VENDOR = Path(str(resources.files("zonekg.serve").joinpath("page", "vendor")))


def test_the_vendored_files_are_the_ones_the_readme_records() -> None:
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    for name in ("yasgui.min.js", "yasgui.min.css"):
        digest = hashlib.sha256((VENDOR / name).read_bytes()).hexdigest()
        assert f"| `{name}` | `{digest}` |" in readme, name
    assert "MIT License" in (VENDOR / "yasgui.LICENSE-MIT").read_text(encoding="utf-8")


def test_every_page_file_is_in_the_package() -> None:
    for name, _media in editor.PAGE_FILES.values():
        assert resources.files("zonekg.serve").joinpath("page", name).is_file(), name


def test_the_csp_relaxes_inline_style_elements_only() -> None:
    directives = dict(d.strip().split(" ", 1) for d in editor.CSP.split(";"))
    assert directives["script-src"] == "'self'" and directives["connect-src"] == "'self'"
    assert directives["style-src"] == "'self'"  # style attributes: refused
    assert directives["style-src-elem"] == "'self' 'unsafe-inline'"  # the table's column resizer
    assert directives["default-src"] == "'none'" and "unsafe-eval" not in editor.CSP


def test_a_message_survives_the_header_encoding() -> None:
    message = "zo:isued is not a term; did you mean zo:issued (出台)? a, b % c"
    encoded = editor.encode(message)
    assert encoded.isascii() and "," not in encoded
    assert urllib.parse.unquote(encoded) == message


# --- over HTTP --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def server(built, project: Path):
    srv = Server(with_store(project))
    yield srv
    srv.close()


def warnings_of(headers: dict[str, str]) -> list[str]:
    value = headers.get(editor.WARNING_HEADER)
    return [urllib.parse.unquote(m) for m in value.split(", ")] if value else []


def ask(server: Server, query: str) -> tuple[int, dict[str, str], bytes]:
    return http(server.sparql + "?" + urllib.parse.urlencode({"query": query}),
                headers={"Accept": "application/sparql-results+json"})


@pytest.mark.server
def test_a_misspelt_term_gets_a_warning_header(server) -> None:
    status, headers, body = ask(server, "PREFIX zo: <https://w3id.org/zonekg/ontology#>\n"
                                        "SELECT ?doc WHERE { ?body zo:isued ?doc }")
    assert status == 200 and json.loads(body)["results"]["bindings"] == []  # a warning, not a refusal
    (message,) = warnings_of(headers)
    assert message.startswith("zo:isued is not a term of the zonekg ontology")
    assert "did you mean zo:issued (出台)?" in message


@pytest.mark.server
@pytest.mark.parametrize(("path", "old", "new"), [
    (OLD / "timeline.rq", "time:inXSDDateTimeStamp", "time:inXSDDateTime"),
    (OLD / "zone-approval.rq", "time:inXSDDateTimeStamp", "time:inXSDDateTime"),
    (OLD / "analyst" / "talent-policy-issuer.rq", "zo:issued", "zo:revised"),
], ids=lambda v: v.stem if isinstance(v, Path) else None)
def test_the_three_broken_queries_of_0_1_get_a_named_warning(server, path: Path, old: str, new: str) -> None:
    status, headers, body = ask(server, path.read_text(encoding="utf-8"))
    assert status == 200 and json.loads(body)["results"]["bindings"] == []
    (message,) = warnings_of(headers)
    assert message.startswith(f"{old} ") and f"use {new}" in message


@pytest.mark.server
def test_current_queries_get_no_warning(server) -> None:
    for name in ("zone-approval", "policies-by-kind", "timeline"):
        status, headers, _ = ask(server, QUERIES[name].text)
        assert status == 200 and editor.WARNING_HEADER not in headers, name
    status, headers, _ = http(server.url + "run/posts?name=" + urllib.parse.quote("张峰"),
                              headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and editor.WARNING_HEADER not in headers


@pytest.mark.server
def test_terms_for_completion(server) -> None:
    status, headers, body = http(server.url + "terms")
    assert status == 200 and headers["Content-Type"] == "application/json"
    doc = json.loads(body)
    assert doc["prefixes"]["zo"] == "https://w3id.org/zonekg/ontology#"
    terms = {t["iri"]: t for t in doc["terms"]}
    zo, zk = doc["prefixes"]["zo"], doc["prefixes"]["zk"]
    assert (terms[zo + "issued"]["zh"], terms[zo + "issued"]["en"], terms[zo + "issued"]["kind"]) == \
        ("出台", "issued", "property")
    assert terms[zo + "Company"]["kind"] == "class"
    assert terms[zk + "modality-achieved"]["kind"] == "individual"
    assert "http://www.w3.org/ns/org#Post" in terms  # the reused terms the ontology declares
    assert zo + "Selector" not in terms  # retired: not offered


@pytest.mark.server
def test_the_page_and_its_editor_are_served_under_the_csp(server) -> None:
    status, headers, body = http(server.url)
    assert status == 200 and headers["Content-Security-Policy"] == editor.CSP
    page = body.decode("utf-8")
    assert re.findall(r'<script src="([^"]+)"', page) == ["/vendor/yasgui.min.js", "/serve.js"]
    assert "<script>" not in page and "http" not in re.sub(r"<p>.*?</p>", "", page, flags=re.S)
    status, headers, body = http(server.url + "vendor/yasgui.min.js")
    assert (status, headers["Content-Type"]) == (200, "text/javascript; charset=utf-8")
    assert body == (VENDOR / "yasgui.min.js").read_bytes()
