"""The build's checks of itself, before anything is written.

- :func:`dangling`: every provision a graph cites must be one the build parsed. Norms cite
  their paragraph (``gwr:hasLegalSource``), concepts and organisation graphs the provision
  that mentions them (``gwr:mentionedIn``). A citation of a provision whose document is not
  in the catalog (an organisation graph kept after its document was removed) would otherwise
  surface much later, as a self-check failure about labels.
- :func:`check_coverage`: the norms of a curated document cover every marked sentence.
- :func:`self_check`: the whole graph conforms to the ontology shapes (pyrudof, or pySHACL).

A corpus is checked in parts (:class:`ShapeCheck`, :func:`check_part`): each plain work in
the process that built it, then the curated part with whatever the works said of nodes
outside their own (:func:`check_rest`). The results are those of one check of the whole:
the ontology shapes follow paths of one step (a property, its inverse, alternatives) and
look at a value's types and literal form only, so a node is judged right wherever all the
triples about it are, with the types of the nodes they point to.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, URIRef

from govrules import namespaces as ns
from govrules.errors import BuildError
from govrules.namespaces import SH

#: The properties whose object is a provision of a parsed text.
CITING = (ns.GWR.hasLegalSource, ns.GWR.mentionedIn)


def provisions(rules: Graph) -> set[URIRef]:
    """Return the IRIs a rules graph describes (its provisions and versions), citable."""
    return {s for s in rules.subjects(unique=True) if isinstance(s, URIRef)}


def citations(graph: Graph) -> set[URIRef]:
    """Return the provisions of parsed texts that *graph* cites."""
    eli = ns.DEFAULT_BASE + "eli/"
    return {
        o
        for p in CITING
        for o in graph.objects(None, p)
        if isinstance(o, URIRef) and str(o).startswith(eli)
    }


def dangling(graphs: dict[str, Graph], *, limit: int = 5) -> list[str]:
    """Return one line per graph that cites provisions no rules graph holds.

    Each line names the graph, how many provisions it cites that are missing and the first
    *limit* of them.
    """
    rules = ns.graph_iri("rules") + "/"
    known: set[URIRef] = set()
    for name, graph in graphs.items():
        if name.startswith(rules):
            known |= provisions(graph)
    return dangling_lines(known, {name: citations(g) for name, g in graphs.items()}, limit)


def dangling_lines(known: set, cited: dict[str, set], limit: int = 5) -> list[str]:
    """Return the lines of :func:`dangling` from the *known* provisions and what each cites."""
    lines = []
    for name, found in sorted(cited.items()):
        missing = sorted(str(o) for o in found if o not in known)
        if missing:
            shown = ", ".join(f"<{o}>" for o in missing[:limit])
            more = f" and {len(missing) - limit} more" if len(missing) > limit else ""
            count = f"{len(missing)} provision(s)"
            lines.append(f"{name} cites {count} not in the build: {shown}{more}")
    return lines


#: The self-check's engines: rudof (Rust, the default) and pySHACL (the reference).
ENGINES = ("rudof", "pyshacl")
#: At most this many results are listed in the self-check's error.
REPORTED = 40


def self_check(data: Graph | bytes, shapes_dir: Path, *, engine: str = "rudof") -> None:
    """Validate the knowledge graph against the ontology shapes.

    :param data: the graph, or its N-Triples.
    :param engine: ``rudof`` (pyrudof's native SHACL engine, five times faster than pySHACL
        on a corpus of a hundred texts) or ``pyshacl``; the tests check that both find the same.
    :raises govrules.errors.BuildError: listing what does not conform.
    """
    raise_findings(findings(data, shapes_dir, engine=engine))


def findings(data: Graph | bytes, shapes_dir: Path, *, engine: str = "rudof") -> list[tuple]:
    """Return the sorted results of validating *data*: (focus, path, component, shape, message).

    The component is its local name (``MinCountConstraintComponent``); the path is empty for a
    node shape; the message joins the shape's messages (zh and en).
    """
    return ShapeCheck(shapes_dir, engine=engine).findings(data)


def _pyshacl(data: Graph | bytes, shapes: Graph) -> list[tuple]:
    from pyshacl import validate

    if isinstance(data, bytes):
        data = _keeping_labels(data)
    conforms, report, _ = validate(data, shacl_graph=shapes, inference="none", advanced=True)
    if conforms:
        return []
    results = set()
    for result in report.subjects(SH.focusNode, None):
        path = report.value(result, SH.resultPath)
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        component = str(report.value(result, SH.sourceConstraintComponent))
        focus = report.value(result, SH.focusNode)
        results.add(
            (
                f"_:{focus}" if isinstance(focus, BNode) else str(focus),
                str(path) if isinstance(path, URIRef) else "",
                component.rsplit("#", 1)[-1],
                str(report.value(result, SH.sourceShape)),
                " / ".join(messages),
            )
        )
    return sorted(results)


def _keeping_labels(data: bytes) -> Graph:
    """Read N-Triples into rdflib keeping the blank nodes' labels (rdflib's reader renames them)."""
    import pyoxigraph as ox

    from govrules.store.oxigraph import to_rdflib

    graph = Graph()
    for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
        graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return graph


class _Rudof:
    """A pyrudof validator with the shapes read once, for one dataset after another."""

    def __init__(self, shapes: bytes):
        import pyrudof

        self.tmp = tempfile.TemporaryDirectory(prefix="govrules-check-")
        folder = Path(self.tmp.name)
        self.data_file, shapes_file = folder / "data.nt", folder / "shapes.nt"
        shapes_file.write_bytes(shapes)
        self.rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        self.strict = pyrudof.ReaderMode.Strict
        self.rudof.read_shacl(
            shapes_file, format=pyrudof.ShaclFormat.NTriples, reader_mode=self.strict
        )

    def findings(self, data: bytes) -> list[tuple]:
        import pyrudof

        self.data_file.write_bytes(data)
        self.rudof.reset_data()
        self.rudof.read_data(
            self.data_file, format=pyrudof.RDFFormat.NTriples, reader_mode=self.strict
        )
        report = self.rudof.validate_shacl()
        if report.conforms:
            return []
        return sorted(
            {
                (
                    str(e.focus_node),
                    str(e.path) if e.path and str(e.path).startswith("http") else "",
                    str(e.constraint_component).rsplit("#", 1)[-1],
                    str(e.source_shape),
                    str(e.message),
                )
                for e in report
            }
        )


class ShapeCheck:
    """The ontology shapes, read once in each process, checking one part after another.

    It pickles as its shapes' N-Triples (a build's worker processes get one each).
    """

    def __init__(self, shapes_dir: Path | None, *, engine: str = "rudof", shapes: bytes = b""):
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}: one of {', '.join(ENGINES)}")
        if shapes_dir is not None:
            files = sorted(shapes_dir.glob("*.ttl"))
            if not files:
                raise BuildError(f"no shapes under {shapes_dir}: the build cannot check itself")
            from govrules.knowledge.build import read_turtle, union  # build imports this module

            shapes = union(read_turtle(p) for p in files).serialize(format="nt", encoding="utf-8")
        self.shapes, self.engine = shapes, engine
        self._rudof: tuple[int, _Rudof] | None = None  # made in the process that uses it
        self._graph: Graph | None = None  # the shapes for pySHACL, read on first use

    def __reduce__(self):
        return (ShapeCheck, (None,), {"shapes": self.shapes, "engine": self.engine})

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, _rudof=None, _graph=None)

    def findings(self, data: Graph | bytes) -> list[tuple]:
        """Return the results of validating *data*, a graph or N-Triples (as :func:`findings`)."""
        if self.engine == "pyshacl":
            if self._graph is None:
                self._graph = _keeping_labels(self.shapes)
            return _pyshacl(data, self._graph)
        if isinstance(data, Graph):
            data = data.serialize(format="nt", encoding="utf-8")
        if self._rudof is None or self._rudof[0] != os.getpid():
            self._rudof = (os.getpid(), _Rudof(self.shapes))
        return self._rudof[1].findings(data)


RDF_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def subject_of(line: bytes) -> bytes:
    """Return the subject of an N-Triples line, as written (``<iri>`` or ``_:label``)."""
    return line[: line.index(b" ")]


def object_node(line: bytes) -> bytes | None:
    """Return the object of an N-Triples line if it is a node (not a literal)."""
    rest = line.split(b" ", 2)[2]
    if rest.startswith(b"<"):
        return rest[: rest.index(b">") + 1]
    if rest.startswith(b"_:"):
        return rest[: rest.index(b" ")]
    return None


def _is_type(line: bytes) -> bool:
    return line.split(b" ", 2)[1] == RDF_TYPE


def _term(focus: str) -> bytes:
    return (focus if focus.startswith("_:") else f"<{focus}>").encode()


def type_lines(lines: Iterable[bytes]) -> dict[bytes, list[bytes]]:
    """Return the ``rdf:type`` lines of N-Triples *lines*, by subject."""
    types: dict[bytes, list[bytes]] = {}
    for line in lines:
        if _is_type(line):
            types.setdefault(subject_of(line), []).append(line)
    return types


@dataclass
class PartReport:
    """A part's check: what is wrong with its own nodes, and what it said of other nodes."""

    findings: list[tuple]
    #: The part's lines about nodes it does not own: they are checked with the rest
    #: (:func:`check_rest`).
    outside: bytes
    #: The types of the part's own nodes that :attr:`outside` points to.
    pointed: bytes = b""


