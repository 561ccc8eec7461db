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
# # 2 · The zone's structure: who drives it, what it builds
#
# The article names some 130 entities: bodies, places, companies, projects, industries, plans,
# policies and goals. Which of them hold the picture together? This notebook reads the graph as a
# **network** (`zonekg.network`, `zonekg.analysis`): centrality tells who is connected to most and
# who sits between the others; the industry tree shows what the zone builds; communities show which
# entities hang together; and `explain` tells how any two entities are connected, sentence by
# sentence. At the end the interactive graph is embedded, to explore by hand.
#
# Analyses run on the **entity graph**: statuses, units, roles and kinds are left out (a status
# shared by five projects is not a hub), and each statement is folded into an edge that keeps its
# modality and its evidence sentences.

# %%
import html
from collections import Counter

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from IPython.display import HTML, display

import zonekg
from zonekg.model import paths
from zonekg.model.prefixes import curie
from zonekg.network import analysis
from zonekg.network.graph import to_networkx
from zonekg.network.plotting import use_cjk_font

use_cjk_font()  # Chinese labels in charts (Noto Sans CJK SC on Debian: fonts-noto-cjk)
pd.set_option("display.max_colwidth", 70)
pd.set_option("display.width", 160)

root = paths.project_root()
G = to_networkx(zonekg.store_graph(root))  # from the build's store (built first if missing or out of date)
E = analysis.entity_graph(G)
print(f"whole graph: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges; "
      f"entity graph: {E.number_of_nodes()} entities, {E.number_of_edges()} relations")

# %% [markdown]
# ## Who is central
#
# **Degree** counts an entity's relations; **betweenness** is the share of shortest paths between
# other entities that pass through it: a high value marks a bridge, an entity the rest of the
# graph goes through.

# %%
central = analysis.centrality(G)
central[["label_zh", "label_en", "cls", "degree", "neighbours", "betweenness"]].head(15)

# %%
top = central.head(12).iloc[::-1]
fig, (left, right) = plt.subplots(1, 2, figsize=(12, 5.5), sharey=True)
left.barh(top["label_zh"], top["degree"], color="#4C72B0")
left.set_title("度 degree (relations)")
right.barh(top["label_zh"], top["betweenness"], color="#DD8452")
right.set_title("介数中心性 betweenness")
for ax in (left, right):
    ax.grid(axis="x", alpha=0.3)
fig.suptitle("豫商经济技术开发区: the most connected entities")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## Why these two
#
# The article says 豫商经济技术开发区 both for the **territory** and for the **management committee**
# that runs it; the graph keeps them apart. The committee is the actor: it adopts the goals, pursues
# the plans and programmes, follows the principles, issues the policies. The territory is what the
# statistics, the cluster areas and the leading industries are about. Counting their relations by
# property shows the split.

# %%
def relations_by_property(entity_id: str) -> pd.Series:
    node = next(n for n in E if curie(n) == f"zk:{entity_id}")
    counts = Counter()
    for _u, _v, data in E.out_edges(node, data=True):
        counts[f"→ {data['label_zh']} {data['label_en']}"] += 1
    for _u, _v, data in E.in_edges(node, data=True):
        counts[f"← {data['label_zh']} {data['label_en']}"] += 1
    return pd.Series(counts, name=entity_id).sort_values(ascending=False)


pd.concat([relations_by_property("yushang-mc"), relations_by_property("yushang-etdz")], axis=1).fillna(0).astype(int)

# %% [markdown]
# The committee holds the zone's goals (`has goal`) and pursues its programmes; the province's
# party committee and government lead it, the city supports it. The territory has the four cluster
# areas and the “3+1” leading industries, and is the reference area of the GDP figures.

# %% [markdown]
# ## Bodies, companies, projects, industries
#
# The same table, one kind of entity at a time.

