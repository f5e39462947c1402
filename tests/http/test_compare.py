"""The comparison page: the matrix as HTML, JSON and CSV, and its errors."""

import csv
import io
import json

HTML = "text/html,application/xhtml+xml,*/*;q=0.8"
NPCSC = "中华人民共和国全国人民代表大会常务委员会议事规则"


def test_matrix_as_json(client):
    data = json.loads(client.get("/compare?format=json").data)
    slugs = [c["iri"].rsplit("/", 1)[-1] for c in data["concerns"]]
    assert slugs[:3] == ["quorum", "notice", "convening"] and len(slugs) == 11
    rows = {r["document"]: r for r in data["rows"]}
    assert len(rows) == 15
    quorum = rows[NPCSC]["cells"]["https://w3id.org/govrules/concept/concern/quorum"]
    assert quorum["values"][0]["text"] == "全体组成人员的过半数"
    assert quorum["values"][0]["href"].endswith("/1987/2022-06-24/art_7")
    assert not quorum["differs"]
    npc = rows["中华人民共和国全国人民代表大会议事规则"]["cells"]
    # Congresses need two thirds of the deputies; most documents here are congresses' rules.
    assert npc["https://w3id.org/govrules/concept/concern/quorum"]["values"][0]["text"] == (
        "全体代表的三分之二以上"
    )


def test_cells_differing_from_the_most_common_value_are_marked(client):
    data = json.loads(client.get("/compare?format=json").data)
    iri = "https://w3id.org/govrules/concept/concern/proposal"
    cells = {r["document"]: r["cells"][iri] for r in data["rows"]}
    # 10 deputies or 5 members are common; the NPC's 30 deputies is not.
    assert cells["中华人民共和国全国人民代表大会议事规则"]["differs"]
    assert not cells["浙江省人民代表大会议事规则"]["differs"]


def test_as_of_2015_shows_the_2009_text(client):
    data = json.loads(client.get("/compare?format=json&as-of=2015-06-01").data)
    npcsc = next(r for r in data["rows"] if r["document"] == NPCSC)
    assert npcsc["versionDate"] == "2009-04-24"
    cell = npcsc["cells"]["https://w3id.org/govrules/concept/concern/quorum"]
    assert cell["values"][0]["citation"].endswith("第四条")


def test_matrix_as_csv(client):
    response = client.get("/compare", headers={"Accept": "text/csv"})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.data.decode())))
    assert rows[0][:4] == ["document", "version", "versionDate", "body"] and "法定人数" in rows[0]
    npcsc = next(r for r in rows if r[0] == NPCSC)
    assert "全体组成人员的过半数 (《" in npcsc[rows[0].index("法定人数")]


def test_page_as_html(client):
    html = client.get("/compare?jurisdiction=110000", headers={"Accept": HTML}).data.decode()
    assert "北京市人民代表大会常务委员会议事规则" in html and "上海市" not in html
    assert 'data-concern="quorum"' in html and "过半数" in html
    assert "修改前后" in html


def test_bad_date_is_a_400(client):
    response = client.get("/compare?as-of=2015-02-30&format=json")
    assert response.status_code == 400
    assert "not a date" in json.loads(response.data)["error"]["message"]


def test_unknown_format_is_a_406(client):
    assert client.get("/compare?format=xml").status_code == 406
