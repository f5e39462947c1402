"""The organisation graph of 乐清市 (data/org/330382.ttl) against the text of the work rules."""

import re
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.paths import OneOrMore

from govrules.namespaces import GWR, ID, ORG, concept_iri, document_iri

ROOT = Path(__file__).parents[2]
SOURCE = ROOT / "data" / "source" / "yueqing-government-work-rules-2020.txt"
ORG_FILE = ROOT / "data" / "org" / "330382.ttl"
CODE = "330382"
DOC = document_iri(CODE, "work-rules", "2020")

ARTICLE = re.compile(r"^第([一二三四五六七八九十]+)条\s*(.*)$")
CHAPTER = re.compile(r"^第[一二三四五六七八九十]+章")
DIGITS = "一二三四五六七八九"

# Which paragraphs name each resource, as patterns over the paragraph text. The org file must
# list exactly the paragraphs these match, so a missed or an invented mention fails.
CUES = {
    "body/city-government": r"市政府(?!组成|办公室|各部门)",
    "body/city-government-office": r"办公室",
    "body/audit-bureau": r"市审计局|审计等监督",
    "body/justice-bureau": r"市司法局",
    "body/higher-audit-authority": r"上一级审计机关",
    "body/wenzhou-government": r"温州市(?!人民政府工作规则)",
    "body/lower-governments": r"下级政府",
    "body/peoples-congress": r"市人大(?!常委会)",
    "body/peoples-congress-standing-committee": r"人大常委会|其常委会",
    "body/cppcc": r"市政协",
    "body/peoples-court": r"人民法院",
    "body/judicial-organs": r"司法机关",
    "body/supervisory-organ": r"监察",
    "body/city-party-committee": r"(?<!温州)市委",
    "post/mayor": r"(?<!副)市长(?!办公会议)|市政府、部门主要负责人",
    "post/executive-vice-mayor": r"负责常务工作的副市长",
    "post/vice-mayor": r"(?<!负责常务工作的)副市长",
    "post/office-director": r"办公室主任",
    "post/office-deputy-director": r"办公室副主任",
    "post/department-head": r"组成部门的?主要负责人|主任、局长|部门主要负责人",
    "group/government-members": r"组成人员|由下列人员组成",
    "group/vice-mayors": r"(?<!负责常务工作的)副市长",
    "group/departments": r"各部门",
    "group/constituent-departments": r"组成部门",
    "group/townships": r"乡镇",
    "group/function-zones": r"功能区",
    "group/deputies": r"党代表|人大代表|政协委员",
    "group/government-and-departments": r"市政府及各部门",
    "group/societal-stakeholders": r"民主党派",
    "meeting-type/plenary-meeting": r"全体会议",
    "meeting-type/executive-meeting": r"常务会议",
    "meeting-type/mayors-office-meeting": r"市长办公会议",
}

AGENT_CLASSES = (GWR.PublicBody, GWR.Government, GWR.Department, GWR.Post, GWR.Collective)


def small_numeral(text: str) -> int:
    """Return the value of a Chinese numeral below 100.

    >>> small_numeral("三十四"), small_numeral("十一"), small_numeral("七")
    (34, 11, 7)
    """
    tens, _, units = text.rpartition("十")
    if "十" not in text:
        return DIGITS.index(text) + 1
    return (DIGITS.index(tens) + 1 if tens else 1) * 10 + (DIGITS.index(units) + 1 if units else 0)


def read_paragraphs(path: Path) -> dict[tuple[int, int], str]:
    """Return the text of every paragraph (款) of the rules, keyed by (article, paragraph).

    A line that does not open an article starts a new paragraph only when the line before it
    ends a sentence; otherwise it continues a line broken in the middle (第十条 is one).
    """
    paragraphs: dict[tuple[int, int], str] = {}
    key = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or CHAPTER.match(line):
            continue
        if match := ARTICLE.match(line):
            key = (small_numeral(match[1]), 1)
            paragraphs[key] = match[2]
        elif key is not None:
            if paragraphs[key].endswith("。"):
                key = (key[0], key[1] + 1)
                paragraphs[key] = line
            else:
                paragraphs[key] += line
    return paragraphs


