"""Issue 12: each failure found on real documents, as a regression test on a minimal snippet."""

import datetime as dt

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from govrules.knowledge.parse import Event, ParseError, parse_text, provision_text_concat, to_graph
from govrules.namespaces import ELI, GWR

D = dt.date


def events(doc):
    return [(e.date, e.kind, e.by, e.act) for e in doc.events]


def paragraphs(doc):
    return [p.text for a in doc.articles for p in a.paragraphs]


# Title notes (题注)


def test_issue_12_title_notes_are_events():
    doc = parse_text(
        "浙江省示例议事规则\n"
        "1993年2月25日 浙江省第八届人民代表大会常务委员会第二次会议通过\n"
        "2004年11月11日 浙江省第十届人民代表大会常务委员会第十四次会议"
        "《关于修改〈浙江省示例议事规则〉的决定》第一次修正\n"
        "第一条 为了规范议事，制定本规则。"
    )
    assert doc.title == "浙江省示例议事规则"
    assert events(doc) == [
        (D(1993, 2, 25), "adopted", "浙江省第八届人民代表大会常务委员会第二次会议", None),
        (
            D(2004, 11, 11),
            "amended",
            "浙江省第十届人民代表大会常务委员会第十四次会议",
            "关于修改〈浙江省示例议事规则〉的决定",
        ),
    ]
    assert [e.line for e in doc.events] == [2, 3]
    assert doc.version_date == D(2004, 11, 11)
    assert doc.adopted_at == "浙江省第八届人民代表大会常务委员会第二次会议"
    assert paragraphs(doc) == ["为了规范议事，制定本规则。"]


def test_issue_12_event_is_a_frozen_dataclass():
    event = parse_text("规则\n2020年1月2日 市政府第1次常务会议通过\n第一条 甲。").events[0]
    assert event == Event(D(2020, 1, 2), "adopted", "市政府第1次常务会议", None, 2)
    with pytest.raises(AttributeError):
        event.kind = "amended"


def test_issue_12_parenthesised_note_revised_keeps_its_meeting():
    doc = parse_text(
        "示例市人民政府工作规则\n（2012年4月26日市政府第1次常务会议修订通过）\n第一条 甲。"
    )
    assert events(doc) == [(D(2012, 4, 26), "revised", "市政府第1次常务会议", None)]
    assert doc.adopted_at == "市政府第1次常务会议"


def test_issue_12_several_notes_on_one_line_and_a_wrapped_note():
    doc = parse_text(
        "# 示例条例\n"
        "1980年2月2日 示例省第五届人民代表大会常务委员会第二次会议通过  "
        "1986年5月17日示例省第六届人民代表大会常务委员会第二十次会议《关于修改〈示例条例〉"
        "\n的决定》第一次修正\n"
        "2002年7月25日 示例省第九届人民代表大会常务委员会第三十四次会议修订）\n"
        "<!-- INFO END -->\n第一条 甲。"
    )
    assert [(e.date, e.kind) for e in doc.events] == [
        (D(1980, 2, 2), "adopted"),
        (D(1986, 5, 17), "amended"),
        (D(2002, 7, 25), "revised"),
    ]
    assert doc.events[1].act == "关于修改〈示例条例〉的决定"
    assert doc.events[2].by == "示例省第九届人民代表大会常务委员会第三十四次会议"


def test_issue_12_promulgation_and_entry_into_force():
    doc = parse_text(
        "# 示例办法\n2015年1月5日 国家示例总局令第73号公布\n2015年3月15日 施行\n"
        "<!-- INFO END -->\n第一条 甲。"
    )
    assert events(doc) == [
        (D(2015, 1, 5), "promulgated", "国家示例总局令第73号", None),
        (D(2015, 3, 15), "in-force", None, None),
    ]


# Dates


@pytest.mark.parametrize(
    "written", ["二○○七年四月九日", "二〇〇七年四月九日", "二零零七年四月九日"]
)
def test_issue_12_dates_with_circle_zeros(written):
    doc = parse_text(
        f"各单位：\n现将《示例规则》印发给你们。\n示例市人民政府\n{written}\n示例规则\n第一条 甲。"
    )
    assert doc.date == D(2007, 4, 9)


