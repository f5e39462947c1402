"""Quality of drafted norms: precision, recall and F1 against curated norms, per level.

Run: ``.venv/bin/python bench/drafting.py [--jieba]``; ``--jieba`` (needs ``pip install jieba``)
re-runs the drafter keeping only the verbs whose ends fall on jieba's word boundaries, to
measure whether a segmenter helps. Scored documents: those of the catalog with
curated norms, and the rules of procedure under data/source/ with norms under data/norms/
(full: ``<id>.ttl``) or data/norms/concerns/ (some concerns only: recall on the paragraphs
they cite). Drafts and curated norms are matched one to one within each paragraph; a level
adds a field to the ones before it (modality; + bearer; + action; + counterparty; + deadline).
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "server"))

from rdflib import Graph  # noqa: E402

from govrules.knowledge.build import parse_sources, read_turtle  # noqa: E402
from govrules.knowledge.catalog import Entry, read  # noqa: E402
from govrules.knowledge.drafting.run import draft_versions  # noqa: E402
from govrules.knowledge.drafting.score import deadline_pairs, read_norms, score  # noqa: E402

DATA = ROOT / "data"
#: Jurisdiction codes of the congresses (COMMON decisions), by the first words of a title.
JURISDICTIONS = {
    "全国": "100000",
    "北京": "110000",
    "上海": "310000",
    "浙江": "330000",
    "山东": "370000",
    "河南": "410000",
    "广东": "440000",
    "重庆": "500000",
}


def procedure_entries() -> dict[str, Entry]:
    """Return entries for the rules of procedure under data/source/, by catalog id."""
    from govrules.knowledge.parse import parse_file

    works: dict[str, Entry] = {}
    sources: dict[str, list[str]] = defaultdict(list)
    for path in sorted((DATA / "source").glob("*议事规则*.md")):
        doc = parse_file(path)
        juris = next((c for k, c in JURISDICTIONS.items() if doc.title.startswith(k)), None)
        events = sorted(e.date for e in getattr(doc, "events", []) if e.date)
        if juris is None or not events:
            continue
        doc_id = f"{juris}-rules-of-procedure-{events[0].year}"
        sources[doc_id].append(f"source/{path.name}")
        issuer = "standing-committee" if "常务委员会" in doc.title else "people-congress"
        works[doc_id] = Entry(
            doc_id,
            juris,
            "rules-of-procedure",
            str(events[0].year),
            doc.title,
            sources[doc_id],
            issuer=issuer,
        )
    return works


def scored_documents():
    """Yield (entry, curated graph, partial) for every document with curated norms."""
    seen = set()
    for entry in read(DATA).documents:
        if entry.norms and (DATA / entry.norms).exists():
            seen.add(entry.id)
            yield entry, read_turtle(DATA / entry.norms), False
    for doc_id, entry in sorted(procedure_entries().items()):
        full, concerns = (
            DATA / "norms" / f"{doc_id}.ttl",
            DATA / "norms" / "concerns" / f"{doc_id}.ttl",
        )
        if doc_id not in seen and full.exists():
            yield entry, read_turtle(full), False
        if concerns.exists():
            yield entry, read_turtle(concerns), True


def use_jieba_boundaries() -> None:
    """Keep only lexicon verbs whose ends fall on jieba word boundaries (the experiment)."""
    import logging

    import jieba

    from govrules.knowledge.drafting import clauses, draft

    jieba.setLogLevel(logging.ERROR)
    plain, cache = clauses.find_verbs, {}

    def aligned(text, *, hide=()):
        if text not in cache:
            ends, at = {0}, 0
            for word in jieba.cut(text, HMM=False):
                at += len(word)
                ends.add(at)
            cache[text] = ends
        return [v for v in plain(text, hide=hide) if {v.start, v.end} <= cache[text]]

    clauses.find_verbs = draft.find_verbs = aligned


def main() -> int:
    if "--jieba" in sys.argv[1:]:
        use_jieba_boundaries()
        print("verbs filtered by jieba word boundaries (pip install jieba)")
    rows = []
    for entry, curated_graph, partial in scored_documents():
        start = time.perf_counter()
        drafted_graph = Graph()
        for run in draft_versions(entry, parse_sources(entry, DATA), root=ROOT, data_dir=DATA):
            drafted_graph += run.graph
        elapsed = time.perf_counter() - start
        drafted, curated = read_norms(drafted_graph), read_norms(curated_graph)
        paragraphs = {n.paragraph for n in curated} if partial else None
        found, wanted = deadline_pairs(drafted, curated)
        label = entry.id + (" (concerns)" if partial else "")
        rows.append(
            (label, partial, score(drafted, curated, paragraphs=paragraphs), found, wanted, elapsed)
        )
    print(f"{'document':<46} {'level':<14} {'P':>6} {'R':>6} {'F1':>6}  matched/drafted/curated")
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for label, partial, scores, found, wanted, elapsed in rows:
        for s in scores:
            p = "-" if partial else f"{s.precision:.3f}"
            f = "-" if partial else f"{s.f1:.3f}"
            print(
                f"{label:<46} {s.level:<14} {p:>6} {s.recall:>6.3f} {f:>6}  "
                f"{s.matched}/{s.drafted}/{s.curated}"
            )
            if partial:
                totals[s.level][0] += s.matched
                totals[s.level][1] += s.curated
        print(f"{label:<46} deadlines exact {found}/{wanted}; drafted in {elapsed:.2f} s")
    for level, (matched, curated) in totals.items():
        print(
            f"{'all concern norms':<46} {level:<14} {'-':>6} {matched / curated:>6.3f} {'-':>6}  "
            f"{matched}/-/{curated}"
        )
    if not rows:
        print("no document with curated norms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
