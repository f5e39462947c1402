"""Regression tests of issue 10 at the core: the guard, the network isolation, the upload checks.

Each test is named after the finding it covers. The bypass families are checked twice: the
engine on its own does reach the listener (so each is a real hole), and through the guard or
inside the isolation nothing does.
"""

import contextlib

import pyoxigraph as ox
import pytest

from govrules import offline
from govrules.compliance.uploads import UploadLimits, check_upload
from govrules.errors import BadRequest, Forbidden, LoadError
from govrules.query.guard import Limits, check_query
from govrules.writes.operations import check_graph_iri, check_update

from ..listener import bypasses, listening, update_bypasses


def can_isolate() -> bool:
    return offline.run(offline.isolated)


def test_issue_10_guard_escaped_hash_hides_service():
    with listening() as listener:
        query = (
            "PREFIX ex: <urn:x/> SELECT ?s { VALUES ?z { ex:o\\# } "
            f"SERVICE <{listener.url}> {{?s ?p ?o}} }}"
        )
        with pytest.raises(Forbidden, match="SERVICE"):
            check_query(query)
        assert listener.hits == 0


def test_issue_10_escaped_hash_hides_nesting_from_the_depth_limit():
    query = "PREFIX ex: <urn:x/> SELECT * { ?s ?p ex:o\\# " + "{ " * 250 + "} " * 250 + "}"
    with pytest.raises(BadRequest, match="nests 251 levels"):
        check_query(query, Limits(max_depth=200))


def test_issue_10_every_query_bypass_is_a_real_hole_and_is_refused():
    with listening() as listener:
        for query in bypasses(listener.url)[:-1]:  # the last, FROM, names a graph of the store
            with pytest.raises(Forbidden):
                check_query(query)
        check_query(bypasses(listener.url)[-1])
        assert listener.hits == 0
        # The same queries given to the engine directly do reach out: the guard is what stops them.
        for query in bypasses(listener.url)[:-1]:
            before = listener.hits
            with contextlib.suppress(OSError, RuntimeError, SyntaxError):
                list(ox.Store().query(query))
            assert listener.hits > before, f"the engine did not fetch for {query!r}"


def test_issue_10_every_update_bypass_is_refused():
    with listening() as listener:
        for update in update_bypasses(listener.url):
            with pytest.raises(Forbidden):
                check_update(update)
        assert listener.hits == 0


def test_issue_10_isolated_engine_reaches_nothing_even_without_the_guard():
    if not can_isolate():
        pytest.skip("network namespaces are not permitted here (needs Linux and CAP_SYS_ADMIN)")
    store = ox.Store()
    with listening() as listener:
        for query in bypasses(listener.url):
            with contextlib.suppress(OSError, RuntimeError, SyntaxError):
                offline.run(lambda q=query: list(store.query(q)))
        for update in update_bypasses(listener.url):
            with contextlib.suppress(OSError, RuntimeError, SyntaxError):
                offline.run(store.update, update)
        assert listener.hits == 0


@pytest.mark.parametrize("depth", [600, 10_000])
def test_issue_10_deep_jsonld_is_refused_before_the_parser(depth):
    data = b'{"@id": "urn:a", "urn:p": ' + b"[" * depth + b"1" + b"]" * depth + b"}"
    with pytest.raises(LoadError, match="nests more than 100 levels"):
        check_upload(data, "jsonld")


def test_issue_10_deep_turtle_is_refused_and_escapes_do_not_hide_it():
    data = b"@prefix ex: <urn:x/> . ex:a\\#b ex:p " + b"[ ex:p " * 300 + b"1" + b" ]" * 300 + b" ."
    with pytest.raises(LoadError, match="nests more than 100 levels"):
        check_upload(data, "turtle")
    check_upload(b'<urn:a> <urn:p> "' + b"[" * 500 + b'" .', "turtle")  # a string holds none


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE rdf:RDF [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;">]>'
    b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="urn:e#">'
    b'<rdf:Description rdf:about="urn:x"><e:p>&b;</e:p></rdf:Description></rdf:RDF>'
)


def test_issue_10_billion_laughs_is_refused():
    with pytest.raises(LoadError, match="DOCTYPE"):
        check_upload(LAUGHS, "rdfxml")
    with pytest.raises(LoadError, match="DOCTYPE"):
        check_upload(LAUGHS.decode().encode("utf-16"), "rdfxml")
    with pytest.raises(LoadError, match="nested"):  # even where entities are allowed
        check_upload(LAUGHS, "rdfxml", UploadLimits(rdfxml_entities=True))
    plain = LAUGHS.replace(b'<!ENTITY b "&a;&a;&a;&a;">', b"").replace(b"&b;", b"&a;")
    check_upload(plain, "rdfxml", UploadLimits(rdfxml_entities=True))


@pytest.mark.parametrize("char", [" ", "\t", "\n", "\x00", "<", ">", '"', "{", "}", "|", "^", "`"])
def test_issue_10_bad_graph_iris_are_named(char):
    with pytest.raises(BadRequest, match="not an IRI.*RFC 3987"):
        check_graph_iri(f"urn:x:a{char}b")


def test_graph_iris_of_rfc_3987_pass():
    for iri in ("urn:x:a", "https://w3id.org/govrules/graph/exports/城市", "http://e/%41?q#f"):
        assert check_graph_iri(iri) == iri
    for iri in ("no-scheme", "1x:y", "http://e/%4"):
        with pytest.raises(BadRequest):
            check_graph_iri(iri)


def test_issue_10_deep_rdfxml_is_refused_before_the_parser():
    head = (
        b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        b' xmlns:e="urn:e#">'
    )
    deep = (
        b"<rdf:Description><e:p>" * 200 + b"<rdf:Description/>" + b"</e:p></rdf:Description>" * 200
    )
    with pytest.raises(LoadError, match="more than 100 elements"):
        check_upload(head + deep + b"</rdf:RDF>", "rdfxml")
    hidden = b'<rdf:Description e:x="/>"><e:p>' * 200  # a quoted '/>' closes nothing
    with pytest.raises(LoadError, match="more than 100 elements"):
        check_upload(head + hidden, "rdfxml")
    check_upload(head + b"<!-- <a><a><a> -->" * 200 + b"</rdf:RDF>", "rdfxml")


@pytest.mark.parametrize(
    ("fmt", "data"),
    [
        ("jsonld", b'"\\' * 300_000),
        ("turtle", b'"""\\' * 300_000),
        ("turtle", b"'" * 300_001),
        ("rdfxml", b"<!--" * 300_000),
        ("rdfxml", b'<a x="' * 300_000),
    ],
)
def test_issue_10_unterminated_pieces_do_not_stall_the_depth_scan(fmt, data):
    check_upload(data, fmt)  # a scan quadratic in these would not finish