def test_issue_12_several_dates_the_version_is_the_latest():
    doc = parse_text(
        "示例规则\n（2001年3月1日市政府第5次常务会议通过　2012年4月26日市政府第1次常务会议修订）\n"
        "第一条 甲。"
    )
    assert doc.version_date == D(2012, 4, 26)
    assert doc.date == D(2012, 4, 26)


def test_issue_12_no_empty_jurisdiction_is_written():
    graph = to_graph(parse_text("示例规则\n第一条 甲。"), "https://example.org/doc")
    assert list(graph.triples((None, GWR.jurisdiction, None))) == []


# Page furniture and noise


@pytest.mark.parametrize(
    "furniture",
    [
        "首页 > 政务公开 > 政策文件",
        "当前位置：首页 > 政府信息公开",
        "市政府文件",
        "索引号：001008003004/2020-00012",
        "发布日期：2020-03-12",
        "【打印】 【关闭】",
    ],
)
def test_issue_12_page_furniture_before_the_title_is_skipped(furniture):
    doc = parse_text(f"{furniture}\n示例规则\n第一条 甲。")
    assert doc.title == "示例规则"
    assert doc.skipped == [(1, furniture)]


def test_issue_12_title_twice_and_year_after_the_title():
    doc = parse_text("示例规则\n（1998年）\n示例规则\n第一条 甲。")
    assert doc.title == "示例规则"
    assert doc.title_line == 1
    assert doc.skipped == [(3, "示例规则")]
    assert provision_text_concat(doc) == "示例规则（1998年）第一条甲。"


def test_issue_12_issuing_body_repeated_after_the_notes_is_skipped():
    doc = parse_text(
        "示例市人民政府工作规则\n（2020年3月12日市政府第3次常务会议通过）\n"
        "示例市人民政府\n第一条 甲。"
    )
    assert doc.skipped == [(3, "示例市人民政府")]
    assert doc.events[0].by == "市政府第3次常务会议"


def test_issue_12_title_split_over_lines_after_the_info_marker():
    doc = parse_text(
        "# 中华人民共和国示例委员会议事规则\n<!-- INFO END -->\n"
        "中华人民共和国示例\n委员会议事规则\n## 第一章 总 则\n第一条 甲。"
    )
    assert doc.skipped == [
        (2, "<!-- INFO END -->"),
        (3, "中华人民共和国示例"),
        (4, "委员会议事规则"),
    ]
    assert doc.chapters[0].title == "总则"


def test_issue_12_encyclopaedia_edit_links_after_headings():
    doc = parse_text("示例规则\n第一章 总则编辑\n第一条 甲。\n第二章 附则[编辑]\n第二条 乙。")
    assert [c.title for c in doc.chapters] == ["总则", "附则"]
    assert doc.skipped == [(2, "编辑"), (4, "[编辑]")]


def test_issue_12_converter_pinyin_is_removed_and_reported():
    doc = parse_text("示範規(guī)則\n第一條 本規(guī)則自公布之日起施行。")
    assert doc.title == "示範規則"
    assert paragraphs(doc) == ["本規則自公布之日起施行。"]
    assert doc.skipped == [(1, "(guī)"), (2, "(guī)")]


def test_issue_12_anti_copy_ascii_runs_are_removed_and_figures_kept():
    doc = parse_text("示例规则\n第一条 处2000元以上罚款，xK3pQz并公告ISO9001。")
    assert paragraphs(doc) == ["处2000元以上罚款，并公告ISO9001。"]
    assert doc.skipped == [(2, "xK3pQz")]


def test_issue_12_furniture_inside_the_body_is_skipped_not_kept():
    doc = parse_text("示例规则\n第一条 甲。\n打印本页\n第二条 乙。")
    assert paragraphs(doc) == ["甲。", "乙。"]
    assert doc.skipped == [(3, "打印本页")]


# Structure


def test_issue_12_sections_and_parts():
    doc = parse_text(
        "示例法\n第一编 总则\n第一章 任务\n第一条 甲。\n第二章 管辖\n第一节 级别管辖\n第二条 乙。\n"
        "第二节 地域管辖\n第三条 丙。\n第二编 程序\n第三章 审判\n第四条 丁。"
    )
    assert [(p.heading, p.title) for p in doc.parts] == [("第一编", "总则"), ("第二编", "程序")]
    assert [c.part for c in doc.chapters] == [1, 1, 2]
    assert [(s.heading, s.title, s.chapter) for s in doc.sections] == [
        ("第一节", "级别管辖", 2),
        ("第二节", "地域管辖", 2),
    ]
    assert [(a.chapter, a.section, a.part) for a in doc.articles] == [
        (1, None, 1),
        (2, 1, 1),
        (2, 2, 1),
        (3, None, 2),
    ]
    assert [len(c.articles) for c in doc.chapters] == [1, 2, 1]
    assert doc.warnings == []


