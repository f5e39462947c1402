"""Writes: SPARQL Update and the Graph Store protocol over a store, with scopes and guards.

Each write runs through a *writer*: on an on-disk Oxigraph store, a new copy-on-write version
(:mod:`govrules.store.versions`), so it is whole or absent; on a remote store, the endpoint's
own transaction. A ``write`` caller may change graphs under ``…/graph/exports/`` only: the
change is applied to the copy and checked there, so a refused update never shows.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from govrules import namespaces as ns
from govrules import offline
from govrules.errors import (
    BadRequest,
    Conflict,
    Forbidden,
    GovrulesError,
    NotFound,
    QuerySyntaxError,
)
from govrules.query.guard import LOOPBACK, Limits, check_query
from govrules.store.oxigraph import RDF_FORMATS, parse_error, syntax_message
from govrules.writes import updates
from govrules.writes.tokens import Caller

T = TypeVar("T")
DEFAULT = None  # the default graph, as a graph argument
_NETWORK_ERRORS = re.compile(r"unreachable|lookup address|connect|network", re.I)


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_NOT_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]|%(?![0-9A-Fa-f]{2})')


def check_graph_iri(iri: str) -> str:
    """Return *iri* if it is an absolute IRI (RFC 3987) a graph can be named by.

    :raises BadRequest: naming what is wrong and where.

    >>> check_graph_iri("urn:x:a b")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    govrules.errors.BadRequest: not an IRI: 'urn:x:a b' has a space at position 7 ...
    """
    if not _SCHEME.match(iri):
        raise BadRequest(f"not an absolute IRI: {iri!r} has no scheme (such as https:)")
    bad = _NOT_IRI.search(iri)
    if bad:
        char = bad.group(0)
        name = {" ": "a space", "%": "a '%' not followed by two hex digits"}.get(
            char, f"the character U+{ord(char):04X} ({char!r})"
        )
        raise BadRequest(
            f"not an IRI: {iri!r} has {name} at position {bad.start()} (RFC 3987); "
            "percent-encode it"
        )
    return iri


def exports_prefix(base: str) -> str:
    """Return the prefix of the graphs a ``write`` token may change."""
    return ns.graph_iri("exports", "", base=base)


def check_scope(caller: Caller, graph: str | None, *, base: str) -> None:
    """Refuse a ``write`` caller a graph outside the exports.

    :raises Forbidden: for a graph the caller's scope does not cover.
    """
    if caller.scope == "admin":
        return
    if graph is None or not graph.startswith(exports_prefix(base)):
        raise Forbidden(
            f"the token {caller.name!r} (scope write) may change graphs under "
            f"{exports_prefix(base)} only; this needs an admin token"
        )


def check_update(text: str, *, allowed_hosts: tuple[str, ...] = (), max_depth: int = 200) -> None:
    """Refuse an update that would fetch from outside: LOAD or SERVICE to a host not allowed.

    :raises Forbidden: for LOAD or SERVICE to anything but an allowed http(s) host.
    :raises QuerySyntaxError: for text that is no SPARQL.
    """
    hosts = tuple(h for h in allowed_hosts if h not in LOOPBACK)
    limits = Limits(max_depth, 10**9, allowed_service_hosts=hosts, allowed_load_hosts=hosts)
    check_query(text, limits, what="update")


def update_error(message: str) -> GovrulesError:
    """Return the 4xx of an update the engine could not apply (SPARQL 1.1 Update, 3.1-3.2).

    >>> update_error("The graph <urn:x> does not exist").status
    404
    """
    if "does not exist" in message:
        return NotFound(f"{message}: use SILENT to ignore a missing graph")
    if "already exists" in message:
        return Conflict(f"{message}: use SILENT to ignore an existing graph")
    return BadRequest(f"the update could not be applied: {message}")


def _graph(name: str | None):
    return ox.DefaultGraph() if name is None else ox.NamedNode(name)


def protected_digest(store: ox.Store, prefix: str) -> tuple[int, int]:
    """Return a count and an order-free hash of every quad outside graphs under *prefix*."""
    count = total = 0
    graphs = [ox.DefaultGraph()] + [
        g for g in store.named_graphs() if not g.value.startswith(prefix)
    ]
    for graph in graphs:
        for quad in store.quads_for_pattern(None, None, None, graph):
            count += 1
            total = (total + hash(str(quad))) & 0xFFFFFFFFFFFFFFFF
    return count, total


class EmbeddedWriter:
    """Writes to an Oxigraph store: a new version on disk, or the one in-memory store."""

    def __init__(self, path: str | Path | None, *, memory: ox.Store | None = None):
        self.path, self.memory = (Path(path) if path else None), memory
        self._lock = threading.Lock()
        self.generation = 0  # writes applied through this writer (ETags of a memory store)

    def apply(self, change: Callable[[ox.Store], T]) -> T:
        """Run *change* on a writable store and publish it whole."""
        if self.memory is not None:
            with self._lock:
                result = change(self.memory)
                self.generation += 1
                return result
        from govrules.store import versions

        result = versions.write(self.path, change)
        self.generation += 1
        return result

    def read(self) -> ox.Store:
        """Return a readable store holding the latest published version."""
        if self.memory is not None:
            return self.memory
        from govrules.store.versions import FollowingStore

        return FollowingStore(self.path).native

    def update(
        self, text: str, *, protect: str | None = None, base: str | None = None, network=False
    ) -> None:
        """Apply an update; on disk with *protect*, refuse it if it changed a graph outside.

        Relative IRIs resolve against *base*. The engine runs in a thread without network
        unless *network* (LOAD hosts allowed).
        """

        def change(store: ox.Store) -> None:
            # In memory a change cannot be taken back: the scope was checked before (updates.py).
            check = protect is not None and self.memory is None
            before = protected_digest(store, protect) if check else None
            try:
                offline.run(lambda: store.update(text, base_iri=base), network=network)
            except SyntaxError as exc:
                message = syntax_message(str(exc)).replace("SPARQL", "SPARQL Update", 1)
                raise QuerySyntaxError(message) from None
            except RuntimeError as exc:
                raise update_error(str(exc)) from None
            except OSError as exc:
                if network or not _NETWORK_ERRORS.search(str(exc)):
                    raise
                raise Forbidden(
                    "the update tried to reach the network; this server does not"
                ) from None
            if before is not None and protected_digest(store, protect) != before:
                raise Forbidden(
                    f"the update changes graphs outside {protect}; this needs an admin token"
                )

        self.apply(change)

    def load_graph(self, graph, data: bytes, fmt: str, *, replace: bool, extra=b"") -> bool:
        """Replace or add to *graph*; add the N-Quads *extra* in the same write."""

        def change(store: ox.Store) -> bool:
            target = _graph(graph)
            existed = graph is None or store.contains_named_graph(target)
            if replace and existed:
                store.clear_graph(target) if graph is None else store.remove_graph(target)
            # On disk a failed load is thrown away with its version; in memory, parse first.
            load = store.bulk_load if self.memory is None else store.load
            try:
                if self.memory is not None:
                    ox.Dataset(ox.parse(data, format=RDF_FORMATS[fmt]))
                load(data, format=RDF_FORMATS[fmt], to_graph=target)
            except SyntaxError as exc:
                raise parse_error(exc, fmt) from None
            if graph is not None and not store.contains_named_graph(target):
                store.add_graph(target)  # an empty body still makes the graph exist
            if extra:
                store.bulk_load(extra, format=ox.RdfFormat.N_QUADS)
            return not existed

        return self.apply(change)

    def drop_graph(self, graph) -> None:
        """Remove *graph* (None: empty the default graph).

        :raises NotFound: if the named graph does not exist.
        """

        def change(store: ox.Store) -> None:
            if graph is None:
                store.clear_graph(ox.DefaultGraph())
            elif not store.contains_named_graph(ox.NamedNode(graph)):
                raise NotFound(f"no graph {graph} in the store")
            else:
                store.remove_graph(ox.NamedNode(graph))

        self.apply(change)

    def get_graph(self, graph, fmt: str) -> bytes:
        """Return the triples of *graph* (None: the default graph) in *fmt*.

        :raises NotFound: if the named graph does not exist.
        """
        store = self.read()
        if graph is not None and not store.contains_named_graph(ox.NamedNode(graph)):
            raise NotFound(f"no graph {graph} in the store")
        triples = [
            ox.Triple(q.subject, q.predicate, q.object)
            for q in store.quads_for_pattern(None, None, None, _graph(graph))
        ]
        return ox.serialize(triples, format=RDF_FORMATS[fmt])


def run_update(
    writer,
    text: str,
    caller: Caller,
    *,
    base: str,
    allowed_hosts=(),
    request_iri: str | None = None,
    using: list[str] | tuple = (),
    using_named: list[str] | tuple = (),
) -> None:
    """Apply a SPARQL Update as one transaction; nothing is done before every check passed.

    :param request_iri: the IRI relative IRIs resolve against when the update has no BASE.
    :param using: graphs of ``using-graph-uri`` (and *using_named*: ``using-named-graph-uri``).
    :raises QuerySyntaxError: for an update that does not parse (with line and column).
    :raises Forbidden: for LOAD/SERVICE, or a change outside the caller's graphs.
    :raises NotFound: for DROP/CLEAR of a missing graph (409 for CREATE of an existing one).
    """
    check_update(text, allowed_hosts=allowed_hosts)
    text = updates.with_dataset(text, list(using), list(using_named))
    protect = None if caller.scope == "admin" else exports_prefix(base)
    if protect is not None:
        updates.check_scope(text, protect, base=request_iri)
    writer.update(text, protect=protect, base=request_iri, network=bool(allowed_hosts))


def put_graph(writer, graph, data: bytes, fmt: str, caller: Caller, *, base: str, replace=True):
    """Replace (PUT) or add to (POST) *graph* with the RDF in *data*; return True if created.

    :raises LoadError: if *data* does not parse (nothing is changed).
    """
    check_scope(caller, graph, base=base)
    if fmt not in RDF_FORMATS or fmt in ("trig", "nquads"):
        raise BadRequest(f"a graph body must be triples, not {fmt}")
    return writer.load_graph(graph, data, fmt, replace=replace)


def delete_graph(writer, graph, caller: Caller, *, base: str) -> None:
    """Remove *graph* (or empty the default graph).

    :raises NotFound: if the named graph does not exist.
    """
    check_scope(caller, graph, base=base)
    writer.drop_graph(graph)
