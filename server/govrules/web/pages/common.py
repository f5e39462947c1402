"""What every page needs: references with zh/en labels and local links, generic facts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import BNode, Literal, URIRef

from govrules.query.tables import all_labels, curie
from govrules.web.linked import href

OUTGOING = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
INCOMING = "SELECT ?s ?x ?p WHERE { ?x ?p ?s FILTER(isIRI(?x)) }"
BLANK = "SELECT ?s ?b ?p ?o WHERE { ?s ?q ?b FILTER(isBlank(?b)) ?b ?p ?o }"


@dataclass(frozen=True)
class Ref:
    """A resource as a page names it: link, Chinese label, English label, short name."""

    iri: str
    href: str
    zh: str
    en: str
    curie: str


@dataclass
class Value:
    """An object of a fact: a reference, or a literal with its language."""

    ref: Ref | None = None
    text: str = ""
    lang: str = ""
    facts: list = field(default_factory=list)  # of a blank node: (Ref, [Value])


class Site:
    """The labels of every resource of a store, and the base its IRIs are served under."""

    def __init__(self, store, base: str):
        self.store, self.base = store, base
        self.labels = all_labels(store)

    def ref(self, iri) -> Ref:
        """Return the reference to *iri*, labelled in zh and en when labels exist."""
        iri = str(iri)
        names = self.labels.get(iri, {})
        curie = self.curie(iri)
        return Ref(iri, href(self.base, iri), names.get("zh", ""), names.get("en", ""), curie)

    def curie(self, iri: str) -> str:
        """Return the shortest prefixed name of *iri*, or the local part of a project IRI."""
        short = curie(iri)
        if short != iri:
            return short
        return "/" + iri[len(self.base) :] if iri.startswith(self.base) else iri

    def value(self, term) -> Value:
        """Return a page value for an RDF term."""
        if isinstance(term, Literal):
            return Value(text=str(term), lang=term.language or "")
        if isinstance(term, BNode):
            return Value(text="[ ]")
        return Value(ref=self.ref(term))

    def facts(self, iri: str) -> tuple[list, list]:
        """Return the outgoing facts (property, values) and incoming ones of a resource."""
        node = {"s": URIRef(iri)}
        blanks: dict[str, list] = defaultdict(list)
        for row in self.store.query(BLANK, bindings=node).rows():
            blanks[str(row["b"])].append((row["p"], row["o"]))
        outgoing = [(r["p"], r["o"]) for r in self.store.query(OUTGOING, bindings=node).rows()]
        incoming: dict[str, list[Value]] = defaultdict(list)
        for row in self.store.query(INCOMING, bindings=node).rows():
            value = self.value(row["x"])
            if value not in incoming[str(row["p"])]:
                incoming[str(row["p"])].append(value)
        return group(self, outgoing, blanks), _ordered(self, incoming)


def group(site: Site, pairs, blanks: dict | None = None) -> list:
    """Group (property, object) pairs into (Ref of property, [Value]) sorted by property.

    :param blanks: the (property, object) pairs of each blank node object, by its label.
    """
    grouped: dict[str, list[Value]] = defaultdict(list)
    for p, o in pairs:
        value = site.value(o)
        if blanks is not None and isinstance(o, BNode):
            value.facts = group(site, blanks.get(str(o), []))
        if value not in grouped[str(p)]:
            grouped[str(p)].append(value)
    return _ordered(site, grouped)


def _ordered(site: Site, grouped: dict) -> list:
    return [
        (site.ref(p), sorted(values, key=_value_key))
        for p, values in sorted(grouped.items(), key=lambda kv: site.curie(kv[0]))
    ]


def _value_key(value: Value) -> tuple:
    if value.ref:
        return (0, _natural(value.ref.iri))
    return (1, value.lang != "zh", value.text)


def _natural(text: str) -> tuple:
    """Sort key that orders art_9 before art_10.

    >>> sorted(["a/art_10", "a/art_9"], key=_natural)
    ['a/art_9', 'a/art_10']
    """
    import re

    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", text))


def first(values: list[Value], lang: str = "zh") -> str:
    """Return the text of the first literal in *lang* among *values*, or ''."""
    return next((v.text for v in values if v.ref is None and v.lang == lang), "")
