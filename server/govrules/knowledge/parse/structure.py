"""Text of a normative document → tree of parts (编), chapters (章), sections (节), articles (条),
paragraphs (款) and items (项, 目).

Articles are headed 第一条 (or 第一條), or 一、 as in the State Council's rules; items (一), 1. or
(1), nested at any depth. Every node records the 1-based source line it starts on. The reading
runs in stages, one module each: ``lines`` (Markdown, comments, noise), ``preamble`` (notice,
title, title notes), ``classify`` (what each body line is), ``body`` (the hierarchy), ``items``.
Publisher's slips (a lost or repeated heading number) are read as they stand and reported in
``warnings``; what cannot be read raises ParseError naming the line and what was expected.
"""

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from govrules.knowledge.parse.lines import squeeze
from govrules.knowledge.parse.notes import Event


class ParseError(ValueError):
    """A document that cannot be read with certainty; names the 1-based source line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


@dataclass
class Item:
    """An enumerated item (项, or 目 when nested); *marker* is its numbering, e.g. (一) or 1."""

    number: int
    text: str
    line: int
    marker: str = ""
    items: list["Item"] = field(default_factory=list)


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
    """An article (条); *chapter*, *section* and *part* are the numbers of its containers."""

    number: int
    heading: str
    paragraphs: list[Paragraph]
    line: int
    chapter: int | None = None
    section: int | None = None
    part: int | None = None
    title: str = ""


@dataclass
class Section:
    """A section (节) of a chapter."""

    number: int
    heading: str
    title: str
    line: int
    chapter: int | None = None
    articles: list[Article] = field(default_factory=list)
    part: int | None = None


@dataclass
class Chapter:
    """A chapter (章): *title* has its internal spaces removed (总 则 → 总则).

    An untitled-number chapter (总则 alone on a line) has an empty *heading* and the next number.
    """

    number: int
    heading: str
    title: str
    line: int
    articles: list[Article] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    part: int | None = None


@dataclass
class Part:
    """A part (编, or 分编 when *kind* says so) holding chapters."""

    number: int
    heading: str
    title: str
    line: int
    kind: str = "编"
    chapters: list[Chapter] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)


@dataclass
class Notice:
    """The promulgation notice printed before a text."""

    addressee: str
    issuer: str
    date: dt.date | None
    document_number: str
    title: str
    text: str


@dataclass
class Document:
    """A parsed document: front matter, provisions and the parse report."""

    title: str = ""
    issuer: str = ""
    date: dt.date | None = None
    notice_text: str = ""
    addressee: str = ""
    adopted_at: str = ""
    cited_titles: list[str] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    title_line: int | None = None
    body_line: int = 1
    title_note: str = ""
    notice_title: str = ""
    document_number: str = ""
    style: str = "条"
    events: list[Event] = field(default_factory=list)
    #: Kept lines from the title to the first heading (title notes, number, recital), in order.
    front_lines: list[tuple[int, str]] = field(default_factory=list)
    #: The text's own preamble before its first article (为正确审理…，制定本解释。).
    recital: str = ""
    subtitle: str = ""
    skipped: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)

    #: Sections printed outside any chapter (in a part, or directly in the document).
    loose_sections: list[Section] = field(default_factory=list)

    @property
    def sections(self) -> list[Section]:
        """Return every section, in order."""
        inside = [s for c in self.chapters for s in c.sections]
        return sorted(inside + self.loose_sections, key=lambda s: s.line)

    @property
    def version_date(self) -> dt.date | None:
        """Return the date of the latest event in the title notes: the version this text is."""
        return max((e.date for e in self.events), default=None)

    @property
    def notice(self) -> Notice | None:
        """Return the promulgation notice, or None when the text has none."""
        if not (self.notice_text or self.notice_title or self.document_number or self.addressee):
            return None
        return Notice(
            self.addressee,
            self.issuer,
            self.date,
            self.document_number,
            self.notice_title,
            self.notice_text,
        )


def parse_file(path: str | Path, *, strict: bool = False) -> Document:
    """Read a UTF-8 text file and parse it with parse_text.

    :raises ParseError: also for a file that is not UTF-8 text (line 1).
    """
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ParseError(line, "the file is not UTF-8 text") from None
    return parse_text(text, strict=strict)


def parse_text(text: str, *, strict: bool = False) -> Document:
    """Parse the text of a normative document, plain as published or Markdown.

    >>> doc = parse_text("示例规则\\n第一条 本规则自公布之日起施行。")
    >>> doc.title, doc.articles[0].heading, doc.articles[0].paragraphs[0].text
    ('示例规则', '第一条', '本规则自公布之日起施行。')

    :param strict: refuse a publisher's slip (a lost, repeated or skipped number) instead of
        reading it as it stands and reporting it in ``warnings``.
    :raises ParseError: when the text is empty, has no article, or cannot be read with certainty.
    """
    from govrules.knowledge.parse.body import read_body
    from govrules.knowledge.parse.classify import locate_body
    from govrules.knowledge.parse.lines import read_lines, skip_contents, split_run_on
    from govrules.knowledge.parse.preamble import read_front

    source = read_lines(text)
    if not source.front and not source.body:
        where = source.skipped[-1][0] if source.skipped else 1
        raise ParseError(where, "the document is empty")
    body, contents = skip_contents(source.body)
    source.skipped.extend(contents)
    try:
        style, start = locate_body(body, source.front)
    except ParseError:
        # Line breaks lost: articles run on after the title (示範規則 第一條 甲。第二條 乙。).
        body = split_run_on(body)
        style, start = locate_body(body, source.front)
    doc = read_front(source.front + body[:start], markdown=source.markdown)
    doc.skipped = sorted(source.skipped + doc.skipped)
    doc.style = style
    if doc.title_line is None:
        doc.body_line = body[start].number if body[start:] else doc.body_line
    if not body[start:]:
        raise ParseError(body[-1].number if body else source.front[-1].number, "no article found")
    read_body(doc, body[start:], markdown=source.markdown)
    doc.skipped.sort()
    doc.warnings.sort()
    if strict and doc.warnings:
        line, message = doc.warnings[0]
        raise ParseError(line, f"{message} (refused by strict reading)")
    return doc


def provision_text_concat(doc: Document) -> str:
    """Return the headings and texts of all provisions in reading order, whitespace removed.

    For a correct parse this equals the source from line ``doc.body_line`` on with Markdown
    heading marks, skipped lines and all whitespace removed: nothing dropped, duplicated or moved.
    """
    parts = [doc.title, *(text for _, text in doc.front_lines)] if doc.title_line else []
    for node in walk(doc):
        if isinstance(node, Article):
            parts.append(node.heading + node.title)
            parts.extend(p.heading + p.text for p in node.paragraphs)
        else:
            parts.append(node.heading + node.title)
    return squeeze("".join(parts))


def walk(doc: Document) -> list[Part | Chapter | Section | Article]:
    """Return the divisions and articles of *doc* in reading order (by source line)."""
    nodes: list = [*doc.parts, *doc.chapters, *doc.sections, *doc.articles]
    return sorted(nodes, key=lambda node: node.line)
