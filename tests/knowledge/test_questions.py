"""The canned questions answer what the text of the rules says, on both backends and the CLI.

Every expected answer below was read off data/source/yueqing-government-work-rules-2020.txt,
not off the norms file: each case names a question, its parameters, a test a row must pass
and the article (条/款) the text says it in.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from govrules.cli import main
from govrules.query.questions import ask, load_questions

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
RULES = "《乐清市人民政府工作规则》"
SEP = "、"
BASE = "https://w3id.org/govrules/"


def parts(value: str) -> set[str]:
    return set(value.split(SEP)) if value else set()


def iri(row: dict, key: str, tail: str) -> bool:
    return row.get(key, "").endswith(tail)


# (id, question, params, a test on one row (values as strings), citation of that row)
CASES = [
    (
        "major-matters-art7",
        "who-must-approve",
        {},
        lambda r: r["matterLabel"] == "重大事项" and parts(r["forums"]) == {"全体会议", "常务会议"},
        "第七条第一款",
    ),
    (
        "major-matters-by-label",
        "who-must-approve",
        {"matter": "重大事项"},
        lambda r: iri(r, "bearer", "body/city-government") and iri(r, "action", "action/decide"),
        "第十九条第一款",
    ),
    (
        "budget-art19",
        "who-must-approve",
        {},
        lambda r: r["matterLabel"] == "财政预算" and parts(r["forums"]) == {"全体会议", "常务会议"},
        "第十九条第一款",
    ),
    (
        "construction-projects-art19",
        "who-must-approve",
        {"matter": "重大建设项目"},
        lambda r: r["bearerLabel"] == "市政府" and "常务会议" in parts(r["forums"]),
        "第十九条第一款",
    ),
    (
        "superior-instructions-art19",
        "who-must-approve",
        {},
        lambda r: "上级" in r["matterLabel"] and "全体会议" in parts(r["forums"]),
        "第十九条第一款",
    ),
    (
        "request-instruction-art25",
        "who-must-approve",
        {},
        lambda r: (
            iri(r, "action", "action/request-instruction")
            and r["bearerLabel"] == "市政府各部门"
            and "市政府" in parts(r["counterparties"])
        ),
        "第二十五条第一款",
    ),
    (
        "presides-while-mayor-away-art8",
        "obligations-of",
        {"party": "负责常务工作的副市长"},
        lambda r: iri(r, "action", "action/preside") and r["inherited"] == "false",
        "第八条第一款",
    ),
    (
        "executive-vice-mayor-chairs-art7",
        "obligations-of",
        {"party": "负责常务工作的副市长"},
        lambda r: iri(r, "action", "action/chair"),
        "第七条第一款",
    ),
    (
        "entrusted-to-chair-art7",
        "permissions-and-delegations",
        {},
        lambda r: (
            iri(r, "bearer", "post/executive-vice-mayor")
            and iri(r, "action", "action/chair")
            and r["onBehalfOf"] == "市长"
        ),
        "第七条第一款",
    ),
    (
        "mayor-may-entrust-meetings-art7",
        "permissions-and-delegations",
        {},
        lambda r: r["bearerLabel"] == "市长" and "负责常务工作的副市长" in parts(r["counterparty"]),
        "第七条第一款",
    ),
    (
        "mayor-may-entrust-other-work-art9",
        "permissions-and-delegations",
        {},
        lambda r: r["bearerLabel"] == "市长" and "副市长" in parts(r["counterparty"]),
        "第九条第一款",
    ),
    (
        "joint-normative-documents-art25",
        "permissions-and-delegations",
        {},
        lambda r: (
            iri(r, "action", "action/make-normative-document")
            and r["condition"] == "涉及两个及以上部门"
        ),
        "第二十五条第一款",
    ),
    (
        "department-heads-report-to-mayor-art11",
        "who-reports-to",
        {"party": "市政府组成部门主要负责人"},
        lambda r: r["counterpartyLabel"] == "市长" and "重大事项" in parts(r["about"]),
        "第十一条第二款",
    ),
    (
        "department-heads-report-to-vice-mayors-art11",
        "who-reports-to",
        {"party": "市政府组成部门主要负责人"},
        lambda r: r["counterpartyLabel"] == "副市长",
        "第十一条第二款",
    ),
    (
        "vice-mayors-report-to-mayor-art9",
        "who-reports-to",
        {"party": "副市长"},
        lambda r: (
            r["counterpartyLabel"] == "市长" and parts(r["about"]) >= {"重大事项", "重要情况"}
        ),
        "第九条第一款",
    ),
    (
        "major-decisions-to-standing-committee-art21",
        "who-reports-to",
        {"party": "市政府"},
        lambda r: r["counterpartyLabel"] == "市人大常委会" and "重大决策" in parts(r["about"]),
        "第二十一条第一款",
    ),
    (
        "government-reports-work-art32",
        "who-reports-to",
        {"party": "市政府"},
        lambda r: r["counterpartyLabel"] == "市人大",
        "第三十二条第一款",
    ),
    (
        "justice-bureau-reports-rectification-art33",
        "who-reports-to",
        {"party": "市司法局"},
        lambda r: r["counterpartyLabel"] == "市政府",
        "第三十三条第一款",
    ),
    (
        "legality-review-by-justice-bureau-art20",
        "obligations-of",
        {"party": "市司法局"},
        lambda r: iri(r, "action", "action/review-legality") and r["inherited"] == "false",
        "第二十条第二款",
    ),
    (
        "justice-bureau-inherits-filing-art25",
        "obligations-of",
        {"party": "市司法局"},
        lambda r: (
            iri(r, "action", "action/file-for-record")
            and r["inherited"] == "true"
            and r["bearerLabel"] == "市政府各部门"
        ),
        "第二十五条第一款",
    ),
    (
        "justice-bureau-inherits-implementation-art22",
        "obligations-of",
        {"party": "市司法局"},
        lambda r: iri(r, "action", "action/implement") and r["inherited"] == "true",
        "第二十二条第一款",
    ),
    (
        "mayor-inherits-members-duties-art5",
        "obligations-of",
        {"party": "市长"},
        lambda r: r["bearerLabel"] == "市政府组成人员" and r["inherited"] == "true",
        "第五条第一款",
    ),
    (
        "mayor-leads-art6",
        "obligations-of",
        {"party": "市长"},
        lambda r: iri(r, "action", "action/lead") and r["inherited"] == "false",
        "第六条第一款",
    ),
    (
        "office-inspects-art22",
        "obligations-of",
        {"party": "市政府办公室"},
        lambda r: iri(r, "action", "action/inspect") and r["inherited"] == "false",
        "第二十二条第一款",
    ),
    (
        "filing-within-15-days-art25",
        "deadlines",
        {},
        lambda r: (
            r["period"] == "P15D"
            and r["countedFrom"].endswith("date_publication")
            and "市政府" in parts(r["counterparty"])
            and r["bearerLabel"] == "市政府各部门"
        ),
        "第二十五条第一款",
    ),
    (
        "no-submission-without-review-art20",
        "prohibitions",
        {},
        lambda r: (
            iri(r, "action", "action/submit-for-decision") and r["bearerLabel"] == "市政府各部门"
        ),
        "第二十条第二款",
    ),
    (
        "documents-may-not-establish-art26",
        "prohibitions",
        {},
        lambda r: parts(r["target"]) == {"行政许可", "行政处罚", "行政强制", "行政收费"},
        "第二十六条第一款",
    ),
    (
        "no-power-without-law-art23",
        "prohibitions",
        {},
        lambda r: iri(r, "action", "action/exercise-power"),
        "第二十三条第二款",
    ),
    (
        "peoples-congress-supervises-art32",
        "supervision-of",
        {"party": "市政府"},
        lambda r: r["supervisorLabel"] == "市人大常委会" and r["supervisedLabel"] == "市政府",
        "第三十二条第一款",
    ),
    (
        "cppcc-supervises-art32",
        "supervision-of",
        {"party": "市政府"},
        lambda r: r["supervisorLabel"] == "市政协" and r["supervisedLabel"] == "市政府",
        "第三十二条第一款",
    ),
    (
        "audit-bureau-audits-art11",
        "supervision-of",
        {"party": "市审计局"},
        lambda r: r["supervisorLabel"] == "市审计局" and iri(r, "action", "action/audit"),
        "第十一条第三款",
    ),
    (
        "audit-bureau-independent-art11",
        "obligations-of",
        {"party": "市审计局"},
        lambda r: iri(r, "action", "action/audit") and r["modality"].endswith("#Power"),
        "第十一条第三款",
    ),
    (
        "judicial-organs-supervise-departments-art33",
        "supervision-of",
        {"party": "市司法局"},
        lambda r: r["supervisorLabel"] == "司法机关" and r["supervisedLabel"] == "市司法局",
        "第三十三条第一款",
    ),
    (
        "provision-8",
        "provision",
        {"number": "8"},
        lambda r: "由负责常务工作的副市长主持市政府工作" in r["paragraphText"],
        "第八条",
    ),
    (
        "provision-seven-in-chinese",
        "provision",
        {"number": "第七条"},
        lambda r: "必须经市政府全体会议或市政府常务会议讨论决定" in r["paragraphText"],
        "第七条",
    ),
    (
        "provision-25",
        "provision",
        {"number": "二十五"},
        lambda r: "15日内向市政府备案" in r["paragraphText"],
        "第二十五条",
    ),
]
IDS = [case[0] for case in CASES]


def as_text(rows: list[dict]) -> list[dict[str, str]]:
    return [{k: str(v) for k, v in row.items()} for row in rows]


def concatenated(name: str) -> set[str]:
    """The columns a question fills with GROUP_CONCAT: their order is the engine's."""
    return set(re.findall(r"GROUP_CONCAT\(.*?AS \?(\w+)\)", load_questions()[name].sparql))


