"""The built graph for other programs: a read-only SPARQL endpoint on this machine, and
``zonekg push`` to a store elsewhere through the Graph Store Protocol.
"""


def __getattr__(name: str) -> object:
    """Names of the 0.1 module ``zonekg.serve``, for one release (:mod:`zonekg.model.moved`)."""
    from zonekg.model.moved import formerly

    return formerly(__name__, name)