def test_issue_12_bare_chapter_titles_are_chapters_not_text():
    doc = parse_text("示例规则\n总则\n第一条 甲。\n会议的召开\n第二条 乙。\n附则\n第三条 丙。")
    assert [(c.number, c.heading, c.title) for c in doc.chapters] == [
        (1, "", "总则"),
        (2, "", "会议的召开"),
        (3, "", "附则"),
    ]
    assert paragraphs(doc) == ["甲。", "乙。", "丙。"]


def test_issue_12_chapter_heading_without_title():
    doc = parse_text("示例规则\n第一章\n第一条 甲。\n第二章\n附则\n第二条 乙。")
    assert [(c.heading, c.title) for c in doc.chapters] == [("第一章", ""), ("第二章", "附则")]


def test_issue_12_articles_before_the_first_chapter():
    doc = parse_text("示例规则\n第一条 甲。\n第一章 会议\n第二条 乙。")
    assert [a.chapter for a in doc.articles] == [None, 1]


def test_issue_12_enumerated_heading_starting_with_a_reference_word():
    doc = parse_text("示例规则\n一、第十一届示例会议的决定适用本规则。\n二、中央的规定从其规定。")
    assert doc.style == "、"
    assert paragraphs(doc) == ["第十一届示例会议的决定适用本规则。", "中央的规定从其规定。"]


def test_issue_12_enumerated_title_line_is_not_glued_to_the_paragraph():
    doc = parse_text(
        "示例规则\n一、市政府全体会议\n市政府全体会议由市长召集。\n二、市政府常务会议\n常务会议每月两次。"
    )
    assert [(a.heading, a.title) for a in doc.articles] == [
        ("一、", "市政府全体会议"),
        ("二、", "市政府常务会议"),
    ]
    assert paragraphs(doc) == ["市政府全体会议由市长召集。", "常务会议每月两次。"]


def test_issue_12_enumerated_group_title_between_articles_is_a_section():
    doc = parse_text("示例规则\n第一章 会议\n一、全体会议\n第一条 甲。\n二、常务会议\n第二条 乙。")
    assert [(s.heading, s.title) for s in doc.sections] == [
        ("一、", "全体会议"),
        ("二、", "常务会议"),
    ]
    assert [a.section for a in doc.articles] == [1, 2]


def test_issue_12_several_articles_on_one_line():
    doc = parse_text("示範規則\n第一條 甲。第二條 乙。 第三條 依照第二條規定。")
    assert [a.heading for a in doc.articles] == ["第一條", "第二條", "第三條"]
    assert paragraphs(doc) == ["甲。", "乙。", "依照第二條規定。"]
    assert {a.line for a in doc.articles} == {2}


def test_issue_12_whole_text_on_one_line():
    doc = parse_text("示範規則 第一條 甲。第二條 乙。")
    assert doc.title == "示範規則"
    assert [a.heading for a in doc.articles] == ["第一條", "第二條"]


# Items


def test_issue_12_items_after_a_colon_inside_the_line():
    doc = parse_text("示例规则\n第一条 会议包括：（一）全体会议；（二）常务会议。")
    assert [i.text for i in doc.articles[0].paragraphs[0].items] == ["全体会议；", "常务会议。"]


def test_issue_12_two_levels_of_items():
    doc = parse_text(
        "示例规则\n第一条 职责如下：\n（一）组织会议：\n"
        "1.拟订议程；\n2.通知代表；\n（二）办理事务。"
    )
    first, second = doc.articles[0].paragraphs[0].items
    assert (first.marker, first.text) == ("（一）", "组织会议：")
    assert [(i.number, i.marker, i.text, i.line) for i in first.items] == [
        (1, "1.", "拟订议程；", 4),
        (2, "2.", "通知代表；", 5),
    ]
    assert (second.number, second.text, second.items) == (2, "办理事务。", [])


