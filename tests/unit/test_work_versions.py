"""Works, versions and events (knowledge/versions.py) and the catalog's proposals."""

import datetime as dt
from dataclasses import dataclass, field

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from govrules.knowledge import catalog as cat
from govrules.knowledge.versions import match_articles, plan, similarity, versions_graph
from govrules.namespaces import ELI, GWR

D = dt.date


@dataclass(frozen=True)
class Event:
    date: dt.date
    kind: str
    by: str | None = None
    act: str | None = None
    line: int = 1


@dataclass
class Doc:
    title: str
    events: list = field(default_factory=list)
    version_date: dt.date | None = None


ENTRY = cat.Entry(
    id="100000-rules-of-procedure-1987",
    jurisdiction="100000",
    type="rules-of-procedure",
    year="1987",
    title="中华人民共和国全国人民代表大会常务委员会议事规则",
    sources=["a.md", "b.md"],
)
ADOPTED = Event(D(1987, 11, 24), "adopted", "第六届全国人民代表大会常务委员会第二十三次会议")
FIRST = Event(D(2009, 4, 24), "amended", "第十一届…第八次会议", "关于修改…的决定")
SECOND = Event(D(2022, 6, 24), "amended", "第十三届…第三十五次会议", "关于修改…的决定")
OLD = Doc(
    ENTRY.title, [ADOPTED, Event(D(2009, 4, 24), "amended", "第十一届…第八次会议")], D(2009, 4, 24)
)
NEW = Doc(ENTRY.title, [ADOPTED, FIRST, SECOND], D(2022, 6, 24))
WORK = "https://w3id.org/govrules/eli/cn/100000/rules-of-procedure/1987"


def test_two_texts_are_one_work_with_three_versions_one_unknown():
    work = plan(ENTRY, [OLD, NEW])
    assert work.iri == WORK
    assert [(v.iri.rsplit("/", 1)[1], v.doc is not None) for v in work.versions] == [
        ("1987-11-24", False),
        ("2009-04-24", True),
        ("2022-06-24", True),
    ]
    assert [(e.date.isoformat(), e.kind) for e in work.events] == [
        ("1987-11-24", "adopted"),
        ("2009-04-24", "amended"),
        ("2022-06-24", "amended"),
    ]
    # The later text's notes name the amending act the earlier one left out.
    assert work.events[1].act == "关于修改…的决定"


def test_a_text_without_title_notes_is_its_own_undated_version():
    entry = cat.Entry(
        "310000-rules-of-procedure-undated",
        "310000",
        "rules-of-procedure",
        "undated",
        "上海市人民代表大会常务委员会议事规则",
        ["x.md"],
    )
    work = plan(entry, [Doc(entry.title)])
    assert [(v.iri, v.date) for v in work.versions] == [(work.iri, None)]


def test_two_texts_of_the_same_date_are_refused():
    with pytest.raises(ValueError, match="both of 2022-06-24"):
        plan(ENTRY, [NEW, NEW])


def test_versions_graph_links_work_versions_and_events():
    work = plan(ENTRY, [OLD, NEW])
    graph = versions_graph(work, Graph())
    w = URIRef(WORK)
    versions = set(graph.objects(w, ELI.is_realized_by))
    assert len(versions) == 3
    assert (URIRef(WORK + "/1987-11-24"), GWR.textKnown, Literal(False)) in graph
    assert (
        URIRef(WORK + "/2022-06-24"),
        GWR.previousVersion,
        URIRef(WORK + "/2009-04-24"),
    ) in graph
    events = set(graph.objects(w, GWR.hasEvent))
    assert {str(e).rsplit("/", 1)[1] for e in events} == {
        "1987-11-24-adopted",
        "2009-04-24-amended",
        "2022-06-24-amended",
    }
    assert all((e, RDF.type, GWR.LegalEvent) in graph for e in events)


QUORUM_2009 = "常务委员会会议必须有常务委员会全体组成人员的过半数出席，才能举行。"
QUORUM_2022 = (
    "常务委员会会议有常务委员会全体组成人员的过半数出席，始得举行。\n"
    "遇有特殊情况，经委员长会议决定，常务委员会组成人员可以通过网络视频方式出席会议。"
)


def test_the_quorum_article_is_paired_by_text_not_number():
    old = [
        ("o1", "1", "为了健全全国人民代表大会常务委员会的议事程序，制定本规则。"),
        ("o4", "4", QUORUM_2009),
        ("o5", "5", "常务委员会会议召开的日期由委员长会议决定。"),
    ]
    new = [
        (
            "n1",
            "1",
            "为了健全全国人民代表大会常务委员会的议事程序，保障和规范其行使职权，制定本规则。",
        ),
        ("n4", "4", "全国人民代表大会常务委员会审议议案、决定问题，实行民主集中制的原则。"),
        ("n7", "7", QUORUM_2022),
    ]
    pairs = {(a, b) for a, b, _ in match_articles(old, new)}
    assert ("o4", "n7") in pairs
    assert ("o4", "n4") not in pairs
    assert ("o1", "n1") in pairs
    assert not any(a == "o5" for a, _ in pairs)  # removed: nothing like it in the new text


def test_similarity_of_unrelated_texts_is_low():
    assert similarity(QUORUM_2009, "委员长会议拟订常务委员会会议议程草案。") < 0.6
    assert similarity(QUORUM_2009, QUORUM_2022) >= 0.6


@pytest.mark.parametrize(
    ("title", "code", "doc_type", "issuer"),
    [
        (
            "中华人民共和国全国人民代表大会常务委员会议事规则",
            "100000",
            "rules-of-procedure",
            "standing-committee",
        ),
        (
            "中华人民共和国全国人民代表大会议事规则",
            "100000",
            "rules-of-procedure",
            "people-congress",
        ),
        (
            "重庆市人民代表大会常务委员会议事规则",
            "500000",
            "rules-of-procedure",
            "standing-committee",
        ),
        ("乐清市人民政府工作规则", "330382", "work-rules", "city-government"),
        ("广东省湿地保护条例", "440000", "local-regulation", ""),
    ],
)
def test_catalog_proposes_jurisdiction_type_and_issuer(title, code, doc_type, issuer):
    assert cat.jurisdiction_of(title) == code
    assert cat.type_of(title, code) == doc_type
    assert cat.issuer_of(title, doc_type) == issuer


def test_catalog_round_trips(tmp_path):
    catalog = cat.Catalog(
        [ENTRY], [{"id": "100000", "name": "中华人民共和国", "file": "org/100000.ttl"}]
    )
    cat.write(catalog, tmp_path)
    again = cat.read(tmp_path)
    assert again.documents == [ENTRY]
    assert again.organisations == catalog.organisations
