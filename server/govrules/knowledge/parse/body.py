"""Body of a document: lines cleaned and classified, read by the hierarchy builder, then checked.

Each line is a heading (编, 分编, 章, 节, 条 or 一、, 款), an item, or text (``classify``);
``hierarchy.BodyReader`` places it; ``items`` splits each paragraph into its items.
"""

import re

from govrules.knowledge.parse.classify import classify, is_bare_title
from govrules.knowledge.parse.hierarchy import BodyReader
from govrules.knowledge.parse.items import split_items
from govrules.knowledge.parse.lines import (
    Line,
    cited_titles,
    clean_noise,
    is_body_name,
    is_residue,
    split_run_on,
)
from govrules.knowledge.parse.notes import parse_date
from govrules.knowledge.parse.structure import (
    Document,
    ParseError,
)

_EDIT_LINK = re.compile(r"(.+?)\s*([\[【［]?编辑[\]】］]?)")


def read_body(doc: Document, lines: list[Line], *, markdown: bool = False) -> None:
    """Add the divisions and articles of the body *lines* to *doc*, then check them."""
    reader = BodyReader(doc, markdown=markdown)
    split = _split_lines(doc, lines)
    kinds = [classify(line.text, doc.style, level=line.level) for line in split]
    for i, (line, kind) in enumerate(zip(split, kinds, strict=True)):
        following = kinds[i + 1].kind if i + 1 < len(kinds) else ""
        # A bare chapter title wrapped over two short lines: what follows is the one after.
        if (
            following == "text"
            and kinds[i + 2 : i + 3]
            and kinds[i + 2].kind == "article"
            and is_bare_title(line, "article")
            and is_bare_title(split[i + 1], "article")
        ):
            following = "article"
        reader.read(line, kind, following)
    _finish(doc, reader)


def _split_lines(doc: Document, lines: list[Line]) -> list[Line]:
    """Return the body lines without noise, furniture and edit links, one article per line."""
    out: list[Line] = []
    for line in lines:
        if is_residue(line.text):
            doc.skipped.append((line.number, line.text))
            continue
        line, removed = clean_noise(line)
        if removed:
            doc.skipped.append((line.number, removed))
        if not line.text:
            continue
        if (match := _EDIT_LINK.fullmatch(line.text)) and classify(match.group(1), "条").kind in (
            "part",
            "subpart",
            "chapter",
            "section",
        ):
            doc.skipped.append((line.number, match.group(2)))
            line = Line(line.number, match.group(1), line.level)
        out.extend(split_run_on([line], after_space=False) if doc.style == "条" else [line])
    return _without_signature(doc, out)


def _without_signature(doc: Document, lines: list[Line]) -> list[Line]:
    """Take the issuing body and date printed after the last article out of the text.

    Web copies often end with the signature of the notice (示例市人民政府 / 2020年3月12日): it is
    reported as skipped and fills the document's issuer and date when the text had none.
    """
    if len(lines) < 2 or not (date := parse_date(lines[-1].text)):
        return lines
    end = len(lines) - 1
    if is_body_name(lines[end - 1].text):
        end -= 1
        doc.issuer = doc.issuer or lines[end].text
    doc.date = doc.date or date
    doc.skipped.extend((line.number, line.text) for line in lines[end:])
    return lines[:end]


def _finish(doc: Document, reader: BodyReader) -> None:
    """Split paragraphs into items, collect cited titles, check that nothing is empty."""
    for chapter in doc.chapters:
        if not chapter.articles:
            raise ParseError(
                chapter.line, f"chapter {chapter.heading or chapter.title} has no article"
            )
    for article in doc.articles:
        if not article.paragraphs and not article.title:
            raise ParseError(article.line, f"article {article.heading} has no text")
        for para in article.paragraphs:
            para.items = split_items(
                para, reader.starts[id(para)], reader.markers[id(para)], doc.warnings
            )
            if not para.text:
                raise ParseError(
                    para.line, f"paragraph {para.number} of {article.heading} is empty"
                )
            para.cited_titles = cited_titles(para.text, exclude=doc.title)
    texts = [doc.notice_text] + [p.text for a in doc.articles for p in a.paragraphs]
    doc.cited_titles = cited_titles("\n".join(texts), exclude=doc.title)
