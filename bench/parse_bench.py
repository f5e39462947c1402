"""Files per second of the parser over the shared corpus, median of several runs, one core.

Run from the project directory: ``python bench/parse_bench.py [--runs 5]``. The corpus is
``../shared/corpus`` beside the repository. Texts are read into memory first, so the figure is
the parser's (``parse_text``), not the disk's. Files per second are counted on the process's CPU
time (one core, whatever else the machine runs); the wall time is shown beside it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from govrules.knowledge.parse import ParseError, parse_text

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / ".." / "shared" / "corpus"
TARGET = 100.0  # files per second on one core: the aim set by issue 12
WIDTHS = (18, 5, 6, 7, 7, 8, 6)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    files = sorted(CORPUS.glob("*/*.md"))
    if not files:
        sys.exit(f"no corpus at {CORPUS.resolve()}")
    groups = {"all": files}
    for folder in sorted({f.parent.name for f in files}):
        groups[folder] = [f for f in files if f.parent.name == folder]
    texts = {f: f.read_text(encoding="utf-8") for f in files}
    size = sum(len(t) for t in texts.values())
    print(f"parse benchmark: {len(files)} files, {size / 1e6:.2f} M characters, {runs} runs")
    print(_row(("corpus", "files", "failed", "CPU s", "wall s", "files/s", "vs aim")))
    print("|" + "|".join("-" * (w + 2) for w in WIDTHS) + "|")
    for name, group in groups.items():
        cpu, wall, failed = [], [], 0
        for _ in range(runs):
            failed = 0
            start_cpu, start_wall = time.process_time(), time.perf_counter()
            for path in group:
                try:
                    parse_text(texts[path])
                except ParseError:
                    failed += 1
            cpu.append(time.process_time() - start_cpu)
            wall.append(time.perf_counter() - start_wall)
        # CPU time of this process: what one core does, whatever else the machine runs.
        median = statistics.median(cpu)
        rate = len(group) / median
        cells = (name, len(group), failed, f"{median:.3f}", f"{statistics.median(wall):.3f}")
        cells += (f"{rate:.1f}", f"{rate / TARGET:.1f}x")
        print(_row(cells))


def _row(cells: tuple) -> str:
    """Return a table row: the first cell left-aligned, the others right-aligned."""
    out = [str(cells[0]).ljust(WIDTHS[0])]
    out += [str(c).rjust(w) for c, w in zip(cells[1:], WIDTHS[1:], strict=True)]
    return "| " + " | ".join(out) + " |"


if __name__ == "__main__":
    main()
