"""OWL RL closure: dataset in, the new triples out. Build time only, never per request.

The closure is computed by reasonable (a Rust OWL 2 RL reasoner, some twenty times
faster than owlrl) together with the OWL 2 RL rules it does not implement, applied here
from the graph's own axioms until nothing new follows:

* prp-spo2, property chains (owl:propertyChainAxiom) of any length;
* the schema rules of table 9 it lacks: scm-cls, scm-spo, scm-eqp1, scm-eqp2, scm-eqc2,
  scm-dom1, scm-dom2, scm-rng1, scm-rng2, scm-hv, scm-svf1, scm-svf2, scm-avf1,
  scm-avf2, scm-int and scm-uni.

The result is owlrl's OWL-RL closure (without axiomatic and datatype triples), which
the tests check on the real graph.
"""

from __future__ import annotations

import reasonable
from rdflib import BNode, Graph, Literal
from rdflib.collection import Collection
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


def _chain(graph: Graph, steps: list) -> set:
    """The (x, y) linked by the property chain *steps*."""
    pairs = set(graph.subject_objects(steps[0]))
    for step in steps[1:]:
        pairs = {(x, z) for x, y in pairs for z in graph.objects(y, step)}
    return pairs


def _restrictions(graph: Graph, kind) -> list:
    """(class, property, filler) of the restrictions owl:someValuesFrom … (*kind*)."""
    return [
        (c, p, y) for c, y in graph.subject_objects(kind) for p in graph.objects(c, OWL.onProperty)
    ]


def _missing_rules(g: Graph):
    """The triples the rules reasonable lacks derive from *g* (see the module docstring)."""
    sco, spo = RDFS.subClassOf, RDFS.subPropertyOf
    for c in g.subjects(RDF.type, OWL.Class):  # scm-cls
        yield from ((c, sco, c), (c, OWL.equivalentClass, c), (c, sco, OWL.Thing))
        yield OWL.Nothing, sco, c
    for p, lst in g.subject_objects(OWL.propertyChainAxiom):  # prp-spo2
        yield from ((x, p, y) for x, y in _chain(g, list(Collection(g, lst))))
    for p, q in g.subject_objects(spo):
        yield from ((p, spo, r) for r in g.objects(q, spo))  # scm-spo
        if (q, spo, p) in g:
            yield p, OWL.equivalentProperty, q  # scm-eqp2
        yield from ((p, RDFS.domain, c) for c in g.objects(q, RDFS.domain))  # scm-dom2
        yield from ((p, RDFS.range, c) for c in g.objects(q, RDFS.range))  # scm-rng2
    for p, q in g.subject_objects(OWL.equivalentProperty):  # scm-eqp1
        yield from ((p, spo, q), (q, spo, p))
    for c, d in g.subject_objects(sco):
        if (d, sco, c) in g:
            yield c, OWL.equivalentClass, d  # scm-eqc2
    for prop in (RDFS.domain, RDFS.range):  # scm-dom1, scm-rng1
        for p, c in g.subject_objects(prop):
            yield from ((p, prop, d) for d in g.objects(c, sco))
    for c, lst in g.subject_objects(OWL.intersectionOf):  # scm-int
        yield from ((c, sco, d) for d in Collection(g, lst))
    for c, lst in g.subject_objects(OWL.unionOf):  # scm-uni
        yield from ((d, sco, c) for d in Collection(g, lst))
    hv = _restrictions(g, OWL.hasValue)
    for c1, p1, v1 in hv:  # scm-hv
        yield from ((c1, sco, c2) for c2, p2, v2 in hv if v1 == v2 and (p1, spo, p2) in g)
    for kind in (OWL.someValuesFrom, OWL.allValuesFrom):
        found = _restrictions(g, kind)
        for c1, p1, y1 in found:
            for c2, p2, y2 in found:
                if p1 == p2 and (y1, sco, y2) in g:  # scm-svf1, scm-avf1
                    yield c1, sco, c2
                if y1 == y2 and (p1, spo, p2) in g:  # scm-svf2, scm-avf2
                    yield (c1, sco, c2) if kind == OWL.someValuesFrom else (c2, sco, c1)


