"""The remote backend on a real Virtuoso: the same answers as Oxigraph, the service over it,
and clear 502/504 answers when the remote server is down or slow."""

from __future__ import annotations

import json
import socket
import threading
import time

import pytest

from govrules.query.questions import ask, load_questions
from govrules.store.remote import RemoteStore
from govrules.web.app import create_app

from ..conftest import ROOT, free_port, running_server

pytestmark = pytest.mark.remote
BASE = "https://w3id.org/govrules/"
RULES = BASE + "graph/rules/330382-work-rules-2020"
ELI = "http://data.europa.eu/eli/ontology#"
# Virtuoso 7.2.5 fails to compile COALESCE over GROUP_CONCAT (SQ156 "Bad dfe in sqlo_place_exp").
VIRTUOSO_SQ156 = {
    "who-must-approve",
    "who-reports-to",
    "deadlines",
    "prohibitions",
    "permissions-and-delegations",
    "supervision-of",
}
PARAMS = {
    "obligations-of": {"party": BASE + "id/cn/330382/post/mayor"},
    "supervision-of": {"party": BASE + "id/cn/330382/body/city-government"},
    "provision": {"number": "7"},
    "versions": {"document": BASE + "eli/cn/100000/rules-of-procedure/1987"},
    "changes": {
        "document": BASE + "eli/cn/100000/rules-of-procedure/1987",
        "from": "2015-01-01",
        "to": "2023-01-01",
    },
    "compare": {"concern": BASE + "concept/concern/quorum"},
    "concern-changes": {"concern": BASE + "concept/concern/quorum"},
}
# The corpus questions (issues 13, 15) have not been checked against Virtuoso yet; without their
# parameters concern-changes came back empty there. Not strict: a pass is reported as such.
# The comparison questions answer no rows on Virtuoso 7.2.5 (they do on Oxigraph and rdflib):
# known, not yet explained; strict, so that the day they pass is noticed.
VIRTUOSO_EMPTY = {"compare", "concern-changes"}


def _question(name: str):
    if name in VIRTUOSO_EMPTY:
        reason = "Virtuoso 7.2.5 answers no rows to the comparison questions"
        return pytest.param(name, marks=pytest.mark.xfail(reason=reason, strict=True))
    return name


@pytest.fixture(scope="module")
def remote(virtuoso):
    return RemoteStore.from_settings(virtuoso)


def values(result) -> set[tuple]:
    """Rows as comparable tuples: lexical forms and language tags (datatypes differ by engine)."""
    return {
        tuple(
            sorted(
                (k, lexical(v), getattr(v, "language", None))
                for k, v in row.items()
                if not k.endswith("Label")  # SAMPLE(): any of several labels is right
            )
        )
        for row in result.rows()
    }


def lexical(term) -> str:
    """Return the lexical form; Virtuoso gives booleans of BIND as integers 1 and 0."""
    return {"true": "1", "false": "0"}.get(str(term), str(term))


def test_same_graphs_and_counts(remote, oxigraph_store):
    assert remote.graphs() == oxigraph_store.graphs()
    for graph in oxigraph_store.graphs():
        assert remote.count(graph) == oxigraph_store.count(graph), graph


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?a ?label WHERE { ?a a <https://w3id.org/govrules/ontology#Article> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?label }",
        f"SELECT ?s ?o WHERE {{ GRAPH <{RULES}> {{ ?s <{ELI}is_part_of> ?o }} }}",
        f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ GRAPH <{RULES}> {{ ?s ?p ?o }} }} GROUP BY ?p",
    ],
)
def test_same_solutions(remote, oxigraph_store, query):
    expected = values(oxigraph_store.query(query))
    assert expected
    assert values(remote.query(query)) == expected


