"""Assemble the knowledge graph: parse, gather, infer, self-check, store, dump.

Data flows one way: sources → graphs → (inference, checks) → store and dumps.
Same inputs, same triples: the dumps are sorted, so two builds are byte-identical.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from govrules import namespaces as ns
from govrules.errors import BuildError, LoadError
from govrules.knowledge.catalog import Entry, read
from govrules.knowledge.checks import (
    check_coverage,
    check_rest,
    citations,
    dangling_lines,
    provisions,
    raise_findings,
)
from govrules.knowledge.drafting.run import add_drafts
from govrules.knowledge.parse import ParseError, parse_file, to_graph
from govrules.knowledge.quads import NEWLINE, rebase_quads, start_dumps, strip_graphs
from govrules.knowledge.result import BuildResult, BuiltGraphs
from govrules.knowledge.versions import plan, versions_graph

Progress = Callable[[str], None]
#: Where the concern norms of a document live, as ``<doc-id>.ttl``, below the data directory.
CONCERN_NORMS = Path("norms") / "concerns"


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
    graphs = gather_core(root, catalog, data_dir, progress)
    for entry in catalog.documents:
        graphs.update(gather_entry(entry, root, data_dir, progress))
    return graphs


def gather_core(root: Path, catalog, data_dir: Path, progress: Progress = _quiet) -> dict:
    """Return the ontology and organisation graphs."""
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
    return graphs


def gather_entry(entry: Entry, root: Path, data_dir: Path, progress: Progress = _quiet) -> dict:
    """Return the graphs of one work: rules, versions, curated and drafted norms."""
    docs = parse_sources(entry, data_dir)
    work_graphs = gather_work(entry, data_dir, docs)
    add_drafts(work_graphs, entry, docs, root=root, data_dir=data_dir)
    progress(
        f"rules {entry.id}: "
        + ", ".join(f"{len(g)} triples in {n.rsplit('/', 2)[-2]}" for n, g in work_graphs.items())
    )
    return work_graphs


def is_curated(entry: Entry, data_dir: Path) -> bool:
    """Return whether a work has curated norms (complete, or for some concerns)."""
    full = bool(entry.norms) and (data_dir / entry.norms).exists()
    return full or (data_dir / CONCERN_NORMS / f"{entry.id}.ttl").exists()


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
    texts = [
        version_rules(version.doc, version.iri, entry, issuer, dated=version.date is not None)
        for version in work.known()
    ]
    rules = texts[0] if len(texts) == 1 else union(texts)
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

    The ontology, organisation graphs, curated norms and the texts they cite go through the
    reasoner; the rules, versions and drafted norms graphs of the other works (plain data,
    the bulk of a corpus) get the few rules that apply to plain data (:func:`infer_data`),
    with the reasoner's closed data as the context that property chains pass through.
    """
    from govrules.knowledge.inference import infer, infer_data

    with_norms = {n.rsplit("/", 1)[1] for n in graphs if n.startswith(ns.graph_iri("norms") + "/")}
    light_prefixes = tuple(ns.graph_iri(k) + "/" for k in ("rules", "versions"))
    heavy, light = Graph(), []
    for name, graph in graphs.items():
        drafts = name.startswith(ns.graph_iri("norms-draft") + "/")
        plain = name.startswith(light_prefixes) and name.rsplit("/", 1)[1] not in with_norms
        if plain or drafts:
            light.append(graph)
        else:
            heavy += graph
    inferred = infer(heavy)
    schema = graphs[ns.graph_iri("ontology")] + inferred
    inferred += infer_data(light, schema, context=heavy + inferred)
    return inferred


