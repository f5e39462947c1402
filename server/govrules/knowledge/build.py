"""Assemble the knowledge graph: parse, gather, infer, self-check, store, dump.

Data flows one way: sources → graphs → (inference, checks) → store and dumps.
Same inputs, same triples: the dumps are sorted, so two builds are byte-identical.
"""

from __future__ import annotations

import gzip
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from govrules import namespaces as ns
from govrules.errors import BuildError, LoadError
from govrules.knowledge.catalog import Entry, read
from govrules.knowledge.checks import check_coverage, dangling, self_check
from govrules.knowledge.drafting.run import add_drafts
from govrules.knowledge.parse import ParseError, parse_file, to_graph
from govrules.knowledge.versions import plan, versions_graph

Progress = Callable[[str], None]
#: Where the concern norms of a document live, as ``<doc-id>.ttl``, below the data directory.
CONCERN_NORMS = Path("norms") / "concerns"


@dataclass
class BuildResult:
    """What a build produced: the named graphs, their sizes, and the time of each step."""

    graphs: dict[str, Graph]
    timings: dict[str, float] = field(default_factory=dict)

    def sizes(self) -> dict[str, int]:
        """Return the number of triples per named graph."""
        return {name: len(g) for name, g in sorted(self.graphs.items())}


def _quiet(_: str) -> None:
    pass


def read_turtle(path: Path) -> Graph:
    """Parse one Turtle file, naming the file and line on error.

    :raises govrules.errors.LoadError: if the file does not parse.
    """
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several unrelated types for bad Turtle
        raise LoadError(f"{path}: {exc}", file=str(path)) from None
    return graph


def rebase(graph: Graph, base: str) -> Graph:
    """Return *graph* with IRIs under the default base moved under *base*."""
    if base == ns.DEFAULT_BASE:
        return graph
    old = ns.DEFAULT_BASE

    def move(term):
        if isinstance(term, URIRef) and str(term).startswith(old):
            return URIRef(base + str(term)[len(old) :])
        return term

    moved = Graph()
    for s, p, o in graph:
        moved.add((move(s), move(p), move(o)))
    return moved


def gather(root: Path, *, data_dir: Path | None = None, progress: Progress = _quiet) -> dict:
    """Read every source of the knowledge graph into named graphs (default base IRIs).

    :param root: the project directory holding ontology/ and shapes/.
    :returns: a mapping of graph IRI to rdflib Graph.
    :raises govrules.errors.BuildError: if a source cannot be parsed.
    """
    data_dir = data_dir or root / "data"
    catalog = read(data_dir)
    graphs: dict[str, Graph] = {}

    ontology = Graph()
    files = sorted((root / "ontology").glob("*.ttl"))
    if not files:
        raise BuildError(f"no ontology files under {root / 'ontology'}")
    for path in files:
        ontology += read_turtle(path)
    graphs[ns.graph_iri("ontology")] = ontology
    progress(f"ontology: {len(files)} files, {len(ontology)} triples")

    for org in catalog.organisations:
        graph = read_turtle(data_dir / org["file"])
        graphs[ns.graph_iri("org", org["id"])] = graph
        progress(f"organisation {org['id']}: {len(graph)} triples")

    for entry in catalog.documents:
        docs = parse_sources(entry, data_dir)
        work_graphs = gather_work(entry, data_dir, docs)
        add_drafts(work_graphs, entry, docs, root=root, data_dir=data_dir)
        graphs.update(work_graphs)
        progress(
            f"rules {entry.id}: "
            + ", ".join(
                f"{len(g)} triples in {n.rsplit('/', 2)[-2]}" for n, g in work_graphs.items()
            )
        )
    return graphs


def parse_sources(entry: Entry, data_dir: Path) -> list:
    """Parse every source text of a catalog entry.

    :raises govrules.errors.BuildError: naming the file and the parser's error.
    """
    docs = []
    for name in entry.sources:
        source = data_dir / name
        try:
            docs.append(parse_file(source))
        except (ParseError, OSError) as exc:
            raise BuildError(f"{source}: {exc}") from None
    return docs


