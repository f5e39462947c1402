"""Canned questions as pages: their forms and their answers as tables of links."""

from __future__ import annotations

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
    """Return the columns and rows of a SELECT result, IRIs as labelled references."""
    columns = result.variables
    raw = list(result.rows())
    rows = [[site.value(row[c]) if c in row else None for c in columns] for row in raw]
    # Rows of drafted norms (the questions' ?drafted column) are marked on the page.
    drafted = ["drafted" in row and str(row["drafted"]).lower() in ("true", "1") for row in raw]
    return {"columns": columns, "rows": rows, "drafted": drafted}


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
