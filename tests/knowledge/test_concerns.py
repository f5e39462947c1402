"""The concern norms and the compare questions answer what the texts say.

Every expected answer below was read off the texts of ../shared/corpus/procedural-rules/
(and data/source/yueqing-government-work-rules-2020.txt), not off the norm files: for each
document version and concern, the article that says it and its value, in a short code:
``>1/2 members`` (过半数 of all members), ``>=2/3 deputies`` (三分之二以上 of the deputies),
``>=10 members`` (十人以上联名), a period such as ``P7D`` (counted back from the meeting), or
the bearer's slug (``post/standing-committee-chair``: 委员长 or 主任).
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDFS, Graph

from govrules.cli import main
from govrules.knowledge.concerns import render_period, render_threshold
from govrules.namespaces import GWR
from govrules.query.questions import ask

ROOT = Path(__file__).resolve().parents[2]
CONCERN_FILES = sorted((ROOT / "data" / "norms" / "concerns").glob("*.ttl"))
NPCSC = "中华人民共和国全国人民代表大会常务委员会议事规则"
CHAIR, COUNCIL, SC, PC = (
    "post/standing-committee-chair",
    "body/council-of-chairpersons",
    "body/standing-committee",
    "body/people-congress",
)
PRESIDIUM = "body/presidium"
# A standing committee's rules and a congress's rules, as read: (article, value) per concern.
EXPECTED = {
    (NPCSC, "2022-06-24"): {
        "quorum": (7, ">1/2 members"),
        "notice": (9, "P7D"),
        "convening": (6, CHAIR),
        "chairing": (6, CHAIR),
        "agenda": (8, COUNCIL),
        "proposal": (18, ">=10 members"),
        "questioning": (39, ">=10 members"),
        "voting": (45, ">1/2 members"),
        "publication": (16, SC),
    },
    (NPCSC, "2009-04-24"): {
        "quorum": (4, ">1/2 members"),
        "notice": (6, "P7D"),
        "convening": (3, CHAIR),
        "chairing": (3, CHAIR),
        "agenda": (5, COUNCIL),
        "proposal": (11, ">=10 members"),
        "questioning": (26, ">=10 members"),
        "voting": (32, ">1/2 members"),
    },
    ("中华人民共和国全国人民代表大会议事规则", "2021-03-11"): {
        "quorum": (4, ">=2/3 deputies"),
        "notice": (6, "P1M"),
        "convening": (3, SC),
        "chairing": (9, PRESIDIUM),
        "agenda": (5, SC),
        "proposal": (23, ">=30 deputies"),
        "questioning": (48, ">=30 deputies"),
        "voting": (59, ">1/2 deputies"),
        "publication": (17, PC),
    },
    ("北京市人民代表大会常务委员会议事规则", "2010-12-23"): {
        "quorum": (7, ">1/2 members"),
        "notice": (5, "P7D"),
        "convening": (3, CHAIR),
        "agenda": (4, COUNCIL),
        "proposal": (11, ">=5 members"),
        "questioning": (28, ">=5 members"),
        "voting": (35, ">1/2 members"),
        "filing": (40, SC),
        "publication": (40, SC),
        "chairing": (3, CHAIR),
    },
    ("北京市人民代表大会议事规则", "2010-12-23"): {
        "quorum": (5, ">=2/3 deputies"),
        "notice": (7, "P1M"),
        "chairing": (11, PRESIDIUM),
        "proposal": (18, ">=10 deputies"),
        "questioning": (41, ">=10 deputies"),
        "voting": (51, ">1/2 deputies"),
        "convening": (3, SC),
        "agenda": (6, SC),
        "publication": (15, PC),
    },
    ("上海市人民代表大会议事规则", "2001-10-24"): {
        "quorum": (6, ">=2/3 deputies"),
        "notice": (8, "P1M"),
        "convening": (5, SC),
        "chairing": (13, PRESIDIUM),
        "proposal": (24, ">=10 deputies"),
        "questioning": (55, ">=10 deputies"),
        "voting": (2, ">1/2 deputies"),
        "agenda": (7, SC),
        "publication": (21, PC),
    },
    ("上海市人民代表大会常务委员会议事规则", None): {
        "quorum": (7, ">1/2 members"),
        "notice": (5, "P7D"),
        "agenda": (4, COUNCIL),
        "proposal": (13, ">=5 members"),
        "questioning": (29, ">=5 members"),
        "voting": (37, ">1/2 members"),
        "publication": (41, SC),
        "convening": (3, CHAIR),
        "chairing": (3, CHAIR),
    },
    ("浙江省人民代表大会常务委员会议事规则", "2020-11-27"): {
        "quorum": (5, ">1/2 members"),
        "notice": (7, "P7D"),
        "chairing": (4, CHAIR),
        "agenda": (6, COUNCIL),
        "proposal": (17, ">=5 members"),
        "questioning": (33, ">=5 members"),
        "voting": (45, ">1/2 members"),
        "convening": (4, CHAIR),
    },
    ("浙江省人民代表大会议事规则", "2021-01-30"): {
        "quorum": (6, ">=2/3 deputies"),
        "notice": (8, "P1M"),
        "chairing": (12, PRESIDIUM),
        "proposal": (25, ">=10 deputies"),
        "questioning": (54, ">=10 deputies"),
        "voting": (68, ">1/2 deputies"),
        "convening": (5, SC),
        "agenda": (7, SC),
        "publication": (21, PC),
    },
    ("山东省人民代表大会议事规则", "2019-02-18"): {
        "quorum": (6, ">=2/3 deputies"),
        "notice": (8, "P1M"),
        "proposal": (24, ">=10 deputies"),
        "questioning": (53, ">=10 deputies"),
        "voting": (65, ">1/2 deputies"),
        "filing": (65, PC),
        "publication": (22, PC),
        "convening": (5, SC),
        "chairing": (13, PRESIDIUM),
        "agenda": (7, SC),
    },
    ("河南省人民代表大会议事规则", "2010-07-30"): {
        "quorum": (4, ">=2/3 deputies"),
        "notice": (7, "P1M"),
        "proposal": (23, ">=10 deputies"),
        "questioning": (38, ">=10 deputies"),
        "voting": (46, ">1/2 deputies"),
        "convening": (3, SC),
        "chairing": (12, PRESIDIUM),
        "agenda": (6, SC),
        "publication": (16, PC),
    },
    ("广东省人民代表大会常务委员会议事规则", "2023-03-30"): {
        "quorum": (6, ">1/2 members"),
        "notice": (8, "P7D"),
        "convening": (5, CHAIR),
        "agenda": (7, COUNCIL),
        "proposal": (20, ">=5 members"),
        "questioning": (37, ">=5 members"),
        "voting": (51, ">1/2 members"),
        "publication": (15, SC),
        "chairing": (5, CHAIR),
    },
    ("广东省人民代表大会议事规则", "2022-01-22"): {
        "quorum": (6, ">=2/3 deputies"),
        "notice": (8, "P1M"),
        "convening": (5, SC),
        "proposal": (23, ">=10 deputies"),
        "questioning": (49, ">=10 deputies"),
        "voting": (60, ">1/2 deputies"),
        "chairing": (11, PRESIDIUM),
        "agenda": (7, SC),
        "publication": (17, PC),
    },
    ("重庆市人民代表大会常务委员会议事规则", "2023-03-30"): {
        "quorum": (12, ">1/2 members"),
        "notice": (10, "P7D"),
        "chairing": (8, CHAIR),
        "agenda": (9, COUNCIL),
        "proposal": (22, ">=5 members"),
        "questioning": (37, ">=5 members"),
        "voting": (46, ">1/2 members"),
        "publication": (47, SC),
        "convening": (8, CHAIR),
    },
    ("乐清市人民政府工作规则", None): {
        "convening": (7, "post/mayor"),
        "chairing": (7, "post/mayor"),
        "filing": (25, "P15D"),  # 部门…自发布之日起15日内向市政府备案
        "legality-review": (20, "body/justice-bureau"),
        "publication": (29, "body/city-government"),
    },
}
CASES = [
    (title, version, concern, article, code)
    for (title, version), answers in EXPECTED.items()
    for concern, (article, code) in answers.items()
]
IDS = [f"{t[:6]}-{v or 'undated'}-{c}" for t, v, c, _, _ in CASES]
TOTALS = {"all-members": "members", "all-deputies": "deputies"}


def code(row: dict[str, str]) -> str:
    """Write the value of one compare row in the short code of EXPECTED."""
    bound = ">" if row.get("comparison", "").endswith("more-than") else ">="
    total = TOTALS.get(row.get("total", "").rsplit("/", 1)[-1], "")
    if row.get("numerator"):
        return f"{bound}{row['numerator']}/{row['denominator']} {total}"
    if row.get("count"):
        return f"{bound}{row['count']} {total}"
    if row.get("period"):
        return row["period"]
    return re.sub(r"^.*/id/cn/\d+/", "", row.get("bearer", ""))


def as_text(rows) -> list[dict[str, str]]:
    return [{k: str(v) for k, v in row.items()} for row in rows]


def article_citation(article: int) -> str:
    from govrules.knowledge.concerns import chinese_number

    return f"第{chinese_number(article) if article < 100 else article}条"


def matching(rows, title: str, version: str | None) -> list[dict[str, str]]:
    return [
        r
        for r in rows
        if r.get("documentLabel") == title and (version is None or r.get("versionDate") == version)
    ]


def as_of(version: str | None) -> str:
    """Return the date to ask on: today, or 2015 for the NPCSC's 2009 text."""
    return "2015-06-01" if version == "2009-04-24" else date.today().isoformat()


