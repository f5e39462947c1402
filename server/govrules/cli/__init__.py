"""The ``govrules`` command: thin over the same core functions as the service."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import click

from govrules.config import load_config
from govrules.errors import GovrulesError

# One line per request, key=value pairs (logfmt), so logs can be filtered and parsed.
ACCESS_LOG = (
    'remote=%(h)s method=%(m)s path="%(U)s" status=%(s)s bytes=%(B)s ms=%(M)s agent="%(a)s"'
)

# Exit codes follow pySHACL's: 0 success or conforms, 1 violations, 2 input or configuration error.
EXIT_INPUT = 2


def project_root() -> Path:
    """Return the project directory: GOVRULES_ROOT, else the working directory."""
    return Path(os.environ.get("GOVRULES_ROOT", ".")).resolve()


def fail(exc: GovrulesError) -> None:
    """Print an error and leave with the input/configuration exit code."""
    click.echo(f"error: {exc.message}", err=True)
    sys.exit(EXIT_INPUT)


@click.group()
@click.version_option(package_name="govrules")
def main() -> None:
    """Government work rules as a knowledge graph: build it, query it, serve it."""


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--doc-iri", default=None, help="IRI of the document (default: a placeholder).")
@click.option(
    "--format",
    "fmt",
    default="turtle",
    show_default=True,
    type=click.Choice(["turtle", "nt", "json-ld", "xml"]),
)
def parse(file: Path, doc_iri: str | None, fmt: str) -> None:
    """Parse a work-rules text FILE and print its rules graph."""
    from govrules import namespaces as ns
    from govrules.knowledge.parse import ParseError, parse_file, to_graph

    try:
        doc = parse_file(file)
    except ParseError as exc:
        click.echo(f"error: {file}: {exc}", err=True)
        sys.exit(EXIT_INPUT)
    graph = to_graph(
        doc, doc_iri=doc_iri or f"{ns.DEFAULT_BASE}eli/draft/{file.stem}", jurisdiction=""
    )
    ns.bind_prefixes(graph)
    click.echo(graph.serialize(format=fmt))


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
        result = assemble(root, base_iri=settings["base_iri"], progress=say)
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
    except GovrulesError as exc:
        fail(exc)
    click.echo(
        format_table(result) if fmt == "table" else result.serialize(fmt).decode("utf-8"),
        nl=fmt == "table",
    )


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
    rows = [[str(r.get(n, "")) for n in names] for r in result.rows()]
    width = shutil.get_terminal_size((120, 20)).columns
    lines = [" | ".join(names), "-" * min(width, 40)]
    lines += [" | ".join(row) for row in rows]
    lines.append(f"({len(rows)} rows)")
    return "\n".join(lines)


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
def validate(files: tuple[Path, ...], fmt: str, engine: str | None, store: str | None) -> None:
    """Check records in FILES against the rules: exit 0 conforms, 1 results, 2 bad input."""
    from govrules.compliance import reporting, uploads, validation
    from govrules.web.pages import report as report_page

    root = project_root()
    try:
        upload = uploads.load_files(files, context=uploads.context_document(root))
        knowledge = validation.knowledge_for(root, store or load_config()["store"])
        outcome = validation.validate(upload, knowledge, engine=engine)
    except (GovrulesError, OSError) as exc:
        fail(exc if isinstance(exc, GovrulesError) else GovrulesError(str(exc)))
    body, _ = report_page.render(reporting.enrich(outcome, knowledge), fmt)
    click.echo(body, nl=not body.endswith("\n"))
    sys.exit(0 if outcome.conforms else 1)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option(
    "--port",
    default=lambda: int(os.environ.get("PORT", 8000)),
    type=int,
    help="Port (default: $PORT or 8000).",
)
@click.option("--workers", default=2, show_default=True, type=int)
@click.option("--threads", default=4, show_default=True, type=int)
def serve(host: str, port: int, workers: int, threads: int) -> None:
    """Serve the built store with gunicorn, a production WSGI server."""
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "govrules.web.wsgi:app",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--access-logfile",
        "-",
        "--graceful-timeout",
        "10",
    ]
    os.execv(sys.executable, args)


from govrules.cli import writes as cli_writes  # noqa: E402, F401  (registers token, load)
