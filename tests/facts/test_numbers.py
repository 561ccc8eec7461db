"""The numbers Chinese quantities state, worked out by hand (not taken from the parser)."""

from decimal import Decimal

import pytest

from zonekg.facts.numbers import parse_quantity

CASES = [
    # Arabic digits, with and without multipliers
    ("48.98 亿元", "4898000000"),  # 48.98 × 10^8
    ("12万辆", "120000"),  # 12 × 10^4
    ("年产12万辆", "120000"),
    ("6.6%", "6.6"),  # a percentage is its number; the unit says percent
    ("同比增长6.6%", "6.6"),
    ("1.5万亿元", "1500000000000"),  # 1.5 × 10^4 × 10^8
    ("3千万元", "30000000"),  # 3 × 1000 × 10^4
    ("1,200万元", "12000000"),  # 1200 × 10^4
    ("12,345,678元", "12345678"),
    ("11项", "11"),
    ("未来30年", "30"),
    ("2024年", "2024"),
    ("0.5亿", "50000000"),
    ("5千", "5000"),
    ("-3.2%", "-3.2"),
    ("１２万", "120000"),  # full-width digits
    # Chinese numerals
    ("第一名", "1"),
    ("五年", "5"),
    ("三年", "3"),
    ("二年", "2"),
    ("十二", "12"),
    ("二十三", "23"),
    ("三十一", "31"),
    ("十万", "100000"),
    ("一百零五", "105"),
    ("两千亿", "200000000000"),  # 2000 × 10^8
    ("千亿级", "100000000000"),  # 1000 × 10^8
    ("百亿", "10000000000"),
    ("万亿", "1000000000000"),
    ("上亿", "100000000"),  # 亿 alone is one 亿
    ("一亿两千万", "120000000"),  # 10^8 + 2000 × 10^4
    ("三十五万", "350000"),
    ("两千零二十四", "2024"),
    ("二〇二四年", "2024"),  # digits read as written
    ("一亿零五百万", "105000000"),
    ("六点六", "6.6"),
    ("三十点五", "30.5"),  # 30 + 0.5
    ("零点五", "0.5"),
    ("百分之六点六", "6.6"),
    ("壹佰贰拾", "120"),  # financial numerals
    ("4个", "4"),
    ("6大类", "6"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_quantity(text, expected):
    assert parse_quantity(text) == Decimal(expected)


def test_the_table_has_at_least_thirty_forms():
    assert len({text for text, _ in CASES}) >= 30


@pytest.mark.parametrize("text", ["", "产业链配套完善", "GDP", "％", "3 4"])
def test_no_quantity(text):
    assert parse_quantity(text) is None
