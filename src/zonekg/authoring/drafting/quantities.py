"""Numbers with their units, and dates or periods resolved against the article's date.

Each keeps the span it was read from, so that the draft can quote it verbatim.  Values are
``Decimal`` (``48.98 亿元`` → 4898000000, ``12万辆`` → 120000, ``千亿级`` → 10^11, approximate).
Chinese numerals are read by :mod:`zonekg.facts.numbers`, the checker's parser.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from zonekg.facts.check import stated_parts
from zonekg.facts.numbers import parse_quantity

_MULT = {"万亿": Decimal(10) ** 12, "千亿": Decimal(10) ** 11, "百亿": Decimal(10) ** 10,
         "亿": Decimal(10) ** 8, "千万": Decimal(10) ** 7, "百万": Decimal(10) ** 6, "万": Decimal(10) ** 4}
_CN_DIGITS = "零〇一二两三四五六七八九十百千"

#: Unit words → (unit id of the ontology, kind), longest first where they overlap.  Kinds:
#: amount (money), percent, points (percentage points), times, count, measure.
UNITS: list[tuple[str, str, str]] = [
    ("元人民币", "unit-cny", "amount"), ("人民币", "unit-cny", "amount"),
    ("美元", "unit-usd", "amount"), ("欧元", "unit-eur", "amount"), ("港元", "unit-hkd", "amount"),
    ("港币", "unit-hkd", "amount"), ("新台币", "unit-twd", "amount"), ("元", "unit-cny", "amount"),
    ("个百分点", "unit-percentage-point", "points"), ("百分点", "unit-percentage-point", "points"),
    ("%", "unit-percent", "percent"), ("％", "unit-percent", "percent"), ("‰", "unit-permille", "percent"),
    ("倍", "unit-times", "times"),
    ("平方公里", "unit-km2", "measure"), ("平方千米", "unit-km2", "measure"), ("平方米", "unit-m2", "measure"),
    ("公里", "unit-km", "measure"), ("亩", "unit-mu", "measure"), ("吨级", "unit-ton", "measure"),
    ("吨", "unit-ton", "measure"), ("GWh", "unit-gwh", "measure"), ("GW", "unit-gw", "measure"),
    ("MW", "unit-mw", "measure"), ("英寸", "unit-inch", "measure"), ("标箱", "unit-teu", "measure"),
    ("千瓦时", "unit-kwh", "measure"), ("兆瓦时", "unit-mwh", "measure"), ("吉瓦时", "unit-gwh", "measure"),
    ("千瓦", "unit-kw", "measure"), ("兆瓦", "unit-mw", "measure"), ("吉瓦", "unit-gw", "measure"),
    ("kWh", "unit-kwh", "measure"), ("MWh", "unit-mwh", "measure"), ("kW", "unit-kw", "measure"),
    ("立方米", "unit-m3", "measure"), ("公顷", "unit-hectare", "measure"), ("千米", "unit-km", "measure"),
    ("米", "unit-m", "measure"),
    ("TEU", "unit-teu", "measure"), ("升", "unit-liter", "measure"), ("P", "unit-pflops", "measure"),
    ("辆", "unit-vehicle", "count"), ("台", "unit-set", "count"), ("套", "unit-set", "count"),
    ("个工作日", "unit-day", "measure"), ("工作日", "unit-day", "measure"), ("天", "unit-day", "measure"),
    ("个月", "unit-month", "measure"), ("周", "unit-week", "measure"), ("分钟", "unit-minute", "measure"),
    ("秒", "unit-second", "measure"),
    ("人次", "unit-person", "count"), ("人", "unit-person", "count"), ("名", "unit-person", "count"),
    ("个", "unit-item", "count"), ("项", "unit-item", "count"), ("家", "unit-item", "count"),
    ("条", "unit-item", "count"), ("座", "unit-item", "count"), ("件", "unit-item", "count"),
    ("户", "unit-item", "count"), ("宗", "unit-item", "count"), ("艘", "unit-item", "count"),
    ("款", "unit-item", "count"), ("片", "unit-item", "count"), ("只", "unit-item", "count"),
    ("批", "unit-item", "count"), ("次", "unit-item", "count"), ("大类", "unit-item", "count"),
    ("类", "unit-item", "count"), ("所", "unit-item", "count"), ("栋", "unit-item", "count"),
    ("场", "unit-item", "count"), ("颗", "unit-item", "count"), ("位", "unit-person", "count"),
]
UNITS.sort(key=lambda u: -len(u[0]))
UNIT_IDS = {word: uid for word, uid, _kind in UNITS}
_UNIT_KIND = {word: kind for word, _uid, kind in UNITS}
#: An Arabic number (thousands commas allowed), a multiplier, an approximation after it, a unit.
_NUMBER = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<mult>万亿|千亿|百亿|千万|百万|亿|万)?"
    r"(?P<approx>余|多)?\s*(?P<unit>" + "|".join(re.escape(u[0]) for u in UNITS) + ")?"
)
_APPROX_BEFORE = re.compile(r"(?:约|近|逾|超过|超|大约|左右|约为)$")
#: Places in a ranking: 第3位, 第6家, 首位, 前50位, 后5位, 前移13位.
_RANK = re.compile(rf"(?:第(?P<num>[{_CN_DIGITS}]+|\d+)(?:名|位|家|个)|(?P<first>首位|首家)"
                   rf"|(?:前移|后移|上升|提升|前进)(?P<move>\d+|[{_CN_DIGITS}]+)位"
                   rf"|(?P<side>前|后)(?P<top>\d+|[{_CN_DIGITS}]+)(?:位|名|强)|(?<![\d.])(?P<best>\d+)强(?![化度])"
                   rf")")
_LEVEL = re.compile(r"(?<![\d.\s])(?P<mult>万亿|千亿|百亿)(?:级|元)")
_HORIZON = re.compile(r"(?:未来|今后)(?P<num>\d+|[一二三四五六七八九十]+)年")
#: Shares written in tenths and halves: 三成, 近三成, 两成, 一半.
_SHARE = re.compile(r"(?P<approx>近|逾|超过|超|约)?(?P<num>[一二两三四五六七八九十])成(?![本为功立果长])"
                    r"|(?P<half>近一半|一半)")
#: Doubling: 翻了一番 (2 times), 翻两番 (4 times).
_DOUBLE = re.compile(r"翻了?(?P<n>一|两|二|三)番")
#: A count in Chinese numerals before a few measure words: 三大主导产业, 三款 (not at the start of a
#: quoted name: 全市“十大民生工程”).
_CN_COUNT = re.compile(r"(?<![第前后“‘「])(?P<num>[两二三四五六七八九十]{1,2})"
                       r"(?P<unit>大|款|个|家|项|条|栋|场|天|位|期|届|轮|座|批)")
#: Units of a count in Chinese numerals that are not items.
_CN_COUNT_UNIT = {"天": "unit-day", "位": "unit-person"}
#: Durations: 经过17年, 连续2年 (not years of the calendar: those have four digits).
_YEARS = re.compile(r"(?<![\d.])(?P<num>\d{1,2})(?P<approx>多|余)?年(?![\d月底末前])")
#: A fall written before the number: the value is negative.
_FALL = re.compile(r"(?:下降|减少|下滑|回落)了?$")


class Spans:
    """Spans that do not overlap, kept sorted: a new one is taken only where nothing is yet (the
    earlier rule wins), in logarithmic time, so that reading a long text stays linear."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def take(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start)
        if i > 0 and self.ends[i - 1] > start:
            return False
        if i < len(self.starts) and self.starts[i] < end:
            return False
        self.starts.insert(i, start)
        self.ends.insert(i, end)
        return True


