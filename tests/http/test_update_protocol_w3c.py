"""The SPARQL 1.1 Protocol test cases of the update side (W3C protocol test descriptions).

Each test is named after the W3C test it follows (update_dataset_default_graph, …); the data
is three small graphs of our own, on the in-memory store, written with an admin token.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govrules.store.oxigraph import OxigraphStore
from govrules.web.app import create_app
from govrules.writes.tokens import add_token

ROOT = Path(__file__).resolve().parents[2]
G1, G2, G3 = "http://kasei.us/2009/09/sparql/data/data1.rdf", "urn:g2", "urn:g3"
DATA = f'<urn:a> <urn:p> "one" <{G1}> .\n<urn:b> <urn:p> "two" <{G2}> .\n'
COPY = f"INSERT {{ GRAPH <{G3}> {{ ?s ?p ?o }} }} WHERE {{ ?s ?p ?o }}"
COPY_NAMED = f"INSERT {{ GRAPH <{G3}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"


@pytest.fixture()
def proto(tmp_path):
    path = tmp_path / "tokens.toml"
    token = add_token(path, "admin", "admin")
    store = OxigraphStore()
    store.load(DATA.encode(), format="nquads", to_graph=None)
    app = create_app(
        {
            "store": "memory",
            "tokens_file": str(path),
            "data_dir": str(ROOT / "data"),
            "max_query_bytes": 4096,
        },
        store=store,
    )
    app.config.update(TESTING=True)
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


def objects(client, graph) -> set[str]:
    query = f"SELECT ?o {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    body = client.get(
        "/sparql",
        query_string={"query": query},
        headers={"Accept": "application/sparql-results+json"},
    ).json
    return {b["o"]["value"] for b in body["results"]["bindings"]}


INSERT = f'INSERT DATA {{ GRAPH <{G3}> {{ <urn:c> <urn:p> "new" }} }}'


def test_update_post_form(proto):
    response = proto.post("/update", data={"update": INSERT})
    assert response.status_code == 204
    assert "Content-Type" not in response.headers and response.data == b""
    assert objects(proto, G3) == {"new"}


def test_update_post_direct(proto):
    response = proto.post("/update", data=INSERT, content_type="application/sparql-update")
    assert response.status_code == 204 and "Content-Type" not in response.headers
    assert objects(proto, G3) == {"new"}


def test_update_without_dataset_reads_the_default_graph(proto):
    # Without using-graph-uri, WHERE reads the store's default graph, which is empty here.
    assert proto.post("/update", data={"update": COPY}).status_code == 204
    assert objects(proto, G3) == set()


def test_update_dataset_default_graph(proto):
    response = proto.post("/update", data={"update": COPY, "using-graph-uri": G1})
    assert response.status_code == 204
    assert objects(proto, G3) == {"one"}


def test_update_dataset_default_graphs(proto):
    response = proto.post(
        f"/update?using-graph-uri={G2}", data={"update": COPY, "using-graph-uri": G1}
    )
    assert response.status_code == 204
    assert objects(proto, G3) == {"one", "two"}


def test_update_dataset_named_graphs(proto):
    response = proto.post("/update", data={"update": COPY_NAMED, "using-named-graph-uri": G2})
    assert response.status_code == 204
    assert objects(proto, G3) == {"two"}


def test_update_dataset_full(proto):
    response = proto.post(
        "/update",
        data=COPY_NAMED,
        content_type="application/sparql-update",
        query_string={"using-graph-uri": G1, "using-named-graph-uri": G2},
    )
    assert response.status_code == 204
    assert objects(proto, G3) == {"two"}


def test_update_dataset_delete_where_shorthand(proto):
    update = "DELETE WHERE { ?s <urn:p> ?o }"
    response = proto.post("/update", data={"update": update, "using-graph-uri": G1})
    assert response.status_code == 204  # the default graph of the store is empty: nothing to do
    assert objects(proto, G1) == {"one"} and objects(proto, G2) == {"two"}


@pytest.mark.parametrize(
    "update",
    [
        f"DELETE {{ ?s ?p ?o }} USING <{G2}> WHERE {{ ?s ?p ?o }}",
        f"WITH <{G2}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}",
        f"DELETE {{ ?s ?p ?o }} USING NAMED <{G2}> WHERE {{ ?s ?p ?o }}",
    ],
)
def test_bad_update_dataset_conflict(proto, update):
    response = proto.post("/update", data={"update": update, "using-graph-uri": G1})
    assert response.status_code == 400
    assert "using-graph-uri" in response.json["error"]["message"]
    assert objects(proto, G2) == {"two"}


def test_bad_multiple_updates(proto):
    from werkzeug.datastructures import MultiDict

    data = MultiDict([("update", INSERT), ("update", f"DROP GRAPH <{G1}>")])
    response = proto.post("/update", data=data)
    assert response.status_code == 400 and "exactly one" in response.json["error"]["message"]
    assert objects(proto, G1) == {"one"} and objects(proto, G3) == set()


def test_bad_update_get(proto):
    assert proto.get("/update", query_string={"update": COPY}).status_code == 405


def test_update_base_uri(proto):
    update = 'BASE <http://example.org/> INSERT DATA { GRAPH <g> { <s> <p> "b" } }'
    assert proto.post("/update", data={"update": update}).status_code == 204
    assert objects(proto, "http://example.org/g") == {"b"}


def test_update_relative_iris_resolve_against_the_request_iri(proto):
    update = 'INSERT DATA { GRAPH <rel> { <s> <p> "r" } }'
    assert proto.post("/update", data={"update": update}).status_code == 204
    assert objects(proto, "http://localhost/rel") == {"r"}


def test_update_text_over_the_query_limit_is_413(proto):
    big = f'INSERT DATA {{ GRAPH <{G3}> {{ <urn:s> <urn:p> "{"x" * 5000}" }} }}'
    for response in (
        proto.post("/update", data={"update": big}),
        proto.post("/update", data=big, content_type="application/sparql-update"),
    ):
        assert response.status_code == 413
        assert "max_query_bytes" in response.json["error"]["message"]
    assert objects(proto, G3) == set()


def test_query_text_over_the_query_limit_is_413(proto):
    big = "ASK { ?s ?p " + '"' + "x" * 5000 + '" }'
    for response in (
        proto.post("/sparql", data={"query": big}),
        proto.post("/sparql", data=big, content_type="application/sparql-query"),
    ):
        assert response.status_code == 413


def test_bad_update_non_utf8(proto):
    response = proto.post(
        "/update", data=b"INSERT DATA { <a> <b> '\xff' }", content_type="application/sparql-update"
    )
    assert response.status_code == 400 and "UTF-8" in response.json["error"]["message"]


def test_bad_update_dataset_iri(proto):
    response = proto.post("/update", data={"update": COPY, "using-graph-uri": "urn:a b"})
    assert response.status_code == 400 and "RFC 3987" in response.json["error"]["message"]
