"""Writes to a remote store: the same operations as the embedded writer, as SPARQL Update.

A write that fits one request (the usual case: an export up to ``batch`` triples with its
provenance) is one SPARQL Update request, which the remote server applies as one transaction.
Larger ones are loaded into a staging graph in batches and moved into place by one final
request, so readers never see a half-loaded graph.
"""

from __future__ import annotations

import uuid

import pyoxigraph as ox

from govrules.errors import Forbidden, NotFound
from govrules.store.oxigraph import RDF_FORMATS, parse_error
from govrules.store.remote import UPDATE_BATCH, RemoteStore


class RemoteWriter:
    """The writer over a :class:`RemoteStore`."""

    def __init__(self, store: RemoteStore, *, batch: int = 50_000):
        self.store, self.batch = store, batch

    def update(
        self, text: str, *, protect: str | None = None, base: str | None = None, network=False
    ) -> None:
        """Forward an update; a scoped (non-admin) update cannot be checked remotely: refused.

        Relative IRIs resolve against *base*, sent as a BASE ahead of the text.
        """
        if protect:
            raise Forbidden(
                "on a remote store, SPARQL Update needs an admin token; "
                "write tokens use /store or /ingest on graphs under " + protect
            )
        self.store.update(f"BASE <{base}>\n{text}" if base else text)

    def exists(self, graph: str) -> bool:
        """Return whether *graph* has a triple on the remote store."""
        return self.store.query(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").boolean()

    def load_graph(self, graph, data: bytes, fmt: str, *, replace: bool, extra=b"") -> bool:
        """Replace or add to *graph* with *data*; add the N-Quads *extra* in the same request."""
        if graph is None:
            raise Forbidden("the remote store's default graph is not writable through this server")
        try:
            triples = list(ox.parse(data, format=RDF_FORMATS[fmt]))
        except SyntaxError as exc:
            raise parse_error(exc, fmt) from None
        triples = [skolemize(t, self.store.graph_prefix) for t in triples]
        existed = self.exists(graph)
        target = ox.NamedNode(graph)
        quads = [ox.Quad(t.subject, t.predicate, t.object, target) for t in triples]
        tail = list(ox.parse(extra, format=ox.RdfFormat.N_QUADS)) if extra else []
        drop = f"DROP SILENT GRAPH <{graph}> ;\n" if replace else ""
        if len(quads) + len(tail) <= UPDATE_BATCH:
            self.store.update(f"{drop}INSERT DATA {{ {trig_block(quads + tail)} }}")
            return not existed
        # Too large for one request: load a staging graph, then move it in with one request.
        staging = f"{graph}-staging-{uuid.uuid4().hex}"
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        self.store.replace_graph(staging, data, batch=self.batch)
        verb = "MOVE" if replace else "ADD"
        last = f" ;\nINSERT DATA {{ {trig_block(tail)} }}" if tail else ""
        self.store.update(f"{verb} SILENT <{staging}> TO <{graph}>{last}")
        if not replace:
            self.store.update(f"DROP SILENT GRAPH <{staging}>")
        return not existed

    def drop_graph(self, graph) -> None:
        """Remove *graph*.

        :raises NotFound: if the graph has no triple.
        """
        if graph is None:
            raise Forbidden("the remote store's default graph is not writable through this server")
        if not self.exists(graph):
            raise NotFound(f"no graph {graph} in the store")
        self.store.update(f"DROP GRAPH <{graph}>")

    def get_graph(self, graph, fmt: str) -> bytes:
        """Return the triples of *graph* in *fmt*.

        :raises NotFound: if the graph has no triple.
        """
        if graph is None or not self.exists(graph):
            raise NotFound(f"no graph {graph} in the store")
        result = self.store.query(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        )
        return result.serialize(fmt)


def skolemize(triple: ox.Triple, base: str) -> ox.Triple:
    """Replace blank nodes by skolem IRIs (RDF 1.1, 3.5): INSERT DATA on Virtuoso refuses
    blank nodes, and batches sent apart would split one blank node into several."""

    def iri(term):
        if isinstance(term, ox.BlankNode):
            return ox.NamedNode(f"{base}.well-known/genid/{term.value}")
        return term

    return ox.Triple(iri(triple.subject), triple.predicate, iri(triple.object))


def trig_block(quads) -> str:
    """Return quads as ``GRAPH <g> { … }`` blocks for INSERT DATA (default-graph quads bare)."""
    by_graph: dict = {}
    for q in quads:
        by_graph.setdefault(q.graph_name, []).append(f"{q.subject} {q.predicate} {q.object} .")
    parts = []
    for graph, lines in by_graph.items():
        text = "\n".join(lines)
        parts.append(
            text if isinstance(graph, ox.DefaultGraph) else f"GRAPH {graph} {{\n{text}\n}}"
        )
    return "\n".join(parts)
