"""What a clause says besides its act: deadlines, conditions, counterparties and forums."""

from __future__ import annotations

import re
from dataclasses import dataclass

from govrules.knowledge.drafting.lexicon import (
    BY_VERBS,
    CONDITIONS,
    COUNTED_FROM,
    TO_VERBS,
)
from govrules.knowledge.parse.numerals import to_int


@dataclass
class Deadline:
    """A period and what it counts from (自发布之日起十五日内) or back from (会议举行的七日前)."""

    days: int
    counted_from: str | None
    before: bool = False
    back_from: str | None = None
    months: bool = False

    @property
    def period(self) -> str:
        """Return the period's lexical form: xsd:dayTimeDuration, or yearMonthDuration (P1M)."""
        return f"P{self.days}M" if self.months else f"P{self.days}D"


_NUM = r"(\d+|[〇零一二三四五六七八九十百两]+)"
_DEADLINE = re.compile(
    r"(?:(?:自|从|于|在)([^，,；;。]{0,24}?)(?:之日|之后|后)?起?)?"
    + _NUM
    + r"\s*(个工作日|日|天|个月)"
    r"(内|以内|之内|前|以前|之前)"
)


def find_deadline(text: str) -> Deadline | None:
    """Return the deadline a clause states, if any.

    >>> find_deadline("自发布之日起15日内向市政府备案").period
    'P15D'
    >>> d = find_deadline("在会议举行的七日前通知")
    >>> (d.period, d.back_from, d.before)
    ('P7D', 'meeting-opening', True)
    """
    m = _DEADLINE.search(text)
    if m is None:
        return None
    try:
        days = int(m.group(2)) if m.group(2).isdigit() else to_int(m.group(2))
    except (ValueError, KeyError):
        return None
    event = m.group(1) or text[: m.start()]
    before = m.group(4) in ("前", "以前", "之前")
    meeting = bool(re.search(r"会议举行|开会|举行会议|会议召开|召开|会议", event))
    if before:
        # A notice period counts back from the opening of the meeting (the concern scheme's
        # gwr:countedBackFrom time-reference:meeting-opening).
        back = "meeting-opening" if meeting else None
        return Deadline(days, None, before=True, back_from=back, months=m.group(3) == "个月")
    counted = next((prop for word, prop in COUNTED_FROM if word in event), None)
    if counted is None and meeting:
        counted = "gwr:meetingDate"
    return Deadline(days, counted, months=m.group(3) == "个月")


def find_conditions(text: str) -> list[tuple[str, bool]]:
    """Return (condition slug, is an exception) for the condition cues of a clause.

    >>> find_conditions("除需要保密的外，必要时可以公开")
    [('secret', True), ('when-necessary', False)]
    """
    found: dict[str, bool] = {}
    for word, slug, exception in CONDITIONS:
        if word in text and slug not in found:
            found[slug] = exception
    return list(found.items())


_TO = re.compile(r"向([^，,；;。向]{1,30}?)(?:" + "|".join(TO_VERBS) + ")")
_REPORT_TO = re.compile(
    r"(?<![汇])报(?!告|请|备|送)([^，,；;。报]{1,30}?)(?:备案|批准|同意|审批|审定|审查)"
)
_BY = re.compile(r"(?:经|须经|报经|征得)([^，,；;。经]{1,30}?)(?:" + "|".join(BY_VERBS) + ")")
#: The other party of acts done to or with someone: 接受X监督, 协助X, 听取X意见, 委托X …
_WITH = re.compile(
    r"接受([^，,；;。]{1,20}?)的?(?:民主)?监督|协助([^，,；;。]{1,12}?)(?:工作|联系|处理|$)|"
    r"听取([^，,；;。]{1,30}?)(?:等方面)?的?意见|邀请([^，,；;。]{1,30}?)(?:参与|参加|列席|出席)|"
    r"(?<!受)委托([^，,；;。]{1,12}?)(?=召集|主持|报告|负责|处理|审议|$)|"
    r"征求([^，,；;。]{1,20}?)的?意见|提请([^，,；;。]{1,20}?)(?:审议|决定|讨论)"
)


def counterparty_phrases(text: str) -> list[str]:
    """Return the noun phrases a clause names as counterparty (向X报告, 报X备案, 经X批准 …).

    A meeting that decides (经…会议讨论决定) is a forum, not a counterparty.

    >>> counterparty_phrases("及时向市长报告，并报市政府备案")
    ['市长', '市政府']
    """
    found = []
    for pattern in (_TO, _REPORT_TO, _BY, _WITH):
        for m in pattern.finditer(text):
            phrase = next(g for g in m.groups() if g is not None) if m.groups() else m.group(1)
            if "会议讨论" in phrase or re.search(r"会议(?:研究|讨论)$", phrase):
                continue
            # 常务委员会会议, 常务委员会全体会议: the body that meets; other meetings are forums.
            body = re.sub(r"(?:全体|联组|分组)?会议$", "", phrase)
            if body != phrase and not body.endswith(("主任", "委员长")):
                if not body or body.endswith(("常务", "办公", "全体")):
                    continue
                phrase = body
            found.append((m.start(), phrase))
    return [p for _, p in sorted(found)]


_FORUM = re.compile(
    r"(?:经|由|提请|提交)([^，,；;。]{1,40}?会议)(?:讨论|审议|研究)?(?:决定|通过|审议|讨论)"
)


def forum_phrase(text: str) -> str | None:
    """Return the meeting a clause requires to decide (经…会议讨论决定), if any.

    >>> forum_phrase("必须经市政府全体会议或市政府常务会议讨论决定")
    '市政府全体会议或市政府常务会议'
    """
    m = _FORUM.search(text)
    return m.group(1) if m else None
