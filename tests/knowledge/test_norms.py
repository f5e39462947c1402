"""The curated norms of 《乐清市人民政府工作规则》(2020) against the text they are read from."""

import re
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef, namespace

from govrules.knowledge.coverage import MODALITY_CLASSES, coverage, format_coverage
from govrules.knowledge.parse import parse_file, to_graph
from govrules.namespaces import GWR, ODRL, PREFIXES, document_iri, sparql_prologue

ROOT = Path(__file__).parents[2]
SOURCE = ROOT / "data" / "source" / "yueqing-government-work-rules-2020.txt"
NORMS = ROOT / "data" / "norms" / "330382-work-rules-2020.ttl"
# Concepts and org resources the norms need; the *-added files are merged by the lead later.
VOCABULARY = [
    ROOT / "ontology" / "concepts.ttl",
    ROOT / "data" / "norms" / "concepts-added.ttl",
    ROOT / "data" / "org" / "330382.ttl",
    ROOT / "data" / "norms" / "org-added.ttl",
]
DOC = document_iri("330382", "work-rules", "2020")
NORM_IRI = re.compile(rf"^{re.escape(DOC)}/norm/art_(\d+)-(\d+)$")
PARA_IRI = re.compile(rf"^{re.escape(DOC)}/art_(\d+)/para_(\d+)$")
PROLOGUE = sparql_prologue(
    {
        **PREFIXES,
        "norm": f"{DOC}/norm/",
        "body": "https://w3id.org/govrules/id/cn/330382/body/",
        "post": "https://w3id.org/govrules/id/cn/330382/post/",
        "group": "https://w3id.org/govrules/id/cn/330382/group/",
        "role": PREFIXES["concept"] + "role/",
        "action": PREFIXES["concept"] + "action/",
        "matter": PREFIXES["concept"] + "matter/",
        "mt": PREFIXES["concept"] + "meeting-type/",
        "condition": PREFIXES["concept"] + "condition/",
        "material": PREFIXES["concept"] + "material/",
    }
)


@pytest.fixture(scope="module")
def rules() -> Graph:
    return to_graph(parse_file(SOURCE), doc_iri=DOC, jurisdiction="330382")


@pytest.fixture(scope="module")
def norms() -> Graph:
    return Graph().parse(NORMS)


@pytest.fixture(scope="module")
def vocabulary() -> Graph:
    graph = Graph()
    for path in VOCABULARY:
        if path.exists():
            graph.parse(path)
    return graph


@pytest.fixture(scope="module")
def norm_iris(norms) -> list[URIRef]:
    found = {s for c in MODALITY_CLASSES for s in norms.subjects(RDF.type, c)}
    return sorted(found)


@pytest.fixture(scope="module")
def paragraphs(rules) -> dict[URIRef, str]:
    return {p: str(rules.value(p, GWR.text)) for p in rules.subjects(RDF.type, GWR.Paragraph)}


def test_there_are_norms_of_every_kind(norms, norm_iris):
    kinds = {c: len(set(norms.subjects(RDF.type, c))) for c in MODALITY_CLASSES}
    assert len(norm_iris) >= 100
    assert all(n > 0 for n in kinds.values()), kinds
    assert set(norms.subjects(GWR.hasLegalSource, None)) - set(norm_iris) <= set(
        norms.subjects(RDF.type, GWR.NonNormativeNote)
    )


def test_every_norm_has_exactly_one_modality(norms, norm_iris):
    for norm in norm_iris:
        kinds = [c for c in MODALITY_CLASSES if (norm, RDF.type, c) in norms]
        assert len(kinds) == 1, norm


def test_norm_iris_follow_the_pattern_and_number_in_reading_order(norms, norm_iris):
    per_article = defaultdict(list)
    for norm in norm_iris:
        match = NORM_IRI.match(str(norm))
        assert match, norm
        source = PARA_IRI.match(str(norms.value(norm, GWR.hasLegalSource)))
        assert source and source.group(1) == match.group(1), norm
        per_article[int(match.group(1))].append((int(source.group(2)), int(match.group(2))))
    for article, keys in per_article.items():
        assert sorted(k for _, k in keys) == list(range(1, len(keys) + 1)), article
        # K grows with the paragraph: a later paragraph never holds an earlier norm.
        assert [p for p, _ in sorted(keys, key=lambda x: x[1])] == sorted(p for p, _ in keys)


