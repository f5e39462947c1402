"""Real clients on the real server: rdflib follows links down to a norm; a crawl by RDF links."""

import urllib.request
from collections import deque

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from govrules.namespaces import ELI, GWR

pytestmark = pytest.mark.e2e

BASE = "https://w3id.org/govrules/"
DOC = BASE + "eli/cn/330382/work-rules/2020"


def local(server_url: str, iri) -> str:
    return server_url + "/" + str(iri)[len(BASE) :]


def fetch(server_url: str, iri) -> Graph:
    """Dereference an IRI on the local server with rdflib's own content negotiation."""
    return Graph().parse(local(server_url, iri))


def test_rdflib_follows_links_from_the_document_to_a_norm(server_url):
    doc = fetch(server_url, DOC)
    assert (URIRef(DOC), RDF.type, GWR.WorkRules) in doc
    chapter = URIRef(DOC + "/chp_2")
    assert (URIRef(DOC), ELI.has_part, chapter) in doc
    article = URIRef(DOC + "/art_7")
    assert (chapter, ELI.has_part, article) in fetch(server_url, chapter)
    paragraph = URIRef(DOC + "/art_7/para_1")
    assert (article, ELI.has_part, paragraph) in fetch(server_url, article)
    norms = set(fetch(server_url, paragraph).subjects(GWR.hasLegalSource, paragraph))
    assert URIRef(DOC + "/norm/art_7-1") in norms
    norm = fetch(server_url, DOC + "/norm/art_7-1")
    assert (URIRef(DOC + "/norm/art_7-1"), GWR.hasLegalSource, paragraph) in norm
    assert set(norm.objects(URIRef(DOC + "/norm/art_7-1"), GWR.bearer))


def test_crawl_by_rdf_links_reaches_every_provision_and_norm(server_url, oxigraph_store):
    """Breadth-first over N-Triples descriptions, following any IRI under the document."""
    seen, queue = {DOC}, deque([DOC])
    while queue:
        iri = queue.popleft()
        request = urllib.request.Request(
            local(server_url, iri), headers={"Accept": "application/n-triples"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
            graph = Graph().parse(data=response.read(), format="nt")
        for term in set(graph.subjects()) | set(graph.objects()):
            if isinstance(term, URIRef) and str(term).startswith(DOC) and str(term) not in seen:
                seen.add(str(term))
                queue.append(str(term))
    rows = oxigraph_store.query(
        "PREFIX gwr: <https://w3id.org/govrules/ontology#>\n"
        "SELECT ?x WHERE { { ?x a gwr:Provision } UNION { ?x a gwr:Norm } }"
    ).rows()
    # The store holds the whole corpus now: every provision and norm of this document is reached.
    expected = {str(r["x"]) for r in rows if str(r["x"]).startswith(DOC + "/")}
    assert len(expected) > 200
    assert expected - seen == set()
