"""Stores: one small interface, several backends."""

from __future__ import annotations

from govrules.errors import BadRequest, StoreUnavailable
from govrules.store.base import Dataset, QueryResult, Store


def open_store(
    location: str, *, backend: str = "oxigraph", read_only: bool = True, settings=None
) -> Store:
    """Open the store at *location* ('memory' for an empty in-memory store).

    :raises govrules.errors.BadRequest: for an unknown backend.
    """
    if backend == "oxigraph" and not location.startswith(("http://", "https://")):
        from govrules.store.oxigraph import OxigraphStore

        if location != "memory" and read_only:
            from govrules.store.versions import FollowingStore

            return FollowingStore(location)  # follows the copy-on-write versions
        return OxigraphStore(None if location == "memory" else location, read_only=read_only)
    if backend == "rdflib":
        from pathlib import Path

        from govrules.store.memory import RdflibStore

        store = RdflibStore()
        if location != "memory":
            # The reference backend serves the build's dump beside the Oxigraph store.
            dump = Path(location).parent / "dumps" / "govrules.nq"
            if not dump.is_file():
                raise StoreUnavailable(f"no dump at {dump}: run 'govrules build' first")
            store.load(dump.read_bytes(), format="nquads", to_graph=None)
        return store
    if backend == "remote" or location.startswith(("http://", "https://")):
        from govrules.config import load_config
        from govrules.store.remote import RemoteStore

        return RemoteStore.from_settings((settings or load_config()) | {"store": location})
    raise BadRequest(f"unknown store backend {backend!r}: use 'oxigraph', 'rdflib' or 'remote'")


__all__ = ["Dataset", "QueryResult", "Store", "open_store"]
