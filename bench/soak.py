"""Soak: the real server under steady load for minutes, with runaway queries and writes.

16 clients send the mix of ``sparql_bench.py`` (four lookups, four analytic queries) for five
minutes; every 10 s another client sends a runaway query, which the time limit must stop (503);
every 30 s a write (``PUT /store`` of a small graph, with a write token) publishes a new store
version. Every window of the run prints requests, errors, p50 and p99 latency, the runaway
queries stopped, the writes applied, and the resident memory of all the server's processes
(gunicorn master, workers, query processes). Only 127.0.0.1 is used; the run stops by itself.

    python bench/soak.py                      # 5 minutes, 100k triples of records
    python bench/soak.py --minutes 1 --clients 4
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sparql_bench as sb  # noqa: E402  (the bench's data, mix and server)

from govrules.writes.tokens import add_token  # noqa: E402

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
WRITE_GRAPH = "https://w3id.org/govrules/graph/exports/soak-{}"


def error_code(body: bytes) -> str:
    """Return the code of a JSON error envelope ("query-timeout", …), or ''."""
    try:
        return json.loads(body)["error"]["code"]
    except (ValueError, KeyError, TypeError):
        return ""


class Window:
    """What happened in one stretch of the run."""

    def __init__(self):
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.stopped = 0
        self.writes = 0


class Soak:
    def __init__(self, server: sb.Server, token: str, mix, window_s: float):
        self.server, self.token, self.mix, self.window_s = server, token, mix, window_s
        self.lock = threading.Lock()
        self.windows: list[Window] = [Window()]
        self.started = time.perf_counter()

    def current(self) -> Window:
        index = int((time.perf_counter() - self.started) // self.window_s)
        while len(self.windows) <= index:
            self.windows.append(Window())
        return self.windows[index]

    def request(self, conn, method: str, path: str, body: bytes, headers: dict):
        sent = time.perf_counter()
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        return response.status, data, time.perf_counter() - sent

    def client(self, offset: int, deadline: float) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60)
        i = offset
        while time.perf_counter() < deadline:
            name, text, _ = self.mix[i % len(self.mix)]
            i += 1
            try:
                status, data, seconds = self.request(
                    conn, "POST", self.server.path, text.encode(), sb.headers_for(text)
                )
                problem = None if status == 200 else f"{name}: {status} {error_code(data)}"
            except (OSError, http.client.HTTPException) as exc:
                status, seconds, problem = 0, 0.0, f"{name}: {type(exc).__name__}"
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60)
            with self.lock:
                window = self.current()
                if problem:
                    window.errors.append(problem)
                else:
                    window.latencies.append(seconds)
        conn.close()

    def every(self, period: float, deadline: float, action) -> None:
        count = 0
        next_at = time.perf_counter() + period
        while next_at < deadline:
            time.sleep(max(0.0, next_at - time.perf_counter()))
            count += 1
            action(count)
            next_at += period

    def runaway(self, _count: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=120)
        try:
            status, body, _ = self.request(
                conn, "POST", self.server.path, RUNAWAY.encode(), sb.HEADERS
            )
            code = json.loads(body)["error"]["code"] if status == 503 else None
            problem = None if code == "query-timeout" else f"runaway: {status}"
        except (OSError, http.client.HTTPException, ValueError, KeyError) as exc:
            problem = f"runaway: {type(exc).__name__}"
        finally:
            conn.close()
        with self.lock:
            window = self.current()
            if problem:
                window.errors.append(problem)
            else:
                window.stopped += 1

    def write(self, count: int) -> None:
        data = "".join(
            f'<http://example.org/soak/{count}/{k}> <http://example.org/p> "{k}" .\n'
            for k in range(100)
        ).encode()
        headers = {"Content-Type": "application/n-triples", "Authorization": f"Bearer {self.token}"}
        path = "/store?graph=" + WRITE_GRAPH.format(count)
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=120)
        try:
            status, _, _ = self.request(conn, "PUT", path, data, headers)
            problem = None if status in (201, 204) else f"write: {status}"
        except (OSError, http.client.HTTPException) as exc:
            problem = f"write: {type(exc).__name__}"
        finally:
            conn.close()
        with self.lock:
            window = self.current()
            if problem:
                window.errors.append(problem)
            else:
                window.writes += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--triples", type=int, default=100_000, help="triples of records")
    parser.add_argument("--window", type=float, default=30.0, help="seconds per table row")
    parser.add_argument("--runaway-every", type=float, default=10.0)
    parser.add_argument("--write-every", type=float, default=30.0)
    parser.add_argument("--query-timeout", type=float, default=5.0)
    parser.add_argument("--cached", action="store_true", help="result cache on (default off)")
    parser.add_argument("--scratch", type=Path)
    args = parser.parse_args()
    # A SIGTERM unwinds like an error, so the servers (in sessions of their own) are stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    scratch = args.scratch or Path(tempfile.mkdtemp(prefix="govrules-soak-"))
    scratch.mkdir(parents=True, exist_ok=True)
    server = None
    try:
        info = sb.prepare(scratch, args.triples, seed=1)
        full = {name: (name, text, c) for name, text, c in sb.query_mix()}
        mix = [full[n] for n in sb.LOOKUPS + sb.ANALYTICS]
        token = add_token(scratch / "tokens.toml", "soak", "write")
        os.environ |= {
            "GOVRULES_TOKENS_FILE": str(scratch / "tokens.toml"),
            "GOVRULES_QUERY_TIMEOUT": str(args.query_timeout),
        }
        with open(scratch / "server.log", "ab") as log:
            # The bench's server names: "govrules" has the result cache off, the other on.
            name = "govrules-cached" if args.cached else "govrules"
            server = sb.Server(name, scratch, info["path"], log)
            server.start()
            soak = Soak(server, token, mix, args.window)
            memory: list[tuple[float, float, int]] = []
            deadline = soak.started + args.minutes * 60
            threads = [
                threading.Thread(target=soak.client, args=(i * 3, deadline))
                for i in range(args.clients)
            ]
            threads.append(
                threading.Thread(
                    target=soak.every, args=(args.runaway_every, deadline, soak.runaway)
                )
            )
            threads.append(
                threading.Thread(target=soak.every, args=(args.write_every, deadline, soak.write))
            )
            for thread in threads:
                thread.start()
            while time.perf_counter() < deadline:
                memory.append(
                    (time.perf_counter() - soak.started, server.rss_mib(), processes(server))
                )
                time.sleep(5)
            for thread in threads:
                thread.join(180)
            memory.append((time.perf_counter() - soak.started, server.rss_mib(), processes(server)))
        table(soak, memory, args)
    finally:
        if server is not None:
            server.stop()
        if args.scratch is None:
            shutil.rmtree(scratch, ignore_errors=True)


def processes(server: sb.Server) -> int:
    out = subprocess.run(["pgrep", "-g", str(server.proc.pid)], capture_output=True, text=True)
    return len(out.stdout.split())


def table(soak: Soak, memory, args) -> None:
    print(
        f"\n{args.clients} clients, mix of {len(sb.LOOKUPS)} lookups and {len(sb.ANALYTICS)} "
        f"analytic queries, {args.minutes:g} min; a runaway query every {args.runaway_every:g} s "
        f"(time limit {args.query_timeout:g} s), a write every {args.write_every:g} s; result "
        f"cache {'on' if args.cached else 'off'}; load average "
        + ", ".join(f"{x:.2f}" for x in os.getloadavg())
    )
    print(
        "\n| window s | requests | errors | p50 ms | p99 ms | runaways stopped | writes "
        "| RSS MiB (min–max) | processes |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    total_errors = []
    for index, window in enumerate(soak.windows):
        start, end = index * args.window, (index + 1) * args.window
        times = sorted(window.latencies) or [float("nan")]
        rss = [m for t, m, _ in memory if start <= t < end] or [float("nan")]
        procs = [p for t, _, p in memory if start <= t < end] or [0]
        total_errors += window.errors
        print(
            f"| {start:.0f}–{end:.0f} | {len(window.latencies) + len(window.errors)} | "
            f"{len(window.errors)} | {sb.ms(sb.percentile(times, 50))} | "
            f"{sb.ms(sb.percentile(times, 99))} | {window.stopped} | {window.writes} | "
            f"{min(rss):.0f}–{max(rss):.0f} | {max(procs)} |"
        )
    print(
        f"\nerrors: {len(total_errors)}"
        + (f" ({', '.join(total_errors[:10])})" if total_errors else "")
    )
    print(f"RSS first {memory[0][1]:.0f} MiB, last {memory[-1][1]:.0f} MiB")


if __name__ == "__main__":
    main()