def check_part(
    lines: list[bytes],
    owns: Callable[[bytes], bool],
    types: dict[bytes, list[bytes]],
    check: ShapeCheck,
) -> PartReport:
    """Check the nodes that one part of the graph owns (a plain work: its IRIs and blank nodes).

    :param lines: the part's N-Triples lines (its graphs and what was derived from them).
    :param owns: whether a subject (as written in N-Triples) is the part's own.
    :param types: the ``rdf:type`` lines of the nodes outside the part (:func:`type_lines`).
    """
    own, outside = [], []
    for line in lines:
        (own if owns(subject_of(line)) else outside).append(line)
    own_nodes = {subject_of(line) for line in own}
    data = list(own)
    for node in {object_node(x) for x in own if not _is_type(x)} - own_nodes - {None}:
        data.extend(types.get(node, ()))
    found = [f for f in check.findings(b"".join(data)) if _term(f[0]) in own_nodes]
    pointed = {object_node(x) for x in outside} & own_nodes
    types_of_own = [x for x in own if _is_type(x) and subject_of(x) in pointed]
    return PartReport(found, b"".join(outside), b"".join(types_of_own))


def check_rest(
    lines: list[bytes],
    parts: list[PartReport],
    check: ShapeCheck,
    plain: Iterable[bytes] = (),
) -> list[tuple]:
    """Check the nodes no part owns: the curated part, and what the parts said of other nodes.

    :param lines: the N-Triples lines of the curated part (ontology, organisations, curated
        works, their inferred triples and the shortcuts).
    :param parts: the parts' reports (:func:`check_part`).
    :param plain: the parts' N-Triples, where the types of their nodes that *lines* point to
        are looked up.
    """
    data = list(lines)
    for report in parts:
        data.extend(report.outside.splitlines(keepends=True))
    nodes = {subject_of(line) for line in data}  # the nodes checked here, and no others
    for report in parts:
        data.extend(report.pointed.splitlines(keepends=True))
    wanted = {object_node(x) for x in data if not _is_type(x)} - nodes - {None}
    if wanted:
        for chunk in plain:
            for line in chunk.splitlines(keepends=True):
                if subject_of(line) in wanted and _is_type(line):
                    data.append(line)
    return [f for f in check.findings(b"".join(data)) if _term(f[0]) in nodes]