def gather_work(entry: Entry, data_dir: Path, docs: list | None = None) -> dict[str, Graph]:
    """Return the rules, versions (and norms) graphs of one work of the catalog.

    :raises govrules.errors.BuildError: if a source does not parse or the texts disagree.
    """
    docs = docs if docs is not None else parse_sources(entry, data_dir)
    try:
        work = plan(entry, docs)
    except ValueError as exc:
        raise BuildError(str(exc)) from None
    issuer = ns.body_iri(entry.jurisdiction, entry.issuer) if entry.issuer else None
    rules = Graph()
    for version in work.known():
        rules += version_rules(
            version.doc, version.iri, entry, issuer, dated=version.date is not None
        )
    graphs = {ns.graph_iri("rules", entry.id): rules}
    graphs[ns.graph_iri("versions", entry.id)] = versions_graph(work, rules, issuer_iri=issuer)
    norms = Graph()
    if entry.norms and (data_dir / entry.norms).exists():
        norms += read_turtle(data_dir / entry.norms)
    # Concern norms (quorum, notice …) curated for the comparison: a partial curation, by id.
    concerns = data_dir / CONCERN_NORMS / f"{entry.id}.ttl"
    if concerns.exists():
        norms += read_turtle(concerns)
    if len(norms):
        graphs[ns.graph_iri("norms", entry.id)] = norms
    return graphs


def version_rules(doc, iri: str, entry: Entry, issuer: str | None, *, dated: bool) -> Graph:
    """Return the rules graph of one text, its provisions under *iri*.

    A dated version is not the work: the root's work types are left to the versions graph.
    """
    rules = to_graph(
        doc,
        doc_iri=iri,
        jurisdiction=entry.jurisdiction,
        issuer_iri=issuer,
        short_title_en=entry.title_en or None,
    )
    if dated:
        root = URIRef(iri)
        for kind in (ns.GWR.WorkRules, ns.GWR.RulesOfProcedure, ns.ELI.LegalResource):
            rules.remove((root, RDF.type, kind))
    return rules


def union(graphs) -> Graph:
    """Return one graph holding the triples of all *graphs*."""
    merged = Graph()
    for graph in graphs:
        merged += graph
    return merged


def infer_split(graphs: dict[str, Graph]) -> Graph:
    """Return the OWL RL closure, computed by the reasoner only where it is needed.

    The ontology, organisation graphs, norms and the texts that norms cite go through the
    reasoner; the rules and versions graphs of the other works (plain data, the bulk of a
    corpus) get the few rules that apply to plain data (:func:`infer_data`).
    """
    from govrules.knowledge.inference import infer, infer_data

    with_norms = {n.rsplit("/", 1)[1] for n in graphs if n.startswith(ns.graph_iri("norms") + "/")}
    light_prefixes = (ns.graph_iri("rules") + "/", ns.graph_iri("versions") + "/")
    heavy, light = Graph(), Graph()
    for name, graph in graphs.items():
        plain = name.startswith(light_prefixes) and name.rsplit("/", 1)[1] not in with_norms
        (light if plain else heavy).__iadd__(graph)
    inferred = infer(heavy)
    inferred += infer_data(light, graphs[ns.graph_iri("ontology")] + inferred)
    return inferred


def assemble(
    root: Path,
    *,
    base_iri: str = ns.DEFAULT_BASE,
    data_dir: Path | None = None,
    progress: Progress = _quiet,
    shapes_check: bool = True,
) -> BuildResult:
    """Gather, infer and check the knowledge graph in memory; nothing is written.

    :param shapes_check: False leaves out the pySHACL self-check (a benchmark runs it apart,
        with a time limit); the citations and coverage are checked either way.
    :raises govrules.errors.BuildError: if a source fails or the self-check fails.
    """
    from govrules.knowledge.shortcuts import derive

    timings: dict[str, float] = {}
    start = time.perf_counter()
    graphs = gather(root, data_dir=data_dir, progress=progress)
    timings["gather"] = time.perf_counter() - start
    if missing := dangling(graphs):
        raise BuildError(
            "citations of provisions the build did not parse (is their document in the "
            "catalog?):\n" + "\n".join(missing)
        )

    start = time.perf_counter()
    asserted = union(graphs.values())
    inferred = infer_split(graphs)
    shortcuts = derive(asserted + inferred)
    inferred += shortcuts
    graphs[ns.graph_iri("inferred")] = inferred
    timings["infer"] = time.perf_counter() - start
    progress(f"inferred: {len(inferred)} triples, {len(shortcuts)} of them shortcuts")

    start = time.perf_counter()
    complete = {e.id for e in read(data_dir or root / "data").documents if e.norms}
    check_coverage(graphs, only=complete)
    timings["coverage"] = time.perf_counter() - start
    progress("coverage: every marked sentence covered or explained")

    if shapes_check:
        start = time.perf_counter()
        self_check(asserted + inferred, root / "shapes" / "ontology")
        timings["check"] = time.perf_counter() - start
        progress("self-check: conforms")
    # Served whole at {base}shapes; added after the checks so shapes are never data.
    shapes = sorted((root / "shapes").glob("*/*.ttl"))
    graphs[ns.graph_iri("shapes")] = union(read_turtle(p) for p in shapes)

    if base_iri != ns.DEFAULT_BASE:
        old = len(ns.DEFAULT_BASE)
        graphs = {base_iri + n[old:]: rebase(g, base_iri) for n, g in graphs.items()}
    return BuildResult(graphs=graphs, timings=timings)


