"""Drafted norms as RDF, in the vocabulary of the curated norms, with their provenance."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV

from govrules import namespaces as ns
from govrules.knowledge.drafting.draft import Drafts
from govrules.knowledge.drafting.parties import Party
from govrules.namespaces import ELI, GWR, ODRL

DRAFT = URIRef(ns.concept_iri("curation-status", "draft"))
_POSTS = ("主任", "副主任", "秘书长", "委员长", "主席", "负责人", "局长", "市长", "省长")
_GROUPS = ("人员", "代表", "委员", "成员", "各部门", "部门")


def _iri_safe(label: str) -> str:
    return quote(label, safe="")


def party_node(graph: Graph, party: Party, doc_iri: str) -> URIRef:
    """Return the IRI of a party, minting it for the document (typed and labelled) if needed."""
    if party.iri:
        return URIRef(party.iri)
    node = URIRef(f"{doc_iri}/party/{_iri_safe(party.label)}")
    if party.label.endswith(_POSTS):
        kind, en = GWR.Post, "Post named in the text (drafted)"
    elif party.label.endswith(_GROUPS):
        kind, en = GWR.Collective, "Collective named in the text (drafted)"
    else:
        kind, en = GWR.PublicBody, "Body named in the text (drafted)"
    graph.add((node, RDF.type, kind))
    graph.add((node, RDFS.label, Literal(party.label, lang="zh")))
    graph.add((node, RDFS.label, Literal(en, lang="en")))
    graph.add((node, PROV.wasGeneratedBy, URIRef(f"{doc_iri}/drafting")))
    return node


def _action_node(graph: Graph, action: str, label: str, doc_iri: str) -> URIRef:
    if not action.startswith("minted:"):
        return URIRef(ns.concept_iri("action", action))
    word = action.split(":", 1)[1]
    node = URIRef(f"{doc_iri}/action/{_iri_safe(word)}")
    graph.add((node, RDF.type, ODRL.Action))
    graph.add((node, RDF.type, SKOS.Concept))
    graph.add((node, SKOS.prefLabel, Literal(word, lang="zh")))
    graph.add((node, SKOS.prefLabel, Literal(f"action named in the text: {word}", lang="en")))
    graph.add((node, SKOS.inScheme, URIRef(ns.concept_iri("action", "")[:-1])))
    return node


def _curie(value: str) -> URIRef:
    prefix, local = value.split(":", 1)
    return URIRef({"eli": str(ELI), "gwr": str(GWR)}[prefix] + local)


def to_graph(
    drafts: Drafts,
    *,
    doc_iri: str,
    drafter_version: str,
    generated: dt.datetime,
) -> Graph:
    """Return the drafted norms and notes of one document as a graph.

    Each norm is typed by its modality and carries ``prov:wasGeneratedBy`` the drafting
    activity (drafter version, time) and ``gwr:curationStatus`` draft.
    """
    graph = Graph()
    ns.bind_prefixes(graph)
    graph.bind("prov", PROV)
    doc_iri = doc_iri.rstrip("/")
    activity = URIRef(f"{doc_iri}/drafting")
    graph.add((activity, RDF.type, GWR.DraftingActivity))
    graph.add((activity, RDFS.label, Literal("规范起草(自动)", lang="zh")))
    graph.add((activity, RDFS.label, Literal("Norm drafting (automatic)", lang="en")))
    graph.add((activity, GWR.drafterVersion, Literal(drafter_version)))
    graph.add((activity, PROV.endedAtTime, Literal(generated.isoformat(), datatype=XSD.dateTime)))
    graph.add((activity, PROV.used, URIRef(doc_iri)))
    for norm in drafts.norms:
        node = URIRef(f"{doc_iri}/norm/draft/{norm.local_id}")
        graph.add((node, RDF.type, GWR[norm.modality]))
        label = norm.quote if len(norm.quote) <= 60 else norm.quote[:59] + "…"
        graph.add((node, RDFS.label, Literal(label, lang="zh")))
        graph.add((node, GWR.bearer, party_node(graph, norm.bearer, doc_iri)))
        graph.add((node, ODRL.action, _action_node(graph, norm.action, norm.action_label, doc_iri)))
        for party in norm.counterparties:
            graph.add((node, GWR.counterparty, party_node(graph, party, doc_iri)))
        for forum in norm.forums:
            graph.add((node, GWR.requiredForum, URIRef(forum)))
        if norm.deadline is not None:
            deadline = URIRef(f"{node}/deadline")
            graph.add((node, GWR.deadline, deadline))
            graph.add((deadline, RDF.type, GWR.Deadline))
            kind = XSD.yearMonthDuration if norm.deadline.months else XSD.dayTimeDuration
            period = Literal(norm.deadline.period, datatype=kind)
            graph.add((deadline, GWR.period, period))
            if norm.deadline.counted_from:
                graph.add((deadline, GWR.countedFrom, _curie(norm.deadline.counted_from)))
            if norm.deadline.back_from:
                back = ns.concept_iri("time-reference", norm.deadline.back_from)
                graph.add((deadline, GWR.countedBackFrom, URIRef(back)))
        for slug in norm.conditions:
            graph.add((node, GWR.condition, URIRef(ns.concept_iri("condition", slug))))
        for slug in norm.exceptions:
            graph.add((node, GWR.exceptWhen, URIRef(ns.concept_iri("condition", slug))))
        graph.add((node, GWR.hasLegalSource, URIRef(norm.source)))
        graph.add((node, GWR.quote, Literal(norm.quote, lang="zh")))
        graph.add((node, GWR.curationStatus, DRAFT))
        graph.add((node, PROV.wasGeneratedBy, activity))
    for note in drafts.notes:
        source = URIRef(note.source)
        graph.add((source, GWR.nonNormativeNote, Literal(note.zh, lang="zh")))
        graph.add((source, GWR.nonNormativeNote, Literal(note.en, lang="en")))
    return graph
