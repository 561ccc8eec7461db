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
# # 3 · Goals and indicators: what the zone promises, what it has done
#
# A development-zone report mixes three kinds of sentence: what **has happened** (a car rolled off
# the line, GDP grew 6.6%), what is **intended** (plans, targets, aspirations), and what somebody
# **claims** in quotation marks. The graph keeps them apart: every statement has a modality, and a
# year worked out by the builders rather than said by the article is marked **derived**.
#
# This notebook puts the goals on a timeline, weighs the planned against the achieved, section by
# section, lists the indicators and targets, and measures how much of the article the graph covers.

# %%
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

import zonekg
from zonekg.model import paths
from zonekg.network.graph import statement_index, to_networkx
from zonekg.network.plotting import use_cjk_font

use_cjk_font()  # Chinese labels in charts (Noto Sans CJK SC on Debian: fonts-noto-cjk)
pd.set_option("display.max_colwidth", 60)
pd.set_option("display.width", 160)

root = paths.project_root()
graph = zonekg.store_graph(root)  # the build's store (built first if missing or out of date)
PREFIXES = """
PREFIX zo: <https://w3id.org/zonekg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""
#: Modalities grouped as the ontology does (skos:broader): reported, intended, or somebody's claim.
BROAD = {"achieved": "reported", "ongoing": "reported", "planned": "intended", "targeted": "intended",
         "aspiration": "intended", "claimed": "claimed"}
COLOURS = {"reported": "#4C72B0", "intended": "#DD8452", "claimed": "#8172B3"}

# %% [markdown]
# ## The “一二三五” goal: stages and deadlines
#
# The committee's headline goal has four stages: *one year* to lay out the industries, *two* to
# cluster them, *three* to raise their quality, *five* for industry to shape the city. The article
# gives the stage numbers, not years; only the director says that 2024 is year two. The other years
# follow from that, and the graph says so.

# %%
stages = zonekg.query("goal-stages")
stages[["stageOrder", "stage", "targetYear", "yearIs", "modality", "derivation"]]

# %% [markdown]
# Everything else in the article with a date: the approval, the reporting period of the GDP
# figures, the reporter's visit, and the targets with a deadline. A period comes with its begin
# and end (end exclusive) and is drawn as a span; an instant (the end of 2024) as a diamond.

# %%
dated = zonekg.query(PREFIXES + """
SELECT ?what ?relation ?begin ?end ?modality ?derived WHERE {
  ?st zo:predicate ?p . FILTER(?p IN (zo:targetPeriod, zo:refPeriod, zo:atTime))
  ?st zo:subject ?s ; zo:object ?t ; zo:modality ?m ; zo:isDerived ?derived .
  ?s rdfs:label ?what . FILTER(lang(?what) = "zh")
  ?p rdfs:label ?relation . FILTER(lang(?relation) = "en")
  OPTIONAL { ?t time:hasBeginning/time:inXSDDateTime ?from ; time:hasEnd/time:inXSDDateTime ?to }
  OPTIONAL { ?t time:inXSDDateTime ?instant }
  BIND(COALESCE(?from, ?instant) AS ?begin)
  BIND(COALESCE(?to, ?instant) AS ?end)
  BIND(STRAFTER(STR(?m), "modality-") AS ?modality)
} ORDER BY ?begin ?what
""")
dated["begin"] = pd.to_datetime(dated["begin"], utc=True).dt.tz_convert("Asia/Shanghai").dt.tz_localize(None)
dated["end"] = pd.to_datetime(dated["end"], utc=True).dt.tz_convert("Asia/Shanghai").dt.tz_localize(None)
dated

# %%
published = pd.Timestamp(zonekg.query("source-metadata")["published"][0]).tz_localize(None)
rows = dated.reset_index(drop=True)
fig, ax = plt.subplots(figsize=(12, 0.55 * len(rows) + 1.8))
for y, row in rows.iterrows():
    broad = BROAD[row["modality"]]
    width = (row["end"] - row["begin"]).days
    derived = bool(row["derived"])
    if width:
        ax.barh(y, width, left=row["begin"], height=0.55, color="white" if derived else COLOURS[broad],
                edgecolor=COLOURS[broad], hatch="///" if derived else None, linewidth=1.5)
    else:
        ax.plot(row["begin"], y, marker="D", markersize=10, color=COLOURS[broad],
                markerfacecolor="white" if derived else COLOURS[broad], markeredgewidth=2)
    note = f"{row['what']}  ({row['modality']}{', derived' if derived else ''})"
    ax.text(row["end"] + pd.Timedelta(days=20 if width else 45), y, note, va="center", fontsize=9)
ax.axvline(published, color="black", linestyle="--", linewidth=1)
ax.text(published, -0.9, " 报道日期 article, 2024-09-29", fontsize=9, va="bottom")
ax.set_yticks([])
ax.set_ylim(len(rows) - 0.4, -1.2)
ax.set_xlim(pd.Timestamp("2022-10-01"), pd.Timestamp("2029-06-30"))
ax.xaxis.set_major_locator(mdates.YearLocator())
ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
ax.grid(axis="x", alpha=0.3)
ax.legend(handles=[Patch(color=COLOURS["reported"], label="reported 已报道 (achieved / ongoing)"),
                   Patch(color=COLOURS["intended"], label="intended 意图 (planned / targeted / aspiration)"),
                   Patch(color=COLOURS["claimed"], label="claimed 引语 (said by someone quoted)"),
                   Patch(facecolor="white", edgecolor="grey", hatch="///", label="derived 推导 (year not stated)")],
          loc="upper right", fontsize=8)
ax.set_title("时间线 · the zone's dates: what happened, and what is due when")
fig.tight_layout()
plt.show()

# %% [markdown]
# Read against the article's date (dashed line): the approval (February 2023) and the GDP of the
# first half of 2024 are behind it and **reported**. Year two, 2024, is the only stage year the
# article states, and it is the director's **claim**. Years one, three and five are **derived**
# (hatched). The car maker's capacity of 120,000 vehicles a year is due by the end of 2024, three
# months after the article, on its head's word.

# %% [markdown]
# ## Planned against achieved
#
# How do the 224 statements split by modality?

# %%
index = statement_index(graph)  # (s, p, o) -> the evidence of every statement asserting it
G = to_networkx(graph)
evidence_rows = pd.DataFrame(sorted(
    {(ev.statement.rsplit("/", 1)[-1], ev.modality, BROAD[ev.modality], ev.sentence_index,
      f"{G.nodes[s]['cls_label_zh']} {G.nodes[s]['cls_label_en']}" if s in G else str(s))
     for (s, _p, _o), evidence in index.items() for ev in evidence}),
    columns=["statement", "modality", "broad", "sentence", "subject class"],
)  # one row per statement and sentence it rests on
per_statement = evidence_rows.groupby(["statement", "modality", "broad"], as_index=False)["sentence"].min()
by_modality = per_statement.groupby(["broad", "modality"]).size().rename("statements").reset_index()
by_modality

# %%
fig, ax = plt.subplots(figsize=(8, 3.5))
order = by_modality.sort_values(["broad", "statements"], ascending=[False, True])
ax.barh(order["modality"], order["statements"], color=[COLOURS[b] for b in order["broad"]])
for y, value in enumerate(order["statements"]):
    ax.text(value + 1, y, str(value), va="center", fontsize=9)
ax.set_xlim(0, order["statements"].max() * 1.1)
ax.set_xlabel("statements 陈述数")
ax.set_title("按情态 · statements by modality")
ax.legend(handles=[Patch(color=c, label=b) for b, c in COLOURS.items()], loc="upper right")
fig.tight_layout()
plt.show()

# %% [markdown]
# Most statements are reported, but many of those are the plain bookkeeping of the article (who
# holds which post, which industry a project belongs to). The weight of intention shows better
# section by section. The article is laid out in paragraphs: a lead, then five sections each opened
# by a four-character heading (项目建设, 产业支撑, 展望未来, 改革创新, 夯实基础), and the director's
# words at the end. The headings are in the graph as sentences that carry no fact.

# %%
sentences = zonekg.query(PREFIXES + """
SELECT ?index ?line ?text ?noFact WHERE {
  ?s a zo:Sentence ; zo:sentenceIndex ?index ; zo:lineNumber ?line ; zo:text ?text .
  OPTIONAL { ?s zo:noFactReason ?noFact }
} ORDER BY ?index
""")
headings = sentences[sentences["noFact"].fillna("").str.startswith("section heading")]
print(headings[["index", "line", "text"]].to_string(index=False))

# %%
#: Paragraphs of the article by first line, as the text lays them out (the five headings above
#: open lines 18–26).
SECTIONS = [
    (1, "0 页眉 header, byline"), (10, "1 图片 photo caption"), (12, "2 走进福田智蓝 the visit"),
    (14, "3 批复与目标 approval, goals, GDP"), (16, "4 领导与方针 leadership"), (18, "5 项目建设 projects"),
    (20, "6 产业支撑 industries"), (22, "7 展望未来 outlook"), (24, "8 改革创新 reform"),
    (26, "9 夯实基础 foundations"), (28, "10 张峰 the director"), (30, "11 转载声明 portal"),
]
assert [line for line, _ in SECTIONS[5:10]] == headings["line"].tolist(), "sections must start at the headings"


def section_of(line: int) -> str:
    return [name for start, name in SECTIONS if start <= line][-1]


sentences["section"] = sentences["line"].map(section_of)
line_of = dict(zip(sentences["index"], sentences["line"], strict=True))
per_statement["section"] = per_statement["sentence"].map(lambda i: section_of(line_of[i]))
by_section = per_statement.pivot_table(index="section", columns="broad", values="statement", aggfunc="count",
                                       fill_value=0)
by_section = by_section.reindex([name for _, name in SECTIONS if name in by_section.index])
by_section = by_section[[c for c in COLOURS if c in by_section.columns]]
by_section

# %%
fig, ax = plt.subplots(figsize=(10, 5))
left = pd.Series(0, index=by_section.index)
for broad in by_section.columns:
    ax.barh(by_section.index, by_section[broad], left=left, color=COLOURS[broad], label=broad)
    left = left + by_section[broad]
ax.invert_yaxis()
ax.set_xlabel("statements 陈述数 (by the first sentence each rests on)")
ax.set_title("文章各部分 · what each part of the article reports, intends or quotes")
ax.legend(loc="lower right")
ax.grid(axis="x", alpha=0.3)
fig.tight_layout()
plt.show()

# %% [markdown]
# The pattern is the article's own: the **outlook** (展望未来) is intention from end to end; the
# **industries** (产业支撑) and **reform** (改革创新) sections report work done or under way; the
# **visit** to the car plant and the **director's words** rest on what people said.

# %% [markdown]
# ## The indicators
#
# The figures the article reports, each for an area and a period, in the article's own wording
# (`original`) and as a number with a unit; and the quantified targets, with who holds them.

# %%
indicators = zonekg.query("indicators")
indicators[["indicator", "area", "period", "original", "value", "unit", "comparedWith", "modality"]]

# %%
targets = zonekg.query("targets")
targets[["holder", "target", "original", "value", "unit", "approximate", "targetYear", "modality", "claimedBy"]]

# %% [markdown]
# Four reported figures, all **achieved**: GDP of 4.898 billion yuan in the first half of 2024, up
# 6.6% year on year, first in the city for growth, and four industrial cluster areas. Two targets:
# the committee's cluster with a trade volume *on the scale of* a hundred billion yuan (千亿级, so
# approximate, and with no deadline), and the car maker's capacity, a claim.

# %% [markdown]
# ## How much of the article the graph covers
#
# Every sentence either carries at least one statement or is marked as carrying none, with a reason.

# %%
counted = evidence_rows.groupby("sentence")["statement"].nunique()
sentences["statements"] = sentences["index"].map(counted).fillna(0).astype(int)
covered = (sentences["statements"] > 0).sum()
print(f"{len(sentences)} sentences: {covered} carry statements, {sentences['noFact'].notna().sum()} carry none "
      f"(with a reason), {((sentences['statements'] == 0) & sentences['noFact'].isna()).sum()} unaccounted for")
sentences[sentences["statements"] == 0][["index", "text", "noFact"]]

# %% [markdown]
# Which sentences does each **modality** and each **class** of entity draw on? A sentence counts
# for a class when a statement about an entity of that class (as subject) rests on it. And how many
# of the article's characters lie inside a quote that a statement rests on?

# %%
by_class = evidence_rows.groupby("subject class")["sentence"].nunique().sort_values()
sentences_by_modality = evidence_rows.groupby("modality")["sentence"].nunique().sort_values()

fig, (left, right) = plt.subplots(1, 2, figsize=(13, 6.5), gridspec_kw={"width_ratios": [2, 1]})
top_classes = by_class.tail(20)
left.barh(top_classes.index, top_classes.values, color="#55A868")
left.set_title("每类实体涉及的句子 · sentences per class (top 20)")
right.barh(sentences_by_modality.index, sentences_by_modality.values,
           color=[COLOURS[BROAD[m]] for m in sentences_by_modality.index])
right.set_title("每种情态涉及的句子 · sentences per modality")
for ax in (left, right):
    ax.grid(axis="x", alpha=0.3)
    ax.set_xlabel(f"sentences (of {len(sentences)})")
fig.tight_layout()
plt.show()

# %%
article = next((root / "graph" / "sources").glob("*.zh.txt")).read_text(encoding="utf-8")
visible = [i for i, ch in enumerate(article) if not ch.isspace()]
quoted = {}
for evidence in index.values():
    for ev in evidence:
        quoted.setdefault(BROAD[ev.modality], set()).update(range(ev.start, ev.end))
every = set().union(*quoted.values())
coverage = pd.DataFrame(
    [(broad, len(quoted[broad] & set(visible))) for broad in COLOURS] + [("any", len(every & set(visible)))],
    columns=["quoted by", "characters"],
)
coverage["share of the article"] = (coverage["characters"] / len(visible)).map("{:.0%}".format)
print(f"the article has {len(visible)} characters (not counting spaces and line breaks)")
coverage

# %% [markdown]
# ## What the zone promises, and what it has done
#
# - **Done, by the article's account**: approved by the province on 1 February 2023; GDP of 4.898
#   billion yuan in the first half of 2024, up 6.6%, first in Shangqiu; a car maker producing, with
#   Shangqiu's first locally made car; eleven plans in use; four cluster areas drawn; an aluminium
#   park listed in a provincial programme; an operating mechanism, a state-owned platform company,
#   a land-use measure and two talent workstations set up.
# - **Under way**: special plans, infrastructure, the land port and EMU depot, unnamed electronics
#   projects, reforms of government services.
# - **Promised**: the “一二三五” stages to 2027 (years one, three and five derived from the director's
#   word), a leading new-energy-vehicle base, a materials highland, a logistics centre of
#   international influence, a hundred-billion-yuan trade cluster, a smart district, a first-class
#   business environment.
# - **Claimed**: the car maker's 120,000 vehicles a year by the end of 2024, and that 2024 is the
#   year industry clusters take shape.
