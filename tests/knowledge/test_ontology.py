"""Check the ontology: syntax, declarations, naming, its self-check shapes and its consistency."""

import re
import shutil
from pathlib import Path

import owlrl
import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef, namespace
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from govrules.namespaces import CONCEPT, ELI, GWR, GWRSH

ROOT = Path(__file__).parents[2]
ONTOLOGY_FILES = sorted((ROOT / "ontology").glob("*.ttl"))
SELF_CHECK_SHAPES = sorted((ROOT / "shapes" / "ontology").glob("*.ttl"))
TURTLE_FILES = ONTOLOGY_FILES + sorted((ROOT / "shapes").rglob("*.ttl"))
DATA_FILES = sorted(p for d in ("org", "norms") for p in (ROOT / "data" / d).glob("*.ttl"))
ROOT_ONTOLOGY = URIRef(str(GWR).rstrip("#"))
DECLARATIONS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
PROPERTY_TYPES = DECLARATIONS - {OWL.Class}
# Namespaces of OWL's own vocabulary; compared as str, as rdflib's startswith takes no tuple.
BUILT_IN = tuple(str(ns) for ns in (RDF, RDFS, OWL, namespace.XSD))
# Datatypes of the OWL 2 datatype map that the ontology uses; any other must be declared. No
# module-level XSD: pytest's collection probes module globals and rdflib's XSD warns about it.
OWL2_DATATYPES = {namespace.XSD.string, namespace.XSD.integer, namespace.XSD.boolean}
OWL2_DATATYPES.add(RDF.PlainLiteral)
REQUIRES_JAVA = pytest.mark.skipif(
    shutil.which("java") is None, reason="HermiT needs a Java runtime and java is not on PATH"
)


def load(paths) -> Graph:
    """Return one graph holding the triples of every file in *paths*."""
    graph = Graph()
    for path in paths:
        graph.parse(path, format="turtle")
    return graph


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load(ONTOLOGY_FILES)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load(SELF_CHECK_SHAPES)


def gwr_terms(graph: Graph) -> set[URIRef]:
    """Return every IRI of the gwr namespace that *graph* uses, in any position."""
    return {n for t in graph for n in t if isinstance(n, URIRef) and n.startswith(str(GWR))}


def languages(graph: Graph, subject, predicate) -> set[str]:
    return {o.language for o in graph.objects(subject, predicate) if isinstance(o, Literal)}


def test_globs_find_files():
    assert len(ONTOLOGY_FILES) >= 6
    assert SELF_CHECK_SHAPES