# %%
KINDS = {
    "bodies": {"zo:ManagementCommittee", "zo:PartyWorkingCommittee", "zo:PartyCommittee", "zo:Government",
               "zo:TalentWorkstation", "org:Organization"},
    "companies": {"zo:Company", "zo:StateOwnedPlatformCompany"},
    "projects": {"zo:Project"},
    "industries": {"zo:Industry"},
}
for kind, classes in KINDS.items():
    rows = central[central["cls"].isin(classes)]
    print(f"\n{kind} ({len(rows)})")
    print(rows[["label_zh", "label_en", "degree", "betweenness"]].to_string(index=False))

# %% [markdown]
# Among the companies, **河南福田智蓝新能源汽车公司** stands out: it is the only producing company the
# article names, and the reporter's visit, the first locally made car and the new-energy-vehicle
# industry all hang on it. Among industries, **商贸物流** (commerce and logistics) gathers the most
# relations (two projects and three sub-industries), while **新能源汽车** is the best bridge: it
# links the company to the advanced-equipment industry and to the committee's goal of a leading
# new-energy-vehicle base.

# %% [markdown]
# ## Industries → projects → companies
#
# The industries form a tree (`skos:broader`): the four leading industries at the top, narrower
# industries under them. Projects, companies, cluster areas and events point at an industry with
# `zo:industry`. Every line carries the modality of its statement: a sub-industry that is only
# named in a claim stays marked as such.

# %%
def label(node) -> str:
    return E.nodes[node]["label_zh"]


def tree_lines(industry, depth=0) -> list[str]:
    lines = []
    pad = "    " * depth
    for item, _ind, data in sorted(E.in_edges(industry, data=True), key=lambda e: label(e[0])):
        if data["property"].endswith("#industry"):
            lines.append(f"{pad}  · {E.nodes[item]['cls_label_zh']}: {label(item)}  [{', '.join(data['modalities'])}]")
    narrower = sorted((u for u, _v, d in E.in_edges(industry, data=True) if d["property"].endswith("core#broader")),
                      key=label)
    for sub in narrower:
        modality = ", ".join(E.edges[sub, industry, "skos:broader"]["modalities"])
        lines.append(f"{pad}  └ {label(sub)} / {E.nodes[sub]['label_en']}  [{modality}]")
        lines += tree_lines(sub, depth + 1)
    return lines


leading = sorted((v for _u, v, d in E.edges(data=True) if d["property"].endswith("#leadingIndustry")), key=label)
for industry in leading:
    print(f"{label(industry)} / {E.nodes[industry]['label_en']}  (leading industry)")
    print("\n".join(tree_lines(industry)))
    print()

# %% [markdown]
# What the zone builds, then: a car maker already producing (福田智蓝) under advanced equipment
# manufacturing; an aluminium park listed in the province's “Double Hundred” programme and a
# chemical project waiting for its park to be approved under new materials; a semiconductor-materials
# project introduced and unnamed projects under way in electronic information; a land port and an
# EMU depot under way in commerce and logistics.

# %% [markdown]
# ## Communities
#
# Louvain community detection (fixed seed, so the same every run) splits the entity graph into
# groups that are more linked inside than outside. Each community is named by its hub, the member
# with most relations.

# %%
groups = analysis.communities(G)
groups[["community", "size", "hub_label", "classes", "members"]]

# %%
member_of = analysis.membership(G)
simple = analysis.undirected(E).subgraph(analysis.components(G)[0])  # the two lone outlets: see below
layout = nx.spring_layout(simple, seed=7, k=0.35, iterations=200)
hubs = set(central.head(10)["id"]) | set(groups["hub"])
palette = plt.get_cmap("tab20")
fig, ax = plt.subplots(figsize=(13, 10))
nx.draw_networkx_edges(simple, layout, ax=ax, alpha=0.25, width=0.8)
nx.draw_networkx_nodes(
    simple, layout, ax=ax, node_size=[40 + 12 * E.degree(n) for n in simple],
    node_color=[palette((member_of.get(n, 0) - 1) % 20) for n in simple],
)
nx.draw_networkx_labels(simple, layout, ax=ax, font_size=9,
                        labels={n: label(n) for n in simple if curie(n) in hubs},
                        font_family=plt.rcParams["font.sans-serif"][0],
                        bbox={"facecolor": "white", "alpha": 0.7, "edgecolor": "none", "pad": 1})
