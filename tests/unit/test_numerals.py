"""Chinese numerals: reading, writing, round trips and refusals."""

import pytest

from govrules.knowledge.parse.numerals import digits_to_int, to_chinese, to_int


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("零", 0),
        ("一", 1),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("三十四", 34),
        ("一百", 100),
        ("一百零二", 102),
        ("一百一十", 110),
        ("一千零一", 1001),
        ("一千零一十", 1010),
        ("九千九百九十九", 9999),
        ("一万", 10000),
        ("一万零五", 10005),
        ("十万零五", 100005),
        ("一亿零五百", 100000500),
    ],
)
def test_round_trip(text, value):
    assert to_int(text) == value
    assert to_chinese(value) == text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("〇", 0),
        ("一百〇二", 102),
        ("两", 2),
        ("两百", 200),
        ("兩千", 2000),
        ("一十二", 12),
        ("一萬", 10000),
        ("15", 15),
        ("１０２", 102),
    ],
)
def test_variant_spellings(text, value):
    assert to_int(text) == value


@pytest.mark.parametrize(
    "text", ["", "百", "十十", "一百二", "二二", "零一", "一零", "百零二", "x", "一x"]
)
def test_malformed_numerals_raise(text):
    with pytest.raises(ValueError, match="not a Chinese numeral"):
        to_int(text)


def test_every_number_below_ten_thousand_round_trips():
    assert all(to_int(to_chinese(n)) == n for n in range(10000))


@pytest.mark.parametrize("value", [-1, 10**12])
def test_to_chinese_refuses_out_of_range(value):
    with pytest.raises(ValueError):
        to_chinese(value)


def test_digits_to_int_reads_years():
    assert digits_to_int("二〇二〇") == 2020
    assert digits_to_int("二零一八") == 2018
    with pytest.raises(ValueError):
        digits_to_int("二十")