def test_every_norm_has_bearer_action_labels_and_source(norms, norm_iris, paragraphs, vocabulary):
    for norm in norm_iris:
        bearers = list(norms.objects(norm, GWR.bearer))
        actions = list(norms.objects(norm, ODRL.action))
        assert len(bearers) == 1 and len(actions) == 1, norm
        assert re.search(r"/(id/cn/330382/(body|post|group)|concept/role)/", str(bearers[0])), norm
        assert (actions[0], RDF.type, ODRL.Action) in vocabulary, actions[0]
        langs = {label.language for label in norms.objects(norm, RDFS.label)}
        assert langs == {"zh", "en"}, norm
        sources = list(norms.objects(norm, GWR.hasLegalSource))
        assert len(sources) == 1 and sources[0] in paragraphs, norm


def test_every_quote_is_an_exact_substring_of_its_paragraph(norms, norm_iris, paragraphs):
    for norm in norm_iris:
        quotes = list(norms.objects(norm, GWR.quote))
        assert len(quotes) == 1 and quotes[0].language == "zh", norm
        assert str(quotes[0]) in paragraphs[norms.value(norm, GWR.hasLegalSource)], norm


def test_every_resource_a_norm_names_is_defined(norms, norm_iris, vocabulary):
    props = [GWR.bearer, ODRL.action, ODRL.target, GWR.counterparty, GWR.requiredForum]
    props += [GWR.condition, GWR.exceptWhen, GWR.before, GWR.onBehalfOf]
    for norm in norm_iris:
        for prop in props:
            for value in norms.objects(norm, prop):
                labelled = (value, SKOS.prefLabel, None) in vocabulary
                labelled = labelled or (value, RDFS.label, None) in vocabulary
                assert labelled, (norm, prop, value)


def test_deadlines_are_nodes_under_their_norm(norms):
    deadlines = list(norms.subject_objects(GWR.deadline))
    assert deadlines
    for norm, deadline in deadlines:
        assert str(deadline) == f"{norm}/deadline"
        assert (deadline, RDF.type, GWR.Deadline) in norms
        assert norms.value(deadline, GWR.period).datatype == namespace.XSD.dayTimeDuration


def test_coverage_of_the_document_is_complete(rules, norms):
    report = coverage(rules + norms)
    assert report.errors == [], format_coverage(report)
    assert report.uncovered_sentences == [], format_coverage(report)
    assert report.unexplained_paragraphs == []
    counts = report.counts()
    assert counts["paragraphs"] == 43
    assert counts["paragraphs_covered"] + counts["paragraphs_explained"] == 43
    assert counts["marked_uncovered"] == 0


def test_declarative_articles_have_notes_and_no_norms(rules, norms):
    report = coverage(rules + norms)
    explained = {p.article for p in report.paragraphs if p.status == "explained"}
    with_norms = {p.article for p in report.paragraphs if p.norms}
    assert explained == {"1", "2", "3", "4"}
    assert with_norms == {str(n) for n in range(5, 35)}
    note = norms.value(URIRef(f"{DOC}/art_2/para_1"), GWR.nonNormativeNote)
    assert note is not None and "指导思想" in note


