"""Limits that fire on the real server: a runaway query stops at the time limit while
others keep being answered, and a query that crashes the engine takes down only its
worker process."""

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from ..conftest import running_server

pytestmark = pytest.mark.e2e

TIME_LIMIT = 2.0
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SIMPLE = "ASK { ?s ?p ?o }"  # one pattern: answered in the serving process
THROUGH_WORKER = "ASK { ?s ?p ?o . ?o ?q ?r }"  # a join: always sent to a query process


@pytest.fixture(scope="module")
def limited_url(built_dir):
    # Depth checks off, so that a crashing query reaches the engine in its worker.
    with running_server(
        built_dir, query_timeout=TIME_LIMIT, query_workers=4, max_query_depth=100_000
    ) as url:
        yield url


def ask(url: str, query: str, timeout: float = 30):
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(
        url + "/sparql", data=data, headers={"Accept": "application/sparql-results+json"}
    )
    start = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read()), time.monotonic() - start
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read()), time.monotonic() - start


def test_runaway_query_stops_at_the_limit_while_others_are_answered(limited_url):
    outcome = {}

    def runaway():
        outcome["runaway"] = ask(limited_url, RUNAWAY)
        outcome["runaway_done"] = time.monotonic()

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)  # let the runaway query start in its worker
    status, body, elapsed = ask(limited_url, SIMPLE)
    worker_status, worker_body, _ = ask(limited_url, THROUGH_WORKER)
    answered_at = time.monotonic()
    thread.join(30)
    assert (status, body["boolean"]) == (200, True)
    assert (worker_status, worker_body["boolean"]) == (200, True)
    assert answered_at < outcome["runaway_done"], "the simple query waited for the runaway one"
    status, body, elapsed = outcome["runaway"]
    assert status == 503
    assert body["error"]["code"] == "query-timeout"
    assert f"{TIME_LIMIT:g} s" in body["error"]["message"]
    assert elapsed < TIME_LIMIT + 1.0


def test_a_query_that_crashes_the_engine_kills_only_its_worker(limited_url):
    depth = 3000
    crash = "SELECT * WHERE " + "{ " * depth + "?s ?p ?o " + "} " * depth
    status, body, _ = ask(limited_url, crash)
    assert status == 400
    assert "engine failed" in body["error"]["message"]
    for _ in range(6):  # every worker, the replacement included, answers afterwards
        status, body, _ = ask(limited_url, THROUGH_WORKER)
        assert (status, body["boolean"]) == (200, True)


def test_default_guard_refuses_deep_nesting_before_the_engine(server_url):
    crash = "SELECT * WHERE " + "{ " * 3000 + "?s ?p ?o " + "} " * 3000
    status, body, _ = ask(server_url, crash)
    assert status == 400
    assert "nests 3000 levels" in body["error"]["message"]


def test_service_is_refused_over_http(server_url):
    status, body, _ = ask(server_url, "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert status == 403
    assert "SERVICE" in body["error"]["message"]
