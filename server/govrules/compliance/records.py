"""Which records an export holds: the kinds the shapes check, and no pass for an empty export.

A validator's pipeline must not pass an exporter that broke silently: an export with no triples,
or with none of a kind some shape targets (``sh:targetClass`` or a subclass), is refused with a
message naming the kinds expected, unless the caller allows it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib.namespace import RDFS

from govrules.errors import GovrulesError
from govrules.namespaces import SH

if TYPE_CHECKING:
    from govrules.compliance.validation import Knowledge


class EmptyExport(GovrulesError):
    """An export with no triples, or none of a record kind the rules check: no pass."""

    status, code = 422, "empty-export"


def record_kinds(knowledge: Knowledge) -> dict[str, list[str]]:
    """Return the classes the shapes target, each with itself and its subclasses (the kinds)."""
    if not hasattr(knowledge, "_kinds"):
        graph, kinds = knowledge.graph(), {}
        for target in sorted(set(knowledge.shapes.objects(None, SH.targetClass))):
            closure = {str(c) for c in graph.transitive_subjects(RDFS.subClassOf, target)}
            kinds[str(target)] = sorted(closure | {str(target)})
        knowledge._kinds = kinds
    return knowledge._kinds


def count_records(upload, knowledge: Knowledge) -> int:
    """Return how many typings of the upload's subjects are of a kind some shape checks.

    One index scan per class (a record typed twice counts twice): no DISTINCT over a million.
    """
    import pyoxigraph as ox

    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    classes = {c for kind in record_kinds(knowledge).values() for c in kind}
    return sum(
        sum(1 for _ in upload.quads_for_pattern(None, rdf_type, ox.NamedNode(c), ox.DefaultGraph()))
        for c in sorted(classes)
    )


def check_not_empty(triples: int, records: int, knowledge: Knowledge) -> None:
    """Refuse an export with no triples or no record of a known kind, naming what was expected.

    :raises EmptyExport: (422; exit 2 on the command line).
    """
    if records:
        return
    names = ", ".join(k.rsplit("#", 1)[-1] for k in record_kinds(knowledge))
    found = "no triples" if not triples else f"{triples} triples but no record of a known kind"
    raise EmptyExport(
        f"the export has {found}: expected records typed {names} (gwr: classes); "
        "an exporter that wrote nothing does not pass (allow it with --allow-empty, "
        "or allow-empty=true over HTTP)",
        triples=triples,
        expected=list(record_kinds(knowledge)),
    )
