"""Dates and title notes (题注): the adoption, amendment and promulgation lines under a title.

A title note is a date followed by who acted and how: ``1993年2月25日 浙江省第八届人民代表大会常务
委员会第二次会议通过``, ``…会议《关于修改〈…〉的决定》第一次修正``, ``(2012年4月26日市政府第1次
常务会议修订通过)``. One line may hold several notes, each starting with its date.
"""

import datetime as dt
import re
from dataclasses import dataclass

from govrules.knowledge.parse.numerals import NUMERAL, digits_to_int, to_int

_YEAR = r"(?:\d{4}|[〇○零一二三四五六七八九]{4})"
_DATE_BODY = rf"({_YEAR})\s*年\s*({NUMERAL})\s*月\s*({NUMERAL})\s*日"
_DATE = re.compile(_DATE_BODY)
# Verbs that end a note, longest first, and the event kind each records.
_VERBS = (
    ("修订通过", "revised"),
    ("修正通过", "amended"),
    ("公布施行", "promulgated"),
    ("发布施行", "published"),
    ("通过", "adopted"),
    ("修正", "amended"),
    ("修改", "amended"),
    ("修订", "revised"),
    ("公布", "promulgated"),
    ("发布", "published"),
    ("印发", "published"),
    ("施行", "in-force"),
    ("实施", "in-force"),
    ("废止", "repealed"),
    ("批准", "approved"),
)
KINDS = ("adopted", "amended", "revised", "promulgated", "in-force", "repealed", "published")
_VERB = re.compile(
    r"(?:第[一二三四五六七八九十\d]+次)?(?:审议)?(" + "|".join(v for v, _ in _VERBS) + r")"
    r"(?:施行)?[)）]?[。.]?$"
)
_BY_TRIM = re.compile(r"^(?:根据|经|由)|(?:审议)?(?:通过的|作出的|的)?$")
# The note does not start with a date when it reads 根据…决定修正 (the date is elsewhere).
_NOTE_START = re.compile(rf"[(（]?\s*{_DATE_BODY}")


@dataclass(frozen=True)
class Event:
    """One event of a text's history, as its title notes record it.

    *kind* is one of adopted, amended, revised, promulgated, in-force, repealed, published (and
    approved, for a provincial congress's approval of a city's regulation); *by* the body or
    meeting as written; *act* the title of the amending act, when the note names one.
    """

    date: dt.date
    kind: str
    by: str | None
    act: str | None
    line: int


def parse_date(text: str) -> dt.date | None:
    """Return the date written as 2020年3月12日, 二〇二〇年三月十二日 or 二○○七年四月九日, or None.

    >>> parse_date("2020年3月12日"), parse_date("二○○七年四月九日")
    (datetime.date(2020, 3, 12), datetime.date(2007, 4, 9))
    """
    match = _DATE.fullmatch(text.strip())
    return _date(match) if match else None


def _date(match: re.Match) -> dt.date | None:
    """Return the date of a _DATE match, or None when it is no calendar date."""
    year, month, day = match.groups()
    try:
        year_value = int(year) if year.isdigit() else digits_to_int(year.replace("○", "〇"))
        return dt.date(year_value, to_int(month), to_int(day))
    except ValueError:
        return None


def is_note(text: str) -> bool:
    """Return whether *text* starts as a title note: a date, optionally in parentheses.

    >>> is_note("1987年11月24日 第六届全国人民代表大会常务委员会第二十三次会议通过")
    True
    >>> is_note("（2012年4月26日市政府第1次常务会议修订通过）"), is_note("2020年3月12日")
    (True, False)
    """
    match = _NOTE_START.match(text)
    return bool(match) and bool(text[match.end() :].strip(" \u3000)）"))


def read_events(text: str, line: int) -> list[Event]:
    """Return the events of a title note line (several when it holds several dated notes).

    >>> (event,) = read_events("2009年4月24日 第十一届全国人大常委会第八次会议"
    ...     "《关于修改〈议事规则〉的决定》修正", 3)
    >>> event.date.isoformat(), event.kind, event.by, event.act
    ('2009-04-24', 'amended', '第十一届全国人大常委会第八次会议', '关于修改〈议事规则〉的决定')
    """
    body = text.strip().strip("()（）").strip()
    dates = list(_DATE.finditer(body))
    # A date starts a new note only at the start or after a space or a closing verb.
    starts = [m for m in dates if m.start() == 0 or _ends_note(body[: m.start()])]
    events: list[Event] = []
    for i, match in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(body)
        date = _date(match)
        if date is not None:
            events.extend(_events(date, body[match.end() : end], line))
    return events


def _ends_note(before: str) -> bool:
    """Return whether the text *before* a date ends a note (so the date begins the next one)."""
    stripped = before.rstrip()
    if stripped.endswith("根据"):
        return True  # …通过，根据2020年12月23日…修正
    return stripped != before or bool(_VERB.search(stripped.rstrip("，,；;")))


def _events(date: dt.date, rest: str, line: int) -> list[Event]:
    """Return the events of one note: *rest* is what follows its date."""
    rest = re.sub(r"\s+", "", rest).strip("，,；;。)）根据")
    verb = _VERB.search(rest)
    if not verb:
        return []
    kind = dict(_VERBS)[verb.group(1)]
    head = rest[: verb.start()]
    act = None
    if span := _last_title(head):
        act, head = head[span[0] + 1 : span[1] - 1], head[: span[0]]
    by = _BY_TRIM.sub("", head).strip("，,") or None
    kinds = [kind]
    if (
        verb.group(0).startswith(("公布施行", "发布施行"))
        or verb.group(0).endswith("施行")
        and (kind != "in-force")
    ):
        kinds.append("in-force")
    return [Event(date, k, by, act, line) for k in kinds]


def _last_title(text: str) -> tuple[int, int] | None:
    """Return the span of the last outermost 《…》 in *text* (titles may nest 《》 inside).

    >>> _last_title("会议《关于修改〈甲《乙》〉的决定》")
    (2, 17)
    """
    depth, start, span = 0, 0, None
    for i, ch in enumerate(text):
        if ch == "《":
            start = i if depth == 0 else start
            depth += 1
        elif ch == "》" and depth:
            depth -= 1
            span = (start, i + 1) if depth == 0 else span
    return span


def adopting_body(events: list[Event]) -> str:
    """Return the meeting that adopted (or revised and adopted) the text, or ""."""
    for event in events:
        if event.kind in ("adopted", "revised") and event.by:
            return event.by
    return ""
