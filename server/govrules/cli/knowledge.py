"""Commands over the knowledge graph's sources: ``parse``, ``build``, ``coverage``."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from govrules.cli.main import EXIT_INPUT, fail, main, project_root  # noqa: F401
from govrules.cli.progress import progress
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
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes building the works without curated norms (default: one per core).",
)
def build(
    build_dir: Path | None, quiet: bool, store: str | None, batch: int, jobs: int | None
) -> None:
    """Build the knowledge graph from data/, ontology/ and shapes/ into the store."""
    from govrules.knowledge.build import assemble, write

    settings = load_config()
    root = project_root()
    target = build_dir or root / settings["build_dir"]
    start = time.perf_counter()
    try:
        data_dir = root / settings["data_dir"]
        with progress("build", quiet=quiet) as say:
            result = assemble(
                root, base_iri=settings["base_iri"], data_dir=data_dir, progress=say, jobs=jobs
            )
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
@click.option(
    "--shapes",
    "by_shapes",
    is_flag=True,
    help="List the norms an export could be checked against, with their shapes or the reason.",
)
@click.option(
    "--format", "fmt", default="text", show_default=True, type=click.Choice(["text", "json"])
)
def coverage(by_shapes: bool, fmt: str) -> None:
    """List every paragraph with its norms, and every marked sentence no norm covers.

    With --shapes: every record-bearing norm with the compliance shapes enforcing it or the
    stated reason it is not checked; exit 1 if one has neither.
    """
    from rdflib import Graph

    from govrules import namespaces as ns
    from govrules.knowledge.build import gather
    from govrules.knowledge.coverage import coverage as measure
    from govrules.knowledge.coverage import format_coverage

    root = project_root()
    try:
        graphs = gather(root)
    except GovrulesError as exc:
        fail(exc)
    from govrules.knowledge.catalog import read

    complete = {e.id for e in read(root / "data").documents if e.norms}
    # Exports are checked against the documents the compliance shapes cite (the city's records).
    checked = exported_documents(root) if by_shapes else set()
    prefix = ns.graph_iri("rules") + "/"
    ok = True
    for name, rules in graphs.items():
        if not name.startswith(prefix):
            continue
        doc_id = name[len(prefix) :]
        norms = graphs.get(ns.graph_iri("norms", doc_id))
        drafted = graphs.get(ns.graph_iri("norms-draft", doc_id))
        if by_shapes:
            if norms is not None and doc_id in checked:
                ok = shape_coverage(doc_id, norms, root, fmt) and ok
            elif fmt == "text":
                click.echo(f"{doc_id}: no export format describes its records; not checked")
            continue
        if norms is None and drafted is None:
            continue
        report = measure(rules + (norms or Graph()) + (drafted or Graph()))
        kinds = " + ".join(k for k, g in (("curated", norms), ("drafted", drafted)) if g)
        click.echo(f"{doc_id} ({kinds} norms)\n{format_coverage(report)}")
        # Only a document curated completely (a catalog ``norms`` file) must be covered; what
        # concern norms and drafted proposals leave uncovered is reported, not a failure.
        ok = ok and (report.ok or doc_id not in complete)
    sys.exit(0 if ok else 1)


def shape_coverage(document: str, norms, root: Path, fmt: str) -> bool:
    """Print the shape coverage of one document's norms; return whether every norm is explained."""
    from govrules.compliance import coverage as shapes_coverage
    from govrules.compliance.validation import read_shapes

    try:
        extra = shapes_coverage.read_coverage(root)
        rows = shapes_coverage.shape_coverage(norms, read_shapes(root), extra)
    except GovrulesError as exc:
        fail(exc)
    if fmt == "json":
        click.echo(shapes_coverage.format_json(rows))
    else:
        click.echo(f"{document}\n{shapes_coverage.format_text(rows)}")
    bad = shapes_coverage.unexplained(rows)
    for row in bad:
        click.echo(f"error: {row.norm}: {row.status} (a shape, or a reason, not both)", err=True)
    return not bad


def exported_documents(root: Path) -> set[str]:
    """Return the ids of the documents whose provisions a compliance shape cites."""
    from govrules import namespaces as ns
    from govrules.compliance.validation import read_shapes
    from govrules.knowledge.catalog import read

    sources = {str(o) for o in read_shapes(root).objects(None, ns.GWR.hasLegalSource)}
    entries = read(root / "data").documents
    works = {e.id: ns.work_iri(e.jurisdiction, e.type, e.year) + "/" for e in entries}
    return {doc for doc, work in works.items() if any(s.startswith(work) for s in sources)}
