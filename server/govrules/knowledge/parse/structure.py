"""Text of a work-rules document → tree of chapters (章), articles (条), paragraphs (款), items.

Two numbering styles are read: articles headed 第一条 (or 第一條), and articles headed 一、 as in
the State Council's rules; both are numbered through the document. Every node records the 1-based
source line it starts on. Anything that cannot be placed with certainty raises ParseError.
This module holds the tree and the entry points; ``preamble`` reads the promulgation notice and
``body`` the provisions.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from govrules.knowledge.parse.numerals import NUMERAL, digits_to_int, to_int

TERMINATORS = "。；;：:！？!?"
CLOSING_QUOTES = "”’」』\"'"
_TITLE = re.compile(r"《([^《》]+)》")
_DATE = re.compile(rf"(\d{{4}}|[〇零一二三四五六七八九]{{4}})年({NUMERAL})月({NUMERAL})日")


class ParseError(ValueError):
    """A document that cannot be read with certainty; names the 1-based source line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


@dataclass
class Item:
    """An enumerated item (项) of a paragraph; *marker* is its source numbering, e.g. (一)."""

    number: int
    text: str
    line: int
    marker: str = ""


@dataclass
class Paragraph:
    """A paragraph (款); its text includes its items with their markers."""

    number: int
    text: str
    items: list[Item]
    line: int
    cited_titles: list[str]
    heading: str = ""


@dataclass
class Article:
    """An article (条), numbered through the document; *chapter* is its chapter's number."""

    number: int
    heading: str
    paragraphs: list[Paragraph]
    line: int
    chapter: int | None = None


@dataclass
class Chapter:
    """A chapter (章): *title* has its internal spaces removed (总 则 → 总则)."""

    number: int
    heading: str
    title: str
    line: int
    articles: list[Article] = field(default_factory=list)


@dataclass
class Document:
    """A parsed work-rules document: its promulgation notice and its provisions."""

    title: str = ""
    issuer: str = ""
    date: dt.date | None = None
    notice: str = ""
    addressee: str = ""
    adopted_at: str = ""
    cited_titles: list[str] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    title_line: int | None = None
    body_line: int = 1
    title_note: str = ""
    notice_title: str = ""
    document_number: str = ""
    style: str = "条"


def parse_file(path: str | Path) -> Document:
    """Read a UTF-8 text file and parse it with parse_text."""
    return parse_text(Path(path).read_text(encoding="utf-8"))


def parse_text(text: str) -> Document:
    """Parse the plain text of a work-rules document.

    >>> doc = parse_text("示例规则\\n第一条 本规则自公布之日起施行。")
    >>> doc.title, doc.articles[0].heading, doc.articles[0].paragraphs[0].text
    ('示例规则', '第一条', '本规则自公布之日起施行。')

    :raises ParseError: when the text is empty, has no article, or its structure is inconsistent.
    """
    from govrules.knowledge.parse.body import locate_body, read_body
    from govrules.knowledge.parse.preamble import read_preamble

    numbered = enumerate(text.lstrip("\ufeff").splitlines(), 1)
    lines = [(n, s.strip()) for n, s in numbered if s.strip()]
    if not lines:
        raise ParseError(1, "the document is empty")
    style, start = locate_body(lines)
    doc = read_preamble(lines[:start], first_body_line=lines[start][0])
    doc.style = style
    read_body(doc, lines[start:])
    return doc


def provision_text_concat(doc: Document) -> str:
    """Return the headings and texts of all provisions in reading order, whitespace removed.

    For a correct parse this equals the source from line ``doc.body_line`` on with all
    whitespace removed: nothing was dropped, duplicated or reordered.
    """
    parts = [doc.title, doc.title_note] if doc.title_line else []
    blocks = [(c.heading + c.title, c.articles) for c in doc.chapters] or [("", doc.articles)]
    for head, articles in blocks:
        parts.append(head)
        for article in articles:
            parts.append(article.heading)
            parts.extend(p.heading + p.text for p in article.paragraphs)
    return re.sub(r"\s+", "", "".join(parts))


def ends_sentence(text: str) -> bool:
    """Return whether *text* ends with sentence-final punctuation, possibly then a quote.

    >>> ends_sentence("负责处理市政府"), ends_sentence("制定本规则。"), ends_sentence("“是。”")
    (False, True, True)
    """
    stripped = text.rstrip().rstrip(CLOSING_QUOTES)
    return bool(stripped) and stripped[-1] in TERMINATORS


def cited_titles(text: str, *, exclude: str = "") -> list[str]:
    """Return the titles quoted in 《》 in *text*, first occurrence order, without *exclude*.

    >>> cited_titles("根据《宪法》《组织法》和《宪法》", exclude="组织法")
    ['宪法']
    """
    found = [t for t in _TITLE.findall(text) if t != exclude]
    return list(dict.fromkeys(found))


def parse_date(text: str) -> dt.date | None:
    """Return the date written as 2020年3月12日 or 二〇二〇年三月十二日, else None.

    >>> parse_date("2020年3月12日"), parse_date("二〇二〇年三月十二日")
    (datetime.date(2020, 3, 12), datetime.date(2020, 3, 12))
    """
    match = _DATE.fullmatch(text)
    if not match:
        return None
    year, month, day = match.groups()
    year_value = int(year) if year.isdigit() else digits_to_int(year)
    try:
        return dt.date(year_value, to_int(month), to_int(day))
    except ValueError:
        return None


# Words of web-page furniture that copies of these texts often start with.
RESIDUE_WORDS = frozenset(
    ("朗读", "打印", "关闭", "分享", "收藏", "字号", "大", "中", "小", "默认", "返回")
    + ("返回顶部", "打印本页", "关闭窗口", "扫一扫", "手机版", "听全文", "播报", "下载", "保存")
)


def is_residue(line: str) -> bool:
    """Return whether *line* consists of web-page residue words only.

    >>> is_residue("朗读"), is_residue("【打印】 【关闭】"), is_residue("字号：大 中 小")
    (True, True, True)
    >>> is_residue("总则")
    False
    """
    words = [w for w in re.split(r"[\s【】\[\]|｜/：:]+", line) if w]
    return bool(words) and all(w in RESIDUE_WORDS for w in words)
