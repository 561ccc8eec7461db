"""Make a large dataset from the article's: its source graph replicated with renamed IRIs.

Usage: python benchmarks/make_big_graph.py BUILD_NQ OUT_NQ [--copies N]

Copy 0 is the article as built; copy i renames the source, its named graph, its sentences and
evidence spans, its statements and the entities it mentions (``…/id/futian-zhilan`` →
``…/id/futian-zhilan-c7``).  Vocabularies (modalities, units, statuses, indicators, industries
named in the ontology), times and the ontology graph stay shared, as they would be across real
sources.  Terms are read and written by pyoxigraph (exact terms, sorted N-Quads), never by
editing RDF text; 179 copies give about a million quads.
"""

from __future__ import annotations

import argparse
from pathlib import Path

BASE = "https://w3id.org/zonekg/"


def replicate(nquads: bytes, copies: int) -> bytes:
    """The article's quads plus ``copies - 1`` renamed copies of every source graph, as N-Quads."""
    import pyoxigraph as ox

    return b"".join(ox.serialize(chunk, format=ox.RdfFormat.N_QUADS) for chunk in _copies(nquads, copies))


def replicate_to(nquads: bytes, copies: int, out: Path) -> int:
    """The same quads as :func:`replicate`, written to ``out`` one copy at a time (for ten million
    quads, which would not fit in memory as Python objects at once); returns the number of quads."""
    import pyoxigraph as ox

    count = 0
    with out.open("wb") as f:
        for chunk in _copies(nquads, copies):
            f.write(ox.serialize(chunk, format=ox.RdfFormat.N_QUADS))
            count += len(chunk)
    return count


def _copies(nquads: bytes, copies: int):
    """The article's quads, then each renamed copy of its source graphs, as lists of quads."""
    import pyoxigraph as ox

    quads = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    mentioned = ox.NamedNode(BASE + "ontology#mentionedIn")
    entities = {q.subject.value for q in quads if q.predicate == mentioned}
    sources = {q.graph_name.value for q in quads
               if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value.startswith(BASE + "graph/")
               and not q.graph_name.value.endswith(("/ontology", "/inferred"))}
    source_ids = [g.removeprefix(BASE + "graph/") for g in sources]

    def renamer(i: int):
        def rename(term):
            if not isinstance(term, ox.NamedNode):
                return term
            v = term.value
            if v in entities:
                return ox.NamedNode(f"{v}-c{i}")
            for sid in source_ids:
                for stem in (f"{BASE}graph/{sid}", f"{BASE}source/{sid}", f"{BASE}id/statement/{sid}"):
                    if v == stem or v.startswith(stem + "/"):
                        return ox.NamedNode(f"{stem}-c{i}{v[len(stem):]}")
            return term
        return rename

    yield quads
    own = [q for q in quads if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in sources]
    for i in range(1, copies):
        rename = renamer(i)
        yield [ox.Quad(rename(q.subject), rename(q.predicate), rename(q.object), rename(q.graph_name)) for q in own]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build_nq", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--copies", type=int, default=179)
    args = parser.parse_args()
    count = replicate_to(args.build_nq.read_bytes(), args.copies, args.out)
    print(f"wrote {args.out} ({count} quads)")


if __name__ == "__main__":
    main()
