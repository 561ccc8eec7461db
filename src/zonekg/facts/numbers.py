"""The number a Chinese quantity states, so that a fact sheet's ``original`` can be checked
against its value.

Articles mix Arabic digits with Chinese numerals and multipliers: ``48.98 亿元``, ``1,200万元``,
``1.5万亿元``, ``两千亿``, ``第一名``, ``五年``, ``千亿级``.  cn2an (PyPI) was tried and does not fit:
it rejects ``1.5万亿``, ``48.98 亿``, ``1,200万``, ``第一名`` and ``五年``.  The rules here are the
ordinary ones of written Chinese: 十/百/千 multiply the digit before them (or 1 when there is
none) within a group, 万 multiplies the group since the last 亿 or 万 (including an
Arabic number: ``1.5万`` = 15000), and 亿 multiplies everything before it (``1.5万亿`` = 1.5e12).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9,
}
_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_MYRIAD = {"万": 10**4, "萬": 10**4}
_HUNDRED_MILLION = {"亿": 10**8, "億": 10**8}

_ARABIC = r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_CHINESE = "".join([*_DIGITS, *_SMALL, *_MYRIAD, *_HUNDRED_MILLION])
#: One quantity: Arabic numbers and Chinese numerals and multipliers, spaces allowed between them.
_QUANTITY = re.compile(rf"(?:{_ARABIC}|[{_CHINESE}])(?:\s*(?:{_ARABIC}|[{_CHINESE}]|点[{''.join(_DIGITS)}]+))*")
_TOKEN = re.compile(rf"{_ARABIC}|点[{''.join(_DIGITS)}]+|[{_CHINESE}]")


def parse_quantity(text: str) -> Decimal | None:
    """The first quantity written in ``text``: '48.98 亿元' → 4898000000, '第一名' → 1, '6.6%' → 6.6,
    '千亿级' → 100000000000, '百分之六点六' → 6.6; None when the text states no number."""
    text = unicodedata.normalize("NFKC", text)  # full-width digits, ％ and ，
    if "百分之" in text:
        text = text.split("百分之", 1)[1]
    m = _QUANTITY.search(text)
    if m is None:
        return None
    return _value(_TOKEN.findall(m.group(0)))


def _value(tokens: list[str]) -> Decimal | None:
    big = mid = small = Decimal(0)  # sums of the groups closed by 亿, by 万, and by 十/百/千
    digit: Decimal | None = None  # the number waiting for its multiplier
    positional = False  # a run of bare Chinese digits, read as written: 二〇二四 → 2024
    for tok in tokens:
        if tok in _DIGITS:
            d = Decimal(_DIGITS[tok])
            if positional:  # a run of bare digits, read as written
                digit = digit * 10 + d if digit is not None else d
            elif digit is None and small == mid == big == 0:  # the first digit: perhaps such a run
                digit, positional = d, True
            else:  # 一百零五: 零 only holds a place until 五 replaces it
                digit = d
        elif tok.startswith("点"):
            fraction = "".join(str(_DIGITS[c]) for c in tok[1:])
            digit = (digit or Decimal(0)) + Decimal("0." + fraction)
            positional = False
        elif tok in _SMALL:
            small += (Decimal(1) if digit is None else digit) * _SMALL[tok]
            digit, positional = None, False
        elif tok in _MYRIAD:
            group = small + (digit or 0)
            mid = (mid + (group or Decimal(1))) * _MYRIAD[tok]
            small, digit, positional = Decimal(0), None, False
        elif tok in _HUNDRED_MILLION:
            group = big + mid + small + (digit or 0)
            big = (group or Decimal(1)) * _HUNDRED_MILLION[tok]
            mid = small = Decimal(0)
            digit, positional = None, False
        else:  # an Arabic number
            if digit is not None:
                return None  # two numbers side by side ('3 4'): not one quantity
            try:
                digit = Decimal(tok.replace(",", "").replace("−", "-"))
            except InvalidOperation:  # pragma: no cover - the pattern only matches numbers
                return None
            positional = False
    return big + mid + small + (digit or 0)
