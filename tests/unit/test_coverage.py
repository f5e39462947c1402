"""Sentence splitting, marker tagging and coverage of paragraphs by norms and notes."""

import pytest
from rdflib import RDF, Graph, Literal, URIRef

from govrules.knowledge.coverage import (
    coverage,
    find_markers,
    format_coverage,
    overlaps,
    split_sentences,
)
from govrules.namespaces import GWR

DOC = "https://example.org/eli/doc"


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("甲要报告。乙不得公开。", ["甲要报告", "乙不得公开"]),
        ("甲应当协商;乙应当征求意见;丙要公开", ["甲应当协商", "乙应当征求意见", "丙要公开"]),
        ("甲应当协商；乙可以。", ["甲应当协商", "乙可以"]),
        ("没有句号的句子", ["没有句号的句子"]),
        ("。;", []),
    ],
)
def test_split_sentences(text, sentences):
    assert split_sentences(text) == sentences


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("市政府工作中的重大事项,必须经常务会议讨论决定", ["必须", "决定"]),
        ("涉及相关部门的,应当充分协商", ["应当"]),
        ("均应向社会公开", ["均应", "公开"]),
        ("副市长受市长委托,可负责其他方面的工作", ["可", "负责"]),
        ("可以联合制定", ["可以"]),
        ("法无授权不可为", ["不可"]),
        ("不得设定行政许可", ["不得"]),
        ("向市政府备案", ["备案"]),
        ("遇到重大事项、重要情况要及时向市长报告", ["要", "报告"]),
        ("必要时应举行听证会", ["应"]),
    ],
)
def test_markers_found(sentence, words):
    assert [m.word for m in find_markers(sentence)] == words


@pytest.mark.parametrize(
    "sentence",
    [
        "重要工作和主要任务",  # 要 in 重要, 主要
        "根据需要,视情况而定",  # 要 in 需要
        "提出要求,编制纲要",  # 要 in 要求, 纲要
        "进行必要性和可行性论证",  # 要 in 必要, 可 in 可行性
        "行政许可事项",  # 可 in 许可
        "可能影响社会稳定",  # 可 in 可能
        "适应新常态,积极回应关切,相应调整",  # 应 in 适应, 回应, 相应
        "做好行政应诉工作",  # 应 in 应诉
        "市政府组成部门的主要负责人",  # 负责 in 负责人
        "认真负责地办理",  # 负责 in 负责地
        "对领导干部实行离任审计",  # 领导 in 领导干部
        "通过新闻发布会",  # 发布 in 发布会
    ],
)
def test_markers_not_found_in_false_positives(sentence):
    assert find_markers(sentence) == []


def test_marker_kinds_and_positions():
    markers = find_markers("甲应当报告,乙不得公布")
    assert [(m.word, m.kind, m.start) for m in markers] == [
        ("应当", "obligation", 1),
        ("报告", "procedure", 3),
        ("不得", "prohibition", 7),
        ("公布", "procedure", 9),
    ]


def test_overlaps_either_way():
    assert overlaps("必须报告", "甲必须报告")
    assert overlaps("甲必须报告。乙", "甲必须报告")
    assert not overlaps("乙必须报告", "甲必须报告")
    assert not overlaps("", "甲")


def _paragraph(graph: Graph, art: int, para: int, text: str) -> URIRef:
    iri = URIRef(f"{DOC}/art_{art}/para_{para}")
    graph.add((iri, RDF.type, GWR.Paragraph))
    graph.add((iri, GWR.text, Literal(text, lang="zh")))
    return iri


def _norm(graph: Graph, name: str, source: URIRef, quote: str, kind=GWR.Obligation) -> URIRef:
    iri = URIRef(f"{DOC}/norm/{name}")
    graph.add((iri, RDF.type, kind))
    graph.add((iri, GWR.hasLegalSource, source))
    graph.add((iri, GWR.quote, Literal(quote, lang="zh")))
    return iri


