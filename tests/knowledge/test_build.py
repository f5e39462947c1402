"""The built knowledge graph: counts, text, determinism, self-check, both backends agree."""

import subprocess

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from govrules.errors import BuildError
from govrules.knowledge.checks import self_check
from govrules.namespaces import GWR

from ..conftest import BIN, ROOT

DOC = "https://w3id.org/govrules/eli/cn/330382/work-rules/2020"
PREFIXES = """PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX gwr: <https://w3id.org/govrules/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX org: <http://www.w3.org/ns/org#>
"""


def test_seven_chapters_and_thirty_four_articles(oxigraph_store):
    rows = oxigraph_store.query(
        PREFIXES
        + f"""
        SELECT ?kind (COUNT(DISTINCT ?p) AS ?n) WHERE {{
          VALUES ?kind {{ gwr:Chapter gwr:Article }}
          ?p a ?kind ; eli:is_part_of+ <{DOC}> }} GROUP BY ?kind"""
    ).rows()
    counts = {str(r["kind"]).rsplit("#", 1)[1]: int(r["n"]) for r in rows}
    assert counts == {"Chapter": 7, "Article": 34}


def test_every_article_has_its_chinese_text(oxigraph_store):
    rows = oxigraph_store.query(
        PREFIXES
        + f"""
        SELECT ?a ?text WHERE {{ ?a a gwr:Article ; eli:is_part_of+ <{DOC}> ; gwr:text ?text .
          FILTER(lang(?text) = "zh") }}"""
    ).rows()
    iris = {str(r["a"]) for r in rows}
    assert iris == {f"{DOC}/art_{n}" for n in range(1, 35)}
    text7 = next(str(r["text"]) for r in rows if str(r["a"]).endswith("/art_7"))
    assert "重大事项,必须经市政府全体会议或市政府常务会议讨论决定" in text7


def test_article_ten_is_joined_across_the_hard_wrap(oxigraph_store):
    rows = oxigraph_store.query(
        PREFIXES + f"SELECT ?t WHERE {{ <{DOC}/art_10/para_1> gwr:text ?t }}"
    )
    assert "负责处理市政府的日常工作" in str(rows.rows()[0]["t"])


def test_inferred_graph_holds_superclass_types(built):
    inferred = built.graphs["https://w3id.org/govrules/graph/inferred"]
    assert (URIRef(f"{DOC}/art_7"), RDF.type, GWR.Provision) in inferred


def test_self_check_rejects_an_article_without_text(built):
    broken = Graph()
    for graph in built.graphs.values():
        broken += graph
    article = URIRef(f"{DOC}/art_7")
    broken.remove((article, GWR.text, None))
    with pytest.raises(BuildError, match="does not conform"):
        self_check(broken, ROOT / "shapes" / "ontology")


def test_self_check_passes_the_real_graph(built):
    merged = Graph()
    for graph in built.graphs.values():
        merged += graph
    self_check(merged, ROOT / "shapes" / "ontology")


def test_two_builds_give_identical_dumps(built_dir, tmp_path):
    subprocess.run(
        [BIN / "govrules", "build", "--build-dir", str(tmp_path), "--quiet"], cwd=ROOT, check=True
    )
    for name in ("govrules.nq", "govrules.trig"):
        assert (tmp_path / "dumps" / name).read_bytes() == (built_dir / "dumps" / name).read_bytes()


def test_dump_round_trips_through_rdflib(built_dir, built):
    dumped = (built_dir / "dumps" / "govrules.trig").read_bytes()
    from rdflib import Dataset

    ds = Dataset()
    ds.parse(data=dumped, format="trig")
    total = sum(len(ds.graph(URIRef(name))) for name in built.graphs)
    assert total == sum(built.sizes().values())


CROSS_CHECK = [
    "SELECT ?c ?title WHERE { ?c a gwr:Chapter ; eli:title ?title } ORDER BY ?c",
    f"SELECT ?p ?n WHERE {{ ?p a gwr:Paragraph ; eli:number ?n ; eli:is_part_of <{DOC}/art_11> }}"
    " ORDER BY ?n",
    "SELECT ?post ?label WHERE { ?post a gwr:Post ; rdfs:label ?label } ORDER BY ?post ?label",
    f"ASK {{ <{DOC}/art_34> eli:is_part_of <{DOC}/chp_7> }}",
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
]


@pytest.mark.parametrize("query", CROSS_CHECK)
def test_backends_agree(oxigraph_store, rdflib_store, query):
    ox = oxigraph_store.query(PREFIXES + query)
    rd = rdflib_store.query(PREFIXES + query)
    if ox.kind == "boolean":
        assert ox.boolean() is rd.boolean() is True
        return
    assert ox.rows() == rd.rows()
    assert ox.rows(), "a cross-check query must return something"


def test_literal_language_survives_the_store(oxigraph_store):
    rows = oxigraph_store.query(PREFIXES + f"SELECT ?l WHERE {{ <{DOC}/art_7> rdfs:label ?l }}")
    assert Literal("《乐清市人民政府工作规则》第七条", lang="zh") in [r["l"] for r in rows.rows()]


def test_rdflib_backend_serves_the_built_dump(built_dir):
    from govrules.store import open_store

    store = open_store(str(built_dir / "store"), backend="rdflib")
    query = f"SELECT (COUNT(?a) AS ?n) WHERE {{ ?a a gwr:Article ; eli:is_part_of+ <{DOC}> }}"
    rows = store.query(PREFIXES + query).rows()
    assert int(rows[0]["n"]) == 34


def test_serving_before_building_names_the_fix(tmp_path):
    from govrules.errors import StoreUnavailable
    from govrules.store import open_store

    for backend in ("oxigraph", "rdflib"):
        with pytest.raises(StoreUnavailable, match="govrules build"):
            open_store(str(tmp_path / "store"), backend=backend)


def test_a_document_left_out_of_the_catalog_names_the_graphs_citing_it(tmp_path):
    import shutil

    from govrules.knowledge import catalog as cat
    from govrules.knowledge.build import assemble

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    full = cat.read(data)
    kept = [e for e in full.documents if e.id != "500000-rules-of-procedure-1997"]
    cat.write(cat.Catalog(kept, full.organisations), data)
    with pytest.raises(BuildError) as caught:
        assemble(ROOT, data_dir=data)
    message = str(caught.value)
    assert "is their document in the catalog?" in message
    assert "graph/org/500000 cites" in message
    assert "/500000/rules-of-procedure/1997/2023-03-30/art_" in message
