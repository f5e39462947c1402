"""Coverage of a document's text by its curated norms and notes.

Every sentence that carries a deontic or competence marker must be read off by a norm (whose
``gwr:quote`` overlaps it) or explained by a note; every paragraph must have a norm or a note.
Pure functions: the caller brings an rdflib graph holding the rules, the norms and the notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import RDF, Graph, URIRef

from govrules.namespaces import ELI, GWR

#: Marker → kind. A longer marker wins over one it contains (应当 over 应, 不可 over 可).
MARKERS: dict[str, str] = {
    "必须": "obligation",
    "应当": "obligation",
    "均应": "obligation",
    "应": "obligation",
    "要": "obligation",
    "不得": "prohibition",
    "不可": "prohibition",
    "可以": "permission",
    "可": "permission",
    "负责": "competence",
    "主持": "competence",
    "领导": "competence",
    "召集": "competence",
    "报告": "procedure",
    "报备": "procedure",
    "备案": "procedure",
    "审查": "procedure",
    "公布": "procedure",
    "公开": "procedure",
    "发布": "procedure",
    "批准": "procedure",
    "决定": "procedure",
    "请示": "procedure",
}

#: Marker → words in which it is no marker at all (要 in 重要, 可 in 可行性, 负责 in 负责人 …).
EXCLUSIONS: dict[str, tuple[str, ...]] = {
    "要": ("重要", "主要", "需要", "要求", "纲要", "必要", "要点", "摘要", "只要", "首要", "简要"),
    "可": ("可行性", "可行", "许可", "不可", "可能", "认可", "可靠", "可持续"),
    "应": ("适应", "回应", "相应", "应诉", "响应", "应急", "供应", "对应", "应用", "反应"),
    "负责": ("负责人", "负责地", "负责常务工作的副市长"),
    "领导": ("领导干部",),
    "发布": ("发布会",),
}

MODALITY_CLASSES = (GWR.Obligation, GWR.Prohibition, GWR.Permission, GWR.Power)
_SENTENCE_END = re.compile(r"[。；;！？!?]")
_PARA_IRI = re.compile(r"art_(\d+)/para_(\d+)$")


@dataclass(frozen=True)
class Marker:
    """One marker found in a sentence."""

    word: str
    kind: str
    start: int


@dataclass
class SentenceCoverage:
    """A sentence of a paragraph, its markers and what covers it."""

    text: str
    markers: list[Marker]
    norms: list[URIRef] = field(default_factory=list)
    notes: list[URIRef] = field(default_factory=list)
    explained_by_paragraph: bool = False

    @property
    def status(self) -> str:
        """Return covered, explained, uncovered (marked, nothing covers it) or unmarked."""
        if self.norms:
            return "covered"
        if self.notes or self.explained_by_paragraph:
            return "explained"
        return "uncovered" if self.markers else "unmarked"


@dataclass
class ParagraphCoverage:
    """A paragraph with its norms, notes and sentences."""

    iri: URIRef
    article: str
    paragraph: str
    text: str
    norms: list[URIRef]
    notes: list[URIRef]
    paragraph_note: str | None
    sentences: list[SentenceCoverage]

    @property
    def status(self) -> str:
        """Return covered, explained, partial (a marked sentence uncovered) or uncovered."""
        if any(s.status == "uncovered" for s in self.sentences):
            return "partial" if self.norms or self.notes else "uncovered"
        if self.norms:
            return "covered"
        if self.paragraph_note or self.notes:
            return "explained"
        return "uncovered"


@dataclass
class QuoteError:
    """A norm or note whose quote or source does not fit the text."""

    subject: URIRef
    source: URIRef | None
    quote: str
    message: str


@dataclass
class CoverageReport:
    """The coverage of every paragraph, and the quote errors found."""

    paragraphs: list[ParagraphCoverage]
    errors: list[QuoteError]

    @property
    def uncovered_sentences(self) -> list[tuple[ParagraphCoverage, SentenceCoverage]]:
        """Return every marked sentence that no norm or note covers, with its paragraph."""
        return [(p, s) for p in self.paragraphs for s in p.sentences if s.status == "uncovered"]

    @property
    def unexplained_paragraphs(self) -> list[ParagraphCoverage]:
        """Return every paragraph with neither norm nor note."""
        return [p for p in self.paragraphs if not (p.norms or p.notes or p.paragraph_note)]

    def counts(self) -> dict[str, int]:
        """Return the summary figures of the report."""
        marked = [s for p in self.paragraphs for s in p.sentences if s.markers]
        return {
            "paragraphs": len(self.paragraphs),
            "paragraphs_covered": sum(p.status == "covered" for p in self.paragraphs),
            "paragraphs_explained": sum(p.status == "explained" for p in self.paragraphs),
            "paragraphs_uncovered": sum(
                p.status in ("uncovered", "partial") for p in self.paragraphs
            ),
            "norms": len({n for p in self.paragraphs for n in p.norms}),
            "marked_sentences": len(marked),
            "marked_covered": sum(s.status == "covered" for s in marked),
            "marked_explained": sum(s.status == "explained" for s in marked),
            "marked_uncovered": sum(s.status == "uncovered" for s in marked),
            "errors": len(self.errors),
        }

    @property
    def ok(self) -> bool:
        """Return whether everything is covered or explained and every quote fits."""
        return not (self.errors or self.uncovered_sentences or self.unexplained_paragraphs)


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences on 。；; (and ！？), dropping the delimiters.

    >>> split_sentences("甲要报告。乙不得公开;丙可以。")
    ['甲要报告', '乙不得公开', '丙可以']
    """
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _excluded(sentence: str, word: str, start: int) -> bool:
    for ex in EXCLUSIONS.get(word, ()):
        offset = ex.find(word)
        while offset != -1:
            at = start - offset
            if at >= 0 and sentence.startswith(ex, at):
                return True
            offset = ex.find(word, offset + 1)
    return False


