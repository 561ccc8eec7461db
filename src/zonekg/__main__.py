"""``python -m zonekg`` runs the CLI."""

from .cli import app

app(prog_name="zonekg")
