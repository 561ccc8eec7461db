"""Every RDF file the build writes parses back, in rdflib and in pyoxigraph, to exactly the quads
of build/zone.nq; every evidence selector re-finds its text in the article, in every file; text
with line separators and control characters survives; the bytes do not depend on hash seeds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from tests.helpers import copy_project
from zonekg.model.namespaces import OA
from zonekg.rdf.convert import to_ox, to_quads
from zonekg.rdf.serialise import nquads, trig, turtle

FORMATS = {".trig": ("trig", ox.RdfFormat.TRIG), ".nq": ("nquads", ox.RdfFormat.N_QUADS),
           ".ttl": ("turtle", ox.RdfFormat.TURTLE)}
DEFAULT = "DEFAULT"


def _name(term) -> str:
    return str(term) if not isinstance(term, (BNode, ox.BlankNode)) else "_:"


_PARSED: dict[tuple[str, Path], list[tuple]] = {}


def cached(parse, path: Path) -> list[tuple]:
    """Each file parsed once per parser for the whole module (parsing is the slow part)."""
    key = (parse.__name__, path)
    if key not in _PARSED:
        _PARSED[key] = parse(path)
    return _PARSED[key]


def by_rdflib(path: Path, data: bytes | None = None) -> list[tuple]:
    """(s, p, o, g) as rdflib terms; g is DEFAULT for a triple file."""
    fmt = FORMATS[path.suffix][0]
    if fmt == "turtle":
        g = Graph().parse(data=data if data is not None else path.read_bytes(), format="turtle")
        return [(s, p, o, DEFAULT) for s, p, o in g]
    ds = Dataset()
    ds.parse(data=data if data is not None else path.read_bytes(), format=fmt)
    return [(s, p, o, g.identifier if isinstance(g, Graph) else g) for s, p, o, g in ds.quads((None, None, None, None))]


def by_oxigraph(path: Path, data: bytes | None = None) -> list[tuple]:
    """(s, p, o, g) converted to rdflib terms, so both parsers are compared the same way."""

    def back(term):
        if isinstance(term, ox.NamedNode):
            return URIRef(term.value)
        if isinstance(term, ox.BlankNode):
            return BNode(term.value)
        if isinstance(term, ox.DefaultGraph):
            return DEFAULT
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))

    quads = ox.parse(data if data is not None else path.read_bytes(), format=FORMATS[path.suffix][1])
    return [tuple(back(t) for t in (q.subject, q.predicate, q.object, q.graph_name)) for q in quads]


def same_quads(got: list[tuple], want: list[tuple], merge: bool = False) -> None:
    """Equal as RDF: ground quads compared term by term (in pyoxigraph's canonical N-Triples form),
    quads with blank nodes per graph by isomorphism."""

    def split(quads):
        ground, blank = set(), {}
        for s, p, o, g in quads:
            g = DEFAULT if merge else g
            if isinstance(s, BNode) or isinstance(o, BNode):
                blank.setdefault(str(g), Graph()).add((s, p, o))
            else:
                ground.add((str(to_ox(s)), str(to_ox(p)), str(to_ox(o)), str(g)))
        return ground, blank

    (g1, b1), (g2, b2) = split(got), split(want)
    assert g1 == g2, (sorted(g1 - g2)[:3], sorted(g2 - g1)[:3])
    assert b1.keys() == b2.keys()
    for key in b1:
        assert isomorphic(b1[key], b2[key]), key


def written(project: Path) -> list[Path]:
    build = project / "build"
    return [*sorted(p for p in build.iterdir() if p.suffix in FORMATS), project / "graph" / "zone.trig"]


@pytest.mark.slow
def test_every_file_parses_back_to_the_quads_of_zone_nq(built, project: Path):
    build = project / "build"
    files = written(project)
    assert {p.name for p in files} >= {"zone.trig", "zone.nq", "zone.ttl", "inferred.trig", "inferred.nq"}
    asserted = cached(by_oxigraph, build / "zone.nq")
    inferred = cached(by_oxigraph, build / "inferred.nq")
    same_quads(cached(by_rdflib, build / "zone.nq"), asserted)
    # ... and zone.nq is exactly what the build made in memory
    memory = built.dataset.quads((None, None, None, None))
    same_quads([(s, p, o, getattr(g, "identifier", g)) for s, p, o, g in memory], asserted)
    for path in files:
        want = inferred if path.name.startswith("inferred") else asserted
        for parse in (by_rdflib, by_oxigraph):
            got = cached(parse, path)
            if path.suffix == ".ttl":
                same_quads(got, want, merge=True)
            else:
                same_quads(got, want)


def test_every_selector_refinds_its_text_in_every_file(built, project: Path, article: str):
    build = project / "build"
    for path in (build / "zone.trig", build / "zone.nq", build / "zone.ttl", project / "graph" / "zone.trig"):
        for parse in (by_rdflib, by_oxigraph):
            quads = cached(parse, path)
            parts: dict = {}
            for s, p, o, _g in quads:
                if p in (OA.prefix, OA.exact, OA.suffix):
                    parts.setdefault(s, {})[p] = str(o)
            assert len(parts) > 150, path
            missing = [s for s, d in parts.items() if d[OA.prefix] + d[OA.exact] + d[OA.suffix] not in article]
            assert not missing, (path, parse.__name__, missing[:3])


def test_decimals_have_one_lexical_form_everywhere(built, project: Path):
    # 48.98 亿元 is 4898000000: written as "4898000000.0"^^xsd:decimal in every file, never "4898000000"
    for path in written(project):
        if path.name.startswith("zone"):
            for parse in (by_rdflib, by_oxigraph):
                values = {str(o) for _s, _p, o, _g in cached(parse, path)
                          if isinstance(o, Literal) and str(o.datatype).endswith("#decimal")}
                assert "4898000000.0" in values and "6.6" in values, path
                assert all("." in v for v in values), (path, values)


HOSTILE = "行一\u2028行二\u2029段\x85下\x0b竖\x0c页\x1c文\x1d组\x1e记\r回\n新\t制\"引\\反 \ufeff‮"


@pytest.mark.parametrize("suffix", [".trig", ".nq", ".ttl"])
def test_any_text_round_trips(suffix: str):
    quads = [(URIRef("https://w3id.org/zonekg/id/x"), URIRef("https://w3id.org/zonekg/ontology#noteText"),
              Literal(HOSTILE, lang="zh"), URIRef("https://w3id.org/zonekg/graph/s")),
             (URIRef("https://w3id.org/zonekg/id/x"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
              Literal(HOSTILE), URIRef("https://w3id.org/zonekg/graph/s"))]
    write = {".trig": trig, ".nq": nquads, ".ttl": turtle}[suffix]
    data = write(to_quads(quads))
    for parse in (by_rdflib, by_oxigraph):
        got = parse(Path("x" + suffix), data)
        texts = sorted((str(o), o.language or "") for _s, _p, o, _g in got)
        assert texts == [(HOSTILE, ""), (HOSTILE, "zh")], parse.__name__


@pytest.mark.slow
def test_bytes_do_not_depend_on_the_hash_seed(built, project: Path, tmp_path: Path):
    root = copy_project(tmp_path / "p")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-m", "zonekg", "build", "--core", "-q", "--root", str(root)],
                   check=True, env=env, capture_output=True)
    for name in ("zone.trig", "zone.nq", "zone.ttl"):
        assert (root / "build" / name).read_bytes() == (project / "build" / name).read_bytes(), name
