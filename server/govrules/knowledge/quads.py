"""The build's graphs as N-Quads: one chunk per graph, the sorted canonical whole, the dumps.

rdflib turns each graph into N-Triples once (:func:`graph_quads`); everything after that (the
self-check, the shortcuts, the store, the dumps and the build id) reads those bytes, and
pyoxigraph does the parsing, canonical labelling and serializing. Same inputs, same bytes:
the lines are sorted, and blank nodes get canonical labels (RDFC-1.0).
"""

from __future__ import annotations

import gzip
import hashlib
import multiprocessing
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from govrules import namespaces as ns
from govrules.errors import BuildError

DUMP_NAMES = ("govrules.nq", "govrules.trig", "govrules.ttl", "govrules.jsonld")
NEWLINE = b"\n"


def graph_quads(name: str, graph: Graph) -> bytes:
    """Return the triples of *graph* as N-Quads lines in the graph *name* (unsorted)."""
    text = graph.serialize(format="nt", encoding="utf-8")
    suffix = f" <{name}> .\n".encode()
    return b"".join(line[:-2].rstrip() + suffix for line in text.splitlines() if line.strip())


def _has_blank_nodes(line: bytes) -> bool:
    return line.startswith(b"_:") or b" _:" in line


def sorted_nquads(graphs: Mapping[str, Graph] | None = None, *, chunks=None) -> bytes:
    """Return all graphs as N-Quads, so that equal inputs give equal bytes.

    :param graphs: rdflib graphs by name, or
    :param chunks: their N-Quads (:func:`graph_quads`), by name.

    Blank nodes (the OWL lists and class expressions of the ontology, the shapes' lists) get
    canonical labels (RDFC-1.0) and the lines are sorted. Only the quads that hold a blank
    node take part in the labelling; a quad without one cannot change a blank node's hash,
    so the labels are those of the whole dataset.
    """
    if chunks is None:
        chunks = {name: graph_quads(name, g) for name, g in (graphs or {}).items()}
    plain: list[bytes] = []
    blank: list[bytes] = []
    for data in chunks.values():
        for line in data.splitlines(keepends=True):
            (blank if _has_blank_nodes(line) else plain).append(line)
    if blank:
        dataset = ox.Dataset(ox.parse(b"".join(blank), format=ox.RdfFormat.N_QUADS))
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        canonical = ox.serialize(dataset, format=ox.RdfFormat.N_QUADS)
        plain.extend(canonical.splitlines(keepends=True))
    plain.sort()
    return b"".join(plain)


def build_id(nquads: bytes) -> str:
    """Return the id of a build: the SHA-256 of its sorted N-Quads (an ETag for everything served).

    >>> build_id(b"")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(nquads).hexdigest()


def triples_of(nquads: bytes) -> bytes:
    """Return the N-Triples of the union of the graphs of sorted *nquads* (one line a triple).

    Every quad of the build is in a named graph, so a line ends with `` <graph> .``.
    """
    return b"".join(sorted(set(strip_graphs([nquads]).splitlines(keepends=True))))


def _by_graph(nquads: bytes) -> bytes:
    lines = nquads.splitlines(keepends=True)
    lines.sort(key=lambda line: (line[line.rindex(b" <") :], line))
    return b"".join(lines)


def write_dumps(nquads: bytes, dumps: Path) -> None:
    """Write the N-Quads, TriG, Turtle (all graphs merged) and JSON-LD dumps, gzip each.

    Gzip is written with mtime 0, so equal dumps give equal archives, at zlib's default level
    (level 9 took twice as long for archives 5 % smaller); the four run in threads (zlib lets
    go of the GIL while it compresses).
    """
    dumps.mkdir(parents=True, exist_ok=True)
    grouped = _by_graph(nquads)
    outputs = {
        "govrules.nq": nquads,
        "govrules.trig": _serialize(grouped, ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG),
        "govrules.ttl": _serialize(triples_of(nquads), ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE),
        "govrules.jsonld": ox.serialize(
            ox.parse(grouped, format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.JSON_LD
        ),
    }
    for name, data in outputs.items():
        (dumps / name).write_bytes(data)

    def pack(name: str) -> None:
        archive = gzip.compress(outputs[name], compresslevel=6, mtime=0)
        (dumps / (name + ".gz")).write_bytes(archive)

    with ThreadPoolExecutor(max_workers=len(DUMP_NAMES)) as pool:
        list(pool.map(pack, DUMP_NAMES))


def start_dumps(nquads: bytes, dumps: Path, id_file: Path) -> Callable[[], None]:
    """Start writing the dumps and the build id in a forked process, beside the build's work.

    pyoxigraph holds the GIL while it serializes, so threads would take turns; a forked child
    reads the N-Quads where they are, with no copy. Where there is no fork, the dumps are
    written here and now.

    :returns: a function that waits for the dumps and raises :class:`BuildError` if they failed.
    """

    def run() -> None:
        write_dumps(nquads, dumps)
        id_file.write_text(build_id(nquads) + "\n", encoding="ascii")

    if "fork" not in multiprocessing.get_all_start_methods():
        run()
        return lambda: None
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)

    def child() -> None:
        try:
            run()
            writer.send(None)
        except BaseException as exc:  # the parent reports it
            writer.send(f"{type(exc).__name__}: {exc}")

    process = context.Process(target=child, name="govrules-dumps")
    process.start()
    writer.close()

    def wait() -> None:
        try:
            error = reader.recv()
        except EOFError:
            error = "the process writing them ended without a word"
        process.join()
        if error is None and process.exitcode:
            error = f"the process writing them exited with status {process.exitcode}"
        if error is not None:
            raise BuildError(f"writing the dumps in {dumps} failed: {error}")

    return wait


def _serialize(data: bytes, source: ox.RdfFormat, target: ox.RdfFormat) -> bytes:
    return ox.serialize(ox.parse(data, format=source), format=target, prefixes=ns.PREFIXES)


def strip_graphs(chunks: Iterable[bytes]) -> bytes:
    """Return the N-Triples of N-Quads *chunks* (graph names dropped, duplicates kept)."""
    out = []
    for data in chunks:
        out.extend(line[: line.rindex(b" <")] + b" .\n" for line in data.splitlines() if line)
    return b"".join(out)


def rebase_quads(nquads: bytes, base: str) -> bytes:
    """Return *nquads* with the IRIs under the default base moved under *base*."""
    old = ns.DEFAULT_BASE

    def move(term):
        if isinstance(term, ox.NamedNode) and term.value.startswith(old):
            return ox.NamedNode(base + term.value[len(old) :])
        return term

    quads = [
        ox.Quad(move(q.subject), move(q.predicate), move(q.object), move(q.graph_name))
        for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS)
    ]
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
