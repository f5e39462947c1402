"""What a build produced: its named graphs, as rdflib graphs or as N-Quads read on first use.

The curated part of the build (ontology, organisation graphs, curated works) is made and
kept as rdflib graphs; the plain works of a corpus come back from the worker processes as
N-Quads only, and become rdflib graphs only if someone asks for one (a test, a tool). The
store and the dumps read the N-Quads either way.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass, field

from rdflib import Graph

from govrules.knowledge.quads import graph_quads, sorted_nquads, strip_graphs


class BuiltGraphs(MutableMapping):
    """Named graphs by IRI: an rdflib graph each, or the N-Quads it is read from when asked."""

    def __init__(self, graphs: dict[str, Graph] | None = None):
        self._graphs: dict[str, Graph] = dict(graphs or {})
        self._quads: dict[str, tuple[int, bytes]] = {}  # name → (size, N-Quads)
        self._order: list[str] = list(self._graphs)

    def __getitem__(self, name: str) -> Graph:
        if name not in self._graphs:
            if name not in self._quads:
                raise KeyError(name)
            graph = Graph()
            graph.parse(data=strip_graphs([self._quads[name][1]]), format="nt")
            self._graphs[name] = graph
        return self._graphs[name]

    def __setitem__(self, name: str, graph: Graph) -> None:
        if name not in self:
            self._order.append(name)
        self._graphs[name] = graph
        self._quads.pop(name, None)

    def __delitem__(self, name: str) -> None:
        self._graphs.pop(name, None)
        self._quads.pop(name, None)
        self._order.remove(name)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._order))

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, name) -> bool:
        return name in self._graphs or name in self._quads

    def set_quads(self, name: str, data: bytes) -> None:
        """Set the graph *name* from its N-Quads (distinct lines, all in that graph)."""
        if name not in self:
            self._order.append(name)
        self._graphs.pop(name, None)
        self._quads[name] = (data.count(b"\n"), data)

    def size(self, name: str) -> int:
        """Return the triples of one graph, without reading its N-Quads into rdflib."""
        if name in self._graphs:
            return len(self._graphs[name])
        return self._quads[name][0]

    def quads_of(self, name: str) -> bytes:
        """Return the N-Quads of one graph, serialized once (again if the graph changed size)."""
        graph = self._graphs.get(name)
        size, data = self._quads.get(name, (-1, b""))
        if graph is not None and size != len(graph):
            data = graph_quads(name, graph)
            self._quads[name] = (len(graph), data)
        return data


@dataclass
class BuildResult:
    """What a build produced: the named graphs, their sizes, and the time of each step."""

    graphs: BuiltGraphs
    timings: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.graphs, BuiltGraphs):
            self.graphs = BuiltGraphs(self.graphs)

    def sizes(self) -> dict[str, int]:
        """Return the number of triples per named graph."""
        return {name: self.graphs.size(name) for name in sorted(self.graphs)}

    def quads_of(self, name: str) -> bytes:
        """Return the N-Quads of one graph."""
        return self.graphs.quads_of(name)

    def nquads(self) -> bytes:
        """Return every graph as sorted canonical N-Quads (:func:`sorted_nquads`)."""
        return sorted_nquads(chunks={name: self.quads_of(name) for name in self.graphs})
