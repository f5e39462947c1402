"""The parser over the shared corpus of real texts (../shared/corpus beside the repository).

Counts are checked against an independent count of the source lines, and the text round trip
(every character kept, in order, outside the skipped lines) is checked for every file.
"""

import datetime as dt
import re
from pathlib import Path

import pytest
from rdflib.namespace import RDF

from govrules.knowledge.parse import ParseError, parse_file, provision_text_concat, to_graph
from govrules.namespaces import GWR

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / ".." / "shared" / "corpus"
FILES = sorted(CORPUS.glob("*/*.md")) if CORPUS.is_dir() else []
# Files of the collection that are not normative texts, and why each is refused.
NOT_TEXTS = {
    "_index.md": "the document is empty",  # a YAML header for the collection's web site
    "劳动仲裁和劳动诉讼的攻略.md": "no article found",  # a guide for workers, not a rule
}
TEXTS = [f for f in FILES if f.name not in NOT_TEXTS]
NUMERAL = "[一二三四五六七八九十百千零〇]+"
ARTICLE_AT_START = re.compile(rf"第{NUMERAL}[条條]")
# A second article on the same line, after a sentence end and a space (the Beijing rules, l. 85).
ARTICLE_INSIDE = re.compile(rf"[。；]\s+第{NUMERAL}[条條](?![规的之中所和及或至、，,第款项])")
CHAPTER_LINE = re.compile(rf"#*\s*第{NUMERAL}章")
INVISIBLE = "[\\s\u200b\u200c\u200d\u2060\ufeff]+"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not FILES, reason="no shared corpus at ../shared/corpus beside the repo"),
]


def source_lines(path):
    return path.read_text(encoding="utf-8").splitlines()


def independent_counts(path):
    """Return (articles, chapters) counted on the raw lines, without the parser."""
    lines = source_lines(path)
    articles = sum(bool(ARTICLE_AT_START.match(line)) for line in lines)
    articles += sum(len(ARTICLE_INSIDE.findall(line)) for line in lines)
    chapters = sum(bool(CHAPTER_LINE.match(line.strip())) for line in lines)
    return articles, chapters


def kept_source(path, doc):
    """Return the source from the title on, without Markdown marks and skipped text."""
    skipped: dict[int, list[str]] = {}
    for number, text in doc.skipped:
        skipped.setdefault(number, []).append(text)
    kept = []
    for number, line in enumerate(source_lines(path), 1):
        if number < doc.body_line:
            continue
        line = re.sub(r"^\s*#+\s*", "", line)
        for text in skipped.get(number, []):
            line = line.replace(text, "", 1)
        kept.append(line)
    return re.sub(INVISIBLE, "", "".join(kept))


def test_corpus_is_there():
    assert len(FILES) >= 73
    assert len(list((CORPUS / "procedural-rules").glob("*.md"))) == 14


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_every_text_parses_with_the_independent_counts(path):
    doc = parse_file(path)
    articles, chapters = independent_counts(path)
    if doc.style == "条":
        assert len(doc.articles) == articles
    numbered = [c for c in doc.chapters if c.heading.startswith("第")]
    assert len(numbered) == chapters
    assert doc.title


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_every_text_round_trips(path):
    doc = parse_file(path)
    assert provision_text_concat(doc) == kept_source(path, doc)


@pytest.mark.parametrize("name", sorted(NOT_TEXTS))
def test_files_that_are_not_texts_are_refused_with_a_reason(name):
    (path,) = [f for f in FILES if f.name == name]
    with pytest.raises(ParseError, match=NOT_TEXTS[name]):
        parse_file(path)


