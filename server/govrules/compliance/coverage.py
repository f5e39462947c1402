"""Shape coverage: every curated norm an export could be checked against, and what checks it.

A norm is *record-bearing* when its ``odrl:action`` or ``odrl:target`` is a concept some record
kind ``gwrsh:concerns`` (``shapes/coverage/record-kinds.ttl``: meetings, decisions, proposals,
documents, filings, publications). Each such norm must be enforced by a compliance shape
(``gwr:enforces``) or carry the reason it is not checked (``gwrsh:notCheckedBecause``, in
``shapes/coverage/<doc-id>.ttl``), never both. Pure functions over rdflib graphs.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from rdflib import Graph, Namespace
from rdflib.namespace import RDF, RDFS

from govrules.namespaces import GWR, GWRSH

ODRL = Namespace("http://www.w3.org/ns/odrl/2/")
MODALITIES = (GWR.Obligation, GWR.Prohibition, GWR.Permission, GWR.Power)
_NUMBER = re.compile(r"art_(\d+)-(\d+)$")


@dataclass(frozen=True)
class NormCoverage:
    """One norm: the record kinds it is about, the shapes enforcing it, the reason if none."""

    norm: str
    label: dict[str, str]
    kinds: tuple[str, ...]
    shapes: tuple[str, ...]
    reason: dict[str, str]

    @property
    def status(self) -> str:
        """Return ``checked``, ``not checked`` (with a reason), ``missing`` or ``both``."""
        if self.shapes and self.reason:
            return "both"
        if self.shapes:
            return "checked"
        return "not checked" if self.reason else "missing"


def read_coverage(root: Path) -> Graph:
    """Return the record kinds and the reasons (``shapes/coverage/*.ttl``)."""
    graph = Graph()
    for path in sorted((root / "shapes" / "coverage").glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def _texts(graph: Graph, node, predicate) -> dict[str, str]:
    return {o.language: str(o) for o in graph.objects(node, predicate) if o.language}


def _key(iri: str) -> tuple:
    match = _NUMBER.search(iri)
    return (int(match.group(1)), int(match.group(2)), iri) if match else (10**6, 0, iri)


def shape_coverage(norms: Graph, shapes: Graph, coverage: Graph) -> list[NormCoverage]:
    """Return every norm of *norms* that is record-bearing or enforced, in article order."""
    concerns: dict = {}
    for kind, concept in coverage.subject_objects(GWRSH.concerns):
        concerns.setdefault(concept, set()).add(str(kind).rsplit("#", 1)[-1])
    enforced: dict = {}
    for shape, norm in shapes.subject_objects(GWR.enforces):
        enforced.setdefault(norm, set()).add(str(shape).rsplit("#", 1)[-1])
    rows = []
    for norm in {n for m in MODALITIES for n in norms.subjects(RDF.type, m)}:
        about = [*norms.objects(norm, ODRL.action), *norms.objects(norm, ODRL.target)]
        kinds = sorted({k for concept in about for k in concerns.get(concept, ())})
        if not kinds and norm not in enforced:
            continue
        rows.append(
            NormCoverage(
                str(norm),
                _texts(norms, norm, RDFS.label),
                tuple(kinds),
                tuple(sorted(enforced.get(norm, ()))),
                _texts(coverage, norm, GWRSH.notCheckedBecause),
            )
        )
    return sorted(rows, key=lambda r: _key(r.norm))


def unexplained(rows: list[NormCoverage]) -> list[NormCoverage]:
    """Return the record-bearing norms with neither a shape nor a reason, or with both."""
    return [r for r in rows if r.status in ("missing", "both") and (r.kinds or r.reason)]


def stray_reasons(norms: Graph, coverage: Graph) -> list[str]:
    """Return the norms a reason is given for that are not norms of *norms*."""
    known = {n for m in MODALITIES for n in norms.subjects(RDF.type, m)}
    return sorted(str(n) for n in coverage.subjects(GWRSH.notCheckedBecause) if n not in known)


def format_text(rows: list[NormCoverage]) -> str:
    """Return an aligned table: norm, kinds, status, the shapes or the reason."""
    width = max((len(r.norm.rsplit("/", 1)[-1]) for r in rows), default=4)
    kinds = max((len(", ".join(r.kinds)) for r in rows), default=5)
    lines = [f"{'norm':<{width}}  {'kinds':<{kinds}}  {'status':<11}  shapes or reason"]
    for r in rows:
        what = ", ".join(r.shapes) if r.shapes else r.reason.get("en", "—")
        name = r.norm.rsplit("/", 1)[-1]
        lines.append(f"{name:<{width}}  {', '.join(r.kinds):<{kinds}}  {r.status:<11}  {what}")
    counts = {s: sum(1 for r in rows if r.status == s) for s in ("checked", "not checked")}
    bad = len(unexplained(rows))
    lines.append(
        f"{len(rows)} norms an export could be checked against: {counts['checked']} checked, "
        f"{counts['not checked']} not checked with a reason, {bad} without either"
    )
    return "\n".join(lines) + "\n"


def format_json(rows: list[NormCoverage]) -> str:
    """Return the rows as JSON (one object per norm, with its status)."""
    return json.dumps(
        [asdict(r) | {"status": r.status} for r in rows], ensure_ascii=False, indent=1
    )


__all__ = ["NormCoverage", "read_coverage", "shape_coverage", "stray_reasons", "unexplained"]
