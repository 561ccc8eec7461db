"""Check the fictional evaluation corpus in benchmarks/corpus/.

For every article listed in corpus.yaml: the file exists and is in its split's folder, its gold
file exists and names the same id and publication time, and every `text`, `label`, `alt`,
`posts` item and `quote` of the gold occurs verbatim in the article (for an HTML page, in the
text of its article body only: <article> or <div class="article">, without scripts and styles).
Also: kinds, units, modalities and date ids are from the allowed sets, `zo:` properties exist
in ontology/zone.ttl, statement subjects and speakers are entity labels, figures written with
Arabic digits agree with their values, and the two splits are balanced.  Prints counts per
split.  Python 3.11, standard library and PyYAML only.

    python benchmarks/corpus/check_corpus.py        # exit status 1 on any error
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ONTOLOGY = HERE.parent.parent / "ontology" / "zone.ttl"

KINDS = {"person", "body", "company", "project", "place", "zone", "document", "event",
         "industry", "outlet"}
UNITS = {"unit-cny", "unit-usd", "unit-eur", "unit-hkd", "unit-percent",
         "unit-percentage-point", "unit-times", "unit-rank", "unit-mu", "unit-km2", "unit-m2",
         "unit-item", "unit-person", "unit-year", "unit-ton", "unit-gwh", "unit-gw", "unit-mw", "unit-inch",
         "unit-pflops", "unit-teu", "unit-permille", "unit-km", "unit-twd", "unit-week", "unit-second", "unit-minute",
         "unit-liter",
         "unit-vehicle", "unit-set", "unit-month", "unit-day", "unit-cny-per-mu",
         "unit-cny-per-m2"}
MODALITIES = {"achieved", "ongoing", "planned", "targeted", "aspiration", "claimed"}
STYLES = {"rally", "visit", "statistics", "policy-notice", "bureau-list", "approval",
          "groundbreaking-signing", "same-zone", "generic-references", "traditional", "html"}
DATE_ID = re.compile(
    r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?|-H[12]|-Q[1-4]|-end)?$")
NUM = re.compile(r"([0-9][0-9,]*(?:\.[0-9]+)?)\s*(万亿|萬億|亿|億|万|萬)?")
CURRENCY = {"unit-cny", "unit-usd", "unit-eur", "unit-hkd", "unit-twd"}
MULT = {None: 1, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "万亿": 1e12, "萬億": 1e12}


class BodyText(HTMLParser):
    """The text of the article body of a saved page: paragraphs one a line."""

    BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "li", "br", "tr", "section", "article"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0          # >0 inside the article body (depth of nested elements)
        self.skip = 0           # >0 inside <script> or <style>
        self.parts: list[str] = []
        self.found = False

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self.depth:
            if tag not in ("br", "img", "meta", "link", "input", "hr"):
                self.depth += 1
            if tag in ("script", "style"):
                self.skip += 1
            if tag in self.BLOCK:
                self.parts.append("\n")
        elif tag == "article" or (tag == "div" and "article" in classes):
            self.depth, self.found = 1, True

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        if tag in self.BLOCK:
            self.parts.append("\n")
        self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)

    def text(self) -> str:
        lines = (re.sub(r"[ \t\r]+", " ", ln).strip() for ln in "".join(self.parts).split("\n"))
        return "\n".join(ln for ln in lines if ln)


def article_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        parser = BodyText()
        parser.feed(raw)
        if not parser.found:
            raise ValueError("no <article> or <div class=\"article\"> in the page")
        return parser.text()
    return raw


def zo_properties() -> set[str]:
    text = ONTOLOGY.read_text(encoding="utf-8")
    return set(re.findall(r"^(zo:[A-Za-z]+) a owl:(?:Object|Datatype|Annotation)Property",
                          text, re.M))


def as_list(x):
    if x is None:
        return []
    return x if isinstance(x, list) else [x]


def check_number(n: dict) -> str | None:
    """Compare a figure written in Arabic digits with its value; None if it agrees or
    cannot be read (Chinese numerals, ranges)."""
    m = NUM.search(str(n["text"]))
    if not m or re.search(r"[0-9][—\-~～至到][0-9]", str(n["text"])):
        return None
    num = float(m.group(1).replace(",", ""))
    unit = n.get("unit")
    if unit in CURRENCY or unit in {"unit-item", "unit-person", "unit-vehicle", "unit-mu",
                                    "unit-m2", "unit-ton", "unit-set"}:
        expected = num * MULT[m.group(2)]
    elif m.group(2) and unit not in {"unit-km2"}:
        expected = num * MULT[m.group(2)]
    else:
        expected = num
    if n.get("negative"):
        expected = -expected
    value = n.get("value")
    if not isinstance(value, (int, float)):
        return f"number {n['text']!r}: value {value!r} is not a number"
    if abs(expected - value) > 1e-6 * max(1.0, abs(expected)):
        return f"number {n['text']!r}: value {value} but the text reads {expected:g}"
    return None


def check_gold(gold: dict, text: str, entry: dict, props: set[str]) -> list[str]:
    errors: list[str] = []

    def verbatim(what: str, span) -> None:
        if not isinstance(span, str) or not span:
            errors.append(f"{what}: empty or not a string: {span!r}")
        elif span not in text:
            errors.append(f"{what}: not in the article text: {span!r}")

    def located(what: str, item: dict) -> None:
        """A span, and the longer span that says which of its occurrences is meant."""
        verbatim(what, item.get("text"))
        if item.get("context"):
            verbatim(f"{what} context", item["context"])
            if str(item.get("text")) not in str(item["context"]):
                errors.append(f"{what} {item.get('text')!r} is not in its context")

    for key in ("id", "published", "about", "references", "entities", "numbers", "dates",
                "statements"):
        if key not in gold:
            errors.append(f"missing key {key!r}")
    if errors:
        return errors
    if gold["id"] != entry["id"]:
        errors.append(f"id {gold['id']!r} is not the corpus entry's {entry['id']!r}")
    if str(gold["published"]) != str(entry["published"]):
        errors.append("published differs from corpus.yaml")

    labels: dict[str, str] = {}
    for e in gold["entities"]:
        verbatim("entity label", e.get("label"))
        if e.get("kind") not in KINDS:
            errors.append(f"entity {e.get('label')!r}: kind {e.get('kind')!r}")
        if e.get("kind") == "document" and not (str(e["label"]).startswith("《")
                                                and str(e["label"]).endswith("》")):
            errors.append(f"document {e['label']!r} without its 《》")
        for a in as_list(e.get("alt")):
            verbatim(f"alt of {e.get('label')!r}", a)
        for p in as_list(e.get("posts")):
            verbatim(f"post of {e.get('label')!r}", p)
        if e.get("number"):
            verbatim(f"document number of {e.get('label')!r}", e["number"])
        for name in [e.get("label")] + as_list(e.get("alt")):
            if name in labels and labels[name] != e.get("label"):
                errors.append(f"{name!r} names two entities")
            labels[name] = e.get("label")

    for r in gold["references"]:
        located("reference", r)
        if r.get("refers_to") not in labels and r.get("named_in_text") is not False:
            errors.append(f"reference {r.get('text')!r}: refers_to {r.get('refers_to')!r} is "
                          "not an entity label (say named_in_text: false if it is not named)")

    referents = {r.get("refers_to") for r in gold["references"]}
    for span in as_list(gold.get("not_article")):
        verbatim("not_article span", span.get("text") if isinstance(span, dict) else span)
    if gold["about"] not in labels and gold["about"] not in referents:
        errors.append(f"about {gold['about']!r} is neither an entity label nor a referent")

    for n in gold["numbers"]:
        located("number", n)
        if n.get("unit") not in UNITS:
            errors.append(f"number {n.get('text')!r}: unit {n.get('unit')!r}")
        if n.get("modality") and n["modality"] not in MODALITIES:
            errors.append(f"number {n.get('text')!r}: modality {n['modality']!r}")
        if not n.get("approximate_text"):
            problem = check_number(n)
            if problem:
                errors.append(problem)

    def good_time(ident) -> bool:
        ident = str(ident)
        return ident.count("/") <= 1 and all(DATE_ID.match(p) for p in ident.split("/"))

    for d in gold["dates"]:
        located("date", d)
        if not good_time(d.get("id")):
            errors.append(f"date {d.get('text')!r}: id {d.get('id')!r}")
    for item in gold["numbers"] + gold["statements"]:
        for key in ("period", "base"):
            if key in item and not good_time(item[key]):
                errors.append(f"{item.get('text') or item.get('s')!r}: {key} {item[key]!r}")

    for s in gold["statements"]:
        where = f"statement {s.get('s')!r} {s.get('p')!r}"
        for q in as_list(s.get("quote")):
            verbatim(f"{where} quote", q)
        if not as_list(s.get("quote")):
            errors.append(f"{where}: no quote")
        if s.get("s") not in labels and s.get("s") not in referents:
            errors.append(f"{where}: subject is neither an entity label nor a referent")
        p = str(s.get("p"))
        if p.startswith("zo:"):
            if p not in props:
                errors.append(f"{where}: {p} is not in ontology/zone.ttl")
        elif not re.match(r"^(org|skos|other):[A-Za-z]+$", p):
            errors.append(f"{where}: property {p!r}")
        if ("o" in s) == ("v" in s):
            errors.append(f"{where}: needs exactly one of o and v")
        if s.get("modality") not in MODALITIES:
            errors.append(f"{where}: modality {s.get('modality')!r}")
        if s.get("modality") == "claimed" and s.get("claimed_by") not in labels:
            errors.append(f"{where}: claimed without a claimed_by entity label")
        if s.get("inner_modality") and s["inner_modality"] not in MODALITIES - {"claimed"}:
            errors.append(f"{where}: inner_modality {s['inner_modality']!r}")
        if s.get("unit") and s["unit"] not in UNITS:
            errors.append(f"{where}: unit {s['unit']!r}")
    return errors


def main() -> int:
    corpus = yaml.safe_load((HERE / "corpus.yaml").read_text(encoding="utf-8"))
    entries = corpus["articles"]
    props = zo_properties()
    errors: list[str] = []
    seen: set[str] = set()
    counts: dict[str, Counter] = {"dev": Counter(), "heldout": Counter()}
    styles: dict[str, set] = {"dev": set(), "heldout": set()}

    for entry in entries:
        aid, split = entry["id"], entry["split"]
        if aid in seen:
            errors.append(f"{aid}: listed twice")
        seen.add(aid)
        if split not in counts:
            errors.append(f"{aid}: split {split!r}")
            continue
        if entry.get("fictional") is not True:
            errors.append(f"{aid}: fictional: true is missing")
        path = HERE / entry["file"]
        if path.parent.name != split or not path.name.startswith(aid + "."):
            errors.append(f"{aid}: file {entry['file']} is not {split}/{aid}.*")
        gold_path = HERE / split / f"{aid}.gold.yaml"
        if not path.exists() or not gold_path.exists():
            errors.append(f"{aid}: article or gold file missing")
            continue
        try:
            text = article_text(path)
        except (UnicodeDecodeError, ValueError) as exc:
            errors.append(f"{aid}: {exc}")
            continue
        if any(w in text for w in ("虚构", "虛構", "用于测试", "用於測試", "fictional")):
            errors.append(f"{aid}: the article text gives itself away as a test")
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        errors += [f"{aid}: {e}" for e in check_gold(gold, text, entry, props)]
        c = counts[split]
        c["articles"] += 1
        c["characters"] += len(text)
        for e in gold.get("entities", []):
            c["entities"] += 1
            c[f"  {e.get('kind')}"] += 1
        for key in ("references", "numbers", "dates", "statements"):
            c[key] += len(gold.get(key, []))
        for st in as_list(entry.get("style")):
            styles[split].add(st)

    # every gold file and article in a split folder is listed
    for split in counts:
        for f in sorted((HERE / split).glob("*.gold.yaml")):
            if f.name[: -len(".gold.yaml")] not in seen:
                errors.append(f"{split}/{f.name}: not in corpus.yaml")
        for f in sorted((HERE / split).glob("*")):
            if f.suffix in (".txt", ".html") and f.name.split(".")[0] not in seen:
                errors.append(f"{split}/{f.name}: an article not in corpus.yaml")

    # input-handling files (no gold): present, and the GBK one really is GBK
    for entry in corpus.get("inputs", []):
        path = HERE / entry["file"]
        if not path.exists():
            errors.append(f"input {entry['id']}: {entry['file']} missing")
            continue
        raw = path.read_bytes()
        if entry.get("fictional") is not True:
            errors.append(f"input {entry['id']}: fictional: true is missing")
        if "GBK" in entry.get("encoding", ""):
            try:
                raw.decode("utf-8")
                errors.append(f"input {entry['id']}: decodes as UTF-8, not a GBK test")
            except UnicodeDecodeError:
                raw.decode("gbk")
        else:
            raw.decode("utf-8")

    n_dev, n_held = counts["dev"]["articles"], counts["heldout"]["articles"]
    if min(n_dev, n_held) < 8 or n_held - n_dev > 1:   # dev may have more articles than heldout
        errors.append(f"splits not balanced: dev {n_dev}, heldout {n_held}")
    for split, got in styles.items():
        missing = STYLES - got
        if missing:
            errors.append(f"{split}: no article of style {sorted(missing)}")

    keys = ["articles", "characters", "entities"]
    keys += sorted(k for k in set(counts["dev"]) | set(counts["heldout"]) if k.startswith("  "))
    keys += ["references", "numbers", "dates", "statements"]
    print(f"{'':16}{'dev':>8}{'heldout':>9}{'total':>8}")
    for k in keys:
        a, b = counts["dev"][k], counts["heldout"][k]
        print(f"{k:16}{a:8}{b:9}{a + b:8}")
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
