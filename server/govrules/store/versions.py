"""Copy-on-write versions of the on-disk store: a write is whole or absent, readers never block.

pyoxigraph (RocksDB) lets one process open a store read-write, and reading it from another
process while it is written is undefined. So a published version is never written again:

- the served path (``build/store``) is a symlink to ``build/store-versions/<n>``;
- a write takes a lock (a thread lock and ``fcntl.flock`` on ``build/.store.lock``, so every
  gunicorn process and the CLI serialise), checkpoints the current version into ``<n+1>`` with
  ``Store.backup`` (RocksDB checkpoint: hard links), opens the copy read-write, applies the
  change, flushes, closes, fsyncs, then switches the symlink with one ``os.replace``;
- readers (:class:`FollowingStore`) compare ``os.readlink`` before each use (microseconds) and
  reopen read-only when the target moved.

A process killed mid-write leaves an unpublished directory, removed at the next start or write.
Superseded versions are deleted after a grace period (open files stay valid on Linux meanwhile).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from govrules.errors import StoreUnavailable
from govrules.store.base import Dataset, QueryResult, Store
from govrules.store.oxigraph import OxigraphStore

T = TypeVar("T")
GRACE_SECONDS = 120.0
_THREAD_LOCK = threading.Lock()


def versions_dir(path: Path) -> Path:
    """Return the directory holding the versions of the store served at *path*."""
    return path.parent / f"{path.name}-versions"


def current(path: Path) -> Path | None:
    """Return the version directory *path* points to (None if *path* is not a symlink)."""
    if not path.is_symlink():
        return None
    return (path.parent / os.readlink(path)).resolve()


def _numbers(path: Path) -> list[int]:
    folder = versions_dir(path)
    if not folder.is_dir():
        return []
    return sorted(int(p.name) for p in folder.iterdir() if p.name.isdigit())


def new_version(path: Path) -> Path:
    """Return a fresh, not yet existing version directory for the store at *path*."""
    numbers = _numbers(path)
    folder = versions_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / str((numbers[-1] if numbers else 0) + 1)


def _fsync_tree(folder: Path) -> None:
    for file in folder.iterdir():
        if file.is_file():
            fd = os.open(file, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(path: Path, version: Path) -> None:
    """Make *version* the served store: fsync it, then swap the symlink at *path* atomically."""
    _fsync_tree(version)
    link = path.parent / f".{path.name}.link-{os.getpid()}"
    link.unlink(missing_ok=True)
    os.symlink(os.path.relpath(version, path.parent), link)
    if path.exists() and not path.is_symlink():
        # A store written before versions existed: retire it as version 0.
        path.rename(versions_dir(path) / "0")
    os.replace(link, path)
    _fsync_dir(path.parent)


def cleanup(path: Path, *, grace: float = GRACE_SECONDS) -> list[Path]:
    """Remove half-written versions and superseded ones older than *grace* seconds.

    Call it holding the write lock. A superseded version is kept while it is the newest
    superseded one or was superseded less than *grace* seconds ago, so readers can finish.
    """
    target = current(path)
    numbers = _numbers(path)
    folder = versions_dir(path)
    removed = []
    live = int(target.name) if target is not None and target.parent == folder else None
    if live is not None:
        for stray in folder.iterdir():
            if not stray.name.isdigit():  # a checkpoint cut short ('<n>.tmp')
                shutil.rmtree(stray, ignore_errors=True)
                removed.append(stray)
    for index, number in enumerate(numbers):
        version = folder / str(number)
        if live is None or number == live:
            continue
        if number > live:
            shutil.rmtree(version, ignore_errors=True)  # never published: a killed write
            removed.append(version)
            continue
        successor = folder / str(numbers[index + 1])
        superseded = time.time() - successor.stat().st_mtime
        if numbers[index + 1] != live and superseded > grace:
            shutil.rmtree(version, ignore_errors=True)
            removed.append(version)
    return removed


@contextmanager
def write_lock(path: Path) -> Iterator[None]:
    """Hold the one write lock of the store at *path*, across threads and processes."""
    lock_file = path.parent / f".{path.name}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with _THREAD_LOCK, open(lock_file, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write(path: str | Path, change: Callable[[ox.Store], T]) -> T:
    """Apply *change* to a new version of the store at *path* and publish it; return its result.

    If *change* raises, nothing is published and the copy is removed: the write is absent.
    """
    path = Path(path)
    with write_lock(path):
        cleanup(path)
        source = current(path) or path
        if not source.is_dir():
            raise StoreUnavailable(f"no store at {path}: run 'govrules build' first")
        version = new_version(path)
        reader = ox.Store.read_only(str(source))
        reader.backup(str(version))
        del reader
        try:
            store = ox.Store(str(version))
            result = change(store)
            store.flush()
            del store
        except BaseException:
            shutil.rmtree(version, ignore_errors=True)
            raise
        publish(path, version)
        cleanup(path)
    return result


class FollowingStore(Store):
    """A read-only store that follows the symlink at *path* to the newest version."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._target: str | None = None
        self._inner: OxigraphStore | None = None
        self.refresh()

    def refresh(self) -> OxigraphStore:
        """Reopen the store if the served version changed; return the open one."""
        try:
            target = os.readlink(self.path)
        except OSError:
            target = ""  # a plain directory (an old build) or nothing
        if self._inner is None or target != self._target:
            self._inner = OxigraphStore(self.path, read_only=True)
            self._target = target
        return self._inner

    def version(self) -> str:
        """Return the version directory served now (``plain`` for a store without versions).

        A plain directory changes only by becoming a version (every write goes through
        :func:`write`), so it is a version of its own.
        """
        try:
            return os.readlink(self.path)
        except OSError:
            return "plain"

    @property
    def native(self) -> ox.Store:
        """Return the pyoxigraph store of the current version."""
        return self.refresh()._store

    def query(
        self, query: str, *, dataset: Dataset | None = None, bindings: dict | None = None
    ) -> QueryResult:
        return self.refresh().query(query, dataset=dataset, bindings=bindings)

    def load(self, data: bytes, *, format: str, to_graph: str | None) -> None:
        def add(store: ox.Store) -> None:
            OxigraphStore.wrap(store).load(data, format=format, to_graph=to_graph)

        write(self.path, add)

    def dump(self, *, format: str = "nquads") -> bytes:
        return self.refresh().dump(format=format)

    def graphs(self) -> list[str]:
        return self.refresh().graphs()

    def count(self, graph: str | None = None) -> int:
        return self.refresh().count(graph)

    def close(self) -> None:
        self._inner, self._target = None, None


def tidy(path: str | Path) -> list[Path]:
    """Remove leftovers of killed writes at startup, unless a write is running right now."""
    path = Path(path)
    lock_file = path.parent / f".{path.name}.lock"
    if not path.parent.is_dir():
        return []
    with open(lock_file, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return []  # a writer holds the lock; it cleans up after itself
        try:
            return cleanup(path)
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
