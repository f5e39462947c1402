"""Readable renderings of the values of concern norms: thresholds and notice periods.

The curated files carry these renderings as ``rdfs:label`` of each threshold and deadline
node, so that a comparison can show them; a test renders every node again from its data
and compares. Pure functions.
"""

from __future__ import annotations

import re

_DIGITS = "零一二三四五六七八九"
TOTALS = {
    "all-members": ("全体组成人员", "all members", "组成人员", "members"),
    "all-deputies": ("全体代表", "all deputies", "代表", "deputies"),
    "members-present": (
        "出席会议的组成人员",
        "the members present",
        "出席会议的组成人员",
        "present",
    ),
}
_FRACTIONS_EN = {(1, 2): "half", (2, 3): "two thirds", (1, 3): "one third", (1, 5): "one fifth"}
_PERIOD = re.compile(r"^P(\d+)([DM])$")


def chinese_number(n: int) -> str:
    """Write a number below 100 in Chinese numerals.

    >>> chinese_number(7), chinese_number(10), chinese_number(30), chinese_number(15)
    ('七', '十', '三十', '十五')
    """
    if not 0 < n < 100:
        raise ValueError(f"{n} is out of range")
    tens, units = divmod(n, 10)
    if not tens:
        return _DIGITS[units]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[units] if units else "")


def render_threshold(
    *,
    comparison: str,
    total: str,
    numerator: int | None = None,
    denominator: int | None = None,
    count: int | None = None,
) -> tuple[str, str]:
    """Return the zh and en wording of a threshold given by its data (slugs of the concepts).

    >>> render_threshold(comparison="more-than", total="all-members", numerator=1, denominator=2)
    ('全体组成人员的过半数', 'more than half of all members')
    >>> render_threshold(comparison="at-least", total="all-deputies", numerator=2, denominator=3)
    ('全体代表的三分之二以上', 'at least two thirds of all deputies')
    >>> render_threshold(comparison="at-least", total="all-members", count=10)
    ('组成人员十人以上', 'at least 10 members')
    """
    total_zh, total_en, noun_zh, noun_en = TOTALS[total]
    at_least = comparison == "at-least"
    if count is not None:
        zh = f"{noun_zh}{chinese_number(count)}人以上" if at_least else f"{noun_zh}超过{count}人"
        en = f"{'at least' if at_least else 'more than'} {count} {noun_en}"
        return zh, en
    if (numerator, denominator) == (1, 2) and not at_least:
        share_zh = "过半数"
    else:
        share_zh = f"{chinese_number(denominator)}分之{chinese_number(numerator)}"
        share_zh = share_zh + "以上" if at_least else "超过" + share_zh
    share_en = _FRACTIONS_EN.get((numerator, denominator), f"{numerator}/{denominator}")
    bound = "at least" if at_least else "more than"
    return f"{total_zh}的{share_zh}", f"{bound} {share_en} of {total_en}"


def render_period(period: str, *, counted_back_from: str = "meeting-opening") -> tuple[str, str]:
    """Return the zh and en wording of a notice period counted back from the meeting.

    >>> render_period("P7D")
    ('会议举行七日以前', '7 days before the meeting opens')
    >>> render_period("P1M")
    ('会议举行一个月以前', '1 month before the meeting opens')
    """
    match = _PERIOD.match(period)
    if not match or counted_back_from != "meeting-opening":
        raise ValueError(f"cannot render the period {period!r} from {counted_back_from!r}")
    n, unit = int(match.group(1)), match.group(2)
    plural = "s" * (n != 1)
    if unit == "D":
        return f"会议举行{chinese_number(n)}日以前", f"{n} day{plural} before the meeting opens"
    return f"会议举行{chinese_number(n)}个月以前", f"{n} month{plural} before the meeting opens"
