"""Canned questions as pages: their forms and their answers as tables of links."""

from __future__ import annotations

from dataclasses import replace

from govrules.query.tables import columns
from govrules.web.pages.common import Site

SUFFIXES = {".json": "json", ".csv": "csv", ".html": "html"}


def split_name(name: str) -> tuple[str, str | None]:
    """Split a format suffix off a question name.

    >>> split_name("who-must-approve.csv"), split_name("deadlines")
    (('who-must-approve', 'csv'), ('deadlines', None))
    """
    for suffix, fmt in SUFFIXES.items():
        if name.endswith(suffix):
            return name[: -len(suffix)], fmt
    return name, None


def results_table(site: Site, result) -> dict:
    """Return a SELECT result as one column per concept: its label linked to its IRI.

    A label column (``?bearerLabel``, ``?citation`` of ``?source``) is folded into the column of
    the IRI it names, so each value shows once, as words that link to the resource (the
    store's own zh/en labels first, the question's words where the resource has none). Rows of
    drafted norms (the questions' ``?drafted`` column) are marked on the page.
    """
    # ?drafted marks the row (草案 draft) instead of filling a column of its own.
    shown = [c for c in columns(result.variables) if c.value != "drafted"]
    rows, drafted = [], []
    for row in result.rows():
        cells = []
        for column in shown:
            term = row.get(column.value)
            cell = site.value(term) if term is not None else None
            words = row.get(column.label) if column.label else None
            if cell is not None and cell.ref and not cell.ref.zh and words is not None:
                cell.ref = replace(cell.ref, zh=str(words))  # the store has no label of its own
            cells.append(cell)
        rows.append(cells)
        drafted.append("drafted" in row and str(row["drafted"]).lower() in ("true", "1"))
    return {"columns": [c.name for c in shown], "rows": rows, "drafted": drafted}


def listing(questions: dict) -> list[dict]:
    """Return the questions as plain data for JSON: name, titles, description, parameters."""
    return [
        {
            "name": q.name,
            "title": q.title,
            "description": q.description,
            "params": [
                {
                    "name": p.name,
                    "required": p.required,
                    "kind": p.kind,
                    "description": p.description,
                }
                for p in q.params
            ],
            "url": f"/queries/{q.name}",
        }
        for q in questions.values()
    ]
