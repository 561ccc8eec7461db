"""Numbers with their units, and dates or periods resolved against the article's date.

Each keeps the span it was read from, so that the draft can quote it verbatim.  Values are
``Decimal`` (``48.98 亿元`` → 4898000000, ``12万辆`` → 120000, ``千亿级`` → 10^11, approximate).
Chinese numerals are read by :mod:`zonekg.facts.numbers`, the checker's parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from zonekg.facts.numbers import parse_quantity

_MULT = {"万亿": Decimal(10) ** 12, "千亿": Decimal(10) ** 11, "百亿": Decimal(10) ** 10,
         "亿": Decimal(10) ** 8, "千万": Decimal(10) ** 7, "百万": Decimal(10) ** 6, "万": Decimal(10) ** 4}
_UNITS = "元|美元|辆|台|个|项|条|家|人|名|吨|亩|平方米|平方公里|公里|千瓦|兆瓦|大类|类|座|套|件|户|次|倍"
#: Unit words → the ontology's unit individual, when it has one.
UNIT_IDS = {"元": "unit-cny", "%": "unit-percent", **{u: "unit-item" for u in
                                                     ("个", "项", "条", "家", "座", "类", "大类", "套", "台", "件",
                                                      "户", "辆", "人", "名")}}
_CN_DIGITS = "零〇一二两三四五六七八九十百千"

_NUMBER = re.compile(
    rf"(?P<num>\d+(?:\.\d+)?)\s*(?P<mult>万亿|千亿|百亿|千万|百万|亿|万)?\s*(?P<unit>%|{_UNITS})?"
)
_RANK = re.compile(rf"第(?P<num>[{_CN_DIGITS}]+|\d+)(?:名|位)")
_LEVEL = re.compile(r"(?P<mult>万亿|千亿|百亿)级")
_HORIZON = re.compile(r"(?:未来|今后)(?P<num>\d+|[一二三四五六七八九十]+)年")


@dataclass(frozen=True)
class Quantity:
    """A number as written (``original``) and as a value, with its unit word and its span."""

    original: str
    value: Decimal
    unit: str | None
    kind: str  # amount | percent | count | rank | level | horizon | ordinal
    start: int
    end: int
    approximate: bool = False

    @property
    def unit_id(self) -> str | None:
        return UNIT_IDS.get(self.unit or "")


def cn_number(text: str) -> Decimal:
    """A Chinese or Arabic numeral as a Decimal (一 → 1, 二十五 → 25, 两千 → 2000), read by the
    fact-sheet checker's own parser (:func:`zonekg.facts.numbers.parse_quantity`), so that the
    drafter and the checker never disagree on a number."""
    value = parse_quantity(text)
    if value is None:
        raise ValueError(f"not a number: {text!r}")
    return value


def find_quantities(text: str) -> list[Quantity]:
    """Every number with a unit, rank, order of magnitude (千亿级) or horizon (未来30年)."""
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def add(q: Quantity) -> None:
        if not any(s < q.end and q.start < e for s, e in taken):
            out.append(q)
            taken.append((q.start, q.end))

    for m in _HORIZON.finditer(text):
        add(Quantity(m.group(0), cn_number(m.group("num")), "年", "horizon", m.start(), m.end()))
    for m in _RANK.finditer(text):
        add(Quantity(m.group(0), cn_number(m.group("num")), None, "rank", m.start(), m.end()))
    for m in _LEVEL.finditer(text):
        add(Quantity(m.group(0), _MULT[m.group("mult")], None, "level", m.start(), m.end(), approximate=True))
    for m in _NUMBER.finditer(text):
        unit, mult = m.group("unit"), m.group("mult")
        before, after = text[max(0, m.start() - 1):m.start()], text[m.end():m.end() + 1]
        if unit is None and mult is None:
            continue  # a bare number: a year, a clock time, a numbering — dates handle years
        if before.isdigit() or before in "/:" or after in "年月日/:":
            continue
        value = Decimal(m.group("num")) * _MULT.get(mult or "", Decimal(1))
        kind = "percent" if unit == "%" else "amount" if unit in ("元", "美元") else "count"
        add(Quantity(m.group(0).strip(), value, unit, kind, m.start(), m.start() + len(m.group(0).rstrip())))
    return sorted(out, key=lambda q: q.start)


@dataclass(frozen=True)
class TimeRef:
    """A time of the fact-sheet kinds (YYYY, YYYY-H1, YYYY-H2, YYYY-MM-DD, YYYY-end)."""

    id: str
    zh: str
    en: str
    start: int
    end: int
    derivation: str | None = None


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]


def _day(y: int, mo: int, d: int, start: int, end: int, derivation: str | None = None) -> TimeRef | None:
    try:
        date(y, mo, d)
    except ValueError:
        return None
    return TimeRef(f"{y:04d}-{mo:02d}-{d:02d}", f"{y}年{mo}月{d}日", f"{d} {_MONTHS[mo - 1]} {y}", start, end,
                   derivation)


def _year(y: int, start: int, end: int, derivation: str | None = None) -> TimeRef:
    return TimeRef(str(y), f"{y}年", str(y), start, end, derivation)


def _half(y: int, h: int, start: int, end: int, derivation: str | None) -> TimeRef:
    zh, en = ("上", "first") if h == 1 else ("下", "second")
    return TimeRef(f"{y}-H{h}", f"{y}年{zh}半年", f"{en} half of {y}", start, end, derivation)


def _end(y: int, start: int, end: int, derivation: str | None) -> TimeRef:
    return TimeRef(f"{y}-end", f"{y}年底", f"end of {y}", start, end, derivation)


_STAGE = re.compile(r"([一二三四五六七八九十]+)年([\u4e00-\u9fff]{2,10})")
_STAGE_ANCHOR = re.compile(r"(\d{4})年[,，]?是[^。]{0,30}?[‘“']?([一二三四五六七八九十]+)年"
                           r"[\u4e00-\u9fff]{2,10}[’”']?之年")


def find_times(text: str, published: date) -> list[TimeRef]:
    """Dates and periods, each resolved against ``published`` (the article's own date)."""
    y = published.year
    said = f"the article was published on {published.isoformat()}"
    out: list[TimeRef] = []
    taken: list[tuple[int, int]] = []

    def add(t: TimeRef | None) -> None:
        if t is not None and not any(s < t.end and t.start < e for s, e in taken):
            out.append(t)
            taken.append((t.start, t.end))

    for m in re.finditer(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text):
        add(_day(int(m[1]), int(m[2]), int(m[3]), m.start(), m.end()))
    for m in re.finditer(r"(?<![\d年])(\d{1,2})月(\d{1,2})日", text):
        mo, d = int(m[1]), int(m[2])
        year = y if (mo, d) <= (published.month, published.day) else y - 1
        add(_day(year, mo, d, m.start(), m.end(),
                 f"{m[0]} has no year; {said}, so {year}, the last such day on or before it."))
    for m in re.finditer(r"(\d{4})年(上|下)半年", text):
        add(_half(int(m[1]), 1 if m[2] == "上" else 2, m.start(), m.end(), None))
    for m in re.finditer(r"(?<![\d年])(\d{1,2})月(?:底|末)", text):
        mo = int(m[1])
        year = y if mo <= published.month else y - 1
        last = (date(year + (mo == 12), mo % 12 + 1, 1) - date.resolution).day if 1 <= mo <= 12 else 0
        add(_day(year, mo, last, m.start(), m.end(),
                 f"{m[0]} is the last day of the month; {said}, so {year}."))
    for m in re.finditer(r"(今年|去年|明年)?(上|下)半年", text):
        shift = {"今年": 0, "去年": -1, "明年": 1, None: 0}[m[1]]
        add(_half(y + shift, 1 if m[2] == "上" else 2, m.start(), m.end(),
                  f"{m[1] or 'no year given'}: {said}, so {y + shift}."))
    for m in re.finditer(r"(\d{4})年(?:底|末)", text):
        add(_end(int(m[1]), m.start(), m.end(), None))
    for m in re.finditer(r"(今年|明年|去年)?(?:年底|年末)", text):
        shift = {"今年": 0, "去年": -1, "明年": 1, None: 0}[m[1]]
        add(_end(y + shift, m.start(), m.end(),
                 f"{m[0]} (the end of the year): {said}, so the end of {y + shift}."))
    for m in re.finditer(r"(?<!\d)(\d{4})年", text):
        add(_year(int(m[1]), m.start(), m.end()))
    for m in re.finditer(r"(?:今年|明年|去年)(?!前|第|[一二三四]季度|\d+月)", text):
        shift = {"今年": 0, "去年": -1, "明年": 1}[m[0]]
        add(_year(y + shift, m.start(), m.end(), f"{m[0]}: {said}, so {y + shift}."))
    for t in _stage_years(text):
        add(t)
    return sorted(out, key=lambda t: t.start)


@lru_cache(maxsize=4)
def stage_lists(text: str) -> list[list[tuple[int, str, int, int]]]:
    """Lists of staged goals such as “一年…、二年…、三年…”: (order, label, start, end) each."""
    out = []
    for m in re.finditer(r"[“‘]([^”’]+)[”’]", text):
        parts = m.group(1).split("、")
        if len(parts) < 2:
            continue
        items, pos = [], m.start(1)
        for part in parts:
            sm = _STAGE.fullmatch(part)
            if not sm:
                items = []
                break
            items.append((int(cn_number(sm[1])), part, pos, pos + len(part)))
            pos += len(part) + 1
        if items:
            out.append(items)
    return out


def _stage_years(text: str) -> list[TimeRef]:
    """Years of staged goals, when the text anchors one stage (“2024年,是…‘二年…’之年”)."""
    anchor = _STAGE_ANCHOR.search(text)
    if not anchor:
        return []
    year, order = int(anchor[1]), int(cn_number(anchor[2]))
    out = []
    for items in stage_lists(text):
        for n, label, start, end in items:
            if n != order:
                target = year + n - order
                out.append(_year(target, start, end,
                                 f"Stage {n} ({label}); the text makes {year} stage {order} "
                                 f"({anchor[0][:24]}…), so stage {n} is {target}."))
    return out
