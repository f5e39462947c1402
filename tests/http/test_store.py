"""Writes over HTTP: /update, the Graph Store protocol at /store, /ingest; every error case."""

from __future__ import annotations

import pytest

from govrules.web.app import create_app
from govrules.writes.tokens import add_token

BASE = "https://w3id.org/govrules/"
EXPORT = BASE + "graph/exports/city"
RULES = BASE + "graph/rules/330382-work-rules-2020"
NT = '<http://e/s> <http://e/p> "o" .\n'
ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


@pytest.fixture()
def tokens(write_dir):
    path = write_dir / "tokens.toml"
    return path, {s: add_token(path, s, s) for s in ("write", "admin")}


@pytest.fixture()
def wclient(write_dir, tokens):
    app = create_app(
        {
            "store": str(write_dir / "store"),
            "query_workers": 0,
            "tokens_file": str(tokens[0]),
            "data_dir": str(ROOT / "data"),
        }
    )
    app.config.update(TESTING=True)
    return app.test_client()


def auth(tokens, scope):
    return {"Authorization": f"Bearer {tokens[1][scope]}"}


def count(client, graph):
    query = f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    body = client.get(
        "/sparql",
        query_string={"query": query},
        headers={"Accept": "application/sparql-results+json"},
    ).json
    return int(body["results"]["bindings"][0]["n"]["value"])


def test_writes_are_disabled_without_tokens(client):
    response = client.post("/update", data={"update": "CLEAR ALL"})
    assert response.status_code == 403
    assert "disabled" in response.json["error"]["message"]
    assert (
        client.put("/store?default", data=NT, content_type="application/n-triples").status_code
        == 403
    )


def test_missing_and_wrong_tokens_get_401_with_a_challenge(wclient):
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic eDp5"}):
        response = wclient.post("/update", data={"update": "CLEAR ALL"}, headers=headers)
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        assert response.json["error"]["code"] == "unauthorized"


def test_update_form_and_direct(wclient, tokens):
    insert = f'INSERT DATA {{ GRAPH <{EXPORT}> {{ <http://e/s> <http://e/p> "1", "2" }} }}'
    assert (
        wclient.post("/update", data={"update": insert}, headers=auth(tokens, "write")).status_code
        == 204
    )
    assert count(wclient, EXPORT) == 2
    delete = f'DELETE DATA {{ GRAPH <{EXPORT}> {{ <http://e/s> <http://e/p> "1" }} }}'
    response = wclient.post(
        "/update",
        data=delete,
        content_type="application/sparql-update",
        headers=auth(tokens, "write"),
    )
    assert response.status_code == 204
    assert count(wclient, EXPORT) == 1


def test_write_scope_cannot_touch_the_regulation(wclient, tokens):
    before = count(wclient, RULES)
    for update in (f"CLEAR GRAPH <{RULES}>", 'INSERT DATA { <http://e/s> <http://e/p> "x" }'):
        response = wclient.post("/update", data={"update": update}, headers=auth(tokens, "write"))
        assert response.status_code == 403
        assert "admin" in response.json["error"]["message"]
    assert count(wclient, RULES) == before
    response = wclient.put(
        f"/store?graph={RULES}",
        data=NT,
        content_type="application/n-triples",
        headers=auth(tokens, "write"),
    )
    assert response.status_code == 403
    response = wclient.post(
        "/update", data={"update": f"CLEAR GRAPH <{RULES}>"}, headers=auth(tokens, "admin")
    )
    assert response.status_code == 204
    assert count(wclient, RULES) == 0


def test_malformed_update_is_400_with_line_and_column(wclient, tokens):
    response = wclient.post(
        "/update", data={"update": "INSERT DATA {\n  <a> <b> }"}, headers=auth(tokens, "admin")
    )
    assert response.status_code == 400
    assert "line 2, column" in response.json["error"]["message"]


