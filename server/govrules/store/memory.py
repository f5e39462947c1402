"""The reference backend: rdflib's in-memory dataset. Slow, but the yardstick for answers."""

from __future__ import annotations

import rdflib.plugins.sparql
from rdflib import Dataset as RdfDataset
from rdflib import Graph, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result

from govrules.errors import QuerySyntaxError
from govrules.store.base import Dataset, QueryResult, Store
from govrules.store.formats import RDFLIB_NAMES

# rdflib would fetch the graphs a query names in FROM from the web: they are the store's own.
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False


class RdflibResult(QueryResult):
    """An rdflib answer."""

    def __init__(self, native: Result):
        self._native = native
        self.kind = {"SELECT": "solutions", "ASK": "boolean"}.get(native.type, "graph")

    def serialize(self, format: str) -> bytes:
        if self.kind == "graph":
            graph = self._native.graph
            if format in ("trig", "nquads"):
                ds = RdfDataset()
                for triple in graph:
                    ds.add(triple)
                return ds.serialize(format=RDFLIB_NAMES[format], encoding="utf-8")
            return graph.serialize(format=RDFLIB_NAMES[format], encoding="utf-8")
        return self._native.serialize(format=format)

    @property
    def variables(self) -> list[str]:
        return [str(v) for v in self._native.vars] if self.kind == "solutions" else []

    def rows(self):
        names = self.variables
        return [{n: row[n] for n in names if row[n] is not None} for row in self._native]

    def boolean(self) -> bool:
        return bool(self._native.askAnswer)

    def triples(self):
        return list(self._native.graph)


class RdflibStore(Store):
    """An rdflib Dataset whose default graph, for queries, is the union of the named graphs."""

    def __init__(self):
        self._ds = RdfDataset(default_union=True)

    def query(
        self, query: str, *, dataset: Dataset | None = None, bindings: dict | None = None
    ) -> QueryResult:
        try:
            prepared = prepareQuery(query)
        except Exception as exc:  # rdflib raises pyparsing's ParseException and others
            raise QuerySyntaxError(f"{type(exc).__name__}: {exc}") from None
        target = self._ds
        if dataset is not None and dataset.default_graphs is not None:
            target = Graph()
            for name in dataset.default_graphs:
                for triple in self._ds.graph(URIRef(name)):
                    target.add(triple)
        return RdflibResult(target.query(prepared, initBindings=bindings or {}))

    def load(self, data: bytes, *, format: str, to_graph: str | None) -> None:
        if to_graph is None:
            staged_ds = RdfDataset()
            staged_ds.parse(data=data, format=RDFLIB_NAMES[format])
            for s, p, o, g in staged_ds.quads():
                self._ds.graph(g).add((s, p, o))
            return
        staged = Graph()
        staged.parse(data=data, format=RDFLIB_NAMES[format])
        graph = self._ds.graph(URIRef(to_graph))
        for triple in staged:
            graph.add(triple)

    def dump(self, *, format: str = "nquads") -> bytes:
        return self._ds.serialize(format=RDFLIB_NAMES[format], encoding="utf-8")

    def graphs(self) -> list[str]:
        return sorted(
            str(g.identifier)
            for g in self._ds.graphs()
            if len(g)
            and isinstance(g.identifier, URIRef)
            and str(g.identifier) != "urn:x-rdflib:default"
        )

    def count(self, graph: str | None = None) -> int:
        if graph:
            return len(self._ds.graph(URIRef(graph)))
        return sum(len(self._ds.graph(URIRef(g))) for g in self.graphs())
