"""``govrules serve``: the built store behind gunicorn, a production WSGI server."""

from __future__ import annotations

import os
import sys

import click

from govrules.cli.main import main

# One line per request, key=value pairs (logfmt), so logs can be filtered and parsed.
ACCESS_LOG = (
    'remote=%(h)s method=%(m)s path="%(U)s" status=%(s)s bytes=%(B)s ms=%(M)s agent="%(a)s"'
)


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
        "--access-logformat",
        ACCESS_LOG,
        "--graceful-timeout",
        "10",
    ]
    os.execv(sys.executable, args)
