"""The ontology documentation page and the shapes page, read from their named graphs."""

from __future__ import annotations

from collections import defaultdict

from rdflib import BNode, URIRef

from govrules.namespaces import OWL, RDFS, SKOS, sparql_prologue
from govrules.web.pages.common import Site, _natural, group

TERMS = (
    sparql_prologue()
    + """
SELECT ?g ?term ?kind ?p ?o WHERE { GRAPH ?g {
  ?term a ?kind FILTER(isIRI(?term))
  FILTER(?kind IN (owl:Class, owl:ObjectProperty, owl:DatatypeProperty, owl:AnnotationProperty,
                   skos:ConceptScheme))
  ?term ?p ?o
  FILTER(?p IN (rdfs:label, skos:prefLabel, skos:definition, rdfs:comment, rdfs:subClassOf,
                rdfs:subPropertyOf, rdfs:domain, rdfs:range, owl:equivalentClass,
                owl:inverseOf, owl:deprecated, skos:exactMatch, skos:closeMatch))
} }"""
)
SHAPES = (
    sparql_prologue()
    + """
SELECT ?g ?shape ?p ?o ?bp ?bo WHERE { GRAPH ?g {
  ?shape a sh:NodeShape ; ?p ?o FILTER(isIRI(?shape))
  OPTIONAL { FILTER(isBlank(?o)) ?o ?bp ?bo }
} }"""
)
SECTIONS = (
    (str(OWL.Class), "类", "Classes"),
    (str(OWL.ObjectProperty), "对象属性", "Object properties"),
    (str(OWL.DatatypeProperty), "数据属性", "Datatype properties"),
    (str(OWL.AnnotationProperty), "注释属性", "Annotation properties"),
    (str(SKOS.ConceptScheme), "概念体系", "Concept schemes"),
)
_TEXT = {str(RDFS.label), str(SKOS.prefLabel), str(SKOS.definition), str(RDFS.comment)}


def ontology_page(site: Site) -> dict:
    """Return the view model of the ontology documentation: terms by kind, with zh/en text."""
    graph = URIRef(site.base + "graph/ontology")
    kinds: dict[str, set] = defaultdict(set)
    facts: dict[str, list] = defaultdict(list)
    for row in site.store.query(TERMS, bindings={"g": graph}).rows():
        kinds[str(row["kind"])].add(str(row["term"]))
        if (row["p"], row["o"]) not in facts[str(row["term"])]:
            facts[str(row["term"])].append((row["p"], row["o"]))
    sections = []
    for kind, zh, en in SECTIONS:
        terms = []
        for term in sorted(kinds.get(kind, ()), key=lambda t: site.curie(t).lower()):
            pairs = facts[term]
            texts = [(p, o) for p, o in pairs if str(p) in _TEXT]
            links = [(p, o) for p, o in pairs if str(p) not in _TEXT and not isinstance(o, BNode)]
            terms.append(
                {
                    "ref": site.ref(term),
                    "anchor": term.rsplit("#", 1)[-1] if "#" in term else "",
                    "texts": group(site, texts),
                    "links": group(site, links),
                }
            )
        sections.append({"zh": zh, "en": en, "terms": terms, "id": en.lower().replace(" ", "-")})
    return {"sections": sections}


def shapes_page(site: Site) -> dict:
    """Return the view model of the shapes page: each named shape with its facts."""
    graph = URIRef(site.base + "graph/shapes")
    pairs: dict[str, list] = defaultdict(list)
    blanks: dict[str, list] = defaultdict(list)
    for row in site.store.query(SHAPES, bindings={"g": graph}).rows():
        pair = (row["p"], row["o"])
        if pair not in pairs[str(row["shape"])]:
            pairs[str(row["shape"])].append(pair)
        if "bp" in row and (row["bp"], row["bo"]) not in blanks[str(row["o"])]:
            blanks[str(row["o"])].append((row["bp"], row["bo"]))
    shapes = [
        {
            "ref": site.ref(shape),
            "anchor": shape.rsplit("#", 1)[-1],
            "facts": group(site, pairs[shape], blanks),
        }
        for shape in sorted(pairs, key=_natural)
    ]
    return {"shapes": shapes}
