"""Document tree → rules graph: IRIs, types, labels, texts and links, on the real source."""

import datetime as dt
from pathlib import Path

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from govrules.knowledge.parse import parse_file, parse_text, to_graph
from govrules.namespaces import ELI, GWR, body_iri, document_iri

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "data" / "source" / "yueqing-government-work-rules-2020.txt"
TEXTS = ROOT / "tests" / "fixtures" / "texts"
DOC = document_iri("330382", "work-rules", "2020")
# Spelled out: pytest warns when it inspects rdflib's closed XSD namespace in a test module.
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")
TITLE_EN = "Yueqing Municipal People's Government Work Rules"
ISSUER = body_iri("330382", "city-government")


def build(path=SOURCE, **options):
    options = {"doc_iri": DOC, "jurisdiction": "330382", **options}
    return to_graph(parse_file(path), **options)


@pytest.fixture(scope="module")
def graph():
    return build(issuer_iri=ISSUER, short_title_en=TITLE_EN)


def node(path=""):
    return URIRef(f"{DOC}/{path}" if path else DOC)


def zh(text):
    return Literal(text, lang="zh")


def test_document_node(graph):
    doc = node()
    assert set(graph.objects(doc, RDF.type)) == {GWR.WorkRules}
    assert graph.value(doc, ELI.title) == zh("乐清市人民政府工作规则")
    assert set(graph.objects(doc, RDFS.label)) == {
        zh("《乐清市人民政府工作规则》"),
        Literal(TITLE_EN, lang="en"),
    }
    assert graph.value(doc, ELI.date_document) == Literal(dt.date(2020, 3, 12))
    assert graph.value(doc, ELI.date_document).datatype == XSD_DATE
    assert graph.value(doc, ELI.passed_by) == URIRef(ISSUER)
    assert graph.value(doc, GWR.adoptedAt) == zh("十六届市政府第二十二次常务会议")
    assert str(graph.value(doc, GWR.promulgationNotice)).startswith(
        "《乐清市人民政府工作规则》已经"
    )
    assert graph.value(doc, GWR.addressee) == zh("各乡镇人民政府、街道办事处,市政府直属各单位")
    assert graph.value(doc, GWR.jurisdiction) == Literal("330382")


def test_cited_titles(graph):
    cited = set(graph.objects(node(), GWR.citedTitle))
    assert zh("中华人民共和国宪法") in cited and zh("国务院工作规则") in cited
    assert zh("乐清市人民政府工作规则") not in cited
    para = node("art_1/para_1")
    assert len(set(graph.objects(para, GWR.citedTitle))) == 5
    assert not set(graph.objects(node("art_2/para_1"), GWR.citedTitle))


@pytest.mark.parametrize(
    ("kind", "count"),
    [(GWR.Chapter, 7), (GWR.Article, 34), (GWR.Paragraph, 43), (GWR.Item, 0)],
)
def test_provision_counts(graph, kind, count):
    assert len(set(graph.subjects(RDF.type, kind))) == count


def test_chapter(graph):
    chapter = node("chp_2")
    assert graph.value(chapter, RDF.type) == GWR.Chapter
    assert graph.value(chapter, ELI.title) == zh("组成人员职责")
    assert graph.value(chapter, GWR.heading) == zh("第二章")
    assert graph.value(chapter, ELI.number) == Literal("2")
    assert graph.value(chapter, GWR.ordinal) == Literal(2)
    assert set(graph.objects(chapter, RDFS.label)) == {
        zh("《乐清市人民政府工作规则》第二章"),
        Literal(f"{TITLE_EN}, Chapter 2", lang="en"),
    }
    assert graph.value(chapter, GWR.text) is None
    assert graph.value(node("chp_1"), ELI.title) == zh("总则")


def test_article(graph):
    article = node("art_7")
    assert graph.value(article, GWR.heading) == zh("第七条")
    assert graph.value(article, ELI.number) == Literal("7")
    assert graph.value(article, GWR.ordinal) == Literal(7)
    assert graph.value(article, GWR.ordinal).datatype == XSD_INTEGER
    assert set(graph.objects(article, RDFS.label)) == {
        zh("《乐清市人民政府工作规则》第七条"),
        Literal(f"{TITLE_EN}, Article 7", lang="en"),
    }
    assert str(graph.value(article, GWR.text)).startswith("市长或市长委托负责常务工作的副市长")


