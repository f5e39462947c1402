"""Corpus benchmark: import and build of the shipped corpus and of ~1,000 documents, store size,
memory, and the p50 of search, versions, provision --as-of and the canned questions.

    .venv/bin/python bench/corpus_bench.py [--copies 72] [--runs 20] [--scratch DIR]

The large corpus is the 14 rules of procedure repeated as renamed copies (each round a title
prefix 副本NNNN and its own jurisdiction code 9NNNNN, so every copy is a new work; the NPCSC's
two texts stay one work with two versions). Each phase of the build is timed on its own, as
``govrules build`` runs it (the plain works are built and checked in worker processes: the
"of which checks" row adds up their checks' seconds, a part of the "works" phase).
Prints one table; aims: 1,000 documents built under 2 minutes, search p50 under 50 ms.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "server"))

from govrules.knowledge import catalog as cat  # noqa: E402

NPCSC = "全国人民代表大会常务委员会议事规则"


def corpus_files() -> list[Path]:
    """The 14 rules of procedure shipped in data/source/."""
    return sorted((ROOT / "data" / "source").glob("*议事规则*.md"))


def fresh_data_dir(where: Path) -> Path:
    """A data directory with Yueqing's entry and the organisation graphs, no corpus."""
    data = where / "data"
    (data / "source").mkdir(parents=True)
    shutil.copytree(ROOT / "data" / "org", data / "org")
    shutil.copytree(ROOT / "data" / "norms", data / "norms")
    shutil.copy(
        ROOT / "data" / "source" / "yueqing-government-work-rules-2020.txt", data / "source"
    )
    full = cat.read(ROOT / "data")
    orgs = [o for o in full.organisations if o["id"] == "330382"]
    cat.write(cat.Catalog([full.find("330382-work-rules-2020")], orgs), data)
    return data


def copies(files: list[Path], rounds: int, where: Path) -> list[tuple[str, list[Path]]]:
    """Renamed copies of *files*: per round and work, its own jurisdiction code 9RRRWW."""
    titles = sorted({p.read_text(encoding="utf-8").partition("\n")[0] for p in files})
    made = []
    for n in range(1, rounds + 1):
        folder = where / f"round-{n:04d}"
        folder.mkdir(parents=True)
        by_code: dict[str, list[Path]] = {}
        for path in files:
            text = path.read_text(encoding="utf-8")
            head, _, rest = text.partition("\n")
            title = head.lstrip("# ").strip().removeprefix("中华人民共和国")
            target = folder / f"{n:04d}-{path.name}"
            target.write_text(f"# 副本{n:04d}{title}\n{rest}", encoding="utf-8")
            code = f"9{n:03d}{titles.index(head):02d}"
            by_code.setdefault(code, []).append(target)
        made += sorted(by_code.items())
    return made


def import_all(data: Path, batches: list[tuple[str | None, list[Path]]]) -> tuple[float, int]:
    """Import every batch (a jurisdiction and its files); return seconds and texts imported."""
    from govrules.knowledge.importer import import_texts

    start = time.perf_counter()
    done = 0
    for code, paths in batches:
        outcomes = import_texts(paths, data, jurisdiction=code)
        bad = [o for o in outcomes if not o.ok]
        if bad:
            raise SystemExit(f"import failed: {bad[0].path}: {bad[0].error}")
        done += len(outcomes)
    return time.perf_counter() - start, done


def build(data: Path, build_dir: Path) -> dict:
    """Run the build as ``govrules build`` does; return seconds per phase and the triples."""
    from govrules.knowledge.build import assemble, write

    result = assemble(ROOT, data_dir=data)
    write(result, build_dir)
    t = dict(result.timings)
    t["triples"] = sum(result.graphs.size(n) for n in result.graphs)
    return t


