"""Write the records of a generated export: meetings, decisions, proposals, documents and more.

Each record kind has a builder method that breaks the rules its ``assign`` plan chooses and notes
them in the manifest; the same seed gives the same records, in the same order.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta

from govrules import namespaces as ns
from govrules.generator.rdf import (
    DEPARTMENTS,
    ESTABLISHED,
    KNOWN_DEPARTMENTS,
    LISTED,
    MATERIALS,
    MEETING_NAMES,
    PROV,
    RDFS,
    RECORD_BASE,
    ROUTINE,
    START,
    TOPICS,
    TRUE,
    A,
    _body,
    _c,
    _date,
    _g,
    _i,
    _post,
    _text,
)

# Choose which of a number of records of a kind break which rule: (rng, population, kind).
Assign = Callable[[random.Random, int, str], dict[int, str]]


class Builder:
    """Write the records of one export, subject block by subject block, and keep the manifest."""

    def __init__(self, seed: int, assign: Assign):
        self.rng = random.Random(seed)
        self.assign = assign
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
        plan = self.assign(self.rng, n, "meeting")
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
        plan = self.assign(self.rng, n, "decision")
        office = [m for m in meetings if m[1] == "mayors-office-meeting"]
        formal = [m for m in meetings if m[1] != "mayors-office-meeting"]
        for i in range(n):
            rule = plan.get(i)
            d = self.record("decision", f"d{i:06d}")
            forum = rule in ("MajorMatterForumShape", "ListedMatterForumShape")
            # Unpublished public-interest decisions of office meetings break 第三十条 alone.
            disclose = rule == "PublicInterestDisclosureShape"
            # Decisions follow the meetings in time: the i-th decision goes to a nearby meeting.
            pool = (
                office
                if forum or disclose or (rule is None and self.rng.random() < 0.3)
                else formal
            )
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
            elif rule in ("MeetingDecisionPublicationShape", "PublicInterestDisclosureShape"):
                pass
            elif kind != "mayors-office-meeting" and self.rng.random() < 0.1:
                pairs.append((_g("secret"), TRUE))
            elif kind != "mayors-office-meeting" or self.rng.random() < 0.5:
                pairs.append((_g("publicationDate"), _date(published)))
            public = any(p in (_g("publicationDate"), _g("secret")) for p, _ in pairs)
            if disclose or (rule is None and public and self.rng.random() < 0.2):
                pairs.append((_g("conditionMet"), _c("condition", "public-interest-adjustment")))
            if rule:
                self.breaks(d, rule)
            self.add(d, pairs, "decision")

    def proposals(self, n: int) -> None:
        plan = self.assign(self.rng, n, "proposal")
        needs = {  # condition met → the step it calls for, and the rule broken without it
            "highly-specialised": [("expert-argument", "ProposalExpertArgumentShape")],
            "affects-social-stability": [
                ("social-stability-risk-assessment", "ProposalRiskAssessmentShape")
            ],
            "major-public-interest": [
                ("public-consultation", "ProposalPublicConsultationShape"),
                ("hearing", "ProposalHearingShape"),
            ],
            "concerns-other-departments": [
                ("departmental-consultation", "ProposalDepartmentConsultationShape")
            ],
            "concerns-townships": [("prior-consultation", "ProposalTownshipConsultationShape")],
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
        plan = self.assign(self.rng, n, "document")
        policies, evaluated = [], []
        for i in range(n):
            rule = plan.get(i)
            d = self.record("document", f"n{i:06d}")
            published = self.day(i, n)
            by_government = rule == "CityDocumentFilingShape" or (
                rule is None and self.rng.random() < 0.25
            )
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
            if "city-government" in issuers:  # 第三十二条: filed with the standing committee
                congress = _body("peoples-congress-standing-committee")
                to = congress if rule != "CityDocumentFilingShape" else None
                if to is None and self.rng.random() < 0.5:  # filed, but with another body
                    to = _body("justice-bureau")
                if to:
                    pairs.append((_g("filedWith"), to))
                    if all(p != _g("filingDate") for p, _ in pairs):
                        on = published + timedelta(days=self.rng.randint(1, 30))
                        pairs.append((_g("filingDate"), _date(on)))
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
        plan = self.assign(self.rng, len(documents), "interpretation")
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
        plan = self.assign(self.rng, len(documents), "evaluation")
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
