"""The shipped corpus: 15 works, the NPCSC's versions, the rules as of a date, changes, on both
backends; the organisation graphs of the congresses; the closure of the plain-data graphs."""

import datetime as dt

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from govrules.knowledge.catalog import read
from govrules.knowledge.inference import infer, infer_data
from govrules.namespaces import GWR, graph_iri
from govrules.query import asof
from govrules.query.questions import ask

from ..conftest import ROOT

NPCSC = "全国人民代表大会常务委员会议事规则"
WORK = "https://w3id.org/govrules/eli/cn/100000/rules-of-procedure/1987"
CODES = ("100000", "110000", "310000", "330000", "370000", "410000", "440000", "500000")


def texts(rows) -> str:
    return "\n".join(str(r["paragraphText"]) for r in rows)


def test_the_catalog_holds_yueqing_and_the_fourteen_rules_of_procedure():
    catalog = read(ROOT / "data")
    sources = [s for e in catalog.documents for s in e.sources]
    assert len(sources) == 15
    assert len(catalog.documents) == 14  # the NPCSC's two texts are one work
    npcsc = catalog.find("100000-rules-of-procedure-1987")
    assert len(npcsc.sources) == 2


def test_npcsc_rules_have_three_events_and_two_texts(any_store):
    rows = ask(any_store, "versions", {"document": NPCSC}).rows()
    events = [(str(r["date"]), str(r["kind"]), str(r["textKnown"])) for r in rows]
    assert events == [
        ("1987-11-24", "adopted", "false"),
        ("2009-04-24", "amended", "true"),
        ("2022-06-24", "amended", "true"),
    ]
    assert "第十一届全国人民代表大会常务委员会第八次会议" in str(rows[1]["meeting"])
    assert "关于修改" in str(rows[2]["amendingAct"])


@pytest.mark.parametrize("title", [NPCSC, "中华人民共和国" + NPCSC, f"《{NPCSC}》", WORK])
def test_the_2009_quorum_article_as_of_2015(any_store, title):
    values = {"document": title, "number": "第四条", "asOf": "2015-06-01"}
    rows = ask(any_store, "provision", values).rows()
    assert {str(r["version"]) for r in rows} == {WORK + "/2009-04-24"}
    assert "才能举行" in texts(rows)


def test_the_2022_quorum_article_as_of_2023(any_store):
    values = {"document": NPCSC, "number": "第七条", "as-of": "2023-01-01"}
    rows = ask(any_store, "provision", values).rows()
    assert {str(r["article"]) for r in rows} == {WORK + "/2022-06-24/art_7"}
    assert "始得举行" in texts(rows)


def test_without_a_date_the_latest_text_answers(any_store):
    rows = ask(any_store, "provision", {"document": NPCSC, "number": "7"}).rows()
    assert {str(r["version"]) for r in rows} == {WORK + "/2022-06-24"}


@pytest.mark.parametrize(
    ("day", "reason"), [("2000-01-01", "not in the corpus"), ("1980-01-01", "did not stand yet")]
)
def test_before_a_known_text_no_row_and_a_clear_reason(any_store, day, reason):
    rows = ask(any_store, "provision", {"document": NPCSC, "number": "4", "asOf": day}).rows()
    assert rows == []
    state = asof.in_force(any_store, WORK, dt.date.fromisoformat(day))
    assert not state.has_text and reason in state.explain()


def test_changes_list_the_renumbered_quorum_article(any_store):
    values = {"document": NPCSC, "from": "2015-01-01", "to": "2023-01-01"}
    rows = ask(any_store, "changes", values).rows()
    by_old = {str(r["oldNumber"]): r for r in rows if "oldNumber" in r}
    quorum = by_old["4"]
    assert str(quorum["newNumber"]) == "7"
    assert "renumbered" in str(quorum["change"]) and "changed" in str(quorum["change"])
    assert "才能举行" in str(quorum["oldText"]) and "始得举行" in str(quorum["newText"])
    added = {str(r["newNumber"]) for r in rows if str(r["change"]) == "added"}
    assert {"2", "3"} <= added  # 坚持中国共产党的领导, 全过程人民民主: new in 2022


