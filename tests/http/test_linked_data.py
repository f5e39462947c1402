"""Linked data: every minted IRI dereferences, by Accept, suffix or format parameter."""

import json

import pytest
from rdflib import Graph, URIRef

from govrules.web.app import create_app

BASE = "https://w3id.org/govrules/"
DOC = "/eli/cn/330382/work-rules/2020"
HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
RDF_CASES = [
    ("text/turtle", None, "text/turtle", "turtle"),
    ("application/ld+json", None, "application/ld+json", "json-ld"),
    ("application/n-triples", None, "application/n-triples", "nt"),
    ("application/rdf+xml", None, "application/rdf+xml", "xml"),
    (None, None, "text/turtle", "turtle"),
    ("*/*", None, "text/turtle", "turtle"),
    (HTML, "ttl", "text/turtle", "turtle"),
    (HTML, "jsonld", "application/ld+json", "json-ld"),
    (HTML, "nt", "application/n-triples", "nt"),
    (HTML, "rdf", "application/rdf+xml", "xml"),
]
PATHS = [
    DOC,
    f"{DOC}/chp_2",
    f"{DOC}/art_7",
    f"{DOC}/art_7/para_1",
    f"{DOC}/norm/art_25-7",
    "/id/cn/330382/body/justice-bureau",
    "/id/cn/330382/post/mayor",
    "/id/cn/330382/group/departments",
    "/concept/meeting-type/executive-meeting",
]


def parse(response, fmt) -> Graph:
    return Graph().parse(data=response.data, format=fmt)


@pytest.mark.parametrize(("accept", "fmt", "media", "parser"), RDF_CASES)
def test_article_in_every_rdf_format(client, accept, fmt, media, parser):
    headers = {"Accept": accept} if accept else {}
    response = client.get(
        f"{DOC}/art_7", headers=headers, query_string={"format": fmt} if fmt else {}
    )
    assert response.status_code == 200
    assert response.mimetype == media
    assert "Accept" in response.headers["Vary"]
    g = parse(response, parser)
    label = {
        str(o)
        for o in g.objects(
            URIRef(BASE + DOC[1:] + "/art_7"), URIRef("http://www.w3.org/2000/01/rdf-schema#label")
        )
    }
    assert "《乐清市人民政府工作规则》第七条" in label


@pytest.mark.parametrize(
    ("suffix", "media"),
    [
        (".ttl", "text/turtle"),
        (".jsonld", "application/ld+json"),
        (".nt", "application/n-triples"),
        (".rdf", "application/rdf+xml"),
    ],
)
def test_suffix_selects_the_format(client, suffix, media):
    response = client.get(f"{DOC}/norm/art_25-7{suffix}")
    assert response.status_code == 200
    assert response.mimetype == media


@pytest.mark.parametrize("path", PATHS)
def test_every_kind_of_iri_dereferences_to_html_and_turtle(client, path):
    html = client.get(path, headers={"Accept": HTML})
    assert html.status_code == 200 and html.mimetype == "text/html"
    turtle = client.get(path, headers={"Accept": "text/turtle"})
    g = parse(turtle, "turtle")
    assert (URIRef(BASE + path[1:]), None, None) in g


def test_paragraph_description_links_to_its_norms(client):
    g = parse(client.get(f"{DOC}/art_25/para_1.ttl"), "turtle")
    norms = set(
        g.subjects(
            URIRef(BASE + "ontology#hasLegalSource"), URIRef(BASE + DOC[1:] + "/art_25/para_1")
        )
    )
    assert URIRef(BASE + DOC[1:] + "/norm/art_25-7") in norms


def test_norm_description_includes_its_deadline(client):
    text = client.get(f"{DOC}/norm/art_25-7.nt").data.decode()
    assert '"P15D"^^<http://www.w3.org/2001/XMLSchema#dayTimeDuration>' in text


