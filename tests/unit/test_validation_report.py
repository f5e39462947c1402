"""Report enrichment and the pure helpers of validation, on tiny hand-made graphs."""

from __future__ import annotations

import pytest
from rdflib import Graph

from govrules.compliance import reporting, uploads, validation
from govrules.compliance.validation import Finding, Knowledge, Outcome
from govrules.errors import BadRequest, LoadError

ELI = "https://w3id.org/govrules/eli/cn/330382/work-rules/2020/"
KNOWLEDGE = f"""
<{ELI}art_25/para_1> <http://www.w3.org/2000/01/rdf-schema#label> "《规则》第二十五条第一款"@zh .
<{ELI}art_25/para_1> <https://w3id.org/govrules/ontology#text> "要在15日内备案" .
<{ELI}art_25/para_1> <http://data.europa.eu/eli/ontology#is_part_of> <{ELI}art_25> .
<{ELI}art_25> <http://www.w3.org/2000/01/rdf-schema#label> "《规则》第二十五条"@zh .
""".encode()
SHAPES = f"""
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix gwr: <https://w3id.org/govrules/ontology#> .
<urn:S> a sh:NodeShape ; sh:message "迟了"@zh , "late"@en ; sh:severity sh:Warning ;
  gwr:enforces <{ELI}norm/art_25-7> ; gwr:hasLegalSource <{ELI}art_25/para_1> .
"""


@pytest.fixture()
def knowledge():
    return Knowledge(KNOWLEDGE, Graph().parse(data=SHAPES, format="turtle"))


def test_enrich_groups_by_record_and_counts_per_article(knowledge):
    findings = [
        Finding("urn:S", "urn:doc2", None, "Warning"),
        Finding(
            "urn:S", "urn:doc1", '"2020-05-01"^^<http://www.w3.org/2001/XMLSchema#date>', "Warning"
        ),
        Finding("urn:S", "urn:doc1", "urn:v", "Warning"),
    ]
    report = reporting.enrich(Outcome(findings, "fast", 10), knowledge)
    assert report["conforms"] is False
    assert report["counts"] == {"Violation": 0, "Warning": 3, "Info": 0}
    assert [r["record"] for r in report["records"]] == ["urn:doc1", "urn:doc2"]
    first = report["records"][0]["results"][0]
    assert first["message"] == {"zh": "迟了", "en": "late"}
    assert first["norms"] == [f"{ELI}norm/art_25-7"]
    assert first["provisions"][0]["text"] == "要在15日内备案"
    assert first["provisions"][0]["article"]["label"]["zh"] == "《规则》第二十五条"
    assert report["articles"] == [
        {
            "iri": f"{ELI}art_25",
            "label": {"zh": "《规则》第二十五条"},
            "Violation": 0,
            "Warning": 3,
            "Info": 0,
        }
    ]


def test_report_graph_keeps_literal_values(knowledge):
    finding = Finding(
        "urn:S", "urn:doc1", '"2020-05-01"^^<http://www.w3.org/2001/XMLSchema#date>', "Warning"
    )
    graph = reporting.to_graph(reporting.enrich(Outcome([finding], "fast", 1), knowledge))
    assert "2020-05-01" in graph.serialize(format="nt")


def test_empty_report_conforms(knowledge):
    report = reporting.enrich(Outcome([], "pyshacl", 0), knowledge)
    assert report["conforms"] is True and report["articles"] == [] and report["records"] == []
    assert reporting.to_text(report).startswith("Export conforms")


@pytest.mark.parametrize(
    ("name", "media", "expected"),
    [
        ("a.ttl", None, "turtle"),
        ("a.NT", None, "ntriples"),
        ("a.jsonld", None, "jsonld"),
        (None, "text/turtle;charset=utf-8", "turtle"),
        (None, "application/n-triples", "ntriples"),
    ],
)
def test_format_for(name, media, expected):
    assert uploads.format_for(name, media_type=media) == expected


def test_format_for_unknown():
    with pytest.raises(BadRequest):
        uploads.format_for("a.rdf")


def test_resolve_contexts_inlines_ours_and_refuses_others():
    ours = {"@context": {"x": "urn:x"}}
    body = b'{"@context": "https://w3id.org/govrules/context.jsonld", "@graph": []}'
    assert b'"x": "urn:x"' in uploads.resolve_contexts(body, ours)
    with pytest.raises(LoadError):
        uploads.resolve_contexts(b'{"@context": ["http://evil.example/c"]}', ours)


def test_targeted_query_joins_targets():
    query = validation.targeted_query(
        "SELECT $this ?value WHERE { $this <urn:p> ?value }", ["urn:C"], ["<urn:n>"]
    )
    assert "$this" not in query
    assert "<urn:C>" in query and "VALUES ?this { <urn:n> }" in query


def test_choose_engine(knowledge):
    assert validation.choose_engine(None, knowledge.shapes) == "fast"
    assert validation.choose_engine("pyshacl", knowledge.shapes) == "pyshacl"
    with pytest.raises(BadRequest):
        validation.choose_engine("other", knowledge.shapes)
    with_path = Graph().parse(
        data="""@prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:S> a sh:NodeShape ; sh:property [ sh:path <urn:p> ] .""",
        format="turtle",
    )
    assert validation.choose_engine(None, with_path) == "pyshacl"
