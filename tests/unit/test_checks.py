"""Citations of provisions that the build did not parse are named, graph by graph."""

from rdflib import Graph, Literal, URIRef

from govrules import namespaces as ns
from govrules.knowledge.checks import dangling

ELI = ns.DEFAULT_BASE + "eli/cn/500000/rules-of-procedure/1997/2023-03-30/"


def _graphs(*cited: str) -> dict[str, Graph]:
    rules = Graph()
    rules.add((URIRef(ELI + "art_1"), ns.RDFS.label, Literal("第一条", lang="zh")))
    org = Graph()
    for i, target in enumerate(cited):
        org.add((URIRef(f"urn:x:{i}"), ns.GWR.mentionedIn, URIRef(ELI + target)))
    return {ns.graph_iri("rules", "500000-x"): rules, ns.graph_iri("org", "500000"): org}


def test_citations_of_parsed_provisions_pass():
    assert dangling(_graphs("art_1")) == []


def test_a_missing_provision_is_named_with_its_graph():
    lines = dangling(_graphs("art_1", "art_6", "art_9"))
    assert len(lines) == 1
    assert lines[0].startswith(ns.graph_iri("org", "500000") + " cites 2 provision(s)")
    assert f"<{ELI}art_6>" in lines[0] and f"<{ELI}art_1>" not in lines[0]


def test_long_lists_are_cut():
    lines = dangling(_graphs(*(f"art_{n}" for n in range(2, 12))), limit=3)
    assert lines[0].endswith("and 7 more")


def test_iris_outside_the_eli_base_are_not_provisions_of_the_build():
    graphs = _graphs()
    org = graphs[ns.graph_iri("org", "500000")]
    org.add((URIRef("urn:x"), ns.GWR.mentionedIn, URIRef("http://example.org/elsewhere")))
    assert dangling(graphs) == []
