"""``python -m zonekg`` runs the CLI."""

from zonekg.cli.app import app

app(prog_name="zonekg")
