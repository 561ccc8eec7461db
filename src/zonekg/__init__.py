"""zonekg: a knowledge graph of a Chinese economic development zone, every edge traceable to
the sentence it came from."""

__version__ = "0.1.0"
