"""The query page's editor (YASGUI, vendored in ``page/vendor/``) and what the front gives it:
its files, the Content-Security-Policy it runs under, the ontology's terms it completes, and the
warnings about terms a query names that the graph does not have.

Kept out of :mod:`zonekg.serve.endpoint` (the HTTP layer) so that the page can change without
touching it: the endpoint serves :data:`PAGE_FILES`, sends :data:`CSP`, answers ``/terms`` with
:func:`terms_json` and adds :func:`warning_headers` to every answer to a query.

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

import http.client
import json
import threading
from typing import Any
from urllib.parse import quote, urlencode

from zonekg.model.prefixes import BASE, INFERRED_GRAPH, PREFIXES
from zonekg.queries.terms import Select, TermNote, term_notes, vocabulary

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
#: Longer queries are not checked (rdflib's parser on a megabyte of text would hold a worker).
MAX_CHECKED = 100_000

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


def child_select(port: int, timeout: float = 10.0) -> Select:
    """``select`` (:mod:`zonekg.queries.terms`) on the endpoint's Oxigraph server."""

    def select(query: str) -> list[tuple[str | None, ...]]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        try:
            conn.request("POST", "/query", urlencode([("query", query)]).encode("utf-8"),
                         {"Content-Type": "application/x-www-form-urlencoded",
                          "Accept": "application/sparql-results+json"})
            resp = conn.getresponse()
            body = resp.read()
        finally:
            conn.close()
        if resp.status != 200:
            raise OSError(f"the store answered {resp.status}: {body[:200].decode('utf-8', 'replace')}")
        doc = json.loads(body)
        names = doc["head"]["vars"]
        return [tuple(b[n]["value"] if n in b else None for n in names) for b in doc["results"]["bindings"]]

    return select


class _Cache:
    """What never changes while a read-only store is served: the term list and the names
    suggestions are made from, per Oxigraph server."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.terms: dict[int, bytes] = {}
        self.vocabularies: dict[int, dict[str, set[str]]] = {}


_cache = _Cache()


def terms_json(port: int) -> bytes:
    """The page's completion list: the project's prefixes and the ontology's terms (classes,
    properties, controlled terms; retired ones left out), each with its Chinese and English label."""
    with _cache.lock:
        if port not in _cache.terms:
            rows = child_select(port)(TERMS % (BASE + "graph/ontology", _ONTOLOGY))
            found: dict[str, dict[str, Any]] = {}
            for iri, kind, zh, en in rows:
                if iri is None:
                    continue
                entry = found.setdefault(iri, {"iri": iri, "kind": kind, "zh": zh or "", "en": en or ""})
                if kind == "class" or entry["kind"] == "individual":
                    entry["kind"] = kind
            terms = sorted(found.values(), key=lambda t: t["iri"])
            _cache.terms[port] = json.dumps({"prefixes": PREFIXES, "terms": terms}, ensure_ascii=False,
                                            sort_keys=True).encode("utf-8")
        return _cache.terms[port]


def _vocabulary(port: int) -> dict[str, set[str]]:
    with _cache.lock:
        if port not in _cache.vocabularies:
            _cache.vocabularies[port] = vocabulary(child_select(port))
        return _cache.vocabularies[port]


def notes_for(port: int, query: str, graphs: list[tuple[str, str]] | tuple = ()) -> list[TermNote]:
    """The term notes for a query sent to the endpoint (its default graph, plus the inferred graph
    when the request names it as a ``default-graph-uri``)."""
    if len(query) > MAX_CHECKED:
        return []
    inferred = any(k == "default-graph-uri" and v == INFERRED_GRAPH for k, v in graphs)
    try:
        return term_notes(query, child_select(port), inferred=inferred, vocabulary_of=lambda: _vocabulary(port))
    except (OSError, ValueError, KeyError):  # the store could not answer the lookup: no notes, the query still runs
        return []


def encode(message: str) -> str:
    """A message as a header value: ASCII, commas and ``%`` percent-encoded (``decodeURIComponent``
    on the page gives it back)."""
    return quote(message, safe=_SAFE)


def warning_headers(port: int, query: str, graphs: list[tuple[str, str]] | tuple = ()) -> dict[str, str]:
    """``{"Zonekg-Warning": "…, …"}`` when the query names terms the graph does not have as written."""
    notes = notes_for(port, query, graphs)
    return {WARNING_HEADER: ", ".join(encode(n.message()) for n in notes)} if notes else {}
