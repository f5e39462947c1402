"""``govrules norms draft``: a file not in the catalog, a catalogued id, errors."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from rdflib import Graph

from govrules.cli import main

ROOT = Path(__file__).resolve().parents[1]
TEXT = "示例议事规则\n第一条 常务委员会会议由主任召集并主持。\n第二条 委员不得缺席。\n"


def test_draft_a_file_not_in_the_catalog_as_turtle(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVRULES_ROOT", str(ROOT))
    path = tmp_path / "rules.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, ["norms", "draft", str(path)])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.output, format="turtle")
    kinds = {str(o).rsplit("#", 1)[-1] for s, o in graph.subject_objects(None) if "#" in str(o)}
    assert {"Power", "Prohibition"} <= kinds
    status = "https://w3id.org/govrules/concept/curation-status/draft"
    assert {str(o) for o in graph.objects(None, None) if str(o) == status} == {status}


def test_draft_as_table(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVRULES_ROOT", str(ROOT))
    path = tmp_path / "rules.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, ["norms", "draft", str(path), "--format", "table"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:4] == ["norm", "modality", "bearer", "action"]
    assert any("Prohibition" in line and "委员" in line for line in lines)
    assert lines[-1].startswith("3 norms drafted")


def test_draft_a_catalogued_document(monkeypatch):
    monkeypatch.setenv("GOVRULES_ROOT", str(ROOT))
    result = CliRunner().invoke(
        main, ["norms", "draft", "330382-work-rules-2020", "--format", "table"]
    )
    assert result.exit_code == 0, result.output
    assert "P15D eli:date_publication" in result.output


def test_unknown_document_is_an_input_error(monkeypatch):
    monkeypatch.setenv("GOVRULES_ROOT", str(ROOT))
    result = CliRunner().invoke(main, ["norms", "draft", "no-such-document"])
    assert result.exit_code == 2
    assert "no-such-document" in result.output


def test_text_that_does_not_parse_is_an_input_error(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVRULES_ROOT", str(ROOT))
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["norms", "draft", str(path)])
    assert result.exit_code == 2
    assert "error" in result.output