# Facts read off the text: each ASK must hold in the norms graph.
FACTS = {
    "art7 major matters decided in plenary or executive meeting": """
        norm:art_7-6 a gwr:Obligation ; gwr:bearer body:city-government ;
          odrl:action action:decide ; odrl:target matter:major-matter ;
          gwr:requiredForum mt:plenary-meeting, mt:executive-meeting .
        FILTER NOT EXISTS { norm:art_7-6 gwr:requiredForum mt:mayors-office-meeting }""",
    "art7 mayor may delegate to the executive vice-mayor": """
        ?n a gwr:Permission ; gwr:bearer post:mayor ; odrl:action action:delegate ;
          gwr:counterparty post:executive-vice-mayor ; gwr:hasLegalSource ?p .
        FILTER(STRENDS(STR(?p), "/art_7/para_1"))""",
    "art7 executive vice-mayor chairs when entrusted, on the mayor's behalf": """
        ?n a gwr:Power ; gwr:bearer post:executive-vice-mayor ; odrl:action action:chair ;
          odrl:target mt:executive-meeting ; gwr:condition condition:mayor-delegated ;
          gwr:onBehalfOf post:mayor .""",
    "art6 mayor leads the government's work": """
        ?n a gwr:Power ; gwr:bearer post:mayor ; odrl:action action:lead ; gwr:quote ?q .
        FILTER(CONTAINS(?q, "市长领导市政府的工作"))""",
    "art8 executive vice-mayor presides while the mayor is away": """
        norm:art_8-1 a gwr:Power ; gwr:bearer post:executive-vice-mayor ;
          odrl:action action:preside ; gwr:condition condition:mayor-absent .""",
    "art9 vice-mayors report major matters to the mayor": """
        ?n a gwr:Obligation ; gwr:bearer group:vice-mayors ; odrl:action action:report ;
          gwr:counterparty post:mayor ;
          odrl:target matter:major-matter, matter:important-situation .""",
    "art11 department heads report to the vice-mayor in charge and the mayor": """
        norm:art_11-2 a gwr:Obligation ; gwr:bearer post:department-head ;
          odrl:action action:report ; gwr:counterparty post:mayor, group:vice-mayors .""",
    "art19 budget and plans decided in plenary or executive meeting": """
        norm:art_19-1 odrl:action action:decide ;
          odrl:target matter:budget, matter:development-plan ;
          gwr:requiredForum mt:plenary-meeting, mt:executive-meeting .""",
    "art20 justice bureau reviews legality before submission": """
        ?n a gwr:Obligation ; gwr:bearer body:justice-bureau ; odrl:action action:review-legality ;
          odrl:target matter:major-decision-proposal ; gwr:before action:submit-for-decision .""",
    "art20 drafting unit provides the five materials": """
        ?n gwr:bearer role:drafting-unit ; odrl:action action:provide-materials ;
          odrl:target material:draft-and-explanation, material:legal-review-opinion,
            material:consultation-record, material:expert-argument-record,
            material:risk-assessment-record .""",
    "art20 no submission without the required steps": """
        ?n a gwr:Prohibition ; gwr:bearer group:departments ;
          odrl:action action:submit-for-decision ; gwr:counterparty body:city-government ;
          gwr:condition condition:inadequately-prepared .""",
    "art20 townships and function zones consulted in advance": """
        ?n a gwr:Obligation ; odrl:action action:consult-in-advance ;
          gwr:counterparty group:townships, group:function-zones .""",
    "art20 hearing when necessary": """
        ?n a gwr:Obligation ; odrl:action action:hold-hearing ;
          gwr:condition condition:when-necessary .""",
    "art21 report to the standing committee before issuing a major decision": """
        ?n a gwr:Obligation ; gwr:bearer body:city-government ; odrl:action action:report ;
          gwr:counterparty body:peoples-congress-standing-committee ;
          odrl:target matter:major-decision ; gwr:before action:publish .""",
    "art22 government office inspects implementation": """
        ?n gwr:bearer body:city-government-office ; odrl:action action:inspect .""",
    "art24 public consultation on documents close to public interest": """
        ?n a gwr:Obligation ; odrl:action action:consult-public ;
          odrl:target matter:normative-document ;
          gwr:condition condition:close-to-public-interest .""",
    "art25 departments file documents with the city government within 15 days of publication": """
        ?n a gwr:Obligation ; gwr:bearer group:departments ; odrl:action action:file-for-record ;
          odrl:target matter:normative-document ; gwr:counterparty body:city-government ;
          gwr:deadline ?d . ?d a gwr:Deadline ; gwr:period "P15D"^^xsd:dayTimeDuration ;
          gwr:countedFrom eli:date_publication .""",
    "art25 prior instruction on sensitive matters": """
        ?n odrl:action action:request-instruction ; gwr:counterparty body:city-government ;
          gwr:before action:make-normative-document .""",
    "art26 documents may not create licences, penalties, coercion or fees": """
        ?n a gwr:Prohibition ; odrl:action action:establish ;
          odrl:target matter:administrative-licence, matter:administrative-penalty,
            matter:administrative-coercion, matter:administrative-fee .""",
    "art29 decisions and policies published unless secret": """
        norm:art_29-1 odrl:action action:publish ; odrl:target matter:meeting-decision ;
          gwr:exceptWhen condition:secret .
        norm:art_29-2 odrl:action action:publish ; odrl:target matter:policy ;
          gwr:exceptWhen condition:secret .""",
    "art32 normative documents filed with the standing committee": """
        ?n odrl:action action:file-for-record ; odrl:target matter:normative-document ;
          gwr:counterparty body:peoples-congress-standing-committee .""",
    "art33 agency heads appear in court": """
        ?n a gwr:Obligation ; gwr:bearer role:agency-head ; odrl:action action:appear-in-court .""",
}


@pytest.mark.parametrize("pattern", FACTS.values(), ids=FACTS.keys())
def test_fact_read_off_the_text(norms, pattern):
    assert norms.query(PROLOGUE + "ASK {" + pattern + "}").askAnswer


def test_collectives_bind_instead_of_copies_per_member(norms):
    article5 = [n for n in norms.subjects(GWR.hasLegalSource, URIRef(f"{DOC}/art_5/para_1"))]
    assert article5
    bearers = {str(norms.value(n, GWR.bearer)).rsplit("/", 1)[1] for n in article5}
    assert bearers == {"government-members"}


def test_quote_check_catches_a_changed_quote(rules, norms):
    broken = rules + norms
    norm = URIRef(f"{DOC}/norm/art_25-7")
    broken.set((norm, GWR.quote, Literal("自发布之日起15日内向市政府备案", lang="zh")))
    assert [e.subject for e in coverage(broken).errors] == [norm]
