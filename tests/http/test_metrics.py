"""/metrics (issue 17): the Prometheus text format, counting what the service did."""

from __future__ import annotations

import shutil

import pytest
from prometheus_client.parser import text_string_to_metric_families

from govrules.web.app import create_app
from govrules.writes.tokens import add_token

SRJ = "application/sparql-results+json"
ASK = "ASK { ?s ?p ?o }"


def scrape(client) -> dict[tuple[str, tuple], float]:
    """Return every sample of /metrics as {(name, sorted labels): value}."""
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    samples = {}
    for family in text_string_to_metric_families(response.get_data(as_text=True)):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def value(samples, name, **labels) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_requests_are_counted_by_route_method_and_status(client):
    before = scrape(client)
    for _ in range(3):
        assert client.get("/sparql", query_string={"query": ASK}).status_code == 200
    assert client.get("/sparql", query_string={"query": "SELECT ?"}).status_code == 400
    assert client.get("/no/such/page").status_code == 404
    after = scrape(client)
    ok = {"route": "/sparql", "method": "GET", "status": "200"}
    assert (
        value(after, "govrules_http_requests_total", **ok)
        - value(before, "govrules_http_requests_total", **ok)
        == 3
    )
    bad = ok | {"status": "400"}
    assert (
        value(after, "govrules_http_requests_total", **bad)
        - value(before, "govrules_http_requests_total", **bad)
        == 1
    )
    missing = {"route": "(unmatched)", "method": "GET", "status": "404"}
    assert value(after, "govrules_http_requests_total", **missing) >= 1


def test_latency_histogram_counts_every_request(client):
    before = scrape(client)
    client.get("/health")
    client.get("/health")
    after = scrape(client)
    name = "govrules_http_request_duration_seconds"
    counted = value(after, name + "_count", route="/health") - value(
        before, name + "_count", route="/health"
    )
    assert counted == 2
    assert value(after, name + "_sum", route="/health") > value(
        before, name + "_sum", route="/health"
    )
    inf = value(after, name + "_bucket", route="/health", le="+Inf")
    assert inf == value(after, name + "_count", route="/health")


def test_store_size_by_graph_matches_health(client):
    graphs = client.get("/health").get_json()["graphs"]
    samples = scrape(client)
    for graph, size in graphs.items():
        assert value(samples, "govrules_store_triples", graph=graph) == size


def test_cut_results_are_counted(oxigraph_store):
    app = create_app({"store": "memory", "result_limit": 2}, store=oxigraph_store)
    client = app.test_client()
    before = value(scrape(client), "govrules_results_truncated_total")
    response = client.get(
        "/sparql", query_string={"query": "SELECT * { ?s ?p ?o }"}, headers={"Accept": SRJ}
    )
    assert response.headers["Govrules-Result-Truncated"] == "limit=2"
    assert value(scrape(client), "govrules_results_truncated_total") == before + 1


@pytest.fixture()
def disk_client(built_dir, tmp_path):
    """An app over a copy of the build on disk (a store with versions), writes allowed."""
    target = tmp_path / "build"
    shutil.copytree(built_dir, target, symlinks=True, ignore=shutil.ignore_patterns("server-*"))
    token = add_token(target / "tokens.toml", "admin", "admin")
    app = create_app(
        {
            "store": str(target / "store"),
            "query_workers": 0,
            "tokens_file": str(target / "tokens.toml"),
        }
    )
    app.config.update(TESTING=True)
    return app.test_client(), {"Authorization": f"Bearer {token}"}


GRAPH = "https://w3id.org/govrules/graph/exports/metrics-test"
COUNT = f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"


def count(client, headers=None) -> tuple[int, str]:
    response = client.get(
        "/sparql", query_string={"query": COUNT}, headers={"Accept": SRJ} | (headers or {})
    )
    return int(response.get_json()["results"]["bindings"][0]["n"]["value"]), response.headers[
        "ETag"
    ]


def test_writes_are_counted_and_the_store_size_follows(disk_client):
    client, auth = disk_client
    before = scrape(client)
    response = client.put(
        "/store",
        query_string={"graph": GRAPH},
        data='<http://e/s> <http://e/p> "o" .\n<http://e/s> <http://e/p> "p" .\n',
        headers=auth | {"Content-Type": "application/n-triples"},
    )
    assert response.status_code in (201, 204)
    after = scrape(client)
    assert (
        value(after, "govrules_writes_total", route="/store")
        == value(before, "govrules_writes_total", route="/store") + 1
    )
    assert value(after, "govrules_store_triples", graph=GRAPH) == 2


def test_etag_304_and_a_write_changes_both_answer_and_tag(disk_client):
    client, auth = disk_client
    n, tag = count(client)
    assert n == 0
    again = client.get(
        "/sparql", query_string={"query": COUNT}, headers={"Accept": SRJ, "If-None-Match": tag}
    )
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == tag
    assert tag.startswith('"')  # a strong validator, quoted
    other = client.get("/sparql", query_string={"query": COUNT}, headers={"Accept": "text/csv"})
    assert other.headers["ETag"] != tag  # another format, another answer
    posted = client.post(
        "/sparql", data={"query": COUNT}, headers={"Accept": SRJ, "If-None-Match": tag}
    )
    assert posted.status_code == 200  # 304 answers GET only
    client.put(
        "/store",
        query_string={"graph": GRAPH},
        data='<http://e/s> <http://e/p> "o" .\n',
        headers=auth | {"Content-Type": "application/n-triples"},
    )
    # The kept answer and the old tag belong to the old version: both are refused now.
    n, new_tag = count(client, {"If-None-Match": tag})
    assert (n, new_tag != tag) == (1, True)
    samples = scrape(client)
    assert value(samples, "govrules_result_cache_total", outcome="hit") >= 1
