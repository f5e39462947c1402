"""Draft norms from a parsed document: rules over its structure and wording.

For each paragraph (and item) the drafter reads sentences and clauses: a modality cue (必须,
应当, 要, 不得, 可以, 有权, 负责) or a competence verb sets the modality; the bearer is the party
in subject position (or 由X, a passive agent), else the bearer of the sentence before (ellipsis),
else the document's issuer; each action of the lexicon makes one norm, clauses without one
add to the norm before them. Lists under a chapeau (行使下列职权：) inherit its bearer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govrules.knowledge.drafting.clauses import (
    Deadline,
    Span,
    Verb,
    actions_of,
    clauses,
    counterparty_phrases,
    find_conditions,
    find_cues,
    find_deadline,
    find_verbs,
    forum_phrase,
    refine_action,
    sentences,
)
from govrules.knowledge.drafting.lexicon import ACTIONS, CHAPEAU_WORDS, LIGHT_VERBS, POWER_VERBS
from govrules.knowledge.drafting.parties import Mention, Party, PartyIndex

#: Words before a name that make it no subject: 向X报告, 经X批准, 在X领导下, 受X委托 …
_NOT_SUBJECT_BEFORE = (
    "向",
    "报",
    "经",
    "受",
    "在",
    "对",
    "请",
    "提请",
    "协助",
    "与",
    "同",
    "会同",
    "委托",
    "通知",
    "和",
    "或",
    "及",
    "、",
    "的",
    "将",
    "把",
    "为",
    "按",
    "依",
)

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
    (r"由[^。]{0,30}组成", "构成性条款:组成", "constitutive: composition"),
)


#: Actions of programme statements (推进…, 完善…, 加强…): a run of them in one sentence is one
#: norm, as a curator reads 严格市场监管，推进公平准入，完善监管体系 as one commitment.
_GENERAL = frozenset({"advance", "institute", "uphold"})


#: A clause that only says whose approval a norm needs (经主任会议决定，…): a condition.
_APPROVAL_ONLY = re.compile(
    r"^\s*(?:并|须|应)?经[^，,。；]{1,30}?(?:决定|批准|同意|通过)后?(?:实施|执行|施行)?\s*$"
)


@dataclass
class DraftNorm:
    """One drafted norm: bearer × action, with the words it is read from."""

    local_id: str
    modality: str
    bearer: Party
    action: str
    action_label: str
    source: str
    quote: str
    cue: str = ""
    counterparties: list[Party] = field(default_factory=list)
    forums: list[str] = field(default_factory=list)
    deadline: Deadline | None = None
    conditions: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)


@dataclass
class DraftNote:
    """A proposed note for a provision without norms."""

    source: str
    zh: str
    en: str


@dataclass
class Drafts:
    """The norms and notes drafted for one document."""

    norms: list[DraftNorm] = field(default_factory=list)
    notes: list[DraftNote] = field(default_factory=list)


@dataclass
class _Context:
    index: PartyIndex
    default: Party
    bearer: Party | None = None
    bearers: list[Party] = field(default_factory=list)


_PASSIVE = re.compile(
    r"由([^，,；。]{1,30}?)(?=负责|主持|召集|提出|决定|审议|拟订|拟定|通知|办理|组织|予以|进行|"
    r"作出|报|向|提请|提交|汇总|统一|制定|讨论|归纳|交|安排|记录|宣布|当场|按照|在|到会)"
)


@dataclass
class _Subject:
    parties: list[Party]
    passive: bool = False
    start: int = 0
    handed: bool = False
    end: int = 0


_HANDED_TO = re.compile(r"(?:交由|交付|交)([^，,；。]{1,24}?)(?=审议|研究|处理|答复|表决)")
#: A subject that is a relative clause and its head: 列席会议的人员, 受质询的机关.
_REL_SUBJECT = re.compile(r"^[^，,。；：由向经对在]{2,24}?的(?:人员|机关|单位|部门|组织)")


def _subject(text: str, context: _Context, cue_at: int) -> _Subject | None:
    """Return the parties in subject position of *text*, or the agent of 由X (passive).

    With a cue before 由 (X应当由Y报告), the subject X stays the bearer.
    """
    relative = _REL_SUBJECT.match(text)
    if relative:
        label = relative.group()
        return _Subject([Party(label, context.index.parties.get(label))])
    passive = _PASSIVE.search(text)
    if passive and 0 <= cue_at < passive.start():
        passive = None
    handed = None
    if passive is None:
        handed = _HANDED_TO.search(text)
        if handed and re.search(r"交由?[^，,；。]*提请", text):
            handed = None
    found = passive or handed
    if found:
        at = found.start(1)
        # The agent runs as far as the name at 由 reaches (由小组召集人主持, not 由小组).
        mention = context.index.phrase_at(text, at)
        agent = text[at : mention.end] if mention else found.group(1)
        forum = agent.endswith("会议") and not agent.endswith(("主任会议", "委员长会议"))
        if mention is not None and not forum:
            parties = _coordinated(text, mention, context)
            return _Subject(parties, passive=True, start=found.start(), handed=handed is not None)
    verbs = find_verbs(text, hide=context.index.spans(text))
    stops = [cue_at] if cue_at >= 0 else []
    stops += [v.start for v in verbs]
    head = text[: min(stops)] if stops else text
    mention = _first_mention(head, context)
    if mention is None:
        return None
    parties = _coordinated(text, mention, context)
    return _Subject(parties, start=mention.start, end=_coordinated_end(text, mention, context))


def _first_mention(text: str, context: _Context, *, allow_any: bool = False) -> Mention | None:
    starts = sorted({0} | {m.start for m in context.index.mentions(text)})
    for start in starts:
        mention = context.index.phrase_at(text, start)
        if mention is None:
            continue
        before = text[max(0, mention.start - 2) : mention.start]
        if not allow_any and any(before.endswith(w) for w in _NOT_SUBJECT_BEFORE):
            continue
        if text.startswith("会议", mention.end):
            continue
        return mention
    return None


def _coordinated(text: str, first: Mention, context: _Context) -> list[Party]:
    """Return the parties of a subject list (甲、乙和丙应当…), the first one included."""
    parties, end = [first.party], first.end
    while True:
        joint = re.match(r"(?:、|和|与|以及|或者|或|及(?!其))", text[end:])
        if joint is None:
            break
        nxt = context.index.phrase_at(text, end + joint.end())
        if nxt is None:
            break
        if nxt.party not in parties:
            parties.append(nxt.party)
        end = nxt.end
    return parties


def _coordinated_end(text: str, first: Mention, context: _Context) -> int:
    """Return where a subject list ends (its verbs, 列席 in 列席会议人员, are no action)."""
    end = first.end
    while True:
        joint = re.match(r"(?:、|和|与|以及|或者|或|及(?!其))", text[end:])
        nxt = context.index.phrase_at(text, end + joint.end()) if joint else None
        if nxt is None:
            return end
        end = nxt.end


def _parties(phrases: list[str], index: PartyIndex) -> list[Party]:
    found: list[Party] = []
    for phrase in phrases:
        for part in re.split(r"和|及其|及|或者|或|、", phrase):
            party = index.resolve(part)
            if party is not None and party not in found:
                found.append(party)
    return found


class Drafter:
    """Draft the norms of one document's provisions."""

    def __init__(self, index: PartyIndex, default_bearer: Party) -> None:
        self.index = index
        self.default = default_bearer
        self.result = Drafts()
        self._seq: dict[str, int] = {}

    def article(self, number: int, paragraphs, iri_of) -> None:
        """Draft one article: *paragraphs* are parsed paragraphs, *iri_of* names provisions."""
        context = _Context(self.index, self.default)
        for para in paragraphs:
            para_iri = iri_of(para, None)
            note = _declarative(para.text)
            if note is not None and not para.items:
                self.result.notes.append(DraftNote(para_iri, *note))
                continue
            if para.items and _is_list_of_bearers(_chapeau_text(para)):
                self._bearer_list(number, para, iri_of, context)
                continue
            chapeau = para.items and any(w in para.text for w in CHAPEAU_WORDS)
            before = len(self.result.norms)
            text = _chapeau_text(para) if para.items else para.text
            found = self.text(number, text, para_iri, context, chapeau_only=bool(chapeau))
            for item in para.items:
                self.text(number, item.text, iri_of(para, item), context, inherited=found)
            if len(self.result.norms) == before:
                self.result.notes.append(_note(para.text, para_iri))

    def _bearer_list(self, number, para, iri_of, context) -> None:
        """Draft a list of bearers under a chapeau (下列人员列席会议：(一)…): one norm per item."""
        chapeau = _chapeau_text(para).split("下列", 1)[1]
        hide = self.index.spans(chapeau)
        cues = find_cues(chapeau, hide=hide)
        verbs = (
            actions_of(chapeau, find_verbs(chapeau, hide=hide)) or _minted_verb(chapeau, cues[-1])
            if cues
            else actions_of(chapeau, find_verbs(chapeau, hide=hide))
        )
        modality = cues[-1].modality if cues else "Obligation"
        for item in para.items:
            label = item.text.strip().rstrip("。；;，,")
            # The item names one party (可以是一串机关的负责人): the whole item is its label.
            party = Party(label, self.index.parties.get(label))
            for verb in verbs:
                self.result.norms.append(
                    DraftNorm(
                        self._next_id(number),
                        modality,
                        party,
                        verb.action,
                        verb.word,
                        iri_of(para, item),
                        label,
                        cues[-1].word if cues else "",
                    )
                )

    def _next_id(self, number: int) -> str:
        self._seq[number] = self._seq.get(number, 0) + 1
        return f"art_{number}-{self._seq[number]}"

    def text(self, number, text, source, context, *, chapeau_only=False, inherited=None):
        """Draft the norms of one paragraph or item text; return the last (bearer, modality)."""
        last: tuple[Party, str] | None = None
        if inherited:
            context.bearer, context.bearers = inherited[0], [inherited[0]]
        for sentence in sentences(text):
            last = self._sentence(number, text, sentence, source, context, inherited, chapeau_only)
        return last

    def _sentence(self, number, text, sentence: Span, source, context, inherited, chapeau_only):
        hide = self.index.spans(sentence.text)
        cues = find_cues(sentence.text, hide=hide)
        subject = _subject(sentence.text, context, cues[0].start if cues else -1)
        if subject is not None and not subject.passive:
            bearers = subject.parties
        else:
            bearers = context.bearers or [context.bearer or context.default]
        context.bearer, context.bearers = bearers[0], bearers
        # Competence verbs as verbs (领导 in 领导干部, 负责 in “分级负责” are none).
        sentence_power = not cues and any(
            v.word in POWER_VERBS for v in find_verbs(sentence.text, hide=hide)
        )
        modality = (inherited[1] if inherited else None) or ("Power" if sentence_power else None)
        chapeau = chapeau_only and sentence.text.rstrip().endswith(("：", ":"))
        current: list[DraftNorm] = []
        pending: list[Span] = []
        last = None
        parts = clauses(sentence)
        cued = [bool(find_cues(c.text)) for c in parts]
        restore = None
        for index, clause in enumerate(parts):
            chide = self.index.spans(clause.text)
            ccues = find_cues(clause.text, hide=chide)
            previous_modality = modality
            if ccues:
                modality = ccues[-1].modality
                if modality == "Power" and any(c.modality != "Power" for c in ccues):
                    modality = next(c.modality for c in ccues if c.modality != "Power")
            csubject = _subject(clause.text, context, ccues[0].start if ccues else -1)
            clause_power = False
            if csubject is not None and (csubject.start <= 1 or csubject.passive):
                # 交X审议 names X for this clause only; the sentence's bearer goes on after it.
                if csubject.handed:
                    restore = bearers
                bearers = csubject.parties
                if not csubject.handed:
                    context.bearer, context.bearers = bearers[0], bearers
                # 由X决定 with no cue assigns a function to X: a competence; a permission of
                # another party (可以…，由X决定) does not extend to X.
                clause_power = (
                    csubject.passive and not ccues and (not cues or modality == "Permission")
                )
            if csubject is not None and not csubject.passive and csubject.end:
                chide = [*chide, (csubject.start, csubject.end)]
            verbs = actions_of(clause.text, _acting_verbs(clause.text, ccues, chide))
            if chapeau and "职权" in clause.text:
                modality = "Power"
            if ccues and not verbs and not chapeau:
                verbs = _right_verb(ccues[-1]) or _minted_verb(clause.text, ccues[-1])
            # A clause ending in 的 (涉及相关部门的，), in 时/前/后 (举行会议时，) or saying only
            # whose approval is needed (经主任会议决定，) is a condition, not a norm of its own.
            later_cue = any(cued[index + 1 :])
            later_passive = any(c.text.startswith(("由", "再由")) for c in parts[index + 1 :])
            condition = (
                (
                    not ccues
                    and (
                        bool(_CONDITION_END.search(clause.text))
                        or bool(_APPROVAL_ONLY.match(clause.text))
                        # A topic before the cue: 部门提请研究决定的重大决策建议，必须…
                        # …or before a passive clause: 审议意见，由专门委员会归纳整理
                        or (
                            (later_cue or later_passive)
                            and verbs
                            and "的" in clause.text[max(v.end for v in verbs) :]
                        )
                    )
                )
                or (clause.text.startswith("对") and "的" in clause.text and not current)
                # 是否提请…，由主任会议决定 / 不能到会的，可以委托…: what the next clause rules on.
                or (
                    not ccues
                    and not clause.text.startswith("由")
                    and index + 1 < len(parts)
                    and parts[index + 1].text.startswith("由")
                )
                or clause.text.startswith("是否")
                or clause.text.rstrip().endswith("的")
            )
            if condition and ccues:
                modality = previous_modality
            if not verbs or chapeau or condition:
                if not current:
                    pending.append(clause)
                else:
                    for norm in current:
                        _extend(norm, text, clause, self.index)
                continue
            mod = "Power" if clause_power else (modality or "Obligation")
            opened: list[DraftNorm] = []
            for verb in verbs:
                action = refine_action(verb.action, clause.text)
                merged = False
                for norm in current:
                    same = (norm.modality, norm.bearer.key) == (mod, norm.bearer.key) and any(
                        norm.bearer.key == b.key for b in bearers
                    )
                    general = same and {norm.action, action} <= _GENERAL
                    if same and (norm.action == action or general):
                        _extend(norm, text, clause, self.index)
                        merged = True
                if merged:
                    continue
                start = pending[0].start if pending else clause.start
                for bearer in bearers:
                    norm = DraftNorm(
                        local_id=self._next_id(number),
                        modality=mod,
                        bearer=bearer,
                        action=action,
                        action_label=verb.word,
                        source=source,
                        quote=text[start : clause.end],
                        cue=ccues[0].word if ccues else (cues[0].word if cues else ""),
                    )
                    for span in [*pending, clause]:
                        _attributes(norm, span.text, self.index)
                    _elided_event(norm, self.result.norms)
                    self.result.norms.append(norm)
                    opened.append(norm)
                last = (bearers[0], mod)
            if opened:
                current = opened
            pending = []
            if restore is not None:
                bearers, restore = restore, None
        if chapeau:
            return (bearers[0], modality or "Obligation")
        return last


