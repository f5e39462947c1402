"""Norms as people read them (who, must/must not/may, what, to whom, by when), and the
pages of bodies, posts and collectives: what binds them, what they approve, whom they report to.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import URIRef

from govrules.namespaces import GWR, ODRL, ORG, RDF, RDFS, sparql_prologue
from govrules.web.pages.common import Ref, Site, Value, _natural

MODALITIES = {
    str(GWR.Obligation): ("obligation", "必须/应当", "must"),
    str(GWR.Prohibition): ("prohibition", "不得", "must not"),
    str(GWR.Permission): ("permission", "可以", "may"),
    str(GWR.Power): ("power", "有权", "has the power to"),
}
_FACTS = """SELECT * WHERE {
  %s
  ?norm a gwr:Norm ; ?p ?o .
  OPTIONAL { FILTER(?p = gwr:deadline) ?o ?bp ?bo }
}"""
UNDER = sparql_prologue() + _FACTS % (
    "?source eli:is_part_of* ?root . ?norm gwr:hasLegalSource ?source ."
)
ONE = sparql_prologue() + _FACTS % ""
SHAPES = (
    sparql_prologue()
    + """
SELECT ?root ?shape ?source ?norm WHERE {
  ?source eli:is_part_of* ?root . ?shape gwr:hasLegalSource ?source ; a sh:NodeShape .
  OPTIONAL { ?shape gwr:enforces ?norm }
}"""
)
BINDS = (
    sparql_prologue()
    + """
SELECT DISTINCT ?agent ?norm ?how WHERE {
  { ?norm gwr:binds ?agent BIND("binds" AS ?how) }
  UNION { ?norm gwr:counterparty ?agent BIND("counterparty" AS ?how) }
  ?norm a gwr:Norm .
}"""
)


@dataclass
class Norm:
    """One norm, ready for a page."""

    ref: Ref
    kind: str = ""
    modality_zh: str = ""
    modality_en: str = ""
    bearers: list = field(default_factory=list)
    actions: list = field(default_factory=list)
    targets: list = field(default_factory=list)
    counterparties: list = field(default_factory=list)
    forums: list = field(default_factory=list)
    conditions: list = field(default_factory=list)
    exceptions: list = field(default_factory=list)
    before: list = field(default_factory=list)
    on_behalf_of: list = field(default_factory=list)
    deadlines: list = field(default_factory=list)  # of (period zh, period en, Ref counted from)
    sources: list = field(default_factory=list)
    quote: str = ""
    source_texts: dict = field(default_factory=dict)  # paragraph IRI → text


_FIELDS = {
    str(GWR.bearer): "bearers",
    str(ODRL.action): "actions",
    str(ODRL.target): "targets",
    str(GWR.counterparty): "counterparties",
    str(GWR.requiredForum): "forums",
    str(GWR.condition): "conditions",
    str(GWR.exceptWhen): "exceptions",
    str(GWR.before): "before",
    str(GWR.onBehalfOf): "on_behalf_of",
    str(GWR.hasLegalSource): "sources",
}


def period(text: str) -> tuple[str, str]:
    """Read an xsd:dayTimeDuration of days as zh and en words.

    >>> period("P15D")
    ('15日', '15 days')
    >>> period("PT2H")
    ('PT2H', 'PT2H')
    """
    match = re.fullmatch(r"P(\d+)D", text)
    return (f"{match.group(1)}日", f"{match.group(1)} days") if match else (text, text)


def build_norms(site: Site, rows) -> list[Norm]:
    """Turn (norm, p, o, bp, bo) rows into norms, sorted as the text runs (art_9-2 < art_10-1)."""
    norms: dict[str, Norm] = {}
    blanks: dict[tuple[str, str], dict[str, object]] = defaultdict(dict)
    for row in rows:
        iri, p, o = str(row["norm"]), str(row["p"]), row["o"]
        norm = norms.setdefault(iri, Norm(site.ref(iri)))
        if p == str(RDF.type) and str(o) in MODALITIES:
            norm.kind, norm.modality_zh, norm.modality_en = MODALITIES[str(o)]
        elif p == str(GWR.quote):
            norm.quote = str(o)
        elif p == str(GWR.deadline) and "bp" in row:
            blanks[(iri, str(o))][str(row["bp"])] = row["bo"]
        elif p in _FIELDS:
            values = getattr(norm, _FIELDS[p])
            value = site.ref(o) if isinstance(o, URIRef) else Value(text=str(o))
            if value not in values:
                values.append(value)
    for (iri, _), facts in sorted(blanks.items()):
        zh, en = period(str(facts.get(str(GWR.period), "")))
        start = facts.get(str(GWR.countedFrom))
        norms[iri].deadlines.append((zh, en, site.ref(start) if start is not None else None))
    for norm in norms.values():
        for name in _FIELDS.values():
            getattr(norm, name).sort(key=lambda v: _natural(getattr(v, "iri", "")))
    return sorted(norms.values(), key=lambda n: _natural(n.ref.iri))


def norms_under(site: Site, root: str) -> list[Norm]:
    """Return the norms read from the provisions under *root* (itself included)."""
    return build_norms(site, site.store.query(UNDER, bindings={"root": URIRef(root)}).rows())


def shapes_under(site: Site, root: str) -> dict[str, list]:
    """Return the compliance shapes citing provisions under *root*, by provision IRI."""
    found: dict[str, list] = defaultdict(list)
    for row in site.store.query(SHAPES, bindings={"root": URIRef(root)}).rows():
        entry = (site.ref(row["shape"]), site.ref(row["norm"]) if "norm" in row else None)
        if entry not in found[str(row["source"])]:
            found[str(row["source"])].append(entry)
    return dict(found)


def norm_page(site: Site, iri: str) -> dict:
    """Return the view model of a norm's page."""
    norms = build_norms(site, site.store.query(ONE, bindings={"norm": URIRef(iri)}).rows())
    norm = norms[0]
    for source in norm.sources:
        outgoing, _ = site.facts(source.iri)
        texts = dict((p.iri, v) for p, v in outgoing)
        norm.source_texts[source.iri] = next(
            (v.text for v in texts.get(str(GWR.text), []) if v.lang == "zh"), ""
        )
    return {"norm": norm}


