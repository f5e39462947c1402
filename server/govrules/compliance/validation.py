"""Check exported records against the compliance shapes: parse, validate, collect findings.

Two engines give one answer. ``pyshacl`` is the reference. ``fast`` is SHACL-SPARQL run
directly: every SPARQL-based constraint of the shapes graph becomes one SELECT over an
in-memory Oxigraph store holding upload ∪ rules ∪ norms ∪ org ∪ ontology, with the focus
nodes of the shape's target joined in instead of pre-bound one by one. That is generic (read
from the shapes graph, nothing per shape) and covers what the compliance shapes use:
``sh:targetClass`` / ``sh:targetNode`` and ``sh:sparql`` with ``sh:select``. A shapes graph
with anything else is validated by pySHACL. A failed validation is a result, not an exception;
nothing uploaded is stored. Oxigraph re-runs a FILTER NOT EXISTS block per candidate and may start
it from its unbound end, so constraints state the absence of a multi-hop pattern as
``OPTIONAL { … } FILTER (!BOUND(?x))`` (same answer in pySHACL, linear time here).
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from govrules.compliance.records import EmptyExport, check_not_empty, count_records
from govrules.errors import BadRequest, LoadError
from govrules.namespaces import GWR, SH

ENGINES = ("fast", "pyshacl")
CORE_SUPPORTED = {SH.targetClass, SH.targetNode, SH.sparql}
_SHAPE_KEYS = {SH.targetSubjectsOf, SH.targetObjectsOf, SH.property, SH.path, SH.node}
_THIS = re.compile(r"\$this\b")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Finding:
    """One validation result: which shape found what about which record."""

    shape: str
    focus: str
    value: str | None
    severity: str  # the local name: Violation, Warning or Info


@dataclass
class Outcome:
    """The findings of one validation, the engine that made them and how long it took.

    The verdict follows pySHACL's options: with *allow_info* an Info does not fail the export,
    with *allow_warnings* neither a Warning nor an Info does. Infos are what a person should
    check (the 必要时 cases), so they are allowed by default; warnings are not.
    """

    findings: list[Finding]
    engine: str
    triples: int
    timings: dict[str, float] = field(default_factory=dict)
    records: int = 0
    allow_info: bool = True
    allow_warnings: bool = False

    @property
    def allowed(self) -> frozenset[str]:
        """Return the severities that do not fail the export under this outcome's options."""
        if self.allow_warnings:
            return frozenset({"Warning", "Info"})
        return frozenset({"Info"}) if self.allow_info else frozenset()

    @property
    def failing(self) -> list[Finding]:
        """Return the findings that make the export fail."""
        return [f for f in self.findings if f.severity not in self.allowed]

    @property
    def conforms(self) -> bool:
        """Return the verdict: no finding of a severity that fails (pySHACL's ``conforms``)."""
        return not self.failing


@dataclass
class Knowledge:
    """What uploads are checked against: the shapes and rules ∪ norms ∪ org ∪ ontology."""

    ntriples: bytes
    shapes: Graph

    def graph(self) -> Graph:
        """Return the knowledge as an rdflib graph (parsed once)."""
        if not hasattr(self, "_graph"):
            self._graph = Graph().parse(data=self.ntriples, format="nt")
        return self._graph

    def only(self, *shapes: str) -> Knowledge:
        """Return the same knowledge with the named shapes only (each with its constraints)."""
        kept = Graph()
        for shape in shapes:
            kept += self.shapes.cbd(URIRef(shape))
        narrowed = Knowledge(self.ntriples, kept)
        if hasattr(self, "_graph"):
            narrowed._graph = self._graph
        return narrowed


def read_shapes(root: Path) -> Graph:
    """Return the compliance shapes graph (``shapes/compliance/*.ttl``)."""
    shapes = Graph()
    files = sorted((root / "shapes" / "compliance").glob("*.ttl"))
    if not files:
        raise LoadError(f"no compliance shapes under {root / 'shapes' / 'compliance'}")
    for path in files:
        shapes.parse(path, format="turtle")
    return shapes


def knowledge_from_graphs(graphs: dict[str, Graph], root: Path) -> Knowledge:
    """Return the knowledge of a build's graphs (the inferred graph left out)."""
    kept = Graph()
    for name, graph in graphs.items():
        if any(f"/graph/{kind}" in name for kind in ("ontology", "rules/", "norms/", "org/")):
            kept += graph
    return Knowledge(kept.serialize(format="nt", encoding="utf-8"), read_shapes(root))


def knowledge_from_store(store, root: Path) -> Knowledge:
    """Return the knowledge held by an open :class:`govrules.store.Store`."""
    query = (
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } "
        'FILTER (REGEX(STR(?g), "/graph/(ontology|rules/|norms/|org/)")) }'
    )
    return Knowledge(store.query(query).serialize("ntriples"), read_shapes(root))


def knowledge_for(
    root: Path, store_location: str | None, *, backend: str = "oxigraph"
) -> Knowledge:
    """Return the knowledge of the built store at *store_location*, else of the sources."""
    if store_location and store_location != "memory" and Path(store_location).exists():
        from govrules.store import open_store

        return knowledge_from_store(open_store(store_location, backend=backend), root)
    from govrules.knowledge.build import gather

    return knowledge_from_graphs(gather(root), root)


def fast_supports(shapes: Graph) -> bool:
    """Return whether every shape uses only what the fast engine runs."""
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)):
        if any(key in _SHAPE_KEYS for key in shapes.predicates(shape)):
            return False
        for constraint in shapes.objects(shape, SH.sparql):
            if (constraint, SH.select, None) not in shapes or (
                constraint,
                SH.prefixes,
                None,
            ) in shapes:
                return False
    return True


