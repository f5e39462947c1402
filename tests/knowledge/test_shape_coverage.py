"""Shape coverage (issue 16): every record-bearing curated norm has a shape or a stated reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from govrules import namespaces as ns
from govrules.cli import main
from govrules.cli.knowledge import exported_documents
from govrules.compliance import coverage
from govrules.compliance.validation import read_shapes
from govrules.namespaces import GWR, GWRSH

ROOT = Path(__file__).resolve().parents[2]
NORM = "https://w3id.org/govrules/eli/cn/330382/work-rules/2020/norm/"


def curated(built) -> dict[str, Graph]:
    """The curated norms of the documents whose records an export describes (the city's)."""
    prefix = ns.graph_iri("norms") + "/"
    exported = exported_documents(ROOT)
    return {
        name[len(prefix) :]: g
        for name, g in built.graphs.items()
        if name.startswith(prefix) and name[len(prefix) :] in exported
    }


@pytest.fixture(scope="module")
def parts(built):
    return curated(built), read_shapes(ROOT), coverage.read_coverage(ROOT)


def rows_of(norms, shapes, extra):
    return {r.norm.rsplit("/", 1)[-1]: r for r in coverage.shape_coverage(norms, shapes, extra)}


def test_issue_16_every_record_bearing_norm_has_a_shape_or_a_reason(parts):
    documents, shapes, extra = parts
    assert documents
    for document, norms in documents.items():
        rows = coverage.shape_coverage(norms, shapes, extra)
        assert rows, document
        assert [(r.norm, r.status) for r in coverage.unexplained(rows)] == [], document
        for row in rows:
            if row.status == "not checked":
                assert set(row.reason) == {"zh", "en"}, row.norm
    every = Graph()
    for norms in documents.values():
        every += norms
    assert coverage.stray_reasons(every, extra) == []


def test_issue_16_rules_that_had_no_shape_are_now_checked(parts):
    """第三十条, 第三十二条 and the consultations of 第二十条 were silent gaps."""
    documents, shapes, extra = parts
    rows = rows_of(documents["330382-work-rules-2020"], shapes, extra)
    assert rows["art_30-2"].shapes == ("PublicInterestDisclosureShape",)
    assert rows["art_32-4"].shapes == ("CityDocumentFilingShape",)
    assert rows["art_20-3"].shapes == ("ProposalDepartmentConsultationShape",)
    assert rows["art_20-4"].shapes == ("ProposalTownshipConsultationShape",)
    assert rows["art_32-4"].kinds == ("documents", "filings")


def test_a_record_bearing_norm_without_shape_or_reason_is_found(parts):
    documents, shapes, extra = parts
    norms = documents["330382-work-rules-2020"]
    fewer = Graph()
    fewer += extra
    fewer.remove((URIRef(NORM + "art_22-1"), GWRSH.notCheckedBecause, None))
    assert [
        r.norm for r in coverage.unexplained(coverage.shape_coverage(norms, shapes, fewer))
    ] == [NORM + "art_22-1"]
    unshaped = Graph()
    unshaped += shapes
    unshaped.remove((None, GWR.enforces, URIRef(NORM + "art_32-4")))
    missing = coverage.unexplained(coverage.shape_coverage(norms, unshaped, extra))
    assert [(r.norm, r.status) for r in missing] == [(NORM + "art_32-4", "missing")]


def test_a_norm_with_a_shape_and_a_reason_is_found(parts):
    documents, shapes, extra = parts
    both = Graph()
    both += extra
    both.add((URIRef(NORM + "art_7-1"), GWRSH.notCheckedBecause, Literal("x", lang="en")))
    rows = coverage.shape_coverage(documents["330382-work-rules-2020"], shapes, both)
    assert [(r.norm, r.status) for r in coverage.unexplained(rows)] == [(NORM + "art_7-1", "both")]


def test_norms_about_no_record_are_not_listed(parts):
    documents, shapes, extra = parts
    rows = rows_of(documents["330382-work-rules-2020"], shapes, extra)
    assert "art_5-1" not in rows and "art_33-2" not in rows  # duties, supervision: no records


def test_cli_coverage_shapes_lists_shapes_and_reasons():
    result = CliRunner().invoke(main, ["coverage", "--shapes"], env={"GOVRULES_ROOT": str(ROOT)})
    assert result.exit_code == 0, result.output
    lines = {
        line.split()[0]: line for line in result.output.splitlines() if line.startswith("art_")
    }
    assert "CityDocumentFilingShape" in lines["art_32-4"]
    assert "not checked" in lines["art_22-1"] and "carried out" in lines["art_22-1"]
    assert "0 without either" in result.output
    as_json = CliRunner().invoke(
        main, ["coverage", "--shapes", "--format", "json"], env={"GOVRULES_ROOT": str(ROOT)}
    )
    assert as_json.exit_code == 0
    assert '"status": "checked"' in as_json.output
