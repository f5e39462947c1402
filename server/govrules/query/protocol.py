"""The SPARQL 1.1 Protocol, query side, as pure functions: request parsing and negotiation.

The views hand in what they read off the request; nothing here imports Flask.
"""

from __future__ import annotations

from dataclasses import dataclass

from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from govrules.errors import BadRequest, NotAcceptable, UnsupportedMediaType
from govrules.store import Dataset
from govrules.store.formats import RDFLIB_NAMES  # noqa: F401  (re-exported for the views)

# media type → format key, in order of preference when the client accepts anything.
SOLUTION_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",
    "application/trig": "trig",
    "application/n-quads": "nquads",
    "application/x-turtle": "turtle",
    "text/plain": "ntriples",
    "application/json": "jsonld",
    "application/xml": "rdfxml",
}
# The media type sent back for each format key.
SOLUTION_MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
}
GRAPH_MEDIA = {
    "turtle": "text/turtle; charset=utf-8",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "trig": "application/trig",
    "nquads": "application/n-quads",
}
# Names accepted by the ``format`` parameter, for clients that cannot set headers.
FORMAT_ALIASES = {
    "json": ("json", "jsonld"),
    "srj": ("json", None),
    "xml": ("xml", "rdfxml"),
    "srx": ("xml", None),
    "csv": ("csv", None),
    "tsv": ("tsv", None),
    "turtle": (None, "turtle"),
    "ttl": (None, "turtle"),
    "nt": (None, "ntriples"),
    "ntriples": (None, "ntriples"),
    "jsonld": (None, "jsonld"),
    "json-ld": (None, "jsonld"),
    "rdfxml": (None, "rdfxml"),
    "rdf": (None, "rdfxml"),
    "trig": (None, "trig"),
    "nq": (None, "nquads"),
    "nquads": (None, "nquads"),
}


@dataclass(frozen=True)
class QueryRequest:
    """A parsed protocol request: the query text and the dataset it names."""

    query: str
    dataset: Dataset | None = None


def parse_query_request(
    method: str,
    args: dict[str, list[str]],
    *,
    form: dict[str, list[str]] | None = None,
    content_type: str | None = None,
    body: bytes = b"",
) -> QueryRequest | None:
    """Read the query and dataset of a protocol request; None when no query was sent.

    :param args: URL parameters, each name with all its values.
    :param form: form fields of a urlencoded POST, each name with all its values.
    :raises BadRequest: for several queries, a non-UTF-8 body or an empty query.
    :raises UnsupportedMediaType: for a POST body that is neither form nor query.

    >>> parse_query_request("GET", {"query": ["ASK {}"]}).query
    'ASK {}'
    >>> parse_query_request("GET", {}) is None
    True
    """
    params = {k: list(v) for k, v in args.items()}
    if method == "POST":
        media = (content_type or "").split(";")[0].strip().lower()
        if media == "application/x-www-form-urlencoded":
            for name, values in (form or {}).items():
                params.setdefault(name, []).extend(values)
        elif media == "application/sparql-query":
            if "query" in params:
                raise BadRequest("a direct POST carries the query in its body, not in 'query'")
            try:
                params["query"] = [body.decode("utf-8")]
            except UnicodeDecodeError as exc:
                raise BadRequest(f"the request body is not UTF-8: {exc}") from None
        elif not media:
            raise UnsupportedMediaType(
                "a POST needs Content-Type application/x-www-form-urlencoded "
                "or application/sparql-query"
            )
        else:
            raise UnsupportedMediaType(
                f"unsupported Content-Type {media!r}: use application/x-www-form-urlencoded "
                "or application/sparql-query"
            )
    queries = params.get("query", [])
    if not queries:
        if "update" in params:
            raise BadRequest("updates go to /update, not to /sparql")
        return None
    if len(queries) > 1:
        raise BadRequest(f"{len(queries)} 'query' parameters: send exactly one")
    if not queries[0].strip():
        raise BadRequest("the 'query' parameter is empty")
    default = params.get("default-graph-uri")
    named = params.get("named-graph-uri")
    # Naming either set of graphs replaces the whole dataset (SPARQL 1.1 Protocol §2.1.4).
    dataset = Dataset(default or [], named or []) if default or named else None
    return QueryRequest(queries[0], dataset)


