"""``govrules validate``: the mixed export, exit codes, formats."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from rdflib import Graph

from govrules.cli import main
from tests.http.test_validate import EXPECTED, flatten

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "data" / "examples"


def run(*args):
    return CliRunner().invoke(main, ["validate", *map(str, args)], env={"GOVRULES_ROOT": str(ROOT)})


def test_mixed_export_exit_1_with_every_expected_result(tmp_path):
    result = run(EXAMPLES / "violating.ttl", "--format", "json", "--store", tmp_path / "none")
    assert result.exit_code == 1
    assert flatten(json.loads(result.output)) == EXPECTED


def test_engines_agree_on_the_mixed_export(tmp_path):
    outputs = []
    for engine in ("fast", "pyshacl"):
        result = run(
            EXAMPLES / "violating.jsonld",
            "--format",
            "json",
            "--engine",
            engine,
            "--store",
            tmp_path / "none",
        )
        outputs.append(flatten(json.loads(result.output)))
    assert outputs[0] == outputs[1] == EXPECTED


def test_conforming_export_exit_0(tmp_path):
    result = run(
        EXAMPLES / "conforming.ttl", EXAMPLES / "conforming.jsonld", "--store", tmp_path / "none"
    )
    assert result.exit_code == 0
    assert result.output.startswith("Export conforms")


def test_text_and_turtle_formats(tmp_path):
    text = run(EXAMPLES / "violating.ttl", "--store", tmp_path / "none")
    assert "《乐清市人民政府工作规则》第二十五条第一款" in text.output
    assert "Per article:" in text.output
    turtle = run(EXAMPLES / "violating.ttl", "--format", "turtle", "--store", tmp_path / "none")
    assert len(Graph().parse(data=turtle.output, format="turtle")) > 100


def test_unparsable_file_exit_2_with_line_and_column(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix x: <http://x/> .\nx:a x:b "open ;\n', encoding="utf-8")
    result = run(bad, "--store", tmp_path / "none")
    assert result.exit_code == 2
    assert "bad.ttl" in result.output and "line 2" in result.output


def test_unknown_format_exit_2(tmp_path):
    odd = tmp_path / "export.xyz"
    odd.write_text("x", encoding="utf-8")
    result = run(odd, "--store", tmp_path / "none")
    assert result.exit_code == 2 and "unknown format" in result.output


EXPORTS = ROOT / "tests" / "fixtures" / "exports"
NEW_RULES = {
    ("decision/2020-043", "PublicInterestDisclosureShape", "Violation", "第三十条"),
    ("document/lqzf-2020-12", "CityDocumentFilingShape", "Violation", "第三十二条"),
    ("proposal/2020-010", "ProposalDepartmentConsultationShape", "Violation", "第二十条"),
    ("proposal/2020-010", "ProposalTownshipConsultationShape", "Violation", "第二十条"),
}


def test_issue_16_articles_20_30_32_are_enforced_on_both_engines(tmp_path):
    """第三十条, 第三十二条 and the consultations of 第二十条 had no shape."""
    for engine in ("fast", "pyshacl"):
        result = run(
            EXAMPLES / "violating.ttl", "--format", "json", "--engine", engine,
            "--store", tmp_path / "none",
        )  # fmt: skip
        assert result.exit_code == 1
        assert set(flatten(json.loads(result.output))) >= NEW_RULES, engine


def test_issue_16_conforming_jsonld_with_prefixed_materials_exits_0(tmp_path):
    """The README's form "material:draft-and-explanation" gave a proposal five violations."""
    document = json.loads((EXAMPLES / "conforming.jsonld").read_text(encoding="utf-8"))
    proposals = [n for n in document["@graph"] if "materials" in n]
    assert proposals
    for proposal in proposals:
        names = [v.rsplit("/", 1)[-1].rsplit(":", 1)[-1] for v in proposal["materials"]]
        proposal["materials"] = [f"material:{name}" for name in names]
    path = tmp_path / "prefixed.jsonld"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    for engine in ("fast", "pyshacl"):
        result = run(path, "--format", "json", "--engine", engine, "--store", tmp_path / "none")
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["counts"] == {"Violation": 0, "Warning": 0, "Info": 0}


def test_issue_16_info_only_export_exits_0_and_says_it_conforms(tmp_path):
    """An Info (a hearing 必要时: a person judges) must not fail a validator's build."""
    result = run(EXPORTS / "info-only.ttl", "--store", tmp_path / "none")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Export conforms") and "1 info" in result.output
    assert "ProposalHearingShape" in result.output  # still reported, for the person
    strict = run(EXPORTS / "info-only.ttl", "--no-allow-info", "--store", tmp_path / "none")
    assert strict.exit_code == 1 and strict.output.startswith("Export does not conform")


def test_issue_16_warnings_fail_unless_allowed(tmp_path):
    path = EXPORTS / "warning-and-info.ttl"
    assert run(path, "--store", tmp_path / "none").exit_code == 1
    allowed = run(path, "--allow-warnings", "--format", "json", "--store", tmp_path / "none")
    assert allowed.exit_code == 0
    report = json.loads(allowed.output)
    assert report["conforms"] is True and report["allowed"] == ["Warning", "Info"]
    assert report["counts"] == {"Violation": 0, "Warning": 1, "Info": 1}
    # pySHACL's rule: allowing warnings allows infos, whatever --no-allow-info says.
    both = run(path, "--allow-warnings", "--no-allow-info", "--store", tmp_path / "none")
    assert both.exit_code == 0


def test_issue_16_violations_fail_whatever_is_allowed(tmp_path):
    result = run(EXAMPLES / "violating.ttl", "--allow-warnings", "--store", tmp_path / "none")
    assert result.exit_code == 1


def test_issue_16_empty_file_exits_2_naming_what_was_expected(tmp_path):
    """A 0-byte file said "conforms (0 triples)" and exited 0: a broken exporter passed."""
    result = run(EXPORTS / "empty.ttl", "--store", tmp_path / "none")
    assert result.exit_code == 2
    assert "no triples" in result.output
    for kind in ("Meeting", "Decision", "DecisionProposal", "NormativeDocument"):
        assert kind in result.output
    accepted = run(EXPORTS / "empty.ttl", "--allow-empty", "--store", tmp_path / "none")
    assert accepted.exit_code == 0 and accepted.output.startswith("Export conforms")


def test_issue_16_export_without_known_records_exits_2(tmp_path):
    result = run(EXPORTS / "no-records.ttl", "--store", tmp_path / "none")
    assert result.exit_code == 2
    assert "no record of a known kind" in result.output and "--allow-empty" in result.output
    assert (
        run(EXPORTS / "no-records.ttl", "--allow-empty", "--store", tmp_path / "none").exit_code
        == 0
    )
