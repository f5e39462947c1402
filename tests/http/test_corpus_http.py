"""The corpus over HTTP: /search, /documents, /changes, versions on pages, ?as-of redirects."""

import pytest

WORK = "/eli/cn/100000/rules-of-procedure/1987"
HTML = {"Accept": "text/html"}


def test_search_json_has_citations_and_links(client):
    response = client.get("/search?q=始得举行")
    assert response.status_code == 200
    data = response.get_json()
    assert data["total"] >= 2
    hit = next(h for h in data["hits"] if h["iri"].endswith("/1987/2022-06-24/art_7"))
    assert hit["citation"] == "《中华人民共和国全国人民代表大会常务委员会议事规则》第七条"
    assert hit["href"] == WORK + "/2022-06-24/art_7"
    assert "【始得举行】" in hit["snippet"]


def test_search_finds_two_character_words_inside_longer_ones(client):
    data = client.get("/search?q=备案&limit=200").get_json()
    assert data["total"] == len(data["hits"]) > 5
    assert all("备案" in h["snippet"] for h in data["hits"])


def test_search_page_for_people(client):
    page = client.get("/search?q=备案", headers=HTML).get_data(as_text=True)
    assert "条结果" in page and "【备案】" in page


@pytest.mark.parametrize("url", ["/search?q=", "/search?q=%20", "/search?q=x&limit=ten"])
def test_bad_searches_are_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response.get_json()["error"]


def test_documents_lists_the_corpus_and_filters(client):
    data = client.get("/documents").get_json()
    assert data["total"] == 14
    assert {d["iri"].rsplit("/eli/", 1)[1] for d in data["documents"]} >= {
        "cn/100000/rules-of-procedure/1987",
        "cn/330382/work-rules/2020",
    }
    national = client.get("/documents?jurisdiction=100000").get_json()["documents"]
    assert len(national) == 2
    committees = client.get("/documents?issuer=standing-committee").get_json()["documents"]
    assert len(committees) == 6 and all("常务委员会" in d["title"] for d in committees)
    assert [d["year"] for d in client.get("/documents?year=1987").get_json()["documents"]] == [
        "1987"
    ]
    page = client.get("/documents?type=work-rules", headers=HTML).get_data(as_text=True)
    assert "乐清市人民政府工作规则" in page and "议事规则》" not in page


def test_home_lists_the_corpus(client):
    page = client.get("/", headers=HTML).get_data(as_text=True)
    assert 'id="corpus"' in page and "全国人民代表大会常务委员会议事规则" in page


def test_a_work_page_shows_versions_and_events(client):
    page = client.get(WORK, headers=HTML).get_data(as_text=True)
    for text in (
        "1987-11-24",
        "2009-04-24",
        "2022-06-24",
        "第六届全国人民代表大会常务委员会第二十三次会议",
        "文本未收录",
    ):
        assert text in page


def test_a_provision_page_switches_to_its_counterpart(client):
    page = client.get(WORK + "/2022-06-24/art_7", headers=HTML).get_data(as_text=True)
    assert f'href="{WORK}/2009-04-24/art_4"' in page


@pytest.mark.parametrize(
    ("path", "day", "target"),
    [
        (WORK, "2015-06-01", WORK + "/2009-04-24"),
        (WORK, "2023-01-01", WORK + "/2022-06-24"),
        (WORK + "/2022-06-24/art_7", "2015-06-01", WORK + "/2009-04-24/art_4"),
        (WORK + "/2009-04-24/art_4", "2022-06-24", WORK + "/2022-06-24/art_7"),
    ],
)
def test_as_of_redirects_to_the_version_in_force(client, path, day, target):
    response = client.get(f"{path}?as-of={day}")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(target)


@pytest.mark.parametrize(
    ("day", "status", "words"),
    [
        ("2000-01-01", 404, "not in the corpus"),
        ("1900-01-01", 404, "did not stand yet"),
        ("2015-02-30", 400, "not a date"),
    ],
)
def test_as_of_without_a_text_answers_clearly(client, day, status, words):
    response = client.get(f"{WORK}?as-of={day}")
    assert response.status_code == status
    assert words in response.get_json()["error"]["message"]


def test_changes_page_shows_the_renumbered_quorum_article_side_by_side(client):
    url = "/changes?document=全国人民代表大会常务委员会议事规则&from=2015-01-01&to=2023-01-01"
    page = client.get(url, headers=HTML).get_data(as_text=True)
    renumbered = page.split('id="renumbered"')[1].split("<h2")[0]
    assert "第4条" in renumbered and "第7条" in renumbered
    assert "才能举行" in renumbered and "始得举行" in renumbered


def test_changes_needs_its_parameters(client):
    assert client.get("/changes?document=x").status_code == 400
    assert (
        client.get("/changes?document=没有这个文件&from=2015-01-01&to=2023-01-01").status_code
        == 404
    )
