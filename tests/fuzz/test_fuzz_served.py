"""Fuzz the real served build (gunicorn, query worker processes, the store on disk).

A smaller run than the app's: the same strategies over HTTP, with a write token configured
and every SERVICE, LOAD and context aimed at a listener on 127.0.0.1. Invariants: no 5xx,
no hang (30 s per request), the gunicorn workers that started are the ones still answering,
refused requests leave the stored graphs unchanged, and the listener counts zero hits.
"""

from __future__ import annotations

import shutil
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govrules.writes.tokens import add_token

from ..conftest import running_process
from ..listener import Listener
from . import inputs

pytestmark = [pytest.mark.slow, pytest.mark.e2e]
SERVED = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LISTENER = Listener()
TALLY = inputs.Tally()
COUNT = "SELECT (COUNT(*) AS ?n) (SUM(IF(?g = <%s>, 1, 0)) AS ?r) { GRAPH ?g { ?s ?p ?o } }"


def children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text()
        found |= {int(p) for p in text.split()}
    return found


@pytest.fixture(scope="module")
def served(built_dir, tmp_path_factory):
    target = tmp_path_factory.mktemp("served-fuzz") / "build"
    shutil.copytree(built_dir, target, symlinks=True, ignore=shutil.ignore_patterns("server-*"))
    path = target / "tokens.toml"
    tokens = {s: add_token(path, s, s) for s in ("write", "admin")}
    with running_process(
        target,
        tokens_file=str(path),
        query_workers=2,
        query_timeout=5,
        max_body_bytes=256 * 1024,
        data_dir=str(Path(__file__).resolve().parents[2] / "data"),
    ) as (url, pid):
        workers = children(pid)
        yield url, tokens
        assert call(url, "GET", "/health")[0] == 200
        # The gunicorn workers alive at the start are still the ones serving (none was killed).
        assert {w for w in workers if Path(f"/proc/{w}").exists()} == workers
        assert children(pid) >= workers
    print("\nserved " + TALLY.summary(LISTENER.hits))
    LISTENER.close()


def call(url, method, path, *, query=None, data=None, media=None, headers=None):
    target = url + path + ("?" + urllib.parse.urlencode(query) if query else "")
    request = urllib.request.Request(target, data=data, method=method, headers=headers or {})
    if media:
        request.add_header("Content-Type", media)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def digest(url) -> bytes:
    status, body = call(
        url,
        "GET",
        "/sparql",
        query={"query": COUNT % inputs.RULES},
        headers={"Accept": "text/csv"},
    )
    assert status == 200
    return body


def send(url, route, method, path, **kwargs):
    before = digest(url)
    status, body = call(url, method, path, **kwargs)
    TALLY.add(route, status)
    assert status < 500, body[:500]
    assert LISTENER.hits == 0, "a request reached the listener"
    if status >= 400:
        assert digest(url) == before, "a refused request changed the store"


@SERVED
@given(query=inputs.queries(LISTENER.url), direct=st.booleans())
def test_served_fuzz_queries(served, query, direct):
    url, _ = served
    data = query.encode("utf-8", "surrogatepass")
    if direct:
        send(url, "/sparql", "POST", "/sparql", data=data, media="application/sparql-query")
    else:
        form = urllib.parse.urlencode({"query": query}).encode()
        send(
            url, "/sparql", "POST", "/sparql", data=form, media="application/x-www-form-urlencoded"
        )


@SERVED
@given(update=inputs.updates(LISTENER.url), scope=st.sampled_from(["write", "admin"]))
def test_served_fuzz_updates(served, update, scope):
    url, tokens = served
    form = urllib.parse.urlencode({"update": update}).encode()
    headers = {"Authorization": f"Bearer {tokens[scope]}"}
    send(
        url,
        "/update",
        "POST",
        "/update",
        data=form,
        media="application/x-www-form-urlencoded",
        headers=headers,
    )


@SERVED
@given(
    upload=inputs.uploads(LISTENER.url),
    route=st.sampled_from(["PUT /store", "/ingest", "/validate"]),
    graph=inputs.graph_iris(),
    chunked=st.booleans(),
)
def test_served_fuzz_uploads(served, upload, route, graph, chunked):
    url, tokens = served
    media, body = upload
    headers = {"Authorization": f"Bearer {tokens['write']}"}
    data = iter([body]) if chunked else body  # an iterable body goes out chunked
    if chunked:
        headers["Transfer-Encoding"] = "chunked"
    if route == "PUT /store":
        send(
            url,
            route,
            "PUT",
            "/store",
            query={"graph": graph},
            data=data,
            media=media,
            headers=headers,
        )
    else:
        send(
            url,
            route,
            "POST",
            route,
            query={"graph": "fuzz"},
            data=data,
            media=media,
            headers=headers,
        )


def test_served_chunked_upload_over_the_limit_is_413(served):
    url, tokens = served
    body = b"".join(b'<urn:s%d> <urn:p> "%d" .\n' % (i, i) for i in range(10_000))
    assert 256 * 1024 < len(body) < 400 * 1024  # just over the limit: the client gets to read
    headers = {"Authorization": f"Bearer {tokens['admin']}", "Transfer-Encoding": "chunked"}
    graph = inputs.EXPORT + "-chunked"
    chunks = iter([body[i : i + 65536] for i in range(0, len(body), 65536)])
    try:
        status, _ = call(
            url,
            "PUT",
            "/store",
            query={"graph": graph},
            data=chunks,
            media="application/n-triples",
            headers=headers,
        )
    except urllib.error.URLError as exc:  # the server may close before the client is done
        assert isinstance(exc.reason, (BrokenPipeError, ConnectionResetError)), exc
        status = 0  # refused by closing: counted apart, never as an answer
    TALLY.add("PUT /store chunked", status)
    assert status in (413, 0)
    assert call(url, "GET", "/store", query={"graph": graph})[0] == 404  # nothing stored


def test_served_long_url_is_answered_by_the_app(served):
    url, _ = served
    query = "ASK { ?s ?p ?o } #" + "x" * 7000
    status, body = call(url, "GET", "/sparql", query={"query": query})
    TALLY.add("GET /sparql long", status)
    assert status == 200  # under GOVRULES_MAX_URL_BYTES: gunicorn no longer cuts it at 4094
    status, body = call(url, "GET", "/sparql", query={"query": query + "x" * 2000})
    TALLY.add("GET /sparql long", status)
    assert status == 414 and b'"error"' in body
