"""The build's checks of itself, before anything is written.

- :func:`dangling`: every provision a graph cites must be one the build parsed. Norms cite
  their paragraph (``gwr:hasLegalSource``), concepts and organisation graphs the provision
  that mentions them (``gwr:mentionedIn``). A citation of a provision whose document is not
  in the catalog (an organisation graph kept after its document was removed) would otherwise
  surface much later, as a self-check failure about labels.
- :func:`check_coverage`: the norms of a curated document cover every marked sentence.
- :func:`self_check`: the whole graph conforms to the ontology shapes.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef

from govrules import namespaces as ns
from govrules.errors import BuildError

#: The properties whose object is a provision of a parsed text.
CITING = (ns.GWR.hasLegalSource, ns.GWR.mentionedIn)


def dangling(graphs: dict[str, Graph], *, limit: int = 5) -> list[str]:
    """Return one line per graph that cites provisions no rules graph holds.

    Each line names the graph, how many provisions it cites that are missing and the first
    *limit* of them.
    """
    eli = ns.DEFAULT_BASE + "eli/"
    rules = ns.graph_iri("rules") + "/"
    known: set[URIRef] = set()
    for name, graph in graphs.items():
        if name.startswith(rules):
            known.update(s for s in graph.subjects(unique=True) if isinstance(s, URIRef))
    lines = []
    for name, graph in sorted(graphs.items()):
        missing = sorted(
            {
                o
                for p in CITING
                for o in graph.objects(None, p)
                if isinstance(o, URIRef) and str(o).startswith(eli) and o not in known
            }
        )
        if missing:
            shown = ", ".join(f"<{o}>" for o in missing[:limit])
            more = f" and {len(missing) - limit} more" if len(missing) > limit else ""
            count = f"{len(missing)} provision(s)"
            lines.append(f"{name} cites {count} not in the build: {shown}{more}")
    return lines


def self_check(data: Graph, shapes_dir: Path) -> None:
    """Validate the knowledge graph against the ontology shapes.

    :raises govrules.errors.BuildError: with the report text if it does not conform.
    """
    from pyshacl import validate

    files = sorted(shapes_dir.glob("*.ttl"))
    if not files:
        raise BuildError(f"no shapes under {shapes_dir}: the build cannot check itself")
    from govrules.knowledge.build import read_turtle, union  # build imports this module

    shapes = union(read_turtle(p) for p in files)
    conforms, _, text = validate(data, shacl_graph=shapes, inference="none", advanced=True)
    if not conforms:
        raise BuildError("the knowledge graph does not conform to its own shapes:\n" + text)


def check_coverage(graphs: dict[str, Graph], *, only: set[str] | None = None) -> None:
    """Check that the norms of each document cover every marked sentence of its text.

    :param only: the ids of the documents to check (those curated completely, with a
        catalog ``norms`` file); None checks every document that has norms.
    :raises govrules.errors.BuildError: listing what is uncovered.
    """
    from govrules.knowledge.coverage import coverage, format_coverage

    prefix = ns.graph_iri("rules") + "/"
    for name, rules in graphs.items():
        if not name.startswith(prefix):
            continue
        doc_id = name[len(prefix) :]
        norms = graphs.get(ns.graph_iri("norms", doc_id))
        if norms is None or (only is not None and doc_id not in only):
            continue
        report = coverage(rules + norms)
        if not report.ok:
            raise BuildError("the norms do not cover the text:\n" + format_coverage(report))