def sorted_nquads(graphs: dict[str, Graph]) -> bytes:
    """Return all graphs as N-Quads, so that equal inputs give equal bytes.

    Blank nodes (the OWL lists and class expressions of the ontology) get canonical
    labels (RDFC-1.0) and the lines are sorted.
    """
    import pyoxigraph as ox

    lines: list[str] = []
    for name, graph in graphs.items():
        text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
        suffix = f" <{name}> .\n"
        lines.extend(line[:-2].rstrip() + suffix for line in text.splitlines() if line.strip())
    dataset = ox.Dataset(ox.parse("".join(lines).encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    canonical = ox.serialize(dataset, format=ox.RdfFormat.N_QUADS).decode("utf-8")
    return "".join(sorted(canonical.splitlines(keepends=True))).encode("utf-8")


NEWLINE = b"\n"


def build_id(nquads: bytes) -> str:
    """Return the id of a build: the SHA-256 of its sorted N-Quads (an ETag for everything served).

    >>> build_id(b"")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(nquads).hexdigest()


def write_extra_dumps(nquads: bytes, dumps: Path) -> None:
    """Write the Turtle (all graphs merged) and JSON-LD dumps, and gzip every dump.

    Gzip is written with mtime 0, so equal dumps give equal archives.
    """
    import pyoxigraph as ox

    quads = sorted(ox.parse(nquads, format=ox.RdfFormat.N_QUADS), key=_graph_first)
    triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)
    turtle = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=ns.PREFIXES)
    (dumps / "govrules.ttl").write_bytes(turtle)
    (dumps / "govrules.jsonld").write_bytes(ox.serialize(quads, format=ox.RdfFormat.JSON_LD))
    for name in DUMP_NAMES:
        data = (dumps / name).read_bytes()
        (dumps / (name + ".gz")).write_bytes(gzip.compress(data, compresslevel=9, mtime=0))


DUMP_NAMES = ("govrules.nq", "govrules.trig", "govrules.ttl", "govrules.jsonld")


def _graph_first(quad) -> tuple[str, str, str, str]:
    return (str(quad.graph_name), str(quad.subject), str(quad.predicate), str(quad.object))


def write(result: BuildResult, build_dir: Path, *, progress: Progress = _quiet) -> Path:
    """Write the store and the dumps under *build_dir*; the store is swapped in whole.

    :returns: the path of the store directory.
    """
    import pyoxigraph as ox

    from govrules.knowledge.search import INDEX_NAME, rows_from_store, write_index
    from govrules.store import versions
    from govrules.store.oxigraph import OxigraphStore

    build_dir.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    nquads = sorted_nquads(result.graphs)
    target = build_dir / "store"
    with versions.write_lock(target):
        # A new version, published by one symlink swap: servers keep reading the old one.
        versions.cleanup(target)
        staging = versions.new_version(target)
        store = OxigraphStore(staging)
        store.load(nquads, format="nquads", to_graph=None)
        store.flush()
        search_rows = rows_from_store(store)
        store.close()
        del store
        versions.publish(target, staging)
        versions.cleanup(target)
    result.timings["store"] = time.perf_counter() - start
    progress(f"store: {target}")

    start = time.perf_counter()
    write_index(search_rows, build_dir / INDEX_NAME)
    result.timings["search"] = time.perf_counter() - start
    progress(f"search index: {build_dir / INDEX_NAME} ({len(search_rows)} articles)")

    start = time.perf_counter()
    dumps = build_dir / "dumps"
    dumps.mkdir(exist_ok=True)
    (dumps / "govrules.nq").write_bytes(nquads)
    trig = ox.serialize(
        sorted(ox.parse(nquads, format=ox.RdfFormat.N_QUADS), key=_graph_first),
        format=ox.RdfFormat.TRIG,
        prefixes=ns.PREFIXES,
    )
    (dumps / "govrules.trig").write_bytes(trig)
    write_extra_dumps(nquads, dumps)
    (build_dir / "build-id").write_text(build_id(nquads) + "\n", encoding="ascii")
    progress(f"dumps: {dumps} ({nquads.count(NEWLINE)} quads)")
    result.timings["dump"] = time.perf_counter() - start
    return target
