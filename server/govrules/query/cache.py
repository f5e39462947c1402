"""Answers kept by the version of the store they were computed on.

A published store version is never written again (:mod:`govrules.store.versions`), so an answer
computed on version *v* stays right for as long as *v* is served; a write publishes a new
version, and every key made afterwards differs. The same key, hashed, is the answer's ``ETag``:
a client that sends it back in ``If-None-Match`` gets a 304 without the query being run.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

from govrules.query.execution import Answer, Job


def job_key(job: Job, version: str) -> str:
    """Return the ETag of *job*'s answer on store *version* (a strong validator).

    The answer depends on nothing else: the query, the dataset, what the client accepts (which
    picks the format) and the store's content.

    >>> job_key(Job("ASK {}"), "7") == job_key(Job("ASK {}"), "7") != job_key(Job("ASK {}"), "8")
    True
    """
    dataset = job.dataset
    parts = (
        version,
        job.query,
        repr(dataset.default_graphs if dataset else None),
        repr(dataset.named_graphs if dataset else None),
        job.accept or "",
        job.format or "",
    )
    return hashlib.blake2b("\x00".join(parts).encode("utf-8"), digest_size=16).hexdigest()


class ResultCache:
    """A least-recently-used map of answers, bounded by the bytes of their bodies."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, Answer] = OrderedDict()
        self._size = 0
        self._version: str | None = None
        self._lock = threading.Lock()

    @property
    def size(self) -> int:
        """Return the bytes of the bodies held."""
        return self._size

    def get(self, key: str) -> Answer | None:
        """Return the answer kept under *key*, or None."""
        with self._lock:
            answer = self._entries.get(key)
            if answer is not None:
                self._entries.move_to_end(key)
            return answer

    def put(self, key: str, answer: Answer, version: str) -> None:
        """Keep *answer*; forget every answer of another store version and the least used."""
        size = len(answer.body)
        if size > self.max_bytes // 8:
            return  # one huge answer would push out many small ones
        with self._lock:
            if version != self._version:
                self._entries.clear()  # a write published a new version: old answers are stale
                self._size, self._version = 0, version
            if key in self._entries:
                return
            self._entries[key] = answer
            self._size += size
            while self._size > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._size -= len(dropped.body)

    def __len__(self) -> int:
        return len(self._entries)
