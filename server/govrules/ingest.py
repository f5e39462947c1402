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

from . import namespaces as ns
from . import uploads, validation
from .errors import BadRequest, GovrulesError
from .tokens import Caller
from .writes import check_scope

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
PROV = "http://www.w3.org/ns/prov#"
SH = "http://www.w3.org/ns/shacl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


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
    if outcome.conforms:
        return f"conforms ({outcome.triples} triples)"
    by_shape = Counter(f.shape.rsplit("#", 1)[-1] for f in outcome.findings)
    parts = ", ".join(f"{n} × {shape}" for shape, n in by_shape.most_common(10))
    return f"{len(outcome.findings)} findings: {parts}"


def provenance(
    graph: str, activity: str, *, who: str, sha: str, outcome, note: str, base: str
) -> bytes:
    """Return the provenance quads of one ingest, as N-Quads."""
    g = f"<{ns.graph_iri('provenance', base=base)}>"
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    report = f"<{activity}/report>"

    def lit(value, dtype="string") -> str:
        text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{text}"^^<{XSD}{dtype}>'

    quads = [
        (f"<{graph}>", f"<{PROV}wasGeneratedBy>", f"<{activity}>"),
        (f"<{activity}>", f"<{RDF_TYPE}>", f"<{PROV}Activity>"),
        (f"<{activity}>", f"<{PROV}endedAtTime>", lit(now, "dateTime")),
        (f"<{activity}>", f"<{PROV}wasAssociatedWith>", f"<{activity}/agent>"),
        (f"<{activity}/agent>", f"<{RDF_TYPE}>", f"<{PROV}Agent>"),
        (f"<{activity}/agent>", f"<{RDFS}label>", lit(who)),
        (f"<{activity}>", f"<{PROV}used>", f"<urn:sha256:{sha}>"),
        (f"<{activity}>", f"<{PROV}generated>", report),
        (report, f"<{RDF_TYPE}>", f"<{SH}ValidationReport>"),
        (report, f"<{SH}conforms>", lit(str(outcome.conforms).lower(), "boolean")),
        (report, f"<{PROV}value>", lit(len(outcome.findings), "integer")),
        (report, f"<{RDFS}comment>", lit(note)),
    ]
    return "".join(f"{s} {p} {o} {g} .\n" for s, p, o in quads).encode("utf-8")


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
) -> Receipt:
    """Validate the export *data* and store it as the graph of *name* with its provenance.

    :raises govrules.errors.LoadError: if *data* does not parse (line and column).
    :raises NotConforming: if the export has findings and *force* is false.
    """
    graph = graph_for(name, base=base)
    check_scope(caller, graph, base=base)
    sha = hashlib.sha256(data).hexdigest()
    upload = uploads.load_upload(data, format=fmt, context=context)
    triples = upload.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    outcome = validation.validate(upload, knowledge)
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
