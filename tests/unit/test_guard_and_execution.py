"""Guards before the engine, and execution limits: depth, SERVICE, DESCRIBE, row cap."""

import json

import pytest

from govrules.errors import BadRequest, Forbidden, QuerySyntaxError
from govrules.query.execution import Job, Settings, count_rows, execute, projection
from govrules.query.guard import Limits, check_query
from govrules.store.oxigraph import OxigraphStore

NT = "".join(f'<urn:s{i}> <urn:p> "{i}" .\n' for i in range(50)).encode()


@pytest.fixture(scope="module")
def store():
    s = OxigraphStore()
    s.load(NT, format="ntriples", to_graph="urn:g")
    return s


def nested(depth: int) -> str:
    return "SELECT * WHERE " + "{ " * depth + "?s ?p ?o " + "} " * depth


def test_deep_nesting_is_refused_with_its_position():
    with pytest.raises(BadRequest, match="nests 300 levels.*at most 200"):
        check_query(nested(300))


def test_braces_inside_strings_and_iris_do_not_count():
    check_query('SELECT * { ?s ?p "' + "{" * 500 + '" }', Limits(max_depth=5))


@pytest.mark.parametrize("target", ["<http://example.org/sparql>", "?endpoint", "ex:endpoint"])
def test_service_is_refused(target):
    with pytest.raises(Forbidden, match="SERVICE"):
        check_query(f"SELECT * {{ SERVICE {target} {{ ?s ?p ?o }} }}")


def test_service_to_an_allowed_host_passes_the_guard():
    check_query(
        "SELECT * { SERVICE <https://data.example/sparql> { ?s ?p ?o } }",
        Limits(allowed_service_hosts=("data.example",)),
    )


def test_the_word_service_in_a_string_is_not_a_service_call():
    check_query('SELECT * { ?s ?p "SERVICE <http://x>" }')


def test_large_describe_is_refused():
    iris = " ".join(f"<urn:x{i}>" for i in range(600))
    with pytest.raises(BadRequest, match="DESCRIBE names about 600"):
        check_query(f"DESCRIBE {iris}")


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("SELECT ?b ?a WHERE { ?a ?p ?b }", "?b ?a"),
        (
            "PREFIX x: <urn:>\nSELECT DISTINCT ?s (COUNT(?o) AS ?n) { ?s ?p ?o } GROUP BY ?s",
            "?s ?n",
        ),
        ("SELECT * { ?s ?p ?o }", "*"),
        ("SELECT ?s FROM <urn:g> WHERE { ?s ?p ?o }", None),
        ("CONSTRUCT WHERE { ?s ?p ?o }", None),
    ],
)
def test_projection(query, names):
    found = projection(query)
    assert (found[1] if found else None) == names


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_rows_are_cut_at_the_limit_and_marked(store, fmt):
    answer = execute(
        store,
        Job("SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s", format=fmt),
        Settings(result_limit=10),
    )
    assert answer.truncated
    assert count_rows(answer.body, fmt) == 10
    if fmt == "json":
        head = json.loads(answer.body)["head"]
        assert head["vars"] == ["s", "o"]
        assert head["link"] == ["https://w3id.org/govrules/sparql#result-limit-10"]
    if fmt == "xml":
        assert (
            b'<link href="https://w3id.org/govrules/sparql#result-limit-10"/></head>' in answer.body
        )


def test_a_result_exactly_at_the_limit_is_not_marked(store):
    answer = execute(store, Job("SELECT * { ?s ?p ?o }", format="json"), Settings(result_limit=50))
    assert not answer.truncated
    assert len(json.loads(answer.body)["results"]["bindings"]) == 50


def test_order_survives_the_cap(store):
    query = "SELECT ?o WHERE { ?s ?p ?o } ORDER BY DESC(xsd:integer(?o)) LIMIT 3"
    query = "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n" + query
    body = json.loads(execute(store, Job(query, format="json"), Settings(result_limit=2)).body)
    assert [b["o"]["value"] for b in body["results"]["bindings"]] == ["49", "48"]


def test_syntax_errors_keep_the_position_in_the_query_as_sent(store):
    with pytest.raises(QuerySyntaxError, match="line 1, column 24"):
        execute(store, Job("SELECT ?s WHERE { ?s ?p"))


def test_oversized_results_fail_instead_of_being_cut(store):
    with pytest.raises(BadRequest, match="larger than 100 bytes"):
        execute(store, Job("CONSTRUCT WHERE { ?s ?p ?o }"), Settings(max_result_bytes=100))


@pytest.mark.parametrize(
    "tail",
    [
        "GROUP BY ?o ORDER BY DESC(?o)",  # the cap is appended as the query's own LIMIT
        "GROUP BY ?o ORDER BY DESC(?o) LIMIT 20",  # its own LIMIT, past the cap: wrapped
        "GROUP BY ?o ORDER BY DESC(?o) OFFSET 0",  # an OFFSET: wrapped
    ],
)
def test_grouped_and_ordered_queries_are_cut_the_same_way_issue_17(store, tail):
    query = f"SELECT ?o (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o }} {tail}"
    answer = execute(store, Job(query, format="json"), Settings(result_limit=3))
    rows = json.loads(answer.body)["results"]["bindings"]
    assert answer.truncated
    assert [r["o"]["value"] for r in rows] == sorted((str(i) for i in range(50)), reverse=True)[:3]


def test_a_query_within_its_own_limit_is_never_marked_issue_17(store):
    query = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3"
    answer = execute(store, Job(query, format="json"), Settings(result_limit=3))
    assert not answer.truncated and count_rows(answer.body, "json") == 3


def test_a_trailing_values_block_still_gets_the_cap_issue_17(store):
    query = "SELECT ?s ?o WHERE { ?s ?p ?o } VALUES ?o { '1' '2' '3' '4' }"
    answer = execute(store, Job(query, format="json"), Settings(result_limit=2))
    assert answer.truncated and count_rows(answer.body, "json") == 2
