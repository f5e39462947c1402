"""Draft a file or a catalogued document: parse it, find its organisation graph, draft, to RDF."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from rdflib import Graph, URIRef

from govrules import namespaces as ns
from govrules.errors import BuildError
from govrules.knowledge.drafting import DRAFTER_VERSION, Drafts, draft_document, to_graph
from govrules.knowledge.parse import ParseError, parse_file, parse_text


@dataclass
class DraftRun:
    """A drafted document: its parse, its drafts and their graph."""

    doc_iri: str
    drafts: Drafts
    graph: Graph
    doc: object


def parse_source(path: Path):
    """Parse a text; a Markdown text of the law database falls back to its body.

    The body is what follows ``<!-- INFO END -->`` with its ``#`` heading lines left out, for
    parsers that read plain text only.

    :raises govrules.knowledge.parse.ParseError: if neither reading parses.
    """
    try:
        doc = parse_file(path)
    except ParseError:
        doc = None
    text = path.read_text(encoding="utf-8")
    if doc is not None and (doc.title or "<!-- INFO END -->" not in text):
        return doc
    if "<!-- INFO END -->" not in text:
        return parse_file(path)
    head, body = text.split("<!-- INFO END -->", 1)
    title = re.search(r"^#\s*(.+)$", head, re.M)
    lines = [ln for ln in body.splitlines() if not ln.lstrip().startswith("#")]
    return parse_text((title.group(1) if title else path.stem) + "\n" + "\n".join(lines))


def party_labels(root: Path, org: Graph | None = None) -> Graph:
    """Return the graph whose labels name parties: the concept schemes (roles, meeting types)
    and the organisation graph, if any.

    The concept schemes are parsed once per file version and shared: with an organisation
    graph the result is a new graph, without one it is the shared one, for reading only.
    """
    path = root / "ontology" / "concepts.ttl"
    concepts = _concepts(path, path.stat().st_mtime_ns if path.exists() else 0)
    return concepts if org is None else concepts + org


@functools.lru_cache(maxsize=4)
def _concepts(path: Path, _version: int) -> Graph:
    graph = Graph()
    if path.exists():
        graph.parse(path, format="turtle")
    return graph


def draft_path(
    path: Path,
    *,
    root: Path,
    doc_iri: str | None = None,
    org: Graph | None = None,
    issuer_iri: str | None = None,
    generated: dt.datetime | None = None,
) -> DraftRun:
    """Draft the norms of one text file, catalogued or not.

    :raises govrules.knowledge.parse.ParseError: if the text does not parse.
    """
    doc = parse_source(path)
    doc_iri = (doc_iri or f"{ns.DEFAULT_BASE}eli/draft/{quote(path.stem, safe='')}").rstrip("/")
    drafts = draft_document(
        doc, doc_iri=doc_iri, org=party_labels(root, org), issuer_iri=issuer_iri
    )
    when = generated or dt.datetime.now(dt.UTC).replace(microsecond=0)
    graph = to_graph(drafts, doc_iri=doc_iri, drafter_version=DRAFTER_VERSION, generated=when)
    return DraftRun(doc_iri, drafts, graph, doc)


def catalog_entry(data_dir: Path, doc_id: str):
    """Return the catalog entry of a document id.

    :raises govrules.errors.BuildError: if the id is not in the catalog.
    """
    from govrules.knowledge.catalog import read

    for entry in read(data_dir).documents:
        if entry.id == doc_id:
            return entry
    raise BuildError(f"no document {doc_id!r} in {data_dir / 'catalog.toml'}")


def org_graph(data_dir: Path, jurisdiction: str) -> Graph | None:
    """Return the organisation graph of a jurisdiction, if the catalog has one."""
    from govrules.knowledge.build import read_turtle

    catalog = data_dir / "catalog.toml"
    stamp = catalog.stat().st_mtime_ns if catalog.exists() else 0
    files = dict(_organisation_files(data_dir, stamp))
    if jurisdiction in files:
        return read_turtle(data_dir / files[jurisdiction])
    # An organisation graph not listed (yet) is found by its jurisdiction's file name.
    path = data_dir / "org" / f"{jurisdiction}.ttl"
    return read_turtle(path) if path.exists() else None


@functools.lru_cache(maxsize=4)
def _organisation_files(data_dir: Path, _stamp: int) -> tuple[tuple[str, str], ...]:
    """The catalog's organisation graphs (id, file), read once per catalog version: a build
    drafts every work, and reading a catalog of a thousand works for each cost 0.15 s a work."""
    from govrules.knowledge.catalog import read

    return tuple((org["id"], org["file"]) for org in read(data_dir).organisations)


def draft_versions(
    entry,
    docs: list,
    *,
    root: Path,
    data_dir: Path,
    generated: dt.datetime | None = None,
) -> list[DraftRun]:
    """Draft every known version of a catalogued work, each under its version IRI.

    :param docs: the parsed texts of ``entry.sources``.
    """
    from govrules.knowledge.versions import plan

    labels = party_labels(root, org_graph(data_dir, entry.jurisdiction))
    issuer = ns.body_iri(entry.jurisdiction, entry.issuer) if entry.issuer else None
    when = generated or dt.datetime.now(dt.UTC).replace(microsecond=0)
    runs = []
    for version in plan(entry, docs).known():
        drafts = draft_document(version.doc, doc_iri=version.iri, org=labels, issuer_iri=issuer)
        graph = to_graph(
            drafts, doc_iri=version.iri, drafter_version=DRAFTER_VERSION, generated=when
        )
        runs.append(DraftRun(version.iri, drafts, graph, version.doc))
    return runs


def draft_entry(entry, *, root: Path, data_dir: Path, generated=None) -> DraftRun:
    """Draft the latest known version of a catalogued work.

    :raises govrules.errors.BuildError: if a source text does not parse.
    """
    from govrules.knowledge.build import parse_sources

    runs = draft_versions(
        entry, parse_sources(entry, data_dir), root=root, data_dir=data_dir, generated=generated
    )
    return runs[-1]


def drafted_graph(entry, docs, *, root: Path, data_dir: Path, curated: Graph | None):
    """Return the build's drafted norms of a work: every version, less what curation covers.

    The drafting time is the newest source file's modification time, so that equal inputs
    give equal triples. Returns None when nothing is left to draft.
    """
    from govrules.namespaces import GWR

    stamp = max(int((data_dir / s).stat().st_mtime) for s in entry.sources)
    when = dt.datetime.fromtimestamp(stamp, dt.UTC)
    graph = Graph()
    for run in draft_versions(entry, docs, root=root, data_dir=data_dir, generated=when):
        graph += run.graph
    kept = uncovered(graph, curated)
    if next(kept.subjects(GWR.curationStatus, None), None) is None:
        return None
    return kept


def add_drafts(graphs: dict, entry, docs, *, root: Path, data_dir: Path) -> None:
    """Add a work's drafted norms graph to its *graphs*, for what curation leaves uncovered."""
    curated = graphs.get(ns.graph_iri("norms", entry.id))
    drafted = drafted_graph(entry, docs, root=root, data_dir=data_dir, curated=curated)
    if drafted is not None:
        graphs[ns.graph_iri("norms-draft", entry.id)] = drafted


def uncovered(drafted: Graph, curated: Graph | None) -> Graph:
    """Return the drafts of paragraphs that no curated norm or note covers (curated wins)."""
    if curated is None:
        return drafted
    from govrules.namespaces import GWR

    covered = {str(s) for s in curated.objects(None, GWR.hasLegalSource)}
    covered |= {str(s) for s, _, _ in curated.triples((None, GWR.nonNormativeNote, None))}
    covered |= {re.sub(r"/item_\d+$", "", c) for c in covered}
    kept = Graph()
    ns.bind_prefixes(kept)
    dropped = set()
    for norm, source in drafted.subject_objects(GWR.hasLegalSource):
        if str(source) in covered or re.sub(r"/item_\d+$", "", str(source)) in covered:
            dropped.add(norm)
    below = tuple(f"{d}/" for d in dropped)  # the deadline, condition … nodes of a dropped norm
    for s, p, o in drafted:
        if s in dropped or str(s).startswith(below):
            continue
        if p == GWR.nonNormativeNote and str(s) in covered:
            continue
        kept.add((s, p, o))
    return kept


def is_draft(node: URIRef) -> bool:
    """Return whether a norm IRI is a drafted one (``…/norm/draft/…``)."""
    return "/norm/draft/" in str(node)
