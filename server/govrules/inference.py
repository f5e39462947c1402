"""OWL RL closure: dataset in, the new triples out. Build time only, never per request."""

from __future__ import annotations

import owlrl
from rdflib import BNode, Graph, Literal
from rdflib.namespace import OWL, RDF, RDFS, XSD

# Terms of the W3C vocabularies themselves: what owlrl says about them is noise to users.
_BUILTIN = tuple(str(ns) for ns in (RDF, RDFS, OWL, XSD))
_TRIVIAL_TYPES = {OWL.Thing, RDFS.Resource, OWL.NamedIndividual}


def _keep(s, p, o) -> bool:
    if isinstance(s, Literal) or str(s).startswith(_BUILTIN):
        return False
    # Blank nodes are the ontology's anonymous class expressions: typing a resource with
    # one, or deriving facts about one, tells users nothing the named classes do not.
    if isinstance(s, BNode) or isinstance(o, BNode):
        return False
    if p == OWL.sameAs and s == o:
        return False
    if p == RDF.type and o in _TRIVIAL_TYPES:
        return False
    if p in (RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, OWL.equivalentProperty):
        return s != o and not str(o).startswith(_BUILTIN)
    return True


_SCHEMA = (str(RDF), str(RDFS), str(OWL))
# Declaring a property (owl:ObjectProperty, owl:AnnotationProperty …) lets nothing be
# derived from its triples; these characteristics do.
_CHARACTERISTICS = {
    OWL.TransitiveProperty,
    OWL.SymmetricProperty,
    OWL.FunctionalProperty,
    OWL.InverseFunctionalProperty,
    OWL.IrreflexiveProperty,
    OWL.AsymmetricProperty,
    OWL.ReflexiveProperty,
}


def reasoning_input(asserted: Graph) -> Graph:
    """Return the triples that can take part in an OWL RL inference.

    A data triple whose property no schema triple mentions (labels, definitions, the
    text of provisions, citations between resources) can only yield noise: OWL RL
    derives from a data triple only through axioms about its property. Leaving those
    out makes the closure several times faster; owl:sameAs would make any triple
    matter, so a graph using it is kept whole.
    """
    if (None, OWL.sameAs, None) in asserted:
        return Graph() + asserted
    described = set()
    for s, p, o in asserted:
        if str(p).startswith(_SCHEMA) and p != RDF.type:
            described.add(s)
            described.add(o)
        elif p == RDF.type and o in _CHARACTERISTICS:
            described.add(s)
    kept = Graph()
    for triple in asserted:
        p = triple[1]
        schema = str(p).startswith(_SCHEMA) and not isinstance(triple[2], Literal)
        if p == RDF.type or p in described or schema:
            kept.add(triple)
    return kept


def infer(asserted: Graph) -> Graph:
    """Return the triples the OWL 2 RL rules add to *asserted*, without trivial ones.

    >>> from rdflib import URIRef as U
    >>> g = Graph()
    >>> _ = g.add((U("urn:a"), RDF.type, U("urn:C")))
    >>> _ = g.add((U("urn:C"), RDFS.subClassOf, U("urn:D")))
    >>> sorted(str(o) for _, _, o in infer(g))
    ['urn:D']
    """
    closed = reasoning_input(asserted)
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False
    ).expand(closed)
    inferred = Graph()
    for triple in closed:
        if triple not in asserted and _keep(*triple):
            inferred.add(triple)
    return inferred
