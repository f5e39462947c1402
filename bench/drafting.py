"""Quality of drafted norms: precision, recall and F1 against curated norms, per level.

Run: ``.venv/bin/python bench/drafting.py``. For each catalogued document with fully curated
norms, the drafts are matched one to one within each paragraph; a level adds a field to the
ones before it (modality; + bearer; + action; + counterparty; + deadline). Norms curated for
some concerns only (``gwr:concern``) are scored by recall on the paragraphs they cite.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "server"))

from rdflib import Graph  # noqa: E402

from govrules.knowledge.build import read_catalog, read_turtle  # noqa: E402
from govrules.knowledge.drafting.run import draft_entry  # noqa: E402
from govrules.knowledge.drafting.score import (  # noqa: E402
    deadline_pairs,
    read_norms,
    score,
)
from govrules.namespaces import GWR  # noqa: E402


def concern_only(graph: Graph) -> bool:
    """Return whether a norms file curates some concerns only (every norm has gwr:concern)."""
    norms = set(graph.subjects(GWR.hasLegalSource, None))
    return bool(norms) and all(graph.value(n, GWR.concern) is not None for n in norms)


def main() -> int:
    data = ROOT / "data"
    rows = []
    for entry in read_catalog(data).get("document", []):
        if not entry.get("norms") or not (data / entry["norms"]).exists():
            continue
        curated_graph = read_turtle(data / entry["norms"])
        start = time.perf_counter()
        run = draft_entry(entry, root=ROOT, data_dir=data)
        elapsed = time.perf_counter() - start
        drafted = read_norms(run.graph)
        curated = read_norms(curated_graph)
        partial = concern_only(curated_graph)
        paragraphs = {n.paragraph for n in curated} if partial else None
        found, wanted = deadline_pairs(drafted, curated)
        rows.append(
            (
                entry["id"],
                partial,
                score(drafted, curated, paragraphs=paragraphs),
                found,
                wanted,
                elapsed,
            )
        )
    print(f"{'document':<36} {'level':<14} {'P':>6} {'R':>6} {'F1':>6}  matched/drafted/curated")
    for doc_id, partial, scores, found, wanted, elapsed in rows:
        for s in scores:
            p = "-" if partial else f"{s.precision:.3f}"
            f = "-" if partial else f"{s.f1:.3f}"
            print(
                f"{doc_id:<36} {s.level:<14} {p:>6} {s.recall:>6.3f} {f:>6}  "
                f"{s.matched}/{s.drafted}/{s.curated}"
            )
        print(
            f"{doc_id:<36} deadlines exact: {found}/{wanted}; drafted in {elapsed:.2f} s"
            + (" (concern norms: recall only)" if partial else "")
        )
    if not rows:
        print("no document with curated norms in the catalog")
    return 0


if __name__ == "__main__":
    sys.exit(main())
