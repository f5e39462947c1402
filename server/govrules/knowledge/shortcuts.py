"""Shortcut triples derived from the norm nodes (gwr:mustReportTo …), never asserted by hand.

Each shortcut is one CONSTRUCT over the asserted and inferred graphs, so the norm
nodes stay the only source: change a norm and its shortcuts follow at the next build.
"""

from __future__ import annotations

from rdflib import Graph

from govrules.namespaces import sparql_prologue

ACTION = "https://w3id.org/govrules/concept/action/"

SHORTCUTS = {
    "mustReportTo": f"""
        CONSTRUCT {{ ?party gwr:mustReportTo ?to }} WHERE {{
          ?norm a gwr:Obligation ; odrl:action <{ACTION}report> ; gwr:binds ?party ;
                gwr:counterparty ?to . }}""",
    "mustFileWith": f"""
        CONSTRUCT {{ ?party gwr:mustFileWith ?with }} WHERE {{
          ?norm a gwr:Obligation ; odrl:action <{ACTION}file-for-record> ; gwr:binds ?party ;
                gwr:counterparty ?with . }}""",
    "mustDecideIn": f"""
        CONSTRUCT {{ ?party gwr:mustDecideIn ?forum }} WHERE {{
          ?norm a gwr:Obligation ; odrl:action <{ACTION}decide> ; gwr:binds ?party ;
                gwr:requiredForum ?forum . }}""",
    # Whoever must approve: the bearer of a duty to approve, or the body that a duty to
    # submit a matter for decision, or to ask for instructions, is addressed to.
    "mustApprove": f"""
        CONSTRUCT {{ ?approver gwr:mustApprove ?party }} WHERE {{
          {{ ?norm a gwr:Obligation ; odrl:action <{ACTION}approve> ; gwr:bearer ?approver ;
                   gwr:counterparty ?party . }}
          UNION
          {{ VALUES ?action {{ <{ACTION}submit-for-decision> <{ACTION}request-instruction> }}
            ?norm a gwr:Obligation ; odrl:action ?action ; gwr:bearer ?party ;
                  gwr:counterparty ?approver . }} }}""",
}


#: The predicates the shortcuts' patterns use: of N-Quads, only these lines are read.
READ = tuple(
    f"<{iri}> ".encode()
    for iri in (
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
        "http://www.w3.org/ns/odrl/2/action",
        "https://w3id.org/govrules/ontology#binds",
        "https://w3id.org/govrules/ontology#bearer",
        "https://w3id.org/govrules/ontology#counterparty",
        "https://w3id.org/govrules/ontology#requiredForum",
    )
)


def _read(nquads: bytes) -> bytes:
    """Return the lines of *nquads* whose predicate a shortcut's pattern uses."""
    keep = []
    for line in nquads.splitlines(keepends=True):
        start = line.find(b" ") + 1
        if line.startswith(READ, start):
            keep.append(line)
    return b"".join(keep)


def derive(graph: Graph | bytes) -> Graph:
    """Return the shortcut triples that the norm nodes of *graph* imply.

    *graph* (an rdflib graph, or N-Quads whose graphs are read as one) must hold the inferred
    triples too (``gwr:binds`` comes from inference).

    >>> from rdflib import URIRef as U, Namespace
    >>> G = Namespace("https://w3id.org/govrules/ontology#")
    >>> g = Graph()
    >>> n, a, b = U("urn:n"), U("urn:a"), U("urn:b")
    >>> _ = g.add((n, U("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), G.Obligation))
    >>> _ = g.add((n, U("http://www.w3.org/ns/odrl/2/action"), U(ACTION + "report")))
    >>> _ = g.add((n, G.binds, a)); _ = g.add((n, G.counterparty, b))
    >>> [(str(s), str(p).split("#")[1], str(o)) for s, p, o in derive(g)]
    [('urn:a', 'mustReportTo', 'urn:b')]
    """
    import pyoxigraph as ox

    from govrules.store.oxigraph import to_rdflib

    # Oxigraph answers the CONSTRUCTs about ten times faster than rdflib's engine.
    store = ox.Store()
    if isinstance(graph, Graph):
        store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    else:
        store.bulk_load(_read(graph), format=ox.RdfFormat.N_QUADS)
    derived = Graph()
    for query in SHORTCUTS.values():
        for t in store.query(sparql_prologue() + query, use_default_graph_as_union=True):
            derived.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return derived
