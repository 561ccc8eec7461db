"""RDF files as bytes, written by pyoxigraph's serialisers from sorted quads.

Conversions between rdflib and pyoxigraph terms are :mod:`zonekg.rdf.convert`.

Why pyoxigraph and not text edits: its N-Quads, TriG and Turtle writers escape what each format
needs (newlines, quotes, control characters) and keep everything else, so any text that reaches
them (U+2028, U+0085, vertical tab, ...) parses back exactly, in rdflib and in pyoxigraph. The
quads are sorted before writing (graph, subject, predicate, object), so the bytes do not depend
on the order in which rdflib happens to hold them: same triples, same file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from itertools import groupby
from typing import TYPE_CHECKING, Any

from zonekg.model.prefixes import PREFIXES
from zonekg.rdf.convert import subject_key, term_key

if TYPE_CHECKING:
    import pyoxigraph as ox



def graph_bytes(quads: list[ox.Quad]) -> bytes:
    """One named graph's quads (as :func:`to_quads` sorts them) as N-Quads in that order, for the
    build cache: :func:`graph_quads` gives them back already sorted, so that a cached graph is
    neither sorted again nor parsed into rdflib."""
    import pyoxigraph as ox

    return _written(quads, format=ox.RdfFormat.N_QUADS)


def graph_quads(data: bytes) -> list[ox.Quad]:
    """The quads of :func:`graph_bytes`, in the order written."""
    import pyoxigraph as ox

    return list(ox.parse(data, format=ox.RdfFormat.N_QUADS))


def _written(items: Iterable[Any], **options: Any) -> bytes:
    """pyoxigraph's writer without an output file: it returns the bytes."""
    import pyoxigraph as ox

    data = ox.serialize(items, **options)
    if data is None:  # pragma: no cover - only when given an output
        raise TypeError("pyoxigraph.serialize wrote to a file instead of returning bytes")
    return data


@cache
def _prefixes() -> dict[str, str]:
    return {p: str(ns) for p, ns in sorted(PREFIXES.items())}


def nquads(quads: list[ox.Quad]) -> bytes:
    """Sorted N-Quads, one quad a line (line-diffable)."""
    import pyoxigraph as ox

    lines = sorted(quads, key=lambda q: f"{q} .")  # the order of the lines as written
    return _written(lines, format=ox.RdfFormat.N_QUADS)


def nquads_chunk(quads: list[ox.Quad]) -> bytes | None:
    """One graph's part of :func:`nquads`: its lines as the writer writes them, in the order
    :func:`nquads` sorts them; None if a line is not the text :func:`nquads` sorts by.

    Why the check: :func:`nquads` orders quads by ``f"{quad} ."``, and the incremental build
    (:func:`merge_nquads`) orders whole lines. Both orders agree when every written line is
    that text (UTF-8 byte order is code point order), which is verified here for each graph
    rather than assumed; a graph that failed it makes the build serialise from scratch.
    """
    import pyoxigraph as ox

    ordered = sorted(quads, key=lambda q: f"{q} .")
    data = _written(ordered, format=ox.RdfFormat.N_QUADS)
    if data.split(b"\n")[:-1] != [f"{q} .".encode() for q in ordered]:
        return None
    return data


def merge_nquads(chunks: Iterable[bytes]) -> bytes:
    """:func:`nquads` of the union of several graphs, from their :func:`nquads_chunk`: the
    writer's lines, merged into the global line order (no line is made or changed here;
    ``sorted`` finds each chunk's sorted run and merges them). The graphs are distinct, so
    no line occurs twice."""
    lines = sorted(line for chunk in chunks for line in chunk.split(b"\n")[:-1])
    return b"\n".join(lines) + b"\n" if lines else b""


@cache
def trig_header() -> bytes:
    """The prefix lines the TriG writer puts before the first graph (one per prefix)."""
    import pyoxigraph as ox

    probe = ox.NamedNode("urn:zonekg:probe")
    return _head(trig([ox.Quad(probe, probe, probe, probe)]))


def _head(data: bytes) -> bytes:
    """The prefix lines at the start of a TriG or Turtle writer's output (one per prefix, checked)."""
    lines = data.split(b"\n", len(_prefixes()))[:-1]
    if len(lines) != len(_prefixes()) or not all(line.startswith(b"@prefix ") for line in lines):
        raise ValueError("the writer did not start with one @prefix line per prefix")
    return b"\n".join(lines) + b"\n"


def trig_block(quads: list[ox.Quad]) -> bytes:
    """One named graph's block of :func:`trig` (``<g> { ... }``): the writer's output for that
    graph alone, without the prefix lines. TriG writes the graphs of sorted quads one after
    another, so :func:`trig` of several graphs is ``trig_header()`` and their blocks in graph
    order (``tests/test_incremental_outputs.py`` compares the two). An empty graph has none."""
    if not quads:
        return b""
    data = trig(quads)
    header = trig_header()
    if not data.startswith(header):
        raise ValueError("the TriG writer's prefix lines differ from graph to graph")
    return data[len(header):]