@dataclass(frozen=True)
class Quantity:
    """A number as written (``original``) and as a value, with its unit word and its span."""

    original: str
    value: Decimal
    unit: str | None
    kind: str  # amount | percent | points | times | count | measure | rank | level | horizon
    start: int
    end: int
    approximate: bool = False
    unit_id: str | None = None
    negative: bool = False  # written as a fall (下降3.6%): ``value`` is below zero


def cn_number(text: str) -> Decimal:
    """A Chinese or Arabic numeral as a Decimal (一 → 1, 二十五 → 25, 两千 → 2000), read by the
    fact-sheet checker's own parser (:func:`zonekg.facts.numbers.parse_quantity`), so that the
    drafter and the checker never disagree on a number."""
    value = parse_quantity(text)
    if value is None:
        raise ValueError(f"not a number: {text!r}")
    return value


# The rules, one row each: a pattern and what it reads.  Earlier rows win where spans overlap.

def _rank(m: re.Match[str], text: str) -> Quantity:
    num = m.group("num") or m.group("move") or m.group("top") or m.group("best")
    value = Decimal(1) if m.group("first") else cn_number(num)
    return Quantity(m.group(0), value, None, "rank", m.start(), m.end(), unit_id="unit-rank")


def _horizon(m: re.Match[str], text: str) -> Quantity:
    return Quantity(m.group(0), cn_number(m.group("num")), "年", "horizon", m.start(), m.end(), unit_id="unit-year")


