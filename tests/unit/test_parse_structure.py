"""Text → document tree: the real source, one fixture per style, and every refusal."""

import datetime as dt
import re
from pathlib import Path

import pytest

from govrules.knowledge.parse import (
    ParseError,
    parse_file,
    parse_text,
    provision_text_concat,
    to_chinese,
)

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "data" / "source" / "yueqing-government-work-rules-2020.txt"
TEXTS = ROOT / "tests" / "fixtures" / "texts"
FIXTURES = sorted([*TEXTS.glob("*.txt"), *TEXTS.glob("*.md")])


@pytest.fixture(scope="module")
def real():
    return parse_file(SOURCE)


def fixture(name):
    return parse_file(TEXTS / name)


def body_without_whitespace(path, doc):
    """Return the source from the body line on without Markdown marks, skipped text, spaces."""
    skipped = {}
    for number, text in doc.skipped:
        skipped.setdefault(number, []).append(text)
    kept = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if number >= doc.body_line:
            line = re.sub(r"^\s*#+\s*", "", line)
            for text in skipped.get(number, []):
                line = line.replace(text, "", 1)
            kept.append(line)
    return re.sub(r"\s+", "", "".join(kept))


# The real source


def test_real_file_structure(real):
    assert len(real.chapters) == 7
    assert len(real.articles) == 34
    assert [a.number for a in real.articles] == list(range(1, 35))
    assert [c.title for c in real.chapters][:2] == ["总则", "组成人员职责"]
    assert [len(c.articles) for c in real.chapters] == [3, 8, 6, 5, 5, 4, 3]


def test_real_file_preamble(real):
    assert real.title == "乐清市人民政府工作规则"
    assert real.title_line == 7
    assert real.date == dt.date(2020, 3, 12)
    assert real.adopted_at == "十六届市政府第二十二次常务会议"
    assert real.issuer == "乐清市人民政府"
    assert real.addressee == "各乡镇人民政府、街道办事处,市政府直属各单位"
    assert real.notice.text.startswith("《乐清市人民政府工作规则》已经")
    assert (real.notice.issuer, real.notice.date) == ("乐清市人民政府", dt.date(2020, 3, 12))


def test_real_file_paragraphs(real):
    article = {a.number: a for a in real.articles}
    assert len(article[11].paragraphs) == 4
    assert len(article[20].paragraphs) == 2
    assert article[11].paragraphs[2].text.startswith("市审计局在市长和上一级审计机关领导下")
    assert article[11].paragraphs[2].line == 23
    (tenth,) = article[10].paragraphs
    assert "负责处理市政府的日常工作" in tenth.text
    assert tenth.line == 19


def test_real_file_headings_and_lines(real):
    first = real.chapters[0]
    assert (first.heading, first.title, first.line) == ("第一章", "总则", 8)
    seventh = real.articles[6]
    assert (seventh.heading, seventh.line, seventh.chapter) == ("第七条", 16, 2)
    assert real.articles[33].heading == "第三十四条"


def test_real_file_cited_titles(real):
    cited = real.articles[0].paragraphs[0].cited_titles
    assert "中华人民共和国宪法" in cited
    assert "国务院工作规则" in cited
    assert len(cited) == 5
    assert "乐清市人民政府工作规则" not in real.cited_titles
    assert real.cited_titles[:2] == ["中华人民共和国宪法", cited[1]]


@pytest.mark.parametrize("path", [SOURCE, *FIXTURES], ids=lambda p: p.name)
def test_round_trip(path):
    doc = parse_file(path)
    assert provision_text_concat(doc) == body_without_whitespace(path, doc)


def test_fixture_glob_finds_texts():
    assert len(FIXTURES) >= 7


# One fixture per style


def test_wrapped_lines_and_residue():
    doc = fixture("county-wrapped.txt")
    assert doc.title == "示范县人民政府工作规则"
    assert doc.title_line == 10
    assert doc.date == dt.date(2021, 5, 8)
    assert doc.adopted_at == "县政府第五次常务会议"
    assert "审议通过" in doc.notice.text  # the notice was wrapped over two lines
    assert [c.title for c in doc.chapters] == ["总则", "组成人员职责", "会议制度"]
    first, second, third, fourth, _ = doc.articles
    assert first.paragraphs[0].text.endswith("，结合本县实际，制定本规则。")
    # "第五条规定的…" at the start of a line continues the sentence; it is no heading.
    assert len(second.paragraphs) == 1
    assert "依照本规则第五条规定的会议制度" in second.paragraphs[0].text
    assert fourth.paragraphs[0].text == "县政府办公室主任在县长领导下，负责处理县政府的日常工作。"
    assert [len(p.items) for p in third.paragraphs] == [3, 0]