def infer(asserted: Graph) -> Graph:
    """Return the triples the OWL 2 RL rules add to *asserted*, without trivial ones.

    >>> from rdflib import URIRef as U
    >>> g = Graph()
    >>> _ = g.add((U("urn:a"), RDF.type, U("urn:C")))
    >>> _ = g.add((U("urn:C"), RDFS.subClassOf, U("urn:D")))
    >>> sorted(str(o) for _, _, o in infer(g))
    ['urn:D']
    """
    reasoner = reasonable.PyReasoner()
    reasoner.from_graph(reasoning_input(asserted))
    closed = Graph()
    while True:
        for s, p, o in reasoner.reason():
            if isinstance(o, Literal) and o.datatype == XSD.string:
                o = Literal(str(o))  # reasonable gives plain literals a datatype; owlrl not
            closed.add((s, p, o))
        new = {t for t in _missing_rules(closed) if t not in closed}
        if not new:
            break
        reasoner.from_graph(list(new))
    inferred = Graph()
    for triple in closed:
        if triple not in asserted and _keep(*triple):
            inferred.add(triple)
    return inferred


def schema_closure(schema: Graph) -> dict:
    """Read the axioms that data triples need from a closed schema (ontology ∪ its closure).

    :returns: superclasses, superproperties (reflexive), inverses, domains and ranges, by term.
    """
    sup_c: dict = {}
    for c, d in schema.subject_objects(RDFS.subClassOf):
        if not isinstance(d, BNode) and not isinstance(c, BNode):
            sup_c.setdefault(c, set()).add(d)
    sup_p: dict = {}
    for p, q in schema.subject_objects(RDFS.subPropertyOf):
        sup_p.setdefault(p, {p}).add(q)
    inverse: dict = {}
    for p, q in schema.subject_objects(OWL.inverseOf):
        inverse.setdefault(p, set()).add(q)
        inverse.setdefault(q, set()).add(p)
    domain: dict = {}
    rng: dict = {}
    for prop, table in ((RDFS.domain, domain), (RDFS.range, rng)):
        for p, c in schema.subject_objects(prop):
            if not isinstance(c, BNode):
                table.setdefault(p, set()).add(c)
    # prp-spo2 and prp-trp: a transitive property p is the chain (p p).
    chains = [
        (p, list(Collection(schema, lst)))
        for p, lst in schema.subject_objects(OWL.propertyChainAxiom)
    ]
    chains += [(p, [p, p]) for p in schema.subjects(RDF.type, OWL.TransitiveProperty)]
    return {
        "sup_c": sup_c,
        "sup_p": sup_p,
        "inverse": inverse,
        "domain": domain,
        "range": rng,
        "chains": chains,
    }


def _expand(triple, sup_p: dict, inverse: dict) -> set:
    """prp-spo1, prp-inv1 and prp-inv2 applied to one triple: it and what it entails."""
    s, p, o = triple
    out = set()
    for q in sup_p.get(p, {p}):
        out.add((s, q, o))
        if not isinstance(o, Literal):
            for r in inverse.get(q, ()):
                out.update((o, r2, s) for r2 in sup_p.get(r, {r}))
    return out


def _steps_index(axioms: dict, triples) -> tuple[dict, dict]:
    """Index the triples whose property is a chain step: (s, p) → objects, (o, p) → subjects."""
    steps = {p for _, chain in axioms["chains"] for p in chain}
    forward: dict = {}
    back: dict = {}
    for s, p, o in triples:
        if p in steps:
            forward.setdefault((s, p), set()).add(o)
            back.setdefault((o, p), set()).add(s)
    return forward, back


