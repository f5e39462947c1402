"""The build's N-Quads: canonical blank nodes, sorted lines, dumps that read back the same."""

import gzip

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from govrules.knowledge.quads import build_id, sorted_nquads, triples_of, write_dumps

EX = "urn:ex:"


def graphs() -> dict[str, Graph]:
    ontology, data = Graph(), Graph()
    for name in ("A", "B"):
        cls, members = URIRef(EX + name), BNode()
        Collection(ontology, members, [URIRef(EX + "x"), URIRef(EX + name.lower())])
        ontology.add((cls, OWL.unionOf, members))
        ontology.add((cls, RDFS.label, Literal(f"类{name}", lang="zh")))
    data.add((URIRef(EX + "n"), RDF.type, URIRef(EX + "A")))
    data.add((URIRef(EX + "n"), RDFS.label, Literal('a "quoted"\nline')))
    return {EX + "g/ontology": ontology, EX + "g/data": data}


def whole_dataset_canonical(named: dict[str, Graph]) -> bytes:
    """The reference: every quad canonicalized together, then sorted."""
    dataset = ox.Dataset()
    for name, graph in named.items():
        text = graph.serialize(format="nt", encoding="utf-8")
        for triple in ox.parse(text, format=ox.RdfFormat.N_TRIPLES):
            dataset.add(
                ox.Quad(triple.subject, triple.predicate, triple.object, ox.NamedNode(name))
            )
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    lines = ox.serialize(dataset, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True)
    return b"".join(sorted(lines))


def test_canonical_labels_are_those_of_the_whole_dataset():
    assert sorted_nquads(graphs()) == whole_dataset_canonical(graphs())


def test_equal_graphs_give_equal_bytes_whatever_their_blank_node_labels():
    assert build_id(sorted_nquads(graphs())) == build_id(sorted_nquads(graphs()))


def test_the_dumps_read_back_as_the_quads(tmp_path):
    nquads = sorted_nquads(graphs())
    write_dumps(nquads, tmp_path)
    quads = set(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    for name, fmt in (
        ("govrules.trig", ox.RdfFormat.TRIG),
        ("govrules.jsonld", ox.RdfFormat.JSON_LD),
    ):
        assert set(ox.parse(path=str(tmp_path / name), format=fmt)) == quads, name
    merged = set(ox.parse(path=str(tmp_path / "govrules.ttl"), format=ox.RdfFormat.TURTLE))
    assert merged == set(ox.parse(triples_of(nquads), format=ox.RdfFormat.N_TRIPLES))
    assert len(merged) == len({(q.subject, q.predicate, q.object) for q in quads})
    for name in ("govrules.nq", "govrules.trig", "govrules.ttl", "govrules.jsonld"):
        packed = gzip.decompress((tmp_path / (name + ".gz")).read_bytes())
        assert packed == (tmp_path / name).read_bytes()


def test_the_dumps_are_written_beside_the_build_and_their_failure_is_reported(tmp_path):
    from govrules.errors import BuildError
    from govrules.knowledge.quads import build_id, start_dumps

    data = b'<urn:s> <urn:p> "o" <urn:g> .\n'
    wait = start_dumps(data, tmp_path / "dumps", tmp_path / "build-id")
    wait()
    assert (tmp_path / "dumps" / "govrules.nq").read_bytes() == data
    assert (tmp_path / "build-id").read_text() == build_id(data) + "\n"

    (tmp_path / "taken").write_text("a file where the dumps should go")
    wait = start_dumps(data, tmp_path / "taken", tmp_path / "build-id-2")
    with pytest.raises(BuildError, match="writing the dumps in .*taken failed: FileExistsError"):
        wait()
    assert not (tmp_path / "build-id-2").exists()
