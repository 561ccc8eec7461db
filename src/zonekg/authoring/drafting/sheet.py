"""The draft as a fact sheet: the format people already review, every item ``review: draft``,
each with a comment saying which rule proposed it.  Written with ruamel.yaml, the same
round-trip library the review command uses, so that comments and order survive review.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from zonekg.authoring.drafting import Draft
from zonekg.authoring.drafting.text import quote_fields

HEADER = """\
Fact sheet DRAFTED by `zonekg add` from {text} — nothing here is reviewed yet.

Every entity, time, statement and no_fact entry below carries `review: draft`. The build
refuses drafts (`zonekg build --drafts` builds them apart, in the named graph
<https://w3id.org/zonekg/graph/drafts/{id}>, marked unreviewed). Go through them with
`zonekg review {id}` (accept, edit, drop, sentence by sentence) and see what is left with
`zonekg review {id} --status`.
The comment after each item names the rule that proposed it. Ids are placeholders
(class-number) except where a name matched an entity already in the graph: that id is reused,
with the labels of the sheet that defines it. English labels marked "untranslated:" need one.
Fields: see the header of graph/facts/yushang-etdz-2024-09-29.yaml and docs/adding-sources.md.
"""


@dataclass
class SourceInfo:
    id: str
    text_path: str  # relative to graph/facts/
    sha256: str
    title_zh: str
    title_en: str


def pyyaml_safe(value):
    """A string that YAML 1.1 (PyYAML, which reads fact sheets) would take for something else
    — ``16:36`` is a sexagesimal number there, ``yes`` a boolean — quoted; anything else as is."""
    if not isinstance(value, str):
        return value
    import yaml
    from ruamel.yaml.scalarstring import SingleQuotedScalarString

    tag = yaml.resolver.Resolver().resolve(yaml.ScalarNode, value, (True, False))
    return value if tag == "tag:yaml.org,2002:str" else SingleQuotedScalarString(value)


def render(draft: Draft, source: SourceInfo) -> str:
    """The draft fact sheet as YAML text."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    def entry(fields: dict, rule: str | None) -> CommentedMap:
        m = CommentedMap()
        for k, v in fields.items():
            if not k.startswith("_"):
                m[k] = pyyaml_safe(v)
        m["review"] = "draft"
        if rule:
            m.yaml_add_eol_comment(f"draft: {rule}", "review")
        return m

    doc = CommentedMap()
    src = CommentedMap()
    src["id"] = source.id
    src["text"] = source.text_path
    src["sha256"] = source.sha256
    src["language"] = "zh"
    title = CommentedMap()
    title["zh"] = source.title_zh
    title["en"] = source.title_en
    src["title"] = title
    doc["source"] = src

    times = CommentedSeq()
    seen: set[str] = set()
    for t in draft.times:
        if t.id in seen:
            continue
        seen.add(t.id)
        fields = {"id": t.id, "zh": t.zh, "en": t.en, **quote_fields(draft.text, t.start, t.end)}
        if t.derivation:
            fields["derivation"] = t.derivation
        times.append(entry(fields, "date or period resolved against the publication date"))
    doc["times"] = times

    entities = CommentedSeq()
    for e in draft.entities:
        entities.append(entry(e, e.get("_rule")))
    doc["entities"] = entities

    statements = CommentedSeq()
    covered: set[int] = set()
    for st in draft.statements:
        statements.append(entry(st.fields, st.rule))
        covered.update(s.index for s in draft.sentences if s.start <= st.start < s.end)
    doc["statements"] = statements

    no_fact = CommentedSeq()
    for s in draft.sentences:
        if s.index not in covered:
            no_fact.append(entry({**quote_fields(draft.text, s.start, s.end),
                                  "reason": "draft: no statement was drafted from this sentence"},
                                 f"sentence {s.index}: add statements, or give the reason it carries none"))
    doc["no_fact"] = no_fact
    doc.yaml_set_start_comment(HEADER.format(text=source.text_path, id=source.id))
    for key in ("times", "entities", "statements", "no_fact"):
        doc.yaml_set_comment_before_after_key(key, before="\n")

    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    buf = io.StringIO()
    yaml.dump(doc, buf)
    return buf.getvalue()
