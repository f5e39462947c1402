"""The build's checks of itself, before anything is written.

- :func:`dangling`: every provision a graph cites must be one the build parsed. Norms cite
  their paragraph (``gwr:hasLegalSource``), concepts and organisation graphs the provision
  that mentions them (``gwr:mentionedIn``). A citation of a provision whose document is not
  in the catalog (an organisation graph kept after its document was removed) would otherwise
  surface much later, as a self-check failure about labels.
- :func:`check_coverage`: the norms of a curated document cover every marked sentence.
- :func:`self_check`: the whole graph conforms to the ontology shapes (pyrudof, or pySHACL).
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef

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
    found = findings(data, shapes_dir, engine=engine)
    if found:
        lines = [
            f"{focus} {path}: {message} ({shape}, {component})"
            for focus, path, component, shape, message in found
        ]
        more = f"\n… and {len(lines) - REPORTED} more" if len(lines) > REPORTED else ""
        raise BuildError(
            "the knowledge graph does not conform to its own shapes: "
            f"{len(lines)} result(s):\n" + "\n".join(lines[:REPORTED]) + more
        )


def findings(data: Graph | bytes, shapes_dir: Path, *, engine: str = "rudof") -> list[tuple]:
    """Return the sorted results of validating *data*: (focus, path, component, shape, message).

    The component is its local name (``MinCountConstraintComponent``); the path is empty for a
    node shape; the message joins the shape's messages (zh and en).
    """
    files = sorted(shapes_dir.glob("*.ttl"))
    if not files:
        raise BuildError(f"no shapes under {shapes_dir}: the build cannot check itself")
    from govrules.knowledge.build import read_turtle, union  # build imports this module

    shapes = union(read_turtle(p) for p in files)
    if engine == "pyshacl":
        return _pyshacl(data, shapes)
    if engine == "rudof":
        return _rudof(data, shapes)
    raise ValueError(f"unknown engine {engine!r}: one of {', '.join(ENGINES)}")


def _pyshacl(data: Graph | bytes, shapes: Graph) -> list[tuple]:
    from pyshacl import validate

    if isinstance(data, bytes):
        data = Graph().parse(data=data, format="nt")
    conforms, report, _ = validate(data, shacl_graph=shapes, inference="none", advanced=True)
    if conforms:
        return []
    results = set()
    for result in report.subjects(SH.focusNode, None):
        path = report.value(result, SH.resultPath)
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        component = str(report.value(result, SH.sourceConstraintComponent))
        results.add(
            (
                str(report.value(result, SH.focusNode)),
                str(path) if isinstance(path, URIRef) else "",
                component.rsplit("#", 1)[-1],
                str(report.value(result, SH.sourceShape)),
                " / ".join(messages),
            )
        )
    return sorted(results)


def _rudof(data: Graph | bytes, shapes: Graph) -> list[tuple]:
    """Validate with pyrudof: local files only, read strictly (a bad line is an error)."""
    import tempfile

    import pyrudof

    if isinstance(data, Graph):
        data = data.serialize(format="nt", encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="govrules-check-") as tmp:
        data_file, shapes_file = Path(tmp) / "data.nt", Path(tmp) / "shapes.nt"
        data_file.write_bytes(data)
        shapes.serialize(shapes_file, format="nt", encoding="utf-8")
        rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        strict = pyrudof.ReaderMode.Strict
        rudof.read_data(data_file, format=pyrudof.RDFFormat.NTriples, reader_mode=strict)
        rudof.read_shacl(shapes_file, format=pyrudof.ShaclFormat.NTriples, reader_mode=strict)
        report = rudof.validate_shacl()
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
