"""``govrules serve``: the built store behind gunicorn, a production WSGI server."""

from __future__ import annotations

import os
import sys
import tempfile

import click

from govrules.cli import gunicorn_hooks
from govrules.cli.main import main
from govrules.config import load_config

GUNICORN_MAX_LINE = 8190  # gunicorn refuses a larger --limit-request-line
REQUEST_LINE_OVERHEAD = 32  # "OPTIONS " + " HTTP/1.1" around the URL, with room to spare


def request_line_limit(max_url_bytes: int) -> int:
    """Return gunicorn's --limit-request-line for a URL limit: the app answers the 414 itself.

    0 (no limit in gunicorn) when the URL limit plus the method and version exceed what
    gunicorn can be set to; the app's own check still refuses a longer URL in JSON.

    >>> request_line_limit(1000), request_line_limit(8190)
    (1032, 0)
    """
    line = max_url_bytes + REQUEST_LINE_OVERHEAD
    return line if line <= GUNICORN_MAX_LINE else 0


# One line per request, key=value pairs (logfmt), so logs can be filtered and parsed.
ACCESS_LOG = (
    'remote=%(h)s method=%(m)s path="%(U)s" status=%(s)s bytes=%(B)s ms=%(M)s agent="%(a)s"'
)


def query_workers_each(total: int, workers: int) -> int:
    """Share the server's query processes out among its gunicorn workers (at least one each).

    >>> [query_workers_each(total, 2) for total in (4, 3, 1, 0)]
    [2, 2, 1, 0]
    """
    return 0 if total <= 0 else max(1, -(-total // max(1, workers)))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option(
    "--port",
    default=lambda: int(os.environ.get("PORT", 8000)),
    type=int,
    help="Port (default: $PORT or 8000).",
)
# One gunicorn worker by default: its threads share one pool of query processes, so that a
# busy connection never waits behind a free query process held by another gunicorn worker.
@click.option("--workers", default=1, show_default=True, type=int)
@click.option("--threads", default=16, show_default=True, type=int)
def serve(host: str, port: int, workers: int, threads: int) -> None:
    """Serve the built store with gunicorn, a production WSGI server."""
    total = load_config()["query_workers"]
    os.environ["GOVRULES_QUERY_WORKERS"] = str(query_workers_each(total, workers))
    # glibc gives each of the 16 threads its own malloc arena; their fragments kept the worker
    # growing ~6 MiB a minute under the soak. Two arenas hold it flat (set it to override).
    os.environ.setdefault("MALLOC_ARENA_MAX", "2")
    if workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Several gunicorn workers add up their metrics through files here; removed at exit.
        # One worker keeps them in memory: the files cost about 0.3 ms per request.
        folder = tempfile.mkdtemp(prefix="govrules-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = folder
        os.environ[gunicorn_hooks.OWNED] = folder
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "govrules.web.wsgi:app",
        "--config",
        "python:govrules.cli.gunicorn_hooks",
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
        "--limit-request-line",
        str(request_line_limit(load_config()["max_url_bytes"])),
    ]
    os.execv(sys.executable, args)