ax.set_title("实体网络与社区 · the entity graph, coloured by community (size = relations)")
ax.axis("off")
fig.tight_layout()
plt.show()

# %% [markdown]
# The communities read like the article's parts: the **committee** with its goals, principles,
# programmes and policies; the **territory** with its approval, the province, the cluster areas and
# the GDP observations; **福田智蓝** with its plant, its head's claims and the vehicle industries;
# **commerce and logistics** with the land port, the EMU depot and the trade target; **new materials**
# with the aluminium and chemical projects; **张峰** with his posts; the **一二三五** goal with its stages
# and years; the **plans**; and the reporter's visit to the workshop.

# %% [markdown]
# ## Connected components
#
# Ignoring direction, is everything connected?

# %%
for number, members in enumerate(analysis.components(G), start=1):
    names = "、".join(label(n) for n in members[:6]) + ("…" if len(members) > 6 else "")
    print(f"component {number}: {len(members)} entities: {names}")

# %% [markdown]
# One large component holds the zone. The two news outlets stand apart: they are linked only to the
# article (which outlet published it, where it was reposted), and the article itself is a source,
# not an entity of the zone.

# %% [markdown]
# ## How is the car maker connected to the province's approval?
#
# `analysis.explain(graph, a, b)` finds a shortest path between two entities (given by id, CURIE,
# IRI or label), walking relations in either direction, and tells each step in its true direction
# with the sentences it rests on. Among equally short paths it prefers those whose every step is
# reported rather than only intended or claimed.

# %%
print(analysis.explain(G, "futian-zhilan", "zone-approval"))

# %% [markdown]
# There are other paths of the same length; `explanations` lists them all, best first. One runs
# through the industries (new energy vehicles fall under advanced equipment manufacturing, a leading
# industry of the zone), another through the committee's goal of a leading new-energy-vehicle base,
# which is only an aspiration.

# %%
for told in analysis.explanations(G, "futian-zhilan", "henan-gov"):
    kinds = " / ".join(",".join(step.modalities) for step in told.steps)
    print(told.chain(), f"\n    modalities: {kinds}\n")

# %% [markdown]
# And the director who speaks at the end of the article, seen from the industry he hopes to lead:

# %%
print(analysis.explain(G, "张峰", "新能源汽车"))

# %% [markdown]
# ## The interactive graph
#
# `zonekg build` writes `build/zone.html`, a self-contained page (no CDN, works offline): drag
# nodes, hover for labels, click for the evidence. It is embedded below; open the file in a browser
# for a full window.

# %%
page = paths.build_dir(root) / "zone.html"
if page.is_file():
    display(HTML(f'<div><iframe srcdoc="{html.escape(page.read_text(encoding="utf-8"))}" '
                 'style="width:100%;height:720px;border:1px solid #ccc"></iframe></div>'))
else:
    print(f"{page} is missing: run `zonekg build` to write it, then run this cell again.")

# %% [markdown]
# ## What we learned
#
# - **Who drives the zone**: its management committee, by far: it holds the goals, pursues the
#   programmes, follows the principles and issues the policies; the province leads it and the city
#   supports it. The territory is the other hub, the thing counted and zoned.
# - **What it builds**: four leading industries, with one producing car maker (福田智蓝), and projects
#   in materials, electronics and logistics at every stage from *introduced* to *awaiting approval*.
# - **How it hangs together**: communities follow the article's sections; every path between two
#   entities can be told with the sentences behind it.
