"""The generator of exported records: determinism, size, shares of violations, manifest."""

from __future__ import annotations

import json

import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.compare import isomorphic

from govrules import namespaces as ns
from govrules.cli import main
from govrules.generator import KINDS, RULES, generate

SHARE = 0.04


@pytest.fixture(scope="module")
def mixed():
    """An export of ~3,000 records where every rule is broken by 4 % of the records it is about."""
    return generate(records=3000, violations=SHARE, seed=7)


@pytest.fixture(scope="module")
def small_graph():
    export = generate(records=400, violations=0.05, seed=11)
    return export, Graph().parse(data=export.data, format="nt")


def test_same_seed_gives_same_bytes_and_manifest():
    a = generate(records=500, violations=0.05, seed=3)
    b = generate(records=500, violations=0.05, seed=3)
    assert a.data == b.data
    assert a.manifest == b.manifest


def test_another_seed_gives_other_records():
    a = generate(records=500, violations=0.05, seed=3)
    b = generate(records=500, violations=0.05, seed=4)
    assert a.data != b.data
    assert a.manifest != b.manifest


@pytest.mark.parametrize("triples", [5_000, 50_000, 200_000])
def test_size_in_triples_is_close_to_the_request(triples):
    export = generate(triples=triples, seed=1)
    assert abs(export.triples - triples) <= 0.03 * triples
    assert export.data.count(b"\n") == export.triples


@pytest.mark.parametrize("records", [100, 1_000, 10_000])
def test_size_in_records_is_close_to_the_request(records):
    export = generate(records=records, seed=1)
    made = sum(export.count(kind) for kind in KINDS)
    assert abs(made - records) <= max(10, 0.03 * records)


@pytest.mark.parametrize("rule", sorted(RULES))
def test_share_of_violations_is_as_requested(mixed, rule):
    population = mixed.count(RULES[rule])
    assert population >= 20, f"too few {RULES[rule]} records to measure a share"
    broken = mixed.violating(rule)
    assert abs(len(broken) - SHARE * population) <= 1
    assert broken, f"no record breaks {rule}"


@pytest.mark.parametrize("rule", ["DepartmentDocumentFilingShape", "MeetingChairShape"])
def test_one_rule_alone_is_broken_in_its_share_and_no_other(rule):
    export = generate(records=2000, violations={rule: 0.25}, seed=5)
    population = export.count(RULES[rule])
    assert abs(len(export.violating(rule)) - 0.25 * population) <= 1
    assert {r for rules in export.manifest.values() for r in rules} == {rule}


def test_no_violations_by_default():
    assert generate(records=300, seed=2).manifest == {}


def test_every_manifest_entry_names_a_record_of_the_rule_s_kind(mixed):
    for record, rules in mixed.manifest.items():
        assert record in mixed.records
        for rule, results in rules.items():
            assert mixed.records[record] == RULES[rule]
            assert results == 1
    assert sum(mixed.expected().values()) == sum(len(r) for r in mixed.manifest.values())


def test_manifest_records_are_typed_subjects_of_the_data(small_graph):
    export, graph = small_graph
    assert export.manifest
    for record in export.manifest:
        assert (URIRef(record), RDF.type, None) in graph
    assert len(graph) == export.triples


def test_records_have_iris_under_the_record_base(small_graph):
    export, graph = small_graph
    base = f"{ns.DEFAULT_BASE}id/cn/330382/record/"
    assert all(r.startswith(base) for r in export.records)
    meetings = set(graph.subjects(RDF.type, ns.GWR.Meeting))
    assert {str(m) for m in meetings} == {r for r, k in export.records.items() if k == "meeting"}


def test_filing_deadline_violations_are_what_they_claim(small_graph):
    export, graph = small_graph
    # Every issuing body but the city government is a department in these exports.
    late = graph.query(
        """SELECT DISTINCT ?doc WHERE {
          ?doc a gwr:NormativeDocument ; gwr:issuingBody ?body ; eli:date_publication ?p .
          FILTER(?body != body:city-government)
          FILTER NOT EXISTS {
            ?doc gwr:filedWith body:city-government ; gwr:filingDate ?f .
            FILTER(?f <= ?p + "P15D"^^xsd:dayTimeDuration)
          }
        }""",
        initNs={**ns.PREFIXES, "body": ns.body_iri("330382", "")},
    )
    assert {str(r.doc) for r in late} == set(export.violating("DepartmentDocumentFilingShape"))


def test_turtle_and_ntriples_give_the_same_graph():
    nt = generate(records=200, violations=0.1, seed=9)
    ttl = generate(records=200, violations=0.1, seed=9, format="turtle")
    assert ttl.data.startswith(b"@prefix")
    assert isomorphic(Graph().parse(data=nt.data, format="nt"), Graph().parse(data=ttl.data))
    assert ttl.manifest == nt.manifest


@pytest.mark.parametrize(
    "violations, message",
    [
        ({"NoSuchShape": 0.1}, "unknown rules NoSuchShape"),
        ({"JointMakingShape": 1.5}, "between 0 and 1"),
        ({"MeetingChairShape": 0.6, "MeetingConvenerShape": 0.6}, "add up to 1.20"),
    ],
)
def test_impossible_requests_are_refused(violations, message):
    with pytest.raises(ValueError, match=message):
        generate(records=100, violations=violations)


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown format 'rdfxml'"):
        generate(records=100, format="rdfxml")


def test_cli_prints_turtle_and_writes_the_manifest(tmp_path):
    from click.testing import CliRunner

    path = tmp_path / "manifest.json"
    result = CliRunner().invoke(
        main,
        ["generate", "--records", "300", "--violation", "JointMakingShape=0.2"]
        + ["--seed", "4", "--manifest", str(path)],
    )
    assert result.exit_code == 0, result.output
    expected = generate(records=300, violations={"JointMakingShape": 0.2}, seed=4, format="turtle")
    assert result.stdout_bytes == expected.data
    assert json.loads(path.read_text()) == expected.manifest


def test_cli_refuses_an_unknown_rule():
    from click.testing import CliRunner

    result = CliRunner().invoke(main, ["generate", "--violation", "Nope=0.1"])
    assert result.exit_code == 2
    assert "unknown rules Nope" in result.stderr
