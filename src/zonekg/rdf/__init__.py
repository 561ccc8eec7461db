"""The RDF: the dataset made from checked fact sheets (one named graph per source), the
canonical writers, conversions between rdflib and pyoxigraph, all-or-nothing file writes, and
the forked children that compute in the background.
"""