def test_the_counterpart_of_an_article_in_the_older_version(any_store):
    found = asof.counterpart(any_store, WORK + "/2022-06-24/art_7", WORK + "/2009-04-24")
    assert found == WORK + "/2009-04-24/art_4"


def test_the_existing_provision_question_works_without_a_document(any_store):
    rows = ask(any_store, "provision", {"number": "25"}).rows()
    assert any("15日内向市政府备案" in str(r["paragraphText"]) for r in rows)


@pytest.mark.parametrize("code", CODES)
def test_every_congress_jurisdiction_has_its_organisation(oxigraph_store, code):
    base = f"https://w3id.org/govrules/id/cn/{code}/"
    rows = oxigraph_store.query(
        "SELECT ?x ?cited ?code WHERE { ?x <https://w3id.org/govrules/ontology#jurisdiction> ?code "
        "OPTIONAL { ?x <https://w3id.org/govrules/ontology#mentionedIn> ?p . "
        "?p <http://data.europa.eu/eli/ontology#number> ?n BIND(?p AS ?cited) } "
        f'FILTER(STRSTARTS(STR(?x), "{base}")) }}',
        bindings={"code": __import__("rdflib").Literal(code)},
    ).rows()
    found = {str(r["x"])[len(base) :] for r in rows}
    assert {
        "body/people-congress",
        "body/standing-committee",
        "body/presidium",
        "body/council-of-chairpersons",
        "post/standing-committee-chair",
        "post/standing-committee-vice-chair",
        "post/secretary-general",
        "group/standing-committee-members",
        "group/deputies",
        "body/special-committees",
    } <= found
    # Each citation names an article that exists in the build (it has a number).
    cited = [r for r in rows if "cited" in r]
    assert len(cited) >= 8


def test_every_issuer_is_a_body_of_an_organisation_graph(oxigraph_store):
    rows = oxigraph_store.query(
        "SELECT ?work ?body WHERE { ?work <http://data.europa.eu/eli/ontology#is_realized_by> ?v ;"
        " <http://data.europa.eu/eli/ontology#passed_by> ?body "
        "FILTER NOT EXISTS { ?body a <https://w3id.org/govrules/ontology#PublicBody> } }"
    ).rows()
    assert rows == []


def test_the_data_closure_is_the_reasoners_for_a_corpus_document(built):
    ontology = built.graphs[graph_iri("ontology")]
    doc = "110000-rules-of-procedure-1988"
    data = built.graphs[graph_iri("rules", doc)] + built.graphs[graph_iri("versions", doc)]
    full = infer(ontology + data)
    schema = ontology + infer(ontology)
    light = infer_data(data, schema)
    assert set(light) == set(full) - set(schema)
    article = URIRef(
        "https://w3id.org/govrules/eli/cn/110000/rules-of-procedure/1988/2010-12-23/art_1"
    )
    assert (article, RDF.type, GWR.Provision) in light


def test_the_split_closure_is_the_reasoners_over_everything(built):
    """The reasoner over the curated part, the data rules over the rest: the same closure."""
    from govrules.knowledge.build import infer_split, union

    skip = {graph_iri("inferred"), graph_iri("shapes")}
    graphs = {n: g for n, g in built.graphs.items() if n not in skip}
    split = infer_split(graphs)
    assert set(split) == set(infer(union(graphs.values())))
    # Drafted norms (data rules) bind, through an organisation graph, what their bearer includes.
    drafts = union(g for n, g in graphs.items() if n.startswith(graph_iri("norms-draft") + "/"))
    through = [
        (n, p)
        for n, p in split.subject_objects(GWR.binds)
        if (n, GWR.bearer, p) not in drafts and (n, None, None) in drafts
    ]
    assert through


def test_yueqing_graphs_keep_their_triples(built):
    rules = built.graphs[graph_iri("rules", "330382-work-rules-2020")]
    assert len([s for s in rules.subjects(RDF.type, GWR.Article)]) == 34
    assert isinstance(rules, Graph)
