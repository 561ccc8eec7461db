"""The graph as networkx: the entity picture with its evidence, network analyses told with the
article's sentences, exports for Gephi and RDF tools, and charts with Chinese labels.
"""


def __getattr__(name: str) -> object:
    """Names of the 0.1 module ``zonekg.network``, for one release (:mod:`zonekg.model.moved`)."""
    from zonekg.model.moved import formerly

    return formerly(__name__, name)
