"""One error envelope for every status the service sends, as JSON and as HTML."""

import pytest

CASES = {
    400: ("GET", "/sparql?query=SELEKT", {}),
    404: ("GET", "/no/such/page", {}),
    405: ("DELETE", "/sparql", {}),
    406: ("GET", "/sparql?query=ASK%20%7B%7D", {"Accept": "image/png"}),
    413: ("POST", "/sparql", {"Content-Type": "application/sparql-query"}),
    415: ("POST", "/sparql", {"Content-Type": "image/png"}),
}


@pytest.fixture()
def small_app(app):
    app.config["MAX_CONTENT_LENGTH"] = 64
    return app


@pytest.mark.parametrize("status", sorted(CASES))
def test_json_envelope(small_app, status):
    method, path, headers = CASES[status]
    body = b"ASK {}" + b" " * 100 if status == 413 else b"ASK {}"
    response = small_app.test_client().open(path, method=method, headers=headers, data=body)
    assert response.status_code == status
    error = response.get_json()["error"]
    assert set(error) >= {"status", "code", "message"}
    assert error["status"] == status
    assert error["message"]


@pytest.mark.parametrize("status", [400, 404])
def test_html_for_browsers(client, status):
    method, path, _ = CASES[status]
    response = client.open(path, method=method, headers={"Accept": "text/html"})
    assert response.status_code == status
    assert response.mimetype == "text/html"
    assert f"<h1>{status}" in response.get_data(as_text=True)


def test_405_names_the_allowed_methods(client):
    response = client.delete("/sparql")
    assert set(response.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "POST"}
