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

    out = list(quads)
    own = [q for q in quads if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in sources]
    for i in range(1, copies):
        rename = renamer(i)
        out += [ox.Quad(rename(q.subject), rename(q.predicate), rename(q.object), rename(q.graph_name)) for q in own]
    return ox.serialize(out, format=ox.RdfFormat.N_QUADS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build_nq", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--copies", type=int, default=179)
    args = parser.parse_args()
    args.out.write_bytes(replicate(args.build_nq.read_bytes(), args.copies))
    print(f"wrote {args.out} ({sum(1 for _ in args.out.open('rb'))} quads)")


if __name__ == "__main__":
    main()