def _level(m: re.Match[str], text: str) -> Quantity:
    approximate = m.group(0).endswith("级")
    return Quantity(m.group(0), _MULT[m.group("mult")], None, "level", m.start(), m.end(), approximate=approximate,
                    unit_id="unit-cny")


def _share(m: re.Match[str], text: str) -> Quantity:
    value = Decimal(50) if m.group("half") else cn_number(m.group("num")) * 10
    approximate = bool(m.group("approx")) or (m.group("half") or "").startswith("近")
    start = m.start("half") if m.group("half") else m.start("num")
    return Quantity(text[start:m.end()], value, "成", "percent", start, m.end(), approximate=approximate,
                    unit_id="unit-percent")


def _double(m: re.Match[str], text: str) -> Quantity:
    return Quantity(m.group(0), Decimal(2) ** int(cn_number(m.group("n"))), "番", "times", m.start(), m.end(),
                    unit_id="unit-times")


def _cn_count(m: re.Match[str], text: str) -> Quantity | None:
    if m.group("unit") in ("个", "家", "项", "条") and not re.match(r"[\u4e00-\u9fff]", text[m.end():m.end() + 1]):
        return None
    if m.group("unit") == "期" and m.group("num") != "两":
        return None  # 二期, 三期: a phase's name, not a count (两期 is two phases)
    if m.group("unit") == "位" and re.match(r"一体|数", text[m.end():m.end() + 2]):
        return None  # 三位一体
    unit = m.group("unit")
    kind = "measure" if unit == "天" else "count"
    return Quantity(m.group(0), cn_number(m.group("num")), unit, kind, m.start(), m.end(),
                    unit_id=_CN_COUNT_UNIT.get(unit, "unit-item"))


def _duration(m: re.Match[str], text: str) -> Quantity | None:
    before = text[max(0, m.start() - 3):m.start()]
    if not re.search(r"(?:经过|连续|历时|用了?|仅用|近|超过|发展|奋斗|运营|建设|累计)$", before):
        return None
    return Quantity(m.group(0), Decimal(m.group("num")), "年", "measure", m.start(), m.end(),
                    approximate=bool(m.group("approx")), unit_id="unit-year")