def paragraph_iri(article: int, paragraph: int) -> URIRef:
    """Return the IRI of a paragraph of the rules."""
    return URIRef(f"{DOC}/art_{article}/para_{paragraph}")


def resource(key: str) -> URIRef:
    """Return the IRI of a curated resource from its ``kind/slug`` key."""
    kind, slug = key.split("/")
    if kind == "meeting-type":
        return URIRef(concept_iri(kind, slug))
    return ID[f"cn/{CODE}/{key}"]


def included(graph: Graph, group: URIRef, member: URIRef) -> bool:
    """Return whether *group* includes *member*, directly or through other collectives."""
    return (group, GWR.includes * OneOrMore, member) in graph


@pytest.fixture(scope="module")
def paragraphs() -> dict[tuple[int, int], str]:
    return read_paragraphs(SOURCE)


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(ORG_FILE, format="turtle")


@pytest.fixture(scope="module")
def agents(graph) -> set[URIRef]:
    return {s for cls in AGENT_CLASSES for s in graph.subjects(RDF.type, cls)}


def test_paragraph_structure_matches_the_text(paragraphs):
    articles = {a for a, _ in paragraphs}
    assert articles == set(range(1, 35))
    counts = {a: max(p for b, p in paragraphs if b == a) for a in articles}
    multi = {a: n for a, n in counts.items() if n > 1}
    assert multi == {11: 4, 20: 2, 23: 2, 24: 2, 26: 2, 30: 2, 31: 2}
    assert paragraphs[(10, 1)].endswith("按分工协助副市长联系、协调有关工作。")
    assert paragraphs[(11, 3)].startswith("市审计局在市长和上一级审计机关领导下")


def test_paragraphs_agree_with_the_shared_parser(paragraphs):
    parse = pytest.importorskip("govrules.parse")
    if not hasattr(parse, "parse_file"):
        pytest.skip("govrules.parse does not export parse_file yet")
    doc = parse.parse_file(SOURCE)
    assert {(a.number, p.number) for a in doc.articles for p in a.paragraphs} == set(paragraphs)


def test_every_agent_is_curated(graph, agents):
    assert len(agents) == 29
    assert agents == {resource(k) for k in CUES if not k.startswith("meeting-type/")}


def test_every_agent_has_labels(graph, agents):
    for agent in agents:
        labels = {lit.language for lit in graph.objects(agent, RDFS.label)}
        assert {"zh", "en"} <= labels, agent
        pref = [lit.language for lit in graph.objects(agent, SKOS.prefLabel)]
        assert "zh" in pref and len(pref) == len(set(pref)), agent
        alt = set(graph.objects(agent, SKOS.altLabel))
        assert not alt & set(graph.objects(agent, SKOS.prefLabel)), agent
        assert {lit.language for lit in graph.objects(agent, SKOS.definition)} == {"zh", "en"}


def test_subjects_open_with_their_type(agents):
    text = ORG_FILE.read_text(encoding="utf-8")
    blocks = re.findall(r"^(\S+:\S+)\n\s+(\S+) (\S+)", text, flags=re.MULTILINE)
    assert len(blocks) == len(agents) + 3
    assert all(verb == "a" for _, verb, _ in blocks)


def test_every_mention_points_to_an_existing_paragraph(graph, paragraphs):
    valid = {paragraph_iri(a, p) for a, p in paragraphs}
    cited = set(graph.objects(None, GWR.mentionedIn))
    assert cited and cited <= valid, cited - valid


@pytest.mark.parametrize("key", sorted(CUES))
def test_mentions_are_the_paragraphs_that_name_the_resource(graph, paragraphs, key):
    expected = {paragraph_iri(*k) for k, text in paragraphs.items() if re.search(CUES[key], text)}
    assert expected, key
    assert set(graph.objects(resource(key), GWR.mentionedIn)) == expected


def test_jurisdiction(graph, agents):
    wenzhou = {resource("body/wenzhou-government"), resource("body/higher-audit-authority")}
    for agent in agents:
        expected = "330300" if agent in wenzhou else CODE
        assert list(graph.objects(agent, GWR.jurisdiction)) == [Literal(expected)], agent