def comparable(name: str, rows: list[dict]) -> set[tuple]:
    joined = concatenated(name)
    return {
        tuple(
            sorted(
                (k, frozenset(str(v).split(SEP)) if k in joined else v.n3()) for k, v in row.items()
            )
        )
        for row in rows
    }


def check(rows: list[dict[str, str]], test, article: str) -> None:
    matching = [r for r in rows if _passes(test, r)]
    assert matching, f"no row answers the question; rows: {rows}"
    citations = {r["citation"] for r in matching}
    assert RULES + article in citations, citations


def _passes(test, row: dict[str, str]) -> bool:
    try:
        return bool(test(row))
    except KeyError:
        return False


def json_rows(text: str) -> list[dict[str, str]]:
    data = json.loads(text)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def cli_args(name: str, params: dict[str, str], store: Path) -> list[str]:
    args = ["ask", name]
    for key, value in params.items():
        args += [f"--{key}", value]
    return args + ["--format", "json", "--store", str(store)]


@pytest.mark.parametrize(("case", "name", "params", "test", "article"), CASES, ids=IDS)
def test_backends_agree_and_answer(oxigraph_store, rdflib_store, case, name, params, test, article):
    ox = ask(oxigraph_store, name, params).rows()
    rl = ask(rdflib_store, name, params).rows()
    assert comparable(name, ox) == comparable(name, rl)
    check(as_text(ox), test, article)
    check(as_text(rl), test, article)


