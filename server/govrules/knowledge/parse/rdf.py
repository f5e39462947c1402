"""Document tree → rules graph: the document and its provisions in the ELI-based vocabulary.

Provision IRIs hang off the document IRI (chp_2, art_7, art_7/para_1, art_7/para_1/item_1);
articles are numbered through the document, so an article IRI does not contain its chapter.
"""

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from govrules.knowledge.parse.numerals import to_chinese
from govrules.knowledge.parse.structure import Article, Document, Item, Paragraph
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
    :raises ValueError: when the document has no title, so no citation could be written.
    """
    if not doc.title:
        raise ValueError("the document has no title: provisions could not be cited")
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
    containers = _divisions(writer, doc, node)
    for ordinal, article in enumerate(doc.articles, 1):
        parent = containers.get(("section", article.chapter, article.section))
        parent = parent or containers.get(("chapter", article.chapter))
        parent = parent or containers.get(("part", article.part)) or node
        writer.article(node, parent, article, ordinal, style=doc.style)
    return writer.graph


def _divisions(writer: "_Writer", doc: Document, node: URIRef) -> dict[tuple, URIRef]:
    """Add parts, chapters and sections; return their nodes keyed by kind and number."""
    found: dict[tuple, URIRef] = {}
    top = {p.number: URIRef(f"{node}/part_{p.number}") for p in doc.parts if p.kind == "编"}
    restart = len({c.number for c in doc.chapters}) < len(doc.chapters) and bool(top)
    owner: URIRef | None = None
    for ordinal, part in enumerate(doc.parts, 1):
        if part.kind == "编":
            s = owner = writer.unique(top[part.number])
            parent = node
        else:
            parent = owner or node
            s = writer.unique(URIRef(f"{parent}/subpart_{part.number}"))
        writer.provision(s, GWR.Part, parent, part.number, ordinal)
        writer.zh(s, GWR.heading, part.heading)
        writer.zh(s, ELI.title, part.title)
        writer.labels(s, f"《{writer.title}》{part.heading or part.title}", f"Part {part.number}")
        found[("part", part.number)] = found[("part", id(part))] = s
    by_line = {p.line: p for p in doc.parts}
    for ordinal, chapter in enumerate(doc.chapters, 1):
        holder = _holder(doc, chapter, by_line)
        parent = found.get(("part", id(holder))) if holder else node
        base = (
            f"{top[holder.number]}/" if restart and holder and holder.kind == "编" else f"{node}/"
        )
        s = writer.unique(URIRef(f"{base}chp_{chapter.number}"))
        writer.provision(s, GWR.Chapter, parent or node, chapter.number, ordinal)
        writer.zh(s, GWR.heading, chapter.heading)
        writer.zh(s, ELI.title, chapter.title)
        writer.labels(
            s, f"《{writer.title}》{chapter.heading or chapter.title}", f"Chapter {chapter.number}"
        )
        found[("chapter", chapter.number)] = s
        for sec_ordinal, section in enumerate(chapter.sections, 1):
            sec = writer.unique(URIRef(f"{s}/sec_{section.number}"))
            writer.provision(sec, GWR.Section, s, section.number, sec_ordinal)
            writer.zh(sec, GWR.heading, section.heading)
            writer.zh(sec, ELI.title, section.title)
            cite = f"《{writer.title}》{chapter.heading}{section.heading}"
            writer.labels(sec, cite, f"Chapter {chapter.number}, Section {section.number}")
            found[("section", chapter.number, section.number)] = sec
    return found


def _holder(doc: Document, chapter, by_line: dict):
    """Return the part or subpart a chapter is in, or None."""
    before = [p for p in doc.parts if p.line < chapter.line and chapter in p.chapters]
    return before[-1] if before else None


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
