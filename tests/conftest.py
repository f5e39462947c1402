"""Shared fixtures: the built graph, stores on both backends, the app, and a real server."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from govrules.knowledge.build import assemble
from govrules.store.memory import RdflibStore
from govrules.store.oxigraph import OxigraphStore
from govrules.web.app import create_app

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


@pytest.fixture(scope="session")
def built():
    """The knowledge graph assembled in memory, once per session."""
    return assemble(ROOT)


@pytest.fixture(scope="session")
def nquads(built) -> bytes:
    return built.nquads()


@pytest.fixture(scope="session")
def oxigraph_store(nquads):
    store = OxigraphStore()
    store.load(nquads, format="nquads", to_graph=None)
    return store


@pytest.fixture(scope="session")
def rdflib_store(nquads):
    store = RdflibStore()
    store.load(nquads, format="nquads", to_graph=None)
    return store


@pytest.fixture(params=["oxigraph", "rdflib"])
def any_store(request):
    """Each backend in turn: the same test must give the same answer on both."""
    return request.getfixturevalue(f"{request.param}_store")


@pytest.fixture()
def app(oxigraph_store):
    app = create_app({"store": "memory"}, store=oxigraph_store)
    app.config.update(TESTING=True)
    return app


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def runner(app):
    return app.test_cli_runner()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server did not answer {url} within {timeout} s")


@pytest.fixture()
def write_dir(built_dir, tmp_path):
    """A copy of the session's build that this test may change."""
    target = tmp_path / "build"
    shutil.copytree(built_dir, target, symlinks=True, ignore=shutil.ignore_patterns("server-*"))
    return target


@pytest.fixture(scope="session")
def built_dir(tmp_path_factory) -> Path:
    """A build made by the project's own command, in a scratch directory."""
    target = tmp_path_factory.mktemp("build")
    subprocess.run(
        [BIN / "govrules", "build", "--build-dir", str(target), "--quiet"], cwd=ROOT, check=True
    )
    return target


@contextlib.contextmanager
def running_process(built_dir: Path, *, timeout: float = 30.0, workers: int = 2, **settings):
    """Start 'govrules serve' with *workers* gunicorn workers, in its own process group.

    Yield (URL, process group id); on exit stop the whole group (master, workers and
    their query processes).
    """
    port = free_port()
    env = os.environ | {"GOVRULES_STORE": str(built_dir / "store"), "PORT": str(port)}
    env |= {f"GOVRULES_{k.upper()}": str(v) for k, v in settings.items()}
    log = (built_dir / f"server-{port}.log").open("ab")
    process = subprocess.Popen(
        [BIN / "govrules", "serve", "--workers", str(workers)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/health", process, timeout=timeout)
        yield url, process.pid
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


@contextlib.contextmanager
def running_server(built_dir: Path, **settings):
    """Start 'govrules serve' on a free port over *built_dir*; yield its URL, then stop it."""
    with running_process(built_dir, **settings) as (url, _):
        yield url


@pytest.fixture(scope="session")
def server_url(built_dir):
    """The real service, started by 'govrules serve' on a free port, for the session."""
    with running_server(built_dir) as url:
        yield url


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory, built):
    """A real Virtuoso Open Source on 127.0.0.1 holding the build's graphs (scripts/virtuoso.sh).

    Yields the settings of a remote store pointed at it; stops it at the end of the session.
    """
    import shutil

    if shutil.which("virtuoso-t") is None:
        pytest.skip("virtuoso-t is not installed (.ci/run installs virtuoso-opensource)")
    from govrules.store.remote import RemoteStore

    scratch = tmp_path_factory.mktemp("virtuoso")
    port = free_port()
    script = ROOT / "scripts" / "virtuoso.sh"
    isql = free_port()
    subprocess.run([script, "start", scratch, str(port), str(isql)], check=True, timeout=120)
    settings = {
        "backend": "remote",
        "store": f"http://127.0.0.1:{port}/sparql",
        "remote_update_url": f"http://127.0.0.1:{port}/sparql-auth",
        "remote_gsp_url": f"http://127.0.0.1:{port}/sparql-graph-crud-auth",
        "remote_user": "govrules",
        "remote_password": "govrules",
        "remote_timeout": 30.0,
        "base_iri": "https://w3id.org/govrules/",
    }
    remote = RemoteStore.from_settings(settings)
    for name, graph in sorted(built.graphs.items()):
        remote.replace_graph(name, graph.serialize(format="nt", encoding="utf-8"))
    try:
        yield settings
    finally:
        subprocess.run([script, "stop", scratch], check=False, timeout=60)