def _number(m: re.Match[str], text: str) -> Quantity | None:
    unit, mult = m.group("unit"), m.group("mult")
    before, after = text[max(0, m.start() - 1):m.start()], text[m.end():m.end() + 1]
    if unit is None and mult is None:
        return None  # a bare number: a year, a clock time, a numbering; dates handle years
    per_area = unit in ("元", "万元") and re.match(r"\s*/\s*(?:亩|平方米)", text[m.end():m.end() + 5])
    if before.isdigit() or (before and before in "/:第") or (after and after in "年月日/:" and not per_area):
        return None
    if unit == "个月" and before == "前":
        return None  # 前8个月 is a period (dates read it)
    if unit == "P" and not re.match(r"\d+P(?![A-Za-z])", m.group(0).replace(" ", "")):
        return None
    if unit in ("GW", "MW", "P", "GWh", "TEU") and after.isalpha() and after.isascii():
        return None
    value = Decimal(m.group("num").replace(",", "")) * _MULT.get(mult or "", Decimal(1))
    if unit == "吨级" or (unit is None and mult):
        kind, uid = ("measure", "unit-ton") if unit == "吨级" else ("count", None)
    else:
        kind, uid = _UNIT_KIND[unit], UNIT_IDS[unit]
    if uid == "unit-cny" and re.match(r"\s*/\s*(?:亩|平方米)", text[m.end():m.end() + 4]):
        uid = "unit-cny-per-mu" if "亩" in text[m.end():m.end() + 4] else "unit-cny-per-m2"
    if uid == "unit-cny" and re.search(r"亩均[^，。；]{0,8}$", text[max(0, m.start() - 12):m.start()]):
        uid = "unit-cny-per-mu"
    if uid == "unit-cny" and re.search(r"每平方米[^，。；]{0,6}$", text[max(0, m.start() - 10):m.start()]):
        uid = "unit-cny-per-m2"
    if unit == "套" and re.search(r"公寓|住房|住宅|宿舍|房", text[max(0, m.start() - 8):m.start()]):
        uid, kind = "unit-item", "count"  # 人才公寓1100套: homes, not sets of equipment
    if uid == "unit-item" and unit == "片" and not re.search(r"晶圆|片", text[m.end():m.end() + 12]):
        uid = "unit-item"
    if uid == "unit-person" and unit == "名" and re.match(r"[^\s，。、]*?(?:之|以内|前)", text[m.end():m.end() + 3]):
        return None
    approximate = bool(m.group("approx")) or bool(_APPROX_BEFORE.search(text[max(0, m.start() - 3):m.start()]))
    negative = bool(_FALL.search(text[max(0, m.start() - 4):m.start()])) and kind in ("percent", "amount", "count")
    original = m.group(0).strip()
    return Quantity(original, -value if negative else value, unit, kind, m.start(), m.start() + len(original),
                    approximate, uid, negative)


RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str], str], Quantity | None]]] = [
    (_HORIZON, _horizon), (_RANK, _rank), (_LEVEL, _level), (_DOUBLE, _double), (_SHARE, _share),
    (_NUMBER, _number), (_YEARS, _duration), (_CN_COUNT, _cn_count),
]


def find_quantities(text: str) -> list[Quantity]:
    """Every number with a unit, rank, share, order of magnitude (千亿级) or horizon (未来30年)."""
    out: list[Quantity] = []
    taken = Spans()
    for pattern, read in RULES:
        for m in pattern.finditer(text):
            q = read(m, text)
            if q is not None and q.end > q.start and taken.take(q.start, q.end):
                out.append(q)
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


_SHIFT = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "明年": 1, "来年": 1, None: 0, "": 0}
_CN_Q = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _month(y: int, mo: int, start: int, end: int, derivation: str | None = None) -> TimeRef | None:
    if not 1 <= mo <= 12:
        return None
    return TimeRef(f"{y:04d}-{mo:02d}", f"{y}年{mo}月", f"{_MONTHS[mo - 1]} {y}", start, end, derivation)


def _quarter(y: int, q: int, start: int, end: int, derivation: str | None = None) -> TimeRef:
    return TimeRef(f"{y}-Q{q}", f"{y}年第{'一二三四'[q - 1]}季度", f"Q{q} {y}", start, end, derivation)


def _span(first: str, last: str, zh: str, en: str, start: int, end: int, derivation: str) -> TimeRef:
    return TimeRef(f"{first}/{last}", zh, en, start, end, derivation)


def _months(y: int, a: int, b: int, start: int, end: int, derivation: str) -> TimeRef | None:
    if not 1 <= a < b <= 12:
        return None
    return _span(f"{y}-{a:02d}", f"{y}-{b:02d}", f"{y}年{a}—{b}月", f"{_MONTHS[a - 1]} to {_MONTHS[b - 1]} {y}",
                 start, end, derivation)


@dataclass(frozen=True)
class _When:
    """The article's date, as the time rules need it."""

    published: date

    @property
    def y(self) -> int:
        return self.published.year

    @property
    def said(self) -> str:
        return f"the article was published on {self.published.isoformat()}"

    def rel(self, word: str | None) -> tuple[int, str]:
        """The year 今年/去年/明年 (or nothing) means, and why."""
        year = self.y + _SHIFT.get(word, 0)
        return year, f"{word or 'no year given'}: {self.said}, so {year}"


_TimeRule = Callable[[re.Match[str], _When], "TimeRef | None"]


