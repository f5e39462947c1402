"""Sentences and clauses of a provision's text, and what each clause says.

Pure functions over one string: modality cues, actions, counterparties, forums, deadlines and
conditions. The drafter (``draft.py``) strings them into norms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govrules.knowledge.drafting.lexicon import (
    ACTIONS,
    CONSULT_PUBLIC,
    CUE_EXCLUSIONS,
    LIGHT_VERBS,
    MODAL_CUES,
    PERMISSION_NOT_NORM,
)

_SENTENCE = re.compile(r"[^。；;！？!?]+[。；;！？!?]?")
# Clause boundaries: commas and colons, and 但/但是 (the exception of a negated permission).
_CLAUSE = re.compile(r"[，,：:]|(?=但是)|(?=但(?!书))")


@dataclass(frozen=True)
class Span:
    """A piece of a provision's text and where it starts in it."""

    text: str
    start: int

    @property
    def end(self) -> int:
        """Return the offset just after the piece."""
        return self.start + len(self.text)


def sentences(text: str) -> list[Span]:
    """Split a text into sentences at 。；; keeping offsets (delimiters left out).

    >>> [s.text for s in sentences("甲要报告。乙不得公开；")]
    ['甲要报告', '乙不得公开']
    """
    found = []
    for m in _SENTENCE.finditer(text):
        piece = m.group().rstrip("。；;！？!?")
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            found.append(Span(piece.strip(), m.start() + lead))
    return found


def clauses(sentence: Span) -> list[Span]:
    """Split a sentence into clauses at commas, colons and 但, never inside “quotes”.

    >>> [c.text for c in clauses(Span("不得公开，但经批准的可以公开", 0))]
    ['不得公开', '但经批准的可以公开']
    """
    quoted = [m.span() for m in re.finditer(r"“[^”]*”|《[^》]*》", sentence.text)]
    found, start = [], 0
    for m in _CLAUSE.finditer(sentence.text):
        if any(a < m.start() < b for a, b in quoted):
            continue
        if m.start() > start:
            found.append(Span(sentence.text[start : m.start()], sentence.start + start))
        start = m.end()
    if start < len(sentence.text):
        found.append(Span(sentence.text[start:], sentence.start + start))
    return [c for c in found if c.text.strip()]


@dataclass(frozen=True)
class Cue:
    """A modality cue at a place of a clause."""

    word: str
    modality: str
    start: int


def _masked(text: str, spans) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(max(start, 0), min(end, len(chars))):
            chars[i] = "□"
    return "".join(chars)


def _excluded(text: str, word: str, start: int, exclusions) -> bool:
    for longer in exclusions.get(word, ()):
        offset = longer.find(word)
        while offset != -1:
            at = start - offset
            if at >= 0 and text.startswith(longer, at):
                return True
            offset = longer.find(word, offset + 1)
    return False


_CUE_RE = re.compile("|".join(sorted(MODAL_CUES, key=len, reverse=True)))


_RIGHT = re.compile(r"([有无])[\u4e00-\u9fff]{1,4}权")


def find_cues(text: str, *, hide=()) -> list[Cue]:
    """Return the modality cues of a clause, left to right, without false friends.

    >>> [(c.word, c.modality) for c in find_cues("重要情况要及时报告，可行的可以先办")]
    [('要', 'Obligation'), ('可以', 'Permission')]
    """
    quoted = [m.span() for m in re.finditer(r"“[^”]*”|《[^》]*》", text)]
    masked = _masked(text, list(hide) + quoted)
    found = []
    for m in _CUE_RE.finditer(masked):
        word = m.group()
        if _excluded(masked, word, m.start(), CUE_EXCLUSIONS):
            continue
        if word in ("可以", "可") and masked.startswith(PERMISSION_NOT_NORM, m.start()):
            continue
        found.append(Cue(word, MODAL_CUES[word], m.start()))
    # 有发言权 grants a right (a competence); 无表决权 withholds one.
    for m in _RIGHT.finditer(masked):
        if m.group() in ("有权",) or any(c.start == m.start() for c in found):
            continue
        found.append(Cue(m.group(), "Power" if m.group(1) == "有" else "Prohibition", m.start()))
    return sorted(found, key=lambda c: c.start)


