"""Generate realistic exported records of a city government, with a chosen share of violations.

The records follow the export format (README, "Export format"; ``data/examples/``): meetings,
decisions, decision proposals with their procedural steps, normative documents with their
public-comment drafts, evaluations and policy interpretations of 乐清市 (330382). Any rule of
the compliance shapes can be broken on purpose in a chosen share of the records it is about;
the manifest says which record breaks which rule (shape local names, the focus node of each
result) and how many results it gives, so tests can assert the findings exactly. Text is written
directly, never through an rdflib graph, so a million triples take a few seconds.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from . import namespaces as ns

JURISDICTION = "330382"
RECORD_BASE = f"{ns.DEFAULT_BASE}id/cn/{JURISDICTION}/record/"
FORMATS = ("ntriples", "turtle")
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
PROV = "http://www.w3.org/ns/prov#"

# Each rule (the compliance shape's local name) and the kind of record its results focus on.
RULES = {
    "MeetingConvenerShape": "meeting",
    "MeetingChairShape": "meeting",
    "MeetingDelegationShape": "meeting",
    "MajorMatterForumShape": "decision",
    "ListedMatterForumShape": "decision",
    "MajorDecisionReportShape": "decision",
    "MeetingDecisionPublicationShape": "decision",
    "ProposalResearchShape": "proposal",
    "ProposalExpertArgumentShape": "proposal",
    "ProposalPublicConsultationShape": "proposal",
    "ProposalHearingShape": "proposal",
    "ProposalRiskAssessmentShape": "proposal",
    "ProposalMaterialsShape": "proposal",
    "ProposalLegalityReviewShape": "proposal",
    "NormativeDocumentPublicDraftShape": "document",
    "DepartmentDocumentFilingShape": "document",
    "JointMakingShape": "document",
    "NoLicencePenaltyCoercionFeeShape": "document",
    "UnifiedRegistrationShape": "document",
    "PolicyInterpretationShape": "document",
    "InterpretationPublishedTogetherShape": "interpretation",
    "EvaluationByDraftingUnitShape": "evaluation",
}
KINDS = ("meeting", "decision", "proposal", "document", "interpretation", "evaluation")

# Departments of the city that exports name; those outside the org graph are declared in the export.
DEPARTMENTS = {
    "education-bureau": ("乐清市教育局", "Education Bureau", "教"),
    "finance-bureau": ("乐清市财政局", "Finance Bureau", "财"),
    "development-reform-bureau": ("乐清市发展和改革局", "Development and Reform Bureau", "发改"),
    "natural-resources-bureau": ("乐清市自然资源和规划局", "Natural Resources Bureau", "自然资源"),
    "housing-bureau": ("乐清市住房和城乡建设局", "Housing and Construction Bureau", "住建"),
    "transport-bureau": ("乐清市交通运输局", "Transport Bureau", "交"),
    "health-bureau": ("乐清市卫生健康局", "Health Bureau", "卫健"),
    "civil-affairs-bureau": ("乐清市民政局", "Civil Affairs Bureau", "民"),
    "market-regulation-bureau": ("乐清市市场监督管理局", "Market Regulation Bureau", "市监"),
    "emergency-bureau": ("乐清市应急管理局", "Emergency Management Bureau", "应急"),
    "agriculture-bureau": ("乐清市农业农村局", "Agriculture Bureau", "农"),
    "culture-tourism-bureau": ("乐清市文化广电旅游体育局", "Culture and Tourism Bureau", "文旅"),
}
KNOWN_DEPARTMENTS = {"justice-bureau": "司", "audit-bureau": "审", "city-government-office": "政办"}
LISTED = (
    "budget", "development-plan", "major-policy-measure", "social-management-affair",
    "major-construction-project", "superior-instruction",
)  # fmt: skip
ROUTINE = ("important-work", "implementation-status")
MATERIALS = (
    "draft-and-explanation", "legal-review-opinion", "consultation-record",
    "expert-argument-record", "risk-assessment-record",
)  # fmt: skip
ESTABLISHED = (
    "administrative-licence", "administrative-penalty",
    "administrative-coercion", "administrative-fee",
)  # fmt: skip
TOPICS = (
    "城市更新", "老旧小区改造", "中小学校外培训", "农村生活污水治理", "公共租赁住房",
    "交通拥堵治理", "菜市场提升", "养老服务补贴", "电动自行车管理", "文化旅游融合",
    "安全生产监管", "医疗卫生资源布局",
)  # fmt: skip
MEETING_NAMES = {
    "plenary-meeting": "全体会议", "executive-meeting": "常务会议",
    "mayors-office-meeting": "市长办公会议",
}  # fmt: skip
START = date(2018, 1, 8)


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


def _i(iri: str) -> str:
    return f"<{iri}>"


def _date(day: date) -> str:
    return f'"{day.isoformat()}"^^<{XSD}date>'


def _text(value: str, lang: str | None = None) -> str:
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{quoted}@{lang}" if lang else quoted


TRUE = f'"true"^^<{XSD}boolean>'
A = _i(RDF + "type")


def _g(term: str) -> str:
    return f"<{ns.GWR}{term}>"


def _c(scheme: str, slug: str) -> str:
    return _i(ns.concept_iri(scheme, slug))


def _post(slug: str) -> str:
    return _i(ns.post_iri(JURISDICTION, slug))


def _body(slug: str) -> str:
    return _i(ns.body_iri(JURISDICTION, slug))


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


class _Builder:
    """Write the records of one export, subject block by subject block, and keep the manifest."""

    def __init__(self, seed: int, shares: dict[str, float]):
        self.rng = random.Random(seed)
        self.shares = shares
        self.blocks: list[tuple[str, list[tuple[str, str]]]] = []
        self.manifest: dict[str, dict[str, int]] = {}
        self.records: dict[str, str] = {}
        self.units = list(DEPARTMENTS) + list(KNOWN_DEPARTMENTS)
        for slug, (zh, en, _) in DEPARTMENTS.items():
            self.add(_body(slug), [
                (A, _g("Department")), (_i(RDFS + "label"), _text(zh, "zh")),
                (_i(RDFS + "label"), _text(f"Yueqing Municipal {en}", "en")),
                (_i(ns.ORG + "subOrganizationOf"), _body("city-government")),
            ])  # fmt: skip

    def add(self, subject: str, pairs: list[tuple[str, str]], kind: str | None = None) -> None:
        self.blocks.append((subject, pairs))
        if kind:
            self.records[subject[1:-1]] = kind

    def record(self, kind: str, key: str) -> str:
        return _i(f"{RECORD_BASE}{kind}/{key}")

    def breaks(self, subject: str, rule: str, results: int = 1) -> None:
        self.manifest.setdefault(subject[1:-1], {})[rule] = results

    def day(self, index: int, total: int) -> date:
        """Spread *total* records evenly over eight years, working days only."""
        day = START + timedelta(days=index * 2900 // max(total, 1))
        return day + timedelta(days=max(0, day.weekday() - 4))

    def meetings(self, n: int) -> list[tuple[str, str, date]]:
        plan = assign(self.rng, n, "meeting", self.shares)
        made, counters = [], Counter()
        for i in range(n):
            # A year has a few plenary meetings, about two executive meetings a month and
            # more mayor's office meetings; every export of two meetings or more has both kinds.
            kind = "plenary-meeting" if i % 20 == 0 else "mayors-office-meeting"
            kind = "executive-meeting" if i % 20 and i % 2 == 0 else kind
            day = self.day(i, n)
            counters[(day.year, kind)] += 1
            m = self.record("meeting", f"m{i:06d}")
            label = f"{day.year}年市政府第{counters[(day.year, kind)]}次{MEETING_NAMES[kind]}"
            convener = chair = "mayor"
            extra: list[tuple[str, str]] = []
            rule = plan.get(i)
            if rule == "MeetingConvenerShape":
                convener = "vice-mayor"
            elif rule == "MeetingChairShape":
                chair = "vice-mayor"
            elif rule == "MeetingDelegationShape" or self.rng.random() < 0.15:
                convener = chair = "executive-vice-mayor"
                if rule is None and self.rng.random() < 0.5:
                    extra.append((_g("absentParty"), _post("mayor")))
                elif rule is None:
                    node = f"_:delegation{i}"
                    extra.append((_g("delegation"), node))
                    self.add(
                        node, [(A, _i(PROV + "Delegation")), (_i(PROV + "agent"), _post("mayor"))]
                    )
            if rule:
                self.breaks(m, rule)
            attendees = ["executive-vice-mayor", "vice-mayor", "office-director"]
            attendees += ["department-head"] if kind != "executive-meeting" else []
            self.add(m, [
                (A, _g("Meeting")), (_i(RDFS + "label"), _text(label, "zh")),
                (_g("meetingType"), _c("meeting-type", kind)), (_g("meetingDate"), _date(day)),
                (_g("convener"), _post(convener)), (_g("chair"), _post(chair)),
                *[(_g("attendee"), _post(a)) for a in attendees if a not in (convener, chair)],
                *extra,
            ], "meeting")  # fmt: skip
            made.append((m, kind, day))
        return made

    def decisions(self, n: int, meetings: list[tuple[str, str, date]]) -> None:
        plan = assign(self.rng, n, "decision", self.shares)
        office = [m for m in meetings if m[1] == "mayors-office-meeting"]
        formal = [m for m in meetings if m[1] != "mayors-office-meeting"]
        for i in range(n):
            rule = plan.get(i)
            d = self.record("decision", f"d{i:06d}")
            forum = rule in ("MajorMatterForumShape", "ListedMatterForumShape")
            # Decisions follow the meetings in time: the i-th decision goes to a nearby meeting.
            pool = office if forum or (rule is None and self.rng.random() < 0.3) else formal
            meeting, kind, day = pool[min(len(pool) - 1, i * len(pool) // n)]
            if kind == "mayors-office-meeting" and not forum:
                category = self.rng.choice(ROUTINE)
            elif rule == "ListedMatterForumShape" or (not forum and self.rng.random() < 0.5):
                category = self.rng.choice(LISTED)
            else:
                category = "major-matter"
            topic = self.rng.choice(TOPICS)
            pairs = [
                (A, _g("Decision")), (_i(RDFS + "label"), _text(f"关于{topic}的决定", "zh")),
                (_g("matterCategory"), _c("matter", category)), (_g("decidedAt"), meeting),
                (_g("decisionDate"), _date(day)),
            ]  # fmt: skip
            published = day + timedelta(days=self.rng.randint(2, 10))
            if rule == "MajorDecisionReportShape" or (
                rule is None and kind != "mayors-office-meeting" and self.rng.random() < 0.2
            ):
                pairs.append((_g("conditionMet"), _c("condition", "overall-development")))
                if rule is None:
                    pairs += [
                        (_g("reportedTo"), _body("peoples-congress-standing-committee")),
                        (_g("reportDate"), _date(published - timedelta(days=1))),
                    ]
                elif self.rng.random() < 0.5:  # reported, but only after it was made public
                    pairs += [
                        (_g("reportedTo"), _body("peoples-congress-standing-committee")),
                        (_g("reportDate"), _date(published + timedelta(days=3))),
                    ]
                pairs.append((_g("publicationDate"), _date(published)))
            elif rule == "MeetingDecisionPublicationShape":
                pass
            elif kind != "mayors-office-meeting" and self.rng.random() < 0.1:
                pairs.append((_g("secret"), TRUE))
            elif kind != "mayors-office-meeting" or self.rng.random() < 0.5:
                pairs.append((_g("publicationDate"), _date(published)))
            if rule:
                self.breaks(d, rule)
            self.add(d, pairs, "decision")

    def proposals(self, n: int) -> None:
        plan = assign(self.rng, n, "proposal", self.shares)
        needs = {  # condition met → the step it calls for, and the rule broken without it
            "highly-specialised": [("expert-argument", "ProposalExpertArgumentShape")],
            "affects-social-stability": [
                ("social-stability-risk-assessment", "ProposalRiskAssessmentShape")
            ],
            "major-public-interest": [
                ("public-consultation", "ProposalPublicConsultationShape"),
                ("hearing", "ProposalHearingShape"),
            ],
        }
        for i in range(n):
            rule = plan.get(i)
            p = self.record("proposal", f"p{i:06d}")
            unit = self.rng.choice(self.units)
            submitted = self.day(i, n)
            conditions = [c for c in needs if self.rng.random() < 0.3]
            conditions += [c for c, steps in needs.items() if rule in {r for _, r in steps}]
            steps = [("research", unit, 90)] if rule != "ProposalResearchShape" else []
            for condition in sorted(set(conditions)):
                steps += [(s, unit, 45) for s, r in needs[condition] if r != rule]
            if rule != "ProposalLegalityReviewShape":
                steps.append(("legality-review", "justice-bureau", 10))
            elif self.rng.random() < 0.5:  # reviewed, but by the drafting unit itself
                other = unit if unit != "justice-bureau" else "city-government-office"
                steps.append(("legality-review", other, 10))
            elif self.rng.random() < 0.5:  # reviewed by the justice bureau after submission
                steps.append(("legality-review", "justice-bureau", -5))
            materials = list(MATERIALS)
            if rule == "ProposalMaterialsShape":
                materials.remove(self.rng.choice(MATERIALS))
            if rule:
                self.breaks(p, rule)
            taken = []
            for kind, by, before in steps:
                s = self.record("step", f"p{i:06d}-{kind}")
                taken.append((_g("stepTaken"), s))
                on = submitted - timedelta(days=before + self.rng.randint(0, 20) * (before > 0))
                self.add(s, [
                    (A, _g("ProceduralStep")), (_g("stepType"), _c("procedural-step", kind)),
                    (_g("performedBy"), _body(by)), (_g("stepDate"), _date(on)),
                ], "step")  # fmt: skip
            topic = self.rng.choice(TOPICS)
            self.add(p, [
                (A, _g("DecisionProposal")),
                (_i(RDFS + "label"), _text(f"关于{topic}的决策建议", "zh")),
                (_g("matterCategory"), _c("matter", "major-decision-proposal")),
                (_g("proposer"), _body(unit)), (_g("draftingUnit"), _body(unit)),
                (_g("submissionDate"), _date(submitted)),
                *[(_g("conditionMet"), _c("condition", c)) for c in sorted(set(conditions))],
                *[(_g("material"), _c("material", m)) for m in materials],
                *taken,
            ], "proposal")  # fmt: skip

    def documents(self, n: int) -> None:
        plan = assign(self.rng, n, "document", self.shares)
        policies, evaluated = [], []
        for i in range(n):
            rule = plan.get(i)
            d = self.record("document", f"n{i:06d}")
            published = self.day(i, n)
            by_government = rule is None and self.rng.random() < 0.25
            unit = self.rng.choice(self.units)
            issuers = ["city-government"] if by_government else [unit]
            joint = rule == "JointMakingShape" or (rule is None and self.rng.random() < 0.1)
            if joint and rule is None:
                issuers.append(self.rng.choice([u for u in self.units if u != issuers[0]]))
            abbr = "政" if by_government else {**KNOWN_DEPARTMENTS, **{
                k: v[2] for k, v in DEPARTMENTS.items()}}[unit]  # fmt: skip
            topic = self.rng.choice(TOPICS)
            pairs = [
                (A, _g("NormativeDocument")),
                (_i(RDFS + "label"), _text(f"乐清市{topic}管理办法({i})", "zh")),
                (_g("matterCategory"), _c("matter", "normative-document")),
                *[(_g("issuingBody"), _body(b)) for b in issuers],
                (_g("draftingUnit"), _body(unit)),
                (_i(str(ns.ELI) + "date_publication"), _date(published)),
            ]  # fmt: skip
            numbers = [("documentNumber", f"乐{abbr}发〔{published.year}〕{i + 1}号"),
                       ("registrationNumber", f"LQDR-{published.year}-{i + 1:06d}")]  # fmt: skip
            if rule == "UnifiedRegistrationShape":
                numbers.pop(self.rng.randrange(2))
            pairs += [(_g(p), _text(v)) for p, v in numbers]
            if joint:
                pairs.append((_g("conditionMet"), _c("condition", "multiple-departments")))
            if rule == "NoLicencePenaltyCoercionFeeShape":
                pairs.append((_g("establishes"), _c("matter", self.rng.choice(ESTABLISHED))))
            late = rule == "DepartmentDocumentFilingShape"
            if issuers != ["city-government"]:  # a department issued it: filing is due
                how = self.rng.random() if late else 1.0
                filed = published + timedelta(days=self.rng.randint(16, 60) if late else
                                              self.rng.randint(1, 15))  # fmt: skip
                if how >= 0.2:  # otherwise never filed
                    to = "justice-bureau" if how < 0.35 else "city-government"
                    filed = published + timedelta(days=3) if to == "justice-bureau" else filed
                    pairs += [(_g("filedWith"), _body(to)), (_g("filingDate"), _date(filed))]
            close = rule == "NormativeDocumentPublicDraftShape" or self.rng.random() < 0.4
            if close:
                pairs.append((_g("closeToPublicInterest"), TRUE))
            if close and (rule != "NormativeDocumentPublicDraftShape" or self.rng.random() < 0.3):
                draft = self.record("publication", f"n{i:06d}-draft")
                # A draft published after the document itself is no public-comment draft.
                late_draft = rule == "NormativeDocumentPublicDraftShape"
                offset = 5 if late_draft else -self.rng.randint(30, 90)
                pairs.append((_g("publicCommentDraft"), draft))
                self.add(draft, [
                    (A, _g("Publication")), (_g("publicationDate"),
                                             _date(published + timedelta(days=offset))),
                ], "publication")  # fmt: skip
            if rule == "PolicyInterpretationShape" or self.rng.random() < 0.5:
                pairs.append((_g("matterCategory"), _c("matter", "policy")))
                if rule != "PolicyInterpretationShape":
                    policies.append((d, unit, published))
            if i % 3 == 0:
                evaluated.append((d, unit, published))
            if rule:
                self.breaks(d, rule, 1)
            self.add(d, pairs, "document")
        self.interpretations(policies)
        self.evaluations(evaluated)

    def interpretations(self, documents: list[tuple[str, str, date]]) -> None:
        plan = assign(self.rng, len(documents), "interpretation", self.shares)
        for i, (doc, unit, published) in enumerate(documents):
            r = self.record("interpretation", f"i{i:06d}")
            pairs = [
                (A, _g("PolicyInterpretation")), (_g("interprets"), doc),
                (_g("draftingUnit"), _body(unit)),
            ]  # fmt: skip
            if plan.get(i):
                self.breaks(r, plan[i])
                if self.rng.random() < 0.7:  # published later than the policy; or never
                    later = published + timedelta(days=self.rng.randint(3, 30))
                    pairs.append((_g("publicationDate"), _date(later)))
            else:
                pairs.append((_g("publicationDate"), _date(published)))
            self.add(r, pairs, "interpretation")

    def evaluations(self, documents: list[tuple[str, str, date]]) -> None:
        plan = assign(self.rng, len(documents), "evaluation", self.shares)
        for i, (doc, unit, published) in enumerate(documents):
            r = self.record("evaluation", f"e{i:06d}")
            by = unit
            if plan.get(i):
                self.breaks(r, plan[i])
                by = self.rng.choice([u for u in self.units if u != unit])
            self.add(r, [
                (A, _g("Evaluation")), (_g("evaluates"), doc), (_g("performedBy"), _body(by)),
                (_g("stepDate"), _date(published + timedelta(days=365))),
            ], "evaluation")  # fmt: skip

    def ntriples(self) -> str:
        return "".join(f"{s} {p} {o} .\n" for s, pairs in self.blocks for p, o in pairs)

    def turtle(self) -> str:
        prefixes = {
            "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "prov": PROV, "org": str(ns.ORG),
            "eli": str(ns.ELI), "gwr": str(ns.GWR),
            "body": ns.body_iri(JURISDICTION, ""), "post": ns.post_iri(JURISDICTION, ""),
            **{s: ns.concept_iri(s, "") for s in (
                "meeting-type", "matter", "procedural-step", "material", "condition")},
        }  # fmt: skip
        local = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
        cache: dict[str, str] = {}

        def short(term: str) -> str:
            if term in cache:
                return cache[term]
            out = term
            if term.startswith(f"<{RECORD_BASE}"):
                out = "<" + term[len(RECORD_BASE) + 1 :]
            elif term.startswith("<"):
                for prefix, iri in prefixes.items():
                    rest = term[len(iri) + 1 : -1]
                    if term.startswith(iri, 1) and local.match(rest):
                        out = f"{prefix}:{rest}"
                        break
            else:
                out = term.replace(f"^^<{XSD}date>", "^^xsd:date").replace(TRUE, "true")
            if len(cache) < 100_000:  # record IRIs are many and seen once or twice
                cache[term] = out
            return out

        head = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in prefixes.items())
        lines = [head + f"@base <{RECORD_BASE}> .\n"]
        for s, pairs in self.blocks:
            body = " ;\n    ".join(("a" if p == A else short(p)) + " " + short(o) for p, o in pairs)
            lines.append(f"\n{short(s)}\n    {body} .\n")
        return "".join(lines)


def build(units: int, shares: dict[str, float], seed: int) -> _Builder:
    """Make the records of *units* meetings' worth of a city's work (at least two meetings)."""
    builder = _Builder(seed, shares)
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
    text = builder.ntriples() if format == "ntriples" else builder.turtle()
    return Export(
        data=text.encode("utf-8"),
        format=format,
        manifest={r: dict(sorted(rules.items())) for r, rules in sorted(builder.manifest.items())},
        records=builder.records,
        triples=sum(len(pairs) for _, pairs in builder.blocks),
        seed=seed,
    )