def test_items_on_their_own_lines():
    third = fixture("county-wrapped.txt").articles[2]
    lead = third.paragraphs[0]
    assert (
        lead.text
        == "县政府由下列人员组成：（一）县长；（二）副县长；（三）县政府组成部门的主要负责人。"
    )
    assert [(i.number, i.marker, i.text, i.line) for i in lead.items] == [
        (1, "（一）", "县长；", 19),
        (2, "（二）", "副县长；", 20),
        (3, "（三）", "县政府组成部门的主要负责人。", 21),
    ]
    assert third.paragraphs[1].text == "县长领导县政府的工作。副县长协助县长工作。"


def test_enumerated_articles_state_council_style():
    doc = fixture("provincial-enumerated.txt")
    assert doc.style == "、"
    assert doc.notice_title == "示范省人民政府关于印发《示范省人民政府工作规则》的通知"
    assert doc.document_number == "示政发〔2023〕6号"
    notice = doc.notice
    assert (notice.document_number, notice.issuer) == ("示政发〔2023〕6号", "示范省人民政府")
    assert (notice.addressee, notice.date) == (
        "各市、县（市、区）人民政府，省政府直属各单位",
        dt.date(2023, 3, 24),
    )
    assert parse_text("示例规则\n第一条 甲。").notice is None
    assert doc.date == dt.date(2023, 3, 24)
    assert doc.title_note.startswith("（2023年3月24日")
    assert doc.adopted_at == "示范省人民政府第一次全体会议"
    assert [a.heading for a in doc.articles] == ["一、", "二、", "三、", "四、", "五、", "六、"]
    assert [a.chapter for a in doc.articles] == [1, 1, 2, 2, 3, 3]
    fourth = doc.articles[3]
    assert [i.marker for i in fourth.paragraphs[0].items] == ["（一）", "(二)", "（三）"]
    assert fourth.paragraphs[0].items[2].text == "完成省长交办的其他事项。"
    assert fourth.paragraphs[1].text == "部门主要负责人对本部门工作负总责。"


def test_inline_items_and_references():
    doc = fixture("provincial-enumerated.txt")
    items = doc.articles[4].paragraphs[0].items
    assert [(i.number, i.text, i.line) for i in items] == [
        (1, "讨论决定省政府工作中的重大事项；", 22),
        (2, "部署省政府的重要工作。", 22),
    ]
    assert doc.articles[5].paragraphs[0].items == []  # 第五条第（一）项 is a reference


def test_traditional_characters():
    doc = fixture("traditional.txt")
    assert [a.heading for a in doc.articles] == ["第一條", "第二條", "第三條", "第四條"]
    assert [c.title for c in doc.chapters] == ["總則", "會議制度"]
    assert doc.articles[0].paragraphs[0].cited_titles == ["中華人民共和國憲法"]
    assert [i.text for i in doc.articles[1].paragraphs[0].items] == [
        "執行市政府的決定；",
        "報告重要情況。",
    ]
    third = doc.articles[2]
    assert [(p.heading, p.number, p.line) for p in third.paragraphs] == [
        ("第一款", 1, 9),
        ("第二款", 2, 10),
    ]


def test_articles_without_chapters_or_preamble():
    doc = fixture("articles-only.txt")
    assert doc.chapters == [] and doc.title == "" and doc.body_line == 1
    second = doc.articles[1]
    assert (second.line, second.paragraphs[0].line) == (2, 3)
    assert [i.text for i in second.paragraphs[0].items] == [
        "全体会议；",
        "常务会议；",
        "专题会议。",
    ]
    assert doc.articles[2].paragraphs[0].items == []


def test_collection_markdown_style():
    doc = fixture("collection-markdown.md")
    assert doc.title == "示范省人民代表大会常务委员会议事规则"
    assert [(e.date.year, e.kind) for e in doc.events] == [
        (1995, "adopted"),
        (2010, "amended"),
        (2022, "revised"),
    ]
    assert doc.version_date == dt.date(2022, 6, 24)
    assert [n for n, _ in doc.skipped] == [9, 11, 13]  # the marker and the title printed again
    assert [(c.heading, c.title) for c in doc.chapters] == [
        ("第一章", "会议的召开"),
        ("", "议案的提出和审议"),
        ("第三章", "附则"),
    ]
    assert [s.title for s in doc.sections] == ["会议的准备", "会议的举行"]
    assert [(a.chapter, a.section) for a in doc.articles] == [
        (None, None),
        (1, 1),
        (1, 1),
        (1, 2),
        (2, None),
        (3, None),
    ]
    (lead,) = doc.articles[2].paragraphs
    assert [(i.text, [j.text for j in i.items]) for i in lead.items] == [
        ("审议法规案：", ["法规草案；", "法规修正案草案；"]),
        ("听取和审议工作报告。", []),
    ]
    assert doc.warnings == []


