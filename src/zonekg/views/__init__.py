"""Pages a person opens: the interactive graph (``build/zone.html``) and the drafts' page, the
ontology's documentation, and the notebooks run headless.
"""