def assemble(
    root: Path,
    *,
    base_iri: str = ns.DEFAULT_BASE,
    data_dir: Path | None = None,
    progress: Progress = _quiet,
    shapes_check: bool = True,
    jobs: int | None = None,
) -> BuildResult:
    """Gather, infer and check the knowledge graph in memory; nothing is written.

    The curated part (ontology, organisation graphs, works with curated norms) is read and
    reasoned over here; the plain works are built apart (:mod:`govrules.knowledge.works`),
    in *jobs* processes (default: one per core; 1 builds them in this process).

    :param shapes_check: False leaves out the shapes self-check (a benchmark runs it apart,
        with a time limit); the citations and coverage are checked either way.
    :raises govrules.errors.BuildError: if a source fails or the self-check fails.
    """
    from govrules.knowledge.inference import DataRules, infer
    from govrules.knowledge.shortcuts import derive
    from govrules.knowledge.works import WorkCheck, build_works, jobs_for

    data_dir = data_dir or root / "data"
    catalog = read(data_dir)
    timings: dict[str, float] = {}
    start = time.perf_counter()
    graphs = gather_core(root, catalog, data_dir, progress)
    plain = []
    for entry in catalog.documents:
        if is_curated(entry, data_dir):
            graphs.update(gather_entry(entry, root, data_dir, progress))
        else:
            plain.append(entry)
    timings["gather"] = time.perf_counter() - start

    # The reasoner over the curated part; the data rules over its drafts.
    start = time.perf_counter()
    drafts = [g for n, g in graphs.items() if n.startswith(ns.graph_iri("norms-draft") + "/")]
    heavy = union(g for g in graphs.values() if not any(g is d for d in drafts))
    inferred = infer(heavy)
    rules = DataRules(graphs[ns.graph_iri("ontology")] + inferred, context=heavy + inferred)
    for triple in rules.apply(drafts):
        inferred.add(triple)
    timings["infer"] = time.perf_counter() - start

    start = time.perf_counter()
    result = BuildResult(graphs=BuiltGraphs(graphs), timings=timings)
    name = ns.graph_iri("inferred")
    result.graphs[name] = inferred
    # Each plain work is checked where it is built; the curated part's types go with it.
    shapes_dir = root / "shapes" / "ontology"
    curated = (result.quads_of(n) for n in result.graphs)
    check = WorkCheck.of(shapes_dir, curated) if shapes_check else None
    known = {str(p) for n, g in graphs.items() if n.startswith(RULES) for p in provisions(g)}
    cited = {name: {str(c) for c in citations(g)} for name, g in graphs.items()}
    plain_inferred: list[bytes] = []
    plain_names: list[str] = []
    found: list[tuple] = []
    reports: list = []  # the works' checks
    jobs = jobs_for(len(plain), jobs)
    works = build_works(plain, root=root, data_dir=data_dir, rules=rules, jobs=jobs, check=check)
    for out in works:
        for graph_name, data in out.quads.items():
            result.graphs.set_quads(graph_name, data)
            plain_names.append(graph_name)
        plain_inferred.append(out.inferred)
        known |= out.provisions
        cited.update(out.cited)
        if out.check is not None:
            found += out.check.findings
            reports.append(out.check)
        timings["works: checks"] = timings.get("works: checks", 0.0) + out.check_seconds
        progress(out.line)
    timings["works"] = time.perf_counter() - start
    if plain:
        checked = " and checked" if check else ""
        progress(f"works: {len(plain)} without curated norms, built{checked} in {jobs} process(es)")
    if missing := dangling_lines(known, cited):
        raise BuildError(
            "citations of provisions the build did not parse (is their document in the "
            "catalog?):\n" + "\n".join(missing)
        )

    start = time.perf_counter()
    plain_set = set(plain_names)  # the plain works derived their shortcuts themselves
    shortcuts = derive(b"".join(result.quads_of(n) for n in result.graphs if n not in plain_set))
    inferred += shortcuts
    timings["shortcuts"] = time.perf_counter() - start
    progress(f"shortcuts: {len(shortcuts)} triples of the curated part")

    start = time.perf_counter()
    complete = {e.id for e in catalog.documents if e.norms}
    check_coverage(result.graphs, only=complete)
    timings["coverage"] = time.perf_counter() - start
    progress("coverage: every marked sentence covered or explained")

    if check is not None:
        # The curated part, and what the plain works said of nodes that are not theirs.
        start = time.perf_counter()
        rest = strip_graphs(result.quads_of(n) for n in result.graphs if n not in plain_set)
        chunks = [*map(result.quads_of, plain_names), *plain_inferred]
        own = (strip_graphs([c]) for c in chunks)
        found += check_rest(rest.splitlines(keepends=True), reports, check.shapes, own)
        del rest
        raise_findings(found)
        timings["check"] = time.perf_counter() - start
        apart = f" ({len(plain)} works checked apart, then the rest)" if plain else ""
        progress(f"self-check: conforms{apart}")
    if plain_inferred:
        start = time.perf_counter()
        lines = set(b"".join([result.quads_of(name)] + plain_inferred).splitlines(keepends=True))
        result.graphs.set_quads(name, b"".join(sorted(lines)))
        timings["shortcuts"] += time.perf_counter() - start
    progress(f"inferred: {result.graphs.size(name)} triples in all")
    # Served whole at {base}shapes; added after the checks so shapes are never data.
    shapes = sorted((root / "shapes").glob("*/*.ttl"))
    result.graphs[ns.graph_iri("shapes")] = union(read_turtle(p) for p in shapes)

    if base_iri != ns.DEFAULT_BASE:
        moved = BuiltGraphs()
        for n in result.graphs:
            target = base_iri + n[len(ns.DEFAULT_BASE) :]
            moved.set_quads(target, rebase_quads(result.quads_of(n), base_iri))
        result.graphs = moved
    return result


RULES = ns.graph_iri("rules") + "/"


def write(result: BuildResult, build_dir: Path, *, progress: Progress = _quiet) -> Path:
    """Write the store and the dumps under *build_dir*; the store is swapped in whole.

    :returns: the path of the store directory.
    """
    from govrules.knowledge.search import INDEX_NAME, rows_from_store, write_index
    from govrules.store import versions
    from govrules.store.oxigraph import OxigraphStore

    build_dir.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    nquads = result.nquads()
    dumps = build_dir / "dumps"
    dumps_written = start_dumps(nquads, dumps, build_dir / "build-id")  # beside the store
    target = build_dir / "store"
    with versions.write_lock(target):
        # A new version, published by one symlink swap: servers keep reading the old one.
        versions.cleanup(target)
        staging = versions.new_version(target)
        store = OxigraphStore(staging)
        store.load(nquads, format="nquads", to_graph=None, bulk=True)  # nobody reads it yet
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
    dumps_written()
    progress(f"dumps: {dumps} ({nquads.count(NEWLINE)} quads)")
    result.timings["dump"] = time.perf_counter() - start  # what was left after the store
    return target
