"""SPARQL over HTTP: this service against the Oxigraph server and rdflib-endpoint, in one run.

Same data (the built regulation graph plus ~1M triples of generated records in the named graph
…/graph/exports/bench), same queries (a mix of four canned questions with typical values inlined
and four analytic queries over the records; tiny lookups: ASK, DESCRIBE and COUNT of one record),
same load (1, 4 and 16 clients, each for a fixed duration), servers started together and taking
turns level by level in interleaved rounds, so that the noise of a shared machine falls on all.
Only loopback addresses are used. Run from the project directory::

    python bench/sparql_bench.py            # ~1M triples, about 15 minutes on 2 cores
    python bench/sparql_bench.py --quick    # 100k triples, about 5 minutes

Needs the ``bench`` extra (``pip install -e '.[bench]'``): the ``oxigraph`` and
``rdflib-endpoint`` commands.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from rdflib import Literal, URIRef

from govrules import namespaces as ns
from govrules.generator import generate
from govrules.query.questions import load_questions

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
GRAPH = ns.graph_iri("exports", "bench")
SERVERS = ("govrules", "govrules-cached", "oxigraph", "rdflib-endpoint")
DEFAULT_SERVERS = ("govrules", "govrules-cached", "oxigraph")
# The mix of the load levels: four lookups (canned questions) and four analytic queries.
LOOKUPS = ("obligations-of", "provision", "supervision-of", "who-reports-to")
ANALYTICS = (
    "meetings-by-type-and-month",
    "decisions-per-matter-category",
    "documents-filed-late",
    "proposals-without-legality-review",
)
ACCEPT = "application/sparql-results+json"

# Typical values for the questions' parameters, inlined with VALUES (no server binds them).
TYPICAL = {
    "obligations-of": {"party": URIRef(ns.post_iri("330382", "mayor"))},
    "provision": {"number": Literal("25")},
    "supervision-of": {"party": URIRef(ns.body_iri("330382", "city-government"))},
    "who-must-approve": {"matter": URIRef(ns.concept_iri("matter", "major-matter"))},
    "who-reports-to": {"party": URIRef(ns.post_iri("330382", "vice-mayor"))},
}

ANALYTIC = {
    "meetings-by-type-and-month": """
SELECT ?type ?month (COUNT(?m) AS ?meetings) WHERE {
  ?m a gwr:Meeting ; gwr:meetingType ?type ; gwr:meetingDate ?d .
  BIND(SUBSTR(STR(?d), 1, 7) AS ?month)
} GROUP BY ?type ?month ORDER BY ?type ?month""",
    "decisions-per-matter-category": """
SELECT ?category (SAMPLE(?label) AS ?categoryLabel) (COUNT(?d) AS ?decisions) WHERE {
  ?d a gwr:Decision ; gwr:matterCategory ?category .
  OPTIONAL { ?category skos:prefLabel ?label . FILTER(lang(?label) = "zh") }
} GROUP BY ?category ORDER BY DESC(?decisions)""",
    "documents-filed-late": """
SELECT ?doc ?published ?filed WHERE {
  ?norm odrl:action <FILE_FOR_RECORD> ; gwr:deadline/gwr:period ?period .
  ?doc a gwr:NormativeDocument ; eli:date_publication ?published ; gwr:filingDate ?filed .
  FILTER(?filed > ?published + ?period)
} ORDER BY ?doc LIMIT 1000""".replace(
        "FILE_FOR_RECORD", ns.concept_iri("action", "file-for-record")
    ),
    "proposals-without-legality-review": """
SELECT ?unit (COUNT(?p) AS ?proposals) WHERE {
  ?p a gwr:DecisionProposal ; gwr:draftingUnit ?unit ; gwr:submissionDate ?submitted .
  MINUS {
    ?p gwr:submissionDate ?due ; gwr:stepTaken ?step .
    ?step gwr:stepType <REVIEW> ; gwr:performedBy <JUSTICE> ; gwr:stepDate ?reviewed .
    FILTER(?reviewed <= ?due)
  }
} GROUP BY ?unit ORDER BY ?unit""".replace(
        "REVIEW", ns.concept_iri("procedural-step", "legality-review")
    ).replace("JUSTICE", ns.body_iri("330382", "justice-bureau")),
    "decisions-by-chair-of-meeting": """
