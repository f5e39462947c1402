"""Which verbs of a clause state its action, and new actions read after a cue."""

from __future__ import annotations

import re

from govrules.knowledge.drafting.clauses import (
    Verb,
    find_verbs,
)
from govrules.knowledge.drafting.lexicon import ACTIONS, LIGHT_VERBS

_RELATIVE = re.compile(r"^[^，,；。]{0,1}的")


def _acting_verbs(text: str, cues, hide) -> list[Verb]:
    """Return the verbs of a clause that state its action.

    Verbs inside a relative clause (决定列席的人员, 提出的议案) modify a noun; verbs before
    the cue belong to the subject; after 可以委托X the verbs are the act delegated.
    """
    verbs = find_verbs(text, hide=hide)
    cue_at = cues[0].start if cues else -1
    kept = []
    for i, verb in enumerate(verbs):
        if _RELATIVE.match(text[verb.end :]):
            continue
        # 决议、决定等: a verb that is a whole item of a list of nouns names a thing.
        after = text[verb.end :].strip()
        if text[: verb.start].endswith("、") and (not after or after.startswith(("等", "、"))):
            continue
        # 调研报告, 审议报告: a verb right after a specific verb is the noun they make.
        if i > 0 and verbs[i - 1].end == verb.start and verbs[i - 1].word not in LIGHT_VERBS:
            continue
        # 建议会议讨论的主要事项通知…: a 的 before the next verb makes this one a modifier,
        # unless that next verb is itself the noun of the 的 (接受市人大的监督).
        nxt = verbs[i + 1] if i + 1 < len(verbs) else None
        between = re.sub(r"(?:有关|相关)的", "", text[verb.end : nxt.start]) if nxt else ""
        if nxt is not None and "的" in between and text[nxt.start - 1] != "的":
            continue
        if cue_at >= 0 and verb.start < cue_at and "的" in text[verb.end : cue_at]:
            continue
        kept.append(verb)
    for i, verb in enumerate(kept):
        if verb.action == "delegate" and re.search(r"可以?$", text[: verb.start]):
            return kept[: i + 1]
        # 决定提请…审议, 决定将报告交…审议: what follows 决定 is what is decided.
        if verb.word == "决定" and i + 1 < len(kept):
            return kept[: i + 1]
    return kept


#: Words after a cue that are adverbs or prepositions, not the act (应当及时…, 可以根据…).
_NOT_VERB_START = tuple("通根围按依及认合在对向从由将把为于予以分适当一切积主严充事坚加牢基")


def _right_verb(cue) -> list[Verb]:
    """Return the act of a right (有发言权 → speak, 无表决权 → vote), if the cue is one."""
    m = re.fullmatch(r"[有无](.+)权", cue.word)
    if m is None or m.group(1) == "":
        return []
    word = m.group(1)
    action = ACTIONS.get(word, "minted:" + word)
    return [Verb(word, action, cue.start + 1, cue.start + 1 + len(word))]


#: Words after a cue that are no act (可以选择…, 应当通过…途径).
_NOT_VERBS = frozenset({"选择", "通过", "根据", "按照", "依照", "及时", "认真", "进行"})


_ADVERBS = re.compile(r"^(?:及时|认真|依法|予以|按时|切实|积极|严格|分别|一律|立即|主动)+")


def _minted_verb(text: str, cue) -> list[Verb]:
    """Return the word after a cue as a new action, when the lexicon knows no verb there."""
    rest = _ADVERBS.sub("", text[cue.start + len(cue.word) :].lstrip("以予"))
    m = re.match(r"[\u4e00-\u9fff]{2}", rest)
    if m is None or m.group().startswith(_NOT_VERB_START) or m.group() in _NOT_VERBS:
        return []
    at = cue.start + len(cue.word)
    return [Verb(m.group(), "minted:" + m.group(), at, at + 2)]
