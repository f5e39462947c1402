"""Regression tests of issue 10 over HTTP: one per finding, on the Flask app.

Writes run on a copy of the build on disk (the served backend), on the in-memory store and,
for the refused-before-work check, on a remote store whose endpoint counts every request.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from govrules.store.oxigraph import OxigraphStore
from govrules.store.remote import RemoteStore
from govrules.store.remote_writes import RemoteWriter
from govrules.web.app import create_app
from govrules.writes import operations as writes
from govrules.writes.tokens import Caller, add_token

from ..listener import listening

BASE = "https://w3id.org/govrules/"
EXPORT = BASE + "graph/exports/city"
RULES = BASE + "graph/rules/330382-work-rules-2020"
NT = '<http://e/s> <http://e/p> "o" .\n'
ROOT = Path(__file__).resolve().parents[2]
SRJ = {"Accept": "application/sparql-results+json"}


@pytest.fixture()
def tokens(tmp_path):
    path = tmp_path / "tokens.toml"
    return path, {s: add_token(path, s, s) for s in ("write", "admin")}


def make_client(tokens, **settings):
    config = {"tokens_file": str(tokens[0]), "data_dir": str(ROOT / "data"), "query_workers": 0}
    store = settings.pop("store_object", None)
    app = create_app(config | settings, store=store)
    app.config.update(TESTING=True)
    return app.test_client()


@pytest.fixture()
def disk(write_dir, tokens):
    return make_client(tokens, store=str(write_dir / "store"))


@pytest.fixture()
def memory(tokens, nquads):
    store = OxigraphStore()
    store.load(nquads, format="nquads", to_graph=None)
    return make_client(tokens, store="memory", store_object=store)


def auth(tokens, scope):
    return {"Authorization": f"Bearer {tokens[1][scope]}"}


def total(client) -> int:
    body = client.get(
        "/sparql", query_string={"query": "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"}
    ).json
    return int(body["results"]["bindings"][0]["n"]["value"])


def deep_jsonld(depth: int) -> bytes:
    return b'{"@id": "urn:a", "urn:p": ' + b"[" * depth + b"1" + b"]" * depth + b"}"


def test_issue_10_deep_jsonld_put_store_is_400_and_stores_nothing(disk, tokens):
    before = total(disk)
    response = disk.put(
        f"/store?graph={EXPORT}",
        data=deep_jsonld(10_000),
        content_type="application/ld+json",
        headers=auth(tokens, "admin"),
    )
    assert response.status_code == 400
    assert "nests more than 100 levels" in response.json["error"]["message"]
    assert total(disk) == before


@pytest.mark.parametrize("depth", [600, 2000])
def test_issue_10_deep_jsonld_validate_is_400_not_500(memory, depth):
    response = memory.post("/validate", data=deep_jsonld(depth), content_type="application/ld+json")
    assert response.status_code == 400
    assert "nests more than 100 levels" in response.json["error"]["message"]


BAD = [" ", "\t", "\n", "\x00", "<", ">", '"', "{", "}", "|", "^", "`"]


@pytest.mark.parametrize("method", ["GET", "HEAD", "PUT", "POST", "DELETE"])
def test_issue_10_bad_graph_iri_is_400_on_every_method(disk, tokens, method):
    for char in BAD:
        response = disk.open(
            "/store",
            method=method,
            query_string={"graph": f"urn:x:a{char}b"},
            data=NT,
            content_type="application/n-triples",
            headers=auth(tokens, "admin"),
        )
        assert response.status_code == 400, (char, response.status_code)
        if method != "HEAD":
            assert "RFC 3987" in response.json["error"]["message"]


@pytest.mark.parametrize("client_name", ["disk", "memory"])
def test_issue_10_drop_clear_create_follow_the_update_spec(request, tokens, client_name):
    client = request.getfixturevalue(client_name)

    def update(text):
        return client.post("/update", data={"update": text}, headers=auth(tokens, "admin"))

    for text in ("DROP GRAPH <urn:none>", "CLEAR GRAPH <urn:none>"):
        response = update(text)
        assert response.status_code == 404 and "does not exist" in response.json["error"]["message"]
    for text in ("DROP SILENT GRAPH <urn:none>", "CLEAR SILENT GRAPH <urn:none>"):
        assert update(text).status_code == 204
    assert update("CREATE GRAPH <urn:new>").status_code == 204
    response = update("CREATE GRAPH <urn:new>")
    assert response.status_code == 409 and "already exists" in response.json["error"]["message"]
    assert update("CREATE SILENT GRAPH <urn:new>").status_code == 204
    assert update("DROP GRAPH <urn:new>").status_code == 204


def chunked(client, path, data: bytes, **kwargs):
    # No Content-Length: the body comes as the server's chunked stream would hand it over.
    return client.open(
        path,
        input_stream=io.BytesIO(data),
        environ_overrides={"wsgi.input_terminated": True},
        **kwargs,
    )


def test_issue_10_chunked_upload_over_the_limit_is_413_and_stores_nothing(write_dir, tokens):
    client = make_client(tokens, store=str(write_dir / "store"), max_body_bytes=4096)
    body = "".join(f'<http://e/s{i}> <http://e/p> "{i}" .\n' for i in range(200)).encode()
    assert len(body) > 4096
    for path in (f"/store?graph={EXPORT}",):
        response = chunked(
            client,
            path,
            body,
            method="PUT",
            content_type="application/n-triples",
            headers=auth(tokens, "admin"),
        )
        assert response.status_code == 413, response.data
    assert client.get(f"/store?graph={EXPORT}").status_code == 404  # nothing of it stored
    small = body[:4000].rsplit(b"\n", 1)[0] + b"\n"
    response = chunked(
        client,
        f"/store?graph={EXPORT}",
        small,
        method="PUT",
        content_type="application/n-triples",
        headers=auth(tokens, "admin"),
    )
    assert response.status_code == 201
    stored = client.get(f"/store?graph={EXPORT}", headers={"Accept": "application/n-triples"})
    assert stored.data.count(b"\n") == small.count(b"\n")
    response = chunked(client, "/validate", body * 2, method="POST", content_type="text/turtle")
    assert response.status_code == 413


def test_issue_10_billion_laughs_is_400_and_stores_nothing(disk, tokens):
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE rdf:RDF [<!ENTITY a "haha">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
        + ']><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="urn:e#">'
        '<rdf:Description rdf:about="urn:x"><e:p>&i;</e:p></rdf:Description></rdf:RDF>'
    )
    response = disk.put(
        f"/store?graph={EXPORT}",
        data=laughs,
        content_type="application/rdf+xml",
        headers=auth(tokens, "admin"),
    )
    assert response.status_code == 400 and "DOCTYPE" in response.json["error"]["message"]
    assert disk.get(f"/store?graph={EXPORT}").status_code == 404


REFUSED = [
    "DROP ALL",
    "CLEAR DEFAULT",
    f"DROP GRAPH <{RULES}>",
    'INSERT DATA { <http://e/s> <http://e/p> "x" }',
    f"DELETE WHERE {{ GRAPH <{RULES}> {{ ?s ?p ?o }} }}",
    f"WITH <{RULES}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}",
    "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } }",
    f"INSERT DATA {{ GRAPH <{EXPORT}> {{ <http://e/s> <http://e/p> 1 }} }} ; DROP ALL",
    f"MOVE <{RULES}> TO <{EXPORT}>",
    f"PREFIX r: <{BASE}graph/rules/> DROP GRAPH r:330382-work-rules-2020",
]


@pytest.mark.parametrize("client_name", ["disk", "memory"])
def test_issue_10_scope_is_checked_before_work(request, tokens, client_name):
    client = request.getfixturevalue(client_name)
    before = total(client)
    for update in REFUSED:
        response = client.post("/update", data={"update": update}, headers=auth(tokens, "write"))
        assert response.status_code == 403, update
        assert "admin" in response.json["error"]["message"]
        assert total(client) == before, f"{update!r} changed the store before it was refused"
    allowed = f"INSERT DATA {{ GRAPH <{EXPORT}> {{ <http://e/s> <http://e/p> 1 }} }}"
    response = client.post("/update", data={"update": allowed}, headers=auth(tokens, "write"))
    assert response.status_code == 204 and total(client) == before + 1


def test_issue_10_scope_before_work_on_disk_makes_no_version(write_dir, disk, tokens):
    versions = write_dir / "store-versions"
    before = sorted(p.name for p in versions.iterdir()) if versions.exists() else []
    response = disk.post("/update", data={"update": "DROP ALL"}, headers=auth(tokens, "write"))
    assert response.status_code == 403
    after = sorted(p.name for p in versions.iterdir()) if versions.exists() else []
    assert after == before


def test_issue_10_scope_before_work_on_a_remote_store_sends_nothing():
    with listening() as listener:
        store = RemoteStore(listener.url, update_url=listener.url)
        writer, caller = RemoteWriter(store), Caller("w", "write")
        for update in REFUSED:
            with pytest.raises(writes.Forbidden):
                writes.run_update(writer, update, caller, base=BASE)
        with pytest.raises(writes.Forbidden):
            writes.put_graph(writer, RULES, NT.encode(), "ntriples", caller, base=BASE)
        with pytest.raises(writes.Forbidden):
            writes.delete_graph(writer, RULES, caller, base=BASE)
        assert listener.hits == 0


def test_issue_10_etag_changes_after_a_write(disk, tokens):
    page = "/eli/cn/330382/work-rules/2020"
    first = disk.get(page, headers={"Accept": "text/turtle"})
    etag = first.headers["ETag"]
    assert (
        disk.get(page, headers={"If-None-Match": etag, "Accept": "text/turtle"}).status_code == 304
    )
    response = disk.put(
        f"/store?graph={EXPORT}",
        data=NT,
        content_type="application/n-triples",
        headers=auth(tokens, "admin"),
    )
    assert response.status_code == 201
    again = disk.get(page, headers={"If-None-Match": etag, "Accept": "text/turtle"})
    assert again.status_code == 200 and again.headers["ETag"] != etag


def test_issue_10_etag_changes_after_a_write_in_memory(memory, tokens):
    page = "/eli/cn/330382/work-rules/2020"
    etag = memory.get(page, headers={"Accept": "text/turtle"}).headers["ETag"]
    update = f"INSERT DATA {{ GRAPH <{EXPORT}> {{ <http://e/s> <http://e/p> 1 }} }}"
    memory.post("/update", data={"update": update}, headers=auth(tokens, "admin"))
    again = memory.get(page, headers={"If-None-Match": etag, "Accept": "text/turtle"})
    assert again.status_code == 200 and again.headers["ETag"] != etag


def test_issue_10_service_description_names_the_update_endpoint(client):
    from rdflib import Graph, URIRef
    from rdflib.namespace import RDF

    from govrules.namespaces import SD

    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=response.data, format="turtle")
    update = URIRef("http://localhost/update")
    assert (update, RDF.type, SD.Service) in graph
    assert (update, SD.supportedLanguage, SD.SPARQL11Update) in graph
    assert (URIRef("http://localhost/sparql"), SD.supportedLanguage, SD.SPARQL11Query) in graph


def test_issue_10_sparql_page_varies_on_accept(client):
    response = client.get("/sparql", headers={"Accept": "text/html"})
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert "Accept" in response.headers["Vary"]


def test_issue_10_readme_names_the_update_endpoint():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "no update endpoint" not in readme
    assert "`POST /update`" in readme


def test_issue_10_gunicorn_request_line_follows_max_url_bytes():
    from govrules.cli.serve import request_line_limit

    assert request_line_limit(8190) == 0  # beyond what gunicorn can be set to: the app decides
    assert request_line_limit(4000) == 4032
