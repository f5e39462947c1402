"""Draft norms from a parsed document: rules over its structure and wording.

For each paragraph (and item) the drafter reads sentences and clauses: a modality cue (必须,
应当, 要, 不得, 可以, 有权, 负责) or a competence verb sets the modality; the bearer is the party
in subject position (or 由X, a passive agent), else the bearer of the sentence before (ellipsis),
else the document's issuer; each action of the lexicon makes one norm, clauses without one
add to the norm before them. Lists under a chapeau (行使下列职权：) inherit its bearer.
"""

from __future__ import annotations

import re

from govrules.knowledge.drafting.attributes import (
    counterparty_phrases,
    find_conditions,
    find_deadline,
    forum_phrase,
)
from govrules.knowledge.drafting.clauses import (
    Span,
    actions_of,
    clauses,
    find_cues,
    find_verbs,
    refine_action,
    sentences,
)
from govrules.knowledge.drafting.conditions import _is_condition
from govrules.knowledge.drafting.lexicon import CHAPEAU_WORDS, COMPETENCE_VERBS, POWER_VERBS
from govrules.knowledge.drafting.model import DraftNorm, DraftNote, Drafts
from govrules.knowledge.drafting.notes import _declarative, _note
from govrules.knowledge.drafting.parties import Party, PartyIndex
from govrules.knowledge.drafting.subjects import (
    _assembly,
    _Context,
    _parties,
    _principle_bearer,
    _subject,
)
from govrules.knowledge.drafting.verbs import _acting_verbs, _minted_verb, _right_verb