def negotiate(kind: str, accept: str | None, *, format: str | None = None) -> tuple[str, str]:
    """Choose the result format for a result *kind* ('solutions', 'boolean' or 'graph').

    :returns: (format key, Content-Type to send).
    :raises NotAcceptable: if nothing the client accepts can be produced.

    >>> negotiate("solutions", "text/csv;q=0.5, application/sparql-results+xml")
    ('xml', 'application/sparql-results+xml')
    >>> negotiate("graph", None)
    ('turtle', 'text/turtle; charset=utf-8')
    >>> negotiate("solutions", "*/*", format="tsv")[0]
    'tsv'
    """
    graph = kind == "graph"
    table, media = (GRAPH_TYPES, GRAPH_MEDIA) if graph else (SOLUTION_TYPES, SOLUTION_MEDIA)
    if format:
        alias = FORMAT_ALIASES.get(format.lower())
        key = alias and alias[1 if graph else 0]
        if not key:
            names = sorted(k for k, v in FORMAT_ALIASES.items() if v[1 if graph else 0])
            raise NotAcceptable(
                f"format {format!r} is not available for this result; use one of {', '.join(names)}"
            )
        return key, media[key]
    if not accept or not accept.strip():
        key = next(iter(table.values()))
        return key, media[key]
    parsed = parse_accept_header(accept, MIMEAccept)
    best = parsed.best_match(list(table))
    if best is None:
        offered = ", ".join(dict.fromkeys(table))
        raise NotAcceptable(f"cannot answer in {accept!r}; this result is available as {offered}")
    return table[best], media[table[best]]


_FORMAT_IRIS = {
    "json": "http://www.w3.org/ns/formats/SPARQL_Results_JSON",
    "xml": "http://www.w3.org/ns/formats/SPARQL_Results_XML",
    "csv": "http://www.w3.org/ns/formats/SPARQL_Results_CSV",
    "tsv": "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
    "turtle": "http://www.w3.org/ns/formats/Turtle",
    "ntriples": "http://www.w3.org/ns/formats/N-Triples",
    "jsonld": "http://www.w3.org/ns/formats/JSON-LD",
    "rdfxml": "http://www.w3.org/ns/formats/RDF_XML",
    "trig": "http://www.w3.org/ns/formats/TriG",
    "nquads": "http://www.w3.org/ns/formats/N-Quads",
}


def service_description(endpoint: str, graphs: dict[str, int], *, update: str | None = None):
    """Return the SPARQL 1.1 service description of the endpoint as an rdflib Graph.

    :param graphs: the named graphs served, with their number of triples.
    :param update: the URL of the SPARQL Update endpoint, described as a service of its own.
    """
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF, XSD

    from govrules.namespaces import SD, VOID, bind_prefixes

    g = Graph()
    bind_prefixes(g)
    service = URIRef(endpoint)
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, service))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    for iri in _FORMAT_IRIS.values():
        g.add((service, SD.resultFormat, URIRef(iri)))
    dataset = URIRef(endpoint + "#dataset")
    g.add((service, SD.defaultDataset, dataset))
    if update:
        writes = URIRef(update)
        g.add((writes, RDF.type, SD.Service))
        g.add((writes, SD.endpoint, writes))
        g.add((writes, SD.supportedLanguage, SD.SPARQL11Update))
        g.add((writes, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    default = URIRef(endpoint + "#default-graph")
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    g.add((default, VOID.triples, Literal(sum(graphs.values()), datatype=XSD.integer)))
    for name, size in sorted(graphs.items()):
        named = URIRef(f"{endpoint}#named-graph:{name.rsplit('/graph/', 1)[-1]}")
        g.add((dataset, SD.namedGraph, named))
        g.add((named, SD.name, URIRef(name)))
        described = URIRef(name + "#graph-description")
        g.add((named, SD.graph, described))
        g.add((described, RDF.type, SD.Graph))
        g.add((described, VOID.triples, Literal(size, datatype=XSD.integer)))
    return g