def _t_plan_period(m: re.Match[str], w: _When) -> TimeRef | None:
    if m[1] == "末":
        return _end(2025, m.start(), m.end(), "the 14th Five-Year Plan (2021–2025) ends with 2025.")
    return _span("2021", "2025", "“十四五”时期", "the 14th Five-Year Plan period", m.start(), m.end(),
                 "the 14th Five-Year Plan covers 2021 to 2025.")


def _t_full_day(m: re.Match[str], w: _When) -> TimeRef | None:
    return _day(int(m[1]), int(m[2]), int(m[3]), m.start(), m.end())


def _t_years(m: re.Match[str], w: _When) -> TimeRef | None:
    if int(m[1]) >= int(m[2]):
        return None
    return _span(m[1], m[2], f"{m[1]}—{m[2]}年", f"{m[1]} to {m[2]}", m.start(), m.end(),
                 f"the years {m[1]} to {m[2]}, as written.")


def _t_day(m: re.Match[str], w: _When) -> TimeRef | None:
    mo, d = int(m[2]), int(m[3])
    if m[1]:
        year, why = w.rel(m[1])
    else:
        year = _year_of_day(w, mo, d)
        why = (f"{m[0]} has no year; {w.said}, so {year} (a day up to 45 days after publication is one the"
               " article announces, a later one is last year's)")
    return _day(year, mo, d, m.start(), m.end(), why + ".")


def _t_days(m: re.Match[str], w: _When) -> TimeRef | None:
    """6月10日至11日, 6月10日—7月2日: a span of days, in the year the first day is in."""
    mo, d, mo2, d2 = int(m[2]), int(m[3]), int(m[4] or m[2]), int(m[5])
    if m[1]:
        year, why = w.rel(m[1])
    else:
        year = _year_of_day(w, mo, d)
        why = f"{m[0]} has no year; {w.said}, so {year}"
    first, last = _day(year, mo, d, 0, 0), _day(year, mo2, d2, 0, 0)
    if first is None or last is None or last.id <= first.id:
        return None
    return _span(first.id, last.id, m[0], f"{first.id} to {last.id}", m.start(), m.end(), why + ".")


def _t_dekad(m: re.Match[str], w: _When) -> TimeRef | None:
    """上旬, 中旬, 下旬: days 1–10, 11–20, 21 to the month's end."""
    year, why = w.rel(m[1])
    mo = int(m[2])
    if not 1 <= mo <= 12:
        return None
    last = (date(year + (mo == 12), mo % 12 + 1, 1) - date.resolution).day
    d0, d1 = {"上": (1, 10), "中": (11, 20), "下": (21, last)}[m[3]]
    return _span(f"{year}-{mo:02d}-{d0:02d}", f"{year}-{mo:02d}-{d1:02d}", m[0], f"{m[0]} ({year})", m.start(),
                 m.end(), f"{m[3]}旬 is days {d0} to {d1} of the month; {why}.")


def _t_quarter_end(m: re.Match[str], w: _When) -> TimeRef | None:
    """三季度末, 2024年一季度末, 上半年末: the last day of the quarter or half."""
    if m[1]:
        year, why = int(m[1]), f"{m[1]}, as written"
    else:
        year, why = w.rel(m[2])
    q = 2 if m[4] else _CN_Q[m[3]]
    mo = 3 * q
    last = (date(year + (mo == 12), mo % 12 + 1, 1) - date.resolution).day
    return _day(year, mo, last, m.start(), m.end(), f"{m[0]} is the last day of the period; {why}.")


def _year_of_day(w: _When, mo: int, d: int) -> int:
    """The year of a day written without one: the publication's year when the day is on or before
    publication or at most 45 days after it (an event the article announces), else the year before."""
    try:
        this = date(w.y, mo, d)
    except ValueError:
        return w.y
    return w.y if (this - w.published).days <= 45 else w.y - 1


def _t_day_of_month(m: re.Match[str], w: _When) -> TimeRef | None:
    d = int(m[1])
    if d > w.published.day:
        return None
    return _day(w.y, w.published.month, d, m.start(), m.end(), f"{m[0]} has no month; {w.said}, so the same month.")


def _t_half_of_year(m: re.Match[str], w: _When) -> TimeRef | None:
    return _half(int(m[1]), 1 if m[2] == "上" else 2, m.start(), m.end(), None)


