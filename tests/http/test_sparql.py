"""/sparql through the Flask client: one test per protocol case and per error."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from rdflib import Graph, URIRef

DOC = "https://w3id.org/govrules/eli/cn/330382/work-rules/2020"
COUNT_ARTICLES = f"""PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX gwr: <https://w3id.org/govrules/ontology#>
SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a a gwr:Article ; eli:is_part_of+ <{DOC}> }}"""
RULES_GRAPH = "https://w3id.org/govrules/graph/rules/330382-work-rules-2020"
ORG_GRAPH = "https://w3id.org/govrules/graph/org/330382"
SRJ = "application/sparql-results+json"


def count(response) -> int:
    return int(response.get_json()["results"]["bindings"][0]["n"]["value"])


def test_get_json(client):
    response = client.get(
        "/sparql", query_string={"query": COUNT_ARTICLES}, headers={"Accept": SRJ}
    )
    assert response.status_code == 200
    assert response.mimetype == SRJ
    assert count(response) == 34
    assert "Accept" in response.headers["Vary"]


def test_form_post(client):
    response = client.post("/sparql", data={"query": COUNT_ARTICLES}, headers={"Accept": SRJ})
    assert count(response) == 34


def test_direct_post(client):
    response = client.post(
        "/sparql",
        data=COUNT_ARTICLES.encode(),
        content_type="application/sparql-query",
        headers={"Accept": SRJ},
    )
    assert count(response) == 34


def test_xml_results(client):
    response = client.get(
        "/sparql",
        query_string={"query": COUNT_ARTICLES},
        headers={"Accept": "application/sparql-results+xml"},
    )
    assert response.mimetype == "application/sparql-results+xml"
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    literal = ET.fromstring(response.data).find(".//r:binding[@name='n']/r:literal", ns)
    assert literal.text == "34"


def test_csv_results(client):
    response = client.get("/sparql", query_string={"query": COUNT_ARTICLES, "format": "csv"})
    assert response.mimetype == "text/csv"
    assert list(csv.reader(io.StringIO(response.get_data(as_text=True)))) == [["n"], ["34"]]


def test_tsv_results(client):
    response = client.get(
        "/sparql",
        query_string={"query": COUNT_ARTICLES},
        headers={"Accept": "text/tab-separated-values"},
    )
    assert response.get_data(as_text=True).splitlines()[0] == "?n"


def test_ask(client):
    query = f"ASK {{ <{DOC}/art_34> ?p ?o }}"
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": SRJ})
    assert response.get_json()["boolean"] is True


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_formats(client, accept, rdflib_format):
    query = f"CONSTRUCT {{ <{DOC}/art_7> ?p ?o }} WHERE {{ <{DOC}/art_7> ?p ?o }}"
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200
    graph = Graph().parse(data=response.data, format=rdflib_format)
    texts = [str(o) for o in graph.objects() if "重大事项" in str(o)]
    assert texts, "article 7's text must be in the CONSTRUCT result"


def test_default_graph_uri_restricts_dataset(client):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/govrules/ontology#Post> }"
    in_org = client.get(
        "/sparql",
        query_string={"query": query, "default-graph-uri": ORG_GRAPH},
        headers={"Accept": SRJ},
    )
    in_rules = client.get(
        "/sparql",
        headers={"Accept": SRJ},
        query_string={"query": query, "default-graph-uri": RULES_GRAPH},
    )
    assert count(in_org) > 0
    assert count(in_rules) == 0


def test_named_graph_uri_limits_graph_clause(client):
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = client.get(
        "/sparql",
        headers={"Accept": SRJ},
        query_string={"query": query, "named-graph-uri": RULES_GRAPH},
    )
    graphs = [b["g"]["value"] for b in response.get_json()["results"]["bindings"]]
    assert graphs == [RULES_GRAPH]


def test_no_query_shows_query_page_to_browsers(client):
    response = client.get("/sparql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "<form" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("request_kwargs", "status", "needle"),
    [
        ({"query_string": {"query": "SELEKT * WHERE {}"}}, 400, "line 1, column 1"),
        ({"query_string": [("query", "ASK {}"), ("query", "ASK {}")]}, 400, "'query'"),
        ({"method": "POST", "data": b"ASK {}", "content_type": "text/plain"}, 415, "text/plain"),
        (
            {"method": "POST", "data": b"ASK {\xff}", "content_type": "application/sparql-query"},
            400,
            "UTF-8",
        ),
        ({"method": "PUT", "data": b"ASK {}"}, 405, ""),
        (
            {"query_string": {"query": "ASK {}"}, "headers": {"Accept": "image/png"}},
            406,
            "available as",
        ),
        ({"query_string": {"query": "ASK {}", "format": "png"}}, 406, "png"),
    ],
)
def test_errors_are_clear_4xx(client, request_kwargs, status, needle):
    method = request_kwargs.pop("method", "GET")
    response = client.open("/sparql", method=method, **request_kwargs)
    assert response.status_code == status
    body = json.loads(response.data)
    assert body["error"]["status"] == status
    assert needle in body["error"]["message"]


def test_cors_header_on_reads(client):
    response = client.get("/sparql", query_string={"query": "ASK {}"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        (None, "turtle"),
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_no_query_gives_the_service_description(client, accept, fmt):
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", headers=headers)
    assert response.status_code == 200
    graph = Graph().parse(data=response.data, format=fmt)
    sd = "http://www.w3.org/ns/sparql-service-description#"
    endpoint = URIRef("http://localhost/sparql")
    assert (endpoint, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Query")) in graph
    names = set(graph.objects(None, URIRef(sd + "name")))
    assert URIRef(RULES_GRAPH) in names and URIRef(ORG_GRAPH) in names


def test_too_long_url_is_414(oxigraph_store):
    from govrules.web.app import create_app

    app = create_app({"store": "memory", "max_url_bytes": 100}, store=oxigraph_store)
    response = app.test_client().get("/sparql", query_string={"query": "ASK {}" + " " * 200})
    assert response.status_code == 414
    assert "POST" in response.get_json()["error"]["message"]


def test_service_is_forbidden(client):
    query = "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    response = client.get("/sparql", query_string={"query": query})
    assert response.status_code == 403
    assert "SERVICE <http://example.org/sparql>" in response.get_json()["error"]["message"]


def test_cut_result_is_marked_in_header_and_body(oxigraph_store):
    from govrules.web.app import create_app

    app = create_app({"store": "memory", "result_limit": 5}, store=oxigraph_store)
    response = app.test_client().get(
        "/sparql", query_string={"query": "SELECT ?s WHERE { ?s ?p ?o }"}, headers={"Accept": SRJ}
    )
    assert response.headers["Govrules-Result-Truncated"] == "limit=5"
    body = response.get_json()
    assert len(body["results"]["bindings"]) == 5
    assert body["head"]["link"] == ["https://w3id.org/govrules/sparql#result-limit-5"]


def test_uncut_result_has_no_marker(client):
    response = client.get(
        "/sparql", query_string={"query": COUNT_ARTICLES}, headers={"Accept": SRJ}
    )
    assert "Govrules-Result-Truncated" not in response.headers
    assert "link" not in response.get_json()["head"]
