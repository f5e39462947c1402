"""Fuzz the Flask app with hostile queries, updates, uploads and graph IRIs (hypothesis).

Invariants, checked on every request: no 5xx, no hang (an alarm after 20 s), the graphs
stored before are unchanged by a refused request, and nothing reaches the listener on
127.0.0.1 that every SERVICE, LOAD and context points at. Bounded: a fixed number of examples
per surface, well under a minute in all.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govrules.web.app import create_app
from govrules.writes.tokens import add_token

from ..listener import Listener
from . import inputs

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
FUZZ = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LISTENER = Listener()
TALLY = inputs.Tally()


@pytest.fixture(scope="module")
def fuzzed(built_dir, tmp_path_factory):
    target = tmp_path_factory.mktemp("fuzz") / "build"
    shutil.copytree(built_dir, target, symlinks=True, ignore=shutil.ignore_patterns("server-*"))
    path = target / "tokens.toml"
    tokens = {s: add_token(path, s, s) for s in ("write", "admin")}
    app = create_app(
        {
            "store": str(target / "store"),
            "query_workers": 0,
            "tokens_file": str(path),
            "data_dir": str(ROOT / "data"),
            "max_body_bytes": 256 * 1024,
            "query_timeout": 5.0,
        }
    )
    app.config.update(TESTING=True)
    yield app, tokens
    print("\n" + TALLY.summary(LISTENER.hits))
    LISTENER.close()


@contextlib.contextmanager
def no_hang(seconds: int = 20):
    def stop(*_):
        raise TimeoutError(f"a request took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def digest(app) -> tuple[int, int]:
    store = app.extensions["govrules.store"]
    return store.count(), store.count(inputs.RULES)


def send(app, route: str, **kwargs):
    before = digest(app)
    with no_hang(), app.test_client() as client:
        response = client.open(**kwargs)
    TALLY.add(route, response.status_code)
    assert response.status_code < 500, response.data[:500]
    assert LISTENER.hits == 0, "a request reached the listener"
    if response.status_code >= 400:
        assert digest(app) == before, "a refused request changed the store"
    return response


@FUZZ
@given(query=inputs.queries(LISTENER.url), method=st.sampled_from(["GET", "POST", "DIRECT"]))
def test_fuzz_queries(fuzzed, query, method):
    app, _ = fuzzed
    if method == "GET":
        send(app, "/sparql", path="/sparql", method="GET", query_string={"query": query})
    elif method == "POST":
        send(app, "/sparql", path="/sparql", method="POST", data={"query": query})
    else:
        send(
            app,
            "/sparql",
            path="/sparql",
            method="POST",
            data=query.encode("utf-8", "surrogatepass"),
            content_type="application/sparql-query",
        )


@FUZZ
@given(update=inputs.updates(LISTENER.url), scope=st.sampled_from(["write", "admin", "none"]))
def test_fuzz_updates(fuzzed, update, scope):
    app, tokens = fuzzed
    headers = {"Authorization": f"Bearer {tokens[scope]}"} if scope in tokens else {}
    # Admin updates may change anything: only refused ones are held to the unchanged store.
    send(app, "/update", path="/update", method="POST", data={"update": update}, headers=headers)


@FUZZ
@given(
    upload=inputs.uploads(LISTENER.url),
    route=st.sampled_from(["PUT /store", "POST /store", "/ingest", "/validate"]),
    graph=inputs.graph_iris(),
    scope=st.sampled_from(["write", "admin"]),
)
def test_fuzz_uploads(fuzzed, upload, route, graph, scope):
    app, tokens = fuzzed
    media, body = upload
    headers = {"Authorization": f"Bearer {tokens[scope]}"}
    if route.endswith("/store"):
        method, path = route.split()
        graph = inputs.EXPORT if scope == "admin" and graph == inputs.RULES else graph
        query = {"graph": graph}
    else:
        method, path, query = "POST", route, {"graph": "fuzz"}
    send(
        app,
        route,
        path=path,
        method=method,
        query_string=query,
        data=body,
        content_type=media,
        headers=headers,
    )


@FUZZ
@given(graph=inputs.graph_iris(), method=st.sampled_from(["GET", "HEAD", "DELETE"]))
def test_fuzz_graph_iris(fuzzed, graph, method):
    app, tokens = fuzzed
    headers = {"Authorization": f"Bearer {tokens['write']}"}
    send(
        app, "/store", path="/store", method=method, query_string={"graph": graph}, headers=headers
    )
