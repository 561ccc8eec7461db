"""Asking questions: the named queries of ``queries/``, the engine that runs a query safely (no
network, parameters as terms, a time limit), answers and their formats, entity cards and
``why``, and the one way a name is resolved to an entity.
"""


def __getattr__(name: str) -> object:
    """Names of the 0.1 module ``zonekg.queries``, for one release (:mod:`zonekg.model.moved`)."""
    from zonekg.model.moved import formerly

    return formerly(__name__, name)
