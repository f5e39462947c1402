"""The export format: one meaning per term of the JSON-LD context, every documented form of every
field read as the Turtle says, and the examples written in all of them (issue 16)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.namespace import SKOS

from govrules.compliance import uploads, validation
from tests.jsonld_forms import FULL, PREFIXED, SHORT, Context, forms_of, to_jsonld

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "data" / "examples"
CONTEXT_FILE = ROOT / "data" / "context.jsonld"
REC = "https://w3id.org/govrules/id/cn/330382/record/"
CONTEXT = uploads.context_document(ROOT)


def as_graph(store: ox.Store) -> Graph:
    dumped = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return Graph().parse(data=dumped, format="nt")


def read(data: bytes, fmt: str) -> ox.Store:
    return uploads.load_upload(data, format=fmt, context=CONTEXT)


def turtle(name: str) -> Graph:
    return Graph().parse(EXAMPLES / f"{name}.ttl", format="turtle")


@pytest.fixture(scope="module")
def knowledge(built):
    return validation.knowledge_from_graphs(built.graphs, ROOT)


def findings(data: bytes, fmt: str, knowledge, engine: str = "fast"):
    return validation.validate(read(data, fmt), knowledge, engine=engine).findings


def test_issue_16_context_defines_each_term_once():
    """`material` was a prefix and, later in the same object, the property: the later won."""

    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        repeated = sorted(k for k, n in Counter(keys).items() if n > 1)
        assert not repeated, f"defined twice: {repeated}"
        return dict(pairs)

    document = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"), object_pairs_hook=no_duplicates)
    ctx = document["@context"]
    context = Context(document)
    fields = {term for term, _ in context.fields.values()}
    assert not set(context.prefixes) & fields
    assert not set(context.prefixes) & set(context.classes.values())
    for term, value in ctx.items():
        scoped = value.get("@context", {}) if isinstance(value, dict) else {}
        # A field's own context only sets the scheme its short names are relative to.
        assert set(scoped) <= {"@vocab"}, term


def test_issue_16_prefixed_material_is_the_material_concept():
    """`"materials": ["material:draft-and-explanation"]` names the concept, not <material:…>."""
    record = {
        "@context": "https://w3id.org/govrules/context.jsonld",
        "id": "rec:proposal/x",
        "materials": ["material:draft-and-explanation"],
    }
    graph = as_graph(read(json.dumps(record).encode(), "jsonld"))
    objects = {str(o) for o in graph.objects()}
    assert objects == {"https://w3id.org/govrules/concept/material/draft-and-explanation"}


@pytest.mark.parametrize("name", ["conforming", "violating"])
def test_issue_16_jsonld_examples_are_the_turtle_examples(name):
    data = (EXAMPLES / f"{name}.jsonld").read_bytes()
    assert isomorphic(as_graph(read(data, "jsonld")), turtle(name))


def test_issue_16_examples_use_every_documented_form():
    """Across the examples, each field's values appear in each form the README documents."""
    context = Context(CONTEXT)
    used: dict[str, set[str]] = {}
    for name in ("conforming", "violating"):
        document = json.loads((EXAMPLES / f"{name}.jsonld").read_text(encoding="utf-8"))
        for node in _nodes(document["@graph"]):
            for field, values in node.items():
                definition = _definition(context, field)
                if definition is False:
                    continue
                for value in values if isinstance(values, list) else [values]:
                    if isinstance(value, str):
                        used.setdefault(field, set()).add(_form(value, context))
    assert used["id"] == {PREFIXED, FULL}
    assert used["type"] == {PREFIXED, FULL, SHORT}
    for field in ("meetingType", "matterCategory", "stepType", "materials"):
        assert used[field] == {PREFIXED, FULL, SHORT}, field
    for field in ("conditionMet", "convener", "issuingBody", "performedBy", "stepTaken"):
        assert used[field] == {PREFIXED, FULL}, field


def _nodes(items):
    for item in items:
        yield item
        for value in item.values():
            for inner in value if isinstance(value, list) else [value]:
                if isinstance(inner, dict) and "@value" not in inner:
                    yield from _nodes([inner])


def _definition(context: Context, field: str):
    if field in ("id", "type"):
        return None
    for term, definition in context.fields.values():
        if term == field and definition.get("@type") in ("@id", "@vocab"):
            return definition
    return False


def _form(value: str, context: Context) -> str:
    if value.startswith("https://"):
        return FULL
    return PREFIXED if value.split(":", 1)[0] in context.prefixes else SHORT


def _iri_fields() -> list[tuple[str, str]]:
    context = Context(CONTEXT)
    cases = [("id", f) for f in (PREFIXED, FULL)] + [("type", f) for f in (PREFIXED, FULL, SHORT)]
    for term, definition in sorted(context.fields.values(), key=lambda t: t[0]):
        if definition.get("@type") in ("@id", "@vocab"):
            cases += [(term, form) for form in forms_of(definition, context)]
    return cases


@pytest.mark.parametrize("name", ["conforming", "violating"])
@pytest.mark.parametrize(("field", "form"), _iri_fields(), ids="-".join)
def test_issue_16_each_form_of_each_field_validates_as_the_turtle(knowledge, name, field, form):
    """One field written in one form (the rest as prefixed names): same graph, same findings."""

    def choose(f, allowed, seen):
        return form if f == field else PREFIXED

    document = to_jsonld(turtle(name), CONTEXT, choose, record_base=REC)
    data = json.dumps(document, ensure_ascii=False).encode("utf-8")
    assert isomorphic(as_graph(read(data, "jsonld")), turtle(name))
    ttl = (EXAMPLES / f"{name}.ttl").read_bytes()
    assert findings(data, "jsonld", knowledge) == findings(ttl, "turtle", knowledge)


def test_issue_16_short_names_of_every_concept_expand_to_the_concept(built):
    """Every concept of a field's scheme, written as its short name, is that concept.

    A short name spelt like a term of the context would be read as that term (JSON-LD looks
    terms up first): conditionMet takes no short names, since condition:secret is spelt like
    the field ``secret``; this test finds any other such clash.
    """
    concepts = Graph()
    for graph in built.graphs.values():
        concepts += graph.triples((None, SKOS.inScheme, None))
    context = Context(CONTEXT)
    for term, definition in context.fields.values():
        scheme = context.vocab(definition)
        if not scheme:
            continue
        members = sorted(str(c) for c in concepts.subjects() if str(c).startswith(scheme))
        assert members, term
        record = {"@context": CONTEXT["@context"], "@id": REC + "x"}
        record[term] = [m[len(scheme) :] for m in members]
        graph = as_graph(read(json.dumps(record).encode(), "jsonld"))
        assert sorted(str(o) for o in graph.objects()) == members, term
