# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.7
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 1 · A tour of the Yushang zone graph
#
# On 29 September 2024 the *Shangqiu Daily* (商丘日报) ran a report on the **Yushang Economic and
# Technological Development Zone** (豫商经济技术开发区), a zone in Shangqiu, Henan, approved in
# February 2023. This project turns that one article into a knowledge graph: every entity and every
# relation rests on a verbatim quote of the article, and the graph keeps, for each fact, the
# sentence it came from and whether it is **achieved**, **ongoing**, **planned**, **targeted**, an
# **aspiration** or somebody's **claim**.
#
# This notebook is the tour: we load the graph, count what is in it, look at the ontology's
# classes, ask questions in SPARQL and get pandas DataFrames back, draw up an entity card, and
# follow one fact back to its sentence, character by character.

# %%
import pandas as pd

import zonekg
from zonekg.model import paths
from zonekg.network.graph import to_networkx

pd.set_option("display.max_colwidth", 60)
pd.set_option("display.width", 160)

root = paths.project_root()  # this checkout, or the folder named by $ZONEKG_ROOT
graph = zonekg.store_graph(root)  # the build's store (built first if missing or out of date)
named_graphs = zonekg.query("""
SELECT ?graph (COUNT(*) AS ?triples) WHERE {
  GRAPH ?graph { ?s ?p ?o }
  FILTER(?graph != <https://w3id.org/zonekg/graph/inferred>
         && !STRSTARTS(STR(?graph), "https://w3id.org/zonekg/graph/drafts/"))
} GROUP BY ?graph ORDER BY ?graph
""", root=root)  # what the build stated: the inferred graph and drafts left out
print("project:", root.name, "| triples:", named_graphs["triples"].sum())

# %% [markdown]
# ## The article
#
# The source itself is in the graph, with its title, date, reporter and outlet. The article was
# received as a repost on an industrial-park portal (工业园网); the graph says so too.

# %%
zonekg.query("source-metadata").T

# %% [markdown]
# ## What is in the graph
#
# The build writes one **named graph** per source, plus one for the ontology. Everything the
# article says lives in the source's graph.

# %%
named_graphs.rename(columns={"graph": "named graph"})

# %% [markdown]
# Entities per class: the article names bodies (committees, governments, party committees),
# places, companies, projects, industries, plans, policies and goals.

