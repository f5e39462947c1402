"""The command line prints tables people read: labels, one column per concept, no IRIs."""

from __future__ import annotations

import json

from click.testing import CliRunner
from rich.cells import cell_len

from govrules.cli import main
from govrules.query.questions import ask
from govrules.store.oxigraph import OxigraphStore


def run(built_dir, *args, width=400):
    env = {"COLUMNS": str(width)}  # wide enough that no cell wraps
    result = CliRunner().invoke(main, [*args, "--store", str(built_dir / "store")], env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_ask_prints_an_aligned_table_of_labels(built_dir):
    out = run(built_dir, "ask", "who-must-approve", "--matter", "重大事项")
    assert "https://" not in out
    lines = out.splitlines()
    header = next(line for line in lines if "bearer" in line)
    # one column per concept: the label columns are folded into the concept's column
    assert "bearerLabel" not in header and "matterLabel" not in header
    assert "citation" in header and "source" not in header.split()
    assert "市政府" in out and "《乐清市人民政府工作规则》第七条第一款" in "".join(out.split())
    assert "2 rows" in out
    # aligned: every cell of a column starts at the same screen column as its header
    start = cell_len(header[: header.index("bearer")])
    rows = [line for line in lines if "市政府 City government" in line]
    assert len(rows) == 2
    assert all(cell_len(line[: line.index("市政府")]) == start for line in rows)


def test_iris_flag_shows_the_iris(built_dir):
    out = run(built_dir, "ask", "who-must-approve", "--matter", "重大事项", "--iris")
    assert "<https://w3id.org/govrules/concept/matter/major-matter>" in out


def test_json_is_the_engines_serialisation_unchanged(built_dir):
    out = run(built_dir, "ask", "who-must-approve", "--matter", "重大事项", "--format", "json")
    store = OxigraphStore(built_dir / "store", read_only=True)
    expected = ask(store, "who-must-approve", {"matter": "重大事项"}).serialize("json")
    assert out.encode("utf-8") == expected
    assert json.loads(out)["head"]["vars"][1] == "matterLabel"


def test_query_table_labels_what_has_a_label_and_prefixes_the_rest(built_dir):
    query = (
        "PREFIX gwr: <https://w3id.org/govrules/ontology#> "
        "SELECT ?post ?class WHERE { ?post a ?class . "
        "FILTER(?post = <https://w3id.org/govrules/id/cn/330382/post/mayor>) } ORDER BY ?class"
    )
    out = run(built_dir, "query", query)
    assert "https://" not in out
    assert "市长" in out
    assert "org:Post" in out or "Post" in out


def test_question_list_is_a_table(built_dir):
    out = run(built_dir, "ask")
    assert "who-must-approve" in out and "--matter" not in out.split("who-must-approve")[0]
    assert "谁必须决定或批准什么" in out


def test_a_narrow_terminal_wraps_cells_instead_of_overflowing(built_dir):
    out = run(built_dir, "ask", "who-must-approve", "--matter", "重大事项", width=100)
    assert max(len(line) for line in out.splitlines()) <= 100
