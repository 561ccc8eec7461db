"""What a name a user types means: the one resolver behind ``zonekg entity``, ``why``,
``viz --around`` and ``explain``, so that every command understands a name the same way.

The rules, in order:

1. an IRI (``<…>`` or ``http(s)://…``) or a CURIE with a known prefix (``zk:shangqiu``) names
   that node, and only it;
2. otherwise an *exact* match, ignoring case, of the node's id (the IRI's last segment,
   ``shangqiu``), a label or an alternative label wins;
3. failing that, the names that *contain* the text (``材料`` → every entity with 材料 in a label).

One match is the answer; none or several is an error that lists what fits (with ids), so that
the user can retry with an id.  The callers differ only in where the candidates come from (the
store, an rdflib graph, a networkx picture).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from zonekg.model.errors import ZoneKGError
from zonekg.model.prefixes import PREFIXES, curie


class AmbiguousName(ZoneKGError):
    """A name that fits several entities; the message lists them."""


class UnknownName(ZoneKGError):
    """A name that fits no entity."""


@dataclass(frozen=True)
class Named:
    """A node a name may mean, as the resolver sees it."""

    key: Any  # what the caller gets back: a pyoxigraph NamedNode, an rdflib URIRef…
    iri: str
    cls: str  # CURIE of its most specific class, "" when it has none
    label_zh: str
    label_en: str
    names: tuple[str, ...] = ()  # every label and alternative label, in any language

    def line(self) -> str:
        return f"{curie(self.iri):40} {self.cls:28} {self.label_zh} / {self.label_en}"


def expand(ident: str) -> str | None:
    """``<iri>``, an http(s) IRI or a CURIE with a known prefix, as an IRI's text; None otherwise."""
    text = ident.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    if text.startswith(("http://", "https://")):
        return text
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and local:
        return PREFIXES[prefix] + local
    return None


def find(name: str, candidates: Iterable[Named], by_iri: Callable[[str], Named | None] | None = None) -> list[Named]:
    """Every node ``name`` may mean, by the rules above, sorted by IRI.

    ``by_iri`` looks one IRI up directly (the store can, without listing every entity); without
    it, an IRI is looked for among the candidates."""
    wanted = name.strip().casefold()
    if not wanted:
        return []
    iri = expand(name)
    if iri is not None:
        if by_iri is not None:
            hit = by_iri(iri)
            return [hit] if hit is not None else []
        return [c for c in candidates if c.iri == iri]
    exact, partial = [], []
    for c in candidates:
        folded = [n.casefold() for n in c.names]
        if c.iri.rsplit("/", 1)[-1].casefold() == wanted or wanted in folded:
            exact.append(c)
        elif any(wanted in n for n in folded):
            partial.append(c)
    return sorted(exact or partial, key=lambda c: c.iri)


def resolve(name: str, candidates: Iterable[Named], by_iri: Callable[[str], Named | None] | None = None,
            field: str = "name") -> Named:
    """The one node ``name`` means; :class:`UnknownName` or :class:`AmbiguousName` (naming ``field``,
    the option or argument the name came from) otherwise."""
    found = find(name, candidates, by_iri)
    if not found:
        raise UnknownName(f"no entity is called '{name}' (give an id, a CURIE, or part of a Chinese or English label)",
                          None, None, field)
    if len(found) > 1:
        listing = "\n".join("  " + c.line() for c in found)
        raise AmbiguousName(f"'{name}' fits {len(found)} entities; give one of their ids:\n{listing}",
                            None, None, field)
    return found[0]
