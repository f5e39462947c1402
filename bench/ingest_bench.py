"""Ingest rate: triples per second stored as one export graph, embedded Oxigraph vs Virtuoso.

Prints a Markdown table. For each store: the median of --runs writes of a generated export
(about --triples N-Triples) into a new graph ``…/graph/exports/bench-<n>`` each time,
through the same writer the service uses (a copy-on-write version on Oxigraph; the Graph Store
protocol and one final MOVE on Virtuoso), and once the whole ingest (parse, validate, store).

    .venv/bin/python bench/ingest_bench.py --triples 200000
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE = "https://w3id.org/govrules/"


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def measure(name, writer, data: bytes, triples: int, runs: int, knowledge) -> list[str]:
    from govrules.compliance.ingest import ingest
    from govrules.writes.tokens import Caller

    def store(n: int) -> float:
        graph = f"{BASE}graph/exports/bench-{n}"  # a new graph each time: adds, not replaces
        return timed(lambda: writer.load_graph(graph, data, "ntriples", replace=True))

    stores = [store(n) for n in range(runs)]
    whole = timed(
        lambda: ingest(
            writer,
            data,
            fmt="ntriples",
            name="bench-ingest",
            caller=Caller("bench", "admin"),
            knowledge=knowledge,
            base=BASE,
            force=True,
        )
    )
    median = statistics.median(stores)
    return [
        name,
        f"{triples:,}",
        f"{median:.2f}",
        f"{triples / median:,.0f}",
        f"{whole:.2f}",
        f"{triples / whole:,.0f}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--stores", default="oxigraph,virtuoso")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "server"))
    from govrules.compliance import validation
    from govrules.generator import generate
    from govrules.writes.operations import EmbeddedWriter

    export = generate(triples=args.triples, seed=1, format="ntriples")
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        build = scratch / "build"
        command = Path(sys.executable).parent / "govrules"
        subprocess.run([command, "build", "--build-dir", build, "--quiet"], cwd=ROOT, check=True)
        knowledge = validation.knowledge_for(ROOT, str(build / "store"))
        if "oxigraph" in args.stores:
            writer = EmbeddedWriter(build / "store")
            rows.append(
                measure(
                    "oxigraph (embedded, copy-on-write)",
                    writer,
                    export.data,
                    export.triples,
                    args.runs,
                    knowledge,
                )
            )
        if "virtuoso" in args.stores and shutil.which("virtuoso-t"):
            rows.append(virtuoso(scratch, export, args.runs, knowledge))
    head = ["store", "triples", "store s (median)", "triples/s", "ingest s", "ingest triples/s"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for row in rows:
        print("| " + " | ".join(row) + " |")


def virtuoso(scratch: Path, export, runs: int, knowledge) -> list[str]:
    from govrules.store.remote import RemoteStore

    port, isql = free_port(), free_port()
    script = ROOT / "scripts" / "virtuoso.sh"
    folder = scratch / "virtuoso"
    subprocess.run([script, "start", folder, str(port), str(isql)], check=True)
    try:
        store = RemoteStore(
            f"http://127.0.0.1:{port}/sparql",
            update_url=f"http://127.0.0.1:{port}/sparql-auth",
            gsp_url=f"http://127.0.0.1:{port}/sparql-graph-crud-auth",
            user="govrules",
            password="govrules",
            timeout=600,
            graph_prefix=BASE,
        )
        return measure(
            "virtuoso 7.2.5 (Graph Store protocol)",
            store.writer(),
            export.data,
            export.triples,
            runs,
            knowledge,
        )
    finally:
        subprocess.run([script, "stop", folder], check=False)


if __name__ == "__main__":
    main()
