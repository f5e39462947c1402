"""Chinese numerals as used in the headings of legal texts (第一百零二条, 第三章, (二)).

Parsing is strict: a numeral must read as the standard written form of its value, so a
typo in a heading (一百二条, 十十) raises instead of giving a plausible but wrong number.
"""

import re
from functools import lru_cache

DIGITS = "零一二三四五六七八九"
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
LARGE_UNITS = {"万": 10**4, "亿": 10**8}

# Variant spellings folded onto the standard form before reading.
_VARIANTS = str.maketrans({"〇": "零", "两": "二", "兩": "二", "萬": "万", "億": "亿"})
_DIGIT_VALUE = {ch: i for i, ch in enumerate(DIGITS)}
_ARABIC = re.compile(r"[0-9０-９]+")

#: Characters a numeral may contain, for building regular expressions.
NUMERAL_CHARS = DIGITS + "〇两兩" + "".join(SMALL_UNITS) + "".join(LARGE_UNITS) + "萬億"
#: Regular expression class matching one or more numeral characters or arabic digits.
NUMERAL = f"[{NUMERAL_CHARS}0-9０-９]+"


@lru_cache(maxsize=4096)
def to_int(text: str) -> int:
    """Return the value of a Chinese numeral; arabic digits are accepted too.

    >>> to_int("一百零二")
    102
    >>> to_int("十"), to_int("二十"), to_int("三十四"), to_int("一千零一")
    (10, 20, 34, 1001)
    >>> to_int("两百"), to_int("〇"), to_int("一十二"), to_int("１５")
    (200, 0, 12, 15)
    >>> to_int("一百二")
    Traceback (most recent call last):
    ...
    ValueError: not a Chinese numeral: '一百二'

    :raises ValueError: when *text* is not the standard form of a number.
    """
    if _ARABIC.fullmatch(text):
        return int(text.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    norm = text.translate(_VARIANTS)
    value = _read(norm) if norm else None
    if value is None:
        raise ValueError(f"not a Chinese numeral: {text!r}")
    # "一十二" is an accepted long form of "十二"; anything else must be the standard form.
    canonical = to_chinese(value)
    if norm not in (canonical, "一" + canonical if canonical.startswith("十") else canonical):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    return value


def _read(text: str) -> int | None:
    """Return the value of *text* read positionally, or None if it has a stray character."""
    total = section = current = 0
    number: int | None = None
    for ch in text:
        if ch in _DIGIT_VALUE:
            if number:
                return None
            number = _DIGIT_VALUE[ch]
        elif ch in SMALL_UNITS:
            current += (1 if number is None else number) * SMALL_UNITS[ch]
            number = None
        elif ch == "万":
            section += (current + (number or 0)) * LARGE_UNITS[ch]
            current, number = 0, None
        elif ch == "亿":
            total += (section + current + (number or 0)) * LARGE_UNITS[ch]
            section, current, number = 0, 0, None
        else:
            return None
    return total + section + current + (number or 0)


def to_chinese(value: int) -> str:
    """Return the standard Chinese numeral for a non-negative integer below 10¹².

    >>> to_chinese(102), to_chinese(10), to_chinese(1001), to_chinese(110)
    ('一百零二', '十', '一千零一', '一百一十')
    >>> to_chinese(100005), to_chinese(0)
    ('十万零五', '零')
    """
    if not 0 <= value < 10**12:
        raise ValueError(f"cannot write {value} as a Chinese numeral")
    if value == 0:
        return DIGITS[0]
    groups = [(value // 10**8) % 10**4, (value // 10**4) % 10**4, value % 10**4]
    out = ""
    gap = False
    for group, unit in zip(groups, ("亿", "万", ""), strict=True):
        if group == 0:
            gap = gap or bool(out)
            continue
        if out and (gap or group < 1000):
            out += DIGITS[0]
        out += _group(group) + unit
        gap = False
    # A leading "一十" is written "十" (十二, 十万), but not inside a number (一百一十).
    return out[1:] if out.startswith("一十") else out


def _group(value: int) -> str:
    """Return the numeral for 1 ≤ *value* < 10000, without a leading zero."""
    out = ""
    zero = False
    for unit, digit in zip(("千", "百", "十", ""), f"{value:04d}", strict=True):
        if digit == "0":
            zero = zero or bool(out)
        else:
            out += (DIGITS[0] if zero else "") + DIGITS[int(digit)] + unit
            zero = False
    return out


def digits_to_int(text: str) -> int:
    """Return the value of a numeral written digit by digit, as in years (二〇二〇).

    >>> digits_to_int("二〇二〇")
    2020
    """
    norm = text.translate(_VARIANTS)
    if not norm or any(ch not in _DIGIT_VALUE for ch in norm):
        raise ValueError(f"not a digit-by-digit numeral: {text!r}")
    return int("".join(str(_DIGIT_VALUE[ch]) for ch in norm))
