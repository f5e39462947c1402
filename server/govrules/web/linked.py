"""Linked data, core side: local paths ↔ IRIs, negotiation, descriptions of resources.

A resource IRI is the configured base plus the local path it is served on, so links work
on any host. Descriptions come from the store through bound queries: the IRI asked for is
a binding, never text pasted into SPARQL.
"""

from __future__ import annotations

from rdflib import URIRef
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from govrules.errors import NotFound
from govrules.namespaces import sparql_prologue
from govrules.query import protocol as sparql

# Suffixes a link may add to a resource path to ask for one format.
SUFFIXES = {".ttl": "ttl", ".jsonld": "jsonld", ".nt": "nt", ".rdf": "rdf", ".html": "html"}
RDF_MEDIA = ("text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml")
# Local paths served whole: the named graph holding each.
WHOLE = {"ontology": "graph/ontology", "shapes": "graph/shapes"}

EXISTS = "ASK { { ?s ?p ?o } UNION { ?x ?q ?s } }"
# The resource's own triples, the nodes of its blank nodes and deadlines, and the triples
# pointing at it: paragraphs name their norms only that way (norm gwr:hasLegalSource para).
DESCRIBE = """CONSTRUCT { ?s ?p ?o . ?o ?bp ?bo . ?x ?q ?s }
WHERE {
  { ?s ?p ?o OPTIONAL { FILTER(isBlank(?o) || ?p = gwr:deadline) ?o ?bp ?bo } }
  UNION { ?x ?q ?s FILTER(isIRI(?x)) }
}"""
WHOLE_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def split_suffix(path: str) -> tuple[str, str | None]:
    """Split a format suffix off a resource path.

    >>> split_suffix("eli/cn/330382/work-rules/2020/art_7.ttl")
    ('eli/cn/330382/work-rules/2020/art_7', 'ttl')
    >>> split_suffix("id/cn/330382/post/mayor")
    ('id/cn/330382/post/mayor', None)
    """
    for suffix, fmt in SUFFIXES.items():
        if path.endswith(suffix):
            return path[: -len(suffix)], fmt
    return path, None


def iri_for_path(base: str, path: str) -> str:
    """Return the IRI of the resource served at local *path*.

    >>> iri_for_path("https://w3id.org/govrules/", "/id/cn/330382/post/mayor")
    'https://w3id.org/govrules/id/cn/330382/post/mayor'
    """
    return base + path.lstrip("/")


def href(base: str, iri: str) -> str:
    """Return the local link for an IRI under *base*, or the IRI itself.

    >>> href("https://w3id.org/govrules/", "https://w3id.org/govrules/ontology#Norm")
    '/ontology#Norm'
    >>> href("https://w3id.org/govrules/", "http://www.w3.org/ns/org#Post")
    'http://www.w3.org/ns/org#Post'
    """
    return "/" + iri[len(base) :] if iri.startswith(base) else iri


def wants_html(accept: str | None, format: str | None = None) -> bool:
    """Tell whether a request asks for HTML rather than RDF.

    Browsers send text/html first; RDF clients name an RDF type or nothing.

    >>> wants_html("text/html,application/xhtml+xml,*/*;q=0.8")
    True
    >>> wants_html("text/turtle"), wants_html(None), wants_html("*/*")
    (False, False, False)
    >>> wants_html("text/turtle", "html")
    True
    """
    if format:
        return format == "html"
    if not accept:
        return False
    parsed = parse_accept_header(accept, MIMEAccept)
    best = parsed.best_match(["text/html", *RDF_MEDIA, "application/xhtml+xml"])
    return best in ("text/html", "application/xhtml+xml") and parsed["text/html"] > max(
        parsed[m] for m in RDF_MEDIA
    )


def negotiate(accept: str | None, format: str | None = None) -> tuple[str, str]:
    """Choose the RDF format of a description, with the SPARQL endpoint's table.

    :raises govrules.errors.NotAcceptable: if no RDF format the client accepts exists.

    >>> negotiate("application/ld+json")
    ('jsonld', 'application/ld+json')
    >>> negotiate(None, "nt")[0]
    'ntriples'
    """
    return sparql.negotiate("graph", accept, format=format)


def exists(store, iri: str) -> bool:
    """Tell whether the store says anything about *iri*, as subject or object."""
    return store.query(EXISTS, bindings={"s": URIRef(iri)}).boolean()


def resource_kind(base: str, path: str) -> str | None:
    """Return 'whole' for a path served as a whole graph, 'resource' under a minting root.

    >>> resource_kind("https://w3id.org/govrules/", "ontology")
    'whole'
    >>> resource_kind("https://w3id.org/govrules/", "eli/cn/330382/work-rules/2020")
    'resource'
    >>> resource_kind("https://w3id.org/govrules/", "graph/ontology") is None
    True
    """
    if path in WHOLE:
        return "whole"
    if path.split("/", 1)[0] in ("eli", "id", "concept") and "/" in path:
        return "resource"
    return None


def resolve(store, base: str, path: str) -> str:
    """Return the IRI served at local *path* (a resource or a whole graph).

    :raises govrules.errors.NotFound: if the service mints no such IRI or knows nothing of it.
    """
    kind = resource_kind(base, path)
    if kind == "whole":
        graph = base + WHOLE[path]
        if graph not in store.graphs():
            raise NotFound(f"this build has no {path} graph")
        return graph
    iri = iri_for_path(base, path)
    if kind is None or not exists(store, iri):
        raise NotFound(f"nothing is known about <{iri}>")
    return iri


def describe(store, base: str, path: str):
    """Return the description of the resource at local *path* as a graph query result.

    A whole graph (ontology, shapes) is returned whole.

    :raises govrules.errors.NotFound: if nothing is known about it.
    """
    iri = resolve(store, base, path)
    if resource_kind(base, path) == "whole":
        return store.query(WHOLE_GRAPH, bindings={"g": URIRef(iri)})
    return store.query(sparql_prologue() + DESCRIBE, bindings={"s": URIRef(iri)})