def test_city_government_is_a_government(graph):
    assert (resource("body/city-government"), RDF.type, GWR.Government) in graph
    assert Literal("乐清市人民政府", lang="zh") in set(
        graph.objects(resource("body/city-government"), RDFS.label)
    )


@pytest.mark.parametrize(
    ("post", "superior"),
    [
        ("vice-mayor", "mayor"),  # 第六条, 第九条
        ("executive-vice-mayor", "mayor"),  # 第六条, 第九条
        ("office-director", "mayor"),  # 第十条
        ("office-deputy-director", "vice-mayor"),  # 第十条
        ("department-head", "vice-mayor"),  # 第十一条第二款
        ("department-head", "mayor"),  # 第十一条第二款
    ],
)
def test_reporting_line(graph, post, superior):
    assert (resource(f"post/{post}"), ORG.reportsTo, resource(f"post/{superior}")) in graph


def test_reporting_lines_are_exactly_those_of_the_text(graph):
    lines = {(s, o) for s, o in graph.subject_objects(ORG.reportsTo)}
    assert len(lines) == 6
    posts = set(graph.subjects(RDF.type, GWR.Post))
    assert all(s in posts and o in posts for s, o in lines)


def test_mayor_leads_the_government(graph):
    assert (resource("body/city-government"), GWR.ledBy, resource("post/mayor")) in graph


def test_audit_bureau(graph):
    audit = resource("body/audit-bureau")
    assert (audit, ORG.subOrganizationOf, resource("body/city-government")) in graph
    leaders = set(graph.objects(audit, GWR.ledBy))
    assert leaders == {resource("post/mayor"), resource("body/higher-audit-authority")}
    higher = resource("body/higher-audit-authority")
    assert Literal("温州市审计局", lang="zh") in set(graph.objects(higher, SKOS.altLabel))


@pytest.mark.parametrize("dept", ["city-government-office", "audit-bureau", "justice-bureau"])
def test_departments_belong_to_the_city_government(graph, dept):
    body = resource(f"body/{dept}")
    assert (body, RDF.type, GWR.Department) in graph
    assert (body, ORG.subOrganizationOf, resource("body/city-government")) in graph
    for group in ("constituent-departments", "departments"):
        assert included(graph, resource(f"group/{group}"), body)


@pytest.mark.parametrize("post", ["mayor", "vice-mayor", "executive-vice-mayor", "department-head"])
def test_government_members(graph, post):
    assert included(graph, resource("group/government-members"), resource(f"post/{post}"))


def test_executive_vice_mayor_is_a_vice_mayor(graph):
    vice_mayors = resource("group/vice-mayors")
    assert included(graph, vice_mayors, resource("post/executive-vice-mayor"))
    assert included(graph, vice_mayors, resource("post/vice-mayor"))
    assert not included(graph, vice_mayors, resource("post/mayor"))


def test_posts_sit_in_bodies(graph):
    for post in graph.subjects(RDF.type, GWR.Post):
        bodies = set(graph.objects(post, ORG.postIn))
        assert len(bodies) == 1, post
        assert (bodies.pop(), ORG.hasPost, post) in graph


@pytest.mark.parametrize(
    "meeting", ["plenary-meeting", "executive-meeting", "mayors-office-meeting"]
)
def test_meeting_types_are_convened_and_chaired_by_the_mayor(graph, meeting):
    subject = resource(f"meeting-type/{meeting}")
    assert list(graph.objects(subject, GWR.convenedBy)) == [resource("post/mayor")]
    assert list(graph.objects(subject, GWR.chairedBy)) == [resource("post/mayor")]


def test_meeting_composition(graph):
    plenary = resource("meeting-type/plenary-meeting")
    assert set(graph.objects(plenary, GWR.composedOf)) == {resource("group/government-members")}
    executive = resource("meeting-type/executive-meeting")
    members = {resource("post/mayor"), resource("group/vice-mayors")}
    assert set(graph.objects(executive, GWR.composedOf)) == members
    office = resource("meeting-type/mayors-office-meeting")
    assert not set(graph.objects(office, GWR.composedOf))
