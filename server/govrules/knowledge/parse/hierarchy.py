"""The hierarchy builder: classified body lines → parts, chapters, sections, articles, paragraphs.

Text continues the previous paragraph or item when that does not end a sentence, and starts a
new paragraph when it does. Heading numbers are checked against their predecessors; a lost,
repeated or skipped number is a publisher's slip, read as it stands and reported as a warning.
"""

import re

from govrules.knowledge.parse.classify import Kind, is_bare_title
from govrules.knowledge.parse.lines import Line, ends_sentence, squeeze
from govrules.knowledge.parse.numerals import to_chinese
from govrules.knowledge.parse.structure import (
    Article,
    Chapter,
    Document,
    Paragraph,
    ParseError,
    Part,
    Section,
)


class BodyReader:
    """Read classified body lines into the document, joining hard-wrapped lines."""

    def __init__(self, doc: Document, *, markdown: bool = False) -> None:
        self.doc, self.doc_markdown = doc, markdown
        self.part: Part | None = None
        self.subpart: Part | None = None
        self.chapter: Chapter | None = None
        self.section: Section | None = None
        self.article: Article | None = None
        self.unit: Part | Chapter | Section | Paragraph | None = (
            None  # what a wrapped line continues
        )
        self.seen: dict[tuple, int] = {}
        self.chapter_scope: tuple = ()  # (part,) once chapters are numbered again in each part
        # Where each source line starts in a paragraph's text: id(paragraph) → [(offset, line)].
        self.starts: dict[int, list[tuple[int, int]]] = {}
        # Item markers that open a line: id(paragraph) → [(offset, Kind)].
        self.markers: dict[int, list[tuple[int, Kind]]] = {}

    def read(self, line: Line, kind: Kind, following: str) -> None:
        """Read one body line of *kind*; *following* is the kind of the next line."""
        what = kind.kind
        # "…第" + "(一)项…" is a wrapped cross-reference, not an item.
        if what == "item" and isinstance(self.unit, Paragraph) and self.unit.text.endswith("第"):
            what = "text"
        if (
            what == "item"
            and kind.marker == "enum"
            and self._enum_is_section(kind, following, line)
        ):
            what = "enum_section"
        getattr(self, "_" + what)(line, kind, following)

    # Divisions

    def _check(self, what: str, kind: Kind, n: int, scope: tuple, prev: int | None) -> int:
        """Return the number of a heading; warn when it does not follow *prev* (or start at 1)."""
        num = kind.number
        if num is None:
            raise ParseError(n, f"heading {kind.heading}: malformed numeral")
        template = kind.heading.replace(_numeral_of(kind), "{}", 1)

        def name(value: int) -> str:
            return template.format(to_chinese(value))

        key = (what, *scope, num)
        expected = (prev or 0) + 1
        if key in self.seen:
            self._slip(n, f"duplicate {what} {kind.heading} (first at line {self.seen[key]})")
        elif num != expected and not (what == "article" and prev is None):
            if prev is None:
                self._slip(n, f"the first {what} is {kind.heading}: {what} {name(1)} is missing")
            elif num > expected:
                missing = (
                    name(expected) if num == expected + 1 else f"{name(expected)}–{name(num - 1)}"
                )
                self._slip(
                    n, f"{what} {kind.heading} follows {name(prev)}: {what} {missing} is missing"
                )
            else:
                self._slip(
                    n, f"{what} {kind.heading} follows {name(prev)}: expected {name(expected)}"
                )
        self.seen.setdefault(key, n)
        return num

    def _slip(self, n: int, message: str) -> None:
        self.doc.warnings.append((n, message))

    def _part(self, line: Line, kind: Kind, following: str) -> None:
        parts = [p for p in self.doc.parts if p.kind == "编"]
        prev = parts[-1].number if parts else None
        num = self._check("part", kind, line.number, (), prev)
        self.part = Part(num, kind.heading, squeeze(kind.rest), line.number)
        self.doc.parts.append(self.part)
        self.subpart = self.chapter = self.section = self.article = None
        self.unit = self.part

    def _subpart(self, line: Line, kind: Kind, following: str) -> None:
        scope = (self.part.number if self.part else None,)
        subs = [
            p
            for p in self.doc.parts
            if p.kind == "分编" and (p.line > (self.part.line if self.part else 0))
        ]
        prev = subs[-1].number if subs else None
        num = self._check("subpart", kind, line.number, scope, prev)
        self.subpart = Part(num, kind.heading, squeeze(kind.rest), line.number, kind="分编")
        self.doc.parts.append(self.subpart)
        self.chapter = self.section = self.article = None
        self.unit = self.subpart

    def _chapter(self, line: Line, kind: Kind, following: str) -> None:
        prev = self.doc.chapters[-1].number if self.doc.chapters else None
        if self.part and kind.number == 1 and prev and not self.part.chapters:
            prev = None  # chapters numbered again from 1 in each part (as in the Criminal Law)
            self.chapter_scope = (self.part.line,)
        num = self._check("chapter", kind, line.number, self.chapter_scope, prev)
        self._open_chapter(Chapter(num, kind.heading, squeeze(kind.rest), line.number))

    def _open_chapter(self, chapter: Chapter) -> None:
        self.chapter = chapter
        container = self.subpart or self.part
        if container:
            chapter.part = container.number
            container.chapters.append(chapter)
        self.doc.chapters.append(chapter)
        self.section = self.article = None
        self.unit = chapter

    def _section(self, line: Line, kind: Kind, following: str) -> None:
        if self.chapter is None:
            self._loose_section(line, kind)
            return
        prev = self.chapter.sections[-1].number if self.chapter.sections else None
        num = self._check("section", kind, line.number, (self.chapter.line,), prev)
        self._open_section(Section(num, kind.heading, squeeze(kind.rest), line.number))

    def _loose_section(self, line: Line, kind: Kind) -> None:
        """Open a section printed outside any chapter: in its part, or in the document."""
        container = self.subpart or self.part
        if container is None and self.doc.articles and not self.doc.loose_sections:
            raise ParseError(line.number, f"section {kind.heading} follows articles in no section")
        mine = [s for s in self.doc.loose_sections if container is None or s.line > container.line]
        scope = (container.line if container else 0,)
        num = self._check("section", kind, line.number, scope, mine[-1].number if mine else None)
        section = Section(num, kind.heading, squeeze(kind.rest), line.number)
        section.part = container.number if container else None
        self.doc.loose_sections.append(section)
        self.section, self.article, self.unit = section, None, section

    def _open_section(self, section: Section) -> None:
        section.chapter = self.chapter.number
        self.chapter.sections.append(section)
        self.section, self.article, self.unit = section, None, section

    def _enum_is_section(self, kind: Kind, following: str, line: Line) -> bool:
        """Return whether 一、 under 第X条 articles titles a group of them (一、全体会议)."""
        if following != "article" and not line.level:
            return False
        return not re.search(r"[，,。；;：:！？!?]", kind.rest) and len(kind.rest) <= 30

    def _enum_section(self, line: Line, kind: Kind, following: str) -> None:
        """Open the group 一、 titles: a section of a chapter, or a chapter where there is none."""
        if self.chapter is None or self.chapter.heading.endswith("、"):
            prev = self.doc.chapters[-1].number if self.doc.chapters else None
            num = self._check("chapter", kind, line.number, (), prev)
            self._open_chapter(Chapter(num, kind.heading, squeeze(kind.rest), line.number))
            return
        prev = self.chapter.sections[-1].number if self.chapter.sections else None
        num = self._check("section", kind, line.number, (self.chapter.line,), prev)
        self._open_section(Section(num, kind.heading, squeeze(kind.rest), line.number))

    # Articles, paragraphs, items

    def _article(self, line: Line, kind: Kind, following: str) -> None:
        prev = self.doc.articles[-1].number if self.doc.articles else None
        num = self._check("article", kind, line.number, (), prev)
        if prev is None and num != 1:
            self._slip(line.number, f"the first article is {kind.heading}: the text is an extract")
        chapter = self.chapter.number if self.chapter else None
        section = self.section.number if self.section else None
        container = self.subpart or self.part
        self.article = Article(
            num,
            kind.heading,
            [],
            line.number,
            chapter,
            section,
            container.number if container else None,
        )
        self.doc.articles.append(self.article)
        for holder in (self.section, self.chapter, self.subpart, self.part):
            if holder is not None:
                holder.articles.append(self.article)
        self.unit = None
        rest = kind.rest
        if self.doc.style == "、" and _is_title(rest, line, following):
            self.article.title = rest
        elif rest:
            self._new_paragraph(line.number, rest)

    def _paragraph(self, line: Line, kind: Kind, following: str) -> None:
        article = self._require_article(line)
        if kind.number != len(article.paragraphs) + 1:
            raise ParseError(
                line.number, f"{kind.heading} is not paragraph {len(article.paragraphs) + 1}"
            )
        self._new_paragraph(line.number, kind.rest, heading=kind.heading)

    def _item(self, line: Line, kind: Kind, following: str) -> None:
        article = self._require_article(line)
        if not article.paragraphs:
            self._new_paragraph(line.number, "")
        para = article.paragraphs[-1]
        if (
            kind.number
            and kind.number > 1
            and not self.markers[id(para)]
            and len(article.paragraphs) > 1
        ):
            para = self._rejoin(article, kind) or para
        self.unit = para
        self.markers[id(para)].append((len(para.text), kind))
        self._append(para, kind.heading + kind.rest, line.number)

    def _rejoin(self, article: Article, kind: Kind) -> Paragraph | None:
        """Join paragraphs back to an earlier one whose items they interrupt; return it."""
        for back in range(len(article.paragraphs) - 2, -1, -1):
            before = article.paragraphs[back]
            marks = [k for _, k in self.markers[id(before)] if k.marker == kind.marker]
            if marks:
                break
        else:
            return None
        if marks[-1].number != kind.number - 1:
            return None
        for last in article.paragraphs[back + 1 :]:
            for offset, n in self.starts.pop(id(last)):
                self.starts[id(before)].append((len(before.text) + offset, n))
            before.text += last.text
            self.markers.pop(id(last))
        del article.paragraphs[back + 1 :]
        return before

    def _text(self, line: Line, kind: Kind, following: str) -> None:
        text = line.text
        if isinstance(self.unit, Part | Chapter | Section) and not self.unit.articles:
            # A division title wrapped onto the next line carries no punctuation at all.
            if re.search(r"[，,。；;：:！？!?《》“”]", text) or len(text) > 30:
                what = type(self.unit).__name__.lower()
                heading = self.unit.heading or self.unit.title
                raise ParseError(line.number, f"text after {what} {heading} is in no article")
            if self.unit.title and line.level == 0 and self.doc_markdown:
                heading = self.unit.heading or f"chapter {self.unit.title}"
                self._slip(line.number, f"the title of {heading} goes on in this line")
            self.unit.title += squeeze(text)
            return
        if (self.unit is None or ends_sentence(self.unit.text)) and is_bare_title(line, following):
            self._bare_chapter(line)
        elif self.article is None:
            raise ParseError(line.number, f"{text[:20]!r} is in no article")
        elif self.unit is None or ends_sentence(self.unit.text):
            self._new_paragraph(line.number, text)
        else:
            self._append(self.unit, text, line.number)

    def _bare_chapter(self, line: Line) -> None:
        """Open a chapter written as its title alone (总则, 附则): it takes the next number."""
        prev = self.doc.chapters[-1].number if self.doc.chapters else 0
        self._open_chapter(Chapter(prev + 1, "", squeeze(line.text), line.number))

    def _append(self, para: Paragraph, text: str, n: int) -> None:
        self.starts[id(para)].append((len(para.text), n))
        para.text += text

    def _require_article(self, line: Line) -> Article:
        if self.article is None:
            raise ParseError(line.number, f"{line.text[:20]!r} is in no article")
        return self.article

    def _new_paragraph(self, n: int, text: str, heading: str = "") -> None:
        para = Paragraph(len(self.article.paragraphs) + 1, text, [], n, [], heading)
        self.article.paragraphs.append(para)
        self.starts[id(para)] = [(0, n)]
        self.markers[id(para)] = []
        self.unit = para


def _numeral_of(kind: Kind) -> str:
    """Return the numeral inside a heading (三 in 第三章, 二 in 二、)."""
    match = re.search(r"[一二三四五六七八九十百千万零〇两0-9０-９]+", kind.heading)
    return match.group(0) if match else ""


def _is_title(rest: str, line: Line, following: str) -> bool:
    """Return whether the text after 一、 is the article's title, not its first sentence."""
    if not rest or re.search(r"[，,。；;：:！？!?]", rest) or len(rest) > 30:
        return False
    return bool(line.level) or following in ("text", "item", "paragraph")
