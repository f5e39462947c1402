"""Document tree → rules graph: the document and its provisions in the ELI-based vocabulary.

Provision IRIs hang off the document IRI: parts ``part_1`` (a 分编 ``part_1/subpart_2``, or
``subpart_2`` when no 编 is printed), chapters ``chp_2`` (``part_2/chp_1`` when chapters are
numbered again in each part), sections ``chp_2/sec_1`` (``sec_1`` or ``part_1/sec_1`` outside
any chapter), articles ``art_7`` (numbered through the
document, so an article IRI contains neither chapter nor section), paragraphs ``art_7/para_1``,
items ``art_7/para_1/item_1`` and their items ``…/item_1/item_2``. A number printed twice (a
publisher's slip) gets ``_2`` on its second use: ``chp_7_2``.
"""

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from govrules.knowledge.parse.numerals import to_chinese
from govrules.knowledge.parse.structure import Article, Document, Item, Paragraph, ParseError
from govrules.namespaces import ELI, GWR, bind_prefixes


def to_graph(
    doc: Document,
    doc_iri: str,
    *,
    jurisdiction: str = "",
    issuer_iri: str | None = None,
    short_title_en: str | None = None,
) -> Graph:
    """Return the rules graph of a parsed document.

    :param doc_iri: the document's IRI, e.g. from ``namespaces.document_iri``.
    :param jurisdiction: the GB/T 2260 code of the issuing government, e.g. "330382" (none
        written when empty).
    :param issuer_iri: the body that passed the document (``eli:passed_by``), if known.
    :param short_title_en: English title; when given, every label also gets an @en form.
    :raises ParseError: when the document has no title, so no citation could be written.
    """
    if not doc.title:
        raise ParseError(doc.body_line, "the document has no title: provisions could not be cited")
    writer = _Writer(Graph(), doc.title, short_title_en)
    bind_prefixes(writer.graph)
    node = URIRef(doc_iri.rstrip("/"))
    writer.add(node, RDF.type, GWR.WorkRules)
    writer.labels(node, f"《{doc.title}》", short_title_en)
    writer.zh(node, ELI.title, doc.title)
    if doc.date:
        writer.add(node, ELI.date_document, Literal(doc.date))
    if issuer_iri:
        writer.add(node, ELI.passed_by, URIRef(issuer_iri))
    writer.zh(node, GWR.adoptedAt, doc.adopted_at)
    writer.zh(node, GWR.promulgationNotice, doc.notice_text)
    writer.zh(node, GWR.addressee, doc.addressee)
    for title in doc.cited_titles:
        writer.zh(node, GWR.citedTitle, title)
    if jurisdiction:
        writer.add(node, GWR.jurisdiction, Literal(jurisdiction))
    parents = _divisions(writer, doc, node)
    for ordinal, article in enumerate(doc.articles, 1):
        writer.article(node, parents.get(id(article), node), article, ordinal, style=doc.style)
    return writer.graph


def _divisions(writer: "_Writer", doc: Document, node: URIRef) -> dict[int, URIRef]:
    """Add parts, chapters and sections; return the innermost division of each article by id."""
    parents: dict[int, URIRef] = {}
    part_node: dict[int, URIRef] = {}
    restart = len({c.number for c in doc.chapters}) < len(doc.chapters)
    owner: URIRef | None = None  # the 编 a 分编 is in
    for ordinal, part in enumerate(doc.parts, 1):
        parent = node if part.kind == "编" else owner or node
        name = "part" if part.kind == "编" else "subpart"
        s = writer.unique(URIRef(f"{parent}/{name}_{part.number}"))
        owner = s if part.kind == "编" else owner
        writer.provision(s, GWR.Part, parent, part.number, ordinal)
        writer.zh(s, GWR.heading, part.heading)
        writer.zh(s, ELI.title, part.title)
        writer.labels(s, f"《{writer.title}》{part.heading or part.title}", f"Part {part.number}")
        part_node[id(part)] = s
        for chapter in part.chapters:
            part_node[id(chapter)] = s
        parents.update((id(a), s) for a in part.articles)
        for loose in doc.loose_sections:
            if loose.part == part.number and loose.line > part.line:
                part_node[id(loose)] = s  # the last part before the section with its number
    for sec_ordinal, section in enumerate(doc.loose_sections, 1):
        parent = part_node.get(id(section), node)
        sec = writer.unique(URIRef(f"{parent}/sec_{section.number}"))
        writer.provision(sec, GWR.Section, parent, section.number, sec_ordinal)
        writer.zh(sec, GWR.heading, section.heading)
        writer.zh(sec, ELI.title, section.title)
        writer.labels(sec, f"《{writer.title}》{section.heading}", f"Section {section.number}")
        parents.update((id(a), sec) for a in section.articles)
    for ordinal, chapter in enumerate(doc.chapters, 1):
        parent = part_node.get(id(chapter), node)
        # Chapters numbered again in each part (as in the Criminal Law) hang off their part.
        base = parent if restart and parent != node else node
        s = writer.unique(URIRef(f"{base}/chp_{chapter.number}"))
        writer.provision(s, GWR.Chapter, parent, chapter.number, ordinal)
        writer.zh(s, GWR.heading, chapter.heading)
        writer.zh(s, ELI.title, chapter.title)
        cite = f"《{writer.title}》{chapter.heading or chapter.title}"
        writer.labels(s, cite, f"Chapter {chapter.number}")
        parents.update((id(a), s) for a in chapter.articles)
        for sec_ordinal, section in enumerate(chapter.sections, 1):
            sec = writer.unique(URIRef(f"{s}/sec_{section.number}"))
            writer.provision(sec, GWR.Section, s, section.number, sec_ordinal)
            writer.zh(sec, GWR.heading, section.heading)
            writer.zh(sec, ELI.title, section.title)
            cite = f"《{writer.title}》{chapter.heading}{section.heading}"
            writer.labels(sec, cite, f"Chapter {chapter.number}, Section {section.number}")
            parents.update((id(a), sec) for a in section.articles)
    return parents