def find_markers(sentence: str) -> list[Marker]:
    """Return the markers of a sentence, in order, without false positives.

    >>> [m.word for m in find_markers("重要事项应当及时报告,不可拖延")]
    ['应当', '报告', '不可']
    """
    found = []
    for word, kind in MARKERS.items():
        start = sentence.find(word)
        while start != -1:
            if not _excluded(sentence, word, start):
                found.append(Marker(word, kind, start))
            start = sentence.find(word, start + 1)
    # A marker inside a longer one (应 in 应当) is that marker, not a second one.
    kept = [
        m
        for m in found
        if not any(
            o is not m
            and len(o.word) > len(m.word)
            and o.start <= m.start
            and m.start + len(m.word) <= o.start + len(o.word)
            for o in found
        )
    ]
    return sorted(kept, key=lambda m: (m.start, -len(m.word)))


def overlaps(quote: str, sentence: str) -> bool:
    """Return whether a quote covers a sentence: either is a substring of the other.

    >>> overlaps("必须报告", "甲必须报告"), overlaps("甲。乙", "乙"), overlaps("丙", "乙")
    (True, True, False)
    """
    return bool(quote) and bool(sentence) and (quote in sentence or sentence in quote)


def _position(iri: URIRef) -> tuple[str, str]:
    match = _PARA_IRI.search(str(iri))
    return (match.group(1), match.group(2)) if match else ("", str(iri))


def _natural(iri: URIRef) -> tuple:
    """Return a sort key that orders art_20-9 before art_20-10."""
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", str(iri)))


def _quoted(graph: Graph, texts: dict[URIRef, str], subjects, errors: list[QuoteError], items=None):
    """Yield (subject, paragraph, quote) for quoted subjects, recording misfits as errors.

    A subject citing an item (…/para_1/item_2) is checked against the item's text and counted
    for the item's paragraph.
    """
    items = items or {}
    for subject in sorted(set(subjects), key=_natural):
        quote = graph.value(subject, GWR.quote)
        source = graph.value(subject, GWR.hasLegalSource)
        paragraph = items[source][0] if source in items else source
        text = items[source][1] if source in items else texts.get(source)
        if text is None or paragraph not in texts:
            errors.append(QuoteError(subject, source, str(quote or ""), "source is no paragraph"))
        elif quote is None:
            errors.append(QuoteError(subject, source, "", "no gwr:quote"))
        elif str(quote) not in text:
            errors.append(QuoteError(subject, source, str(quote), "quote not in paragraph text"))
        else:
            yield subject, paragraph, str(quote)


