"""Notes proposed for provisions that state no norm (legal basis, scope, entry into force)."""

from __future__ import annotations

import re

from govrules.knowledge.drafting.clauses import (
    find_cues,
)
from govrules.knowledge.drafting.model import DraftNote

#: Paragraphs stating no norm, by what they are (proposed gwr:nonNormativeNote).
_NOTES: tuple[tuple[str, str, str], ...] = (
    (
        r"制定本(工作规则|规则|办法|条例|规定|细则|制度)",
        "陈述性条款:制定依据",
        "declarative: legal basis",
    ),
    (r"(适用本|依照本)(规则|办法|条例|规定|章|节)", "陈述性条款:适用范围", "declarative: scope"),
    (
        r"(自|从)[^，,。]*起施行|(^|，)本(规则|办法|条例|规定)[^，,。]*施行",
        "陈述性条款:施行日期",
        "declarative: entry into force",
    ),
    (r"所称|是指", "陈述性条款:定义", "declarative: definition"),
    (r"指导思想|为指导", "陈述性条款:指导思想", "declarative: guiding ideology"),
    (
        r"的准则是|的原则是|^[^，,]{0,20}坚持[^，,]{0,40}原则",
        "陈述性条款:工作准则",
        "declarative: principles",
    ),
    (r"由[^。]{0,30}组成(?!人员)", "构成性条款:组成", "constitutive: composition"),
)


def _declarative(text: str) -> tuple[str, str] | None:
    """Return the note of a paragraph that states no norm (legal basis, scope …), if it is one."""
    if find_cues(text):
        return None
    for pattern, zh, en in _NOTES:
        if re.search(pattern, text):
            return zh, en
    return None


def _note(text: str, source: str) -> DraftNote:
    for pattern, zh, en in _NOTES:
        if re.search(pattern, text):
            return DraftNote(source, zh, en)
    return DraftNote(
        source, "未发现规范性标记(起草器提议)", "no normative cue found (drafter's proposal)"
    )
