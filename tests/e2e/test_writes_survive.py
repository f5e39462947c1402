"""Nothing lost: SIGKILL the whole server mid-write, restart, and find the store as it was.

Each test starts ``govrules serve`` (gunicorn master, its workers and their query processes)
in its own session, sends a large write, waits until the writer has made its copy-on-write
version and is filling it, then kills the process group with SIGKILL. After a restart the
store must open, every graph must hold exactly what it held before, and the interrupted
graph must be wholly absent.
"""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from govrules.generator import generate
from govrules.writes.tokens import add_token

from ..conftest import running_process

pytestmark = pytest.mark.e2e
BASE = "https://w3id.org/govrules/"
BIG = BASE + "graph/exports/big"
COUNTS = "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


@pytest.fixture(scope="module")
def big_export() -> bytes:
    """About 200,000 triples of generated, conforming records (N-Triples)."""
    return generate(triples=200_000, seed=3, format="ntriples").data


@pytest.fixture()
def write_dir(built_dir, tmp_path):
    target = tmp_path / "build"
    shutil.copytree(built_dir, target, symlinks=True, ignore=shutil.ignore_patterns("server-*"))
    token = add_token(target / "tokens.toml", "admin", "admin")
    return target, token


def server(build, **settings):
    """Start 'govrules serve' in its own process group; yield (url, process group id)."""
    settings = {
        "tokens_file": build / "tokens.toml",
        "query_workers": 2,
        "max_body_bytes": 200 * 1024 * 1024,
        "max_query_bytes": 200 * 1024 * 1024,  # the update below is one large INSERT DATA
    } | settings
    return running_process(build, timeout=60, **settings)


def counts(url: str) -> dict[str, int]:
    query = urllib.parse.urlencode({"query": COUNTS})
    request = urllib.request.Request(f"{url}/sparql?{query}", headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=30) as response:
        lines = response.read().decode().strip().splitlines()[1:]
    return {g: int(n) for g, n in (line.split(",") for line in lines)}


def post(url: str, data: bytes, content_type: str, token: str, results: list) -> None:
    request = urllib.request.Request(url, data=data, method="POST")
    request.add_header("Content-Type", content_type)
    request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            results.append(response.status)
    except urllib.error.HTTPError as exc:
        results.append(exc.code)
    except OSError as exc:
        results.append(type(exc).__name__)


def kill_mid_write(build, url: str, pgid: int, data: bytes, path: str, content_type: str, token):
    """Send the write, SIGKILL the group once a new version is being filled; return what we saw."""
    versions = build / "store-versions"
    published = os.readlink(build / "store")
    before = {p.name for p in versions.iterdir()}
    results: list = []
    thread = threading.Thread(target=post, args=(url + path, data, content_type, token, results))
    thread.start()
    deadline = time.monotonic() + 120

    def filling() -> set[str]:  # a checkpoint done ('<n>.tmp' renamed), being written
        return {p.name for p in versions.iterdir() if p.name.isdigit()} - before

    while time.monotonic() < deadline and not filling():
        time.sleep(0.02)
    started = filling()
    time.sleep(0.5)  # well into the load of the new version
    at_kill = os.readlink(build / "store")
    os.killpg(pgid, signal.SIGKILL)
    thread.join(30)
    return started, published, at_kill, results


@pytest.mark.parametrize("kind", ["ingest", "update"])
def test_sigkill_mid_write_loses_nothing(write_dir, big_export, kind):
    build, token = write_dir
    if kind == "ingest":
        path, content_type, data = "/ingest?graph=big", "application/n-triples", big_export
    else:
        path, content_type = "/update", "application/sparql-update"
        data = b"INSERT DATA { GRAPH <" + BIG.encode() + b"> {\n" + big_export + b"} }"
    with server(build) as (url, pgid):
        before = counts(url)
        started, published, at_kill, results = kill_mid_write(
            build, url, pgid, data, path, content_type, token
        )
    assert started, "the write never began a new version"
    assert at_kill == published, "the write had already been published when killed"
    assert results and results[0] not in (200, 201, 204), f"the write was acknowledged: {results}"
    with server(build) as (url, _):
        after = counts(url)
    print(
        f"\n{kind}: killed while filling {started} (served {at_kill}); client got {results}; "
        f"after restart {sum(after.values())} quads in {len(after)} graphs, as before"
    )
    assert after == before
    assert BIG not in after
    assert sorted(p.name for p in (build / "store-versions").iterdir()) == [
        published.split("/")[-1]
    ]


def test_readers_see_the_old_or_the_new_state_never_a_mix(write_dir, big_export):
    build, token = write_dir
    with server(build) as (url, _):
        old = counts(url)
        seen: list[dict] = []
        stop = threading.Event()

        def read() -> None:
            while not stop.is_set():
                seen.append(counts(url))

        readers = [threading.Thread(target=read) for _ in range(3)]
        for reader in readers:
            reader.start()
        results: list = []
        post(url + "/store?graph=" + BIG, big_export, "application/n-triples", token, results)
        time.sleep(1.0)
        stop.set()
        for reader in readers:
            reader.join(30)
        new = counts(url)
    assert results == [201]
    assert new == old | {BIG: new[BIG]} and new[BIG] > 190_000
    states = {tuple(sorted(s.items())) for s in seen}
    print(f"\n{len(seen)} reads during the write saw {len(states)} distinct states")
    assert states <= {tuple(sorted(old.items())), tuple(sorted(new.items()))}
    assert len(seen) > 10
    assert tuple(sorted(old.items())) in states and tuple(sorted(new.items())) in states