@pytest.mark.parametrize(("case", "name", "params", "test", "article"), CASES, ids=IDS)
def test_cli_answers(built_dir, case, name, params, test, article):
    result = CliRunner().invoke(main, cli_args(name, params, built_dir / "store"))
    assert result.exit_code == 0, result.output
    check(json_rows(result.stdout), test, article)


@pytest.mark.parametrize(
    ("case", "name", "params", "test", "article"),
    [c for c in CASES if c[0] in {"presides-while-mayor-away-art8", "filing-within-15-days-art25"}],
)
def test_installed_command_answers(built_dir, case, name, params, test, article):
    done = subprocess.run(
        [BIN / "govrules", *cli_args(name, params, built_dir / "store")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    check(json_rows(done.stdout), test, article)


def test_supervision_without_a_supervised_party_stays_unbound(oxigraph_store):
    # 第三十四条 names no one supervised: the row must not pair 市政府 with every resource.
    rows = as_text(ask(oxigraph_store, "supervision-of", {"party": "市政府"}).rows())
    own = [r for r in rows if r["citation"] == RULES + "第三十四条第一款"]
    assert len(own) == 1 and "supervised" not in own[0]


def test_parameter_by_iri_equals_by_label(oxigraph_store, rdflib_store):
    for store in (oxigraph_store, rdflib_store):
        by_label = ask(store, "obligations-of", {"party": "市司法局"}).rows()
        by_iri = ask(
            store, "obligations-of", {"party": BASE + "id/cn/330382/body/justice-bureau"}
        ).rows()
        assert by_label and comparable("obligations-of", by_label) == comparable(
            "obligations-of", by_iri
        )


def test_cli_parameter_by_iri_equals_by_label(built_dir):
    store = built_dir / "store"
    runner = CliRunner()
    by_label = runner.invoke(main, cli_args("who-reports-to", {"party": "副市长"}, store))
    by_iri = runner.invoke(
        main, cli_args("who-reports-to", {"party": BASE + "id/cn/330382/post/vice-mayor"}, store)
    )
    assert by_label.exit_code == by_iri.exit_code == 0
    assert json_rows(by_label.stdout) and json_rows(by_label.stdout) == json_rows(by_iri.stdout)


def test_unknown_question(built_dir):
    result = CliRunner().invoke(main, cli_args("who-is-boss", {}, built_dir / "store"))
    assert result.exit_code == 2
    assert "no question named 'who-is-boss'" in result.stderr


def test_missing_required_parameter(built_dir):
    result = CliRunner().invoke(main, cli_args("obligations-of", {}, built_dir / "store"))
    assert result.exit_code == 2
    assert "needs the parameter party" in result.stderr


def test_unknown_label(built_dir):
    result = CliRunner().invoke(
        main, cli_args("obligations-of", {"party": "火星市长"}, built_dir / "store")
    )
    assert result.exit_code == 2
    assert "no resource is labelled" in result.stderr


def test_unknown_parameter(built_dir):
    result = CliRunner().invoke(main, cli_args("deadlines", {"party": "市长"}, built_dir / "store"))
    assert result.exit_code == 2
    assert "has no parameter party" in result.stderr


def test_ask_without_name_lists_all_questions():
    result = CliRunner().invoke(main, ["ask"])
    assert result.exit_code == 0
    listed = {line.split()[0] for line in result.stdout.splitlines() if not line.startswith(" ")}
    assert listed == {
        "who-must-approve",
        "obligations-of",
        "who-reports-to",
        "deadlines",
        "prohibitions",
        "permissions-and-delegations",
        "supervision-of",
        "provision",
        "versions",
        "changes",
        "compare",
        "concern-changes",
    }
    assert listed == set(load_questions())
