"""Each compliance shape on its fixtures, with both engines: valid conforms, invalid finds exactly
what the fixture's ``# expect:`` lines say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from govrules.compliance import uploads, validation
from govrules.namespaces import GWR, GWRSH, SH

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "shapes"
CASES = sorted(FIXTURES.glob("*/*.ttl"))
EXPECT = re.compile(r"^# expect: <([^>]+)> (.+)$", re.MULTILINE)


def expected(path: Path) -> list[tuple[str, str]]:
    """Return the (focus, value) pairs a fixture announces, values as findings write them."""
    pairs = []
    for focus, value in EXPECT.findall(path.read_text(encoding="utf-8")):
        pairs.append((focus, value[1:-1] if value.startswith("<") else value))
    return sorted(pairs)


@pytest.fixture(scope="module")
def knowledge(built):
    return validation.knowledge_from_graphs(built.graphs, ROOT)


def test_every_shape_has_valid_and_invalid_fixtures(knowledge):
    shapes = {s.split("#")[1] for s in map(str, knowledge.shapes.subjects(RDF.type, SH.NodeShape))}
    assert len(shapes) >= 20
    assert {p.name for p in FIXTURES.iterdir()} == shapes
    for name in shapes:
        cases = [p.name for p in (FIXTURES / name).glob("*.ttl")]
        assert any(c.startswith("valid-") for c in cases), name
        assert any(c.startswith("invalid-") for c in cases), name


def test_every_shape_cites_its_norm_and_paragraph(knowledge):
    shapes, norms = knowledge.shapes, knowledge.graph()
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        enforced = list(shapes.objects(shape, GWR.enforces))
        sources = set(shapes.objects(shape, GWR.hasLegalSource))
        assert enforced and sources, shape
        for norm in enforced:
            assert set(norms.objects(norm, GWR.hasLegalSource)) <= sources, (shape, norm)
        langs = {m.language for m in shapes.objects(shape, SH.message)}
        assert langs == {"zh", "en"}, shape
        assert shapes.value(shape, SH.severity) in {SH.Violation, SH.Warning, SH.Info}


@pytest.mark.parametrize("engine", validation.ENGINES)
@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_shape_on_fixture(knowledge, path, engine):
    shape = str(GWRSH[path.parent.name])
    upload = uploads.load_upload(path.read_bytes(), format="turtle")
    outcome = validation.validate(upload, knowledge.only(shape), engine=engine)
    found = sorted((f.focus, f.value) for f in outcome.findings)
    assert {f.shape for f in outcome.findings} <= {shape}
    if path.name.startswith("valid-"):
        assert found == []
    else:
        assert found == expected(path) != []


def test_fixtures_conform_to_the_other_shapes_or_say_why(knowledge):
    """The conforming example breaks nothing, with either engine."""
    data = (ROOT / "data" / "examples" / "conforming.ttl").read_bytes()
    for engine in validation.ENGINES:
        upload = uploads.load_upload(data, format="turtle")
        assert validation.validate(upload, knowledge, engine=engine).findings == []


def test_period_comes_from_the_norm(knowledge):
    """Change the norm's period and the filing check follows (P15D → P30D)."""
    period = URIRef(
        str(
            knowledge.graph().value(
                URIRef("https://w3id.org/govrules/eli/cn/330382/work-rules/2020/norm/art_25-7"),
                GWR.deadline,
            )
        )
    )
    changed = Graph().parse(data=knowledge.ntriples, format="nt")
    old = changed.value(period, GWR.period)
    changed.set((period, GWR.period, type(old)("P30D", datatype=old.datatype)))
    altered = validation.Knowledge(
        changed.serialize(format="nt", encoding="utf-8"), knowledge.shapes
    )
    path = FIXTURES / "DepartmentDocumentFilingShape" / "invalid-day-16.ttl"
    for engine in validation.ENGINES:
        upload = uploads.load_upload(path.read_bytes(), format="turtle")
        assert (
            validation.validate(
                upload, altered.only(str(GWRSH.DepartmentDocumentFilingShape)), engine=engine
            ).findings
            == []
        )


def test_engines_agree_on_a_generated_export(knowledge):
    """Both engines find exactly what the generator says it broke (small: pySHACL is slow)."""
    from collections import Counter

    from govrules import generator

    export = generator.generate(triples=1500, violations=0.1, seed=7)
    outcomes = {}
    for engine in validation.ENGINES:
        upload = uploads.load_upload(export.data, format=export.format)
        outcomes[engine] = validation.validate(upload, knowledge, engine=engine).findings
    assert outcomes["fast"] == outcomes["pyshacl"]
    found = Counter((f.focus, f.shape.rsplit("#", 1)[1]) for f in outcomes["fast"])
    assert found == export.expected() and sum(found.values()) > 20
