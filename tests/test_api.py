"""The declared public API (docs/api.md): every name in a public module's ``__all__`` exists, is
documented there, and the old 0.1 paths still import for one release, with a warning."""

from __future__ import annotations

import importlib
import warnings

import pytest

from tests.helpers import ROOT

PUBLIC = ["zonekg", "zonekg.network.graph", "zonekg.network.analysis", "zonekg.network.export",
          "zonekg.network.plotting", "zonekg.model.paths", "zonekg.model.prefixes", "zonekg.model.errors"]
API_DOC = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", PUBLIC)
def test_every_public_name_exists_and_is_documented(name: str) -> None:
    module = importlib.import_module(name)
    assert module.__all__, f"{name} declares no __all__"
    assert f"`{name}`" in API_DOC or name == "zonekg"
    for attr in module.__all__:
        assert hasattr(module, attr), f"{name}.{attr} is in __all__ but does not exist"
        assert attr in API_DOC, f"{name}.{attr} is public but docs/api.md does not name it"


def test_the_root_stays_light() -> None:
    """``import zonekg`` loads neither rdflib nor pandas: the API imports them when called."""
    import subprocess
    import sys

    code = "import sys, zonekg; print(sorted(m for m in ('rdflib', 'pandas', 'pyoxigraph') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(("old", "new"), [("zonekg.analysis", "zonekg.network.analysis"),
                                           ("zonekg.paths", "zonekg.model.paths"),
                                           ("zonekg.sparql", "zonekg.queries.engine"),
                                           ("zonekg.build", "zonekg.rdf.dataset")])
def test_old_module_paths_import_with_a_warning(old: str, new: str) -> None:
    with pytest.warns(DeprecationWarning, match=f"{old} moved to {new}"):
        module = importlib.import_module(old)
    assert module is importlib.import_module(new)


def test_an_old_name_of_a_module_now_a_package_still_works() -> None:
    from zonekg.network.graph import to_networkx

    with pytest.warns(DeprecationWarning, match="zonekg.network.to_networkx moved to zonekg.network.graph"):
        import zonekg.network

        old = zonekg.network.to_networkx
    assert old is to_networkx
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        from zonekg.network import analysis  # a module of the package: no warning
    assert analysis.__name__ == "zonekg.network.analysis"
