"""View models of the HTML pages: plain data read from the store, no Flask.

:func:`page` picks the page of a resource by its types; the views render the template.
"""

from __future__ import annotations

from rdflib import URIRef

from govrules.namespaces import GWR, ORG, sparql_prologue
from govrules.web.pages.common import Ref, Site, Value
from govrules.web.pages.corpus import switcher
from govrules.web.pages.document import provision_page
from govrules.web.pages.norms import agent_page, norm_page
from govrules.web.pages.ontology import ontology_page, shapes_page

TYPES = "SELECT ?s ?t WHERE { ?s a ?t }"
PROVISIONS = {
    str(GWR[t])
    for t in ("WorkRules", "Version", "Part", "Chapter", "Section", "Article", "Paragraph", "Item")
}
AGENTS = {str(GWR.Party), str(GWR.PublicBody), str(GWR.Collective), str(ORG.Post)}
HOME = (
    sparql_prologue()
    + """
SELECT DISTINCT ?x ?kind WHERE {
  { ?x a gwr:WorkRules BIND("documents" AS ?kind) }
  UNION { ?x a gwr:PublicBody BIND("bodies" AS ?kind) }
  UNION { ?x a org:Post BIND("posts" AS ?kind) }
  UNION { ?x a gwr:Collective BIND("collectives" AS ?kind) }
}"""
)


def page(site: Site, path: str) -> tuple[str, dict]:
    """Return the template name and view model of the resource at local *path*.

    The caller has checked that the resource exists.
    """
    if path == "ontology":
        return "ontology.html", ontology_page(site)
    if path == "shapes":
        return "shapes.html", shapes_page(site)
    iri = site.base + path
    types = {str(r["t"]) for r in site.store.query(TYPES, bindings={"s": URIRef(iri)}).rows()}
    outgoing, incoming = site.facts(iri)
    context = {"me": site.ref(iri), "types": sorted(types), "outgoing": outgoing}
    context["incoming"] = incoming
    context["versions"] = switcher(site, iri)
    if types & PROVISIONS:
        return "provision.html", context | provision_page(site, iri)
    if str(GWR.Norm) in types:
        return "norm.html", context | norm_page(site, iri)
    if types & AGENTS:
        return "agent.html", context | agent_page(site, iri)
    return "resource.html", context


def home_page(site: Site) -> dict:
    """Return the view model of the home page: the documents and the organisation."""
    found: dict[str, list[Ref]] = {"documents": [], "bodies": [], "posts": [], "collectives": []}
    for row in site.store.query(HOME).rows():
        ref = site.ref(row["x"])
        if ref not in found[str(row["kind"])]:
            found[str(row["kind"])].append(ref)
    return {k: sorted(v, key=lambda r: r.iri) for k, v in found.items()}


__all__ = ["Ref", "Site", "Value", "home_page", "page"]
