"""Commands that ask the built store: ``query`` (SPARQL) and ``ask`` (canned questions)."""

from __future__ import annotations

import shutil
import sys

import click

from govrules.cli.main import EXIT_INPUT, fail, main, project_root  # noqa: F401
from govrules.config import load_config
from govrules.errors import GovrulesError


@main.command()
@click.argument("query")
@click.option(
    "--format",
    "fmt",
    default="table",
    show_default=True,
    type=click.Choice(["table", "json", "xml", "csv", "tsv", "turtle", "ntriples"]),
)
@click.option("--store", default=None, help="Store directory (setting store).")
def query(query: str, fmt: str, store: str | None) -> None:
    """Run a SPARQL QUERY ('-' reads it from standard input) over the built store."""
    from govrules.store import open_store

    settings = load_config()
    text = sys.stdin.read() if query == "-" else query
    try:
        opened = open_store(store or settings["store"], backend=settings["backend"])
        result = opened.query(text)
    except GovrulesError as exc:
        fail(exc)
    if fmt == "table":
        click.echo(format_table(result))
    else:
        click.echo(result.serialize(fmt).decode("utf-8"), nl=False)


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("name", required=False)
@click.option(
    "--format",
    "fmt",
    default="table",
    show_default=True,
    type=click.Choice(["table", "json", "csv", "tsv", "xml"]),
)
@click.option("--store", default=None, help="Store directory (setting store).")
@click.pass_context
def ask(ctx: click.Context, name: str | None, fmt: str, store: str | None) -> None:
    """Ask the canned question NAME, with its parameters as --PARAM VALUE; no NAME lists them."""
    from govrules.query.questions import ask as run
    from govrules.query.questions import load_questions
    from govrules.store import open_store

    questions = load_questions()
    if name is None:
        for question in questions.values():
            params = " ".join(
                f"[--{p.name} …]" if not p.required else f"--{p.name} …" for p in question.params
            )
            click.echo(
                f"{question.name} {params}\n    {question.title.get('zh', '')} · "
                f"{question.title.get('en', '')}"
            )
        return
    try:
        values = parse_extra(ctx.args)
        settings = load_config()
        opened = open_store(store or settings["store"], backend=settings["backend"])
        result = run(opened, name, values, questions=questions)
        note = explain_empty(opened, questions[name], values, result)
    except GovrulesError as exc:
        fail(exc)
    if note:
        click.echo(f"note: {note}", err=True)
    click.echo(
        format_table(result) if fmt == "table" else result.serialize(fmt).decode("utf-8"),
        nl=fmt == "table",
    )


def explain_empty(store, question, values: dict[str, str], result) -> str:
    """Say why a question about a document on a date finds nothing: no known text stood then.

    Asks the versions of the document itself: *result* is read once, by the caller.
    """
    from govrules.query.asof import in_force
    from govrules.query.questions import bind

    kinds = {p.kind: p.name for p in question.params}
    if "document" not in kinds or "date" not in kinds or result.kind != "solutions":
        return ""
    bound = bind(store, question, values)
    work = bound.get(kinds["document"])
    if work is None:
        return ""
    dates = [bound[p.name] for p in question.params if p.kind == "date" and p.name in bound]
    notes = []
    for date in dates:
        state = in_force(store, str(work), date.toPython())
        if not state.has_text:
            notes.append(state.explain())
    return "; ".join(notes)


def parse_extra(args: list[str]) -> dict[str, str]:
    """Read ``--name value`` pairs (or ``--name=value``) given after a question's name."""
    from govrules.errors import BadRequest

    values: dict[str, str] = {}
    rest = list(args)
    while rest:
        token = rest.pop(0)
        if not token.startswith("--"):
            raise BadRequest(f"unexpected argument {token!r}: parameters are --NAME VALUE")
        key, _, value = token[2:].partition("=")
        if not _:
            if not rest:
                raise BadRequest(f"parameter --{key} needs a value")
            value = rest.pop(0)
        values[key] = value
    return values


def format_table(result) -> str:
    """Render a query result as a plain text table for the terminal."""
    if result.kind == "boolean":
        return "yes" if result.boolean() else "no"
    if result.kind == "graph":
        return result.serialize("ntriples").decode("utf-8")
    names = result.variables
    rows = [[str(r.get(n, "")).replace("\n", " / ") for n in names] for r in result.rows()]
    width = shutil.get_terminal_size((120, 20)).columns
    lines = [" | ".join(names), "-" * min(width, 40)]
    lines += [" | ".join(row) for row in rows]
    lines.append(f"({len(rows)} rows)")
    return "\n".join(lines)
