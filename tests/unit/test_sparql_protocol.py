"""Request parsing and content negotiation of the SPARQL protocol, case by case."""

import pytest

from govrules.errors import BadRequest, NotAcceptable, UnsupportedMediaType
from govrules.query.protocol import negotiate, parse_query_request
from govrules.store import Dataset


@pytest.mark.parametrize(
    ("kind", "accept", "expected"),
    [
        ("solutions", None, "json"),
        ("solutions", "*/*", "json"),
        ("solutions", "application/sparql-results+json", "json"),
        ("solutions", "application/sparql-results+xml", "xml"),
        ("solutions", "text/csv", "csv"),
        ("solutions", "text/tab-separated-values", "tsv"),
        ("solutions", "application/json", "json"),
        ("solutions", "text/csv;q=0.9, application/sparql-results+xml;q=0.5", "csv"),
        ("solutions", "text/html, */*;q=0.1", "json"),
        ("boolean", "application/sparql-results+xml", "xml"),
        ("graph", None, "turtle"),
        ("graph", "application/n-triples", "ntriples"),
        ("graph", "application/ld+json", "jsonld"),
        ("graph", "application/rdf+xml", "rdfxml"),
        ("graph", "application/trig", "trig"),
        ("graph", "application/n-quads", "nquads"),
        ("graph", "text/turtle;q=0.2, application/rdf+xml", "rdfxml"),
    ],
)
def test_negotiate(kind, accept, expected):
    assert negotiate(kind, accept)[0] == expected


@pytest.mark.parametrize(
    ("kind", "accept"),
    [("solutions", "text/turtle"), ("graph", "text/csv"), ("solutions", "image/png")],
)
def test_negotiate_refuses_what_cannot_be_made(kind, accept):
    with pytest.raises(NotAcceptable, match="available as"):
        negotiate(kind, accept)


def test_format_parameter_overrides_accept():
    assert negotiate("solutions", "application/sparql-results+xml", format="csv")[0] == "csv"
    assert negotiate("graph", None, format="nt")[0] == "ntriples"


def test_unknown_format_parameter_is_not_acceptable():
    with pytest.raises(NotAcceptable, match="format 'png'"):
        negotiate("solutions", None, format="png")


def test_get_reads_query_and_dataset():
    parsed = parse_query_request(
        "GET", {"query": ["ASK {}"], "default-graph-uri": ["urn:a"], "named-graph-uri": ["urn:b"]}
    )
    assert parsed.query == "ASK {}"
    assert parsed.dataset == Dataset(["urn:a"], ["urn:b"])


def test_default_graph_alone_empties_named_graphs():
    parsed = parse_query_request("GET", {"query": ["ASK {}"], "default-graph-uri": ["urn:a"]})
    assert parsed.dataset == Dataset(["urn:a"], [])


def test_form_post_merges_url_parameters():
    parsed = parse_query_request(
        "POST",
        {"default-graph-uri": ["urn:a"]},
        form={"query": ["ASK {}"]},
        content_type="application/x-www-form-urlencoded; charset=utf-8",
    )
    assert (parsed.query, parsed.dataset.default_graphs) == ("ASK {}", ["urn:a"])


def test_direct_post_reads_body():
    parsed = parse_query_request(
        "POST", {}, content_type="application/sparql-query", body='ASK { ?s ?p "规则" }'.encode()
    )
    assert parsed.query == 'ASK { ?s ?p "规则" }'


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"method": "GET", "args": {"query": ["ASK {}", "ASK {}"]}}, BadRequest, "2 'query'"),
        ({"method": "GET", "args": {"query": ["  "]}}, BadRequest, "empty"),
        ({"method": "GET", "args": {"update": ["CLEAR ALL"]}}, BadRequest, "/update"),
        (
            {"method": "POST", "args": {}, "content_type": "text/plain", "body": b"ASK {}"},
            UnsupportedMediaType,
            "text/plain",
        ),
        (
            {"method": "POST", "args": {}, "content_type": None, "body": b"ASK {}"},
            UnsupportedMediaType,
            "Content-Type",
        ),
        (
            {
                "method": "POST",
                "args": {},
                "content_type": "application/sparql-query",
                "body": b"ASK {\xff}",
            },
            BadRequest,
            "not UTF-8",
        ),
        (
            {
                "method": "POST",
                "args": {"query": ["ASK {}"]},
                "content_type": "application/sparql-query",
                "body": b"ASK {}",
            },
            BadRequest,
            "body",
        ),
    ],
)
def test_malformed_requests(kwargs, error, message):
    method, args = kwargs.pop("method"), kwargs.pop("args")
    with pytest.raises(error, match=message):
        parse_query_request(method, args, **kwargs)


def test_no_query_is_none():
    assert parse_query_request("GET", {"format": ["json"]}) is None
