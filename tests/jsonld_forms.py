"""Write a Turtle export as JSON-LD with our context, choosing how each value is written.

The README documents three forms of an IRI value: a prefixed name (``matter:budget``), a full
IRI, and, for the fields whose values come from one concept scheme (and for ``type``), the short
name alone (``budget``, ``Meeting``). :func:`to_jsonld` writes every value of a field in the
form a chooser returns, so a test can write the same records in each form and compare.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

CONTEXT_IRI = "https://w3id.org/govrules/context.jsonld"
PREFIXED, FULL, SHORT = "prefixed", "full", "short"
# A chooser: (field, the allowed forms, how often the field was written before) → a form.
Chooser = Callable[[str, tuple[str, ...], int], str]


class Context:
    """The terms of our JSON-LD context: prefixes, fields by property, classes by IRI."""

    def __init__(self, document: dict):
        ctx = document["@context"]
        self.prefixes = {
            k: v for k, v in ctx.items() if isinstance(v, str) and v.endswith(("/", "#"))
        }
        self.fields: dict[str, tuple[str, dict]] = {}
        self.classes: dict[str, str] = {}
        for term, value in ctx.items():
            if term.startswith("@") or term in self.prefixes or value in ("@id", "@type"):
                continue
            definition = value if isinstance(value, dict) else {"@id": value}
            iri = self.expand(definition["@id"])
            if isinstance(value, str) and term[0].isupper():
                self.classes[iri] = term
            else:
                self.fields[iri] = (term, definition)

    def expand(self, name: str) -> str:
        prefix, _, rest = name.partition(":")
        return self.prefixes[prefix] + rest if prefix in self.prefixes else name

    def prefixed(self, iri: str, *, record_base: str) -> str:
        """Return the prefixed name of *iri* with the longest matching prefix."""
        best = max(
            (p for p, ns in self.prefixes.items() if iri.startswith(ns) and iri != ns),
            key=lambda p: len(self.prefixes[p]),
            default=None,
        )
        if best is None:
            raise ValueError(f"no prefix of the context covers {iri}")
        return f"{best}:{iri[len(self.prefixes[best]) :]}"

    def vocab(self, definition: dict) -> str | None:
        """Return the scheme a @vocab field's short names are relative to."""
        if definition.get("@type") == "@vocab":
            return definition.get("@context", {}).get("@vocab")
        return None


def forms_of(definition: dict | None, context: Context) -> tuple[str, ...]:
    """Return the forms an IRI value of a field may take (``type`` when *definition* is None)."""
    if definition is None or context.vocab(definition):
        return (PREFIXED, FULL, SHORT)
    return (PREFIXED, FULL)


def rotate(field: str, allowed: tuple[str, ...], seen: int) -> str:
    """Choose the forms in turn: the n-th value of a field gets the n-th form."""
    return allowed[seen % len(allowed)]


def to_jsonld(graph: Graph, document: dict, choose: Chooser = rotate, *, record_base: str):
    """Return the records of *graph* as a JSON-LD document with our context (by IRI).

    A blank node used once is written inside its record; values are sorted, so the same graph
    and chooser give the same document.
    """
    context = Context(document)
    seen: Counter = Counter()
    used_once = {o for o in graph.objects() if isinstance(o, BNode)}

    def write_iri(field: str, iri: str, definition: dict | None) -> str:
        allowed = forms_of(definition, context)
        form = choose(field, allowed, seen[field])
        seen[field] += 1
        if form == FULL:
            return iri
        if form == SHORT:
            scheme = context.vocab(definition) if definition else None
            if definition is None:
                return context.classes[iri]
            if not iri.startswith(scheme):
                raise ValueError(f"{iri} is outside the scheme of {field}")
            return iri[len(scheme) :]
        return context.prefixed(iri, record_base=record_base)

    def value(field: str, definition: dict, term) -> object:
        if isinstance(term, BNode):
            return node(term)
        if isinstance(term, URIRef):
            return write_iri(field, str(term), definition)
        assert isinstance(term, Literal)
        if term.language:
            return {"@value": str(term), "@language": term.language}
        if term.datatype == XSD.boolean:
            return term.toPython()
        declared = definition.get("@type")
        if term.datatype in (None, XSD.string) or (
            declared and context.expand(declared) == str(term.datatype)
        ):
            return str(term)
        raise ValueError(f"cannot write {term!r} as {field}")

    def node(subject) -> dict:
        out: dict = {}
        if isinstance(subject, URIRef):
            out["id"] = write_iri("id", str(subject), {"@type": "@id"})
        types = sorted(str(t) for t in graph.objects(subject, RDF.type))
        if types:
            written = [write_iri("type", t, None) for t in types]
            out["type"] = written[0] if len(written) == 1 else written
        for predicate in sorted(set(graph.predicates(subject)) - {RDF.type}):
            if str(predicate) not in context.fields:
                raise ValueError(f"no field of the context is {predicate}")
            field, definition = context.fields[str(predicate)]
            objects = sorted(graph.objects(subject, predicate), key=order)
            values = [value(field, definition, o) for o in objects]
            many = len(values) > 1 or definition.get("@container") == "@set"
            out[field] = values if many else values[0]
        return out

    def order(term) -> tuple:
        """Sort IRIs and literals by their text, blank nodes by what they say."""
        if isinstance(term, BNode):
            return (1, sorted((str(p), str(o)) for p, o in graph.predicate_objects(term)))
        return (0, str(term))

    subjects = sorted(
        {s for s in graph.subjects() if not (isinstance(s, BNode) and s in used_once)}, key=order
    )
    return {"@context": CONTEXT_IRI, "@graph": [node(s) for s in subjects]}
