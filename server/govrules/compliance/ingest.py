"""Ingest of exports: validate, then store as a named graph with its provenance, in one write.

An export named NAME becomes the graph ``…/graph/exports/NAME`` (replacing an earlier one of
that name). The provenance graph ``…/graph/provenance`` records, per ingest, the activity that
generated the graph: who, when, the SHA-256 of the bytes received and the validation outcome.
An export that does not conform is refused (422, with the summary) unless forced.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

import pyoxigraph as ox
from rdflib.namespace import PROV, RDF, RDFS, XSD

from govrules import namespaces as ns
from govrules.compliance import uploads, validation
from govrules.errors import BadRequest, GovrulesError
from govrules.namespaces import SH
from govrules.writes.operations import check_scope
from govrules.writes.tokens import Caller

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


class NotConforming(GovrulesError):
    status, code = 422, "not-conforming"


@dataclass(frozen=True)
class Receipt:
    """What an ingest stored."""

    graph: str
    activity: str
    triples: int
    sha256: str
    conforms: bool
    findings: int
    summary: str

    def to_dict(self) -> dict:
        return self.__dict__.copy()


def graph_for(name: str, *, base: str) -> str:
    """Return the graph IRI of the export *name*.

    :raises BadRequest: for a name that is not a plain slug.

    >>> graph_for("city-2024", base="https://w3id.org/govrules/")
    'https://w3id.org/govrules/graph/exports/city-2024'
    """
    if not _NAME.match(name or ""):
        raise BadRequest(f"bad export name {name!r}: letters, digits, '.', '_', '-' (max 128)")
    return ns.graph_iri("exports", name, base=base)


def summary(outcome: validation.Outcome) -> str:
    """Say in one line what a validation found.

    >>> summary(validation.Outcome([], "fast", 3))
    'conforms (3 triples)'
    """
    if not outcome.findings:
        return f"conforms ({outcome.triples} triples)"
    by_shape = Counter(f.shape.rsplit("#", 1)[-1] for f in outcome.findings)
    parts = ", ".join(f"{n} × {shape}" for shape, n in by_shape.most_common(10))
    verdict = "conforms" if outcome.conforms else "does not conform"
    return f"{verdict}, {len(outcome.findings)} findings: {parts}"


def provenance(
    graph: str, activity: str, *, who: str, sha: str, outcome, note: str, base: str
) -> bytes:
    """Return the provenance quads of one ingest, as N-Quads."""
    import pyoxigraph as ox

    def iri(value) -> ox.NamedNode:
        return ox.NamedNode(str(value))

    def lit(value, dtype=XSD.string) -> ox.Literal:
        return ox.Literal(str(value), datatype=iri(dtype))

    g = iri(ns.graph_iri("provenance", base=base))
    act, agent, report = iri(activity), iri(f"{activity}/agent"), iri(f"{activity}/report")
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    triples = [
        (iri(graph), iri(PROV.wasGeneratedBy), act),
        (act, iri(RDF.type), iri(PROV.Activity)),
        (act, iri(PROV.endedAtTime), lit(now, XSD.dateTime)),
        (act, iri(PROV.wasAssociatedWith), agent),
        (agent, iri(RDF.type), iri(PROV.Agent)),
        (agent, iri(RDFS.label), lit(who)),
        (act, iri(PROV.used), iri(f"urn:sha256:{sha}")),
        (act, iri(PROV.generated), report),
        (report, iri(RDF.type), iri(SH.ValidationReport)),
        (report, iri(SH.conforms), lit(str(outcome.conforms).lower(), XSD.boolean)),
        (report, iri(PROV.value), lit(len(outcome.findings), XSD.integer)),
        (report, iri(RDFS.comment), lit(note)),
    ]
    # The serialiser escapes what the caller wrote (names, notes), so the quads stay valid.
    return ox.serialize([ox.Quad(*t, g) for t in triples], format=ox.RdfFormat.N_QUADS)


def ingest(
    writer,
    data: bytes,
    *,
    fmt: str,
    name: str,
    caller: Caller,
    knowledge: validation.Knowledge,
    base: str,
    force: bool = False,
    context: dict | None = None,
    **policy: bool,
) -> Receipt:
    """Validate the export *data* and store it as the graph of *name* with its provenance.

    :raises govrules.errors.LoadError: if *data* does not parse (line and column).
    :param policy: ``allow_info``, ``allow_warnings``, ``allow_empty`` as for
        :func:`govrules.compliance.validation.validate` (the same verdict as ``/validate``).
    :raises NotConforming: if the export has findings that fail it and *force* is false.
    :raises govrules.compliance.records.EmptyExport: if it holds no record of a known kind.
    """
    graph = graph_for(name, base=base)
    check_scope(caller, graph, base=base)
    sha = hashlib.sha256(data).hexdigest()
    upload = uploads.load_upload(data, format=fmt, context=context)
    triples = upload.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    outcome = validation.validate(upload, knowledge, **policy)
    note = summary(outcome)
    if not outcome.conforms and not force:
        raise NotConforming(
            f"the export does not conform and was not stored: {note}; "
            "validate it at /validate for the full report, or force the ingest",
            findings=len(outcome.findings),
        )
    activity = f"{base}ingest/{uuid.uuid4()}"
    extra = provenance(
        graph, activity, who=caller.name, sha=sha, outcome=outcome, note=note, base=base
    )
    writer.load_graph(graph, triples, "ntriples", replace=True, extra=extra)
    return Receipt(
        graph, activity, outcome.triples, sha, outcome.conforms, len(outcome.findings), note
    )
