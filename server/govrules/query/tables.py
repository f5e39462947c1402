"""Results as people read them: one column per concept, labels instead of IRIs.

A canned question returns each concept twice, its IRI (``?bearer``) and its label
(``?bearerLabel``), and each provision as ``?source`` with its ``?citation``. People want one
column per concept: the label, linked to (or, with ``--iris``, shown with) the IRI. The web pages
and the command line both read results through :func:`columns` and :func:`labels_of`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rdflib import BNode, Literal

from govrules.namespaces import PREFIXES, sparql_prologue

# Every label of the resources named, ranked: skos:prefLabel before rdfs:label.
LABELS = (
    sparql_prologue()
    + """
SELECT ?x ?l ?pref WHERE {
  { ?x skos:prefLabel ?l BIND(1 AS ?pref) } UNION { ?x rdfs:label ?l BIND(2 AS ?pref) }
  FILTER(isIRI(?x))
}"""
)
# Columns that carry the words for another column's IRI.
LABEL_SUFFIX = "Label"
TEXT_FOR = {"source": "citation"}


@dataclass(frozen=True)
class Column:
    """A column as shown: its name, the result variable with the IRI, the one with its label."""

    name: str
    value: str
    label: str | None = None


def columns(variables: list[str]) -> list[Column]:
    """Fold label columns into the column of the concept they name.

    >>> [(c.name, c.value, c.label) for c in columns(["bearer", "bearerLabel", "period"])]
    [('bearer', 'bearer', 'bearerLabel'), ('period', 'period', None)]
    >>> [(c.name, c.label) for c in columns(["source", "citation", "norm"])]
    [('citation', 'citation'), ('norm', None)]
    >>> [c.name for c in columns(["forumLabel"])]  # a label with no IRI column stays
    ['forumLabel']
    """
    present = set(variables)
    folded = {v + LABEL_SUFFIX for v in variables} | {
        text for value, text in TEXT_FOR.items() if value in present
    }
    shown = []
    for name in variables:
        if name in folded and (
            name.removesuffix(LABEL_SUFFIX) in present
            or any(TEXT_FOR.get(v) == name for v in present)
        ):
            continue
        label = name + LABEL_SUFFIX if name + LABEL_SUFFIX in present else TEXT_FOR.get(name)
        label = label if label in present else None
        shown.append(Column(TEXT_FOR.get(name, name) if label else name, name, label))
    return shown


def rank_labels(rows) -> dict[str, dict[str, str]]:
    """Return, per IRI, its best label per language from rows of (x, l, pref)."""
    best: dict[str, dict[str, tuple[int, str]]] = defaultdict(dict)
    for row in rows:
        lang = row["l"].language or "zh"
        rank = (int(row["pref"].toPython()), str(row["l"]))
        current = best[str(row["x"])].get(lang)
        if current is None or rank < current:
            best[str(row["x"])][lang] = rank
    return {iri: {k: v[1] for k, v in d.items()} for iri, d in best.items()}


def all_labels(store) -> dict[str, dict[str, str]]:
    """Return the zh/en labels of every labelled resource of *store*."""
    return rank_labels(store.query(LABELS).rows())


def labels_of(store, iris) -> dict[str, dict[str, str]]:
    """Return the zh/en labels of the given IRIs only (one query, whatever their number)."""
    iris = sorted({str(i) for i in iris})
    if not iris:
        return {}
    values = " ".join(f"<{iri}>" for iri in iris)
    text = LABELS.replace("FILTER(isIRI(?x))", f"VALUES ?x {{ {values} }}")
    return rank_labels(store.query(text).rows())


def curie(iri: str, prefixes: dict[str, str] = PREFIXES) -> str:
    """Return the shortest prefixed name of *iri*, or the IRI itself.

    >>> curie("http://www.w3.org/2000/01/rdf-schema#label", {"rdfs": "http://www.w3.org/2000/01/rdf-schema#"})
    'rdfs:label'
    >>> curie("urn:x:y", {})
    'urn:x:y'
    """
    matches = [(len(ns), prefix) for prefix, ns in prefixes.items() if iri.startswith(ns)]
    if not matches:
        return iri
    length, prefix = max(matches)
    return f"{prefix}:{iri[length:]}"


def words(term, label=None, *, labels: dict, iris: bool = False) -> str:
    """Return the text of one cell: the label (zh, and en when there is one), else a prefixed name.

    >>> from rdflib import URIRef
    >>> words(URIRef("urn:b"), labels={"urn:b": {"zh": "市长", "en": "Mayor"}})
    '市长 Mayor'
    >>> words(URIRef("urn:b"), labels={"urn:b": {"zh": "市长"}}, iris=True)
    '市长 <urn:b>'
    """
    if term is None:
        return ""
    if isinstance(term, Literal):
        return str(term)
    if isinstance(term, BNode):
        return "[ ]"
    iri = str(term)
    names = labels.get(iri, {})
    text = str(label) if label is not None else names.get("zh", "")
    if names.get("en") and names.get("en") != text:
        text = f"{text} {names['en']}".strip()
    if iris:
        return f"{text} <{iri}>".strip()
    return text or curie(iri)