def coverage(graph: Graph) -> CoverageReport:
    """Return the coverage of every paragraph (a ``gwr:Paragraph`` with ``gwr:text``)."""
    texts = {
        p: str(graph.value(p, GWR.text))
        for p in graph.subjects(RDF.type, GWR.Paragraph)
        if graph.value(p, GWR.text) is not None
    }
    errors: list[QuoteError] = []
    norm_subjects = [s for c in MODALITY_CLASSES for s in graph.subjects(RDF.type, c)]
    norm_subjects += list(graph.subjects(RDF.type, GWR.Norm))
    note_subjects = list(graph.subjects(RDF.type, GWR.NonNormativeNote))
    items = {
        i: (graph.value(i, ELI.is_part_of), str(graph.value(i, GWR.text)))
        for i in graph.subjects(RDF.type, GWR.Item)
        if graph.value(i, GWR.text) is not None
    }
    norms = list(_quoted(graph, texts, norm_subjects, errors, items))
    notes = list(_quoted(graph, texts, note_subjects, errors, items))
    paragraphs = []
    for iri in sorted(texts, key=_natural):
        note = graph.value(iri, GWR.nonNormativeNote)
        sentences = []
        for text in split_sentences(texts[iri]):
            sentence = SentenceCoverage(text, find_markers(text), explained_by_paragraph=bool(note))
            sentence.norms = [n for n, src, q in norms if src == iri and overlaps(q, text)]
            sentence.notes = [n for n, src, q in notes if src == iri and overlaps(q, text)]
            sentences.append(sentence)
        art, para = _position(iri)
        paragraphs.append(
            ParagraphCoverage(
                iri=iri,
                article=art,
                paragraph=para,
                text=texts[iri],
                norms=[n for n, src, _ in norms if src == iri],
                notes=[n for n, src, _ in notes if src == iri],
                paragraph_note=str(note) if note is not None else None,
                sentences=sentences,
            )
        )
    return CoverageReport(paragraphs, errors)


def _short(iri: URIRef) -> str:
    return str(iri).rsplit("/", 1)[-1]


def format_coverage(report: CoverageReport) -> str:
    """Return the report as a readable table, then what is uncovered, the errors and a summary."""
    rows = [("article", "paragraph", "norms", "status")]
    for p in report.paragraphs:
        names = ", ".join(_short(n) for n in p.norms) or ("(note)" if p.paragraph_note else "-")
        rows.append((p.article, p.paragraph, f"{len(p.norms)}: {names}", p.status))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = [f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c:<{widths[2]}}  {d}" for a, b, c, d in rows]
    uncovered = report.uncovered_sentences
    if uncovered:
        lines += ["", "uncovered marked sentences:"]
        for p, s in uncovered:
            words = " ".join(m.word for m in s.markers)
            lines.append(f"  art_{p.article}/para_{p.paragraph}: {s.text} [{words}]")
    if report.errors:
        lines += ["", "errors:"]
        lines += [f"  {_short(e.subject)}: {e.message}: {e.quote}" for e in report.errors]
    c = report.counts()
    lines += [
        "",
        f"paragraphs: {c['paragraphs']} (covered {c['paragraphs_covered']}, explained "
        f"{c['paragraphs_explained']}, uncovered {c['paragraphs_uncovered']}); norms: {c['norms']}",
        f"marked sentences: {c['marked_sentences']} (covered {c['marked_covered']}, explained "
        f"{c['marked_explained']}, uncovered {c['marked_uncovered']}); errors: {c['errors']}",
    ]
    return "\n".join(lines)