_CONDITION_END = re.compile(r"(的|时|之前|以前|前|之后|以后|后|期间)\s*$")
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
        # 调研报告, 审议报告: a verb right after a specific verb is the noun they make.
        if i > 0 and verbs[i - 1].end == verb.start and verbs[i - 1].word not in LIGHT_VERBS:
            continue
        # 建议会议讨论的主要事项通知…: a 的 before the next verb makes this one a modifier,
        # unless that next verb is itself the noun of the 的 (接受市人大的监督).
        nxt = verbs[i + 1] if i + 1 < len(verbs) else None
        if nxt is not None and "的" in text[verb.end : nxt.start] and text[nxt.start - 1] != "的":
            continue
        if cue_at >= 0 and verb.start < cue_at and "的" in text[verb.end : cue_at]:
            continue
        kept.append(verb)
    for i, verb in enumerate(kept):
        if verb.action == "delegate" and re.search(r"可以?$", text[: verb.start]):
            return kept[: i + 1]
    return kept


def _elided_event(norm: DraftNorm, before: list[DraftNorm]) -> None:
    """Give a deadline whose event is elided (并在五日前提供) the event of the one before it."""
    d = norm.deadline
    if d is None or d.counted_from or d.back_from or not before:
        return
    last = before[-1].deadline
    if last is not None and before[-1].source == norm.source and last.before == d.before:
        d.counted_from, d.back_from = last.counted_from, last.back_from


