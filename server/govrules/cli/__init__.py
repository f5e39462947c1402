"""The ``govrules`` command: one module per command group, thin over the core functions.

Importing this package registers every command on :data:`main`.
"""

from govrules.cli import compliance, corpus, knowledge, query, serve, writes  # noqa: F401
from govrules.cli.main import EXIT_INPUT, fail, main, project_root

__all__ = ["EXIT_INPUT", "fail", "main", "project_root"]