@pytest.fixture
def graph():
    g = Graph()
    p1 = _paragraph(g, 1, 1, "市政府工作的指导思想是依法行政,推进政务公开。")
    p2 = _paragraph(g, 2, 1, "甲必须报告。乙不得公开。丙协助甲工作。")
    _paragraph(g, 3, 1, "部门要备案。")
    p4 = _paragraph(g, 4, 1, "实行主任负责制,由其领导本部门的工作。")
    g.add((p1, GWR.nonNormativeNote, Literal("陈述性条款:指导思想", lang="zh")))
    _norm(g, "art_2-1", p2, "甲必须报告")
    _norm(g, "art_4-1", p4, "由其领导本部门的工作", GWR.Power)
    note = URIRef(f"{DOC}/art_2/para_1/note_1")
    g.add((note, RDF.type, GWR.NonNormativeNote))
    g.add((note, GWR.hasLegalSource, p2))
    g.add((note, GWR.quote, Literal("乙不得公开", lang="zh")))
    return g


def test_coverage_of_small_graph(graph):
    report = coverage(graph)
    status = {(p.article, p.paragraph): p.status for p in report.paragraphs}
    assert status == {
        ("1", "1"): "explained",
        ("2", "1"): "covered",
        ("3", "1"): "uncovered",
        ("4", "1"): "covered",
    }
    art2 = report.paragraphs[1]
    assert [s.status for s in art2.sentences] == ["covered", "explained", "unmarked"]
    assert [str(n).rsplit("/", 1)[1] for n in art2.norms] == ["art_2-1"]
    assert [(p.article, s.text) for p, s in report.uncovered_sentences] == [("3", "部门要备案")]
    assert [p.article for p in report.unexplained_paragraphs] == ["3"]
    assert report.errors == []
    assert not report.ok
    assert report.counts()["marked_sentences"] == 5
    assert report.counts()["marked_uncovered"] == 1


def test_covering_the_gap_makes_the_report_ok(graph):
    _norm(graph, "art_3-1", URIRef(f"{DOC}/art_3/para_1"), "部门要备案")
    report = coverage(graph)
    assert report.ok
    assert report.counts()["paragraphs_covered"] == 3


def test_bad_quote_is_an_error(graph):
    source = URIRef(f"{DOC}/art_2/para_1")
    _norm(graph, "art_2-2", source, "甲必须备案")
    errors = coverage(graph).errors
    assert [(str(e.subject).rsplit("/", 1)[1], e.message) for e in errors] == [
        ("art_2-2", "quote not in paragraph text")
    ]


def test_quote_must_be_exact_not_normalised(graph):
    _norm(graph, "art_2-2", URIRef(f"{DOC}/art_2/para_1"), "甲必须报告。 乙")
    assert len(coverage(graph).errors) == 1


def test_source_that_is_no_paragraph_is_an_error(graph):
    _norm(graph, "art_9-1", URIRef(f"{DOC}/art_9/para_1"), "甲必须报告")
    assert [e.message for e in coverage(graph).errors] == ["source is no paragraph"]


def test_norms_are_listed_in_reading_order(graph):
    source = URIRef(f"{DOC}/art_2/para_1")
    for k in (10, 9):
        _norm(graph, f"art_2-{k}", source, "甲必须报告")
    names = [str(n).rsplit("/", 1)[1] for n in coverage(graph).paragraphs[1].norms]
    assert names == ["art_2-1", "art_2-9", "art_2-10"]


def test_format_coverage(graph):
    text = format_coverage(coverage(graph))
    lines = text.splitlines()
    assert lines[0].split() == ["article", "paragraph", "norms", "status"]
    assert lines[2].split() == ["2", "1", "1:", "art_2-1", "covered"]
    assert "art_3/para_1: 部门要备案 [要 备案]" in text
    assert "paragraphs: 4 (covered 2, explained 1, uncovered 1); norms: 2" in text
