"""The SPARQL 1.1 Protocol test cases (W3C protocol test suite descriptions), case by case.

Each test is named after the W3C test it follows; the data is ours, so the expected
answers are about the regulation.
"""

import pytest
from rdflib import Graph

RULES = "https://w3id.org/govrules/graph/rules/330382-work-rules-2020"
ORG = "https://w3id.org/govrules/graph/org/330382"
SRJ = "application/sparql-results+json"
SRX = "application/sparql-results+xml"
ASK_ARTICLE = 'ASK { ?a <http://data.europa.eu/eli/ontology#number> "34" }'


def test_query_get(client):
    response = client.get("/sparql", query_string={"query": ASK_ARTICLE}, headers={"Accept": SRJ})
    assert response.status_code == 200 and response.get_json()["boolean"] is True


def test_query_post_form(client):
    response = client.post("/sparql", data={"query": ASK_ARTICLE}, headers={"Accept": SRX})
    assert response.status_code == 200 and b"<boolean>true</boolean>" in response.data


def test_query_post_direct(client):
    response = client.post(
        "/sparql",
        data=ASK_ARTICLE,
        content_type="application/sparql-query",
        headers={"Accept": SRJ},
    )
    assert response.get_json()["boolean"] is True


def test_query_dataset_default_graphs_get(client):
    query = "ASK { ?s a <https://w3id.org/govrules/ontology#Post> }"
    both = client.get(
        "/sparql",
        headers={"Accept": SRJ},
        query_string=[("query", query), ("default-graph-uri", RULES), ("default-graph-uri", ORG)],
    )
    assert both.get_json()["boolean"] is True


def test_query_dataset_default_graphs_post(client):
    query = "ASK { ?s a <https://w3id.org/govrules/ontology#Post> }"
    response = client.post(
        f"/sparql?default-graph-uri={RULES}",
        data=query,
        content_type="application/sparql-query",
        headers={"Accept": SRJ},
    )
    assert response.get_json()["boolean"] is False


def test_query_dataset_named_graphs_post(client):
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = client.post(
        "/sparql", headers={"Accept": SRJ}, data={"query": query, "named-graph-uri": [RULES, ORG]}
    )
    graphs = {b["g"]["value"] for b in response.get_json()["results"]["bindings"]}
    assert graphs == {RULES, ORG}


def test_query_dataset_full(client):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/govrules/ontology#Article> }"
    response = client.get(
        "/sparql",
        headers={"Accept": SRJ},
        query_string=[("query", query), ("default-graph-uri", ORG), ("named-graph-uri", RULES)],
    )
    assert response.get_json()["results"]["bindings"][0]["n"]["value"] == "0"


def test_query_multiple_dataset(client):
    query = "ASK { GRAPH ?g { ?s a <https://w3id.org/govrules/ontology#Article> } }"
    response = client.get(
        "/sparql",
        headers={"Accept": SRJ},
        query_string=[("query", query), ("named-graph-uri", ORG)],
    )
    assert response.get_json()["boolean"] is False


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        (SRJ, SRJ),
        (SRX, SRX),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
    ],
)
def test_query_content_type_select(client, accept, media):
    query = "SELECT ?n WHERE { ?a <http://data.europa.eu/eli/ontology#number> ?n } LIMIT 1"
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
    assert response.mimetype == media


@pytest.mark.parametrize("accept", [SRJ, SRX])
def test_query_content_type_ask(client, accept):
    response = client.get(
        "/sparql", query_string={"query": ASK_ARTICLE}, headers={"Accept": accept}
    )
    assert response.mimetype == accept


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", "turtle"),
        ("application/rdf+xml", "xml"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/trig", "trig"),
        ("application/n-quads", "nquads"),
    ],
)
def test_query_content_type_describe(client, accept, fmt):
    query = "DESCRIBE <https://w3id.org/govrules/eli/cn/330382/work-rules/2020/art_8>"
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
    assert response.mimetype == accept
    graph = Graph().parse(data=response.data, format=fmt) if fmt not in ("trig", "nquads") else None
    assert graph is None or len(graph) >= 5


def test_query_content_type_construct(client):
    query = (
        "CONSTRUCT { ?a ?p ?o } WHERE { ?a <http://data.europa.eu/eli/ontology#number> "
        '"8" ; ?p ?o }'
    )
    response = client.get(
        "/sparql", query_string={"query": query}, headers={"Accept": "text/turtle"}
    )
    assert response.mimetype == "text/turtle" and len(Graph().parse(data=response.data)) > 5


def test_bad_query_method(client):
    assert client.put("/sparql", data=ASK_ARTICLE).status_code == 405


def test_bad_multiple_queries(client):
    response = client.get("/sparql", query_string=[("query", ASK_ARTICLE), ("query", ASK_ARTICLE)])
    assert response.status_code == 400


def test_bad_query_wrong_media_type(client):
    response = client.post("/sparql", data=ASK_ARTICLE, content_type="text/plain")
    assert response.status_code == 415


def test_bad_query_missing_form_type(client):
    response = client.post("/sparql", data=f"query={ASK_ARTICLE}")
    assert response.status_code == 415


def test_bad_query_missing_direct_type(client):
    response = client.post("/sparql", data=ASK_ARTICLE, headers={"Content-Type": ""})
    assert response.status_code == 415


def test_bad_query_non_utf8(client):
    response = client.post(
        "/sparql", data=ASK_ARTICLE.encode("utf-16"), content_type="application/sparql-query"
    )
    assert response.status_code == 400
    assert "UTF-8" in response.get_json()["error"]["message"]


def test_bad_query_syntax(client):
    response = client.get("/sparql", query_string={"query": "ASK {"})
    assert response.status_code == 400
    assert "line 1, column" in response.get_json()["error"]["message"]


def test_cors_preflight_for_direct_post(client):
    response = client.options(
        "/sparql",
        headers={
            "Origin": "https://portal.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Content-Type" in response.headers["Access-Control-Allow-Headers"]
