"""Commands for exported records: ``generate`` (test exports) and ``validate``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from govrules.cli.main import EXIT_INPUT, fail, main, project_root  # noqa: F401
from govrules.cli.progress import progress
from govrules.config import load_config
from govrules.errors import GovrulesError


@main.command()
@click.option("--records", type=int, help="About this many records (default 1000).")
@click.option("--triples", type=int, help="About this many triples (instead of --records).")
@click.option("--violations", "share", type=float, default=0.0, help="Share broken, every rule.")
@click.option("--violation", "rules", multiple=True, help="RULE=SHARE for one rule (repeat).")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--format", "fmt", default="turtle", type=click.Choice(["turtle", "ntriples"]))
@click.option("--manifest", type=click.Path(dir_okay=False, path_type=Path), help="JSON file.")
def generate(records, triples, share, rules, seed, fmt, manifest) -> None:
    """Print a generated export of a city's records; --manifest says which record breaks what."""
    import json

    from govrules.generator import RULES
    from govrules.generator import generate as make

    violations = dict.fromkeys(RULES, share)
    try:
        for item in rules:
            rule, _, value = item.partition("=")
            violations[rule] = float(value)
        export = make(
            records=records, triples=triples, violations=violations, seed=seed, format=fmt
        )
    except ValueError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_INPUT)
    if manifest:
        manifest.write_text(json.dumps(export.manifest, indent=1, ensure_ascii=False) + "\n")
    sys.stdout.buffer.write(export.data)
    click.echo(f"{export.triples} triples, {len(export.manifest)} records break a rule", err=True)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    default="text",
    show_default=True,
    type=click.Choice(["text", "json", "turtle", "html"]),
)
@click.option(
    "--engine",
    default=None,
    type=click.Choice(["fast", "pyshacl"]),
    help="Default: fast where it supports the shapes.",
)
@click.option("--store", default=None, help="Built store to read the rules from (setting store).")
@click.option(
    "--allow-info/--no-allow-info",
    default=True,
    show_default=True,
    help="Info results (a person should check) do not fail the export.",
)
@click.option(
    "--allow-warnings/--no-allow-warnings",
    default=False,
    show_default=True,
    help="Warning and Info results do not fail the export.",
)
@click.option("--allow-empty", is_flag=True, help="Pass an export with no record of a known kind.")
@click.option("--quiet", is_flag=True, help="No progress display on a terminal.")
def validate(
    files: tuple[Path, ...],
    fmt: str,
    engine: str | None,
    store: str | None,
    allow_info: bool,
    allow_warnings: bool,
    allow_empty: bool,
    quiet: bool,
) -> None:
    """Check records in FILES against the rules.

    Exit 0 conforms (no result that fails: by default a Violation or a Warning), 1 results that
    fail, 2 bad input or an export with no record of a kind the rules check.
    """
    from govrules.compliance import reporting, uploads, validation
    from govrules.web.pages import report as report_page

    root = project_root()
    try:
        # Stages on a terminal (standard error); the report on standard output is unchanged.
        with progress("validate", quiet=quiet or not sys.stderr.isatty()) as say:
            upload = uploads.load_files(files, context=uploads.context_document(root))
            say(f"read {len(files)} file(s)")
            knowledge = validation.knowledge_for(root, store or load_config()["store"])
            say("rules, norms and organisation read")
            outcome = validation.validate(
                upload,
                knowledge,
                engine=engine,
                allow_info=allow_info,
                allow_warnings=allow_warnings,
                allow_empty=allow_empty,
            )
    except (GovrulesError, OSError) as exc:
        fail(exc if isinstance(exc, GovrulesError) else GovrulesError(str(exc)))
    body, _ = report_page.render(reporting.enrich(outcome, knowledge), fmt)
    click.echo(body, nl=not body.endswith("\n"))
    sys.exit(0 if outcome.conforms else 1)