def test_web_copy_with_furniture_and_title_notes():
    doc = fixture("web-copy-notes.txt")
    assert (doc.title, doc.title_line) == ("示范市人民政府工作规则", 6)
    assert [n for n, _ in doc.skipped] == [1, 2, 3, 4, 5, 7, 9, 10, 13]
    assert [(e.date, e.kind, e.by) for e in doc.events] == [
        (dt.date(2007, 4, 9), "adopted", "市政府第5次常务会议"),
        (dt.date(2012, 4, 26), "revised", "市政府第1次常务会议"),
    ]
    assert doc.date == dt.date(2012, 4, 26)
    assert [(c.heading, c.title) for c in doc.chapters] == [
        ("第一章", "总则"),
        ("第二章", "会议制度"),
        ("", "附则"),
    ]
    assert [(s.heading, s.title) for s in doc.sections] == [
        ("一、", "市政府全体会议"),
        ("二、", "市政府常务会议"),
    ]
    first, second, third, _ = doc.articles
    assert first.paragraphs[0].text.endswith("组织法》，制定本规则。")  # wrapped line joined
    assert [i.text for i in second.paragraphs[0].items] == ["讨论决定重大事项；", "部署重要工作。"]
    assert [len(i.items) for i in third.paragraphs[0].items] == [2, 0]


def test_traditional_with_converter_noise():
    doc = fixture("traditional-noise.txt")
    assert doc.title == "示範縣人民政府工作規則"
    assert [a.heading for a in doc.articles] == ["第一條", "第二條", "第三條", "第四條"]
    assert doc.articles[1].line == 3  # two articles on one line
    assert (
        doc.articles[2].paragraphs[0].text == "縣政府全體會議由縣長召集和主持，會議議題由縣長確定。"
    )
    assert [t for _, t in doc.skipped] == ["(guī)", "(guī)", "qW7zRk", "(guī)"]


def test_large_article_numbers():
    lines = ["大型规则", "第一章 总则"]
    lines += [f"第{to_chinese(n)}条 第{n}条的内容。" for n in range(1, 1002)]
    doc = parse_text("\n".join(lines))
    assert len(doc.articles) == 1001
    assert doc.articles[101].heading == "第一百零二条"
    assert doc.articles[101].number == 102
    assert doc.articles[-1].heading == "第一千零一条"
    assert doc.articles[-1].line == 1003


def test_heading_without_space_crlf_and_bom():
    doc = parse_text(
        "\ufeff示例规则\r\n第一条根据《宪法》，制定本规则。\r\n第二条　本规则自公布之日起施行。"
    )
    assert [p.text for a in doc.articles for p in a.paragraphs] == [
        "根据《宪法》，制定本规则。",
        "本规则自公布之日起施行。",
    ]


def test_wrapped_item_reference_is_not_an_item():
    doc = parse_text(
        "示例规则\n第一条 依照本规则第二条第\n（一）项执行。\n第二条 包括：（一）甲；（二）乙。"
    )
    first = doc.articles[0].paragraphs
    assert len(first) == 1 and first[0].items == []
    assert first[0].text == "依照本规则第二条第（一）项执行。"


def test_title_taken_from_notice_when_no_title_line():
    text = (
        "各单位：\n《示例规则》已经市政府第三次常务会议审议通过，现印发给你们。\n"
        "市政府\n2020年1月2日\n第一条 《示例规则》参照《国务院工作规则》制定。"
    )
    doc = parse_text(text)
    assert (doc.title, doc.title_line, doc.body_line) == ("示例规则", None, 5)
    assert doc.adopted_at == "市政府第三次常务会议"
    assert doc.cited_titles == ["国务院工作规则"]
    assert doc.articles[0].paragraphs[0].cited_titles == ["国务院工作规则"]


# Refusals: each names the line and what is wrong.