_ANSWERS: dict[tuple, list] = {}


def answers(store, concern: str, day: str) -> list[dict[str, str]]:
    """Ask compare once per store, concern and date (the cases share the answers)."""
    key = (id(store), concern, day)
    if key not in _ANSWERS:
        params = {"concern": f"https://w3id.org/govrules/concept/concern/{concern}", "as-of": day}
        _ANSWERS[key] = as_text(ask(store, "compare", params).rows())
    return _ANSWERS[key]


def check(rows, title, version, article, expected) -> None:
    mine = matching(rows, title, version)
    assert mine, (
        f"no row for 《{title}》 {version}: {sorted({r.get('documentLabel') for r in rows})}"
    )
    hits = [r for r in mine if code(r) == expected]
    assert hits, [code(r) for r in mine]
    assert any(r["citation"] == f"《{title}》{article_citation(article)}" for r in hits), hits
    assert all(r["quote"] for r in hits)


@pytest.mark.parametrize(("title", "version", "concern", "article", "expected"), CASES, ids=IDS)
def test_compare_on_both_backends(
    oxigraph_store, rdflib_store, title, version, concern, article, expected
):
    ox = answers(oxigraph_store, concern, as_of(version))
    rl = answers(rdflib_store, concern, as_of(version))
    assert sorted(map(sorted, (r.items() for r in ox))) == sorted(
        map(sorted, (r.items() for r in rl))
    )
    check(ox, title, version, article, expected)


