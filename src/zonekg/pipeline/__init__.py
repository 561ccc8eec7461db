"""``zonekg build``: fact sheets → RDF → SHACL → steps (reasoning, the view) → files, all or
nothing, incremental through a cache, with its summary.

Named ``pipeline`` rather than ``build`` because tools skip folders named ``build`` by default
(ruff, pytest's collection, the usual .gitignore), which would hide this code from them.
"""


def __getattr__(name: str) -> object:
    """Names of the 0.1 module ``zonekg.pipeline``, for one release (:mod:`zonekg.model.moved`)."""
    from zonekg.model.moved import formerly

    return formerly(__name__, name)