def size_of(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def p50(fn, runs: int) -> float:
    """Median milliseconds of *runs* calls (one warm-up first)."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def latencies(build_dir: Path, runs: int, title: str) -> dict[str, float]:
    """p50 of search, versions, provision --as-of and each canned question on the built store."""
    from govrules.knowledge.search import Index
    from govrules.query.questions import ask, load_questions
    from govrules.store.oxigraph import OxigraphStore

    store = OxigraphStore(str(build_dir / "store"), read_only=True)
    index = Index.open(build_dir / "search.sqlite")
    out = {
        "search 备案 (2 chars)": p50(lambda: index.search("备案"), runs),
        "search 过半数出席 (trigram)": p50(lambda: index.search("过半数出席"), runs),
        "search 常务委员会 议案 (2 words)": p50(lambda: index.search("常务委员会 议案"), runs),
    }
    asof = {"document": title, "number": "第四条", "asOf": "2015-06-01"}
    out["versions"] = p50(lambda: ask(store, "versions", {"document": title}).rows(), runs)
    out["provision --as-of"] = p50(lambda: ask(store, "provision", asof).rows(), runs)
    params = {
        "obligations-of": {"party": "市长"},
        "who-reports-to": {"party": "副市长"},
        "supervision-of": {"party": "市司法局"},
        "changes": {"document": title, "from": "2015-01-01", "to": "2023-01-01"},
        "provision": {"number": "7"},
        "versions": {"document": title},
    }
    for name, q in load_questions().items():
        if any(p.required for p in q.params) and name not in params:
            continue
        values = params.get(name, {})
        out[f"ask {name}"] = p50(
            lambda n=name, v=values: ask(store, n, v).rows(), max(3, runs // 4)
        )
    return out


def rss_mib(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory of this process (or of its largest finished child), in MiB."""
    return resource.getrusage(who).ru_maxrss / 1024


def run_one(label: str, rounds: int, runs: int, scratch: Path | None = None) -> dict:
    """Import and build one corpus in a scratch folder (kept under *scratch*); return figures."""
    with tempfile.TemporaryDirectory(prefix="govrules-bench-") as tmp:
        where = Path(tmp)
        if scratch is not None:
            where = scratch / f"copies-{rounds}"
            shutil.rmtree(where, ignore_errors=True)
            where.mkdir(parents=True)
        data = fresh_data_dir(where)
        batches: list = [(None, corpus_files())]
        title = NPCSC
        if rounds:
            batches = copies(corpus_files(), rounds, where / "copies")
            title = f"副本0001{NPCSC}"
        import_s, texts = import_all(data, batches)
        works = len(cat.read(data).documents)
        b = build(data, where / "build")
        figures = {
            "label": label,
            "texts": texts,
            "works": works,
            "import_s": import_s,
            "build": b,
            "store_mib": size_of(where / "build" / "store") / 2**20,
            "index_mib": (where / "build" / "search.sqlite").stat().st_size / 2**20,
            "latency": latencies(where / "build", runs, title),
            "rss_mib": rss_mib(),
            "worker_rss_mib": rss_mib(resource.RUSAGE_CHILDREN),
        }
    return figures


PHASES = ("gather", "infer", "works", "shortcuts", "coverage", "check", "store", "search", "dump")


def table(results: list[dict]) -> str:
    rows = [("", *[r["label"] for r in results])]
    rows.append(("texts imported / works", *[f"{r['texts']} / {r['works']}" for r in results]))
    rows.append(("import (s)", *[f"{r['import_s']:.1f}" for r in results]))
    for phase in PHASES:
        rows.append((f"build: {phase} (s)", *[f"{r['build'].get(phase, 0):.1f}" for r in results]))
        if phase == "works":
            seconds = [f"{r['build'].get('works: checks', 0):.1f}" for r in results]
            rows.append(("  of which checks, all processes (s)", *seconds))
    total = [sum(r["build"].get(p, 0) for p in PHASES) for r in results]
    rows.append(("build total (s)", *[f"{t:.1f}" for t in total]))
    rows.append(("triples", *[str(r["build"]["triples"]) for r in results]))
    rows.append(("store (MiB)", *[f"{r['store_mib']:.1f}" for r in results]))
    rows.append(("search index (MiB)", *[f"{r['index_mib']:.1f}" for r in results]))
    rows.append(("peak RSS of this process (MiB)", *[f"{r['rss_mib']:.0f}" for r in results]))
    # The largest child waited for: the forked dumps writer (its RSS counts the pages it shares
    # with this process); the fork server's workers are not this process's children.
    rows.append(("peak RSS of a child (MiB)", *[f"{r['worker_rss_mib']:.0f}" for r in results]))
    for key in results[-1]["latency"]:
        rows.append(
            (f"p50 {key} (ms)", *[f"{r['latency'].get(key, float('nan')):.1f}" for r in results])
        )
    if len(results) == 2:
        rows[0] = (*rows[0], "ratio")
        for i, row in enumerate(rows[1:], 1):
            try:
                a, b = float(row[1].split()[0]), float(row[2].split()[0])
                rows[i] = (*row, f"{b / a:.1f}×" if a else "")
            except ValueError:
                rows[i] = (*row, "")
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=False)) for r in rows
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=72, help="rounds of 14 renamed copies")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument("--scratch", type=Path, help="keep the corpora and builds in this folder")
    args = parser.parse_args()
    results = [run_one("shipped corpus", 0, args.runs, args.scratch)]
    if args.copies:
        label = f"{args.copies * 14} copies"
        results.append(run_one(label, args.copies, args.runs, args.scratch))
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str))


if __name__ == "__main__":
    main()
