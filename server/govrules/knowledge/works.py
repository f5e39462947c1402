"""The plain works of a corpus, built apart: parsed, drafted and closed in worker processes.

A plain work has no curated norms: nothing in it goes through the OWL reasoner, and what it
adds to the graph depends only on its own texts, the ontology and the closed curated part
(:class:`govrules.knowledge.inference.DataRules`). So each one is built on its own, in a
pool of processes started once the curated part is ready, checked against the ontology
shapes there (:func:`govrules.knowledge.checks.check_part`), and comes back as N-Quads with
what the citation check needs; the parent never holds it as rdflib graphs. The outputs come
back in catalog order, so the build's bytes do not depend on the number of processes.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from govrules import namespaces as ns
from govrules.knowledge.catalog import Entry
from govrules.knowledge.checks import (
    PartReport,
    ShapeCheck,
    check_part,
    citations,
    provisions,
    type_lines,
)
from govrules.knowledge.inference import DataRules
from govrules.knowledge.quads import graph_quads, strip_graphs
from govrules.knowledge.shortcuts import derive

#: Below this many works per process, a pool costs more than it saves.
MIN_WORKS_PER_JOB = 4


@dataclass
class WorkOutput:
    """One plain work, built: its graphs' N-Quads, its derived triples and shortcuts, what it cites.

    With a shape check: what is wrong with its nodes, and its triples about other nodes.
    """

    id: str
    quads: dict[str, bytes]
    inferred: bytes
    provisions: set[str]
    cited: dict[str, set[str]]
    line: str
    check: PartReport | None = None
    check_seconds: float = 0.0


@dataclass
class WorkCheck:
    """The shape check of plain works: the shapes, and the types of the curated part's nodes."""

    shapes: ShapeCheck
    types: dict[bytes, list[bytes]]

    @classmethod
    def of(cls, shapes_dir: Path, curated: Iterable[bytes]) -> WorkCheck:
        """Return the check of the plain works, from the curated part's N-Quads."""
        lines = strip_graphs(curated).splitlines(keepends=True)
        return cls(ShapeCheck(shapes_dir), type_lines(lines))


def owner(entry: Entry):
    """Return whether a node (as written in N-Triples) is the work's: under its IRI, or blank."""
    work = ns.work_iri(entry.jurisdiction, entry.type, entry.year).encode()
    exact, below = b"<" + work + b">", b"<" + work + b"/"

    def owns(node: bytes) -> bool:
        return node.startswith(b"_:") or node == exact or node.startswith(below)

    return owns


def build_work(
    entry: Entry, *, root: Path, data_dir: Path, rules: DataRules, check: WorkCheck | None = None
) -> WorkOutput:
    """Parse, draft and close one plain work, and check its nodes if *check* is given.

    :raises govrules.errors.BuildError: if a source does not parse or the texts disagree.
    """
    from govrules.knowledge.build import gather_entry

    lines: list[str] = []
    graphs = gather_entry(entry, root, data_dir, lines.append)
    derived = Graph()
    for triple in rules.apply(list(graphs.values())):
        derived.add(triple)
    rules_graph = graphs[ns.graph_iri("rules", entry.id)]
    quads = {name: graph_quads(name, g) for name, g in graphs.items()}
    inferred = graph_quads(ns.graph_iri("inferred"), derived)
    # A shortcut follows from one norm node's triples, all of them the work's own.
    inferred += graph_quads(ns.graph_iri("inferred"), derive(b"".join([*quads.values(), inferred])))
    out = WorkOutput(
        id=entry.id,
        quads=quads,
        inferred=inferred,
        provisions={str(p) for p in provisions(rules_graph)},
        cited={name: {str(c) for c in citations(g)} for name, g in graphs.items()},
        line=lines[-1],
    )
    if check is not None:
        start = time.perf_counter()
        triples = strip_graphs([*out.quads.values(), out.inferred]).splitlines(keepends=True)
        out.check = check_part(triples, owner(entry), check.types, check.shapes)
        out.check_seconds = time.perf_counter() - start
    return out


_WORKER: dict = {}  # a worker's arguments, set once when it starts

#: Workers start from a fresh interpreter (a fork server's, or spawned), never forked from the
#: build's process: pyrudof's thread pool, once used there, would not exist in a forked child
#: and its first check would wait for ever. As with any such pool, a script that builds with
#: several jobs must guard its top level with ``if __name__ == "__main__":``.
START_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


def _start(arguments: dict) -> None:
    _WORKER.update(arguments)


def _build(entry: Entry) -> WorkOutput:
    return build_work(entry, **_WORKER)


def jobs_for(works: int, jobs: int | None = None) -> int:
    """Return how many processes to build *works* plain works with (1: in this process)."""
    if not jobs:
        affinity = getattr(os, "sched_getaffinity", None)  # the cores this process may use
        jobs = len(affinity(0)) if affinity else os.cpu_count() or 1
    return max(1, min(jobs, works // MIN_WORKS_PER_JOB))


def build_works(
    entries: list[Entry],
    *,
    root: Path,
    data_dir: Path,
    rules: DataRules,
    jobs: int,
    check: WorkCheck | None = None,
) -> Iterator[WorkOutput]:
    """Yield every plain work built (and checked), in the order of *entries*, in *jobs* jobs."""
    if jobs <= 1:
        for entry in entries:
            yield build_work(entry, root=root, data_dir=data_dir, rules=rules, check=check)
        return
    # The prepared rules and the curated part's types go to each worker once, as it starts.
    arguments = {"root": root, "data_dir": data_dir, "rules": rules, "check": check}
    context = multiprocessing.get_context(START_METHOD)
    if START_METHOD == "forkserver":
        context.set_forkserver_preload([__name__])  # imported once, by the fork server
    with context.Pool(jobs, initializer=_start, initargs=(arguments,)) as pool:
        yield from pool.imap(_build, entries, chunksize=2)
