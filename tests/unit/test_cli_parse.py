"""``govrules parse``: the graph of one file, the --summary contract, --strict, exit codes."""

import json

import pytest
from click.testing import CliRunner

from govrules.cli import main

KEYS = [
    "file",
    "ok",
    "title",
    "chapters",
    "sections",
    "articles",
    "paragraphs",
    "items",
    "versions",
    "skipped",
    "warnings",
    "error",
]


@pytest.fixture
def texts(tmp_path):
    files = {
        "good.md": "# 示例条例\n\n2020年1月2日 示例市人民代表大会常务委员会第三次会议通过\n\n"
        "2021年3月4日 示例市人民代表大会常务委员会第九次会议《关于修改〈示例条例〉的决定》修正\n\n"
        "<!-- INFO END -->\n\n## 第一章 总则\n\n### 第一节 一般规定\n\n"
        "第一条 包括：\n\n（一）甲；\n\n（二）乙。\n\n第二条 丙。\n\n打印本页\n",
        "slip.txt": "示例规则\n第一条 甲。\n第三条 乙。\n",
        "bad.txt": "示例规则\n第一章 总则\n本章规定总的原则。\n第一条 甲。\n",
        "untitled.txt": "第一条 甲。\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, ["parse", *map(str, args)])


def reports(result):
    return [json.loads(line) for line in result.output.splitlines()]


def test_summary_contract_one_line_per_file_in_order(texts):
    result = run("--summary", texts / "good.md", texts / "slip.txt")
    assert result.exit_code == 0
    good, slip = reports(result)
    assert list(good) == KEYS
    assert good == {
        "file": str(texts / "good.md"),
        "ok": True,
        "title": "示例条例",
        "chapters": 1,
        "sections": 1,
        "articles": 2,
        "paragraphs": 2,
        "items": 2,
        "versions": [
            {
                "date": "2020-01-02",
                "event": "adopted",
                "by": "示例市人民代表大会常务委员会第三次会议",
            },
            {
                "date": "2021-03-04",
                "event": "amended",
                "by": "示例市人民代表大会常务委员会第九次会议",
            },
        ],
        "skipped": [{"line": 7, "text": "<!-- INFO END -->"}, {"line": 21, "text": "打印本页"}],
        "warnings": [],
        "error": None,
    }
    assert slip["ok"] is True
    assert slip["warnings"] == [
        {"line": 3, "message": "article 第三条 follows 第一条: article 第二条 is missing"}
    ]


def test_summary_exits_2_when_one_file_fails_and_names_the_line(texts):
    result = run("--summary", texts / "good.md", texts / "bad.txt", texts / "missing.txt")
    assert result.exit_code == 2
    good, bad, missing = reports(result)
    assert good["ok"] is True
    assert bad["ok"] is False and bad["error"]["line"] == 3
    assert "text after chapter 第一章" in bad["error"]["message"]
    assert list(bad) == KEYS
    assert missing["error"] == {
        "line": None,
        "message": "cannot read the file: No such file or directory",
    }


def test_strict_refuses_publishers_slips(texts):
    result = run("--summary", "--strict", texts / "slip.txt")
    assert result.exit_code == 2
    (report,) = reports(result)
    assert report["error"]["line"] == 3
    assert "第二条 is missing" in report["error"]["message"]
    assert run("--strict", texts / "slip.txt").exit_code == 2


def test_graph_of_one_file_warns_on_stderr(texts):
    result = CliRunner().invoke(main, ["parse", str(texts / "slip.txt")])
    assert result.exit_code == 0
    assert "art_3" in result.stdout
    assert "line 3: article 第三条 follows 第一条" in result.stderr


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("bad.txt", "line 3: text after chapter 第一章"),
        ("untitled.txt", "the document has no title"),
        ("missing.txt", "cannot read the file"),
    ],
)
def test_errors_exit_2_without_a_traceback(texts, name, message):
    result = CliRunner().invoke(main, ["parse", str(texts / name)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_several_files_need_summary(texts):
    result = run(texts / "good.md", texts / "slip.txt")
    assert result.exit_code == 2