@pytest.mark.parametrize("path", ["/ontology", "/shapes"])
def test_ontology_and_shapes_are_served_whole(client, oxigraph_store, path):
    g = parse(client.get(path + ".ttl"), "turtle")
    assert len(g) == oxigraph_store.count(BASE + "graph" + path)
    html = client.get(path, headers={"Accept": HTML}).data.decode()
    assert "id=" in html


def test_ontology_page_documents_terms_with_anchors(client):
    html = client.get("/ontology", headers={"Accept": HTML}).data.decode()
    assert 'id="Norm"' in html and 'id="hasLegalSource"' in html
    assert "规范" in html and "has legal source" in html


def test_document_page_reads_as_the_regulation(client):
    html = client.get(DOC, headers={"Accept": HTML}).data.decode()
    assert 'id="art_7"' in html and 'id="art_25/para_1"' in html
    assert f'href="{DOC}/norm/art_25-7"' in html
    assert "必须经市政府全体会议或市政府常务会议讨论决定" in html
    assert html.count('class="article"') == 34


def test_norm_page_says_who_must_do_what_by_when(client):
    html = client.get(f"{DOC}/norm/art_25-7", headers={"Accept": HTML}).data.decode()
    for text in (
        "市政府各部门",
        "备案",
        "市政府",
        "15日",
        "15 days",
        f'href="{DOC}/art_25/para_1"',
        "<mark>",
    ):
        assert text in html


def test_body_page_lists_what_binds_it_and_whom_it_reports_to(client):
    html = client.get("/id/cn/330382/body/justice-bureau", headers={"Accept": HTML}).data.decode()
    assert f'href="{DOC}/norm/art_25-7"' in html
    assert "Must report to" in html and 'href="/id/cn/330382/body/city-government"' in html


@pytest.mark.parametrize(
    "path",
    [
        "/eli/cn/330382/work-rules/1999",
        "/id/cn/330382/post/nobody",
        "/concept/x/y",
        "/ontology/extra",
        "/eli/x",
    ],
)
def test_unknown_iris_are_404_not_500(client, path):
    html = client.get(path, headers={"Accept": HTML})
    assert html.status_code == 404 and html.mimetype == "text/html"
    envelope = client.get(path, headers={"Accept": "application/json"})
    assert envelope.status_code == 404
    assert json.loads(envelope.data)["error"]["status"] == 404


def test_unacceptable_type_is_406(client):
    response = client.get(f"{DOC}/art_7", headers={"Accept": "image/png"})
    assert response.status_code == 406


def test_etag_and_conditional_get(client):
    first = client.get(f"{DOC}/art_7", headers={"Accept": "text/turtle"})
    assert first.headers["ETag"] and "max-age" in first.headers["Cache-Control"]
    again = client.get(
        f"{DOC}/art_7", headers={"Accept": "text/turtle", "If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304
    other = client.get(f"{DOC}/art_7", headers={"Accept": "application/ld+json"})
    assert other.headers["ETag"] != first.headers["ETag"]


def test_configured_base_is_served_on_the_local_path(built):
    from govrules.knowledge.build import rebase
    from govrules.knowledge.quads import sorted_nquads
    from govrules.store.oxigraph import OxigraphStore

    base = "http://example.org/rules/"
    graphs = {base + n[len(BASE) :]: rebase(g, base) for n, g in built.graphs.items()}
    store = OxigraphStore()
    store.load(sorted_nquads(graphs), format="nquads", to_graph=None)
    client = create_app({"store": "memory", "base_iri": base}, store=store).test_client()
    g = parse(client.get(f"{DOC}/art_7.ttl"), "turtle")
    assert (URIRef(base + DOC[1:] + "/art_7"), None, None) in g
    html = client.get(f"{DOC}/art_7", headers={"Accept": HTML}).data.decode()
    assert f'href="{DOC}/art_7/para_1"' in html


def test_home_page_links_everywhere(client):
    html = client.get("/", headers={"Accept": HTML}).data.decode()
    for href in (
        DOC,
        "/queries",
        "/sparql",
        "/dumps/",
        "/.well-known/void",
        "/id/cn/330382/post/mayor",
    ):
        assert f'href="{href}"' in html
