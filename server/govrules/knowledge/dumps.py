"""Dumps and the VoID description: what the build wrote, the build id, dataset statistics."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from govrules.namespaces import SD, VOID, bind_prefixes

MEDIA = {
    ".nq": "application/n-quads",
    ".trig": "application/trig",
    ".ttl": "text/turtle; charset=utf-8",
    ".jsonld": "application/ld+json",
    ".gz": "application/gzip",
}
STATS = """SELECT ?g (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects)
  (COUNT(DISTINCT ?p) AS ?properties) (COUNT(DISTINCT ?o) AS ?objects)
WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"""
ENTITIES = """SELECT ?g (COUNT(DISTINCT ?s) AS ?entities) WHERE {
  GRAPH ?g { ?s ?p ?o FILTER(isIRI(?s)) } } GROUP BY ?g"""
CLASSES = """SELECT ?g (COUNT(DISTINCT ?c) AS ?classes) WHERE {
  GRAPH ?g { ?s a ?c } } GROUP BY ?g"""


@dataclass(frozen=True)
class Dump:
    """One downloadable file of the build."""

    name: str
    size: int
    media: str


def build_id(store, build_dir: Path) -> str:
    """Return the id of the build served: the one ``build.write`` recorded, or the hash of
    the store's N-Quads (memory stores in tests)."""
    recorded = build_dir / "build-id"
    if recorded.is_file():
        return recorded.read_text(encoding="ascii").strip()
    return hashlib.sha256(store.dump(format="nquads")).hexdigest()


def list_dumps(folder: Path) -> list[Dump]:
    """Return the dumps found in *folder*, sorted by name (none if it does not exist)."""
    if not folder.is_dir():
        return []
    return [
        Dump(p.name, p.stat().st_size, media_type(p.name))
        for p in sorted(folder.iterdir())
        if p.is_file() and media_type(p.name)
    ]


def media_type(name: str) -> str:
    """Return the media type of a dump file name, or '' for anything else.

    >>> media_type("govrules.nq.gz"), media_type("notes.txt")
    ('application/gzip', '')
    """
    return MEDIA.get(Path(name).suffix, "")


def statistics(store) -> dict[str, dict[str, int]]:
    """Return per named graph: triples, entities, classes, properties, distinct subjects/objects."""
    stats: dict[str, dict[str, int]] = {}
    for query in (STATS, ENTITIES, CLASSES):
        for row in store.query(query).rows():
            entry = stats.setdefault(str(row["g"]), {})
            entry.update({k: int(v.toPython()) for k, v in row.items() if k != "g"})
    return dict(sorted(stats.items()))


def void_graph(stats: dict, *, base: str, site: str, dumps: list[Dump]) -> Graph:
    """Return the VoID description of the dataset.

    :param site: the root URL the service answers on (links to the endpoint and dumps).
    """
    g = Graph()
    bind_prefixes(g)
    dataset = URIRef(site.rstrip("/") + "/.well-known/void#govrules")
    g.add((dataset, RDF.type, VOID.Dataset))
    g.add((dataset, DCTERMS.title, Literal("政府工作规则知识图谱", lang="zh")))
    g.add((dataset, DCTERMS.title, Literal("Government work rules knowledge graph", lang="en")))
    g.add((dataset, VOID.uriSpace, Literal(base)))
    g.add((dataset, VOID.sparqlEndpoint, URIRef(site.rstrip("/") + "/sparql")))
    g.add((dataset, VOID.vocabulary, URIRef(base + "ontology#")))
    for dump in dumps:
        g.add((dataset, VOID.dataDump, URIRef(f"{site.rstrip('/')}/dumps/{dump.name}")))
    total = sum(s.get("triples", 0) for s in stats.values())
    g.add((dataset, VOID.triples, Literal(total, datatype=XSD.integer)))
    for name, entry in stats.items():
        subset = URIRef(f"{dataset}-{name[len(base) :].replace('/', '-')}")
        g.add((dataset, VOID.subset, subset))
        g.add((subset, RDF.type, VOID.Dataset))
        g.add((subset, SD.name, URIRef(name)))
        for key in ("triples", "entities", "classes", "properties"):
            g.add((subset, VOID[key], Literal(entry.get(key, 0), datatype=XSD.integer)))
        g.add(
            (subset, VOID.distinctSubjects, Literal(entry.get("subjects", 0), datatype=XSD.integer))
        )
        g.add(
            (subset, VOID.distinctObjects, Literal(entry.get("objects", 0), datatype=XSD.integer))
        )
    return g
