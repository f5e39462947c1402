"""Dumps, the build id, ETags and VoID."""

import gzip
import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import VOID

from govrules.knowledge.dumps import build_id
from govrules.web.app import create_app

HTML = "text/html,*/*;q=0.8"
DUMPS = ["govrules.jsonld", "govrules.nq", "govrules.trig", "govrules.ttl"]


@pytest.fixture()
def dump_client(built_dir, oxigraph_store):
    app = create_app({"store": "memory", "build_dir": str(built_dir)}, store=oxigraph_store)
    return app.test_client()


def test_build_writes_every_dump_and_its_gzip(built_dir):
    names = sorted(p.name for p in (built_dir / "dumps").iterdir())
    assert names == sorted(DUMPS + [n + ".gz" for n in DUMPS])
    nq = (built_dir / "dumps" / "govrules.nq").read_bytes()
    assert gzip.decompress((built_dir / "dumps" / "govrules.nq.gz").read_bytes()) == nq
    assert (built_dir / "build-id").read_text().strip() == build_id(None, built_dir)


def test_listing_as_json_and_html(dump_client):
    listing = json.loads(dump_client.get("/dumps/").data)["dumps"]
    assert {d["name"] for d in listing} >= {"govrules.nq.gz", "govrules.ttl"}
    html = dump_client.get("/dumps/", headers={"Accept": HTML}).data.decode()
    assert 'href="/dumps/govrules.trig.gz"' in html


@pytest.mark.parametrize(
    ("name", "media", "fmt"),
    [
        ("govrules.nq", "application/n-quads", "nquads"),
        ("govrules.trig", "application/trig", "trig"),
        ("govrules.jsonld", "application/ld+json", "json-ld"),
        ("govrules.ttl", "text/turtle", "turtle"),
    ],
)
def test_each_dump_parses(dump_client, oxigraph_store, name, media, fmt):
    from rdflib import Dataset

    response = dump_client.get(f"/dumps/{name}")
    assert response.mimetype == media
    data = Dataset().parse(data=response.data, format=fmt)
    quads = sum(1 for _ in data.quads((None, None, None, None)))
    assert quads > 4000
    if fmt == "nquads":
        assert quads == oxigraph_store.count()


def test_dump_etag_and_304(dump_client):
    first = dump_client.get("/dumps/govrules.nq.gz")
    assert first.status_code == 200 and first.mimetype == "application/gzip"
    again = dump_client.get(
        "/dumps/govrules.nq.gz", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304


def test_unknown_dump_is_404(dump_client):
    assert dump_client.get("/dumps/secret.txt").status_code == 404
    assert dump_client.get("/dumps/missing.nq").status_code == 404


def test_memory_store_build_id_is_the_hash_of_its_dump(client):
    etag = client.get("/").headers["ETag"]
    assert len(etag.strip('"').split("-")[0]) == 20


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_void_statistics_by_accept(dump_client, oxigraph_store, accept, fmt):
    response = dump_client.get("/.well-known/void", headers={"Accept": accept})
    assert response.status_code == 200 and "Accept" in response.headers["Vary"]
    g = Graph().parse(data=response.data, format=fmt)
    total = next(g.objects(None, VOID.triples))
    assert int(total) == oxigraph_store.count() or any(
        int(t) == oxigraph_store.count() for t in g.objects(None, VOID.triples)
    )
    rules = "https://w3id.org/govrules/graph/rules/330382-work-rules-2020"
    subset = next(
        g.subjects(URIRef("http://www.w3.org/ns/sparql-service-description#name"), URIRef(rules))
    )
    assert (subset, VOID.triples, Literal(oxigraph_store.count(rules))) in g
    assert int(next(g.objects(subset, VOID.classes))) >= 4
    assert any(str(o).endswith("/dumps/govrules.nq.gz") for o in g.objects(None, VOID.dataDump))
    assert any(str(o).endswith("/sparql") for o in g.objects(None, VOID.sparqlEndpoint))


def test_void_as_html(dump_client):
    html = dump_client.get("/.well-known/void", headers={"Accept": HTML}).data.decode()
    assert "graph/norms/330382-work-rules-2020" in html