#: The head of an object that is a measure (…率, …水平): the verb before it is a modifier.
_MEASURE = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:率|水平|能力|质量|效率|效能)(?![\u4e00-\u9fff])")

_ACTION_RE = re.compile("|".join(sorted(ACTIONS, key=len, reverse=True)))
_AND = re.compile(r"^(?:和|并|并且|及)$")
_CONJ = re.compile(r"^(?:[和并及、或与]|并且|以及)(?:[向报经][^，,]{1,12})?$")


@dataclass(frozen=True)
class Verb:
    """An action verb of the lexicon at a place of a clause."""

    word: str
    action: str
    start: int
    end: int


#: Stretches whose verbs are no action of the clause: titles, quoted slogans, 受X委托 (a
#: condition), 在X领导下 (an adverbial), 自X之日起 (the event a deadline counts from), 作为X人
#: (a role).
_NOT_ACTIONS = re.compile(
    r"《[^》]*》|“[^”]*”|\"[^\"]*\"|受[^，,。；]{1,20}?委托|在[^，,。；]{1,20}?领导下|"
    r"(?:自|从)[^，,。；]{1,24}?(?:之日|后)起|[^，,。；]{1,12}的原则|实行[^，,。；]{0,12}负责制|"
    # 作为X第一责任人, 作为纳税担保人: the role a party acts in, not an act.
    r"作为[^，,。；]{0,16}?[人者员](?!民)"
)


def find_verbs(text: str, *, hide=()) -> list[Verb]:
    """Return the lexicon verbs of a clause, skipping names of parties and meetings (*hide*).

    A verb right after 的 is a noun (市政府的决定), and so not an action.

    >>> [v.action for v in find_verbs("及时向市长报告")]
    ['report']
    >>> [v.action for v in find_verbs("自发布之日起15日内备案")]
    ['file-for-record']
    """
    hidden = list(hide) + [m.span() for m in _NOT_ACTIONS.finditer(text)]
    masked = _masked(text, hidden)
    verbs = []
    previous = None
    for m in _ACTION_RE.finditer(masked):
        word = m.group()
        # 调研报告, 审议报告: a verb right after a specific verb is the noun they make.
        compound = previous is not None and previous.end() == m.start()
        compound = compound and previous.group() not in LIGHT_VERBS
        # …but a word that is no verb where it stands (公开 in 公开征求意见, an adverb) makes
        # no compound of the verb after it.
        previous = None if _excluded(masked, word, m.start(), CUE_EXCLUSIONS) else m
        if compound:
            continue
        # …but 全体代表的过半数通过 counts the votes of a collective: the act is the adoption.
        if m.start() > 0 and masked[m.start() - 1] == "的" and not word.startswith("过半数"):
            continue
        if masked.startswith("权", m.end()):
            continue
        if word in ("应诉",) and masked[max(0, m.start() - 2) : m.start()] == "出庭":
            continue
        if _excluded(masked, word, m.start(), CUE_EXCLUSIONS):
            continue
        verbs.append(Verb(word, ACTIONS[word], m.start(), m.end()))
    return verbs


