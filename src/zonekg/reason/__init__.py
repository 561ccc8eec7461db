"""OWL reasoning: HermiT through owlready2 (or the OWL 2 RL closure of owlrl), an inconsistency
explained from the axioms and the fact sheets, and the inferred graph.
"""


def __getattr__(name: str) -> object:
    """Names of the 0.1 module ``zonekg.reason``, for one release (:mod:`zonekg.model.moved`)."""
    from zonekg.model.moved import formerly

    return formerly(__name__, name)