ERRORS = [
    ("", 1, "the document is empty"),
    (" \n\u3000\n", 1, "the document is empty"),
    ("示例规则\n第一章 总则\n本章没有条文", 3, "no article found"),
    ("示例规则\n第一章 总则\n本章规定总的原则。\n第一条 甲。", 3, "text after chapter 第一章"),
    ("示例规则\n这里有一句说明。\n第一条 甲。", 2, "not a recognisable preamble"),
    ("示例规则\n另一个标题\n第一条 甲。", 1, "not a recognisable preamble"),
    ("2020年3月12日\n各单位：\n示例规则\n第一条 甲。", 2, "addressee out of place after date"),
    ("示例规则\n第一章 总则\n第二章 附则\n第一条 甲。", 2, "chapter 第一章 has no article"),
    ("示例规则\n第一条\n第二条 乙。", 2, "article 第一条 has no text"),
    ("示例规则\n第一条 包括：\n（一）", 3, "item （一） has no text"),
    ("示例规则\n第一条 甲。\n第一百二条 乙。", 3, "heading 第一百二条: malformed numeral"),
    ("规则\n第一条\n第二款 甲。", 3, "第二款 is not paragraph 1"),
    ("规则\n第一章 总则\n（一）甲。\n第一条 乙。", 3, "is in no article"),
    ("示例规则\n第一条 甲。\n第一节 一般规定\n第二条 乙。", 3, "follows articles in no section"),
]

# Publisher's slips: read as they stand and reported; refused by a strict reading.
SLIPS = [
    (
        "示例规则\n第一条 甲。\n第二条 乙。\n第二条 丙。",
        4,
        "duplicate article 第二条 (first at line 3)",
    ),
    (
        "示例规则\n第一条 甲。\n第二条 乙。\n第三条 丙。\n第五条 丁。",
        5,
        "article 第五条 follows 第三条: article 第四条 is missing",
    ),
    ("示例规则\n一、甲。\n三、乙。", 3, "article 三、 follows 一、: article 二、 is missing"),
    ("規則\n第一條 甲。\n第一條 乙。", 3, "duplicate article 第一條 (first at line 2)"),
    (
        "示例规则\n第一章 总则\n第一条 甲。\n第三章 附则\n第二条 乙。",
        4,
        "chapter 第三章 follows 第一章: chapter 第二章 is missing",
    ),
    (
        "示例规则\n第一章 总则\n第一条 甲。\n第二章 职责\n第二条 乙。\n第一章 附则\n第三条 丙。",
        6,
        "duplicate chapter 第一章 (first at line 2)",
    ),
    (
        "示例规则\n第一条 包括：\n（一）甲；\n（三）乙。",
        4,
        "item （三） follows （一）: expected item 2",
    ),
    ("示例规则\n第一条 包括：\n（二）甲。", 3, "item （二） follows the start of its list"),
    (
        "示例规则\n第一条 包括：（一）甲；\n（三）乙。",
        3,
        "item （三） follows （一）: expected item 2",
    ),
]


@pytest.mark.parametrize(("text", "line", "message"), SLIPS)
def test_issue_12_slips_are_warnings_and_strict_refuses_them(text, line, message):
    doc = parse_text(text)
    assert any(n == line and message in m for n, m in doc.warnings), doc.warnings
    with pytest.raises(ParseError) as caught:
        parse_text(text, strict=True)
    assert caught.value.line == line and message in caught.value.message


@pytest.mark.parametrize(("text", "line", "message"), ERRORS)
def test_parse_errors_name_the_line(text, line, message):
    with pytest.raises(ParseError) as caught:
        parse_text(text)
    assert caught.value.line == line
    assert message in caught.value.message
    assert str(caught.value) == f"line {line}: {caught.value.message}"


def test_parse_error_is_a_value_error():
    assert issubclass(ParseError, ValueError)


@pytest.mark.parametrize(
    "text",
    [
        "示例规则\n第一条 包括：（一）甲；\n（二）乙。",
        "示例规则\n第一条 包括：\n（一）甲；（二）乙。",
        "示例规则\n第一条 包括：\n（一）甲；\n（二）乙。",
    ],
)
def test_items_split_however_the_lines_fall(text):
    (para,) = parse_text(text).articles[0].paragraphs
    assert para.text == "包括：（一）甲；（二）乙。"
    assert [(i.number, i.marker, i.text) for i in para.items] == [
        (1, "（一）", "甲；"),
        (2, "（二）", "乙。"),
    ]
    line_of_second = next(n for n, s in enumerate(text.split("\n"), 1) if "乙" in s)
    assert para.items[1].line == line_of_second


def test_wrapped_addressee_and_residue_after_a_chapter_heading():
    text = "各乡镇人民政府、街道办事处，\n市政府直属各单位：\n示例规则\n第一条 甲。"
    assert parse_text(text).addressee == "各乡镇人民政府、街道办事处，市政府直属各单位"
    doc = parse_text("示例规则\n第一章 总则\n打印\n第一条 甲。")
    assert doc.skipped == [(3, "打印")]
    assert doc.articles[0].paragraphs[0].text == "甲。"