@pytest.mark.parametrize("path", TURTLE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_file_parses_with_one_ontology_header(path):
    graph = load([path])
    assert len(graph) > 0
    assert len(set(graph.subjects(RDF.type, OWL.Ontology))) == 1


def test_root_imports_every_module():
    headers = {p.name: next(load([p]).subjects(RDF.type, OWL.Ontology)) for p in ONTOLOGY_FILES}
    root = load([ROOT / "ontology" / "govrules.ttl"])
    assert headers.pop("govrules.ttl") == ROOT_ONTOLOGY
    assert set(root.objects(ROOT_ONTOLOGY, OWL.imports)) == set(headers.values())
    assert root.value(ROOT_ONTOLOGY, OWL.versionInfo) == Literal("0.1.0")
    assert root.value(ROOT_ONTOLOGY, OWL.versionIRI) == URIRef(f"{ROOT_ONTOLOGY}/0.1.0")


def test_every_gwr_term_is_declared_and_documented(ontology):
    problems = []
    for term in sorted(gwr_terms(ontology)):
        if not set(ontology.objects(term, RDF.type)) & DECLARATIONS:
            problems.append(f"{term}: not declared")
        for predicate in (RDFS.label, SKOS.definition):
            if not {"zh", "en"} <= languages(ontology, term, predicate):
                problems.append(f"{term}: {predicate} lacks zh or en")
    assert not problems, "\n".join(problems)


def test_terms_are_defined_by_the_module_that_declares_them():
    for path in ONTOLOGY_FILES:
        graph = load([path])
        module = next(graph.subjects(RDF.type, OWL.Ontology))
        for term in gwr_terms(graph):
            if set(graph.objects(term, RDF.type)) & DECLARATIONS:
                assert graph.value(term, RDFS.isDefinedBy) == module, term


def test_external_terms_are_declared(ontology):
    """Declare every term of another vocabulary: OWL 2 DL needs typed entities."""
    declared = {s for t in DECLARATIONS | {RDFS.Datatype} for s in ontology.subjects(RDF.type, t)}
    used = set(ontology.predicates()) | set(ontology.objects(None, RDFS.subClassOf))
    used |= set(ontology.objects(None, RDF.type)) | set(ontology.objects(None, RDFS.range))
    used |= set(ontology.objects(None, RDFS.domain)) | set(ontology.objects(None, OWL.members))
    external = {t for t in used if isinstance(t, URIRef) and not str(t).startswith(BUILT_IN)}
    datatypes = {t for t in used if str(t).startswith(str(namespace.XSD))} - OWL2_DATATYPES
    assert sorted((external | datatypes) - declared) == []


def test_term_names_follow_the_conventions(ontology):
    names = {t: t[len(str(GWR)) :] for t in gwr_terms(ontology)}
    assert names and not [t for t in names if "_" in t]
    for term, name in names.items():
        if (term, RDF.type, OWL.Class) in ontology:
            assert re.fullmatch(r"[A-Z][A-Za-z0-9]*", name), term
        else:
            assert re.fullmatch(r"[a-z][A-Za-z0-9]*", name), term
    concepts = set(ontology.subjects(RDF.type, SKOS.Concept))
    assert concepts and all(re.fullmatch(r"[a-z0-9/-]+", c[len(str(CONCEPT)) :]) for c in concepts)


def test_concepts_are_top_concepts_of_their_scheme(ontology):
    for concept in ontology.subjects(RDF.type, SKOS.Concept):
        schemes = set(ontology.objects(concept, SKOS.inScheme))
        assert schemes == set(ontology.objects(concept, SKOS.topConceptOf)), concept
        assert all((s, RDF.type, SKOS.ConceptScheme) in ontology for s in schemes), concept
        assert all(concept.startswith(f"{s}/") for s in schemes), concept
        assert {"zh", "en"} <= languages(ontology, concept, SKOS.definition), concept


def test_self_check_shapes_are_named_and_bilingual(shapes):
    named = [s for t in (SH.NodeShape, SH.PropertyShape) for s in shapes.subjects(RDF.type, t)]
    assert named and all(s.startswith(str(GWRSH)) for s in named)
    for shape in named:
        assert {"zh", "en"} <= languages(shapes, shape, RDFS.comment), shape
        assert {"zh", "en"} <= languages(shapes, shape, SH.message), shape


def validate(data: Graph, shapes: Graph) -> tuple[bool, Graph]:
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    return conforms, report


def source_shapes(report: Graph) -> set[URIRef]:
    return set(report.objects(None, SH.sourceShape))


def test_shapes_conform_on_the_ontology(ontology, shapes):
    # No OWL RL closure here: gwr:mentionedIn has range gwr:Provision, so the cited paragraphs
    # become provisions that only the rules graph completes (the build checks them there).
    conforms, report = validate(ontology, shapes)
    assert conforms, report.serialize(format="turtle")


def test_shapes_report_an_undocumented_term(ontology, shapes):
    data = Graph() + ontology
    for definition in list(data.objects(GWR.Norm, SKOS.definition)):
        if definition.language == "en":
            data.remove((GWR.Norm, SKOS.definition, definition))
    conforms, report = validate(data, shapes)
    assert not conforms
    assert GWRSH.TermEnDefinitionShape in source_shapes(report)


FIXTURE = """
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix odrl: <http://www.w3.org/ns/odrl/2/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix gwr: <https://w3id.org/govrules/ontology#> .
@prefix ex: <https://example.org/rules/> .
ex:doc a gwr:WorkRules .
ex:art_1 a gwr:Article ; eli:number "1" ; gwr:ordinal 1 ; eli:is_part_of ex:doc ;
  rdfs:label "《规则》第一条"@zh ; gwr:text "市长领导市政府的工作。"@zh .
ex:art_1\\/para_1 a gwr:Paragraph ; eli:number "1" ; gwr:ordinal 1 ; eli:is_part_of ex:art_1 ;
  rdfs:label "《规则》第一条第一款"@zh ; gwr:text "市长领导市政府的工作。"@zh .
ex:body a gwr:Government ; rdfs:label "市政府"@zh , "City government"@en .
ex:norm a gwr:Obligation ; gwr:bearer ex:body ;
  odrl:action <https://w3id.org/govrules/concept/action/report> ;
  gwr:hasLegalSource ex:art_1\\/para_1 ; gwr:deadline ex:deadline .
ex:deadline a gwr:Deadline ; gwr:period "P15D"^^xsd:dayTimeDuration .
"""
EX = "https://example.org/rules/"
MUTATIONS = {
    "valid": ([], [], None),
    "no-bearer": ([("norm", GWR.bearer, "body")], [], GWRSH.NormBearerShape),
    "bearer-not-a-party": (
        [("norm", GWR.bearer, "body")],
        [("norm", GWR.bearer, "doc")],
        GWRSH.NormBearerShape,
    ),
    "no-modality": ([("norm", RDF.type, GWR.Obligation)], [], GWRSH.NormModalityShape),
    "two-modalities": ([], [("norm", RDF.type, GWR.Power)], GWRSH.NormModalityShape),
    "no-legal-source": (
        [("norm", GWR.hasLegalSource, "art_1/para_1")],
        [],
        GWRSH.NormLegalSourceShape,
    ),
    "source-is-an-article": (
        [],
        [("norm", GWR.hasLegalSource, "art_1")],
        GWRSH.NormLegalSourceShape,
    ),
    "no-parent": ([("art_1", ELI.is_part_of, "doc")], [], GWRSH.ProvisionParentShape),
    "no-text": ([("art_1/para_1", GWR.text, None)], [], GWRSH.ProvisionTextPropertyShape),
    "period-not-a-duration": (
        [("deadline", GWR.period, None)],
        [("deadline", GWR.period, Literal("15"))],
        GWRSH.DeadlinePeriodShape,
    ),
}


def ex(node):
    """Return the fixture IRI for a bare name; pass terms (URIRef, Literal are str too) through."""
    return URIRef(EX + node) if type(node) is str else node


@pytest.fixture(scope="module")
def split_ontology(ontology) -> tuple[Graph, Graph]:
    """Split the ontology into axioms and annotations, which only slow the OWL RL closure down."""
    annotation_properties = set(ontology.subjects(RDF.type, OWL.AnnotationProperty))
    axioms, annotations = Graph(), Graph()
    for triple in ontology:
        if triple[1] == GWR.mentionedIn:
            # Concepts cite paragraphs of the real document, absent from the fixture: the
            # closure would make them gwr:Provision (range of gwr:mentionedIn), failing shapes.
            continue
        labels = triple[1] == RDFS.label or triple[1] in annotation_properties
        (annotations if labels else axioms).add(triple)
    return axioms, annotations


@pytest.mark.parametrize("case", MUTATIONS)
def test_shapes_on_a_small_knowledge_graph(split_ontology, shapes, case):
    removed, added, expected = MUTATIONS[case]
    axioms, annotations = split_ontology
    data = Graph() + axioms
    data.parse(data=FIXTURE, format="turtle")
    for s, p, o in removed:
        data.remove((ex(s), p, ex(o)))
    for s, p, o in added:
        data.add((ex(s), p, ex(o)))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(data)
    conforms, report = validate(data + annotations, shapes)
    if expected is None:
        assert conforms, report.serialize(format="turtle")
    else:
        assert not conforms and expected in source_shapes(report), source_shapes(report)


def run_hermit(graph: Graph, tmp_path: Path):
    """Classify *graph* with HermiT through owlready2 and return the world."""
    import owlready2

    graph = Graph() + graph
    # owlready2 follows owl:imports over the network; every module is in the graph already.
    graph.remove((None, OWL.imports, None))
    path = tmp_path / "union.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(path.as_uri()).load()
    # xsd:date and xsd:dayTimeDuration are outside the OWL 2 datatype map that HermiT supports.
    with onto:
        owlready2.sync_reasoner_hermit(
            world, infer_property_values=False, debug=0, ignore_unsupported_datatypes=True
        )
    return world


@pytest.mark.reasoner
@REQUIRES_JAVA
def test_ontology_and_data_are_consistent(ontology, tmp_path):
    world = run_hermit(ontology + load(DATA_FILES), tmp_path)
    assert list(world.inconsistent_classes()) == []
    # The reasoner did run: Government ⊑ PublicBody ⊑ Party is inferred through the union.
    assert world[str(GWR.Party)] in world[str(GWR.Government)].ancestors()


@pytest.mark.reasoner
@REQUIRES_JAVA
@pytest.mark.parametrize(
    "first, second",
    [
        (GWR.Obligation, GWR.Prohibition),
        (GWR.Permission, GWR.Power),
        (GWR.PublicBody, GWR.Post),
        (GWR.Article, GWR.Paragraph),
        (GWR.WorkRules, GWR.Provision),
    ],
)
def test_reasoner_detects_disjoint_classes(ontology, tmp_path, first, second):
    import owlready2

    data = Graph() + ontology
    contradiction = URIRef("https://example.org/contradiction")
    data.add((contradiction, RDF.type, first))
    data.add((contradiction, RDF.type, second))
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        run_hermit(data, tmp_path)
