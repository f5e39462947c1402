"""Generate realistic exported records of a city government, with a chosen share of violations.

The records follow the export format (README, "Export format"; ``data/examples/``): meetings,
decisions, decision proposals with their procedural steps, normative documents with their
public-comment drafts, evaluations and policy interpretations of 乐清市 (330382). Any rule of
the compliance shapes can be broken on purpose in a chosen share of the records it is about;
the manifest says which record breaks which rule (shape local names, the focus node of each
result) and how many results it gives, so tests can assert the findings exactly. Text is written
directly, never through an rdflib graph, so a million triples take a few seconds: the records
are built in ``generator_records``, their terms spelt and written out in ``generator_rdf``.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from functools import partial

from govrules.generator.rdf import JURISDICTION, RECORD_BASE, ntriples, turtle
from govrules.generator.records import Builder

__all__ = [
    "FORMATS", "JURISDICTION", "KINDS", "RECORD_BASE", "RULES", "Export", "assign", "build",
    "generate", "shares_of",
]  # fmt: skip

FORMATS = ("ntriples", "turtle")

# Each rule (the compliance shape's local name) and the kind of record its results focus on.
RULES = {
    "MeetingConvenerShape": "meeting",
    "MeetingChairShape": "meeting",
    "MeetingDelegationShape": "meeting",
    "MajorMatterForumShape": "decision",
    "ListedMatterForumShape": "decision",
    "MajorDecisionReportShape": "decision",
    "MeetingDecisionPublicationShape": "decision",
    "PublicInterestDisclosureShape": "decision",
    "ProposalResearchShape": "proposal",
    "ProposalExpertArgumentShape": "proposal",
    "ProposalPublicConsultationShape": "proposal",
    "ProposalHearingShape": "proposal",
    "ProposalRiskAssessmentShape": "proposal",
    "ProposalMaterialsShape": "proposal",
    "ProposalLegalityReviewShape": "proposal",
    "ProposalDepartmentConsultationShape": "proposal",
    "ProposalTownshipConsultationShape": "proposal",
    "NormativeDocumentPublicDraftShape": "document",
    "DepartmentDocumentFilingShape": "document",
    "JointMakingShape": "document",
    "NoLicencePenaltyCoercionFeeShape": "document",
    "UnifiedRegistrationShape": "document",
    "PolicyInterpretationShape": "document",
    "CityDocumentFilingShape": "document",
    "InterpretationPublishedTogetherShape": "interpretation",
    "EvaluationByDraftingUnitShape": "evaluation",
}
KINDS = ("meeting", "decision", "proposal", "document", "interpretation", "evaluation")


@dataclass
class Export:
    """Generated records: the RDF text, which record breaks which rule, and what was made."""

    data: bytes
    format: str
    manifest: dict[str, dict[str, int]]
    records: dict[str, str]
    triples: int
    seed: int

    def expected(self) -> Counter:
        """Return the results the shapes should give, as a Counter of (focus record, rule)."""
        return Counter(
            {(r, rule): n for r, rules in self.manifest.items() for rule, n in rules.items()}
        )

    def violating(self, rule: str) -> list[str]:
        """Return the records that break *rule*, sorted."""
        return sorted(r for r, rules in self.manifest.items() if rule in rules)

    def count(self, kind: str) -> int:
        """Return the number of records of *kind*."""
        return sum(1 for k in self.records.values() if k == kind)


def shares_of(violations: float | dict[str, float] | None) -> dict[str, float]:
    """Check and return the share of violations per rule; a number applies to every rule.

    :raises ValueError: for an unknown rule, a share outside [0, 1], or shares of one kind of
        record adding up to more than 1 (each record breaks at most one rule).

    >>> shares_of({"JointMakingShape": 0.1})["JointMakingShape"]
    0.1
    """
    if violations is None:
        violations = {}
    if isinstance(violations, int | float):
        violations = dict.fromkeys(RULES, float(violations))
    unknown = sorted(set(violations) - set(RULES))
    if unknown:
        raise ValueError(f"unknown rules {', '.join(unknown)}; known: {', '.join(RULES)}")
    shares = {rule: float(violations.get(rule, 0.0)) for rule in RULES}
    for rule, share in shares.items():
        if not 0 <= share <= 1:
            raise ValueError(f"share of {rule} must be between 0 and 1, not {share}")
    for kind in KINDS:
        total = sum(s for r, s in shares.items() if RULES[r] == kind)
        if total > 1 + 1e-9:
            raise ValueError(f"shares of the rules on {kind} records add up to {total:.2f} > 1")
    return shares


def assign(rng: random.Random, population: int, kind: str, shares: dict) -> dict[int, str]:
    """Choose which of *population* records of *kind* break which rule, round(share × size) each."""
    rules = [r for r in RULES if RULES[r] == kind]
    counts = [round(shares[r] * population) for r in rules]
    chosen = rng.sample(range(population), min(population, sum(counts)))
    plan, start = {}, 0
    for rule, count in zip(rules, counts, strict=True):
        plan.update(dict.fromkeys(chosen[start : start + count], rule))
        start += count
    return plan


def build(units: int, shares: dict[str, float], seed: int) -> Builder:
    """Make the records of *units* meetings' worth of a city's work (at least two meetings)."""
    builder = Builder(seed, partial(assign, shares=shares))
    units = max(2, units)
    meetings = builder.meetings(units)
    builder.decisions(3 * units, meetings)
    builder.proposals(units)
    builder.documents(units)
    return builder


def generate(
    *,
    records: int | None = None,
    triples: int | None = None,
    violations: float | dict[str, float] | None = None,
    seed: int = 0,
    format: str = "ntriples",
) -> Export:
    """Generate an export of about *records* records or *triples* triples (default 1,000 records).

    :param violations: the share of the records each rule is about that break it, per rule
        (shape local name), or one share for every rule; none by default.
    :param seed: the same seed, size and shares give the same bytes.
    :param format: ``ntriples`` or ``turtle``.
    :raises ValueError: for an unknown format or rule, or impossible shares.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}: use one of {', '.join(FORMATS)}")
    shares = shares_of(violations)
    # Size a pilot run, then scale: the mix of records is the same at every size.
    pilot = build(200, shares, seed)
    if triples is not None:
        per_unit = sum(len(pairs) for _, pairs in pilot.blocks) / 200
        units = round(triples / per_unit)
    else:
        per_unit = sum(1 for k in pilot.records.values() if k in KINDS) / 200
        units = round((records if records is not None else 1000) / per_unit)
    builder = build(units, shares, seed)
    made = sum(len(pairs) for _, pairs in builder.blocks)
    if triples is not None and abs(made - triples) > 0.02 * triples:  # small: chance weighs
        builder = build(round(units * triples / made), shares, seed)
    text = ntriples(builder.blocks) if format == "ntriples" else turtle(builder.blocks)
    return Export(
        data=text.encode("utf-8"),
        format=format,
        manifest={r: dict(sorted(rules.items())) for r, rules in sorted(builder.manifest.items())},
        records=builder.records,
        triples=sum(len(pairs) for _, pairs in builder.blocks),
        seed=seed,
    )
