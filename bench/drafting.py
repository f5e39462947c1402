"""Quality of drafted norms: precision, recall and F1 against curated norms, per level.

Run: ``.venv/bin/python bench/drafting.py [--jieba]``; ``--jieba`` (needs ``pip install jieba``)
re-runs the drafter keeping only the verbs whose ends fall on jieba's word boundaries, to
measure whether a segmenter helps. Scored documents: those of the catalog with curated norms
(full: the catalog's ``norms`` file) or concern norms (``data/norms/concerns/<id>.ttl``: some
concerns only, so recall on the paragraphs they cite). Drafts and curated norms are matched one
to one within each paragraph; a level adds a field to the ones before it (modality; + bearer;
+ action; + counterparty; + deadline).
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
from govrules.knowledge.catalog import read  # noqa: E402
from govrules.knowledge.drafting.run import draft_versions  # noqa: E402
from govrules.knowledge.drafting.score import deadline_pairs, read_norms, score  # noqa: E402

DATA = ROOT / "data"


def scored_documents():
    """Yield (entry, curated graph, partial) for every catalogued document with curated norms.

    Full: the catalog's ``norms`` file (or ``data/norms/<id>.ttl``); partial: the concern norms
    under ``data/norms/concerns/<id>.ttl``.
    """
    for entry in read(DATA).documents:
        full = DATA / (entry.norms or f"norms/{entry.id}.ttl")
        if full.exists():
            yield entry, read_turtle(full), False
        concerns = DATA / "norms" / "concerns" / f"{entry.id}.ttl"
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