def _t_month_end(m: re.Match[str], w: _When) -> TimeRef | None:
    mo = int(m[2])
    year, why = w.rel(m[1])
    if not 1 <= mo <= 12:
        return None
    last = (date(year + (mo == 12), mo % 12 + 1, 1) - date.resolution).day
    return _day(year, mo, last, m.start(), m.end(), f"{m[0]} is the last day of the month; {why}.")


def _t_quarter_of_year(m: re.Match[str], w: _When) -> TimeRef | None:
    return _quarter(int(m[1]), _CN_Q[m[2]], m.start(), m.end(), None)


def _t_first_quarters(m: re.Match[str], w: _When) -> TimeRef | None:
    year, why = w.rel(m[1])
    n = _CN_Q[m[2]]
    return _months(year, 1, 3 * n, m.start(), m.end(), f"the first {n} quarters; {why}.")


def _t_quarter(m: re.Match[str], w: _When) -> TimeRef | None:
    year, why = w.rel(m[1])
    return _quarter(year, _CN_Q[m[2]], m.start(), m.end(), f"{m[0]}: {why}.")


def _t_month_range(m: re.Match[str], w: _When) -> TimeRef | None:
    year, why = w.rel(m[1])
    return _months(year, int(m[2]), int(m[3]), m.start(), m.end(), f"months {m[2]} to {m[3]}; {why}.")


def _t_first_months(m: re.Match[str], w: _When) -> TimeRef | None:
    n = int(cn_number(m[2]))
    year, why = w.rel(m[1])
    return _months(year, 1, n, m.start(), m.end(), f"the first {n} months; {why}.")


def _t_month_of_year(m: re.Match[str], w: _When) -> TimeRef | None:
    return _month(int(m[1]), int(m[2]), m.start(), m.end())


def _t_month(m: re.Match[str], w: _When) -> TimeRef | None:
    year, why = w.rel(m[1])
    return _month(year, int(m[2]), m.start(), m.end(), f"{m[0]}: {why}.")


def _t_half(m: re.Match[str], w: _When) -> TimeRef | None:
    year, why = w.rel(m[1])
    return _half(year, 1 if m[2] == "上" else 2, m.start(), m.end(), f"{why}.")


def _t_end_of_year(m: re.Match[str], w: _When) -> TimeRef | None:
    return _end(int(m[1]), m.start(), m.end(), None)


def _t_year_end(m: re.Match[str], w: _When) -> TimeRef | None:
    year, why = w.rel(m[1])
    return _end(year, m.start(), m.end(), f"{m[0]} (the end of the year): {why}.")


def _t_so_far(m: re.Match[str], w: _When) -> TimeRef | None:
    p = w.published
    return _span(f"{w.y}-01-01", p.isoformat(), f"{w.y}年初至{p.month}月{p.day}日",
                 f"1 January {w.y} to {p.isoformat()}", m.start(), m.end(),
                 f"{m[0]}: from the start of the year to publication ({p.isoformat()}).")


def _t_now(m: re.Match[str], w: _When) -> TimeRef | None:
    return _day(w.y, w.published.month, w.published.day, m.start(), m.end(), f"{m[0]}: {w.said}.")


def _t_yesterday(m: re.Match[str], w: _When) -> TimeRef | None:
    day = w.published - date.resolution
    return _day(day.year, day.month, day.day, m.start(), m.end(), f"{m[0]}: the day before publication.")


def _t_new_year(m: re.Match[str], w: _When) -> TimeRef | None:
    return _day(w.y, 1, 1, m.start(), m.end(), f"{m[0]}: the start of the year; {w.said}, so {w.y}.")


def _t_year(m: re.Match[str], w: _When) -> TimeRef | None:
    return _year(int(m[1]), m.start(), m.end())


