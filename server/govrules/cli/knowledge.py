"""Commands over the knowledge graph's sources: ``parse``, ``build``, ``coverage``."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from govrules.cli.main import EXIT_INPUT, fail, main, project_root  # noqa: F401
from govrules.config import load_config
from govrules.errors import GovrulesError


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--doc-iri", default=None, help="IRI of the document (default: a placeholder).")
@click.option(
    "--format",
    "fmt",
    default="turtle",
    show_default=True,
    type=click.Choice(["turtle", "nt", "json-ld", "xml"]),
)
@click.option(
    "--summary",
    is_flag=True,
    help="Print one JSON report per file (counts, versions, skipped lines, warnings, error).",
)
@click.option("--strict", is_flag=True, help="Refuse publisher's slips instead of warning.")
def parse(
    files: tuple[Path, ...], doc_iri: str | None, fmt: str, summary: bool, strict: bool
) -> None:
    """Parse text FILES: print the rules graph of one, or with --summary a report of each.

    Exits 0 when every file parsed, 2 otherwise.
    """
    if summary:
        _summaries(files, strict=strict)
    if len(files) > 1:
        click.echo(
            "error: several files need --summary (a graph is printed for one file)", err=True
        )
        sys.exit(EXIT_INPUT)
    from govrules import namespaces as ns
    from govrules.knowledge.parse import ParseError, parse_file, to_graph

    (file,) = files
    try:
        doc = parse_file(file, strict=strict)
    except ParseError as exc:
        click.echo(f"error: {file}: {exc}", err=True)
        sys.exit(EXIT_INPUT)
    except OSError as exc:
        click.echo(f"error: {file}: cannot read the file: {exc.strerror}", err=True)
        sys.exit(EXIT_INPUT)
    if not doc.title:
        click.echo(
            f"error: {file}: the document has no title, so no provision can be cited", err=True
        )
        sys.exit(EXIT_INPUT)
    for line, message in doc.warnings:
        click.echo(f"warning: {file}: line {line}: {message}", err=True)
    graph = to_graph(doc, doc_iri or f"{ns.DEFAULT_BASE}eli/draft/{file.stem}")
    ns.bind_prefixes(graph)
    click.echo(graph.serialize(format=fmt))


def _summaries(files: tuple[Path, ...], *, strict: bool) -> None:
    """Print one JSON report a line per file, then exit 0 if all parsed, else 2."""
    import json

    from govrules.knowledge.parse.report import summary

    ok = True
    for file in files:
        report = summary(file, strict=strict)
        ok = ok and report["ok"]
        click.echo(json.dumps(report, ensure_ascii=False))
    sys.exit(0 if ok else EXIT_INPUT)


@main.command()
@click.option(
    "--build-dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Where to write the store and dumps (setting build_dir).",
)
@click.option("--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("--store", default=None, help="Also load the graphs into this SPARQL endpoint URL.")
@click.option("--batch", default=50_000, show_default=True, help="Triples per remote request.")
def build(build_dir: Path | None, quiet: bool, store: str | None, batch: int) -> None:
    """Build the knowledge graph from data/, ontology/ and shapes/ into the store."""
    from govrules.knowledge.build import assemble, write

    settings = load_config()
    root = project_root()
    target = build_dir or root / settings["build_dir"]
    say = (lambda _: None) if quiet else (lambda m: click.echo(f"  {m}", err=True))
    start = time.perf_counter()
    try:
        data_dir = root / settings["data_dir"]
        result = assemble(root, base_iri=settings["base_iri"], data_dir=data_dir, progress=say)
        write(result, target, progress=say)
        if store:
            from govrules.cli.writes import push

            pushed = push(result, store, batch=batch, progress=say)
            say(f"remote: {pushed} triples loaded into {store}")
    except GovrulesError as exc:
        fail(exc)
    total = sum(result.sizes().values())
    if not quiet:
        click.echo(
            f"built {total} triples in {len(result.graphs)} graphs "
            f"in {time.perf_counter() - start:.2f} s",
            err=True,
        )


@main.command()
def coverage() -> None:
    """List every paragraph with its norms, and every marked sentence no norm covers."""
    from govrules import namespaces as ns
    from govrules.knowledge.build import gather
    from govrules.knowledge.coverage import coverage as measure
    from govrules.knowledge.coverage import format_coverage

    try:
        graphs = gather(project_root())
    except GovrulesError as exc:
        fail(exc)
    prefix = ns.graph_iri("rules") + "/"
    ok = True
    for name, rules in graphs.items():
        norms = graphs.get(ns.graph_iri("norms", name[len(prefix) :]))
        if name.startswith(prefix) and norms is not None:
            report = measure(rules + norms)
            click.echo(f"{name[len(prefix) :]}\n{format_coverage(report)}")
            ok = ok and report.ok
    sys.exit(0 if ok else 1)
