"""The module paths of zonekg 0.1, kept for one release (CHANGELOG.md, "Moved").

0.2 moved the flat modules into packages by stage.  So that notebooks and scripts written for
0.1 keep running while their authors update them, ``import zonekg.analysis`` finds
``zonekg.network.analysis`` (and so on for every old module), and a name of an old module that
is now a package (``zonekg.network.to_networkx``) is looked up where it lives now.  Each use
warns (DeprecationWarning) with the new path.  Everything here goes in 0.3.

The new modules are imported by name (``importlib``), on purpose: this table is not part of the
architecture, and the layers contract (pyproject.toml) should not see it as a dependency.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Sequence
from importlib.abc import Loader, MetaPathFinder
from importlib.machinery import ModuleSpec
from types import ModuleType

#: Old module → its new home.  ``import zonekg.analysis`` still works, with a DeprecationWarning.
MOVED = {
    "add": "authoring.add", "analysis": "network.analysis", "build": "rdf.dataset", "cache": "pipeline.cache",
    "cards": "queries.cards", "cli_add": "cli.authoring", "cli_network": "cli.network",
    "cli_notebooks": "cli.notebooks", "cli_query": "cli.query", "cli_reason": "cli.reason", "cli_serve": "cli.serve",
    "cli_viz": "cli.views", "docs": "views.ontology_docs", "drafting": "authoring.drafting", "errors": "model.errors",
    "export": "network.export", "factsheet": "facts.reader", "fileio": "rdf.files", "graphs": "rdf.convert",
    "multisource": "facts.shared", "namespaces": "model.namespaces", "notebooks": "views.notebooks",
    "ontology": "model.ontology", "overlap": "pipeline.parallel", "paths": "model.paths",
    "plotting": "network.plotting", "prefixes": "model.prefixes", "procs": "rdf.children", "push": "serve.push",
    "quantities": "facts.numbers", "rdfout": "rdf.serialise", "report": "pipeline.report",
    "results": "queries.answers", "review": "authoring.review", "sources": "facts.sources",
    "sparql": "queries.engine", "validate": "pipeline.shacl", "viz": "views.graph_page",
}
#: Old modules whose name is now a package: their names are looked up in the module that holds them now.
FORMERLY = {"network": "network.graph", "reason": "reason.reasoner", "store": "store.local",
            "serve": "serve.endpoint", "facts": "facts.check", "queries": "queries.named",
            "pipeline": "pipeline.run"}


def _warn(old: str, new: str, stacklevel: int) -> None:
    import warnings

    warnings.warn(f"{old} moved to {new} in zonekg 0.2; the old path goes in 0.3 (CHANGELOG.md)",
                  DeprecationWarning, stacklevel=stacklevel)


class _MovedFinder(MetaPathFinder):
    """Finds ``zonekg.<old module>`` and hands out the module that holds its code now."""

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None,
                  ) -> ModuleSpec | None:
        package, _, old = fullname.partition(".")
        if package != "zonekg" or old not in MOVED:
            return None
        return ModuleSpec(fullname, _MovedLoader(f"zonekg.{MOVED[old]}"))


class _MovedLoader(Loader):
    def __init__(self, new: str) -> None:
        self.new = new

    def create_module(self, spec: ModuleSpec) -> ModuleType:
        _warn(spec.name, self.new, 2)
        return importlib.import_module(self.new)

    def exec_module(self, module: ModuleType) -> None:
        """Nothing to run: the module is the one at its new path, already imported."""


def formerly(package: str, name: str) -> object:
    """An attribute of a package that was a module in 0.1 (``zonekg.network.to_networkx``), from
    the module that holds it now; the package's ``__getattr__`` calls this."""
    old = package.removeprefix("zonekg.")
    if importlib.util.find_spec(f"{package}.{name}") is not None:  # a module of the package: no old name
        return importlib.import_module(f"{package}.{name}")
    if old in FORMERLY and not name.startswith("__"):
        module = importlib.import_module(f"zonekg.{FORMERLY[old]}")
        if hasattr(module, name):
            _warn(f"{package}.{name}", f"{module.__name__}.{name}", 4)
            return getattr(module, name)
    raise AttributeError(f"module {package!r} has no attribute {name!r}")


def install() -> None:
    """Let ``import zonekg.<old module>`` find the module at its new path (once per process)."""
    import sys

    if not any(isinstance(f, _MovedFinder) for f in sys.meta_path):
        sys.meta_path.append(_MovedFinder())
