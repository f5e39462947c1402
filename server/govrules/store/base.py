"""The store interface: what every backend offers, and the result of a query."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rdflib.term import Identifier

SOLUTION_FORMATS = ("json", "xml", "csv", "tsv")
GRAPH_FORMATS = ("turtle", "ntriples", "jsonld", "rdfxml", "trig", "nquads")
DATASET_FORMATS = ("nquads", "trig")


class QueryResult(ABC):
    """The answer to a query: solutions, a boolean or triples, serialisable by each backend."""

    kind: str  # "solutions", "boolean" or "graph"

    @abstractmethod
    def serialize(self, format: str) -> bytes:
        """Return the result in *format* (a key of SOLUTION_FORMATS or GRAPH_FORMATS)."""

    @property
    @abstractmethod
    def variables(self) -> list[str]:
        """Return the projected variable names (solutions only)."""

    @abstractmethod
    def rows(self) -> list[dict[str, Identifier]]:
        """Return the solutions as dicts of rdflib terms (small results: tests, CLI)."""

    @abstractmethod
    def boolean(self) -> bool:
        """Return the answer of an ASK query."""

    @abstractmethod
    def triples(self) -> list[tuple[Identifier, Identifier, Identifier]]:
        """Return the triples of a CONSTRUCT or DESCRIBE query as rdflib terms."""


@dataclass(frozen=True)
class Dataset:
    """The dataset a query runs over: ``None`` means the union of all graphs."""

    default_graphs: Sequence[str] | None = None
    named_graphs: Sequence[str] | None = None


class Store(ABC):
    """A quad store: query, update, load, dump, graphs."""

    # A local store answers without the network, so its queries may run where there is none;
    # a remote one is reached over the network by design (the guard still refuses SERVICE).
    local = True

    @abstractmethod
    def query(
        self,
        query: str,
        *,
        dataset: Dataset | None = None,
        bindings: dict[str, Identifier] | None = None,
    ) -> QueryResult:
        """Run a SPARQL query; the default graph is the union of all graphs unless *dataset* says.

        *bindings* give variables their values: through the engine, or as a VALUES block
        opening the WHERE clause (terms in N-Triples syntax, never pasted as text).

        :raises govrules.errors.QuerySyntaxError: if the query does not parse.
        """

    @abstractmethod
    def load(self, data: bytes, *, format: str, to_graph: str | None) -> None:
        """Add *data* (in *format*) to the named graph *to_graph*, atomically.

        With *to_graph* None, *data* is a dataset format and its quads keep their graphs.
        """

    @abstractmethod
    def dump(self, *, format: str = "nquads") -> bytes:
        """Return every quad of the store in a dataset format."""

    @abstractmethod
    def graphs(self) -> list[str]:
        """Return the IRIs of the named graphs, sorted."""

    @abstractmethod
    def count(self, graph: str | None = None) -> int:
        """Return the number of quads, in one graph or in all."""

    def sizes(self) -> dict[str, int]:
        """Return the number of triples of each named graph, counted by the engine."""
        rows = self.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        ).rows()
        return {str(r["g"]): int(r["n"]) for r in sorted(rows, key=lambda r: str(r["g"]))}

    def version(self) -> str | None:
        """Return a name of the content served now, which changes with every write.

        None means the backend cannot tell (answers computed on it are never reused).
        """
        return None

    def load_graphs(self, graphs: Iterable[tuple[str, bytes]], *, format: str = "ntriples") -> None:
        """Load several named graphs given as (graph IRI, serialised triples)."""
        for name, data in graphs:
            self.load(data, format=format, to_graph=name)

    def close(self) -> None:  # noqa: B027 - optional for backends that hold nothing
        """Release what the backend holds."""
