"""Commands over norms: ``norms draft`` proposes norms from a text for a curator."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from govrules.cli.main import EXIT_INPUT, fail, main, project_root
from govrules.errors import GovrulesError


@main.group()
def norms() -> None:
    """Draft norms from the text of a document."""


def _table(run) -> str:
    rows = [("norm", "modality", "bearer", "action", "counterparty", "deadline", "quote")]
    for n in run.drafts.norms:
        deadline = ""
        if n.deadline is not None:
            deadline = n.deadline.period + ("-" if n.deadline.before else "")
            deadline += f" {n.deadline.counted_from or ''}".rstrip()
        quote = n.quote if len(n.quote) <= 30 else n.quote[:29] + "…"
        rows.append(
            (
                n.local_id,
                n.modality,
                n.bearer.label,
                n.action.replace("minted:", "+"),
                "、".join(p.label for p in n.counterparties),
                deadline,
                quote,
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(6)]
    lines = [
        "  ".join(f"{c:<{w}}" for c, w in zip(r[:6], widths, strict=True)) + "  " + r[6]
        for r in rows
    ]
    lines.append(f"{len(run.drafts.norms)} norms drafted, {len(run.drafts.notes)} notes proposed")
    return "\n".join(lines)


@norms.command()
@click.argument("target")
@click.option(
    "--format",
    "fmt",
    default="turtle",
    show_default=True,
    type=click.Choice(["turtle", "table"]),
    help="Turtle for a curator's file, or an aligned table for reading.",
)
@click.option("--doc-iri", default=None, help="IRI of a file not in the catalog.")
def draft(target: str, fmt: str, doc_iri: str | None) -> None:
    """Draft the norms of TARGET: a text file, or a document id of the catalog."""
    from govrules import namespaces as ns
    from govrules.knowledge.drafting.run import catalog_entry, draft_entry, draft_path
    from govrules.knowledge.parse import ParseError

    root = project_root()
    data_dir = root / "data"
    path = Path(target)
    try:
        if path.is_file():
            run = draft_path(path, root=root, doc_iri=doc_iri)
        else:
            run = draft_entry(catalog_entry(data_dir, target), root=root, data_dir=data_dir)
    except ParseError as exc:
        click.echo(f"error: {target}: {exc}", err=True)
        sys.exit(EXIT_INPUT)
    except GovrulesError as exc:
        fail(exc)
    if fmt == "table":
        click.echo(_table(run))
        return
    ns.bind_prefixes(run.graph)
    click.echo(run.graph.serialize(format="turtle"))