def test_issue_12_enumerated_items_inside_an_article():
    doc = parse_text("示例解释\n第一条 有下列情形之一的，应当受理：\n一、甲；\n二、乙。")
    assert [(i.marker, i.text) for i in doc.articles[0].paragraphs[0].items] == [
        ("一、", "甲；"),
        ("二、", "乙。"),
    ]


def test_issue_12_items_interrupted_by_a_paragraph_continue_their_list():
    doc = parse_text("示例规则\n第一条 包括：\n（一）甲。\n说明甲的情形。\n（二）乙。")
    (para,) = doc.articles[0].paragraphs
    assert [(i.number, i.text) for i in para.items] == [(1, "甲。说明甲的情形。"), (2, "乙。")]
    assert doc.warnings == []


def test_issue_12_items_restart_in_a_later_paragraph():
    doc = parse_text(
        "示例规则\n第一条 甲包括：\n（一）子；\n（二）丑。\n乙包括：\n（一）寅；\n（二）卯。"
    )
    first, second = doc.articles[0].paragraphs
    assert [i.text for i in first.items] == ["子；", "丑。"]
    assert [i.text for i in second.items] == ["寅；", "卯。"]
    assert doc.warnings == []


# Errors


def test_issue_12_text_without_title_parses_and_reports_no_title():
    doc = parse_text("第一条 甲。")
    assert doc.title == "" and doc.title_line is None
    with pytest.raises(ParseError, match="no title"):
        to_graph(doc, "https://example.org/doc")


def test_issue_12_error_names_the_unreadable_line_not_the_title():
    with pytest.raises(ParseError) as caught:
        parse_text("示例规则\n（2020年1月2日市政府第1次常务会议通过）\n这一行无法识别\n第一条 甲。")
    assert caught.value.line == 3
    assert "这一行无法识别" in caught.value.message


def test_issue_12_markdown_headings_and_info_marker():
    doc = parse_text(
        "# 示例条例\n\n2020年1月2日 示例市人民代表大会常务委员会第三次会议通过\n\n"
        "<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 甲。\n\n### 第一节 一般规定\n\n第二条 乙。"
    )
    assert doc.title == "示例条例"
    assert [c.title for c in doc.chapters] == ["总则"]
    assert [s.title for s in doc.sections] == ["一般规定"]
    assert doc.skipped == [(5, "<!-- INFO END -->")]


def test_issue_12_chapters_numbered_again_in_each_part():
    doc = parse_text(
        "示例刑法\n第一编 总则\n第一章 任务\n第一条 甲。\n第二章 犯罪\n第二条 乙。\n"
        "第二编 分则\n第一章 危害安全罪\n第三条 丙。\n第二章 其他罪\n第四条 丁。"
    )
    assert doc.warnings == []
    graph = to_graph(doc, "https://example.org/law")
    chapters = sorted(str(s) for s in graph.subjects(None, GWR.Chapter))
    assert chapters == [f"https://example.org/law/part_{p}/chp_{c}" for p in (1, 2) for c in (1, 2)]
    art_4 = URIRef("https://example.org/law/art_4")
    assert graph.value(art_4, ELI.is_part_of) == URIRef("https://example.org/law/part_2/chp_2")


def test_issue_12_repeated_chapter_number_gets_its_own_iri():
    doc = parse_text("示例规则\n第一章 总则\n第一条 甲。\n第一章 附则\n第二条 乙。")
    assert doc.warnings == [(4, "duplicate chapter 第一章 (first at line 2)")]
    graph = to_graph(doc, "https://example.org/r")
    art_2 = URIRef("https://example.org/r/art_2")
    assert graph.value(art_2, ELI.is_part_of) == URIRef("https://example.org/r/chp_1_2")


def test_issue_12_sections_and_nested_items_in_the_graph():
    doc = parse_text(
        "示例规则\n第一章 总则\n第一节 会议\n第一条 包括：\n（一）全体会议：\n1.甲；\n2.乙。"
    )
    graph = to_graph(doc, "https://example.org/r")
    base = "https://example.org/r"
    assert graph.value(URIRef(f"{base}/art_1"), ELI.is_part_of) == URIRef(f"{base}/chp_1/sec_1")
    assert (URIRef(f"{base}/chp_1/sec_1"), RDF.type, GWR.Section) in graph
    nested = URIRef(f"{base}/art_1/para_1/item_1/item_2")
    assert graph.value(nested, GWR.text) == Literal("乙。", lang="zh")
    assert graph.value(nested, ELI.is_part_of) == URIRef(f"{base}/art_1/para_1/item_1")