SELECT ?chair (COUNT(DISTINCT ?m) AS ?meetings) (COUNT(?d) AS ?decisions) WHERE {
  ?d a gwr:Decision ; gwr:decidedAt ?m .
  ?m gwr:chair ?chair ; gwr:meetingDate ?date .
  FILTER(?date >= "2022-01-01"^^xsd:date && ?date < "2023-01-01"^^xsd:date)
} GROUP BY ?chair ORDER BY ?chair""",
}


def inline(sparql: str, values: dict) -> str:
    """Return *sparql* with a VALUES clause for each value, at the top of its WHERE group."""
    clauses = "".join(f"\n  VALUES ?{name} {{ {term.n3()} }}" for name, term in values.items())
    head, sep, rest = sparql.partition("WHERE {")
    if not sep:
        raise ValueError("query has no 'WHERE {'")
    return head + sep + clauses + rest


def query_mix() -> list[tuple[str, str, bool]]:
    """Return the mix as (name, SPARQL, canned?): the canned questions, then the analytic ones."""
    mix = [
        (q.name, inline(q.sparql, TYPICAL.get(q.name, {})), True) for q in load_questions().values()
    ]
    prologue = ns.sparql_prologue()
    mix += [(name, prologue + text, False) for name, text in ANALYTIC.items()]
    return mix


def records(triples: int, seed: int) -> bytes:
    """Return generated records as N-Triples, 5 % of them breaking each rule."""
    return generate(triples=triples, violations=0.05, seed=seed).data


def prepare(scratch: Path, triples: int, seed: int) -> dict:
    """Build the regulation graph, generate the records, write one N-Quads file of both."""
    info: dict = {}
    start = time.perf_counter()
    build_dir = scratch / "build"
    subprocess.run(
        [str(BIN / "govrules"), "build", "--quiet", "--build-dir", str(build_dir)],
        cwd=ROOT,
        check=True,
    )
    info["build s"] = time.perf_counter() - start
    start = time.perf_counter()
    data = records(triples, seed)
    info["generate s"] = time.perf_counter() - start
    # An N-Triples line ends with " .\n" and nowhere else (literals escape their newlines).
    quads = data.replace(b" .\n", f" <{GRAPH}> .\n".encode())
    regulation = (build_dir / "dumps" / "govrules.nq").read_bytes()
    path = scratch / "data.nq"
    path.write_bytes(regulation + quads)
    info["record triples"] = data.count(b"\n")
    info["total quads"] = info["record triples"] + regulation.count(b"\n")
    info["path"] = path
    return info


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def post(port: int, path: str, query: str, *, timeout: float = 60) -> tuple[int, bytes]:
    """Send one query by direct POST; return the status and the body."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("POST", path, body=query.encode("utf-8"), headers=HEADERS)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


HEADERS = {"Content-Type": "application/sparql-query", "Accept": ACCEPT}
GRAPH_HEADERS = {"Content-Type": "application/sparql-query", "Accept": "application/n-triples"}


def headers_for(query: str) -> dict:
    """Return the request headers for *query*: N-Triples for a DESCRIBE, else JSON results."""
    return GRAPH_HEADERS if query.lstrip().upper().startswith("DESCRIBE") else HEADERS


PING = "ASK { ?s ?p ?o }"


def wait_ready(proc: subprocess.Popen, port: int, path: str, limit: float) -> None:
    """Poll until the server answers a query; fail if it exits or takes longer than *limit*."""
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            if post(port, path, PING, timeout=5)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server did not answer within {limit} s")


