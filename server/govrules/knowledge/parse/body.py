"""Body of a work-rules document: headings, hard-wrapped lines, paragraphs and items.

Each line is a heading (章, 条 or 一、, 款, item (一) or 一、) or text; text continues the
previous paragraph or item when that does not end a sentence, and starts a new paragraph when it
does. Numbers must run 1, 2, 3… (articles through the document), or ParseError names the line.
"""

import re

from govrules.knowledge.parse.numerals import NUMERAL, to_chinese, to_int
from govrules.knowledge.parse.structure import (
    Article,
    Chapter,
    Document,
    Item,
    Paragraph,
    ParseError,
    cited_titles,
    ends_sentence,
    is_residue,
)

# A heading-like start followed by one of these is a cross-reference (第三条规定的…), not a heading.
_REFERENCE_NEXT = tuple("规的之中所和及或至、，,第款项")
_HEADINGS = {
    "section": re.compile(rf"(第({NUMERAL})[节節])(.*)"),
    "chapter": re.compile(rf"(第({NUMERAL})章)(.*)"),
    "条": re.compile(rf"(第({NUMERAL})[条條])(.*)"),
    "、": re.compile(rf"(({NUMERAL})、)(.*)"),
    "paragraph": re.compile(rf"(第({NUMERAL})款)(.*)"),
    "item": re.compile(rf"([(（]({NUMERAL})[)）])(.*)"),
}
_INLINE_ITEM = re.compile(rf"(?:^|(?<=[：:；;。，,]))[(（]({NUMERAL})[)）]")
OPENERS = ("chapter", "article")


def classify(line: str, style: str) -> tuple[str, re.Match | None]:
    """Return the kind of a body line (section, chapter, article, paragraph, item, text).

    The match's groups are (heading, numeral, rest of the line).

    >>> classify("第一章 总 则", "条")[0], classify("第三条规定的事项", "条")[0]
    ('chapter', 'text')
    """
    for kind, key in (
        ("section", "section"),
        ("chapter", "chapter"),
        ("article", style),
        ("paragraph", "paragraph"),
    ):
        match = _HEADINGS[key].fullmatch(line)
        if match and not match.group(3).startswith(_REFERENCE_NEXT):
            return kind, match
    if match := _HEADINGS["item"].fullmatch(line):
        return "item", match
    # Under 第X条 articles, 一、 numbers items (as in laws written in traditional characters).
    if style == "条" and (match := _HEADINGS["、"].fullmatch(line)):
        return "item", match
    return "text", None


def locate_body(lines: list[tuple[int, str]]) -> tuple[str, int]:
    """Return the article numbering style ("条" or "、") and the index of the first heading.

    :raises ParseError: if no line is an article heading.
    """
    for style in ("条", "、"):
        if any(classify(s, style)[0] == "article" for _, s in lines):
            start = next(i for i, (_, s) in enumerate(lines) if classify(s, style)[0] in OPENERS)
            return style, start
    raise ParseError(lines[-1][0], "no article found (expected headings like 第一条 or 一、)")


def read_body(doc: Document, lines: list[tuple[int, str]]) -> None:
    """Add the chapters and articles of the body *lines* to *doc*, then check them."""
    reader = _BodyReader(doc, doc.style)
    reader.read(lines)
    _finish(doc, reader)


def _number(match: re.Match, line: int) -> int:
    """Return the number of a heading match, or raise naming the line."""
    try:
        return to_int(match.group(2))
    except ValueError:
        raise ParseError(line, f"heading {match.group(1)}: malformed numeral") from None


def _check_sequence(what: str, match: re.Match, prev: int | None, line: int, seen: dict) -> int:
    """Return the number of heading *match*; raise unless it follows *prev* (or is 1 if first)."""
    num = _number(match, line)
    if num == (prev or 0) + 1:
        seen[num] = line
        return num
    template = match.group(1).replace(match.group(2), "{}", 1)

    def name(n: int) -> str:
        return template.format(to_chinese(n))

    if num in seen:
        raise ParseError(line, f"duplicate {what} {name(num)} (first at line {seen[num]})")
    expected = f"{what} {name((prev or 0) + 1)}"
    if prev is None:
        raise ParseError(line, f"the first {what} is {name(num)}: {expected} is missing")
    # Every number up to prev has been seen, so num > prev here: some are missing.
    raise ParseError(line, f"{what} {name(num)} follows {name(prev)}: {expected} is missing")