def raise_findings(found: list[tuple]) -> None:
    """Raise the self-check's error for *found* results (nothing if there are none).

    :raises govrules.errors.BuildError: listing what does not conform.
    """
    if not found:
        return
    lines = [
        f"{focus} {path}: {message} ({shape}, {component})"
        for focus, path, component, shape, message in sorted(found)
    ]
    more = f"\n… and {len(lines) - REPORTED} more" if len(lines) > REPORTED else ""
    raise BuildError(
        "the knowledge graph does not conform to its own shapes: "
        f"{len(lines)} result(s):\n" + "\n".join(lines[:REPORTED]) + more
    )


def check_coverage(graphs: dict[str, Graph], *, only: set[str] | None = None) -> None:
    """Check that the norms of each document cover every marked sentence of its text.

    :param only: the ids of the documents to check (those curated completely, with a
        catalog ``norms`` file); None checks every document that has norms.
    :raises govrules.errors.BuildError: listing what is uncovered.
    """
    from govrules.knowledge.coverage import coverage, format_coverage

    prefix = ns.graph_iri("rules") + "/"
    for name in list(graphs):
        if not name.startswith(prefix):
            continue
        doc_id = name[len(prefix) :]
        norms_name = ns.graph_iri("norms", doc_id)
        if norms_name not in graphs or (only is not None and doc_id not in only):
            continue
        rules, norms = graphs[name], graphs[norms_name]
        report = coverage(rules + norms)
        if not report.ok:
            raise BuildError("the norms do not cover the text:\n" + format_coverage(report))
