"""The drafter over whole texts: the shared corpus (slow) and a build with drafted norms."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import PROV

from govrules import namespaces as ns
from govrules.knowledge import catalog as cat
from govrules.knowledge.build import assemble
from govrules.knowledge.coverage import coverage
from govrules.knowledge.drafting.run import draft_path
from govrules.knowledge.parse import ParseError, to_graph
from govrules.knowledge.quads import sorted_nquads

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / ".." / "shared" / "corpus"


def _norm_shapes() -> Graph:
    return Graph().parse(ROOT / "shapes" / "ontology" / "norms.ttl")


def _ontology() -> Graph:
    graph = Graph()
    for path in sorted((ROOT / "ontology").glob("*.ttl")):
        graph.parse(path)
    return graph


@pytest.mark.slow
def test_drafter_over_the_shared_corpus_conforms_to_the_norm_shapes():
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus (../shared/corpus beside the repository) is absent")
    from pyshacl import validate

    files = sorted(CORPUS.rglob("*.md"))
    assert files, "the corpus glob found no text"
    drafted, norms, failed = Graph(), 0, []
    for path in files:
        try:
            run = draft_path(path, root=ROOT)
        except ParseError:
            failed.append(path.name)
            continue
        for norm in run.drafts.norms:
            text = " ".join(_texts(run.doc))
            assert norm.quote and norm.quote in text, (path.name, norm.quote)
        norms += len(run.drafts.norms)
        drafted += run.graph
        # The provisions the norms cite, so the shapes can see they are paragraphs and items.
        drafted += to_graph(run.doc, doc_iri=run.doc_iri, jurisdiction="")
    assert norms > 1000, f"only {norms} norms drafted over {len(files)} files"
    # Texts the parser cannot read yet are counted, not hidden: most must parse.
    assert len(failed) < len(files) / 2, failed
    conforms, _, text = validate(
        drafted + _ontology(), shacl_graph=_norm_shapes(), inference="none", advanced=True
    )
    assert conforms, text[:3000]


def _texts(doc):
    for article in doc.articles:
        for para in article.paragraphs:
            yield para.text
            for item in para.items:
                yield item.text


@pytest.fixture(scope="module")
def drafted_build(tmp_path_factory):
    """A build whose catalog has one document without curated norms."""
    data = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "source" / "sample.txt").write_text(
        "乐清市人民政府会议制度\n第一条 根据有关规定，制定本制度。\n"
        "第二条 市长召集和主持常务会议。市政府各部门应当自发布之日起十五日内向市政府备案。\n"
        "第三条 市政府各部门不得公开会议材料。\n",
        encoding="utf-8",
    )
    # The Yueqing rules (curated) and one document without curated norms: a small build.
    # Only Yueqing's organisation graph: the others cite provisions of documents left out.
    full = cat.read(data)
    yueqing = full.find("330382-work-rules-2020")
    sample = cat.Entry(
        id="330382-meeting-system-2021",
        jurisdiction="330382",
        type="meeting-system",
        year="2021",
        title="乐清市人民政府会议制度",
        sources=["source/sample.txt"],
        issuer="city-government",
    )
    orgs = [o for o in full.organisations if o["id"] == "330382"]
    cat.write(cat.Catalog([yueqing, sample], orgs), data)
    # assemble() runs the coverage check and the self-check against the ontology shapes.
    return assemble(ROOT, data_dir=data)


def test_build_drafts_norms_for_a_document_without_curated_ones(drafted_build):
    graphs = drafted_build.graphs
    drafted = graphs[ns.graph_iri("norms-draft", "330382-meeting-system-2021")]
    # Yueqing is curated throughout: nothing drafted for it.
    assert ns.graph_iri("norms-draft", "330382-work-rules-2020") not in graphs
    rules = graphs[ns.graph_iri("rules", "330382-meeting-system-2021")]
    report = coverage(rules + drafted)
    assert report.ok, report.errors
    status = ns.concept_iri("curation-status", "draft")
    nodes = set(drafted.subjects(ns.GWR.curationStatus, None))
    assert len(nodes) == 4
    assert {str(o) for o in drafted.objects(None, ns.GWR.curationStatus)} == {status}
    bearers = {str(drafted.value(n, ns.GWR.bearer)) for n in nodes}
    assert bearers == {
        ns.post_iri("330382", "mayor"),
        ns.DEFAULT_BASE + "id/cn/330382/group/departments",
    }
    activity = {drafted.value(n, PROV.wasGeneratedBy) for n in nodes}
    assert len(activity) == 1
    assert drafted.value(activity.pop(), ns.GWR.drafterVersion) is not None


def test_questions_mark_drafted_rows(drafted_build):
    from govrules.query.questions import ask
    from govrules.store.oxigraph import OxigraphStore

    store = OxigraphStore()
    store.load(sorted_nquads(drafted_build.graphs), format="nquads", to_graph=None)
    rows = ask(store, "prohibitions", {}).rows()
    drafted = [r for r in rows if str(r["drafted"]) == "true"]
    curated = [r for r in rows if str(r["drafted"]) == "false"]
    assert [str(r["source"]).rsplit("/", 2)[-2] for r in drafted] == ["art_3"]
    assert "/norm/draft/" in str(drafted[0]["norm"])
    # The curated prohibitions of the Yueqing rules are not marked.
    assert curated and all("/norm/draft/" not in str(r["norm"]) for r in curated)
