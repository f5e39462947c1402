"""``/metrics``: what the service did, in the Prometheus text format.

Counters and histograms live in this module, once per process. One gunicorn worker (the
default of ``govrules serve``) keeps them in memory. With ``--workers N`` above one, ``govrules
serve`` points ``PROMETHEUS_MULTIPROC_DIR`` at a temporary directory before they start,
prometheus_client then keeps each process's values in a file there, and a scrape of any process
adds them all up (the files cost about 0.3 ms per request, so one worker does without them).
The store's size by graph is read from
the store at scrape time, so every process reports the same, current figure.
"""

from __future__ import annotations

import os
import time

from flask import Blueprint, Flask, Response, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily

from govrules.web.service import get_store

bp = Blueprint("metrics", __name__)

REQUESTS = Counter(
    "govrules_http_requests", "HTTP requests answered, by route, method and status.",
    ["route", "method", "status"],
)  # fmt: skip
LATENCY = Histogram(
    "govrules_http_request_duration_seconds", "Time to answer a request, by route.", ["route"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)  # fmt: skip
QUERIES = Counter(
    "govrules_queries", "SPARQL protocol queries answered, by how they were run.", ["runner"]
)
TIMEOUTS = Counter("govrules_query_timeouts", "Queries stopped at the time limit.")
REPLACED = Counter(
    "govrules_query_workers_replaced", "Query worker processes killed and replaced, by reason.",
    ["reason"],
)  # fmt: skip
TRUNCATED = Counter("govrules_results_truncated", "SELECT results cut at the row limit.")
CACHE = Counter("govrules_result_cache", "Result cache lookups, by outcome.", ["outcome"])
WRITES = Counter(
    "govrules_writes", "Writes applied (2xx answers to write routes), by route.", ["route"]
)
WRITE_ROUTES = {"/update", "/store", "/ingest"}


def record(event: str, detail: str = "") -> None:
    """Count one event of the query runner (the worker pool calls it).

    >>> before = TIMEOUTS._value.get()
    >>> record("timeout"); TIMEOUTS._value.get() - before
    1.0
    """
    if event == "timeout":
        TIMEOUTS.inc()
    elif event == "replaced":
        REPLACED.labels(detail or "unknown").inc()
    elif event == "truncated":
        TRUNCATED.inc()
    elif event == "query":
        QUERIES.labels(detail).inc()
    elif event == "cache":
        CACHE.labels(detail).inc()


_SIZES: dict[str, dict[str, int]] = {}  # store version → sizes (counting scans every quad)


def store_sizes(store) -> dict[str, int]:
    """Return the triples of each named graph, counted once per store version."""
    version = store.version()
    if version is None:
        return store.sizes()
    if version not in _SIZES:
        _SIZES.clear()
        _SIZES[version] = store.sizes()
    return _SIZES[version]


class StoreSizes:
    """A collector reading the triples of each named graph of the store when scraped."""

    def __init__(self, store):
        self.store = store

    def collect(self):
        family = GaugeMetricFamily(
            "govrules_store_triples", "Triples in each named graph of the store.", labels=["graph"]
        )
        for graph, size in store_sizes(self.store).items():
            family.add_metric([graph], size)
        yield family


def exposition(store) -> bytes:
    """Return every metric of the service (all processes' in multiprocess mode) as text."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    sizes = CollectorRegistry(auto_describe=False)
    sizes.register(StoreSizes(store))
    return generate_latest(registry) + generate_latest(sizes)


@bp.get("/metrics")
def metrics():
    """Report requests, latencies, stopped queries, replaced workers, cut results, store size."""
    return Response(exposition(get_store()), content_type=CONTENT_TYPE_LATEST)


def init_app(app: Flask) -> None:
    """Time and count every request of *app*; serve ``/metrics``."""
    app.register_blueprint(bp)

    @app.before_request
    def start_clock():
        g.metrics_start = time.perf_counter()

    @app.after_request
    def count(response):
        started = g.pop("metrics_start", None)
        route = request.url_rule.rule if request.url_rule is not None else "(unmatched)"
        REQUESTS.labels(route, request.method, str(response.status_code)).inc()
        if started is not None:
            LATENCY.labels(route).observe(time.perf_counter() - started)
        written = 200 <= response.status_code < 300 and request.method not in ("GET", "HEAD")
        if route in WRITE_ROUTES and written:
            WRITES.labels(route).inc()
        return response
