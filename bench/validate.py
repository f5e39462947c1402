"""Validation time of generated exports at ~10k, 100k and 1M triples, both engines, one run.

Each row: parse (Oxigraph) + validate + enrich the report, per engine; the median of several
runs for the small sizes. pySHACL checks each focus node with its own query, so it is run only
where it finishes within the budget (``--pyshacl-max``); rows without it say so.

    .venv/bin/python bench/validate.py [--sizes 10000 100000 1000000] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from pathlib import Path

from govrules import generator
from govrules.compliance import reporting, uploads, validation

ROOT = Path(__file__).resolve().parents[1]


def once(data: bytes, fmt: str, knowledge, engine: str) -> tuple[float, list, float]:
    """Return the seconds to parse, validate and report one export, its findings, and CPU s.

    The CPU seconds (all threads of the process) say what the work costs on a shared machine,
    where the wall time also counts the waits for a core.
    """
    started, cpu = time.perf_counter(), time.process_time()
    upload = uploads.load_upload(data, format=fmt)
    outcome = validation.validate(upload, knowledge, engine=engine)
    reporting.render(reporting.enrich(outcome, knowledge), "json")
    return time.perf_counter() - started, outcome.findings, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=5, help="runs per engine below 100k triples")
    parser.add_argument(
        "--pyshacl-max",
        type=int,
        default=10_000,
        help="largest export pySHACL validates (about 95 s at 10k here)",
    )
    parser.add_argument("--violations", type=float, default=0.05)
    args = parser.parse_args()
    knowledge = validation.knowledge_for(ROOT, str(ROOT / "build" / "store"))
    knowledge.graph()
    print(
        "| triples | results | fast (s) | fast CPU (s) | pySHACL (s) | ratio | same findings "
        "| = manifest |"
    )
    print("|---:|---:|---:|---:|---:|---:|---|---|")
    for size in args.sizes:
        export = generator.generate(triples=size, violations=args.violations, seed=1)
        runs = args.runs if size < 100_000 else 1
        fast = [once(export.data, export.format, knowledge, "fast") for _ in range(runs)]
        fast_time = statistics.median(t for t, _, _ in fast)
        fast_cpu = statistics.median(c for _, _, c in fast)
        if size <= args.pyshacl_max:
            slow_time, reference, _ = once(export.data, export.format, knowledge, "pyshacl")
            same = str(all(findings == reference for _, findings, _ in fast))
            slow, ratio = f"{slow_time:.1f}", f"{slow_time / fast_time:.0f}×"
        else:
            slow, ratio, same = f"not run (> --pyshacl-max {args.pyshacl_max:,})", "—", "—"
        # The generator's manifest says which record breaks which rule: an oracle at every size.
        found = Counter((f.focus, f.shape.rsplit("#", 1)[-1]) for f in fast[0][1])
        print(
            f"| {export.triples:,} | {len(fast[0][1]):,} | {fast_time:.2f} | {fast_cpu:.2f} "
            f"| {slow} | {ratio} | {same} | {found == export.expected()} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