def test_same_boolean_and_graph(remote, oxigraph_store):
    ask_query = f"ASK {{ GRAPH <{RULES}> {{ ?s ?p ?o }} }}"
    assert remote.query(ask_query).boolean() is True
    assert remote.query("ASK { <http://e/none> ?p ?o }").boolean() is False
    construct = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{RULES}> {{ ?s ?p ?o }} }}"
    ours = {tuple(map(str, t)) for t in oxigraph_store.query(construct).triples()}
    assert {tuple(map(str, t)) for t in remote.query(construct).triples()} == ours


@pytest.mark.parametrize("name", [_question(n) for n in sorted(load_questions())])
def test_same_canned_answers(remote, oxigraph_store, name):
    if name in VIRTUOSO_SQ156:
        pytest.xfail("Virtuoso 7.2.5 cannot compile this query (SQ156)")
    expected = values(ask(oxigraph_store, name, PARAMS.get(name)))
    assert expected
    assert values(ask(remote, name, PARAMS.get(name))) == expected


def test_the_service_over_virtuoso(virtuoso, tmp_path):
    from govrules.writes.tokens import add_token

    tokens = tmp_path / "tokens.toml"
    token = add_token(tokens, "admin", "admin")
    settings = virtuoso | {"tokens_file": tokens}
    import urllib.request

    def get(url, accept="application/json"):
        request = urllib.request.Request(url, headers={"Accept": accept})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()

    build = tmp_path / "build"
    build.mkdir()
    with running_server(build, **settings) as url:
        status, body = get(url + "/health")
        assert status == 200 and RULES.encode() in body
        status, body = get(url + "/queries/provision.json?number=7")
        assert status == 200 and b"art_7" in body
        status, body = get(url + "/eli/cn/330382/work-rules/2020/art_7", "text/turtle")
        assert status == 200 and b"art_7/para_1" in body
        data = (ROOT / "data/examples/conforming.ttl").read_bytes()
        request = urllib.request.Request(
            # Forced: Virtuoso 7 keeps xsd:dayTimeDuration as a number, so the deadline rules
            # read back from it flag the filing deadline (README, "Writes and remote stores").
            url + "/ingest?graph=remote-test&force=true",
            data=data,
            headers={"Content-Type": "text/turtle", "Authorization": f"Bearer {token}"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.status == 201
            receipt = json.loads(response.read())
        assert {f.rsplit("#")[-1] for f in receipt["summary"].split(" × ")[1:]} <= {
            "DepartmentDocumentFilingShape"
        }
        status, body = get(url + f"/store?graph={BASE}graph/exports/remote-test", "text/turtle")
        assert status == 200 and b"record" in body


def test_a_remote_that_is_down_is_a_502():
    app = create_app({"backend": "remote", "store": f"http://127.0.0.1:{free_port()}/sparql"})
    response = app.test_client().get("/sparql", query_string={"query": "ASK {}"})
    assert response.status_code == 502
    assert "cannot reach" in response.json["error"]["message"]


def test_a_remote_that_hangs_is_a_504_within_the_time_limit():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    held = []
    threading.Thread(target=lambda: held.append(listener.accept()), daemon=True).start()
    port = listener.getsockname()[1]
    app = create_app(
        {"backend": "remote", "store": f"http://127.0.0.1:{port}/sparql", "remote_timeout": 1.0}
    )
    start = time.monotonic()
    response = app.test_client().get("/sparql", query_string={"query": "ASK {}"})
    assert response.status_code == 504
    assert time.monotonic() - start < 5
    listener.close()


def test_build_loads_the_graphs_into_the_remote_store(virtuoso, tmp_path, remote, oxigraph_store):
    import os
    import subprocess

    from ..conftest import BIN

    env = os.environ | {f"GOVRULES_{k.upper()}": str(v) for k, v in virtuoso.items()}
    done = subprocess.run(
        [BIN / "govrules", "build", "--build-dir", tmp_path, "--store", virtuoso["store"]],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=True,
    )
    assert b"remote: 7" in done.stderr and f"{RULES}: ".encode() in done.stderr
    for graph in oxigraph_store.graphs():
        assert remote.count(graph) == oxigraph_store.count(graph), graph
