"""Who a sentence binds: the party in subject position, passive agents, subject lists."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govrules.knowledge.drafting.clauses import (
    find_verbs,
)
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


@dataclass
class _Context:
    index: PartyIndex
    default: Party
    bearer: Party | None = None
    bearers: list[Party] = field(default_factory=list)
    #: The bearer before the agents (由X) of the sentence before, which still bind: a condition
    #: opening the next sentence (未按规定…的，不得…) describes this one, not the agent.
    plain: tuple | None = None


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
    #: (X, Y) of 市长或者市长委托的副市长: Y acts for X, on X's delegation.
    delegations: list = field(default_factory=list)
    #: Named for its sentence only (谁起草谁解读), as an agent of 由X is.
    scoped: bool = False


_FORUM_DECIDES = re.compile(r"(?:全体|常务)?会议[^，,；。]{0,16}?(?:讨论|研究)决定")
_HANDED_TO = re.compile(r"(?:交由|交付|交)([^，,；。]{1,24}?)(?=审议|研究|处理|答复|表决)")
#: A subject that is a relative clause and its head: 列席会议的人员, 受质询的机关.
_REL_SUBJECT = re.compile(r"^[^，,。；：由向经对在]{2,24}?的(?:人员|机关|单位|部门|组织)")


def _subject(text: str, context: _Context, cue_at: int, *, before: str = "") -> _Subject | None:
    """Return the parties in subject position of *text*, or the agent of 由X (passive).

    With a cue before 由 (X应当由Y报告), the subject X stays the bearer. *before* is the
    sentence's text before the clause, where 其 of 由其 finds what it stands for.
    """
    pronoun = _pronoun_agent(text, before, context)
    if pronoun is not None:
        return pronoun
    relative = _REL_SUBJECT.match(text)
    if relative:
        label = relative.group()
        return _Subject([Party(label, context.index.parties.get(label))])
    passive = _PASSIVE.search(text)
    if passive and 0 <= cue_at < passive.start() and not _agent_after_cue(text, cue_at, passive):
        passive = None
    handed = None
    if passive is None:
        handed = _HANDED_TO.search(text)
        if handed and re.search(r"交由?[^，,；。]*提请", text):
            handed = None
        # X可以决定将报告交由Y审议: X, before the cue, decides; Y is no subject.
        if handed and 0 <= cue_at < handed.start():
            handed = None
    found = passive or handed
    if found:
        at = found.start(1)
        # The agent runs as far as the name at 由 reaches (由小组召集人主持, not 由小组).
        mention = context.index.phrase_at(text, at)
        agent = text[at : mention.end] if mention else found.group(1)
        forum = agent.endswith("会议") and not agent.endswith(("主任会议", "委员长会议"))
        if mention is not None and not forum and _FORUM_DECIDES.match(text, mention.end):
            # 由市政府全体会议或常务会议讨论决定: a matter the body must decide in a meeting
            # (a required forum, a duty), not a competence handed to the meeting.
            return _Subject([mention.party], start=found.start(), end=mention.end)
        if mention is not None and not forum:
            parties, _, delegations = _coordinated_list(text, mention, context)
            return _Subject(
                parties,
                passive=True,
                start=found.start(),
                handed=handed is not None,
                delegations=delegations,
            )
    verbs = find_verbs(text, hide=context.index.spans(text))
    stops = [cue_at] if cue_at >= 0 else []
    stops += [v.start for v in verbs]
    head = text[: min(stops)] if stops else text
    mention = _first_mention(head, context)
    if mention is None:
        return None
    parties, end, delegations = _coordinated_list(text, mention, context)
    return _Subject(parties, start=mention.start, end=end, delegations=delegations)


def _pronoun_agent(text: str, before: str, context: _Context) -> _Subject | None:
    """Return the agent of 由其 + verb: the party named last before it (主任、局长负责制，由其领导).

    Only before an act of the lexicon (由其领导, 由其依法处理): in 由其办事机构 其 is a
    possessive, in 由其运营管理的设施 a relative clause.

    >>> from govrules.knowledge.drafting.parties import PartyIndex
    >>> ctx = _Context(PartyIndex(labels={"有关部门": "a"}), Party("x"))
    >>> _pronoun_agent("由其依法处理", "当事人应当向有关部门报告，", ctx).parties[0].label
    '有关部门'
    >>> _pronoun_agent("由其办事机构送交", "市人民政府应当，", ctx) is None
    True
    """
    at = text.find("由其")
    if at < 0:
        return None
    rest = re.sub(r"^(?:依法|负责|及时|分别)", "", text[at + 2 :])
    verbs = find_verbs(rest, hide=context.index.spans(rest))
    if not verbs or verbs[0].start != 0:
        return None
    head = before + text[:at]
    # Names start at the text's start, after punctuation or a function word, or at a label.
    starts = {0} | {m.start for m in context.index.mentions(head)}
    starts |= {i + 1 for i, ch in enumerate(head) if ch in "，,、；：向和及或与的"}
    found = None
    for start in sorted(starts):
        mention = context.index.phrase_at(head, start) if start < len(head) else None
        if mention is not None and (found is None or mention.end > found.end):
            found = mention
    if found is None:
        return None
    return _Subject([found.party], passive=True, start=at)


#: A principle that names who answers for an act (按照“谁起草谁解读”的原则).
_WHO = re.compile(r"按照?[“\"]?谁([\u4e00-\u9fff]{1,4}?)[、，,]?谁")


def _principle_bearer(text: str, context: _Context) -> _Subject | None:
    """Return whom a 谁X谁Y principle binds: the one that does X, if the index names it.

    >>> from govrules.knowledge.drafting.parties import PartyIndex
    >>> ctx = _Context(PartyIndex(labels={"起草单位": "role"}), Party("x"))
    >>> _principle_bearer("按照“谁起草谁解读”的原则", ctx).parties[0].label
    '起草单位'
    """
    m = _WHO.search(text)
    if m is None:
        return None
    for head in ("单位", "部门", "机关", "人"):
        label = m.group(1) + head
        if label in context.index.parties:
            return _Subject([Party(label, context.index.parties[label])], scoped=True)
    return None


def _agent_after_cue(text: str, cue_at: int, passive: re.Match) -> bool:
    """Return whether 由Y after the cue names the bearer: the clause opens with its cue
    (…的，应当由Y答复), so no X precedes it.

    Not in 交由Y (Y receives) nor in 分别由Y (Y acts for each of the bodies named before).
    """
    if text[:cue_at].strip("，, "):
        return False
    between = text[cue_at : passive.start() + 1]
    return "分别" not in between and not text[: passive.start()].endswith("交")


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
            # 常务委员会会议可以…: a body's meeting, opening the sentence, is the body acting.
            meeting_noun = re.match(
                r"会议(?:材料|议程|日程|文件|纪要|记录|期间|室|通知|的)", text[mention.end :]
            )
            if mention.start == 0 and "/body/" in (mention.party.iri or "") and not meeting_noun:
                return mention
            continue
        return mention
    return None


#: Between the names of a subject list: 、和与及或; a qualified sponsor (三十名以上的代表) or
#: how a delegation decides (一个代表团以全体代表的过半数通过) is no name of its own.
_JOINT = re.compile(r"(?:以[^，,；。、]{1,16}?通过)?(?:、|和|与|以及|或者|或|及(?!其))")
_QUORUM = re.compile(r"[\d〇零一二三四五六七八九十百两]+(?:名|人|位)以上的?")


def _coordinated_list(text: str, first: Mention, context: _Context):
    """Return the parties of a subject list (甲、乙和丙应当…), where it ends, and delegations.

    In 市长或者市长委托的副市长 the delegate is one more party, acting on the delegation.
    """
    parties, end, delegations = [first.party], first.end, []
    joints, names = [], [text[first.start : first.end]]
    while True:
        joint = _JOINT.match(text, end)
        if joint is None:
            break
        joints.append(joint.group())
        at = joint.end()
        quorum = _QUORUM.match(text, at)
        nxt = context.index.phrase_at(text, quorum.end() if quorum else at)
        if nxt is None:
            break
        delegated = re.match(r"委托的?", text[nxt.end :]) if nxt.party in parties else None
        if delegated:
            delegate = context.index.phrase_at(text, nxt.end + delegated.end())
            if delegate is not None and delegate.party not in parties:
                delegations.append((nxt.party, delegate.party))
                nxt = delegate
        if nxt.party not in parties:
            parties.append(nxt.party)
        names.append(text[nxt.start : nxt.end])
        end = nxt.end
    shared = _shared_head(names, joints, text[first.start : end], context)
    return ([shared] if shared else parties), end, delegations


#: The head of a body's officers, shared by a list of bodies (市政府、部门主要负责人).
_OFFICER = re.compile(r"(?:主要|有关)?负责人$")


def _shared_head(names: list[str], joints: list[str], span: str, context: _Context):
    """Return the one party of bodies that share an officer's head (市政府、部门主要负责人).

    *names* are the conjuncts as written. The heads of every body listed, not the first body
    and the last one's head: the role the head names, if the index has it, else the list
    minted as written.
    """
    if len(names) < 2 or set(joints) != {"、"}:
        return None
    head = _OFFICER.search(names[-1])
    if head is None or head.start() == 0:
        return None
    if any(_OFFICER.search(n) or n.endswith(("人", "员", "长")) for n in names[:-1]):
        return None
    label = head.group()
    if label in context.index.parties:
        return Party(label, context.index.parties[label])
    return Party(span)


def _coordinated(text: str, first: Mention, context: _Context) -> list[Party]:
    """Return the parties of a subject list (甲、乙和丙应当…), the first one included."""
    return _coordinated_list(text, first, context)[0]


def _parties(phrases: list[str], index: PartyIndex) -> list[Party]:
    found: list[Party] = []
    for phrase in phrases:
        for part in re.split(r"和|及其|及|或者|或|、", phrase):
            party = index.resolve(part)
            if party is not None and party not in found:
                found.append(party)
    return found


#: A majority that adopts: 由常务委员会全体组成人员的过半数通过 (the members of a body).
_MAJORITY_OF_MEMBERS = re.compile(
    r"(?:由|以|须由|经)?([^，,；。由以经]{2,24}?)(?:全体)?组成人员的?过半数"
)


def _assembly(text: str, context: _Context) -> Party | None:
    """Return the body that adopts by the majority of its members, if the clause names one.

    The votes are its members' (全体组成人员); the rule binds the body they compose.
    """
    m = _MAJORITY_OF_MEMBERS.search(text)
    if m is None:
        return None
    body = re.sub(r"全体$", "", m.group(1))
    mention = context.index.phrase_at(body, 0)
    if mention is None or mention.end != len(body):
        return None
    return mention.party
