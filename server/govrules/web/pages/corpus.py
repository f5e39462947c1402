"""View models of the corpus pages: the documents, a work's versions and events, the version
switcher of a provision, and the changes between two dates."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

from govrules.knowledge.catalog import NAMES, TYPE_LABELS
from govrules.namespaces import sparql_prologue
from govrules.query import asof
from govrules.query.questions import ask
from govrules.web.pages.common import Ref, Site

DOCUMENTS = (
    sparql_prologue()
    + """
SELECT ?work ?title ?jurisdiction ?type ?issuer ?adopted (COUNT(DISTINCT ?v) AS ?versions)
  (COUNT(DISTINCT ?known) AS ?texts) (MAX(?vd) AS ?latest)
WHERE {
  ?work eli:is_realized_by ?v ; eli:title ?title ; gwr:jurisdiction ?jurisdiction .
  OPTIONAL { ?v gwr:textKnown true BIND(?v AS ?known) }
  OPTIONAL { ?v eli:version_date ?vd }
  OPTIONAL { ?work eli:type_document ?type }
  OPTIONAL { ?work eli:passed_by ?issuer }
  OPTIONAL { ?work eli:date_document ?adopted }
} GROUP BY ?work ?title ?jurisdiction ?type ?issuer ?adopted ORDER BY ?jurisdiction ?work"""
)
EVENTS = (
    sparql_prologue()
    + """
SELECT ?work ?event ?date ?kind ?meeting ?act ?version WHERE {
  ?work gwr:hasEvent ?event . ?event gwr:eventDate ?date ; gwr:eventKind ?kind .
  OPTIONAL { ?event gwr:meeting ?meeting } OPTIONAL { ?event gwr:amendingAct ?act }
  OPTIONAL { ?version prov:wasGeneratedBy ?event }
} ORDER BY ?date"""
)
WORK_OF = (
    sparql_prologue()
    + """
SELECT ?x ?work WHERE {
  { ?x eli:realizes ?work } UNION { ?x gwr:inVersion/eli:realizes ?work }
  UNION { ?x eli:is_realized_by ?any BIND(?x AS ?work) }
} LIMIT 1"""
)


@dataclass
class DocumentRow:
    """One work on the documents page."""

    ref: Ref
    title: str
    jurisdiction: str
    place: str
    type: str
    type_label: str
    issuer: Ref | None
    year: str
    versions: int
    texts: int
    latest: str


@dataclass
class Switcher:
    """The versions of the work a page belongs to, each linked to this page's counterpart."""

    work: Ref
    current: str
    versions: list = field(default_factory=list)  # (Version, href or "", label)
    events: list = field(default_factory=list)


def documents(site: Site, filters: dict[str, str]) -> dict:
    """Return the works of the corpus, filtered by type, jurisdiction, issuing body and year."""
    rows = []
    for r in site.store.query(DOCUMENTS).rows():
        slug = str(r.get("type", "")).rsplit("/", 1)[-1]
        adopted = str(r.get("adopted", ""))
        year = adopted[:4] or str(r["work"]).rsplit("/", 1)[-1]
        rows.append(
            DocumentRow(
                ref=site.ref(r["work"]),
                title=str(r["title"]),
                jurisdiction=str(r["jurisdiction"]),
                place=NAMES.get(str(r["jurisdiction"]), str(r["jurisdiction"])),
                type=slug,
                type_label=TYPE_LABELS.get(slug, (slug, slug))[0],
                issuer=site.ref(r["issuer"]) if "issuer" in r else None,
                year=year,
                versions=int(r["versions"].toPython()),
                texts=int(r["texts"].toPython()),
                latest=str(r.get("latest", "")),
            )
        )
    unique = {row.ref.iri: row for row in rows}
    rows = sorted(unique.values(), key=lambda d: (d.jurisdiction, d.ref.iri))
    options = {
        "type": sorted({(d.type, d.type_label) for d in rows}),
        "jurisdiction": sorted({(d.jurisdiction, d.place) for d in rows}),
        "issuer": sorted(
            {(d.issuer.iri.rsplit("/", 1)[-1], d.issuer.zh or "") for d in rows if d.issuer}
        ),
        "year": sorted({(d.year, d.year) for d in rows}),
    }
    chosen = [d for d in rows if _passes(d, filters)]
    return {"documents": chosen, "options": options, "filters": filters, "total": len(rows)}


def _passes(row: DocumentRow, filters: dict[str, str]) -> bool:
    if filters.get("type") and row.type != filters["type"]:
        return False
    if filters.get("jurisdiction") and row.jurisdiction != filters["jurisdiction"]:
        return False
    if filters.get("issuer") and not (
        row.issuer and row.issuer.iri.endswith("/" + filters["issuer"])
    ):
        return False
    return not (filters.get("year") and row.year != filters["year"])


def work_of(site: Site, iri: str) -> str | None:
    """Return the work a work, version or provision IRI belongs to, or None."""
    rows = site.store.query(WORK_OF, bindings={"x": URIRef(iri)}).rows()
    return str(rows[0]["work"]) if rows else None


def switcher(site: Site, iri: str) -> Switcher | None:
    """Return the versions and events of the work *iri* belongs to, linked from this page."""
    work = work_of(site, iri)
    if work is None:
        return None
    _, versions = asof.versions_of(site.store, work)
    here = asof.version_of(site.store, iri) or (iri if any(v.iri == iri for v in versions) else "")
    links = []
    for version in versions:
        href = ""
        if version.known:
            target = (
                version.iri if here in ("", iri) else asof.counterpart(site.store, iri, version.iri)
            )
            href = site.ref(target).href if target else ""
        label = version.date.isoformat() if version.date else "无日期 undated"
        links.append((version, href, label))
    events = []
    for r in site.store.query(EVENTS, bindings={"work": URIRef(work)}).rows():
        events.append(
            {
                "date": str(r["date"]),
                "kind": site.ref(r["kind"]),
                "meeting": str(r.get("meeting", "")),
                "act": str(r.get("act", "")),
                "version": site.ref(r["version"]) if "version" in r else None,
            }
        )
    return Switcher(site.ref(work), here, links, events)


def changes(site: Site, document: str, start: str, end: str) -> dict:
    """Return the changes of a document between the versions in force on two dates."""
    values = {"document": document, "from": start, "to": end}
    rows = ask(site.store, "changes", values).rows()
    grouped: dict[str, list] = {"added": [], "removed": [], "changed": [], "renumbered": []}
    for r in rows:
        change = str(r["change"])
        item = {
            "change": change,
            "old": site.ref(r["old"]) if "old" in r else None,
            "new": site.ref(r["new"]) if "new" in r else None,
            "old_number": str(r.get("oldNumber", "")),
            "new_number": str(r.get("newNumber", "")),
            "old_text": str(r.get("oldText", "")),
            "new_text": str(r.get("newText", "")),
        }
        for key in grouped:
            if key in change:
                grouped[key].append(item)
    from govrules.query.questions import parse_date, resolve_document

    work = str(resolve_document(site.store, document))
    states = [asof.in_force(site.store, work, parse_date(d).toPython()) for d in (start, end)]
    notes = [s.explain() for s in states if not s.has_text]
    return {
        "work": site.ref(work),
        "from": start,
        "to": end,
        "groups": grouped,
        "notes": notes,
        "versions": [s.version for s in states],
    }
