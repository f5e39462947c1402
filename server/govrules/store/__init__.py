"""Stores: one small interface, several backends."""

from __future__ import annotations

from ..errors import BadRequest
from .base import Dataset, QueryResult, Store


def open_store(location: str, *, backend: str = "oxigraph", read_only: bool = True) -> Store:
    """Open the store at *location* ('memory' for an empty in-memory store).

    :raises govrules.errors.BadRequest: for an unknown backend.
    """
    if backend == "oxigraph":
        from .oxigraph import OxigraphStore

        return OxigraphStore(None if location == "memory" else location, read_only=read_only)
    if backend == "rdflib":
        from .memory import RdflibStore

        return RdflibStore()
    raise BadRequest(f"unknown store backend {backend!r}: use 'oxigraph' or 'rdflib'")


__all__ = ["Dataset", "QueryResult", "Store", "open_store"]