#: Actions of programme statements (推进…, 完善…, 加强…): a run of them in one sentence is one
#: norm, as a curator reads 严格市场监管，推进公平准入，完善监管体系 as one commitment.
_GENERAL = frozenset({"advance", "institute", "uphold"})


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

    def _delegations(self, number: int, delegations, norm: DraftNorm) -> None:
        """Add X's permission to delegate of 市长或者市长委托的副市长召集 (Y is the other party)."""
        for delegator, delegate in delegations:
            self.result.norms.append(
                DraftNorm(
                    self._next_id(number),
                    "Permission",
                    delegator,
                    "delegate",
                    "委托",
                    norm.source,
                    norm.quote,
                    "",
                    counterparties=[delegate],
                )
            )

    def _next_id(self, number: int) -> str:
        self._seq[number] = self._seq.get(number, 0) + 1
        return f"art_{number}-{self._seq[number]}"

    def text(self, number, text, source, context, *, chapeau_only=False, inherited=None):
        """Draft the norms of one paragraph or item text; return the last (bearer, modality)."""
        last: tuple[Party, str] | None = None
        context.plain = None
        if inherited:
            context.bearer, context.bearers = inherited[0], [inherited[0]]
        for sentence in sentences(text):
            last = self._sentence(number, text, sentence, source, context, inherited, chapeau_only)
        return last

    def _sentence(self, number, text, sentence: Span, source, context, inherited, chapeau_only):
        hide = self.index.spans(sentence.text)
        cues = find_cues(sentence.text, hide=hide)
        # 未按规定…的，不得…, after a full stop in one paragraph: the failing party, the bearer
        # before the agents; after a semicolon the agent's procedure goes on (不提请…的，应当说明).
        if context.plain is not None and _opens_with_condition(sentence.text, context):
            context.bearer, context.bearers = context.plain
        context.plain = None
        subject = _subject(sentence.text, context, cues[0].start if cues else -1)
        # The bearer a later sentence without a subject falls back to: an agent (由X) beside
        # the sentence's own subject binds up to the full stop only (组成人员要求发言的，…由会议
        # 主持人安排…。临时要求发言的，…可以发言); after a semicolon, or in a sentence whose
        # only party is the agent (选举结果，由主席团…宣布。得票数应当公布), it goes on.
        plain, named = (context.bearer, context.bearers), False
        full_stop = text[sentence.end : sentence.end + 1] in ("。", "")
        if subject is not None and not subject.passive:
            bearers = subject.parties
            if not _agent(sentence.text, subject):
                plain, named = (bearers[0], bearers), True
        else:
            bearers = context.bearers or [context.bearer or context.default]
        context.bearer, context.bearers = bearers[0], bearers
        # Competence verbs as verbs (领导 in 领导干部, 负责 in “分级负责” are none).
        # A named subject doing an act of procedure with no cue (主任会议拟订议程草案) is
        # assigned a function: a competence.
        named = subject is not None and not subject.passive and subject.start <= 1
        sentence_power = not cues and any(
            v.word in POWER_VERBS or (named and v.word in COMPETENCE_VERBS)
            for v in find_verbs(sentence.text, hide=hide)
        )
        modality = (inherited[1] if inherited else None) or ("Power" if sentence_power else None)
        chapeau = chapeau_only and sentence.text.rstrip().endswith(("：", ":"))
        current: list[DraftNorm] = []
        pending: list[Span] = []
        last = None
        parts = clauses(sentence)
        cued = [bool(find_cues(c.text)) for c in parts]
        restore = None
        carried = False
        for index, clause in enumerate(parts):
            chide = self.index.spans(clause.text)
            ccues = find_cues(clause.text, hide=chide)
            previous_modality = modality
            if ccues:
                modality = ccues[-1].modality
                if modality == "Power" and any(c.modality != "Power" for c in ccues):
                    modality = next(c.modality for c in ccues if c.modality != "Power")
            csubject = _subject(
                clause.text,
                context,
                ccues[0].start if ccues else -1,
                before=sentence.text[: clause.start - sentence.start],
            ) or _principle_bearer(clause.text, context)
            clause_power = False
            if csubject is not None and (csubject.start <= 1 or csubject.passive):
                # 交X审议 names X for this clause only; the sentence's bearer goes on after it.
                if csubject.handed:
                    restore = bearers
                bearers = csubject.parties
                if not csubject.handed:
                    context.bearer, context.bearers = bearers[0], bearers
                    if not _agent(clause.text, csubject):
                        plain, named = (bearers[0], bearers), True
                    # A principle (谁起草谁解读) binds its sentence only, always.
                    named = named or csubject.scoped
                # 由X决定 with no cue assigns a function to X: a competence; a permission of
                # another party (可以…，由X决定) does not extend to X.
                clause_power = (
                    csubject.passive
                    and not ccues
                    and (not cues or modality in (None, "Permission"))
                )
                carried = clause_power
            elif ccues:
                carried = False
            # …由主任会议拟订，并提请…决定: the agent's next act is a competence too.
            clause_power = clause_power or (carried and not ccues)
            if csubject is not None and not csubject.passive and csubject.end:
                chide = [*chide, (csubject.start, csubject.end)]
            verbs = actions_of(clause.text, _acting_verbs(clause.text, ccues, chide))
            assembly = _assembly(clause.text, context) if _votes(verbs) else None
            if assembly is not None:
                bearers = [assembly]
            if chapeau and "职权" in clause.text:
                modality = "Power"
            if ccues and not verbs and not chapeau:
                verbs = _right_verb(ccues[-1]) or _minted_verb(clause.text, ccues[-1])
            condition = _is_condition(parts, cued, index, ccues, verbs, bool(current))
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
                    # 表决议案，由全体代表的过半数通过: the vote the clause before names adopts.
                    if same and action == "adopt" and norm.action == "vote":
                        norm.action, norm.action_label = action, verb.word
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
                if csubject is not None:
                    self._delegations(number, csubject.delegations, opened[0])
            pending = []
            if restore is not None:
                bearers, restore = restore, None
        if full_stop and named:
            context.bearer, context.bearers = plain
        elif full_stop and plain[0] is not None and plain[0] != context.bearer:
            context.plain = plain
        if chapeau:
            return (bearers[0], modality or "Obligation")
        return last


#: A condition on a party's own failure or breach, its subject elided: 未按规定…的, 违反…的.
_FAILURE = re.compile(r"^(?:未|不|拒不|没有|违反|擅自)")


def _opens_with_condition(text: str, context) -> bool:
    """Return whether a sentence opens with a party's failure, naming no party (未按规定…的，).

    Whoever the condition describes (whoever did not do X) is bound, not the agent of 由X
    named in the sentence before.
    """
    first = clauses(Span(text, 0))[0].text.rstrip()
    failure = first.endswith("的") and bool(_FAILURE.match(first))
    return failure and _subject(first, context, -1) is None


def _agent(text: str, subject) -> bool:
    """Return whether a subject is an agent named by 由 (由X拟订), not a subject proper."""
    by = text[max(subject.start - 1, 0) : subject.start] == "由"
    return subject.passive or subject.scoped or by


def _votes(verbs) -> bool:
    return any(v.action in ("vote", "adopt") for v in verbs)


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
