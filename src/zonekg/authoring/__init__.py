"""New sources: ``zonekg add`` (take in a text, draft its fact sheet), the drafting rules, and
the review that turns drafts into facts.
"""