class Server:
    """One server under test: loaded, started on a free loopback port, stopped."""

    def __init__(self, name: str, scratch: Path, data: Path, log):
        self.name, self.scratch, self.data, self.log = name, scratch, data, log
        self.port = free_port()
        self.path = {"oxigraph": "/query", "rdflib-endpoint": "/"}.get(name, "/sparql")
        self.proc: subprocess.Popen | None = None
        self.load_s = 0.0
        self.start_s = 0.0

    def start(self) -> None:
        """Load the data the way each server loads it, then start it and wait until it answers."""
        start = time.perf_counter()
        bind = f"127.0.0.1:{self.port}"
        env = dict(os.environ)
        if self.name.startswith("govrules"):
            import pyoxigraph as ox

            location = self.scratch / f"{self.name}-store"
            store = ox.Store(str(location))
            store.bulk_load(path=str(self.data), format=ox.RdfFormat.N_QUADS)
            store.flush()
            del store
            env["GOVRULES_STORE"] = str(location)
            # The result cache off and on: both figures are reported.
            cached = self.name == "govrules-cached"
            env["GOVRULES_RESULT_CACHE_BYTES"] = str(64 * 1024 * 1024 if cached else 0)
            command = [
                str(BIN / "govrules"),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ]
        elif self.name == "oxigraph":
            location = self.scratch / "oxigraph-store"
            subprocess.run(
                [
                    str(BIN / "oxigraph"),
                    "load",
                    "--location",
                    str(location),
                    "--file",
                    str(self.data),
                ],
                check=True,
                stdout=self.log,
                stderr=self.log,
            )
            command = [
                str(BIN / "oxigraph"), "serve-read-only", "--location", str(location),
                "--bind", bind, "--union-default-graph",
            ]  # fmt: skip
        else:
            # rdflib-endpoint loads the file itself when it starts: that is its load time.
            command = [
                str(BIN / "rdflib-endpoint"), "serve", str(self.data),
                "--host", "127.0.0.1", "--port", str(self.port),
            ]  # fmt: skip
        self.load_s = time.perf_counter() - start
        started = time.perf_counter()
        self.proc = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self.log, stderr=self.log, start_new_session=True
        )
        wait_ready(self.proc, self.port, self.path, limit=600)
        self.start_s = time.perf_counter() - started
        if self.name == "rdflib-endpoint":
            self.load_s, self.start_s = self.start_s, 0.0

    def rss_mib(self) -> float:
        """Return the resident memory of the server's processes, in MiB."""
        total = 0
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                if os.getpgid(int(entry.name)) != self.proc.pid:
                    continue
                for line in (entry / "status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            except (OSError, ProcessLookupError):
                continue
        return total / 1024

    def stop(self) -> None:
        """Stop the server's process group (it was started in a session of its own)."""
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def check(server: Server, mix) -> dict[str, tuple[int | None, float]]:
    """Run each query once (this also warms the server); return its row count and seconds."""
    answers = {}
    for name, text, _ in mix:
        start = time.perf_counter()
        try:
            status, body = post(server.port, server.path, text, timeout=REQUEST_TIMEOUT)
        except OSError:
            status, body = 0, b""
        seconds = time.perf_counter() - start
        rows = len(json.loads(body)["results"]["bindings"]) if status == 200 else None
        answers[name] = (rows, seconds)
        if rows is None:
            drain(server)  # a timed-out query may still be running: do not time the next behind it
    return answers


REQUEST_TIMEOUT = 30.0


def load(server: Server, mix, clients: int, duration: float, max_requests: int) -> dict:
    """Run *clients* threads, each sending the mix in turn for *duration* seconds at most."""
    lock = threading.Lock()
    samples: list[tuple[str, float, bool]] = []
    bodies = [(name, text.encode("utf-8"), headers_for(text)) for name, text, _ in mix]
    start = time.perf_counter()
    deadline = start + duration

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=REQUEST_TIMEOUT)
        mine = []
        for i in range(max_requests):
            if time.perf_counter() >= deadline:
                break
            name, body, headers = bodies[(offset + i) % len(bodies)]
            sent = time.perf_counter()
            try:
                conn.request("POST", server.path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=REQUEST_TIMEOUT)
            mine.append((name, time.perf_counter() - sent, ok))
        conn.close()
        with lock:
            samples.extend(mine)

    threads = [threading.Thread(target=client, args=(i * 5,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    done = [s for s in samples if s[2]]
    times = sorted(s[1] for s in done) or [float("nan")]
    return {
        "requests": len(samples),
        "errors": len(samples) - len(done),
        "wall": wall,
        "rps": len(done) / wall,
        "p50": percentile(times, 50),
        "p99": percentile(times, 99),
        "by_query": {name: sorted(s[1] for s in done if s[0] == name) for name, _, _ in mix},
    }


def percentile(values: list[float], p: float) -> float:
    """Return the *p*-th percentile of sorted *values* (nearest rank)."""
    rank = max(0, min(len(values) - 1, round(p / 100 * len(values) + 0.5) - 1))
    return values[rank]


def drain(server: Server, limit: float = 60) -> None:
    """Wait until a trivial query answers quickly: no abandoned work spills into the next level."""
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        start = time.perf_counter()
        with contextlib.suppress(OSError):
            post(server.port, server.path, PING, timeout=limit)
        if time.perf_counter() - start < 1:
            return


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def ratio(run: dict, reference: dict | None) -> str:
    """Return the throughput of *run* over *reference*'s; a bound if the reference answered none."""
    if not reference:
        return "-"
    if reference["requests"] == reference["errors"]:
        # No answer within the whole wall time: its throughput was below one per wall time.
        return f"> {run['rps'] * reference['wall']:.0f}×"
    return f"{run['rps'] / reference['rps']:.2f}×"


def tiny_queries(port: int, path: str) -> list[tuple[str, str, bool]]:
    """Return the tiny lookups: ASK {}, DESCRIBE of one record, COUNT over one record."""
    status, body = post(port, path, ns.sparql_prologue() + "SELECT ?m { ?m a gwr:Meeting } LIMIT 1")
    record = json.loads(body)["results"]["bindings"][0]["m"]["value"] if status == 200 else ""
    return [
        ("ask", "ASK {}", True),
        ("describe-record", f"DESCRIBE <{record}>", True),
        ("count-record", f"SELECT (COUNT(*) AS ?n) WHERE {{ <{record}> ?p ?o }}", True),
    ]


def median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else float("nan")


def summary(levels: list[dict]) -> dict:
    """Return the medians over rounds of one server's figures at one level."""
    return {
        "rounds": len(levels),
        "requests": sum(r["requests"] for r in levels),
        "errors": sum(r["errors"] for r in levels),
        "rps": median([r["rps"] for r in levels]),
        "p50": median([r["p50"] for r in levels]),
        "p99": median([r["p99"] for r in levels]),
        "wall": median([r["wall"] for r in levels]),
    }


def report(info: dict, servers: list[Server], answers: dict, runs: dict, mixes: dict) -> None:
    """Print the tables: data, loading, answers per query, then each workload's load levels."""
    names = [s.name for s in servers]
    print(
        f"\ndata: {info['total quads']} quads ({info['record triples']} triples of generated "
        f"records in {info['generate s']:.1f} s; govrules build {info['build s']:.1f} s)"
    )
    print("\n| server | load s | start s | RSS MiB |\n|---|---:|---:|---:|")
    for s in servers:
        print(f"| {s.name} | {s.load_s:.1f} | {s.start_s:.1f} | {s.rss:.0f} |")
    print("\n| query | " + " | ".join(f"{n} rows | ms" for n in names) + " |")
    print("|---|" + "---:|---:|" * len(names))
    for name, _, _ in mixes["check"]:
        cells, counts = [], set()
        for n in names:
            rows, seconds = answers[n][name]
            counts.add(rows)
            cells += [str(rows) if rows is not None else "error", ms(seconds)]
        flag = "" if len(counts) == 1 else " ≠"
        print(f"| {name}{flag} | " + " | ".join(cells) + " |")
    for workload in ("mix", "tiny"):
        print(
            f"\n**{workload}** (medians over rounds)\n\n| server | clients | rounds | requests "
            "| errors | req/s | p50 ms | p99 ms | × oxigraph |\n"
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
        )
        for (w, name, clients), levels in runs.items():
            if w != workload:
                continue
            r = summary(levels)
            ref = runs.get((w, "oxigraph", clients))
            rel = f"{r['rps'] / summary(ref)['rps']:.2f}×" if ref else "-"
            print(
                f"| {name} | {clients} | {r['rounds']} | {r['requests']} | {r['errors']} | "
                f"{r['rps']:.1f} | {ms(r['p50'])} | {ms(r['p99'])} | {rel} |"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100k triples, short runs")
    parser.add_argument("--triples", type=int, help="triples of records (default 1M, quick 100k)")
    parser.add_argument("--duration", type=float, help="seconds per level and round (10, quick 4)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument("--max-requests", type=int, default=5000, help="per client and level")
    parser.add_argument("--clients", default="1,4,16")
    parser.add_argument("--workloads", default="mix,tiny", help="mix, tiny or both")
    parser.add_argument("--servers", default=",".join(DEFAULT_SERVERS))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scratch", type=Path, help="work directory (default: a temporary one)")
    args = parser.parse_args()
    triples = args.triples or (100_000 if args.quick else 1_000_000)
    duration = args.duration or (4.0 if args.quick else 10.0)
    clients = [int(c) for c in args.clients.split(",")]
    chosen = [s for s in args.servers.split(",") if s]
    unknown = set(chosen) - set(SERVERS)
    if unknown:
        parser.error(f"unknown servers: {', '.join(sorted(unknown))}")
    for command in ("govrules", "oxigraph", "rdflib-endpoint"):
        if not (BIN / command).exists():
            parser.error(f"{BIN / command} is missing: pip install -e '.[bench]'")

    # A SIGTERM unwinds like an error, so the servers (in sessions of their own) are stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    scratch = args.scratch or Path(tempfile.mkdtemp(prefix="govrules-bench-"))
    scratch.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    servers: list[Server] = []
    try:
        info = prepare(scratch, triples, args.seed)
        full = query_mix()
        by_name = {name: (name, text, canned) for name, text, canned in full}
        mixes = {"check": full, "mix": [by_name[n] for n in LOOKUPS + ANALYTICS]}
        answers, runs = {}, {}
        with open(scratch / "servers.log", "ab") as log:
            for name in chosen:  # all loaded and started first; then rounds take turns
                server = Server(name, scratch, info["path"], log)
                print(f"{name}: loading …", file=sys.stderr, flush=True)
                server.start()
                servers.append(server)
                answers[name] = check(server, full)
            mixes["tiny"] = tiny_queries(servers[0].port, servers[0].path)
            for round_ in range(args.rounds):
                order = servers if round_ % 2 == 0 else servers[::-1]
                load_avg = ", ".join(f"{x:.2f}" for x in os.getloadavg())
                print(f"round {round_ + 1}: load average {load_avg}", flush=True)
                for workload in args.workloads.split(","):
                    for n in clients:
                        for server in order:
                            print(f"  {workload} {server.name} {n} clients …", file=sys.stderr)
                            seconds = duration if workload == "mix" else min(duration, 5.0)
                            level = load(server, mixes[workload], n, seconds, args.max_requests)
                            runs.setdefault((workload, server.name, n), []).append(level)
                            drain(server)
            for server in servers:
                server.rss = server.rss_mib()
        report(info, servers, answers, runs, mixes)
        load_avg = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        print(
            f"\n(total {time.perf_counter() - began:.0f} s; {duration:.0f} s per level and round;"
            f" load average at the end {load_avg})"
        )
    finally:
        for server in servers:
            server.stop()
        if args.scratch is None:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
