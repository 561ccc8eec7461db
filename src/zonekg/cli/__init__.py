"""The ``zonekg`` command line: one module per stage, each listing its commands in ``COMMANDS``.

Heavy libraries are imported inside each command's function, so that ``zonekg --help`` and a
quick ``zonekg query`` stay fast (docs/engine.md#the-zonekg-query-command)."""

from __future__ import annotations

from zonekg.cli import authoring, build, network, notebooks, query, reason, serve, views
from zonekg.cli.app import app

for _module in (build, query, views, network, reason, notebooks, serve, authoring):
    for _command in _module.COMMANDS:
        app.add_command(_command)

__all__ = ["app"]