def actions_of(text: str, verbs: list[Verb]) -> list[Verb]:
    """Return the actions a clause states: its main verb and the verbs coordinated with it.

    A light verb (加强, 负责 …) gives way to a specific verb after it; verbs joined by 和/并/、
    (召集和主持, 制定、清理) are one action each.

    >>> [v.action for v in actions_of("召集和主持会议", find_verbs("召集和主持会议"))]
    ['convene', 'chair']
    >>> [v.action for v in actions_of("加强政策解读工作", find_verbs("加强政策解读工作"))]
    ['interpret']
    """
    if not verbs:
        return []
    main = verbs[0]
    # A light verb gives way to a specific verb close after it (加强督促检查, 负责处理), not to
    # a noun of a list further on (完善公众参与、专家论证、风险评估…).
    for v in verbs[1:]:
        if main.word not in LIGHT_VERBS:
            break
        gap = text[main.end : v.start]
        # …nor to a verb that names what a measure counts (提高反馈满意率, 提高审议效率).
        measure = _MEASURE.match(text, v.end)
        if v.word not in LIGHT_VERBS and len(gap) <= 4 and "、" not in gap and not measure:
            main = v
            break
    chosen = [main]
    # The verbs coordinated with the main verb: A和B, A、B, A并B (召集和主持, 制定、清理); and
    # pairs joined by 和/并 anywhere (委托X召集和主持); a list with 、 after the main verb is one
    # of nouns (完善公众参与、专家论证、风险评估).
    prev = main
    for nxt in verbs[verbs.index(main) + 1 :]:
        if not _CONJ.match(text[prev.end : nxt.start]):
            break
        if nxt.word not in LIGHT_VERBS and nxt.action not in {v.action for v in chosen}:
            chosen.append(nxt)
        prev = nxt
    for a, b in zip(verbs, verbs[1:], strict=False):
        if a.start > main.start and _AND.match(text[a.end : b.start]):
            for v in (a, b):
                if v.word not in LIGHT_VERBS and v.action not in {c.action for c in chosen}:
                    chosen.append(v)
    return sorted(chosen, key=lambda v: v.start)


def refine_action(action: str, text: str) -> str:
    """Return the compound action a clause's wording makes of a verb (向社会征求意见 …).

    >>> refine_action("consult-in-advance", "向社会公开征求意见")
    'consult-public'
    """
    if action == "consult-in-advance":
        if any(w in text for w in CONSULT_PUBLIC):
            return "consult-public"
        if "部门" in text:
            return "consult-departments"
    if action == "chair" and re.search(r"主持[\u4e00-\u9fff]{0,8}工作", text):
        return "preside"
    if action == "perform-duties" and re.search(r"履行[^，,]{0,10}(判决|裁定)", text):
        return "execute-judgment"
    if action in ("supervise", "accept-supervision") and re.search(
        r"接受[^，,]{0,4}(询问|质询)", text
    ):
        return "respond"
    if action == "supervise" and "接受" in text:
        return "accept-supervision"
    if action in ("propose", "submit-for-decision") and "质询案" in text:
        return "submit-question"
    if action == "propose" and "议案" in text:
        return "submit-bill"
    if action in ("hold-meeting", "disclose") and "公开举行" in text:
        return "hold-in-public"
    if action in ("prepare-draft", "propose", "decide", "submit-bill") and "议程草案" in text:
        return "draft-agenda"
    if action == "prepare-draft" and "议程" in text:
        return "draft-agenda"
    if action == "decide" and re.search(r"议程[^，,]{0,4}由|决定[^，,]{0,6}议程", text):
        return "decide-agenda"
    if action == "vote" and re.search(r"表决[^，,]{0,20}通过|过半数", text):
        return "adopt"
    if action == "hold-meeting" and re.search(r"(?:举行|召开|组织)听证", text):
        return "hold-hearing"
    if action == "hold-meeting" and re.search(r"召开[^，,]{0,12}会议[^，,]{0,4}审议", text):
        return "deliberate"
    if action == "approve" and re.search(r"报[^，,]{1,24}(同意|批准)", text):
        return "submit-for-decision"
    if action == "supervise" and "邀请" in text:
        return "invite-supervision"
    if action == "handle" and re.search(
        r"(建议|提案|议案)[^，,]{0,6}办理|办理[^，,]{0,6}(建议|提案)", text
    ):
        return "handle-proposals"
    return action


@dataclass
class ClauseReading:
    """What one clause says."""

    span: Span
    cues: list[Cue] = field(default_factory=list)
    verbs: list[Verb] = field(default_factory=list)
    actions: list[Verb] = field(default_factory=list)