@pytest.mark.parametrize(
    "update",
    [
        "LOAD <http://example.org/data.ttl>",
        "LOAD <file:///etc/passwd> INTO GRAPH <http://e/g>",
        "INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
    ],
)
def test_updates_never_fetch_from_outside(wclient, tokens, update):
    response = wclient.post("/update", data={"update": update}, headers=auth(tokens, "admin"))
    assert response.status_code == 403
    assert "not allowed" in response.json["error"]["message"]


def test_graph_store_put_get_post_delete(wclient, tokens):
    headers = auth(tokens, "write")
    url = f"/store?graph={EXPORT}"
    assert wclient.get(url).status_code == 404
    assert (
        wclient.put(url, data=NT, content_type="application/n-triples", headers=headers).status_code
        == 201
    )
    assert (
        wclient.put(url, data=NT, content_type="application/n-triples", headers=headers).status_code
        == 204
    )
    more = '<http://e/s> <http://e/p> "more" .'
    assert (
        wclient.post(url, data=more, content_type="text/turtle", headers=headers).status_code == 204
    )
    got = wclient.get(url, headers={"Accept": "application/n-triples"})
    assert got.status_code == 200
    assert sorted(got.data.decode().strip().splitlines()) == sorted([NT.strip(), more])
    assert wclient.head(url).status_code == 200
    assert wclient.delete(url, headers=headers).status_code == 204
    assert wclient.delete(url, headers=headers).status_code == 404
    assert wclient.get(url).status_code == 404


def test_graph_store_errors(wclient, tokens, write_dir):
    headers = auth(tokens, "write")
    url = f"/store?graph={EXPORT}"
    bad = wclient.put(
        url,
        data="<http://e/s> <http://e/p> .\n",
        content_type="application/n-triples",
        headers=headers,
    )
    assert bad.status_code == 400
    assert "line 1" in bad.json["error"]["message"]
    assert wclient.get(url).status_code == 404  # nothing half-written
    assert (
        wclient.put(url, data="x", content_type="application/pdf", headers=headers).status_code
        == 415
    )
    assert (
        wclient.put("/store", data=NT, content_type="text/turtle", headers=headers).status_code
        == 400
    )
    assert wclient.get(f"/store?graph={RULES}", headers={"Accept": "image/png"}).status_code == 406
    assert wclient.get("/store?graph=relative").status_code == 400
    assert wclient.get(f"/store?graph={RULES}&default").status_code == 400
    big = "#" * (10 * 1024 * 1024 + 10)
    assert (
        wclient.put(url, data=big, content_type="text/turtle", headers=headers).status_code == 413
    )


def test_ingest_stores_the_export_with_provenance(wclient, tokens):
    data = (ROOT / "data/examples/conforming.ttl").read_bytes()
    response = wclient.post(
        "/ingest?graph=city", data=data, content_type="text/turtle", headers=auth(tokens, "write")
    )
    assert response.status_code == 201, response.json
    receipt = response.json
    assert receipt["graph"] == EXPORT and receipt["conforms"] is True
    assert count(wclient, EXPORT) == receipt["triples"] > 0
    query = f"""PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX sh: <http://www.w3.org/ns/shacl#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?who ?sha ?ok {{ GRAPH <{BASE}graph/provenance> {{
      <{EXPORT}> prov:wasGeneratedBy ?a . ?a prov:wasAssociatedWith/rdfs:label ?who ;
      prov:used ?sha ; prov:generated/sh:conforms ?ok }} }}"""
    rows = wclient.get(
        "/sparql",
        query_string={"query": query},
        headers={"Accept": "application/sparql-results+json"},
    ).json["results"]["bindings"]
    assert [(r["who"]["value"], r["sha"]["value"], r["ok"]["value"]) for r in rows] == [
        ("write", "urn:sha256:" + receipt["sha256"], "true")
    ]


