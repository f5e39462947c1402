"""/health reports liveness and what the store holds."""


def test_health_lists_graphs_with_sizes(client):
    body = client.get("/health").get_json()
    assert body["status"] == "ok"
    rules = "https://w3id.org/govrules/graph/rules/330382-work-rules-2020"
    assert body["graphs"][rules] > 100
    assert body["quads"] == sum(body["graphs"].values())
