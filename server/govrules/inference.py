"""OWL RL closure: dataset in, the new triples out. Build time only, never per request."""

from __future__ import annotations

import owlrl
from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDF, RDFS, XSD

# Terms of the W3C vocabularies themselves: what owlrl says about them is noise to users.
_BUILTIN = tuple(str(ns) for ns in (RDF, RDFS, OWL, XSD))
_TRIVIAL_TYPES = {OWL.Thing, RDFS.Resource, OWL.NamedIndividual}


def _keep(s, p, o) -> bool:
    if isinstance(s, Literal) or str(s).startswith(_BUILTIN):
        return False
    if p == OWL.sameAs and s == o:
        return False
    if p == RDF.type and o in _TRIVIAL_TYPES:
        return False
    if p in (RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, OWL.equivalentProperty):
        return s != o and not str(o).startswith(_BUILTIN)
    return True


_PROPERTY_AXIOMS = (
    RDFS.domain,
    RDFS.range,
    RDFS.subPropertyOf,
    OWL.equivalentProperty,
    OWL.inverseOf,
    OWL.propertyChainAxiom,
)


def reasoning_input(asserted: Graph) -> Graph:
    """Return the triples that can take part in an inference.

    A literal-valued triple whose property no axiom mentions (labels, definitions, the
    text of provisions) can yield nothing but noise; leaving those out halves the time.
    """
    described = set()
    for s, p, o in asserted:
        if p in _PROPERTY_AXIOMS:
            described.add(s)
            described.add(o)
    kept = Graph()
    for triple in asserted:
        if not isinstance(triple[2], Literal) or triple[1] in described:
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