def test_ingest_refuses_a_violating_export_unless_forced(wclient, tokens):
    data = (ROOT / "data/examples/violating.ttl").read_bytes()
    url = "/ingest?graph=bad"
    refused = wclient.post(
        url, data=data, content_type="text/turtle", headers=auth(tokens, "write")
    )
    assert refused.status_code == 422
    assert "findings" in refused.json["error"]["message"]
    assert count(wclient, BASE + "graph/exports/bad") == 0
    forced = wclient.post(
        url + "&force=true", data=data, content_type="text/turtle", headers=auth(tokens, "write")
    )
    assert forced.status_code == 201
    assert forced.json["conforms"] is False and forced.json["findings"] > 0
    assert count(wclient, BASE + "graph/exports/bad") == forced.json["triples"]


def test_ingest_errors(wclient, tokens):
    headers = auth(tokens, "write")
    assert (
        wclient.post(
            "/ingest?graph=a/b", data=NT, content_type="text/turtle", headers=headers
        ).status_code
        == 400
    )
    bad = wclient.post(
        "/ingest?graph=x", data="<a> <b>", content_type="text/turtle", headers=headers
    )
    assert bad.status_code == 400 and bad.json["error"]["details"]["line"] == 1
    assert (
        wclient.post(
            "/ingest?graph=x", data=NT, content_type="text/csv", headers=headers
        ).status_code
        == 415
    )


def test_rdfxml_with_an_external_entity_is_refused_and_reads_nothing(wclient, tokens):
    graph = "https://w3id.org/govrules/graph/exports/xxe"
    body = b"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex.org/">
<rdf:Description rdf:about="http://ex.org/a"><ex:p>&xxe;</ex:p></rdf:Description></rdf:RDF>"""
    response = wclient.put(
        f"/store?graph={graph}",
        data=body,
        content_type="application/rdf+xml",
        headers=auth(tokens, "write"),
    )
    assert response.status_code == 400
    assert count(wclient, graph) == 0


EXPORTS = ROOT / "tests" / "fixtures" / "exports"


@pytest.mark.parametrize("name", ["empty.ttl", "no-records.ttl"])
def test_issue_16_ingest_refuses_an_empty_export_with_422(wclient, tokens, name):
    data = (EXPORTS / name).read_bytes()
    headers = auth(tokens, "write")
    refused = wclient.post(
        "/ingest?graph=e", data=data, content_type="text/turtle", headers=headers
    )
    assert refused.status_code == 422 and refused.json["error"]["code"] == "empty-export"
    assert count(wclient, BASE + "graph/exports/e") == 0
    # Forcing stores findings, not nothing: an empty export needs allow-empty.
    forced = wclient.post(
        "/ingest?graph=e&force=true", data=data, content_type="text/turtle", headers=headers
    )
    assert forced.status_code == 422
    allowed = wclient.post(
        "/ingest?graph=e&allow-empty=true", data=data, content_type="text/turtle", headers=headers
    )
    assert allowed.status_code == 201 and allowed.json["conforms"] is True


def test_issue_16_ingest_gives_the_verdict_and_findings_of_validate(wclient, tokens):
    """An Info alone is stored (as /validate says it conforms); the mixed export's findings are
    the same in number as /validate's."""
    headers = auth(tokens, "write")
    info = (EXPORTS / "info-only.ttl").read_bytes()
    stored = wclient.post("/ingest?graph=i", data=info, content_type="text/turtle", headers=headers)
    assert stored.status_code == 201 and stored.json["conforms"] is True
    assert stored.json["findings"] == 1
    strict = wclient.post(
        "/ingest?graph=j&allow-info=false", data=info, content_type="text/turtle", headers=headers
    )
    assert strict.status_code == 422
    mixed = (ROOT / "data/examples/violating.ttl").read_bytes()
    validated = wclient.post("/validate", data=mixed, content_type="text/turtle").json
    forced = wclient.post(
        "/ingest?graph=m&force=true", data=mixed, content_type="text/turtle", headers=headers
    )
    assert forced.json["findings"] == sum(validated["counts"].values()) == 21