def agent_page(site: Site, iri: str) -> dict:
    """Return the view model of a body, post or collective page."""
    node = {"agent": URIRef(iri)}
    binding, owed = [], []
    rows = site.store.query(BINDS, bindings=node).rows()
    wanted = {str(r["norm"]) for r in rows}
    facts = [r for n in sorted(wanted) for r in _facts(site, n)]
    by_iri = {n.ref.iri: n for n in build_norms(site, facts)}
    for row in rows:
        target = binding if str(row["how"]) == "binds" else owed
        norm = by_iri.get(str(row["norm"]))
        if norm is not None and norm not in target:
            target.append(norm)
    outgoing, incoming = site.facts(iri)
    out = {p.iri: v for p, v in outgoing}
    inc = {p.iri: v for p, v in incoming}
    return {
        "binding": sorted(binding, key=lambda n: _natural(n.ref.iri)),
        "owed": sorted(owed, key=lambda n: _natural(n.ref.iri)),
        "approves": out.get(str(GWR.mustApprove), []),
        "reports_to": out.get(str(ORG.reportsTo), []),
        "must_report_to": out.get(str(GWR.mustReportTo), []),
        "reported_by": inc.get(str(ORG.reportsTo), []),
        "mentioned_in": out.get(str(GWR.mentionedIn), []),
        "labels": [v for v in out.get(str(RDFS.label), []) if v.ref is None],
    }


def _facts(site: Site, norm: str):
    return site.store.query(ONE, bindings={"norm": URIRef(norm)}).rows()