def _chains(edges: set, axioms: dict, context: tuple[dict, dict]) -> set:
    """Close *edges* under the property chains (prp-spo2, prp-trp), semi-naively.

    A step of a chain may pass through *context* (the index of the closed data of the other
    graphs: the organisation graphs' gwr:includes for gwr:binds ∘ gwr:includes); what is
    derived is expanded by the property axioms and may start further chains.
    """
    chains = axioms["chains"]
    if not chains:
        return set()
    forward, back = _steps_index(axioms, edges)
    forwards, backs = (context[0], forward), (context[1], back)
    derived: set = set()
    frontier = set(edges)
    while frontier:
        found = set()
        for head, chain in chains:
            for s, p, o in frontier:
                # A new triple can be any step of a chain; join left and right from it.
                for i, step in enumerate(chain):
                    if p != step:
                        continue
                    lefts = _walk(backs, reversed(chain[:i]), s)
                    rights = _walk(forwards, chain[i + 1 :], o)
                    found.update((x, head, y) for x in lefts for y in rights)
        new = set()
        for triple in found:
            new.update(_expand(triple, axioms["sup_p"], axioms["inverse"]))
        new -= edges | derived
        more_forward, more_back = _steps_index(axioms, new)
        for local, more in ((forward, more_forward), (back, more_back)):
            for key, values in more.items():
                local.setdefault(key, set()).update(values)
        derived |= new
        frontier = new
    return derived


def _walk(indexes: tuple[dict, ...], chain, start) -> set:
    """The nodes reached from *start* through the properties of *chain*, in any of *indexes*."""
    nodes = {start}
    for step in chain:
        nodes = {n2 for n in nodes for index in indexes for n2 in index.get((n, step), ())}
    return nodes


class DataRules:
    """What OWL RL derives from plain data triples under a closed schema, prepared once.

    For data that uses no OWL construct itself (no owl:sameAs, no class or property axioms:
    the rules, versions and drafted norms graphs of the corpus), OWL RL adds only prp-spo1,
    prp-inv1/2, prp-spo2, prp-trp, prp-dom, prp-rng and cax-sco; applied here over
    dictionaries, instead of a reasoner over the whole dataset. *context* is the closed data
    that chains may pass through (a drafted norm binds the members of an organisation graph's
    collective). Built once per build and handed to the worker processes.
    """

    def __init__(self, schema: Graph, context: Graph | None = None):
        self.axioms = schema_closure(schema)
        self.schema = set(schema)
        self.context = _steps_index(self.axioms, context if context is not None else ())

    def apply(self, data: Graph | list[Graph]) -> set:
        """Return the triples derived from *data* (one graph or several, read as one)."""
        axioms = self.axioms
        sup_p, inverse = axioms["sup_p"], axioms["inverse"]
        asserted: set = set()
        for graph in [data] if isinstance(data, Graph) else data:
            asserted.update(graph)
        edges = set()
        for triple in asserted:
            edges |= _expand(triple, sup_p, inverse)
        edges |= _chains(edges, axioms, self.context)
        types = set()
        for s, p, o in edges:
            if p == RDF.type:
                types.add((s, o))
                continue
            for c in axioms["domain"].get(p, ()):
                types.add((s, c))
            if not isinstance(o, Literal):
                for c in axioms["range"].get(p, ()):
                    types.add((o, c))
        sup_c = axioms["sup_c"]
        for s, c in types:
            for d in {c} | sup_c.get(c, set()):
                edges.add((s, RDF.type, d))
        return {t for t in edges - asserted if t not in self.schema and _keep(*t)}


def infer_data(data: Graph | list[Graph], schema: Graph, context: Graph | None = None) -> Graph:
    """Return what OWL RL derives from plain data triples under a closed *schema*.

    See :class:`DataRules`; the tests compare it with :func:`infer`.
    """
    derived = Graph()
    for triple in DataRules(schema, context).apply(data):
        derived.add(triple)
    return derived