def test_npc_standing_committee_rules_versions():
    path = CORPUS / "procedural-rules" / "全国人民代表大会常务委员会议事规则(2022-06-24).md"
    doc = parse_file(path)
    assert [(e.date, e.kind) for e in doc.events] == [
        (dt.date(1987, 11, 24), "adopted"),
        (dt.date(2009, 4, 24), "amended"),
        (dt.date(2022, 6, 24), "amended"),
    ]
    assert doc.events[0].by == "第六届全国人民代表大会常务委员会第二十三次会议"
    assert doc.events[2].by == "第十三届全国人民代表大会常务委员会第三十五次会议"
    assert doc.events[2].act == "关于修改〈中华人民共和国全国人民代表大会常务委员会议事规则〉的决定"
    assert doc.version_date == dt.date(2022, 6, 24)
    # The title printed again over two lines after the notes is skipped, not kept.
    assert (11, "中华人民共和国全国人民代表大会") in doc.skipped
    assert (len(doc.chapters), len(doc.articles), doc.warnings) == (8, 52, [])
    older = parse_file(path.with_name("全国人民代表大会常务委员会议事规则(2009-04-24).md"))
    assert older.version_date == dt.date(2009, 4, 24)


def test_every_procedural_rules_file_has_its_adoption_first():
    for path in sorted((CORPUS / "procedural-rules").glob("*.md")):
        doc = parse_file(path)
        if doc.events:
            assert doc.events[0].kind == "adopted", path.name
            assert doc.version_date == max(e.date for e in doc.events)


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        (
            "procedural-rules/浙江省人民代表大会常务委员会议事规则(2020-11-27).md",
            21,
            "the first chapter is 第二章",
        ),
        (
            "procedural-rules/北京市人民代表大会议事规则(2022-01-10).md",
            55,
            "item （六） follows （四）",
        ),
        (
            "procedural-rules/山东省人民代表大会议事规则(2019-02-18).md",
            145,
            "the title of chapter 审查",
        ),
        ("sample/河南省实施《防洪法》办法(2016-03-29).md", 229, "chapter 第七章 is missing"),
    ],
)
def test_publishers_slips_in_the_corpus_are_warnings(name, line, message):
    doc = parse_file(CORPUS / name)
    assert any(n == line and message in m for n, m in doc.warnings), doc.warnings
    with pytest.raises(ParseError, match=message):
        parse_file(CORPUS / name, strict=True)


def test_a_chapter_title_alone_over_two_lines_is_a_chapter():
    doc = parse_file(CORPUS / "procedural-rules" / "山东省人民代表大会议事规则(2019-02-18).md")
    fourth = doc.chapters[3]
    assert (fourth.number, fourth.heading, fourth.line) == (4, "", 143)
    assert fourth.title == "审查工作报告、审查国民经济和社会发展计划以及财政预算"
    assert [c.heading for c in doc.chapters][4] == "第五章"


def test_the_collections_template_parses_and_says_what_it_did_not_understand():
    doc = parse_file(CORPUS / "sample" / "法律法规模版.md")
    assert (doc.title, doc.subtitle) == ("某条法律的标题", "副标题")
    assert [(p.heading, [s.heading for s in doc.sections]) for p in doc.parts] == [
        ("第一篇", ["第一节"])
    ]
    assert [a.section for a in doc.articles] == [1, 1]
    assert [(e.date, e.kind) for e in doc.events] == [(dt.date(2021, 11, 1), "in-force")]
    assert doc.warnings == [
        (9, "title note without a known event: '1990年01月23日 发生了什么事情'")
    ]


def test_a_code_part_with_sub_parts_sections_and_numbering_from_article_205():
    doc = parse_file(CORPUS / "sample" / "物权编.md")
    assert doc.subtitle == "物权编"
    assert [p.kind for p in doc.parts] == ["分编"] * 5
    assert (doc.articles[0].number, doc.articles[-1].number) == (205, 462)
    assert len(doc.sections) == 7


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_every_text_has_a_graph_with_one_node_per_provision(path):
    doc = parse_file(path)
    graph = to_graph(doc, "https://example.org/corpus/doc")
    for kind, provisions in (
        (GWR.Article, doc.articles),
        (GWR.Chapter, doc.chapters),
        (GWR.Section, doc.sections),
        (GWR.Part, doc.parts),
    ):
        assert len(set(graph.subjects(RDF.type, kind))) == len(provisions)
