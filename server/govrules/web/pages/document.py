"""A work-rules document, or any part of it, as a readable text with its norms and shapes."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

from govrules.namespaces import GWR, sparql_prologue
from govrules.web.pages.common import Ref, Site, _natural
from govrules.web.pages.norms import norms_under, shapes_under

TREE = (
    sparql_prologue()
    + """
SELECT ?root ?p ?type ?parent ?number ?ordinal ?heading ?title ?text WHERE {
  ?p eli:is_part_of* ?root ; a ?type .
  FILTER(?type IN (gwr:WorkRules, gwr:Version, gwr:Part, gwr:Chapter, gwr:Section, gwr:Article,
                   gwr:Paragraph, gwr:Item))
  OPTIONAL { ?p gwr:ordinal ?ordinal }
  OPTIONAL { ?p eli:is_part_of ?parent }
  OPTIONAL { ?p eli:number ?number }
  OPTIONAL { ?p gwr:heading ?heading FILTER(lang(?heading) = "zh") }
  OPTIONAL { ?p eli:title ?title FILTER(lang(?title) = "zh") }
  OPTIONAL { ?p gwr:text ?text FILTER(lang(?text) = "zh") }
}"""
)
UP = sparql_prologue() + "SELECT ?root ?up WHERE { ?root eli:is_part_of+ ?up }"
DOC_FACTS = (
    sparql_prologue()
    + """
SELECT ?doc ?title ?date ?adopted ?issuer WHERE {
  VALUES ?kind { gwr:WorkRules gwr:Version } ?doc a ?kind .
  OPTIONAL { ?doc eli:title ?title } OPTIONAL { ?doc eli:date_document ?date }
  OPTIONAL { ?doc gwr:adoptedAt ?adopted } OPTIONAL { ?doc eli:passed_by ?issuer }
}"""
)
KINDS = {
    str(GWR.WorkRules): "document",
    str(GWR.Version): "document",
    str(GWR.Part): "part",
    str(GWR.Section): "section",
    str(GWR.Chapter): "chapter",
    str(GWR.Article): "article",
    str(GWR.Paragraph): "paragraph",
    str(GWR.Item): "item",
}


@dataclass
class Node:
    """A provision (or the document) with its children, norms and shapes."""

    ref: Ref
    kind: str
    anchor: str
    number: str = ""
    ordinal: int = 0
    heading: str = ""
    title: str = ""
    text: str = ""
    children: list = field(default_factory=list)
    norms: list = field(default_factory=list)
    shapes: list = field(default_factory=list)


def provision_page(site: Site, iri: str) -> dict:
    """Return the view model of a document or provision page: the subtree under *iri*."""
    root = URIRef(iri)
    nodes: dict[str, Node] = {}
    parents: dict[str, str] = {}
    for row in site.store.query(TREE, bindings={"root": root}).rows():
        key = str(row["p"])
        node = nodes.get(key)
        if node is None:
            node = nodes[key] = Node(site.ref(key), KINDS[str(row["type"])], anchor(key))
        node.number = str(row.get("number", ""))
        node.ordinal = int(row["ordinal"].toPython()) if "ordinal" in row else 0
        node.heading = str(row.get("heading", ""))
        node.title = str(row.get("title", ""))
        node.text = str(row.get("text", ""))
        if "parent" in row:
            parents[key] = str(row["parent"])
    for key, node in nodes.items():
        parent = nodes.get(parents.get(key, ""))
        if parent is not None and key != iri:
            parent.children.append(node)
    for node in nodes.values():
        node.children.sort(key=lambda n: (n.ordinal, _natural(n.ref.iri)))
    for norm in norms_under(site, iri):
        for source in norm.sources:
            if source.iri in nodes:
                nodes[source.iri].norms.append(norm)
    for source, shapes in shapes_under(site, iri).items():
        if source in nodes:
            nodes[source].shapes = shapes
    up = [site.ref(r["up"]) for r in site.store.query(UP, bindings={"root": root}).rows()]
    up.sort(key=lambda r: len(r.iri))
    return {"root": nodes[iri], "breadcrumbs": up, "document": _document(site, up, iri)}


def _document(site: Site, up: list[Ref], iri: str) -> dict:
    doc = URIRef(up[0].iri if up else iri)
    rows = site.store.query(DOC_FACTS, bindings={"doc": doc}).rows()
    row = rows[0] if rows else {}
    return {
        "ref": site.ref(doc),
        "title": str(row.get("title", "")),
        "date": str(row.get("date", "")),
        "adopted": str(row.get("adopted", "")),
        "issuer": site.ref(row["issuer"]) if "issuer" in row else None,
    }


def anchor(iri: str) -> str:
    """Return the anchor of a provision on its document page: the path below the document.

    >>> anchor("https://w3id.org/govrules/eli/cn/330382/work-rules/2020/art_7/para_2")
    'art_7/para_2'
    >>> anchor("https://w3id.org/govrules/eli/cn/330382/work-rules/2020/chp_2")
    'chp_2'
    """
    parts = iri.split("/")
    below = [p for p in parts if p.startswith(("part_", "chp_", "sec_", "art_", "para_", "item_"))]
    return "/".join(below) if below else "top"
