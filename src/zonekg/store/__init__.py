"""The Oxigraph store the build writes beside its RDF files (``build/oxigraph``), and the
build's N-Quads parsed into rdflib for those who want rdflib's API.
"""


def __getattr__(name: str) -> object:
    """Names of the 0.1 module ``zonekg.store``, for one release (:mod:`zonekg.model.moved`)."""
    from zonekg.model.moved import formerly

    return formerly(__name__, name)
