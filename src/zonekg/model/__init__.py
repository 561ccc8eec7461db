"""What every stage shares: user errors, the project's prefixes and namespaces, where its files
are, and the ontology as the checks see it.  Imports nothing else of zonekg.
"""