def _t_this_year(m: re.Match[str], w: _When) -> TimeRef | None:
    shift = {"去年": -1, "过去一年": -1, "明年": 1}.get(m[0], 0)
    text = m.string
    if (m[0] == "全年" and w.published.month < 12 and re.match(r"(?:累计)?(?:实现|完成|共)", text[m.end():m.end() + 4])
            and not re.search(r"确保|力争|预计|争取|目标|计划|要", text[max(0, m.start() - 6):m.start()])):
        # 全年实现…: a whole year achieved is a year that has ended, the one before publication
        return _year(w.y - 1, m.start(), m.end(), f"{m[0]} with an achieved figure: {w.said}, before the "
                     f"end of {w.y}, so the year that ended, {w.y - 1}.")
    return _year(w.y + shift, m.start(), m.end(), f"{m[0]}: {w.said}, so {w.y + shift}.")


def _t_years_around(m: re.Match[str], w: _When) -> TimeRef | None:
    n, y = int(cn_number(m[2])), w.y
    if m[1] in ("过去", "近"):  # the N years up to publication: the year of publication is the last
        return _span(str(y - n + 1), str(y), f"{y - n + 1}—{y}年", f"{y - n + 1} to {y}", m.start(), m.end(),
                     f"{m[0]}: the {n} years up to {w.said}, the publication, {y} the last (vague).")
    return _span(str(y + 1), str(y + n), f"{y + 1}—{y + n}年", f"{y + 1} to {y + n}", m.start(), m.end(),
                 f"{m[0]}: the {n} years after {y}, the year of publication (vague).")


_REL = r"(?:(今年|去年|明年)|(?<![\d年]))"
_REL_MONTH = r"(?:(今年|去年|明年)|(?<![\d年\-—–~～至到]))"
#: The date rules, one row each, in order: where two spans overlap, the earlier rule's wins.
TIME_RULES: list[tuple[re.Pattern[str], _TimeRule]] = [(re.compile(p), f) for p, f in [
    (r"“?十四五”?(末|期间|时期)?", _t_plan_period),
    (r"(\d{4})年(\d{1,2})月(\d{1,2})日", _t_full_day),
    (r"(\d{4})\s*[—–\-~～至到]\s*(\d{4})年", _t_years),
    (_REL + r"(\d{1,2})月(\d{1,2})日\s*[—–\-~～至到]\s*(?:(\d{1,2})月)?(\d{1,2})日", _t_days),
    (_REL + r"(\d{1,2})月(\d{1,2})日", _t_day),
    (_REL + r"(\d{1,2})月(上|中|下)旬", _t_dekad),
    (r"(?:(\d{4})年|(今年|去年|明年))?(?:第)?(?:([一二三四])季度?|(上)半年)末", _t_quarter_end),
    (r"(?<![\d月年])(\d{1,2})日(?=[，,电讯])", _t_day_of_month),
    (r"(\d{4})年(上|下)半年", _t_half_of_year),
    (_REL + r"(\d{1,2})月(?:底|末)", _t_month_end),
    (r"(\d{4})年(?:第)?([一二三四1-4])季(?:度)?", _t_quarter_of_year),
    (r"(今年|去年|明年)?(?:前|首)([三二])季(?:度)?", _t_first_quarters),
    (r"(今年|去年|明年)?(?:第)?([一二三四])季(?:度)?", _t_quarter),
    (_REL + r"(\d{1,2})\s*[—–\-~～至到]\s*(\d{1,2})月", _t_month_range),
    (r"(今年)?前(\d{1,2}|[一二三四五六七八九十]{1,2})个月", _t_first_months),
    (r"(\d{4})年(\d{1,2})月(?![\d日底末])", _t_month_of_year),
    (_REL_MONTH + r"(\d{1,2})月(?![\d日底末份]|[—–\-~～至到])(?:当月)?", _t_month),
    (r"(今年|去年|明年)?(上|下)半年", _t_half),
    (r"(\d{4})年(?:底|末)", _t_end_of_year),
    (r"(今年|明年|去年|上年)(?:年底|年末|底|末)|(?<![\d今明去上])(?:年底|年末)", _t_year_end),
    (r"今年以来|年初以来", _t_so_far),
    (r"截至目前|截至发稿|目前为止|(?<![截至])目前|(?<![截至])当前(?![的,，])", _t_now),
    (r"昨日|昨天", _t_yesterday),
    (r"(今年)?年初", _t_new_year),
    (r"(?<!\d)(\d{4})年(?!同期)", _t_year),
    (r"全年|年内|本年度|今年|明年|去年(?!同期)|过去一年", _t_this_year),
    (r"(过去|近|未来|今后)(\d|[一二三四五六七八九十两]{1,2})年", _t_years_around),
]]


