"""Commands over the corpus: ``import`` (texts into the catalog) and ``search`` (full text)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from govrules.cli.main import EXIT_INPUT, fail, main, project_root
from govrules.cli.progress import progress
from govrules.config import load_config
from govrules.errors import GovrulesError


@main.command(name="import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would be imported; write nothing.")
@click.option(
    "--jurisdiction", default=None, help="GB/T 2260 code, when the title does not tell it."
)
@click.option("--format", "fmt", default="table", type=click.Choice(["table", "json"]))
@click.option("--quiet", is_flag=True, help="No progress display.")
def import_(
    paths: tuple[Path, ...], dry_run: bool, jurisdiction: str | None, fmt: str, quiet: bool
) -> None:
    """Import texts (files, or folders of .txt and .md files) into the catalog and data/source/."""
    from govrules.knowledge.importer import collect, import_texts

    settings = load_config()
    data_dir = project_root() / settings["data_dir"]
    try:
        files = collect(list(paths))
        # A bar over the texts on a terminal; piped, the report below is all there is.
        with progress("import", quiet=quiet or not sys.stderr.isatty(), total=len(files)) as bar:

            def step(path: Path) -> None:
                bar.advance()

            outcomes = import_texts(
                files, data_dir, dry_run=dry_run, jurisdiction=jurisdiction, on_text=step
            )
    except (FileNotFoundError, GovrulesError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_INPUT)
    if fmt == "json":
        click.echo(json.dumps([_as_json(o) for o in outcomes], ensure_ascii=False, indent=1))
    else:
        for o in outcomes:
            if o.error:
                click.echo(f"error: {o.path}: {o.error}", err=True)
                continue
            e = o.entry
            when = o.version_date.isoformat() if o.version_date else "undated"
            click.echo(
                f"{'would import' if dry_run else 'imported'}: {o.path.name} → {e.id} "
                f"({o.action}; text of {when}) 《{e.title}》 jurisdiction {e.jurisdiction}, "
                f"type {e.type}, issuer {e.issuer or '?'}"
            )
            for note in o.notes:
                click.echo(f"  note: {note}")
    if any(not o.ok for o in outcomes):
        sys.exit(EXIT_INPUT)


def _as_json(o) -> dict:
    entry = o.entry.__dict__ if o.entry else None
    date = o.version_date.isoformat() if o.version_date else None
    return {
        "path": str(o.path),
        "action": o.action,
        "version_date": date,
        "entry": entry,
        "error": o.error,
        "notes": o.notes,
    }


@main.command()
@click.argument("words", nargs=-1, required=True)
@click.option("--limit", default=20, show_default=True, help="Most hits shown.")
@click.option("--current", is_flag=True, help="Only the latest known text of each document.")
@click.option("--format", "fmt", default="table", type=click.Choice(["table", "json"]))
@click.option("--store", default=None, help="Store directory (setting store).")
def search(words: tuple[str, ...], limit: int, current: bool, fmt: str, store: str | None) -> None:
    """Search every article of the corpus for WORDS (Chinese substrings: 备案 finds 报送备案)."""
    from govrules.knowledge.search import index_for
    from govrules.store import open_store

    settings = load_config()
    target = store or settings["store"]
    try:
        opened = open_store(target, backend=settings["backend"], read_only=True)
        total, hits = index_for(target, opened).search(
            " ".join(words), limit=limit, current_only=current
        )
    except GovrulesError as exc:
        fail(exc)
    if fmt == "json":
        data = {"query": " ".join(words), "total": total, "hits": [h.as_dict() for h in hits]}
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    for hit in hits:
        when = f" ({hit.date})" if hit.date else ""
        click.echo(f"{hit.citation}{when}  {hit.snippet}\n    {hit.iri}")
    click.echo(f"({len(hits)} of {total} articles)")
