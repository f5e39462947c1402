"""The real server, started by 'govrules serve', queried by real SPARQL clients."""

import json
import urllib.error
import urllib.request

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper

pytestmark = pytest.mark.e2e

DOC = "https://w3id.org/govrules/eli/cn/330382/work-rules/2020"
COUNT = f"""PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX gwr: <https://w3id.org/govrules/ontology#>
SELECT ?kind (COUNT(DISTINCT ?p) AS ?n) WHERE {{
  VALUES ?kind {{ gwr:Chapter gwr:Article }} ?p a ?kind ; eli:is_part_of+ <{DOC}> }}
GROUP BY ?kind ORDER BY ?kind"""


def wrapper(server_url, query, fmt, method="GET"):
    client = SPARQLWrapper(server_url + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client.query()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_json_counts_chapters_and_articles(server_url, method):
    data = wrapper(server_url, COUNT, JSON, method).convert()
    counts = {
        b["kind"]["value"].rsplit("#")[-1]: int(b["n"]["value"])
        for b in data["results"]["bindings"]
    }
    assert counts == {"Article": 34, "Chapter": 7}


def test_sparqlwrapper_xml(server_url):
    document = wrapper(server_url, COUNT, XML).convert()
    values = [n.firstChild.data for n in document.getElementsByTagName("literal")]
    assert sorted(values, key=int) == ["7", "34"]


@pytest.mark.parametrize(("fmt", "sep"), [(CSV, ","), (TSV, "\t")])
def test_sparqlwrapper_csv_tsv(server_url, fmt, sep):
    text = wrapper(server_url, COUNT, fmt).convert().decode("utf-8")
    assert text.splitlines()[1].endswith(f"{sep}34")


def test_sparqlwrapper_construct_turtle(server_url):
    query = f"CONSTRUCT {{ <{DOC}/art_8> ?p ?o }} WHERE {{ <{DOC}/art_8> ?p ?o }}"
    graph = Graph().parse(data=wrapper(server_url, query, TURTLE).convert(), format="turtle")
    assert any("负责常务工作的副市长主持市政府工作" in str(o) for o in graph.objects())


def test_rdflib_sparqlstore_reads_articles(server_url):
    store = Graph(store=SPARQLStore(server_url + "/sparql", returnFormat="json"))
    labels = set(store.objects(URIRef(f"{DOC}/art_25"), RDFS.label))
    assert Literal("《乐清市人民政府工作规则》第二十五条", lang="zh") in labels


def test_syntax_error_is_a_400_with_position(server_url):
    url = server_url + "/sparql?query=SELECT%20%3Fx%20WHERE%20%7B"
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(url, timeout=10)
    assert caught.value.code == 400
    message = json.loads(caught.value.read())["error"]["message"]
    assert "line 1, column" in message


def test_health_over_http(server_url):
    with urllib.request.urlopen(server_url + "/health", timeout=10) as response:
        body = json.loads(response.read())
    assert body["status"] == "ok" and body["quads"] > 1000
