"""The lexer and the guard against SPARQL 1.1 syntax test queries (W3C suite, positive and
negative), and against mutations of them that hide SERVICE or nesting.

The queries are written after the W3C syntax tests (syntax-query, syntax-update-1, syntax-fed):
the same constructs, our own text. Every positive query must be read by the lexer and pass the
guard; the engine is asked too, so that a query the test calls valid really is.
"""

import contextlib

import pyoxigraph as ox
import pytest

from govrules.errors import BadRequest, Forbidden, QuerySyntaxError
from govrules.lexer import LexError, strip, tokenize
from govrules.query.guard import Limits, check_query

POSITIVE = [
    "SELECT * { ?s ?p ?o }",
    "SELECT ?x WHERE { ?x ?y ?z FILTER(?z < 3 && ?z > 1) }",
    "SELECT * { ?s ?p ?o FILTER(?o<?s&&?s>3) }",
    "PREFIX : <http://example/> SELECT * { :s :p :o }",
    "PREFIX ex: <http://example/> SELECT * { ex:a\\#b ex:p ex:c\\.d }",
    "PREFIX ex: <http://example/> SELECT * { ex:%41b ex:p ex:o.x }",
    "PREFIX ex: <http://example/> SELECT * { ex:a ex:p ex:b. }",
    "PREFIX : <http://example/> SELECT * { :a :b :c . :a :b 1. }",
    "BASE <http://example/> SELECT * { <s> <p> <o> }",
    "SELECT * { ?s ?p 'a\\'b' , \"c\\\"d\" , '''e''f''' , \"\"\"g\"\"h\"\"\" }",
    'SELECT * { ?s ?p "x"@en-GB , "1"^^<http://www.w3.org/2001/XMLSchema#integer> }',
    "SELECT * { ?s ?p 1 , -2 , +3 , 1.5 , .5 , 1e3 , 1.5E-3 , true , false }",
    "SELECT * { _:b1 ?p [ ?q ( 1 2 ( 3 ) ) ] }",
    "SELECT * { ?s ?p () . [] ?p ?o }",
    "SELECT ?s (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY ?s HAVING (COUNT(*) > 1) ORDER BY DESC(?n)",
    "SELECT * { ?s (<http://e/p>|^<http://e/q>)*/<http://e/r>+ ?o }",
    "SELECT * { ?s !(<http://e/p>|^<http://e/q>) ?o }",
    "SELECT * { ?s a ?o ; a ?c , ?d }",
    "SELECT * { OPTIONAL { ?s ?p ?o } MINUS { ?s ?p 1 } { ?a ?b ?c } UNION { ?d ?e ?f } }",
    "SELECT * { ?s ?p ?o FILTER NOT EXISTS { ?s ?q ?o } FILTER EXISTS { ?o ?q ?s } }",
    "SELECT * { BIND(?a + 1 AS ?b) VALUES ?x { 1 2 UNDEF } }",
    "SELECT * { VALUES (?x ?y) { (1 <http://e/a>) (UNDEF 'b') } }",
    "SELECT * { ?s ?p ?o } VALUES ?s { <http://e/a> }",
    "SELECT (STRLEN(CONCAT(?a, 'x')) AS ?n) (IF(?a<?b, 1, 2) AS ?m) {}",
    "SELECT * { ?s ?p ?o FILTER(?o IN (<http://e/a>, <http://e/b>)) FILTER(?o NOT IN (1)) }",
    "SELECT * { ?s ?p ?o FILTER regex(?o, '^a', 'i') FILTER <http://e/fn>(?o) }",
    "SELECT (GROUP_CONCAT(?o ; SEPARATOR=',') AS ?g) { ?s ?p ?o }",
    "SELECT * { { SELECT ?s (MAX(?o) AS ?m) { ?s ?p ?o } GROUP BY ?s } }",
    "SELECT * FROM <http://e/g> FROM NAMED <http://e/h> { GRAPH ?g { ?s ?p ?o } }",
    "SELECT * { ?s ?p ?o } ORDER BY ?s <http://e/fn>(?o) LIMIT 10 OFFSET 5",
    "SELECT * { ?s ?p ?o } # a comment with } and SERVICE <http://e/>",
    "SELECT * { ?s ?p ?o # comment\n }",
    "ASK { ?s ?p ?o }",
    "ASK {}",
    "CONSTRUCT { ?s ?p ( ?o 1 ) } WHERE { ?s ?p ?o }",
    "CONSTRUCT WHERE { ?s ?p ?o }",
    "DESCRIBE <http://e/a> ?x WHERE { ?x ?p ?o }",
    "DESCRIBE *",
    "SELECT $x { $x ?p ?o }",
    "select distinct * where{?s ?p ?o}limit 1",
    "SELECT * { ?s ?p ?o FILTER(?o = <http://e/a>) }",
    "SELECT * { ?s ?p ?o FILTER((?o)<3) }",
    "SELECT * { ?s ?p ?o FILTER(?o<(?s>3)) }",
    "SELECT * { ?s ?p '\\u0041\\U0001F600' }",
    "SELECT * { <\\u0068ttp://e/a> ?p ?o }",
    "SELECT * { ?s ?p ?o FILTER(sameTerm(?s, ?o) || isIRI(?s) && !BOUND(?x)) }",
]
UPDATES = [
    "INSERT DATA { <http://e/s> <http://e/p> 'o' }",
    "INSERT DATA { GRAPH <http://e/g> { <http://e/s> <http://e/p> ( 1 2 ) } }",
    "DELETE DATA { <http://e/s> <http://e/p> 'o' }",
    "DELETE WHERE { ?s ?p ?o }",
    "WITH <http://e/g> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } USING <http://e/g> USING NAMED <http://e/h> WHERE { ?s ?p ?o }",
    "CLEAR SILENT GRAPH <http://e/g> ; DROP SILENT ALL ; CREATE SILENT GRAPH <http://e/g>",
    "ADD SILENT DEFAULT TO <http://e/g> ; MOVE SILENT <http://e/g> TO DEFAULT ; "
    "COPY SILENT <http://e/a> TO <http://e/b>",
    "BASE <http://e/> INSERT DATA { <s> <p> <o> }",
    "PREFIX : <http://e/> INSERT DATA { :s :p :o } ; DELETE DATA { :s :p :o }",
]
NEGATIVE = [
    "SELECT * { ?s ?p 'a\\qb' }",  # a backslash before q is no escape
    "SELECT * { ?s ?p 'a\nb' }",  # a short string cannot span lines
    "SELECT * { ?s ?p ?o } ` ",
    'SELECT * { ?s ?p "unterminated }',
    "SELECT * { SERV\\u0049CE <http://e/> {} }",  # codepoint escapes only in IRIs and strings
    "SELECT * { ?s ?p ?o } \\",
]
# Wrong by the grammar, not by the terminals: the lexer reads them, the engine refuses them.
GRAMMAR_NEGATIVE = [
    "SELECT * { ?s ?p <a b> }",
    "SELECT * { ?s ?p ?o FILTER(?o = '''a''''') }",
    "SELECT * { ?s ?p ?o } GROUP BY",
    "SELECT * { ?s ?p ?o ",
    "ASK { ?s ?p ?o } }",
    "SELECT (1 AS ?x) (2 AS ?x) {}",
    "SELECT * { FILTER(?a < ?b < ?c) }",
]


