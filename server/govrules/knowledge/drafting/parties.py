"""Bodies, posts, collectives, roles and meeting types named in a text.

The index is built from the zh labels of an organisation graph (and the role and meeting-type
schemes); a name not in it is minted for the document with its label as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import RDF, RDFS, SKOS, Graph, URIRef

from govrules.knowledge.drafting.lexicon import BEARER_HEADS

#: When one label names several things, the collective wins: a bare 副市长 in a rule binds
#: every vice-mayor, not one post. Kinds are read from the IRI path (…/group/, …/body/ …), so
#: subclasses (gwr:Government ⊑ gwr:PublicBody) need no reasoning.
_KIND_RANK = (("/group/", 0), ("/body/", 1), ("/post/", 2), ("/concept/role/", 3))
_MEETING = "https://w3id.org/govrules/concept/meeting-type/"


@dataclass(frozen=True)
class Party:
    """A bearer or counterparty: an IRI of the organisation graph, or a label to mint."""

    label: str
    iri: str | None = None

    @property
    def key(self) -> str:
        """Return what identifies the party: its IRI, else its label."""
        return self.iri or self.label


@dataclass(frozen=True)
class Mention:
    """A party named at a place of a sentence."""

    party: Party
    start: int
    end: int


class PartyIndex:
    """Longest-first lookup of names of parties and meeting types in text."""

    def __init__(self, graph: Graph | None = None, *, labels: dict | None = None) -> None:
        self.parties: dict[str, str] = dict(labels or {})
        self.meetings: dict[str, str] = {}
        if graph is not None:
            self._read(graph)
        self._party_re = _alternation(self.parties)
        self._meeting_re = _alternation(self.meetings)

    def _read(self, graph: Graph) -> None:
        ranked: dict[str, tuple[int, str]] = {}
        for subject in set(graph.subjects(RDF.type, None)):
            rank = next((r for part, r in _KIND_RANK if part in str(subject)), None)
            if rank is None:
                continue
            if True:
                for prop in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
                    for label in graph.objects(subject, prop):
                        if getattr(label, "language", None) != "zh":
                            continue
                        text = str(label)
                        if text not in ranked or rank < ranked[text][0]:
                            ranked[text] = (rank, str(subject))
        self.parties.update({label: iri for label, (_, iri) in ranked.items()})
        for subject in graph.subjects(RDF.type, SKOS.Concept):
            if str(subject).startswith(_MEETING):
                for label in graph.objects(subject, SKOS.prefLabel):
                    if getattr(label, "language", None) == "zh":
                        self.meetings[str(label)] = str(subject)

    def read_abbreviations(self, text: str) -> None:
        """Add the short names a text defines (常务委员会（以下简称常委会）) as labels.

        The short name labels what the full name names; a contraction (常委会 for 常务委员会)
        also stands for it inside longer labels (常委会组成人员, 常委会主任).

        >>> index = PartyIndex(labels={"常务委员会": "sc", "常务委员会组成人员": "members"})
        >>> index.read_abbreviations("市人民代表大会常务委员会（以下简称常委会）的议事程序")
        >>> index.parties["常委会组成人员"]
        'members'
        """
        added = False
        for m in _ABBREVIATION.finditer(text):
            full, short = m.group(1), m.group(2)
            known = [x for x in self.mentions(full) if x.end == len(full)]
            if not known or short in self.parties:
                continue
            label, iri = known[-1].party.label, known[-1].party.iri
            self.parties[short] = iri
            if len(short) < len(label):
                for other, other_iri in list(self.parties.items()):
                    variant = other.replace(label, short)
                    if variant != other and variant not in self.parties:
                        self.parties[variant] = other_iri
            added = True
        if added:
            self._party_re = _alternation(self.parties)

    def mentions(self, text: str) -> list[Mention]:
        """Return the parties named in *text*, longest match first, left to right."""
        found = []
        if self._party_re is not None:
            for m in self._party_re.finditer(text):
                if self._meeting_at(text, m.start(), m.end()):
                    continue
                found.append(Mention(Party(m.group(), self.parties[m.group()]), *m.span()))
        return found

    def _meeting_at(self, text: str, start: int, end: int) -> bool:
        """Return whether the name at start…end is the head of a meeting's name (X会议)."""
        return text.startswith("会议", end) and not text.startswith("会议室", end)

    def meeting_types(self, text: str) -> list[str]:
        """Return the meeting-type IRIs named in *text*, in order."""
        if self._meeting_re is None:
            return []
        return list(
            dict.fromkeys(self.meetings[m.group()] for m in self._meeting_re.finditer(text))
        )

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Return the spans of every name (party or meeting type), to hide them from verbs."""
        spans = [(m.start, m.end) for m in self.mentions(text)]
        if self._meeting_re is not None:
            spans += [m.span() for m in self._meeting_re.finditer(text)]
        return spans

    def resolve(self, phrase: str) -> Party | None:
        """Return the party a noun phrase names, reading its head last (head-final NPs).

        The phrase itself if it is a label; else the longest label it ends with (省人民代表大会
        有关专门委员会 → 专门委员会); else a label inside it; else the phrase minted.

        >>> PartyIndex().resolve("常务委员会办事机构").label
        '常务委员会办事机构'
        """
        phrase = phrase.strip("，,、；; ")
        if phrase in self.parties:
            return Party(phrase, self.parties[phrase])
        endings = [label for label in self.parties if phrase.endswith(label)]
        if endings:
            label = max(endings, key=len)
            return Party(label, self.parties[label])
        # A generic name (部门, 有关部门, 各部门) is the collective whose label it ends.
        bare = re.sub(r"^(有关|相关|各)", "", phrase)
        if bare:
            wider = [
                label
                for label, iri in self.parties.items()
                if label.endswith(bare) and label != bare and "/group/" in iri
            ]
            if wider and not re.match(r"^[省市县区乡镇]", bare):
                label = min(wider, key=len)
                return Party(label, self.parties[label])
        minted = minted_mention(phrase)
        if minted is not None and minted.end == len(phrase):
            return Party(phrase)
        # 省人民政府及其有关部门: a body with its departments is one bearer, as written.
        if minted is not None and re.match(r"及其(?:有关|所属)?", phrase[minted.end :]):
            return Party(phrase)
        known = self.mentions(phrase)
        if known:
            return known[0].party
        if minted is not None:
            return minted.party
        return None

    def phrase_at(self, text: str, start: int) -> Mention | None:
        """Return the party named by the noun phrase starting at *start*, if one does.

        The phrase runs as far as a name of the organisation graph or a head noun reaches
        (常务委员会 + 办事机构; 省人民政府 + 及其所属部门), and is resolved by its head.
        """
        # 有关的专门委员会: a determiner with 的 before the name (的 ends a minted modifier).
        det = re.match(r"(?:有关|相关)的", text[start:])
        if det:
            found = self.phrase_at(text, start + det.end())
            return Mention(found.party, start, found.end) if found else None
        end = start
        for m in self.mentions(text[start:]):
            if m.start == 0:
                end = start + m.end
            break
        minted = minted_mention(text[start:])
        if minted is not None:
            end = max(end, start + minted.end)
        if end == start:
            return None
        while True:
            tail = re.match(r"及其(?:有关|所属)?", text[end:])
            nxt = minted_mention(text[end + (tail.end() if tail else 0) :]) if tail else None
            if tail is None or nxt is None:
                break
            end += tail.end() + nxt.end
        party = self.resolve(text[start:end])
        return Mention(party, start, end) if party is not None else None


_ABBREVIATION = re.compile(
    r"([^，,。；;：:（(、]{2,40}?)[（(]以下简称[“\"]?([^）)”\"，,]{1,12})[”\"]?[）)]"
)


def _alternation(words) -> re.Pattern | None:
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


# A name not in the organisation graph: up to a dozen characters of modifiers, then a head.
_HEADS = "|".join(sorted(BEARER_HEADS, key=len, reverse=True))
# Modifiers are no function words, verbs of the lexicon's kind or cues (由向经对在和及的应必可不…).
_MODIFIER = (
    r"[^\s，,。；;：:、（）()《》“”"
    r"由向经对在和及与或的是把被将从于为按依应必须要可不得并且其"
    r"涉凡视认尊加强健全建立完善推进深化实行支持严格积极做好受请派被给让使令同跟以]"
)
#: Words of characters excluded one by one that are modifiers (主要负责人, 专业经营单位, 县级以上).
_MODIFIER_WORDS = r"主要|经营|以上|以下"
# 报X批准 opens a verb (报县级以上人民政府批准), 报告机关 a name.
_MINTED = re.compile(
    r"(?!报(?!告))(?:受|不是)?(?:" + _MODIFIER_WORDS + "|" + _MODIFIER + r"){0,10}?"
    r"(?:" + _HEADS + r")"
)


def minted_mention(text: str) -> Mention | None:
    """Return the first name of a body or person in *text* by its head noun.

    >>> minted_mention("常务委员会办事机构应当通知").party.label
    '常务委员会办事机构'
    """
    match = _MINTED.match(text)
    if match is None:
        return None
    # Extend over heads that follow at once (常务委员会 + 办事机构).
    end = match.end()
    while True:
        nxt = _MINTED.match(text, end)
        # 部门受市政府委托, 办事机构报主任同意: 受 and 报 open an adverbial or a verb, not a
        # longer name.
        if nxt is None or nxt.end() - end > 8 or text.startswith(("受", "报"), end):
            break
        end = nxt.end()
    return Mention(Party(text[match.start() : end]), match.start(), end)


def party_iri_ok(iri: str) -> URIRef:
    """Return *iri* as a URIRef (kept apart so callers need not import rdflib)."""
    return URIRef(iri)
