"""Queries that try to reach outside the store (SERVICE, FROM, LOAD) or change it (updates), in every
disguise the SPARQL grammar allows, and look-alikes that must run. Shared by the tests of the query
check (tests/queries/test_guard.py) and of the endpoint (tests/serve/test_endpoint_hardening.py);
``{url}`` is the address of a listener the test owns."""

from __future__ import annotations

#: Each must be refused, and must never make a request to ``{url}``.
DISGUISES: list[str] = [
    # plain forms
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
    "SELECT (COUNT(*) AS ?n) FROM <{url}> WHERE {{ ?s ?p ?o }}",
    "SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "LOAD <{url}>",
    "LOAD SILENT <{url}> INTO GRAPH <urn:x:g>",
    "INSERT DATA {{ <urn:x:a> <urn:x:b> <urn:x:c> }}",
    "DELETE DATA {{ <urn:x:a> <urn:x:b> <urn:x:c> }}",
    "DELETE WHERE {{ ?s ?p ?o }}",
    "WITH <urn:x:g> DELETE {{ ?s ?p ?o }} INSERT {{ ?s ?p 1 }} WHERE {{ ?s ?p ?o }}",
    "INSERT {{ ?s ?p ?o }} USING <{url}> WHERE {{ ?s ?p ?o }}",
    "CLEAR ALL", "DROP GRAPH <urn:x:g>", "CREATE GRAPH <urn:x:g>",
    "ADD DEFAULT TO <urn:x:g>", "MOVE <urn:x:g> TO DEFAULT", "COPY DEFAULT TO <urn:x:g>",
    # comments: SPARQL ends one at CR as well as LF
    "SELECT * WHERE {{ #x\rSERVICE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ # comment\r\nSERVICE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * #\rFROM <{url}> WHERE {{ ?s ?p ?o }}",
    "#\rLOAD <{url}>",
    # Unicode whitespace and other characters inside an IRI (U+00A0 and U+3000 are IRI characters)
    "SELECT * WHERE {{ SERVICE <{url}?\u00a0#> {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ SERVICE <{url}?\u3000#> {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ BIND(<urn:\u00a0#> AS ?x) SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ BIND(<urn:\u2028'> AS ?x) SERVICE <{url}> {{ ?a ?b ?c }} }}",
    # escapes in prefixed names and in strings
    "PREFIX e: <urn:e:> SELECT * WHERE {{ ?s e:a\\'b ?o . SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "PREFIX e: <urn:e:> SELECT * WHERE {{ ?s e:a\\\"b ?o . SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "PREFIX e: <urn:e:> SELECT * WHERE {{ ?s e:a\\#b ?o . SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ BIND('it\\'s' AS ?x) SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ BIND(\"\"\"a\"b\"\"\" AS ?x) SERVICE <{url}> {{ ?a ?b ?c }} }}",
    # \\u and \\U escapes, decoded before parsing, anywhere in the text
    "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ \\U00000053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVIC\\u0045 <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * \\u0046ROM <{url}> WHERE {{ ?s ?p ?o }}",
    "\\u004cOAD <{url}>",
    "SELECT * WHERE {{ #\\u000dSERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE \\u003c{url}> {{ ?s ?p ?o }} }}",
    # case, spacing, nesting
    "select * where {{ sErViCe <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE\t<{url}>{{?s ?p ?o}} }}",
    "SELECT * WHERE {{ {{ {{ OPTIONAL {{ {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }} }} }}",
    "SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
    "SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ SERVICE <{url}> {{ ?s ?p ?o }} }} MINUS {{ ?s ?p 1 }} }}",
    "ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "DESCRIBE ?s FROM <{url}> WHERE {{ ?s ?p ?o }}",
    "PREFIX svc: <{url}> SELECT * WHERE {{ SERVICE svc: {{ ?s ?p ?o }} }}",
    "BASE <{url}> SELECT * WHERE {{ SERVICE <> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ BIND(<{url}> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
    # a query and an update in one text
    "SELECT * WHERE {{ ?s ?p ?o }} ; LOAD <{url}>",
]

#: Look-alikes that must run: the words as data, variables, local names and language tags.
HARMLESS: list[str] = [
    'SELECT * WHERE { ?s ?p "x"@with }',
    'SELECT * WHERE { ?s ?p "x"@add }',
    'SELECT * WHERE { ?s ?p "x"@en-service }',
    'SELECT ?from WHERE { ?from <http://x/service> "LOAD FROM SERVICE" . ?x <urn:load> ?y }',
    'PREFIX service: <urn:s:> SELECT ?x WHERE { ?x service:from ?y }',
    'SELECT ?x WHERE { BIND("SERVICE <http://127.0.0.1:1/> {}" AS ?x) } # SERVICE <http://127.0.0.1:1/>',
    'SELECT ?x WHERE { ?x ?p ?o } LIMIT 1',
]