class _Writer:
    """Add the triples of one document to a graph; holds what every label repeats."""

    def __init__(self, graph: Graph, title: str, short_title_en: str | None) -> None:
        self.graph, self.title, self.title_en = graph, title, short_title_en
        self.used: set[URIRef] = set()

    def unique(self, s: URIRef) -> URIRef:
        """Return *s*, or *s* with _2, _3… when a repeated number (a slip) already took it."""
        candidate, n = s, 1
        while candidate in self.used:
            n += 1
            candidate = URIRef(f"{s}_{n}")
        self.used.add(candidate)
        return candidate

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        """Add one triple."""
        self.graph.add((s, p, o))

    def zh(self, s: URIRef, p: URIRef, text: str) -> None:
        """Add a Chinese literal, unless *text* is empty."""
        if text:
            self.add(s, p, Literal(text, lang="zh"))

    def labels(self, s: URIRef, zh: str, en: str | None) -> None:
        """Add rdfs:label @zh, and @en (prefixed by the English title) when one is known."""
        self.zh(s, RDFS.label, zh)
        if self.title_en and en:
            en_label = en if en == self.title_en else f"{self.title_en}, {en}"
            self.add(s, RDFS.label, Literal(en_label, lang="en"))

    def provision(self, s: URIRef, kind: URIRef, parent: URIRef, number: int, ordinal: int) -> None:
        """Type a provision, number it and link it with its parent both ways."""
        self.add(s, RDF.type, kind)
        self.add(s, ELI.number, Literal(str(number)))
        self.add(s, GWR.ordinal, Literal(ordinal))
        self.add(s, ELI.is_part_of, parent)
        self.add(parent, ELI.has_part, s)

    def article(
        self, doc: URIRef, parent: URIRef, article: Article, ordinal: int, *, style: str
    ) -> None:
        """Add an article with its paragraphs and their items."""
        s = self.unique(URIRef(f"{doc}/art_{article.number}"))
        self.provision(s, GWR.Article, parent, article.number, ordinal)
        self.zh(s, GWR.heading, article.heading)
        self.zh(s, ELI.title, article.title)
        self.zh(s, GWR.text, "\n".join(p.text for p in article.paragraphs))
        # Articles numbered 一、 are cited as 第一条 too, so every citation reads the same way.
        cite = article.heading if style == "条" else f"第{to_chinese(article.number)}条"
        cite_en = f"Article {article.number}"
        self.labels(s, f"《{self.title}》{cite}", cite_en)
        for para in article.paragraphs:
            self.paragraph(s, para, f"《{self.title}》{cite}", cite_en)

    def paragraph(self, article: URIRef, para: Paragraph, cite: str, cite_en: str) -> None:
        """Add a paragraph (款) and its items."""
        s = URIRef(f"{article}/para_{para.number}")
        self.provision(s, GWR.Paragraph, article, para.number, para.number)
        self.zh(s, GWR.heading, para.heading)
        self.zh(s, GWR.text, para.text)
        for title in para.cited_titles:
            self.zh(s, GWR.citedTitle, title)
        cite += f"第{to_chinese(para.number)}款"
        cite_en += f", Paragraph {para.number}"
        self.labels(s, cite, cite_en)
        for item in para.items:
            self.item(s, item, cite, cite_en)

    def item(self, parent: URIRef, item: Item, cite: str, cite_en: str, depth: int = 1) -> None:
        """Add an enumerated item (项), and its own items (目) below it."""
        s = URIRef(f"{parent}/item_{item.number}")
        self.provision(s, GWR.Item, parent, item.number, item.number)
        self.zh(s, GWR.heading, item.marker)
        self.zh(s, GWR.text, item.text)
        cite += (
            f"第({to_chinese(item.number)})项" if depth == 1 else f"第{to_chinese(item.number)}目"
        )
        cite_en += f", Item {item.number}"
        self.labels(s, cite, cite_en)
        for sub in item.items:
            self.item(s, sub, cite, cite_en, depth + 1)