def choose_engine(requested: str | None, shapes: Graph) -> str:
    """Return the engine to use: the one requested, else fast where it supports the shapes."""
    if requested is not None:
        if requested not in ENGINES:
            raise BadRequest(f"unknown engine: {requested} (choose from {', '.join(ENGINES)})")
        return requested
    return "fast" if fast_supports(shapes) else "pyshacl"


def _severity(shapes: Graph, shape) -> str:
    return str(shapes.value(shape, SH.severity) or SH.Violation).rsplit("#", 1)[-1]


def targeted_query(select: str, targets: list[str], nodes: list[str]) -> str:
    """Return a constraint's SELECT with ``$this`` joined to the shape's targets.

    >>> targeted_query("SELECT $this WHERE { $this <p> 1 }", ["http://c"], [])[:40]
    'SELECT ?this WHERE { { ?this <http://www'
    """
    branches = [
        f"{{ ?this <{RDF.type}>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{c}> . }}"
        for c in targets
    ] + [f"{{ VALUES ?this {{ {n} }} }}" for n in nodes]
    target = " UNION ".join(branches) or "FILTER (false)"
    query = _THIS.sub("?this", select)
    match = _WHERE.search(query)
    return f"{query[: match.end()]} {target} {query[match.end() :]}"


def run_fast(store: ox.Store, shapes: Graph) -> list[Finding]:
    """Run every SPARQL constraint of *shapes* as one SELECT over *store*."""
    found = set()
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape))):
        targets = [str(c) for c in shapes.objects(shape, SH.targetClass)]
        nodes = [n.n3() for n in shapes.objects(shape, SH.targetNode)]
        severity = _severity(shapes, shape)
        for constraint in shapes.objects(shape, SH.sparql):
            query = targeted_query(str(shapes.value(constraint, SH.select)), targets, nodes)
            for row in store.query(query):
                found.add(_finding(shape, row["this"], row["value"], severity))
    return sorted(found)


def _finding(shape, focus, value, severity) -> Finding:
    """Return a finding with terms written as N-Triples (IRIs bare), the same from both engines."""

    def text(term):
        if term is None:
            return None
        if isinstance(term, ox.NamedNode | URIRef):
            return str(term.value if isinstance(term, ox.NamedNode) else term)
        if isinstance(term, ox.BlankNode) or getattr(term, "n3", None) and str(term)[:2] == "_:":
            return "_:blank"
        if isinstance(term, ox.Literal):
            return _literal(term.value, term.language, term.datatype.value)
        return _literal(str(term), term.language, str(term.datatype) if term.datatype else None)

    return Finding(str(shape), text(focus), text(value), severity)


def _literal(lexical: str, language, datatype) -> str:
    quoted = json.dumps(lexical, ensure_ascii=False)
    if language:
        return f"{quoted}@{language}"
    if datatype and datatype != "http://www.w3.org/2001/XMLSchema#string":
        return f"{quoted}^^<{datatype}>"
    return quoted


def run_pyshacl(upload: ox.Store, knowledge: Knowledge) -> list[Finding]:
    """Validate with pySHACL (the reference): data graph = upload ∪ knowledge."""
    import pyshacl

    data = Graph()
    data += knowledge.graph()
    dumped = upload.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    data.parse(data=dumped, format="nt")
    _conforms, report, _text = pyshacl.validate(
        data, shacl_graph=knowledge.shapes, inference="none", allow_warnings=True
    )
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        shape, focus = report.value(result, SH.sourceShape), report.value(result, SH.focusNode)
        found.add(_finding(shape, focus, report.value(result, SH.value), severity))
    return sorted(found)


# The options of a verdict, as the CLI and HTTP name them, with their defaults.
POLICY_FLAGS = {"allow-info": True, "allow-warnings": False, "allow-empty": False}
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


def policy_flag(name: str, value: str | None) -> bool:
    """Return the boolean an option's text says, or its default when absent.

    :raises BadRequest: for a value that is neither true nor false.

    >>> policy_flag("allow-info", None), policy_flag("allow-warnings", "true")
    (True, True)
    """
    if value is None or value == "":
        return POLICY_FLAGS[name]
    if value.lower() in _TRUE + _FALSE:
        return value.lower() in _TRUE
    raise BadRequest(f"{name} must be true or false, not {value!r}")


def validate(
    upload: ox.Store,
    knowledge: Knowledge,
    *,
    engine: str | None = None,
    allow_info: bool = True,
    allow_warnings: bool = False,
    allow_empty: bool = False,
) -> Outcome:
    """Validate a parsed upload against the compliance shapes; never raises for violations.

    The fast engine adds the knowledge to the upload's own in-memory store; nothing is kept.

    :raises EmptyExport: for an upload with no record of a kind the shapes check, unless
        *allow_empty*.
    """
    chosen = choose_engine(engine, knowledge.shapes)
    triples = len(upload)
    records = count_records(upload, knowledge)
    if not allow_empty:
        check_not_empty(triples, records, knowledge)
    policy = {"records": records, "allow_info": allow_info, "allow_warnings": allow_warnings}
    started = time.perf_counter()
    if chosen == "fast":
        upload.bulk_load(
            knowledge.ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph()
        )
        findings = run_fast(upload, knowledge.shapes)
    else:
        findings = run_pyshacl(upload, knowledge)
    timings = {"validate": time.perf_counter() - started}
    return Outcome(findings, chosen, triples, timings, **policy)


__all__ = ["GWR", "EmptyExport", "Finding", "Knowledge", "Outcome", "validate"]
