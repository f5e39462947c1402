"""The command line prints tables people read: labels, one column per concept, no IRIs."""

from __future__ import annotations

import json
import os
import pty
import subprocess

from click.testing import CliRunner
from rich.cells import cell_len

from govrules.cli import main
from govrules.query.questions import ask
from govrules.store.oxigraph import OxigraphStore

from ..conftest import BIN, ROOT


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


def _on_a_terminal(args, cwd) -> tuple[int, str, str]:
    """Run the installed command with standard error on a pseudo-terminal."""
    master, slave = pty.openpty()
    done = subprocess.run(args, cwd=cwd, stdout=subprocess.PIPE, stderr=slave, check=False)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal is closed once the command and its output are done
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return done.returncode, done.stdout.decode(), b"".join(chunks).decode("utf-8", "replace")


def test_validate_shows_its_stages_on_a_terminal_and_keeps_the_report_clean(built_dir):
    example = ROOT / "data" / "examples" / "conforming.ttl"
    args = [BIN / "govrules", "validate", "--store", built_dir / "store", example]
    code, out, err = _on_a_terminal([str(a) for a in args], ROOT)
    assert code == 0, err
    assert "rules, norms and organisation read" in err and "\x1b[" in err
    assert "\x1b[" not in out and "conforms" in out.lower()


def test_validate_piped_or_quiet_prints_no_progress(built_dir):
    example = ROOT / "data" / "examples" / "conforming.ttl"
    args = [BIN / "govrules", "validate", "--quiet", "--store", built_dir / "store", example]
    code, _, err = _on_a_terminal([str(a) for a in args], ROOT)
    assert code == 0 and err == ""