# %%
PREFIXES = """
PREFIX zo: <https://w3id.org/zonekg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
per_class = zonekg.query(PREFIXES + """
SELECT ?class ?classZh (COUNT(DISTINCT ?entity) AS ?entities) WHERE {
  ?entity zo:mentionedIn ?source ; a ?c .
  ?c rdfs:label ?classZh . FILTER(lang(?classZh) = "zh")
  BIND(REPLACE(STR(?c), "^.*[#/]", "") AS ?class)
} GROUP BY ?class ?classZh ORDER BY DESC(?entities) ?class
""")
print(per_class["entities"].sum(), "typed entities in", len(per_class), "classes")
per_class.head(15)

# %% [markdown]
# Every fact is a **statement**: a direct triple *and* a node that records its modality and its
# evidence. How do the statements split between what is reported and what is intended?

# %%
modalities = zonekg.query(PREFIXES + """
SELECT ?modality ?broader (COUNT(?st) AS ?statements) WHERE {
  ?st a zo:Statement ; zo:modality ?m .
  ?m rdfs:label ?modality . FILTER(lang(?modality) = "en")
  OPTIONAL { ?m skos:broader/rdfs:label ?broader . FILTER(lang(?broader) = "en") }
} GROUP BY ?modality ?broader ORDER BY DESC(?statements)
""")
print(modalities["statements"].sum(), "statements")
modalities

# %% [markdown]
# ## The ontology's classes
#
# The ontology (`ontology/zone.ttl`, prefix `zo:`) names each class in Chinese and English and
# places it under broader classes, its own or those of standard vocabularies (W3C ORG, PROV,
# OWL-Time, SKOS). Here are its classes with how many entities of the article belong to each: the
# classes with none are there for other articles (and for the reasoner).

# %%
classes = zonekg.query(PREFIXES + """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?class ?zh ?en ?super (COUNT(DISTINCT ?entity) AS ?instances) WHERE {
  ?c a owl:Class . FILTER(STRSTARTS(STR(?c), STR(zo:)))
  ?c rdfs:label ?zh . FILTER(lang(?zh) = "zh")
  ?c rdfs:label ?en . FILTER(lang(?en) = "en")
  OPTIONAL { ?c rdfs:subClassOf ?super . FILTER(isIRI(?super)) }
  OPTIONAL { ?entity a ?c ; zo:mentionedIn ?source . }
  BIND(REPLACE(STR(?c), "^.*[#/]", "") AS ?class)
} GROUP BY ?class ?zh ?en ?super ORDER BY ?class ?super
""")
# IRIs come back as CURIEs; one row per class, its broader classes joined
classes = (classes.fillna({"super": ""})
           .groupby(["class", "zh", "en", "instances"], as_index=False)["super"].agg(", ".join)
           .rename(columns={"super": "subClassOf"}))
print(len(classes), "classes in the zo: namespace,", (classes["instances"] > 0).sum(), "with entities in this article")
classes

# %% [markdown]
# ## Asking questions: SPARQL into DataFrames
#
# The project ships **named queries** in `queries/`, each starting with the question it answers.
# `zonekg.query(name, **params)` runs one and returns a DataFrame; parameters are bound as RDF terms,
# never pasted into the query text.

# %%
questions = []
for path in sorted((root / "queries").glob("*.rq")):
    first = next((line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# en:")), "")
    questions.append((path.stem, first.removeprefix("# en:").strip()))
pd.DataFrame(questions, columns=["query", "question"])

# %% [markdown]
# Who approved the zone, and when?

# %%
zonekg.query("zone-approval")

# %% [markdown]
# Which are the zone's “3+1” leading industries, and which cluster area is set aside for each?

# %%
zonekg.query("leading-industries")

# %% [markdown]
# A question of our own, with a parameter: what does the management committee *pursue*, and how
# firmly? (`actor` is bound to the committee's IRI.)

# %%
pursues = zonekg.query(PREFIXES + """
SELECT ?what ?modality ?sentence WHERE {
  ?st zo:subject ?actor ; zo:predicate zo:pursues ; zo:object ?o ; zo:modality ?m ; zo:evidence ?ev .
  ?o rdfs:label ?what . FILTER(lang(?what) = "zh")
  ?m rdfs:label ?modality . FILTER(lang(?modality) = "en")
  ?ev zo:inSentence/zo:sentenceIndex ?sentence .
} ORDER BY ?sentence ?what
""", actor="zk:yushang-mc")
pursues

# %% [markdown]
# ## An entity card: 河南福田智蓝新能源汽车公司
#
# The article opens at the plant of **Henan Futian Zhilan**, a new-energy-vehicle maker. The
# networkx view of the graph (`zonekg.network.to_networkx`) folds each statement into an edge that
# carries its modality and evidence, which makes a compact card: who the entity is, and every
# relation in or out with the sentence behind it.

# %%
nx_graph = to_networkx(graph)
ZK = "https://w3id.org/zonekg/id/"


def card(entity_id: str) -> pd.DataFrame:
    """Every relation of one entity: direction, property, the other end, modality, sentences."""
    from rdflib import URIRef

    node = URIRef(ZK + entity_id)
    data = nx_graph.nodes[node]
    print(f"{data['label_zh']} / {data['label_en']}")
    print(f"class: {data['cls']} ({data['cls_label_zh']} / {data['cls_label_en']})")
    rows = []
    for direction, edges in (("→", nx_graph.out_edges(node, data=True)), ("←", nx_graph.in_edges(node, data=True))):
        for u, v, d in edges:
            other = v if direction == "→" else u
            rows.append({
                "direction": direction, "property": f"{d['label_zh']} {d['label_en']}",
                "other": nx_graph.nodes[other]["label_zh"], "modality": ", ".join(d["modalities"]),
                "sentences": " ".join(str(i) for i in sorted({e.sentence_index for e in d["evidence"]})),
            })
    return pd.DataFrame(rows).sort_values(["direction", "property", "other"], ignore_index=True)


card("futian-zhilan")

# %% [markdown]
# Read the card with the modalities in mind: that the company makes new energy vehicles and
# produced Shangqiu's first locally made car is **achieved**; its capacity of 120,000 vehicles a
# year by the end of 2024 and the supplier cluster are **claimed** by the company's head, not
# reported as done.

# %% [markdown]
# ## Following a fact back to its sentence
#
# Take the zone's GDP in the first half of 2024. The statement `gdp-value` records the value and,
# through its evidence, the exact quote and its code-point offsets in the source text.

# %%
evidence = zonekg.query("statement-evidence", id="gdp-value")
evidence.T

# %% [markdown]
# The offsets point into the article file itself. Cut the text there and we get the quote back,
# character for character; the sentence around it is sentence number `sentenceIndex`.

# %%
source_text = next((root / "graph" / "sources").glob("*.zh.txt")).read_text(encoding="utf-8")
row = evidence.iloc[0]
start, end = int(row["quoteStart"]), int(row["quoteEnd"])
assert source_text[start:end] == row["quote"], "the offsets must point at the quote"
print("value   :", row["value"], "(", row["property"], ")")
print("quote   :", source_text[start:end])
print("sentence:", row["sentence"].replace(row["quote"], f"【{row['quote']}】"))

# %% [markdown]
# Some facts are not said in so many words but **derived**, and the graph says how. The stage
# years of the “一二三五” goal are an example: the article gives only “year one, two, three,
# five”, and the director's remark that 2024 is year two.

# %%
zonekg.query("derived-statements")[["statement", "property", "value", "derivation"]]

# %% [markdown]
# ## Where next
#
# - **02-structure** asks who is central in the zone, how industries, projects and companies hang
#   together, and shows the interactive graph.
# - **03-goals-indicators** sets the goals on a timeline, weighs what is planned against what is
#   achieved, and measures how much of the article the graph covers.
