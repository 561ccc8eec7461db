"""The build's N-Quads parsed into rdflib, for those who want rdflib's API with the terms exactly
as built (``zonekg.load()``, the exports, the SHACL and reasoning steps of a reused build).

Parsed from the N-Quads rather than copied from the store because Oxigraph normalises literals
as it stores them (oxigraph issue 526)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from zonekg.model import paths
from zonekg.model.errors import BuildDamaged, NotBuilt
from zonekg.model.paths import NQUADS_FILES
from zonekg.model.prefixes import PREFIXES

if TYPE_CHECKING:
    from rdflib import Dataset


def read_graph(root: Path, inferred: bool = False, drafts: bool = False) -> Dataset:
    """The built dataset as an rdflib Dataset whose default graph is the union of its named graphs,
    parsed from ``build/zone.nq`` (and ``inferred.nq``, ``drafts.nq`` on request); no build.

    Parsed from the N-Quads rather than copied from the store because Oxigraph normalises literals
    as it stores them (``xsd:nonNegativeInteger`` → ``xsd:integer``, ``xsd:dateTimeStamp`` →
    ``xsd:dateTime``, oxigraph issue 526): same values, other terms.  ``zonekg.load()`` and the exports
    get the terms exactly as built (cards, ``why``, ``explain`` and the network read the store)."""
    from rdflib import Dataset

    build = paths.build_dir(root)
    built = build / NQUADS_FILES[0]
    if not built.is_file():
        raise NotBuilt(f"no built graph: {built} does not exist: run `zonekg build` first")
    ds = Dataset(default_union=True)
    if drafts and not (build / NQUADS_FILES[2]).is_file():
        raise NotBuilt("no drafts were built: run `zonekg build --drafts` first", build / NQUADS_FILES[2])
    for name, wanted in zip(NQUADS_FILES, (True, inferred, drafts), strict=True):
        if wanted and (build / name).is_file():
            try:
                ds.parse(build / name, format="nquads")
            except Exception as exc:  # rdflib's parsers raise assorted exception types
                raise BuildDamaged(f"the build file is damaged ({exc}): rebuild with `zonekg build`",
                                  build / name) from None
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True)
    return ds
