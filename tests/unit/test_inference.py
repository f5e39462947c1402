"""The OWL RL closure: what it adds, and that trimming its input changes nothing."""

import owlrl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from govrules.knowledge.inference import _keep, infer
from govrules.namespaces import GWR

EX = "urn:ex:"
TBOX = f"""
@prefix gwr: <{GWR}> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
gwr:bearer rdfs:subPropertyOf gwr:binds .
gwr:includes a owl:TransitiveProperty .
gwr:binds owl:propertyChainAxiom ( gwr:binds gwr:includes ) .
gwr:Obligation rdfs:subClassOf gwr:Norm .
"""


def graph_with(*triples) -> Graph:
    graph = Graph().parse(data=TBOX, format="turtle")
    for triple in triples:
        graph.add(triple)
    return graph


def test_duties_of_a_collective_bind_its_members_transitively():
    norm, members, mayor = URIRef(EX + "n"), URIRef(EX + "members"), URIRef(EX + "mayor")
    leaders = URIRef(EX + "leaders")
    inferred = infer(
        graph_with(
            (norm, GWR.bearer, members),
            (members, GWR.includes, leaders),
            (leaders, GWR.includes, mayor),
            (norm, RDF.type, GWR.Obligation),
        )
    )
    assert (norm, GWR.binds, mayor) in inferred
    assert (norm, GWR.binds, members) in inferred
    assert (norm, RDF.type, GWR.Norm) in inferred


def test_asserted_triples_are_not_repeated():
    norm = URIRef(EX + "n")
    inferred = infer(graph_with((norm, RDF.type, GWR.Obligation)))
    assert (norm, RDF.type, GWR.Obligation) not in inferred


def test_labels_do_not_change_the_result():
    norm = URIRef(EX + "n")
    plain = graph_with((norm, RDF.type, GWR.Obligation))
    labelled = graph_with(
        (norm, RDF.type, GWR.Obligation), (norm, RDFS.label, Literal("义务", lang="zh"))
    )
    assert set(infer(plain)) == set(infer(labelled))


def test_trimmed_input_gives_the_full_closure(built):
    """The real graph: owlrl over everything and over the trimmed input agree."""
    asserted = Graph()
    for name, graph in built.graphs.items():
        if not name.endswith("/inferred"):
            asserted += graph
    full = Graph() + asserted
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False
    ).expand(full)
    expected = {t for t in full if t not in asserted and _keep(*t)}
    assert set(infer(asserted)) == expected


def test_the_data_closure_follows_chains_through_the_context():
    """A drafted norm (plain data) binds the members of a collective of another graph."""
    from govrules.knowledge.inference import infer_data

    norm, members, mayor = URIRef(EX + "n"), URIRef(EX + "members"), URIRef(EX + "mayor")
    leaders = URIRef(EX + "leaders")
    org = graph_with((members, GWR.includes, leaders), (leaders, GWR.includes, mayor))
    closed = org + infer(org)
    data = Graph()
    data.add((norm, GWR.bearer, members))
    data.add((norm, RDF.type, GWR.Obligation))
    light = infer_data(data, closed, context=closed)
    assert (norm, GWR.binds, mayor) in light and (norm, GWR.binds, leaders) in light
    # The same as the reasoner over everything, less what the other graphs held already.
    assert set(light) == set(infer(org + data)) - set(closed)
    # Without the context, the chain has nothing to pass through.
    assert (norm, GWR.binds, mayor) not in infer_data(data, closed)


def test_the_data_closure_of_a_transitive_property_in_the_data():
    from govrules.knowledge.inference import infer_data

    a, b, c = (URIRef(EX + x) for x in "abc")
    schema = graph_with()
    data = Graph()
    data.add((a, GWR.includes, b))
    data.add((b, GWR.includes, c))
    assert (a, GWR.includes, c) in infer_data(data, schema + infer(schema))