def _valid_id(ident: str) -> bool:
    """Is a moved time id a real one (2023-02-29 is not)?"""
    if len(ident) == 10 and ident[4] == "-" and ident[7] == "-":
        try:
            date.fromisoformat(ident)
        except ValueError:
            return False
    return True


def _previous_year(text: str, times: list[TimeRef], published: date) -> list[TimeRef]:
    """上年, and 上年同期/去年同期/2020年同期: a year before the year the text reports on just before,
    or the period it reports on moved to the year before (or to the year written)."""
    out = []
    starts = [t.start for t in times]
    for m in re.finditer(r"(上年|去年|(?<!\d)\d{4}年)同期|上年", text):
        before = [t for t in times[max(0, bisect_right(starts, m.start()) - 12):bisect_right(starts, m.start())]
                  if t.end <= m.start() and "-end" not in t.id]
        if m[1]:
            last = next((t for t in reversed(before) if t.id[:4].isdigit()), None)
            if m[1][0].isdigit():
                year, why = int(m[1][:4]), f"{m[0]}: the period before it"
                if last is None:
                    continue
                moved = [str(year + int(p[:4]) - int(last.id[:4])) + p[4:] for p in last.id.split("/")]
            elif last is not None:
                moved = [str(int(p[:4]) - 1) + p[4:] for p in last.id.split("/")]
                why = f"{m[0]}: the period before it"
            else:
                moved = [str(published.year - 1)]
                why = f"{m[0]} with no period before it: the year before publication"
            shifted = "/".join(moved)
            if last is not None and shifted == last.id or not all(map(_valid_id, moved)):
                continue  # the same period, or a 29 February moved to a year without one
            on = f" ({last.id})" if last is not None else ""
            out.append(TimeRef(shifted, f"{last.zh if last else ''}({m[0]})",
                               f"the same period in {shifted[:4]}", m.start(), m.end(),
                               f"{why}{on}, in {shifted[:4]}."))
        else:
            base = int(before[-1].id[:4]) if before else published.year
            out.append(_year(base - 1, m.start(), m.end(),
                             f"{m[0]}: the year before {base}, the year the text reports on."))
    return out


def find_times(text: str, published: date) -> list[TimeRef]:
    """Dates and periods, each resolved against ``published`` (the article's own date).

    The rules of :data:`TIME_RULES` in order (an earlier rule's span wins where two overlap); a day
    without a year is in the year of publication when it falls on or before publication or at most
    45 days after it (an event announced), else in the year before; a month, quarter or half
    without a year is in the year of publication (news speaks of this year's plans too)."""
    when = _When(published)
    out: list[TimeRef] = []
    taken = Spans()
    for pattern, read in TIME_RULES:
        for m in pattern.finditer(text):
            t = read(m, when)
            if t is not None and taken.take(t.start, t.end):
                out.append(t)
    out.sort(key=lambda t: t.start)
    for t in [*_previous_year(text, out, published), *_stage_years(text)]:
        if taken.take(t.start, t.end):
            out.append(t)
    return sorted((_stated(t, text) for t in out), key=lambda t: t.start)


def _stated(t: TimeRef, text: str) -> TimeRef:
    """A time whose words do not state it as the checker reads it (06月09日, full-width digits) says
    how it was read: the fact-sheet checker wants the year, and a day's 6月9日, in the quote."""
    if t.derivation is not None:
        return t
    written = text[t.start:t.end]
    if all(w in written for w in stated_parts(t.id)):
        return t
    return TimeRef(t.id, t.zh, t.en, t.start, t.end, f"“{written}” as written is {t.id}.")


@lru_cache(maxsize=4)
def stage_lists(text: str) -> list[list[tuple[int, str, int, int]]]:
    """Lists of staged goals such as “一年…、二年…、三年…”: (order, label, start, end) each."""
    out = []
    for m in re.finditer(r"[“‘]([^”’]+)[”’]", text):
        parts = m.group(1).split("、")
        if len(parts) < 2:
            continue
        items: list[tuple[int, str, int, int]] = []
        pos = m.start(1)
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