def join_trig(blocks: list[bytes]) -> bytes:
    """:func:`trig` of several graphs from their :func:`trig_block`, given in graph order."""
    body = b"".join(blocks)
    return trig_header() + body if body else b""


def trig(quads: list[ox.Quad]) -> bytes:
    """TriG with the project's prefixes, graphs and subjects in sorted order."""
    import pyoxigraph as ox

    return _written(quads, format=ox.RdfFormat.TRIG, prefixes=_prefixes())


def ntriples(quads: list[ox.Quad]) -> bytes:
    """Every graph merged into one (distinct triples), as sorted N-Triples lines."""
    import pyoxigraph as ox

    return _written(sorted({q.triple for q in quads}, key=str), format=ox.RdfFormat.N_TRIPLES)


def turtle(quads: list[ox.Quad]) -> bytes:
    """Every graph merged into one (distinct triples, sorted), as Turtle with the project's prefixes."""
    import pyoxigraph as ox

    triples = {q.triple for q in quads}
    # each distinct term ranked once by term_key: sorting by ranks gives the order term_key gives, without
    # turning every term of every triple into a string again (most terms recur many times)
    terms = {t for triple in triples for t in (triple.subject, triple.predicate, triple.object)}
    rank = {t: i for i, t in enumerate(sorted(terms, key=term_key))}
    ordered = sorted(triples, key=lambda t: (rank[t.subject], rank[t.predicate], rank[t.object]))
    return _written(ordered, format=ox.RdfFormat.TURTLE, prefixes=_prefixes())


@cache
def turtle_header() -> bytes:
    """The prefix lines the Turtle writer puts before the first triple (one per prefix)."""
    import pyoxigraph as ox

    probe = ox.NamedNode("urn:zonekg:probe")
    return _head(turtle([ox.Quad(probe, probe, probe, probe)]))


def _subject_block(triples: Iterable[ox.Triple], ordered: bool = False) -> bytes:
    """The Turtle writer's output for one subject's triples, without the prefix lines:
    ``s p o , o ; p o .`` and its line breaks. The triples are sorted as :func:`turtle` sorts
    them, unless ``ordered`` says they come that way (a graph's quads, :func:`to_quads`)."""
    import pyoxigraph as ox

    if not ordered:
        triples = sorted(triples, key=lambda t: (term_key(t.predicate), term_key(t.object)))
    data = _written(triples, format=ox.RdfFormat.TURTLE, prefixes=_prefixes())
    header = turtle_header()
    if not data.startswith(header):
        raise ValueError("the Turtle writer's prefix lines differ from subject to subject")
    return data[len(header):]


def turtle_chunk(quads: list[ox.Quad]) -> bytes:
    """One named graph's part of :func:`turtle`, for the build cache: each of its subjects'
    Turtle block, written from that graph's triples alone. The Turtle writer ends a subject's
    statement before it starts the next one, so :func:`turtle` is the prefix lines and the
    blocks of every subject in subject order; a subject that several graphs describe is
    written again from the union of their triples (:func:`merge_turtle`). Stored as one line
    of JSON (each subject's text, its block's length and its number of quads) followed by the
    blocks."""
    index, blocks = [], []
    for subject, group in groupby(quads, key=lambda q: q.subject):
        triples = [q.triple for q in group]
        blocks.append(_subject_block(triples, ordered=True))
        index.append([str(subject), len(blocks[-1]), len(triples)])
    return json.dumps(index).encode() + b"\n" + b"".join(blocks)  # the JSON is ASCII, one line


def merge_turtle(chunks: list[bytes], graphs: list[list[ox.Quad]]) -> bytes:
    """:func:`turtle` of the union of several graphs from their :func:`turtle_chunk`
    (``chunks[i]`` made from ``graphs[i]``, whose quads are grouped by subject as when it was
    made: the chunk key is the graph's content). A subject of one graph keeps that graph's
    block; one that several graphs describe is written from the distinct union of its triples
    in those graphs. The blocks are then joined in subject order."""
    owners: dict[str, list[tuple[int, int, int]]] = {}  # subject → (graph, first quad, quads)
    blocks: dict[str, bytes] = {}
    for i, chunk in enumerate(chunks):
        index, _, data = chunk.partition(b"\n")
        offset = start = 0
        for subject, size, count in json.loads(index):
            owners.setdefault(subject, []).append((i, start, count))
            blocks[subject] = data[offset:offset + size]
            offset += size
            start += count
    for subject, where in owners.items():
        if len(where) > 1:
            triples = {q.triple for i, start, count in where for q in graphs[i][start:start + count]}
            blocks[subject] = _subject_block(triples)
    if not blocks:
        return b""
    return turtle_header() + b"".join(blocks[s] for s in sorted(blocks, key=subject_key))
