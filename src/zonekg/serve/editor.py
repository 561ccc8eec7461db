"""The query page's editor (YASGUI, vendored in ``page/vendor/``) and what the front gives it:
its files, the Content-Security-Policy it runs under, the ontology's terms it completes, and the
warnings about terms a query names that the graph does not have.

Kept out of :mod:`zonekg.serve.endpoint` (the HTTP layer) so that the page can change without
touching it: the endpoint serves :data:`PAGE_FILES`, sends :data:`CSP`, answers ``/terms`` with
:func:`terms_json` and adds :func:`warning_headers` (the notes the worker made) to every answer to a
query.

**Why the CSP says what it says.** The page and YASGUI come from this server only
(``default-src 'none'``, ``script-src 'self'``, ``connect-src 'self'``, ``img-src 'self'``: no CDN, no
network, no eval; YASGUI's bundle carries an ``eval`` fallback of an old JSON polyfill that browsers
with ``JSON`` never reach).  One relaxation, because YASGUI needs it: ``style-src-elem 'self'
'unsafe-inline'``.  The table's column resizer (column-resizer, bundled in YASGUI) adds a ``<style>``
element for its grips to each result table, with the table's random id in it, so no hash can name it
in advance; Chromium refused it under ``style-src 'self'`` (tested in tests/serve/test_endpoint_browser.py,
which fails on any console error).  Only ``<style>`` *elements* are allowed inline: inline ``style``
attributes stay refused (``style-src 'self'`` applies to them), and inline *scripts* and event
handlers stay forbidden, so markup that slipped into a result could at most restyle the page, never
run anything (and values are escaped before they reach it anyway).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from zonekg.model.prefixes import BASE, PREFIXES
from zonekg.queries.terms import Select

#: The page's files (``page/`` beside this module), by the path the browser asks for.
PAGE_FILES = {
    "/": ("serve.html", "text/html; charset=utf-8"),
    "/serve.js": ("serve.js", "text/javascript; charset=utf-8"),
    "/serve.css": ("serve.css", "text/css; charset=utf-8"),
    "/vendor/yasgui.min.js": ("vendor/yasgui.min.js", "text/javascript; charset=utf-8"),
    "/vendor/yasgui.min.css": ("vendor/yasgui.min.css", "text/css; charset=utf-8"),
}

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; style-src-elem 'self' 'unsafe-inline'; "
       "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")

#: The response header that carries the term warnings (one message each, comma-separated,
#: percent-encoded so that a comma or a Chinese label in a message survives).
WARNING_HEADER = "Zonekg-Warning"

_ONTOLOGY = BASE + "ontology"
_SAFE = "".join(chr(c) for c in range(0x20, 0x7F) if chr(c) not in "%,")

TERMS = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?t ?kind ?zh ?en WHERE {
  GRAPH <%s> {
    { VALUES (?type ?kind) { (owl:Class "class") (owl:ObjectProperty "property") (owl:DatatypeProperty "property")
                             (owl:AnnotationProperty "property") }
      ?t a ?type }
    UNION { ?t rdfs:isDefinedBy <%s> ; a ?c . ?c a owl:Class . BIND("individual" AS ?kind)
            FILTER(?c != <https://w3id.org/zonekg/ontology#TermChange>) }
    FILTER(isIRI(?t))
    FILTER NOT EXISTS { ?t owl:deprecated true }
    OPTIONAL { ?t rdfs:label ?zh FILTER(LANG(?zh) = "zh") }
    OPTIONAL { ?t rdfs:label ?en FILTER(LANG(?en) = "en") }
  }
}"""


def terms_json(select: Select) -> bytes:
    """The page's completion list: the project's prefixes and the ontology's terms (classes,
    properties, controlled terms; retired ones left out), each with its Chinese and English label.
    ``select`` runs a SELECT of ours on the store (the endpoint's: through a worker)."""
    rows = select(TERMS % (BASE + "graph/ontology", _ONTOLOGY))
    found: dict[str, dict[str, Any]] = {}
    for iri, kind, zh, en in rows:
        if iri is None:
            continue
        entry = found.setdefault(iri, {"iri": iri, "kind": kind, "zh": zh or "", "en": en or ""})
        if kind == "class" or entry["kind"] == "individual":
            entry["kind"] = kind
    terms = sorted(found.values(), key=lambda t: t["iri"])
    return json.dumps({"prefixes": PREFIXES, "terms": terms}, ensure_ascii=False, sort_keys=True).encode("utf-8")


def encode(message: str) -> str:
    """A message as a header value: ASCII, commas and ``%`` percent-encoded (``decodeURIComponent``
    on the page gives it back)."""
    return quote(message, safe=_SAFE)


def warning_headers(messages: list[str]) -> dict[str, str]:
    """``{"Zonekg-Warning": "…, …"}`` for the term notes of a query (the worker that ran it made them,
    :func:`zonekg.queries.pool.evaluate`); none when every term is as the graph has it."""
    return {WARNING_HEADER: ", ".join(encode(m) for m in messages)} if messages else {}
