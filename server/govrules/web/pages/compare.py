"""The comparison page: documents × concerns, each cell the value with a link to its article.

Built from the canned questions ``compare`` (one run per concern) and ``concern-changes``,
so that the page, the CLI and the JSON/CSV answers say the same thing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from govrules.namespaces import sparql_prologue
from govrules.query.questions import ask
from govrules.web.linked import href

#: The order of the columns: the order the issue and COMMON.md list the concerns in.
ORDER = (
    "quorum",
    "notice",
    "convening",
    "chairing",
    "voting",
    "agenda",
    "proposal",
    "questioning",
    "filing",
    "publication",
    "legality-review",
)
CONCERNS = (
    sparql_prologue()
    + """
SELECT ?concern ?zh ?en WHERE {
  ?concern skos:inScheme <https://w3id.org/govrules/concept/concern> ;
           skos:prefLabel ?zh , ?en .
  FILTER(lang(?zh) = "zh" && lang(?en) = "en")
}"""
)


@dataclass
class Cell:
    """What one document version says on one concern: values, each linked to its article."""

    values: list[dict] = field(default_factory=list)  # {text, en, href, citation, quote}
    differs: bool = False

    @property
    def key(self) -> str:
        """Return the comparable value of the cell: its distinct values, sorted."""
        return "、".join(sorted({v["text"] for v in self.values}))


@dataclass
class Row:
    """One document version in force on the date."""

    work: str
    label: str
    version: str
    href: str
    date: str
    body: str
    cells: dict[str, Cell] = field(default_factory=dict)


def concerns(store) -> list[tuple[str, str, str]]:
    """Return the concerns as (IRI, zh, en), in the order of ORDER."""
    found = {str(r["concern"]): (str(r["zh"]), str(r["en"])) for r in store.query(CONCERNS).rows()}

    def rank(iri: str) -> tuple:
        slug = iri.rsplit("/", 1)[-1]
        return (ORDER.index(slug) if slug in ORDER else len(ORDER), slug)

    return [(iri, *found[iri]) for iri in sorted(found, key=rank)]


def comparison(store, base: str, values: dict[str, str]) -> dict:
    """Return the matrix of documents × concerns for the page, with the differing cells marked.

    :param values: the parameters of ``compare`` other than the concern (as-of, jurisdiction…).
    """
    columns = [
        {"iri": iri, "zh": zh, "en": en, "href": href(base, iri), "slug": iri.rsplit("/", 1)[-1]}
        for iri, zh, en in concerns(store)
    ]
    rows: dict[str, Row] = {}
    for concern in (c["iri"] for c in columns):
        for r in ask(store, "compare", {**values, "concern": concern}).rows():
            version = str(r["version"])
            row = rows.get(version)
            if row is None:
                row = rows[version] = Row(
                    work=str(r["work"]),
                    label=str(r.get("documentLabel", "")),
                    version=version,
                    href=href(base, version),
                    date=str(r.get("versionDate", "")),
                    body=str(r.get("bodyLabel", "")),
                )
            cell = row.cells.setdefault(concern, Cell())
            if "norm" in r and "value" in r:
                cell.values.append(
                    {
                        "text": str(r["value"]),
                        "en": str(r.get("valueEn", "")),
                        "href": href(base, str(r["article"])),
                        "citation": str(r["citation"]),
                        "quote": str(r.get("quote", "")),
                    }
                )
    ordered = sorted(rows.values(), key=lambda row: (row.work, row.date))
    for concern in (c["iri"] for c in columns):
        mark_differing([row.cells.setdefault(concern, Cell()) for row in ordered])
    return {"concerns": columns, "rows": ordered}


def mark_differing(cells: list[Cell]) -> str | None:
    """Mark the cells whose value differs from the most common one; return that value.

    Empty cells (no norm on the concern) are neither counted nor marked. On a tie the value
    that sorts first wins, so that the page is the same on every run.

    >>> a, b, c = Cell([{"text": "x"}]), Cell([{"text": "x"}]), Cell([{"text": "y"}])
    >>> mark_differing([a, b, c, Cell()]), [cell.differs for cell in (a, b, c)]
    ('x', [False, False, True])
    """
    counts = Counter(cell.key for cell in cells if cell.values)
    if not counts:
        return None
    common = min(counts, key=lambda key: (-counts[key], key))
    for cell in cells:
        cell.differs = bool(cell.values) and cell.key != common
    return common


def as_data(matrix: dict) -> dict:
    """Return the matrix as plain data for JSON."""
    return {
        "concerns": [{k: c[k] for k in ("iri", "zh", "en")} for c in matrix["concerns"]],
        "rows": [
            {
                "work": row.work,
                "document": row.label,
                "version": row.version,
                "versionDate": row.date,
                "body": row.body,
                "cells": {
                    concern: {"values": cell.values, "differs": cell.differs}
                    for concern, cell in row.cells.items()
                },
            }
            for row in matrix["rows"]
        ],
    }


def as_csv_rows(matrix: dict) -> list[list[str]]:
    """Return the matrix as CSV rows: one line per document version, one column per concern."""
    head = ["document", "version", "versionDate", "body"] + [c["zh"] for c in matrix["concerns"]]
    lines = [head]
    for row in matrix["rows"]:
        cells = []
        for concern in (c["iri"] for c in matrix["concerns"]):
            cell = row.cells.get(concern, Cell())
            text = "; ".join(f"{v['text']} ({v['citation']})" for v in cell.values)
            cells.append(("≠ " if cell.differs else "") + text)
        lines.append([row.label, row.version, row.date, row.body, *cells])
    return lines
