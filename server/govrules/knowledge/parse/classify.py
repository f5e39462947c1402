"""What a body line is: one small recogniser per construct of the genre, tried in order.

Divisions (编, 分编, 章, 节) and articles (第X条, or 一、) are headings; paragraphs may be headed
第X款; items are (一), 1. / 1． / 1、, (1) or, under 第X条 articles, 一、. A heading-like start that
goes on as a sentence (第三条规定的…) is a cross-reference, not a heading.
"""

import re
from dataclasses import dataclass

from govrules.knowledge.parse.lines import Line, squeeze
from govrules.knowledge.parse.numerals import NUMERAL, NUMERAL_CHARS, to_int

# A heading-like start followed by one of these is a cross-reference (第三条规定的…), not a heading.
_REFERENCE_NEXT = tuple("规的之中所和及或至、，,第款项")
_DIVISIONS = (
    ("part", re.compile(rf"(第({NUMERAL})(?:编|編|篇))(.*)")),
    ("subpart", re.compile(rf"(第({NUMERAL})分(?:编|編))(.*)")),
    ("chapter", re.compile(rf"(第({NUMERAL})章)(.*)")),
    ("section", re.compile(rf"(第({NUMERAL})[节節])(.*)")),
)
_ARTICLE = {
    "条": re.compile(rf"(第({NUMERAL})[条條])(.*)"),
    "、": re.compile(rf"(({NUMERAL})、)(.*)"),
}
_PARAGRAPH = re.compile(rf"(第({NUMERAL})款)(.*)")
# Item markers by level kind: (一); 1. 1． 1、; (1); ①.
ITEM_MARKERS = (
    ("paren", re.compile(r"([(（]([一二三四五六七八九十百零〇两]+)[)）])(.*)")),
    ("arabic", re.compile(r"((\d{1,3})[.．、](?!\d))(.*)")),
    ("paren-arabic", re.compile(r"([(（](\d{1,3})[)）])(.*)")),
    ("circled", re.compile(r"(([①-⑳]))(.*)")),
)
_CHINESE_ENUM = re.compile(rf"(({NUMERAL})、)(.*)")
# The characters a heading or item can start with: anything else is text, without trying more.
_HEADING_STARTS = frozenset(
    "第(（①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳0123456789０１２３４５６７８９" + NUMERAL_CHARS
)
OPENERS = ("part", "subpart", "chapter", "section", "article")
_SENTENCE_MARKS = re.compile(r"[，,。；;：:！？!?《》“”\"]")
# Known titles of chapters written without 第X章.
_BARE_TITLES = frozenset(("总则", "附则", "分则", "總則", "附則"))


@dataclass(frozen=True)
class Kind:
    """A body line's kind and its parts: heading (第一条), number, rest of the line."""

    kind: str
    heading: str = ""
    number: int | None = None
    rest: str = ""
    marker: str = ""  # item level kind: paren, arabic, paren-arabic, circled, enum


def _number(text: str) -> int | None:
    if text and text in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳":
        return ord(text) - ord("①") + 1
    try:
        return to_int(text)
    except ValueError:
        return None


def classify(line: str, style: str, *, level: int = 0) -> Kind:
    """Return the kind of a body line: part, subpart, chapter, section, article, paragraph, item,
    text.

    >>> classify("第一章 总 则", "条").kind, classify("第三条规定的事项", "条").kind
    ('chapter', 'text')
    >>> classify("（二）部署工作；", "条")
    Kind(kind='item', heading='（二）', number=2, rest='部署工作；', marker='paren')
    """
    if not line or line[0] not in _HEADING_STARTS:
        return Kind("text", rest=line)
    for kind, pattern in _DIVISIONS:
        if (match := pattern.fullmatch(line)) and (level or _is_heading(match, kind)):
            return _kind(kind, match)
    match = _ARTICLE[style].fullmatch(line)
    if match and (style == "、" or not match.group(3).startswith(_REFERENCE_NEXT)):
        return _kind("article", match)
    match = _PARAGRAPH.fullmatch(line)
    if match and not match.group(3).startswith(_REFERENCE_NEXT):
        return _kind("paragraph", match)
    for marker, pattern in ITEM_MARKERS:
        if match := pattern.fullmatch(line):
            return _kind("item", match, marker)
    # Under 第X条 articles, 一、 numbers items (judicial interpretations, traditional texts).
    if style == "条" and (match := _CHINESE_ENUM.fullmatch(line)):
        return _kind("item", match, "enum")
    return Kind("text", rest=line)


def _is_heading(match: re.Match, kind: str) -> bool:
    """Return whether a division match is a heading, not a sentence starting 第三章规定的…."""
    rest = match.group(3)
    if rest.startswith(_REFERENCE_NEXT):
        return False
    # A heading's title is short and carries no sentence punctuation (、 may join two words).
    return len(rest) <= 40 and not re.search(r"[，,。；;：:！？!?]", rest)


def _kind(kind: str, match: re.Match, marker: str = "") -> Kind:
    return Kind(kind, match.group(1), _number(match.group(2)), match.group(3).strip(), marker)


def is_bare_title(line: Line, next_kind: str) -> bool:
    """Return whether *line* is a chapter title written without 第X章 (总则, 附则, 会议的召开).

    A Markdown heading or a known title (总则, 附则) always is; another short line without any
    punctuation is when an article heading follows it.
    """
    text = re.sub(r"\s+", "", line.text)
    if _SENTENCE_MARKS.search(text) or len(text) > 20:
        return False
    if line.level or text in _BARE_TITLES:
        return True
    return next_kind == "article"


def locate_body(body: list[Line], front: list[Line]) -> tuple[str, int]:
    """Return the article numbering style ("条" or "、") and the index of the first heading.

    :raises ParseError: if no line is an article heading.
    """
    from govrules.knowledge.parse.structure import ParseError

    for style in ("条", "、"):
        kinds = [classify(line.text, style, level=line.level).kind for line in body]
        if "article" in kinds:
            start = next(i for i, k in enumerate(kinds) if k in OPENERS)
            # A first chapter written as its title alone (总则, or a Markdown heading).
            if start and (
                body[start - 1].level > 1 or squeeze(body[start - 1].text) in _BARE_TITLES
            ):
                start -= 1
            return style, start
    last = body[-1].number if body else front[-1].number
    raise ParseError(last, "no article found (expected headings like 第一条 or 一、)")
