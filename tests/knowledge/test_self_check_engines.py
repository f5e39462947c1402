"""The build's self-check: pyrudof (the default engine) finds what pySHACL finds."""

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from govrules import namespaces as ns
from govrules.errors import BuildError
from govrules.knowledge.checks import findings, self_check
from govrules.namespaces import ELI, GWR

from ..conftest import ROOT

SHAPES = ROOT / "shapes" / "ontology"
DOC = "https://w3id.org/govrules/eli/cn/330382/work-rules/2020"
NPCSC = "https://w3id.org/govrules/eli/cn/100000/rules-of-procedure/1987"


@pytest.fixture(scope="module")
def checked(built) -> Graph:
    """What the build checks: every graph but the shapes, inferred triples included."""
    merged = Graph()
    for name, graph in built.graphs.items():
        if name != ns.graph_iri("shapes"):
            merged += graph
    return merged


def first(graph: Graph, kind, prefix: str) -> URIRef:
    return min(s for s in graph.subjects(RDF.type, kind) if str(s).startswith(prefix))


@pytest.fixture(scope="module")
def broken(checked):
    """The real graph with eight faults, each on another node, and the nodes at fault."""
    g = Graph() + checked
    article = URIRef(f"{DOC}/art_7")
    g.remove((article, GWR.text, None))  # a provision without its text
    norm = first(g, GWR.Obligation, f"{DOC}/norm/")
    g.remove((norm, GWR.bearer, None))  # a curated norm without a bearer
    para = URIRef(f"{DOC}/art_8/para_1")
    g.add((para, RDFS.label, Literal("第二个标签", lang="zh")))  # two zh labels
    draft = first(g, GWR.Obligation, f"{NPCSC}/2022-06-24/norm/draft/")
    g.remove((draft, GWR.hasLegalSource, None))
    g.add((draft, GWR.hasLegalSource, URIRef(f"{DOC}/nowhere")))  # cites what is no provision
    version = URIRef(f"{NPCSC}/2009-04-24")
    date = g.value(version, ELI.version_date)
    g.remove((version, ELI.version_date, None))
    g.add((version, ELI.version_date, Literal(str(date), datatype=XSD.string)))  # not a date
    action = first(g, GWR.Power, f"{DOC}/norm/")
    g.remove((action, ns.ODRL.action, None))  # a norm without its action
    chapter = URIRef(f"{DOC}/chp_2")
    g.remove((chapter, ELI.number, None))  # a chapter without its number
    body = URIRef("https://w3id.org/govrules/id/cn/330382/body/cppcc")
    for prop in (RDFS.label, SKOS.prefLabel):
        for label in list(g.objects(body, prop)):
            if label.language == "en":
                g.remove((body, prop, label))  # a body without its English name
    faults = {article, norm, para, draft, version, action, chapter, body}
    return g, faults


def test_both_engines_pass_the_real_graph(checked):
    assert findings(checked, SHAPES, engine="rudof") == []
    assert findings(checked, SHAPES, engine="pyshacl") == []


def test_both_engines_find_the_same_faults(broken):
    graph, faults = broken
    rudof = findings(graph, SHAPES, engine="rudof")
    pyshacl = findings(graph, SHAPES, engine="pyshacl")
    assert {(f, p, c) for f, p, c, _, _ in rudof} == {(f, p, c) for f, p, c, _, _ in pyshacl}
    # Every fault is found, and nothing else.
    assert {URIRef(f) for f, *_ in rudof} == faults


def test_the_report_names_the_node_and_says_what_is_wrong_in_both_languages(broken):
    graph, _ = broken
    with pytest.raises(BuildError) as caught:
        self_check(graph.serialize(format="nt", encoding="utf-8"), SHAPES)
    text = str(caught.value)
    assert "does not conform to its own shapes" in text and "result(s)" in text
    line = next(x for x in text.splitlines() if x.startswith(f"{DOC}/art_7 "))
    assert str(GWR.text) in line and "MinCountConstraintComponent" in line
    assert any("\u4e00" <= ch <= "\u9fff" for ch in line)  # the zh message
    assert "must" in line or "should" in line  # the en message


def test_an_unknown_engine_is_refused(checked):
    with pytest.raises(ValueError, match="unknown engine"):
        findings(checked, SHAPES, engine="fast")
