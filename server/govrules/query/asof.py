"""The rules as they stood on a date: which version of a work was in force, and why none is.

The version in force on a date D is the latest version dated no later than D (the date of a
version is that of the event that produced it; a work known by one undated text is its own
version). Before the first event there is no version; a version whose text is not in the
corpus (the NPCSC's 1987 original) is named, with the known texts around it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rdflib import URIRef

from govrules.namespaces import sparql_prologue

VERSIONS = (
    sparql_prologue()
    + """
SELECT DISTINCT ?work ?version ?date ?known ?title WHERE {
  ?work eli:is_realized_by ?version .
  ?version gwr:textKnown ?known .
  OPTIONAL { ?version eli:version_date ?date }
  OPTIONAL { ?work eli:title ?title }
}"""
)
# The counterpart of a provision in another version of its work, along the successor links (up to
# three known texts away: fixed-length paths, which Oxigraph answers from the bound end).
COUNTERPART = (
    sparql_prologue()
    + """
SELECT DISTINCT ?provision ?target ?other WHERE {
  { ?provision (gwr:successor|gwr:successor/gwr:successor|gwr:successor/gwr:successor/gwr:successor)
      ?other }
  UNION
  { ?provision
      (gwr:predecessor|gwr:predecessor/gwr:predecessor|gwr:predecessor/gwr:predecessor/gwr:predecessor)
      ?other }
  ?other gwr:inVersion ?target .
}"""
)
VERSION_OF = sparql_prologue() + "SELECT ?x ?v WHERE { ?x gwr:inVersion ?v }"


@dataclass(frozen=True)
class Version:
    """A version of a work: IRI, date (None: undated) and whether its text is known."""

    iri: str
    date: dt.date | None
    known: bool


@dataclass(frozen=True)
class InForce:
    """What stood on a date: the version (None before the first), and the known texts."""

    work: str
    title: str
    date: dt.date
    version: Version | None
    versions: tuple[Version, ...]

    @property
    def has_text(self) -> bool:
        """Tell whether the text in force on the date is in the corpus."""
        return self.version is not None and self.version.known

    def explain(self) -> str:
        """Say in one sentence what stood on the date when no known text did."""
        known = ", ".join(v.date.isoformat() for v in self.versions if v.known and v.date)
        name = f"《{self.title}》" if self.title else f"<{self.work}>"
        if self.version is None:
            first = self.versions[0].date.isoformat() if self.versions else "?"
            return (
                f"{name} did not stand yet on {self.date.isoformat()}: its first known event is "
                f"of {first}; known texts: {known or 'none'}"
            )
        if not self.version.known:
            when = self.version.date.isoformat() if self.version.date else "no date"
            return (
                f"the text of {name} in force on {self.date.isoformat()} is the version of "
                f"{when}, whose text is not in the corpus; known texts: {known or 'none'}"
            )
        return f"{name} as of {self.date.isoformat()}: the version <{self.version.iri}>"


def versions_of(store, work: str) -> tuple[str, tuple[Version, ...]]:
    """Return the title and the versions of *work*, oldest first (undated last)."""
    rows = store.query(VERSIONS, bindings={"work": URIRef(work)}).rows()
    title = next((str(r["title"]) for r in rows if "title" in r), "")
    found = {
        str(r["version"]): Version(
            str(r["version"]),
            r["date"].toPython() if "date" in r else None,
            bool(r["known"].toPython()),
        )
        for r in rows
    }
    ordered = sorted(found.values(), key=lambda v: (v.date is None, v.date or dt.date.max))
    return title, tuple(ordered)


def in_force(store, work: str, date: dt.date) -> InForce:
    """Return the version of *work* in force on *date*."""
    title, versions = versions_of(store, work)
    undated = [v for v in versions if v.date is None]
    dated = [v for v in versions if v.date is not None and v.date <= date]
    chosen = (
        dated[-1] if dated else (undated[0] if undated and len(undated) == len(versions) else None)
    )
    return InForce(work, title, date, chosen, versions)


def version_of(store, iri: str) -> str | None:
    """Return the version a provision belongs to, or None for anything else."""
    rows = store.query(VERSION_OF, bindings={"x": URIRef(iri)}).rows()
    return str(rows[0]["v"]) if rows else None


def counterpart(store, provision: str, version: str) -> str | None:
    """Return the provision of *version* that corresponds to *provision* (by text), if any."""
    if version_of(store, provision) == version:
        return provision
    rows = store.query(
        COUNTERPART, bindings={"provision": URIRef(provision), "target": URIRef(version)}
    ).rows()
    return str(rows[0]["other"]) if rows else None