def _extend(norm: DraftNorm, text: str, clause: Span, index: PartyIndex) -> None:
    start = text.find(norm.quote)
    if start != -1 and clause.end > start + len(norm.quote):
        norm.quote = text[start : clause.end]
    _attributes(norm, clause.text, index)


def _attributes(norm: DraftNorm, text: str, index: PartyIndex) -> None:
    """Add the counterparty, forum, deadline and conditions a clause states to *norm*."""
    for party in _parties(counterparty_phrases(text), index):
        if party not in norm.counterparties and party.key != norm.bearer.key:
            norm.counterparties.append(party)
    forum = forum_phrase(text)
    if forum:
        for meeting in index.meeting_types(forum):
            if meeting not in norm.forums:
                norm.forums.append(meeting)
    if norm.deadline is None:
        norm.deadline = find_deadline(text)
    for slug, exception in find_conditions(text):
        target = norm.exceptions if exception else norm.conditions
        if slug not in target:
            target.append(slug)


def _is_list_of_bearers(text: str) -> bool:
    """Return whether a chapeau lists who does something (下列人员列席会议：), not what."""
    return bool(re.search(r"下列(人员|机关|单位|组织)[^，,：:]*[：:]\s*$", text))


_ITEM_MARK = re.compile(r"[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、")


def _chapeau_text(para) -> str:
    """Return the words of a paragraph before its first item (the text holds both)."""
    first = para.items[0]
    at = para.text.find(first.marker) if first.marker else -1
    if at < 0:
        m = _ITEM_MARK.search(para.text)
        at = m.start() if m else para.text.find(first.text)
    return para.text[:at] if at > 0 else para.text


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
