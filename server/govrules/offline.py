"""Run code where the network cannot be reached: the second line behind the query guard.

On Linux a thread (or a process) can leave the host's network for a new, empty network
namespace with ``unshare(CLONE_NEWNET)``: its loopback is down and it has no other
interface, so any connection it opens fails at once, whatever the engine was talked into
fetching. Namespaces belong to a thread, so the threads here are isolated while the serving
threads keep their sockets. Where the call is not permitted (no privilege, not Linux), the
isolation is logged as unavailable and the guard alone stands.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")
CLONE_NEWNET = 0x40000000
_state = threading.local()
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()
_warned = False


def isolate() -> bool:
    """Move the calling thread into a new, empty network namespace; return whether it did."""
    global _warned
    if getattr(_state, "isolated", False):
        return True
    ok, reason = False, "not Linux"
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        ok = libc.unshare(CLONE_NEWNET) == 0
        reason = os.strerror(ctypes.get_errno())
    _state.isolated = ok
    if not ok and not _warned:
        _warned = True
        log.warning("network isolation unavailable (%s): relying on the query guard alone", reason)
    return ok


def isolated() -> bool:
    """Return whether the calling thread runs without network."""
    return bool(getattr(_state, "isolated", False))


def run(function: Callable[..., T], *args, network: bool = False) -> T:
    """Call *function* in a thread without network (or here, with *network* allowed)."""
    if network or isolated():
        return function(*args)
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(
                max_workers=4, initializer=isolate, thread_name_prefix="govrules-offline"
            )
    return _pool.submit(function, *args).result()


def _forget_pool() -> None:
    global _pool
    _pool = None  # threads do not survive fork: a child makes its own pool


os.register_at_fork(after_in_child=_forget_pool)
