"""/metrics on the real server (issue 17): two gunicorn workers, one sum; stops and
replacements counted; the metrics directory removed when the server stops."""

from __future__ import annotations

import os
import subprocess
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from ..conftest import running_process

pytestmark = pytest.mark.e2e

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
JOIN = "SELECT * WHERE { ?s ?p ?o . ?s a ?c }"  # a join: runs in a query process


def get(url: str, query: str, *, method: str = "GET") -> int:
    form = urllib.parse.urlencode({"query": query})
    target, data = (url + "/sparql?" + form, None) if method == "GET" else (url + "/sparql", form)
    request = urllib.request.Request(
        target,
        data=data.encode() if data else None,
        headers={"Accept": "application/sparql-results+json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as exc:
        exc.read()
        return exc.code


def scrape(url: str) -> dict:
    with urllib.request.urlopen(url + "/metrics", timeout=30) as response:
        text = response.read().decode()
    samples = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def value(samples, name, **labels) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def metrics_dir(master: int) -> Path:
    environ = Path(f"/proc/{master}/environ").read_bytes().split(b"\0")
    found = [e.split(b"=", 1)[1] for e in environ if e.startswith(b"PROMETHEUS_MULTIPROC_DIR=")]
    return Path(found[0].decode())


def test_metrics_add_up_every_gunicorn_worker_and_count_stops(built_dir):
    settings = {"query_timeout": 2.0, "query_workers": 4, "result_limit": 5}
    settings["result_cache_bytes"] = 0  # every query reaches a query process
    settings["max_query_depth"] = 100_000  # so that the crashing query reaches the engine
    with running_process(built_dir, **settings) as (url, pgid):
        # Concurrent requests spread over both gunicorn workers.
        statuses: list[int] = []
        threads = [
            threading.Thread(target=lambda: statuses.extend(get(url, JOIN) for _ in range(5)))
            for _ in range(8)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert statuses == [200] * 40
        assert get(url, RUNAWAY) == 503
        crash = "SELECT * WHERE " + "{ " * 3000 + "?s ?p ?o " + "} " * 3000
        assert get(url, crash, method="POST") == 400
        workers = subprocess.run(
            ["pgrep", "-P", str(pgid), "-f", "gunicorn"], capture_output=True, text=True
        ).stdout.split()
        assert len(workers) == 2
        folder = metrics_dir(pgid)
        answered_by = {f.stem.rsplit("_", 1)[-1] for f in folder.glob("counter_*.db")}
        assert answered_by == set(workers), "both gunicorn workers answered and count in files"
        for _ in range(4):  # whichever worker answers the scrape reports the sum of both
            samples = scrape(url)
            ok = {"route": "/sparql", "method": "GET", "status": "200"}
            assert value(samples, "govrules_http_requests_total", **ok) == 40
            assert value(samples, "govrules_results_truncated_total") == 40
            assert value(samples, "govrules_query_timeouts_total") == 1
            replaced = "govrules_query_workers_replaced_total"
            assert value(samples, replaced, reason="timeout") == 1
            assert value(samples, replaced, reason="crash") == 1
            assert value(samples, "govrules_queries_total", runner="worker") >= 40
            graphs = [k for k in samples if k[0] == "govrules_store_triples"]
            assert len(graphs) >= 5
    assert not folder.exists(), "govrules serve removes its metrics directory when it stops"
    assert not os.path.exists(folder)


def test_one_gunicorn_worker_keeps_its_metrics_in_memory(built_dir):
    """The default server (one worker) needs no metrics files, and still counts everything."""
    settings = {"query_workers": 1, "result_cache_bytes": 0}
    with running_process(built_dir, workers=1, **settings) as (url, pgid):
        environ = Path(f"/proc/{pgid}/environ").read_bytes().split(b"\0")
        assert not [e for e in environ if e.startswith(b"PROMETHEUS_MULTIPROC_DIR=")]
        assert b"MALLOC_ARENA_MAX=2" in environ  # the soak's memory stays flat with it
        assert [get(url, JOIN) for _ in range(3)] == [200] * 3
        samples = scrape(url)
        ok = {"route": "/sparql", "method": "GET", "status": "200"}
        assert value(samples, "govrules_http_requests_total", **ok) == 3
        assert value(samples, "govrules_queries_total", runner="worker") == 3
        assert value(samples, "govrules_http_request_duration_seconds_count", route="/sparql") == 3