@pytest.mark.parametrize(
    ("title", "version", "concern", "article", "expected"),
    [c for c in CASES if c[2] in {"quorum", "voting", "notice"} or c[0].startswith("乐清")],
    ids=[
        i
        for i, c in zip(IDS, CASES, strict=True)
        if c[2] in {"quorum", "voting", "notice"} or c[0].startswith("乐清")
    ],
)
def test_compare_through_the_cli(built_dir, title, version, concern, article, expected):
    labels = {"quorum": "法定人数", "voting": "表决", "notice": "会议通知"}
    concept = labels.get(concern, f"https://w3id.org/govrules/concept/concern/{concern}")
    args = ["ask", "compare", "--concern", concept]
    args += ["--as-of", as_of(version), "--format", "json", "--store", str(built_dir / "store")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    rows = [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]
    check(rows, title, version, article, expected)


def test_quorum_today_lists_every_document_once(oxigraph_store):
    rows = as_text(ask(oxigraph_store, "compare", {"concern": "法定人数"}).rows())
    versions = {(r["documentLabel"], r.get("versionDate")) for r in rows}
    assert (NPCSC, "2009-04-24") not in versions
    npcsc = matching(rows, NPCSC, "2022-06-24")
    assert [code(r) for r in npcsc] == [">1/2 members"]
    assert npcsc[0]["citation"].endswith("第七条") and npcsc[0]["value"] == "全体组成人员的过半数"
    npc = matching(rows, "中华人民共和国全国人民代表大会议事规则", "2021-03-11")
    assert npc[0]["citation"].endswith("第四条") and npc[0]["valueEn"].startswith("at least two")
    # 13 works of procedure (14 texts: the NPCSC's twice), and Yueqing's, with no quorum norm.
    assert len({r["documentLabel"] for r in rows}) == 14
    yueqing = [r for r in rows if r["documentLabel"] == "乐清市人民政府工作规则"]
    assert yueqing and not any("norm" in r for r in yueqing)


def test_as_of_2015_gives_the_2009_articles(any_store):
    rows = as_text(ask(any_store, "compare", {"concern": "quorum", "as-of": "2015-06-01"}).rows())
    npcsc = matching(rows, NPCSC, None)
    assert {r["versionDate"] for r in npcsc} == {"2009-04-24"}
    assert npcsc[0]["citation"] == f"《{NPCSC}》第四条" and "才能举行" in npcsc[0]["quote"]


def test_before_any_known_text_the_npcsc_row_has_no_value(oxigraph_store):
    rows = as_text(
        ask(oxigraph_store, "compare", {"concern": "quorum", "as-of": "2000-01-01"}).rows()
    )
    npcsc = matching(rows, NPCSC, None)
    assert npcsc and not any("norm" in r for r in npcsc)


def test_filters_by_document_and_jurisdiction(any_store):
    rows = as_text(ask(any_store, "compare", {"concern": "表决", "jurisdiction": "110000"}).rows())
    assert {r["documentLabel"] for r in rows} == {
        "北京市人民代表大会常务委员会议事规则",
        "北京市人民代表大会议事规则",
    }
    rows = as_text(
        ask(
            any_store,
            "compare",
            {"concern": "voting threshold", "document": "全国人民代表大会议事规则"},
        ).rows()
    )
    assert {r["documentLabel"] for r in rows} == {"中华人民共和国全国人民代表大会议事规则"}


def changes(store, concern: str) -> list[dict[str, str]]:
    params = {"concern": concern, "document": "全国人民代表大会常务委员会议事规则"}
    return as_text(ask(store, "concern-changes", params).rows())


def test_quorum_moved_and_only_its_wording_changed(any_store):
    rows = changes(any_store, "法定人数")
    assert len(rows) == 1
    row = rows[0]
    assert row["fromCitation"].endswith("第四条") and row["toCitation"].endswith("第七条")
    assert row["change"] == "wording changed" and row["moved"] == "true"
    assert row["fromValue"] == row["toValue"] == "全体组成人员的过半数"


def test_publication_was_added_in_2022(any_store):
    rows = changes(any_store, "publication")
    assert [(r["change"], r["toCitation"][-4:]) for r in rows] == [("added", "第十六条")]


def test_questioning_wording_changed_national_supervisory_commission_added(any_store):
    rows = changes(any_store, "questioning")
    assert [r["change"] for r in rows] == ["wording changed"]
    assert "国家监察委员会" in rows[0]["toQuote"] and "国家监察委员会" not in rows[0]["fromQuote"]


def test_notice_is_unchanged_but_moved(any_store):
    rows = changes(any_store, "会议通知")
    assert [(r["change"], r["moved"]) for r in rows] == [("unchanged", "true")]


def test_unknown_concern_is_a_clear_404(oxigraph_store):
    from govrules.errors import NotFound

    with pytest.raises(NotFound, match="no resource is labelled"):
        ask(oxigraph_store, "compare", {"concern": "法定人"})


def test_bad_date_is_a_clear_400(oxigraph_store):
    from govrules.errors import BadRequest

    with pytest.raises(BadRequest, match="not a date"):
        ask(oxigraph_store, "compare", {"concern": "quorum", "as-of": "2015-13-01"})


@pytest.mark.parametrize("path", CONCERN_FILES, ids=[p.stem for p in CONCERN_FILES])
def test_values_are_rendered_from_their_data(path):
    graph = Graph().parse(path, format="turtle")
    nodes = list(graph.subjects(predicate=GWR.comparison)) + list(
        graph.subjects(predicate=GWR.countedBackFrom)
    )
    assert nodes, f"{path.name} states no value"
    for node in nodes:
        labels = {o.language: str(o) for o in graph.objects(node, RDFS.label)}
        if (node, GWR.period, None) in graph:
            period = str(graph.value(node, GWR.period))
            back = str(graph.value(node, GWR.countedBackFrom)).rsplit("/", 1)[-1]
            expected = render_period(period, counted_back_from=back)
        else:
            num, den, count = (
                graph.value(node, p) for p in (GWR.numerator, GWR.denominator, GWR["count"])
            )
            expected = render_threshold(
                comparison=str(graph.value(node, GWR.comparison)).rsplit("/", 1)[-1],
                total=str(graph.value(node, GWR.ofTotal)).rsplit("/", 1)[-1],
                numerator=None if num is None else int(num),
                denominator=None if den is None else int(den),
                count=None if count is None else int(count),
            )
        assert (labels["zh"], labels["en"]) == expected
    from rdflib.namespace import XSD  # not at module level: pytest probes XSD and it warns

    assert all(
        o.datatype == XSD.positiveInteger
        for p in (GWR.numerator, GWR.denominator, GWR["count"])
        for o in graph.objects(None, p)
    )


def test_every_quote_is_in_its_cited_provision(oxigraph_store):
    query = """
    PREFIX gwr: <https://w3id.org/govrules/ontology#>
    SELECT ?norm ?quote ?text WHERE {
      ?norm gwr:concern ?c ; gwr:quote ?quote ; gwr:hasLegalSource ?s .
      OPTIONAL { ?s gwr:text ?text }
    }"""
    rows = as_text(oxigraph_store.query(query).rows())
    assert len(rows) >= 130
    wrong = [r["norm"] for r in rows if r["quote"] not in r.get("text", "")]
    assert not wrong, wrong