class _BodyReader:
    """Read body lines into the document, joining hard-wrapped lines."""

    def __init__(self, doc: Document, style: str) -> None:
        self.doc, self.style = doc, style
        self.chapter: Chapter | None = None
        self.article: Article | None = None
        self.unit: Chapter | Paragraph | None = None  # what a wrapped line continues
        self.seen_chapters: dict[int, int] = {}
        self.seen_articles: dict[int, int] = {}
        # Where each source line starts in a paragraph's text: id(paragraph) → [(offset, line)].
        self.starts: dict[int, list[tuple[int, int]]] = {}
        # Item markers that open a line: id(paragraph) → [(offset, marker, number)].
        self.markers: dict[int, list[tuple[int, str, int]]] = {}

    def read(self, lines: list[tuple[int, str]]) -> None:
        """Read all body lines."""
        for n, line in lines:
            kind, match = classify(line, self.style)
            # "…第" + "(一)项…" is a wrapped cross-reference, not an item.
            if kind == "item" and isinstance(self.unit, Paragraph):
                kind = "text" if self.unit.text.endswith("第") else kind
            getattr(self, "_" + kind)(n, line, match)

    def _section(self, n: int, line: str, match: re.Match) -> None:
        raise ParseError(n, f"sections ({match.group(1)}) are not supported")

    def _chapter(self, n: int, line: str, match: re.Match) -> None:
        if self.doc.articles and not self.doc.chapters:
            raise ParseError(n, f"chapter {match.group(1)} follows articles that are in no chapter")
        prev = self.chapter.number if self.chapter else None
        num = _check_sequence("chapter", match, prev, n, self.seen_chapters)
        title = re.sub(r"\s+", "", match.group(3))
        self.chapter = Chapter(num, match.group(1), title, n)
        self.doc.chapters.append(self.chapter)
        self.article, self.unit = None, self.chapter

    def _article(self, n: int, line: str, match: re.Match) -> None:
        prev = self.doc.articles[-1].number if self.doc.articles else None
        num = _check_sequence("article", match, prev, n, self.seen_articles)
        chapter = self.chapter.number if self.chapter else None
        self.article = Article(num, match.group(1), [], n, chapter)
        self.doc.articles.append(self.article)
        if self.chapter:
            self.chapter.articles.append(self.article)
        self.unit = None
        if rest := match.group(3).strip():
            self._new_paragraph(n, rest)

    def _paragraph(self, n: int, line: str, match: re.Match) -> None:
        article = self._require_article(n, line)
        if _number(match, n) != len(article.paragraphs) + 1:
            raise ParseError(n, f"{match.group(1)} is not paragraph {len(article.paragraphs) + 1}")
        self._new_paragraph(n, match.group(3).strip(), heading=match.group(1))

    def _item(self, n: int, line: str, match: re.Match) -> None:
        article = self._require_article(n, line)
        if not article.paragraphs:
            self._new_paragraph(n, "")
        para = self.unit = article.paragraphs[-1]
        # A marker at the start of a line is certainly an item; _split_items checks its number.
        self.markers[id(para)].append((len(para.text), match.group(1), _number(match, n)))
        self._append(para, match.group(1) + match.group(3).strip(), n)

    def _text(self, n: int, line: str, match: None) -> None:
        if is_residue(line):
            raise ParseError(n, f"page residue {line!r} inside the body")
        if isinstance(self.unit, Chapter):
            # A chapter title wrapped onto the next line carries no punctuation at all.
            if re.search(r"[，,。、；;：:！？!?《》“”]", line) or len(line) > 30:
                raise ParseError(n, f"text after chapter {self.unit.heading} is in no article")
            self.unit.title += re.sub(r"\s+", "", line)
        elif self.unit is None or ends_sentence(self.unit.text):
            self._new_paragraph(n, line)
        else:
            self._append(self.unit, line, n)

    def _append(self, para: Paragraph, text: str, n: int) -> None:
        self.starts[id(para)].append((len(para.text), n))
        para.text += text

    def _require_article(self, n: int, line: str) -> Article:
        if self.article is None:
            raise ParseError(n, f"{line[:20]!r} is in no article")
        return self.article

    def _new_paragraph(self, n: int, text: str, heading: str = "") -> None:
        para = Paragraph(len(self.article.paragraphs) + 1, text, [], n, [], heading)
        self.article.paragraphs.append(para)
        self.starts[id(para)] = [(0, n)]
        self.markers[id(para)] = []
        self.unit = para


def _finish(doc: Document, reader: _BodyReader) -> None:
    """Split paragraphs into items, collect cited titles, check that nothing is empty."""
    for chapter in doc.chapters:
        if not chapter.articles:
            raise ParseError(chapter.line, f"chapter {chapter.heading} has no article")
    for article in doc.articles:
        if not article.paragraphs:
            raise ParseError(article.line, f"article {article.heading} has no text")
        for para in article.paragraphs:
            para.items = _split_items(para, reader.starts[id(para)], reader.markers[id(para)])
            for item in para.items:
                if not item.text:
                    raise ParseError(item.line, f"item {item.marker} has no text")
            if not para.text:
                what = f"paragraph {para.number} of {article.heading}"
                raise ParseError(para.line, f"{what} is empty")
            para.cited_titles = cited_titles(para.text, exclude=doc.title)
    texts = [doc.notice] + [p.text for a in doc.articles for p in a.paragraphs]
    doc.cited_titles = cited_titles("\n".join(texts), exclude=doc.title)


def _split_items(
    para: Paragraph, starts: list[tuple[int, int]], markers: list[tuple[int, str, int]]
) -> list[Item]:
    """Return the items of a paragraph, opening lines or inline: …如下：（一）…；（二）….

    :param starts: (offset in the text, source line) where each source line of the text starts.
    :param markers: (offset, marker, number) of the items that open a line.
    """

    def line_at(offset: int) -> int:
        return max(line for start, line in starts if start <= offset)

    found = {offset: (marker, num, True) for offset, marker, num in markers}
    for match in _INLINE_ITEM.finditer(para.text):
        if match.start() not in found:
            try:
                num = to_int(match.group(1))
            except ValueError:
                raise ParseError(line_at(match.start()), "malformed item number") from None
            found[match.start()] = (match.group(0), num, False)
    accepted: list[tuple[int, str]] = []
    for offset in sorted(found):
        marker, num, opens_line = found[offset]
        if num == len(accepted) + 1:
            accepted.append((offset, marker))
        elif opens_line or accepted:
            prev = accepted[-1][1] if accepted else "the start of the paragraph"
            message = f"item {marker} follows {prev}: expected item {len(accepted) + 1}"
            raise ParseError(line_at(offset), message)
        # else: an inline (二) before any item is a reference such as 第（二）项, not an item.
    if not accepted:
        return []
    ends = [offset for offset, _ in accepted[1:]] + [len(para.text)]
    return [
        Item(i, para.text[offset + len(marker) : end].strip(), line_at(offset), marker)
        for i, ((offset, marker), end) in enumerate(zip(accepted, ends, strict=True), 1)
    ]
