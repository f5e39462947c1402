"""The ``govrules`` command: one module per command group, thin over the core functions.

Importing this package registers every command on :data:`main`.
"""

from govrules.cli import (  # noqa: F401  (registers the commands)
    compliance,
    corpus,
    knowledge,
    norms,
    query,
    serve,
    writes,
)
from govrules.cli.main import EXIT_INPUT, fail, main, project_root

__all__ = ["EXIT_INPUT", "fail", "main", "project_root"]