def engine_accepts(text: str, update: bool = False) -> bool:
    store = ox.Store()
    try:
        store.update(text) if update else store.query(text)
    except SyntaxError:
        return False
    except (OSError, RuntimeError):
        return True
    return True


@pytest.mark.parametrize("query", POSITIVE)
def test_positive_syntax_queries_are_read_and_pass(query):
    assert engine_accepts(query), "the engine should accept this query"
    tokens = tokenize(query)
    assert tokens and tokens[-1].end <= len(query)
    check_query(query)
    assert len(strip(query)) == len(query)


@pytest.mark.parametrize("update", UPDATES)
def test_positive_syntax_updates_are_read_and_pass(update):
    assert engine_accepts(update, update=True)
    check_query(update, Limits(max_describe=10**9), what="update")


@pytest.mark.parametrize("query", NEGATIVE)
def test_negative_syntax_queries_are_refused_by_the_engine_and_the_lexer(query):
    assert not engine_accepts(query)
    with pytest.raises((LexError, QuerySyntaxError)):
        tokenize(query)
        check_query(query)


@pytest.mark.parametrize("query", GRAMMAR_NEGATIVE)
def test_negative_syntax_queries_by_the_grammar_are_refused_by_the_engine(query):
    assert not engine_accepts(query)
    with contextlib.suppress(BadRequest):  # refused or not, the guard does not fail
        check_query(query)


def test_escaped_hash_is_part_of_the_prefixed_name():
    tokens = tokenize(
        "PREFIX ex: <urn:x/> SELECT * { VALUES ?z { ex:o\\# } SERVICE <http://a/> {} }"
    )
    assert "ex:o\\#" in [t.text for t in tokens]
    assert "SERVICE" in [t.text for t in tokens]


