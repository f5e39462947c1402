"""Text of a normative document → document tree → rules graph.

>>> doc = parse_text("示例规则\\n第一章 总 则\\n第一条 根据《宪法》，制定本规则。")
>>> doc.chapters[0].title, doc.articles[0].paragraphs[0].cited_titles
('总则', ['宪法'])
"""

from govrules.knowledge.parse.notes import Event
from govrules.knowledge.parse.numerals import to_chinese, to_int
from govrules.knowledge.parse.rdf import to_graph
from govrules.knowledge.parse.structure import (
    Article,
    Chapter,
    Document,
    Item,
    Notice,
    Paragraph,
    ParseError,
    Part,
    Section,
    parse_file,
    parse_text,
    provision_text_concat,
)

__all__ = [
    "Article",
    "Chapter",
    "Document",
    "Event",
    "Item",
    "Notice",
    "Paragraph",
    "ParseError",
    "Part",
    "Section",
    "parse_file",
    "parse_text",
    "provision_text_concat",
    "to_chinese",
    "to_graph",
    "to_int",
]
