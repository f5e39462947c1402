"""The ``govrules`` commands that write: ``token add``, ``load``; loading a build into a remote."""

from __future__ import annotations

import getpass
import sys
import time
from pathlib import Path

import click

from govrules.cli.main import EXIT_INPUT, fail, main, project_root
from govrules.cli.progress import progress
from govrules.config import load_config
from govrules.errors import GovrulesError


@main.group()
def token() -> None:
    """Manage the bearer tokens that allow writes (setting tokens_file)."""


@token.command("add")
@click.argument("name")
@click.option("--scope", type=click.Choice(["write", "admin"]), default="write", show_default=True)
@click.option("--file", "path", default=None, help="Tokens file (default: setting tokens_file).")
def token_add(name: str, scope: str, path: str | None) -> None:
    """Create a token for NAME; print it once, store only its hash."""
    from govrules.writes.tokens import add_token

    path = path or load_config()["tokens_file"]
    if not path:
        click.echo("error: no tokens file: set GOVRULES_TOKENS_FILE or pass --file", err=True)
        sys.exit(EXIT_INPUT)
    try:
        secret = add_token(path, name, scope)
    except GovrulesError as exc:
        fail(exc)
    click.echo(secret)
    click.echo(f"token {name!r} ({scope}) added to {path}; it is not shown again", err=True)


def open_writer(settings: dict, store: str | None):
    """Return the writer of the configured store (embedded versions, or remote)."""
    from govrules.writes import operations as writes

    location = store or settings["store"]
    if settings["backend"] == "remote" or location.startswith(("http://", "https://")):
        from govrules.store.remote import RemoteStore

        return RemoteStore.from_settings(settings | {"store": location}).writer()
    return writes.EmbeddedWriter(location)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--graph", "name", required=True, help="Name of the export: …/graph/exports/NAME.")
@click.option("--force", is_flag=True, help="Store it even if it does not conform.")
@click.option("--store", default=None, help="Store directory or endpoint URL (setting store).")
@click.option("--quiet", is_flag=True, help="Print nothing but errors.")
def load(file: Path, name: str, force: bool, store: str | None, quiet: bool) -> None:
    """Validate the export FILE and store it as its own named graph, with provenance."""
    from govrules.compliance import uploads, validation
    from govrules.compliance.ingest import ingest
    from govrules.writes.tokens import Caller

    settings = load_config()
    root = project_root()
    start = time.perf_counter()
    try:
        with progress("load", quiet=quiet) as say:
            writer = open_writer(settings, store)
            knowledge = validation.knowledge_for(root, store or settings["store"])
            say(f"rules read from {store or settings['store']}")
            receipt = ingest(
                writer,
                file.read_bytes(),
                fmt=uploads.format_for(str(file)),
                name=name,
                caller=Caller(f"cli:{getpass.getuser()}", "admin"),
                knowledge=knowledge,
                base=settings["base_iri"],
                force=force,
                context=uploads.context_document(root),
            )
    except GovrulesError as exc:
        click.echo(f"error: {exc.message}", err=True)
        sys.exit(1 if exc.status == 422 else EXIT_INPUT)
    seconds = time.perf_counter() - start
    if quiet:
        return
    click.echo(
        f"stored {receipt.triples} triples in {receipt.graph} in {seconds:.2f} s "
        f"({receipt.summary}; sha256 {receipt.sha256[:12]}…)",
        err=True,
    )


def push(result, url: str, *, batch: int, progress) -> int:
    """Load a build's graphs into the remote store at *url* in batches; return the triples."""
    from govrules.knowledge.quads import strip_graphs
    from govrules.store.remote import RemoteStore

    remote = RemoteStore.from_settings(load_config() | {"store": url})
    total = 0
    for name in sorted(result.graphs):
        data = strip_graphs([result.quads_of(name)])
        total += remote.replace_graph(name, data, batch=batch, progress=progress)
    return total