def test_less_than_is_an_operator_in_expressions_and_an_iri_elsewhere():
    kinds = [(t.kind, t.text) for t in tokenize("SELECT * { ?s <p> ?o FILTER(?o<?s) }")]
    assert ("iri", "<p>") in kinds and ("punct", "<") in kinds


HIDES = [
    # Each hides SERVICE from a reader that takes '#', '<' or a keyword the wrong way.
    "PREFIX ex: <urn:x/> SELECT ?s {{ VALUES ?z {{ ex:o\\# }} SERVICE <{u}> {{ ?s ?p ?o }} }}",
    "PREFIX ex: <urn:x/> SELECT ?s {{ ?s ?p ex:a\\#b . SERVICE SILENT <{u}> {{ ?s ?p ?o }} }}",
    "SELECT * {{ ?s ?p ?o FILTER(?o<?s)SERVICE<{u}>{{ ?s ?p ?o }} }}",
    "SELECT * {{ SERVICE#c\n<{u}> {{ ?s ?p ?o }} }}",
    "SELECT * {{ service <{u}> {{ ?s ?p ?o }} }}",
    "PREFIX ex: <{u}> SELECT * {{ SERVICEex:x {{ ?s ?p ?o }} }}",
    "PREFIX : <{u}> SELECT * {{ SERVICE:x {{ ?s ?p ?o }} }}",
    "BASE <{u}> SELECT * {{ SERVICE <x> {{ ?s ?p ?o }} }}",
    "SELECT * {{ SERVICE <\\u0068{rest}> {{ ?s ?p ?o }} }}",
    "SELECT * {{ ?s ?p 'it''s' . SERVICE <{u}> {{ ?s ?p ?o }} }}",
    "SELECT * {{ ?s ?p '''a\n#'''. SERVICE <{u}> {{ ?s ?p ?o }} }}",
    "SELECT * {{ FILTER EXISTS {{ SERVICE <{u}> {{ ?s ?p ?o }} }} }}",
]


@pytest.mark.parametrize("template", HIDES)
def test_issue_10_guard_sees_every_hidden_service(template):
    url = "http://127.0.0.1:1/sparql"
    query = template.format(u=url, rest=url[1:])
    with pytest.raises(Forbidden, match="SERVICE"):
        check_query(query)
    with pytest.raises(Forbidden, match="SERVICE"):  # an allowed host must be a full IRI
        check_query(query, Limits(allowed_service_hosts=("example.org",)))


@pytest.mark.parametrize("opener", ["{ ", "( ", "[ :p "])
def test_issue_10_escaped_hash_hides_no_nesting(opener):
    closer = {"{ ": "} ", "( ": ") ", "[ :p ": "] "}[opener]
    body = "?s ?p " + "(" * 250 + "1" + ")" * 250 if opener == "( " else "?s ?p ?o"
    if opener == "{ ":
        query = (
            "PREFIX : <urn:x/> SELECT * { ?s ?p :o\\# " + opener * 250 + body + closer * 250 + "}"
        )
    elif opener == "( ":
        query = "PREFIX : <urn:x/> SELECT * { ?s ?p :o\\# . " + body + " }"
    else:
        query = "PREFIX : <urn:x/> SELECT * { ?s :p\\# " + opener * 250 + "1 " + closer * 250 + "}"
    with pytest.raises(BadRequest, match="nests 25[0-9] levels"):
        check_query(query, Limits(max_depth=200))


MUTATIONS = ["\\#", "#x\n", " # } SERVICE\n", "'#'", '"}"', "<urn:#>"]


@pytest.mark.parametrize("query", POSITIVE[:20])
@pytest.mark.parametrize("mutation", MUTATIONS)
def test_mutated_queries_with_service_appended_are_always_refused(query, mutation):
    # Whatever text comes before it, a SERVICE that follows on the same line is seen.
    text = query.rstrip()
    cut = text.rfind("}")
    if cut < 0:
        pytest.skip("no group to add SERVICE to")
    prefix = "PREFIX ex: <urn:x/> " if mutation == "\\#" else ""
    filler = "ex:o" + mutation + " ?p ?o ." if mutation == "\\#" else ""
    mutated = prefix + text[:cut] + " " + filler + " SERVICE <http://127.0.0.1:1/> { ?a ?b ?c } }"
    mutated = mutated.replace("SELECT", "SELECT", 1)
    if mutation not in ("\\#",):
        mutated = mutated.replace(
            " SERVICE", " " + mutation.replace("SERVICE", "x") + " SERVICE", 1
        )
    try:
        check_query(mutated)
    except Forbidden:
        return
    except (BadRequest, QuerySyntaxError):
        assert not engine_accepts(mutated)
        return
    pytest.fail(f"SERVICE not seen in {mutated!r}")
