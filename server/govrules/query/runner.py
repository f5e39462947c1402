"""How the service answers a protocol query: kept answer, in process when cheap, else a worker.

The order of the checks is the order of their cost: an answer kept for the current store version
costs a dictionary look-up; a query of a bounded shape (:mod:`govrules.query.cheap`) costs less
to run here than the hop to a worker process; everything else goes to the worker pool, whose
time limit and crash isolation it needs. Every path runs the same :func:`execute` (guard, row
cap, serialisation), so an answer is the same whichever path gave it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from govrules import offline
from govrules.query.cache import ResultCache, job_key
from govrules.query.cheap import is_cheap
from govrules.query.execution import MEMO_TEXT, Answer, Job, Settings, execute
from govrules.store import Store

_cheap = lru_cache(maxsize=2048)(is_cheap)


def cheap(query: str) -> bool:
    """Return :func:`is_cheap`, remembered for texts up to :data:`MEMO_TEXT` characters."""
    return _cheap(query) if len(query) <= MEMO_TEXT else is_cheap(query)


class Runner:
    """Answer jobs over *store*, through *pool* (a :class:`WorkerPool`) unless cheap or cached.

    :param pool: None runs every query in process (in-memory stores: tests, the rdflib backend).
    :param cache: None keeps no answers.
    :param on_event: told ``("query", "cache" | "in-process" | "worker")``, ``("truncated", "")``
        and ``("cache", "hit" | "miss")`` (the metrics count them).
    """

    def __init__(
        self,
        store: Store,
        *,
        settings: Settings,
        pool=None,
        cache: ResultCache | None = None,
        on_event: Callable[[str, str], None] | None = None,
    ):
        self.store, self.settings, self.pool, self.cache = store, settings, pool, cache
        self.on_event = on_event or (lambda event, detail: None)

    def etag(self, job: Job) -> str | None:
        """Return the ETag *job*'s answer will carry, or None if the store has no version."""
        version = self.store.version()
        return None if version is None else job_key(job, version)

    def run(self, job: Job) -> Answer:
        """Return the answer to *job*.

        :raises govrules.errors.GovrulesError: what the guard, the engine or the pool raised.
        """
        version = self.store.version() if self.cache is not None else None
        key = job_key(job, version) if version is not None else None
        if key is not None:
            kept = self.cache.get(key)
            self.on_event("cache", "hit" if kept else "miss")
            if kept is not None:
                self.on_event("query", "cache")
                if kept.truncated:
                    self.on_event("truncated", "")
                return kept
        if self.pool is None or cheap(job.query):
            answer = self.run_here(job)
            self.on_event("query", "in-process")
        else:
            answer = self.pool.run(job)
            self.on_event("query", "worker")
        if answer.truncated:
            self.on_event("truncated", "")
        if key is not None:
            self.cache.put(key, answer, version)
        return answer

    def run_here(self, job: Job) -> Answer:
        """Run *job* in this process: every job without a pool, the cheap ones with one.

        A cheap shape names no SERVICE and no other endpoint, so it cannot reach the network.
        Without a pool any query runs here: over a local store, in a thread with no network
        (:mod:`govrules.offline`), unless configuration allows SERVICE hosts.
        """
        if self.pool is not None and cheap(job.query):
            return execute(self.store, job, self.settings)
        network = not self.store.local or bool(self.settings.guard.allowed_service_hosts)
        return offline.run(execute, self.store, job, self.settings, network=network)

    def close(self) -> None:
        """Stop the worker pool, if any."""
        if self.pool is not None:
            self.pool.close()
