"""Query execution isolated in worker processes, with a time limit that really fires.

Each worker process opens the on-disk store read-only and runs jobs one at a time. A
job that outlives the time limit has its process killed and replaced; a process that
dies on a job (the engine aborts on some pathological queries) is replaced too. Either
way the request gets a clear error and the service keeps answering everyone else.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import threading
import time
from collections.abc import Callable

from govrules import errors
from govrules.query.execution import Answer, Job, Settings, execute

log = logging.getLogger(__name__)


def _serve(conn, store_path: str, settings: Settings) -> None:
    """Worker process main loop: open the store, answer jobs until the pipe closes."""
    from govrules import offline
    from govrules.store.versions import FollowingStore

    if not settings.guard.allowed_service_hosts:
        offline.isolate()  # this process never needs the network: SERVICE cannot reach out
    store = FollowingStore(store_path)  # reopens when a write publishes a new version
    conn.send(("ready",))
    while True:
        try:
            job = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        try:
            reply = ("ok", execute(store, job, settings))
        except errors.GovrulesError as exc:
            reply = ("error", type(exc).__name__, exc.message, exc.status)
        conn.send(reply)


class _Worker:
    def __init__(self, context, store_path: str, settings: Settings):
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_serve, args=(child, store_path, settings), daemon=True, name="govrules-query"
        )
        self.process.start()
        child.close()
        try:
            ready = self.conn.poll(60) and self.conn.recv()
        except (EOFError, OSError):  # the process died while starting (or we are stopping)
            ready = None
        if ready != ("ready",):
            self.kill()
            raise errors.StoreUnavailable(f"a query worker could not open the store {store_path}")

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """A fixed number of query processes shared by the threads of one server process."""

    def __init__(
        self,
        store_path: str,
        *,
        size: int,
        timeout: float,
        settings: Settings,
        wait: float | None = None,
        on_event: Callable[[str, str], None] | None = None,
    ):
        self.store_path, self.timeout, self.settings = store_path, timeout, settings
        self.wait = timeout if wait is None else wait  # for a free process, before 503 "busy"
        # Told ("timeout", "") and ("replaced", why): the metrics count them.
        self.on_event = on_event or (lambda event, detail: None)
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        for _ in range(size):
            self._idle.put(self._start())

    def _start(self) -> _Worker:
        return _Worker(self._context, self.store_path, self.settings)

    def run(self, job: Job) -> Answer:
        """Run *job* in a worker: wait at most :attr:`wait` for one, then the time limit to run.

        :raises govrules.errors.QueryTimeout: if the query runs out of time.
        :raises govrules.errors.GovrulesError: what the query itself raised.
        """
        waited_until = time.monotonic() + self.wait
        worker = self._take(waited_until)
        if not worker.process.is_alive():
            self._replace(worker, "died")
            worker = self._take(waited_until)
        # The time limit is the query's own: counted from when a worker starts it, so that a
        # queue of other clients' queries does not use it up.
        deadline = time.monotonic() + self.timeout
        try:
            worker.conn.send(job)
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                self.on_event("timeout", "")
                self._replace(worker, "timeout")
                raise errors.QueryTimeout(
                    f"the query ran longer than the limit of {self.timeout:g} s and was stopped"
                )
            reply = worker.conn.recv()
        except (EOFError, OSError):
            log.error("query worker %s died on a query", worker.process.pid)
            self._replace(worker, "crash")
            raise errors.BadRequest(
                "the query engine failed on this query and was restarted; simplify the query"
            ) from None
        except BaseException:
            if worker.process.is_alive():
                self._idle.put(worker)
            raise
        self._idle.put(worker)
        if reply[0] == "ok":
            return reply[1]
        _, name, message, status = reply
        raise getattr(errors, name, errors.GovrulesError)(message, status=status)

    def _take(self, deadline: float) -> _Worker:
        try:
            return self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise errors.QueryTimeout(
                f"every query worker stayed busy for {self.wait:g} s; try again later"
            ) from None

    def _replace(self, worker: _Worker, why: str) -> None:
        """Kill *worker* and start its successor in the background."""
        worker.kill()
        self.on_event("replaced", why)

        def start() -> None:
            try:
                self._idle.put(self._start())
            except errors.GovrulesError as exc:
                log.error("could not replace a query worker: %s", exc.message)

        threading.Thread(target=start, daemon=True).start()

    def close(self) -> None:
        """Stop every worker process."""
        while not self._idle.empty():
            self._idle.get_nowait().kill()
