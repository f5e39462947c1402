"""Canned questions over HTTP: the list, forms, HTML tables, SPARQL JSON and CSV."""

import csv
import io
import json

import pytest

HTML = "text/html,application/xhtml+xml,*/*;q=0.8"


def test_list_as_json(client):
    data = json.loads(client.get("/queries").data)
    names = [q["name"] for q in data["questions"]]
    assert "who-must-approve" in names and "obligations-of" in names
    assert len(names) == 10 and {"compare", "concern-changes"} <= set(names)


def test_list_as_html(client):
    html = client.get("/queries", headers={"Accept": HTML}).data.decode()
    assert 'href="/queries/who-must-approve"' in html and 'href="/queries/deadlines.csv"' in html


@pytest.mark.parametrize(
    ("path", "accept", "media"),
    [
        ("/queries/deadlines.json", None, "application/sparql-results+json"),
        (
            "/queries/deadlines",
            "application/sparql-results+json",
            "application/sparql-results+json",
        ),
        ("/queries/deadlines.csv", None, "text/csv"),
        ("/queries/deadlines", "text/csv", "text/csv"),
        ("/queries/deadlines?format=csv", HTML, "text/csv"),
    ],
)
def test_results_by_suffix_or_accept(client, path, accept, media):
    response = client.get(path, headers={"Accept": accept} if accept else {})
    assert response.status_code == 200 and response.mimetype == media


def test_csv_answers_the_deadline_question(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/queries/deadlines.csv").data.decode())))
    assert any(r["period"] == "P15D" and r["norm"].endswith("norm/art_25-7") for r in rows)


def test_json_with_a_parameter_by_label(client):
    data = json.loads(
        client.get("/queries/obligations-of.json", query_string={"party": "市司法局"}).data
    )
    norms = {b["norm"]["value"].rsplit("/", 1)[-1] for b in data["results"]["bindings"]}
    assert "art_25-7" in norms


def test_html_form_and_table_with_links(client):
    html = client.get("/queries/obligations-of", headers={"Accept": HTML}).data.decode()
    assert (
        '<input name="party"' in html
        and "results" not in html.split("<details>")[0].split("</form>")[1]
    )
    html = client.get(
        "/queries/obligations-of", query_string={"party": "市司法局"}, headers={"Accept": HTML}
    ).data.decode()
    assert 'class="results"' in html
    assert 'href="/eli/cn/330382/work-rules/2020/norm/art_25-7"' in html


def test_missing_required_parameter_is_400_with_the_message(client):
    response = client.get("/queries/obligations-of.json")
    assert response.status_code == 400
    assert "party" in json.loads(response.data)["error"]["message"]


def test_unknown_label_and_unknown_parameter(client):
    assert (
        client.get("/queries/obligations-of.json", query_string={"party": "不存在"}).status_code
        == 404
    )
    response = client.get("/queries/deadlines.json", query_string={"who": "x"})
    assert response.status_code == 400 and "who" in json.loads(response.data)["error"]["message"]


def test_unknown_question_is_404(client):
    assert client.get("/queries/nope").status_code == 404
    assert client.get("/queries/nope", headers={"Accept": HTML}).mimetype == "text/html"


def test_sparql_page_preloads_prefixes_and_questions(client):
    html = client.get("/sparql", headers={"Accept": HTML}).data.decode()
    assert "vendor/yasgui/yasgui.min.js" in html and "<noscript>" in html
    assert "PREFIX gwr: <https://w3id.org/govrules/ontology#>" in html
    assert "谁必须决定或批准什么" in html
    assert "cdn" not in html.lower()
