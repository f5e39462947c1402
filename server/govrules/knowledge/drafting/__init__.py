"""Norms drafted from the text of a document, for a curator to check.

>>> from govrules.knowledge.parse import parse_text
>>> doc = parse_text("示例规则\\n第一条 市政府应当自发布之日起十五日内向省政府备案。")
>>> drafts = draft_document(doc, doc_iri="https://w3id.org/govrules/eli/cn/1/x/2020")
>>> n = drafts.norms[0]
>>> (n.modality, n.action, n.deadline.period, n.counterparties[0].label)
('Obligation', 'file-for-record', 'P15D', '省政府')
"""

from __future__ import annotations

import re

from rdflib import Graph

from govrules.knowledge.drafting.draft import Drafter, DraftNorm, DraftNote, Drafts
from govrules.knowledge.drafting.parties import Party, PartyIndex
from govrules.knowledge.drafting.rdf import to_graph

#: Bumped whenever the rules change what they draft; recorded on every drafting activity.
DRAFTER_VERSION = "0.3.1"

_KINDS = r"(工作规则|议事规则|会议制度|工作制度|规则|条例|办法|规定|细则|制度)$"


def issuer_party(title: str, index: PartyIndex, issuer_iri: str | None = None) -> Party:
    """Return the default bearer of a document: its issuer, or the body its title names.

    >>> issuer_party("浙江省人民代表大会常务委员会议事规则", PartyIndex()).label
    '浙江省人民代表大会常务委员会'
    """
    if issuer_iri:
        for label, iri in index.parties.items():
            if iri == issuer_iri:
                return Party(label, iri)
    name = re.sub(_KINDS, "", title.strip()) or title.strip() or "本文件制定机关"
    for mention in index.mentions(name):
        if mention.end == len(name):
            return mention.party
    return Party(name)


def draft_document(
    doc,
    *,
    doc_iri: str,
    org: Graph | None = None,
    issuer_iri: str | None = None,
) -> Drafts:
    """Draft norms for every paragraph and item of a parsed document.

    :param doc: a ``govrules.knowledge.parse.Document``.
    :param doc_iri: the IRI its provisions hang off (``…/art_N/para_M/item_K``).
    :param org: the organisation graph (and concept schemes) whose labels name bearers.
    :param issuer_iri: the issuing body, the bearer of sentences without a subject.
    """
    index = PartyIndex(org)
    for article in doc.articles:
        for para in article.paragraphs:
            index.read_abbreviations(para.text)
    drafter = Drafter(index, issuer_party(doc.title, index, issuer_iri))
    base = doc_iri.rstrip("/")
    for article in doc.articles:

        def iri_of(para, item, number=article.number):
            iri = f"{base}/art_{number}/para_{para.number}"
            return f"{iri}/item_{item.number}" if item is not None else iri

        drafter.article(article.number, article.paragraphs, iri_of)
    return drafter.result


__all__ = [
    "DRAFTER_VERSION",
    "DraftNorm",
    "DraftNote",
    "Drafts",
    "Party",
    "PartyIndex",
    "draft_document",
    "issuer_party",
    "to_graph",
]
