"""The ``govrules`` group and what every command shares: the project root, errors, exit codes."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from govrules.errors import GovrulesError

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
