"""Fact sheets: reading the YAML with its line numbers, checking every fact against its source
text and the ontology, the sources and their sentences, Chinese numbers, and which items are
still drafts.  The stage before RDF: nothing here makes a triple.
"""


def __getattr__(name: str) -> object:
    """Names of the 0.1 module ``zonekg.facts``, for one release (:mod:`zonekg.model.moved`)."""
    from zonekg.model.moved import formerly

    return formerly(__name__, name)
