"""Spell the terms of generated records and write the records as N-Triples or Turtle.

The terms are the city's bodies, concepts and labels (``DEPARTMENTS``, ``TOPICS``, …) and the
IRIs and literals built from them; records are blocks of (subject, [(predicate, object)]).
"""

from __future__ import annotations

import re
from datetime import date

from govrules import namespaces as ns

JURISDICTION = "330382"
RECORD_BASE = f"{ns.DEFAULT_BASE}id/cn/{JURISDICTION}/record/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
PROV = "http://www.w3.org/ns/prov#"

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


def ntriples(blocks: list[tuple[str, list[tuple[str, str]]]]) -> str:
    """Write *blocks* of (subject, [(predicate, object)]) as N-Triples."""
    return "".join(f"{s} {p} {o} .\n" for s, pairs in blocks for p, o in pairs)


def turtle(blocks: list[tuple[str, list[tuple[str, str]]]]) -> str:
    """Write *blocks* of (subject, [(predicate, object)]) as Turtle, with prefixes and a base."""
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
    for s, pairs in blocks:
        body = " ;\n    ".join(("a" if p == A else short(p)) + " " + short(o) for p, o in pairs)
        lines.append(f"\n{short(s)}\n    {body} .\n")
    return "".join(lines)
