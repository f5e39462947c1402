"""Results printed for people: an aligned table that fits the terminal, labels instead of IRIs."""

from __future__ import annotations

import os
import sys

from rdflib import URIRef
from rich import box
from rich.console import Console
from rich.table import Table

from govrules.query.tables import columns, labels_of, words

# Piped output has no terminal to fit; keep rows on one line unless COLUMNS says otherwise.
PIPE_WIDTH = 200


def console(file=None) -> Console:
    """Return a console for stdout: the terminal's width, or a wide plain one when piped."""
    file = file or sys.stdout
    width = None if file.isatty() else int(os.environ.get("COLUMNS", PIPE_WIDTH))
    return Console(file=file, width=width, highlight=False, soft_wrap=False)


def result_table(result, store, *, iris: bool = False) -> Table | str:
    """Return a SELECT result as a rich table (ASK as yes/no, graphs as Turtle)."""
    if result.kind == "boolean":
        return "yes" if result.boolean() else "no"
    if result.kind == "graph":
        return result.serialize("turtle").decode("utf-8")
    shown = columns(result.variables)
    rows = result.rows()
    named = {row[c.value] for row in rows for c in shown if c.value in row}
    labels = labels_of(store, [t for t in named if isinstance(t, URIRef)])
    table = Table(box=box.SIMPLE_HEAD, show_lines=False, pad_edge=False)
    for column in shown:
        table.add_column(column.name, overflow="fold")
    for row in rows:
        table.add_row(
            *(
                words(
                    row.get(c.value),
                    row.get(c.label) if c.label else None,
                    labels=labels,
                    iris=iris,
                )
                for c in shown
            )
        )
    table.caption = f"{len(rows)} rows"
    return table


def print_result(result, store, *, iris: bool = False) -> None:
    """Print *result* for a person on stdout."""
    console().print(result_table(result, store, iris=iris))


def print_questions(questions: dict) -> None:
    """Print the canned questions: name, parameters, zh and en titles."""
    # No header and no edge: each line starts with a question's name, continuations with blanks.
    table = Table(box=None, show_header=False, show_edge=False, pad_edge=False)
    for _ in ("question", "parameters", "zh", "en"):
        table.add_column(overflow="fold")
    for q in questions.values():
        params = " ".join(f"--{p.name}" if p.required else f"[--{p.name}]" for p in q.params)
        table.add_row(q.name, params, q.title.get("zh", ""), q.title.get("en", ""))
    console().print(table)
