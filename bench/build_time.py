"""Median build time over several runs: the whole command, and each step in process.

Run from the project directory: ``python bench/build_time.py [--runs 5]``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from govrules.knowledge.build import assemble, write

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    command = [str(Path(sys.executable).parent / "govrules"), "build", "--quiet"]
    whole, steps = [], {}
    with tempfile.TemporaryDirectory() as scratch:
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([*command, "--build-dir", scratch], cwd=ROOT, check=True)
            whole.append(time.perf_counter() - start)
        for _ in range(runs):
            start = time.perf_counter()
            result = assemble(ROOT)
            write(result, Path(scratch))
            result.timings["total in process"] = time.perf_counter() - start
            for name, seconds in result.timings.items():
                steps.setdefault(name, []).append(seconds)
    total = statistics.median(whole)
    print(f"build benchmark: {runs} runs, {sum(result.sizes().values())} triples")
    print(f"| {'what':<28} | {'median s':>9} | {'share':>6} |")
    print(f"|{'-' * 30}|{'-' * 11}|{'-' * 8}|")
    print(f"| {'govrules build (command)':<28} | {total:>9.3f} | {1:>6.0%} |")
    for name, values in steps.items():
        median = statistics.median(values)
        print(f"| {name:<28} | {median:>9.3f} | {median / total:>6.0%} |")


if __name__ == "__main__":
    main()
