"""Score drafted norms against curated ones: one-to-one matches within a paragraph.

A draft and a curated norm match at a level when they cite the same paragraph (an item counts
as its paragraph) and agree on every field of that level. Matches are one to one (a maximum
bipartite matching per paragraph), so two drafts cannot both take credit for one norm.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from rdflib import RDF, Graph

from govrules.namespaces import GWR, ODRL

LEVELS = ("modality", "+bearer", "+action", "+counterparty", "+deadline")
_MODALITIES = (GWR.Obligation, GWR.Prohibition, GWR.Permission, GWR.Power)


@dataclass(frozen=True)
class NormFields:
    """The fields of a norm that the levels compare."""

    paragraph: str
    modality: str
    bearer: str
    actions: frozenset
    counterparties: frozenset
    deadline: tuple | None


def _paragraph(source: str) -> str:
    return re.sub(r"/item_\d+$", "", source)


def read_norms(graph: Graph) -> list[NormFields]:
    """Return the norms of a graph as comparable fields."""
    found = []
    for modality in _MODALITIES:
        for node in graph.subjects(RDF.type, modality):
            source = graph.value(node, GWR.hasLegalSource)
            if source is None:
                continue
            deadline = None
            d = graph.value(node, GWR.deadline)
            if d is not None:
                deadline = (
                    str(graph.value(d, GWR.period)),
                    str(graph.value(d, GWR.countedFrom)),
                    str(graph.value(d, GWR.countedBackFrom)),
                )
            found.append(
                NormFields(
                    paragraph=_paragraph(str(source)),
                    modality=str(modality).rsplit("#", 1)[-1],
                    bearer=str(graph.value(node, GWR.bearer)),
                    actions=frozenset(str(a) for a in graph.objects(node, ODRL.action)),
                    counterparties=frozenset(str(c) for c in graph.objects(node, GWR.counterparty)),
                    deadline=deadline,
                )
            )
    return found


def agree(draft: NormFields, curated: NormFields, level: str) -> bool:
    """Return whether two norms of one paragraph agree up to *level* (cumulative)."""
    depth = LEVELS.index(level)
    checks = (
        draft.modality == curated.modality,
        draft.bearer == curated.bearer,
        bool(draft.actions & curated.actions),
        draft.counterparties == curated.counterparties,
        draft.deadline == curated.deadline,
    )
    return all(checks[: depth + 1])


def _matching(drafts: list, curated: list, level: str) -> int:
    """Return the size of a maximum one-to-one matching (augmenting paths; lists are small)."""
    edges = [[j for j, c in enumerate(curated) if agree(d, c, level)] for d in drafts]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    return sum(augment(i, set()) for i in range(len(drafts)))


@dataclass
class Score:
    """Precision, recall and F1 of one level."""

    level: str
    matched: int
    drafted: int
    curated: int

    @property
    def precision(self) -> float:
        return self.matched / self.drafted if self.drafted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.curated if self.curated else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(drafted: list[NormFields], curated: list[NormFields], *, paragraphs=None) -> list[Score]:
    """Return a Score per level; *paragraphs* limits both sides to those paragraphs."""
    by_para_d: dict[str, list] = defaultdict(list)
    by_para_c: dict[str, list] = defaultdict(list)
    for n in drafted:
        if paragraphs is None or n.paragraph in paragraphs:
            by_para_d[n.paragraph].append(n)
    for n in curated:
        if paragraphs is None or n.paragraph in paragraphs:
            by_para_c[n.paragraph].append(n)
    results = []
    for level in LEVELS:
        matched = sum(_matching(by_para_d[p], by_para_c.get(p, []), level) for p in list(by_para_d))
        results.append(
            Score(
                level, matched, sum(map(len, by_para_d.values())), sum(map(len, by_para_c.values()))
            )
        )
    return results


def deadline_pairs(drafted: list[NormFields], curated: list[NormFields]) -> tuple[int, int]:
    """Return (curated deadlines found exactly by a draft of the paragraph, curated deadlines)."""
    wanted = [(n.paragraph, n.deadline) for n in curated if n.deadline]
    have = {(n.paragraph, n.deadline) for n in drafted if n.deadline}
    return sum(w in have for w in wanted), len(wanted)
