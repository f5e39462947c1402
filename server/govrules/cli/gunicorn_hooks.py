"""Server hooks of ``govrules serve`` (a gunicorn config module: ``-c python:…``).

The metrics of several gunicorn processes are summed from files in ``PROMETHEUS_MULTIPROC_DIR``:
a process that exits is marked dead there (its counters still count), and the directory, made by
``govrules serve``, is removed when the server stops.
"""

from __future__ import annotations

import os
import shutil

OWNED = "GOVRULES_METRICS_DIR_OWNED"


def child_exit(server, worker) -> None:
    """Mark a gunicorn worker that exited as dead in the metrics directory."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


def on_exit(server) -> None:
    """Remove the metrics directory that ``govrules serve`` made for this server."""
    path = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if path and os.environ.get(OWNED) == path:
        shutil.rmtree(path, ignore_errors=True)
