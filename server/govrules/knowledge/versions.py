"""Works, versions and events, in ELI's terms: the versions graph of one catalog entry.

A catalog entry is a work (``eli:LegalResource``). The events of the title notes of its texts
(adopted, amended, revised …) are merged; each date of an event that produces a text (adopted,
amended, revised) is a version ``{work}/{YYYY-MM-DD}`` (``gwr:Version``, an
``eli:LegalExpression`` that ``eli:realizes`` the work), with a text when one of the sources is
that version, without one otherwise (the NPCSC's 1987 original). A work with no dated event
keeps its one text at the work IRI, and is its own version (Yueqing's work rules).
The articles of consecutive known texts are paired by the similarity of their text, never by
their number (``gwr:successor``), so differences and renumberings are queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from govrules.knowledge.catalog import TYPE_LABELS, Entry
from govrules.namespaces import ELI, GWR, concept_iri, event_iri, version_iri, work_iri

# Kinds of event after which the work has a new text.
TEXT_EVENTS = ("adopted", "amended", "revised")
EVENT_LABELS = {
    "adopted": ("通过", "adopted"),
    "amended": ("修正", "amended"),
    "revised": ("修订", "revised"),
    "promulgated": ("公布", "promulgated"),
    "in-force": ("施行", "in force"),
    "repealed": ("废止", "repealed"),
    "published": ("发布", "published"),
}
# Two articles are the same provision when their texts are this similar (SequenceMatcher
# ratio), or when one nearly contains the other (an article that gained a paragraph).
SAME_RATIO = 0.6
CONTAINED = 0.85
CONTAINED_RATIO = 0.35


@dataclass(frozen=True)
class EventFact:
    """One event of a work, merged from the title notes of its texts."""

    date: dt.date
    kind: str
    by: str = ""
    act: str = ""


@dataclass
class VersionPlan:
    """A version of the work: its date (None: undated), IRI and text (None: not known)."""

    date: dt.date | None
    iri: str
    doc: object | None = None


@dataclass
class Work:
    """A work with its events and versions, oldest first."""

    entry: Entry
    iri: str
    title: str
    events: list[EventFact] = field(default_factory=list)
    versions: list[VersionPlan] = field(default_factory=list)

    def known(self) -> list[VersionPlan]:
        """Return the versions whose text is known, oldest first."""
        return [v for v in self.versions if v.doc is not None]


def plan(entry: Entry, docs: list) -> Work:
    """Merge the events of the texts of a work and place each text at its version.

    :param docs: parsed documents (``Document.title``, ``.events``, ``.version_date``).
    :raises ValueError: if two texts claim the same version date.
    """
    iri = work_iri(entry.jurisdiction, entry.type, entry.year)
    latest = max(docs, key=lambda d: _date(d) or dt.date.min)
    work = Work(entry, iri, entry.title or latest.title)
    merged: dict[tuple, EventFact] = {}
    # Later texts' notes first: they are the most complete (第一次修正 where one wrote 修正).
    for doc in sorted(docs, key=lambda d: _date(d) or dt.date.min, reverse=True):
        for event in getattr(doc, "events", ()):
            key = (event.date, event.kind)
            old = merged.get(key)
            merged[key] = EventFact(
                event.date,
                event.kind,
                (old.by if old and old.by else event.by) or "",
                (old.act if old and old.act else event.act) or "",
            )
    work.events = sorted(merged.values(), key=lambda e: (e.date, e.kind))
    texts: dict[dt.date | None, object] = {}
    for doc in docs:
        if _date(doc) in texts:
            raise ValueError(f"two texts of {entry.id} are both of {_date(doc) or 'no date'}")
        texts[_date(doc)] = doc
    dates = {e.date for e in work.events if e.kind in TEXT_EVENTS}
    dates |= {d for d in texts if d is not None}
    if not dates:
        work.versions = [VersionPlan(None, iri, texts.get(None))]
        return work
    if None in texts:
        raise ValueError(f"a text of {entry.id} has no date while others have")
    work.versions = [
        VersionPlan(d, version_iri(iri, d.isoformat()), texts.get(d)) for d in sorted(dates)
    ]
    return work


def _date(doc) -> dt.date | None:
    """The date of a parsed text: that of the latest event of its title notes, if any."""
    return getattr(doc, "version_date", None)


def articles_of(rules: Graph, version: str) -> list[tuple[str, str, str]]:
    """Return (IRI, number, text) of the articles of *version* in a rules graph, in order."""
    prefix = version.rstrip("/") + "/"
    found = []
    for article in rules.subjects(RDF.type, GWR.Article):
        if not str(article).startswith(prefix) or _is_other_version(str(article), prefix):
            continue
        number = str(rules.value(article, ELI.number) or "")
        text = str(rules.value(article, GWR.text) or "")
        found.append((str(article), number, text))
    return sorted(found, key=lambda a: (int(a[1]) if a[1].isdigit() else 0, a[0]))


def similarity(a: str, b: str) -> float:
    """Return how alike two article texts are, from 0 to 1.

    The larger of the SequenceMatcher ratio and, when the shorter text is nearly contained in
    the longer, a containment score (an article that gained a paragraph is the same article).

    >>> similarity("会议有过半数出席，始得举行。", "会议有过半数出席，始得举行。")
    1.0
    >>> similarity("甲乙丙丁", "戊己庚辛")
    0.0
    """
    if a == b:
        return 1.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    ratio = matcher.ratio()
    shorter = min(len(a), len(b)) or 1
    matched = sum(block.size for block in matcher.get_matching_blocks())
    if matched / shorter >= CONTAINED and ratio >= CONTAINED_RATIO:
        return max(ratio, SAME_RATIO)
    return ratio


def match_articles(old: list[tuple], new: list[tuple]) -> list[tuple[str, str, float]]:
    """Pair the articles of two versions by text: (old IRI, new IRI, similarity), one to one.

    Identical texts pair first, then the most similar pairs above the threshold.

    >>> old = [("o1", "1", "总则第一句。"), ("o4", "4", "会议必须有过半数出席，才能举行。")]
    >>> new = [("n1", "1", "总则第一句。"), ("n7", "7", "会议有过半数出席，始得举行。")]
    >>> [(a, b) for a, b, _ in match_articles(old, new)]
    [('o1', 'n1'), ('o4', 'n7')]
    """
    pairs: list[tuple[str, str, float]] = []
    used_old: set[str] = set()
    used_new: set[str] = set()
    by_text: dict[str, list[str]] = {}
    for iri, _, text in new:
        by_text.setdefault(text, []).append(iri)
    for iri, _, text in old:
        for candidate in by_text.get(text, []):
            if candidate not in used_new:
                pairs.append((iri, candidate, 1.0))
                used_old.add(iri)
                used_new.add(candidate)
                break
    scored = []
    for o_iri, _, o_text in old:
        if o_iri in used_old:
            continue
        for n_iri, _, n_text in new:
            if n_iri in used_new:
                continue
            quick = SequenceMatcher(None, o_text, n_text, autojunk=False).real_quick_ratio()
            if quick < CONTAINED_RATIO:
                continue
            score = similarity(o_text, n_text)
            if score >= SAME_RATIO:
                scored.append((score, o_iri, n_iri))
    for score, o_iri, n_iri in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        if o_iri not in used_old and n_iri not in used_new:
            pairs.append((o_iri, n_iri, round(score, 3)))
            used_old.add(o_iri)
            used_new.add(n_iri)
    return sorted(pairs)


def versions_graph(work: Work, rules: Graph, *, issuer_iri: str | None = None) -> Graph:
    """Return the versions graph of a work: work, versions, events, and provision links.

    :param rules: the rules graph holding the provisions of every known version.
    """
    graph = Graph()
    w = URIRef(work.iri)
    entry = work.entry
    title = work.title
    graph.add((w, RDF.type, ELI.LegalResource))
    if entry.type == "rules-of-procedure":
        graph.add((w, RDF.type, GWR.RulesOfProcedure))
    graph.add((w, RDFS.label, Literal(f"《{title}》", lang="zh")))
    if entry.title_en:
        graph.add((w, RDFS.label, Literal(entry.title_en, lang="en")))
    graph.add((w, ELI.title, Literal(title, lang="zh")))
    graph.add((w, ELI.type_document, URIRef(concept_iri("document-type", entry.type))))
    graph.add((w, GWR.jurisdiction, Literal(entry.jurisdiction)))
    if issuer_iri:
        graph.add((w, ELI.passed_by, URIRef(issuer_iri)))
    adopted = [e for e in work.events if e.kind == "adopted"]
    if adopted:
        graph.add((w, ELI.date_document, Literal(adopted[0].date, datatype=XSD.date)))
    generated: dict[dt.date, URIRef] = {}
    for event in work.events:
        e = URIRef(event_iri(work.iri, event.date.isoformat(), event.kind))
        generated.setdefault(event.date, e)
        zh, en = EVENT_LABELS.get(event.kind, (event.kind, event.kind))
        graph.add((w, GWR.hasEvent, e))
        graph.add((e, RDF.type, GWR.LegalEvent))
        day = f"{event.date.year}年{event.date.month}月{event.date.day}日"
        graph.add((e, RDFS.label, Literal(f"《{title}》{day}{zh}", lang="zh")))
        label_en = f"{entry.title_en or title}, {en} {event.date.isoformat()}"
        graph.add((e, RDFS.label, Literal(label_en, lang="en")))
        graph.add((e, GWR.eventKind, URIRef(concept_iri("event-kind", event.kind))))
        graph.add((e, GWR.eventDate, Literal(event.date, datatype=XSD.date)))
        if event.by:
            graph.add((e, GWR.meeting, Literal(event.by, lang="zh")))
        if event.act:
            graph.add((e, GWR.amendingAct, Literal(event.act, lang="zh")))
    previous = None
    for version in work.versions:
        v = URIRef(version.iri)
        graph.add((w, ELI.is_realized_by, v))
        graph.add((v, ELI.realizes, w))
        graph.add((v, RDF.type, GWR.Version))
        graph.add((v, GWR.textKnown, Literal(version.doc is not None)))
        if version.date is not None:
            graph.add((v, ELI.version_date, Literal(version.date, datatype=XSD.date)))
            graph.add(
                (v, RDFS.label, Literal(f"《{title}》({version.date.isoformat()})", lang="zh"))
            )
            if entry.title_en:
                label = f"{entry.title_en} ({version.date.isoformat()})"
                graph.add((v, RDFS.label, Literal(label, lang="en")))
            if version.date in generated:
                graph.add((v, PROV.wasGeneratedBy, generated[version.date]))
        if previous is not None:
            graph.add((v, GWR.previousVersion, previous))
        previous = v
        if version.doc is not None:
            _link_provisions(graph, rules, v)
    known = work.known()
    for older, newer in zip(known, known[1:], strict=False):
        old = articles_of(rules, older.iri)
        new = articles_of(rules, newer.iri)
        for o_iri, n_iri, score in match_articles(old, new):
            graph.add((URIRef(o_iri), GWR.successor, URIRef(n_iri)))
            graph.add((URIRef(n_iri), GWR.predecessor, URIRef(o_iri)))
            graph.add((URIRef(o_iri), GWR.similarity, Literal(score, datatype=XSD.decimal)))
    return graph


def _link_provisions(graph: Graph, rules: Graph, version: URIRef) -> None:
    """Add ``gwr:inVersion`` from every provision under *version* to it."""
    prefix = str(version) + "/"
    for provision in set(rules.subjects(ELI.is_part_of, None)):
        if str(provision).startswith(prefix) and not _is_other_version(str(provision), prefix):
            graph.add((provision, GWR.inVersion, version))


def _is_other_version(iri: str, prefix: str) -> bool:
    """Tell whether *iri* below a work's IRI belongs to one of its dated versions instead.

    >>> _is_other_version("w/2009-04-24/art_1", "w/"), _is_other_version("w/art_1", "w/")
    (True, False)
    """
    head = iri[len(prefix) :].split("/", 1)[0]
    return len(head) == 10 and head[4] == "-" and head[:4].isdigit()


def type_label(doc_type: str) -> tuple[str, str]:
    """Return the zh and en names of a document type."""
    return TYPE_LABELS.get(doc_type, (doc_type, doc_type))