def test_article_text_joins_paragraphs(graph):
    text = str(graph.value(node("art_11"), GWR.text))
    paragraphs = [str(graph.value(node(f"art_11/para_{m}"), GWR.text)) for m in range(1, 5)]
    assert text == "\n".join(paragraphs)
    assert "负责处理市政府的日常工作" in str(graph.value(node("art_10/para_1"), GWR.text))


def test_paragraph(graph):
    para = node("art_11/para_2")
    assert graph.value(para, RDF.type) == GWR.Paragraph
    assert graph.value(para, ELI.number) == Literal("2")
    assert graph.value(para, GWR.ordinal) == Literal(2)
    assert set(graph.objects(para, RDFS.label)) == {
        zh("《乐清市人民政府工作规则》第十一条第二款"),
        Literal(f"{TITLE_EN}, Article 11, Paragraph 2", lang="en"),
    }
    assert graph.value(node("art_7/para_1"), GWR.ordinal) == Literal(1)


def test_parts_link_both_ways(graph):
    doc, chapter, article, para = node(), node("chp_2"), node("art_7"), node("art_7/para_1")
    for parent, child in [(doc, chapter), (chapter, article), (article, para)]:
        assert (parent, ELI.has_part, child) in graph
        assert (child, ELI.is_part_of, parent) in graph
    assert set(graph.objects(doc, ELI.has_part)) == {node(f"chp_{n}") for n in range(1, 8)}
    assert len(set(graph.objects(node("chp_2"), ELI.has_part))) == 8
    every_part = set(graph.subjects(ELI.is_part_of, None))
    assert len(every_part) == 7 + 34 + 43


def test_no_blank_nodes_and_deterministic(graph):
    assert not any(isinstance(term, BNode) for triple in graph for term in triple)
    again = build(issuer_iri=ISSUER, short_title_en=TITLE_EN)
    assert sorted(graph) == sorted(again)


def test_without_options_no_english_labels_and_no_issuer():
    graph = build()
    assert not [o for o in graph.objects(None, RDFS.label) if o.language == "en"]
    assert graph.value(node(), ELI.passed_by) is None


def test_items():
    graph = build(TEXTS / "county-wrapped.txt", short_title_en="Model County Work Rules")
    para, item = node("art_3/para_1"), node("art_3/para_1/item_3")
    assert set(graph.objects(para, ELI.has_part)) == {
        node(f"art_3/para_1/item_{k}") for k in (1, 2, 3)
    }
    assert graph.value(item, RDF.type) == GWR.Item
    assert graph.value(item, ELI.is_part_of) == para
    assert graph.value(item, ELI.number) == Literal("3")
    assert graph.value(item, GWR.ordinal) == Literal(3)
    assert graph.value(item, GWR.text) == zh("县政府组成部门的主要负责人。")
    assert graph.value(item, GWR.heading) == zh("（三）")
    assert set(graph.objects(item, RDFS.label)) == {
        zh("《示范县人民政府工作规则》第三条第一款第(三)项"),
        Literal("Model County Work Rules, Article 3, Paragraph 1, Item 3", lang="en"),
    }


def test_enumerated_articles_are_cited_as_articles():
    graph = build(TEXTS / "provincial-enumerated.txt")
    article = node("art_4")
    assert graph.value(article, GWR.heading) == zh("四、")
    assert graph.value(article, RDFS.label) == zh("《示范省人民政府工作规则》第四条")
    assert graph.value(node("art_5/para_1/item_2"), GWR.text) == zh("部署省政府的重要工作。")


def test_articles_without_chapters_hang_off_the_document():
    doc = parse_text("示例规则\n第一条 甲。\n第二条 乙。")
    graph = to_graph(doc, doc_iri=DOC + "/", jurisdiction="330382")
    assert set(graph.objects(node(), ELI.has_part)) == {node("art_1"), node("art_2")}
    assert graph.value(node("art_2"), ELI.is_part_of) == node()


def test_document_without_title_is_refused():
    doc = parse_file(TEXTS / "articles-only.txt")
    with pytest.raises(ValueError, match="no title"):
        to_graph(doc, doc_iri=DOC, jurisdiction="330382")
