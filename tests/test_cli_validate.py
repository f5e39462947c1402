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