def test_issue_12_encyclopaedia_header_info_box_and_contents_are_skipped():
    doc = parse_text(
        "示例市人民政府工作规则_百度百科\n中文名：示例市人民政府工作规则\n发布单位：示例市人民政府\n"
        "示例市人民政府工作规则\n目录\n第一章 总则\n第二章 附则\n第一章 总则\n第一条 甲。\n"
        "第二章 附则\n第二条 乙。"
    )
    assert doc.title == "示例市人民政府工作规则"
    assert [n for n, _ in doc.skipped] == [1, 2, 3, 5, 6, 7]
    assert [(c.line, c.title) for c in doc.chapters] == [(8, "总则"), (10, "附则")]


def test_issue_12_metadata_words_inside_the_body_stay_text():
    doc = parse_text("示例规则\n第一条 分类如下：\n类别：甲类和乙类。")
    assert doc.skipped == []
    assert paragraphs(doc) == ["分类如下：", "类别：甲类和乙类。"]


def test_issue_12_bare_chapter_title_wrapped_over_two_lines():
    doc = parse_text(
        "示例规则\n第一条 甲。\n审查工作报告、审查国民经济\n和社会发展计划以及财政预算\n第二条 乙。"
    )
    assert [(c.heading, c.title, c.line) for c in doc.chapters] == [
        ("", "审查工作报告、审查国民经济和社会发展计划以及财政预算", 3)
    ]
    assert paragraphs(doc) == ["甲。", "乙。"]


def test_issue_12_units_in_parentheses_are_not_pinyin():
    doc = parse_text("示例规则\n第一条 每件不超过五公斤（kg）的，適用本規(guī)則。")
    assert paragraphs(doc) == ["每件不超过五公斤（kg）的，適用本規則。"]
    assert doc.skipped == [(2, "(guī)")]


def test_issue_12_signature_and_site_footer_after_the_last_article_are_skipped():
    doc = parse_text(
        "示例规则\n第一条 本规则自印发之日起施行。\n示例市人民政府\n2020年3月12日\n"
        "分享到：微信 微博\n主办单位：示例市人民政府办公室　浙ICP备12345678号"
    )
    assert paragraphs(doc) == ["本规则自印发之日起施行。"]
    assert [n for n, _ in doc.skipped] == [3, 4, 5, 6]
    assert (doc.issuer, doc.date) == ("示例市人民政府", D(2020, 3, 12))


@pytest.mark.parametrize("heading", ["示例市人民政府关于印发示例规则的通知", "示例规则"])
def test_issue_12_page_heading_above_the_notice_is_skipped(heading):
    doc = parse_text(
        f"{heading}\n示例市人民政府关于印发示例规则的通知\n示政发〔2020〕1号\n各单位：\n"
        "现将《示例规则》印发给你们。\n示例市人民政府\n2020年1月2日\n示例规则\n第一条 甲。"
    )
    assert doc.skipped == [(1, heading)]
    assert (doc.title, doc.title_line, doc.document_number) == ("示例规则", 8, "示政发〔2020〕1号")


def test_issue_12_notice_of_several_paragraphs_with_an_attachment_line():
    doc = parse_text(
        "各单位：\n为进一步规范政府工作，市政府对工作规则进行了修订。\n"
        "现将修订后的《示例规则》印发给你们，请遵照执行。\n附件：示例规则\n示例市人民政府\n"
        "2020年1月2日\n示例规则\n第一条 甲。"
    )
    assert doc.notice.text.splitlines()[-1] == "附件：示例规则"
    assert (doc.issuer, doc.title, doc.title_line) == ("示例市人民政府", "示例规则", 7)


def test_issue_12_sections_outside_chapters():
    doc = parse_text("示例规则\n第一节 会议\n第一条 甲。\n第二节 文件\n第二条 乙。")
    assert [(s.heading, s.title, s.chapter) for s in doc.sections] == [
        ("第一节", "会议", None),
        ("第二节", "文件", None),
    ]
    graph = to_graph(doc, "https://example.org/r")
    art_2 = URIRef("https://example.org/r/art_2")
    assert graph.value(art_2, ELI.is_part_of) == URIRef("https://example.org/r/sec_2")
