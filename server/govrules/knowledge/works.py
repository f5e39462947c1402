"""The plain works of a corpus, built apart: parsed, drafted and closed in worker processes.

A plain work has no curated norms: nothing in it goes through the OWL reasoner, and what it
adds to the graph depends only on its own texts, the ontology and the closed curated part
(:class:`govrules.knowledge.inference.DataRules`). So each one is built on its own, in a
pool of processes forked after the curated part is ready, and comes back as N-Quads with
what the citation check needs; the parent never holds it as rdflib graphs. The outputs come
back in catalog order, so the build's bytes do not depend on the number of processes.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from govrules import namespaces as ns
from govrules.knowledge.catalog import Entry
from govrules.knowledge.checks import citations, provisions
from govrules.knowledge.inference import DataRules
from govrules.knowledge.quads import graph_quads

#: Below this many works per process, a pool costs more than it saves.
MIN_WORKS_PER_JOB = 4


@dataclass
class WorkOutput:
    """One plain work, built: its graphs' N-Quads, its derived triples, what it cites."""

    id: str
    quads: dict[str, bytes]
    inferred: bytes
    provisions: set[str]
    cited: dict[str, set[str]]
    line: str


def build_work(entry: Entry, *, root: Path, data_dir: Path, rules: DataRules) -> WorkOutput:
    """Parse, draft and close one plain work.

    :raises govrules.errors.BuildError: if a source does not parse or the texts disagree.
    """
    from govrules.knowledge.build import gather_entry

    lines: list[str] = []
    graphs = gather_entry(entry, root, data_dir, lines.append)
    derived = Graph()
    for triple in rules.apply(list(graphs.values())):
        derived.add(triple)
    rules_graph = graphs[ns.graph_iri("rules", entry.id)]
    return WorkOutput(
        id=entry.id,
        quads={name: graph_quads(name, g) for name, g in graphs.items()},
        inferred=graph_quads(ns.graph_iri("inferred"), derived),
        provisions={str(p) for p in provisions(rules_graph)},
        cited={name: {str(c) for c in citations(g)} for name, g in graphs.items()},
        line=lines[-1],
    )


_WORKER: dict = {}  # the pool's shared arguments, set before the fork


def _build(entry: Entry) -> WorkOutput:
    return build_work(entry, **_WORKER)


def jobs_for(works: int, jobs: int | None = None) -> int:
    """Return how many processes to build *works* plain works with (1: in this process)."""
    if not jobs:
        affinity = getattr(os, "sched_getaffinity", None)  # the cores this process may use
        jobs = len(affinity(0)) if affinity else os.cpu_count() or 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(jobs, works // MIN_WORKS_PER_JOB))


def build_works(
    entries: list[Entry], *, root: Path, data_dir: Path, rules: DataRules, jobs: int
) -> Iterator[WorkOutput]:
    """Yield every plain work built, in the order of *entries*, with *jobs* processes."""
    if jobs <= 1:
        for entry in entries:
            yield build_work(entry, root=root, data_dir=data_dir, rules=rules)
        return
    _WORKER.update(root=root, data_dir=data_dir, rules=rules)
    try:
        # Forked, the workers share the prepared rules and the parsed ontology unpickled.
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            yield from pool.imap(_build, entries, chunksize=2)
    finally:
        _WORKER.clear()
