"""POST /validate, the form page and the JSON-LD context, through the Flask client."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from govrules.namespaces import SH
from govrules.web.app import create_app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "data" / "examples"
REC = "https://w3id.org/govrules/id/cn/330382/record/"
# Every result the mixed export must give: (record, rule, severity, article), and nothing more.
EXPECTED = sorted(
    [
        ("decision/2020-040", "MajorMatterForumShape", "Violation", "第七条"),
        ("decision/2020-041", "MeetingDecisionPublicationShape", "Violation", "第二十九条"),
        ("decision/2020-042", "MajorDecisionReportShape", "Violation", "第二十一条"),
        ("decision/2020-043", "PublicInterestDisclosureShape", "Violation", "第三十条"),
        ("document/lqzf-2020-12", "CityDocumentFilingShape", "Violation", "第三十二条"),
        ("proposal/2020-010", "ProposalDepartmentConsultationShape", "Violation", "第二十条"),
        ("proposal/2020-010", "ProposalTownshipConsultationShape", "Violation", "第二十条"),
        ("document/lqjyf-2020-7", "DepartmentDocumentFilingShape", "Violation", "第二十五条"),
        ("document/lqjyf-2020-7", "NoLicencePenaltyCoercionFeeShape", "Violation", "第二十六条"),
        ("document/lqjyf-2020-7", "UnifiedRegistrationShape", "Violation", "第二十六条"),
        ("document/lqjyf-2020-8", "NormativeDocumentPublicDraftShape", "Warning", "第二十四条"),
        ("document/lqjyf-2020-8", "PolicyInterpretationShape", "Violation", "第三十一条"),
        ("document/lqjyf-2020-9", "JointMakingShape", "Violation", "第二十五条"),
        ("evaluation/lqjyf-2020-9", "EvaluationByDraftingUnitShape", "Violation", "第二十四条"),
        (
            "interpretation/lqjyf-2020-7",
            "InterpretationPublishedTogetherShape",
            "Violation",
            "第三十一条",
        ),
        ("meeting/2020-exec-14", "MeetingDelegationShape", "Violation", "第七条"),
        ("meeting/2020-exec-14", "MeetingDelegationShape", "Violation", "第八条"),
        ("meeting/2020-exec-15", "MeetingConvenerShape", "Violation", "第七条"),
        ("proposal/2020-008", "ProposalLegalityReviewShape", "Violation", "第二十条"),
        ("proposal/2020-008", "ProposalMaterialsShape", "Violation", "第二十条"),
        ("proposal/2020-009", "ProposalHearingShape", "Info", "第二十条"),
        ("proposal/2020-009", "ProposalPublicConsultationShape", "Warning", "第二十条"),
    ]
)


def flatten(report: dict) -> list[tuple[str, str, str, str]]:
    """Return (record, rule, severity, article number) for every result and cited article."""
    rows = []
    for record in report["records"]:
        for result in record["results"]:
            for provision in result["provisions"]:
                article = provision["article"]["label"]["zh"].split("》")[1]
                rows.append(
                    (record["record"][len(REC) :], result["rule"], result["severity"], article)
                )
    return sorted(rows)


@pytest.fixture()
def vclient(oxigraph_store):
    app = create_app({"store": "memory", "data_dir": str(ROOT / "data")}, store=oxigraph_store)
    app.config.update(TESTING=True)
    return app.test_client()


def post(client, path: Path, media_type: str, accept: str = "application/json"):
    return client.post(
        "/validate", data=path.read_bytes(), content_type=media_type, headers={"Accept": accept}
    )


def test_mixed_export_gives_every_expected_result_and_nothing_more(vclient):
    response = post(vclient, EXAMPLES / "violating.ttl", "text/turtle")
    assert response.status_code == 200
    report = response.get_json()
    assert report["conforms"] is False
    assert flatten(report) == EXPECTED
    assert report["counts"] == {"Violation": 18, "Warning": 2, "Info": 1}
    filing = next(r for r in report["records"] if r["record"].endswith("lqjyf-2020-7"))
    result = next(x for x in filing["results"] if x["rule"] == "DepartmentDocumentFilingShape")
    assert result["norms"] == [
        "https://w3id.org/govrules/eli/cn/330382/work-rules/2020/norm/art_25-7"
    ]
    assert result["provisions"][0]["iri"].endswith("/art_25/para_1")
    assert "15日内向市政府备案" in result["provisions"][0]["text"]
    assert set(result["message"]) == {"zh", "en"}
    per_article = {a["label"]["zh"].split("》")[1]: a["Violation"] for a in report["articles"]}
    assert per_article["第二十六条"] == 2 and per_article["第七条"] == 3


def test_jsonld_with_our_context_gives_the_same_report(vclient):
    turtle = post(vclient, EXAMPLES / "violating.ttl", "text/turtle").get_json()
    jsonld = post(vclient, EXAMPLES / "violating.jsonld", "application/ld+json").get_json()
    assert flatten(jsonld) == flatten(turtle) == EXPECTED


def test_plain_json_records_with_our_context_are_read_as_jsonld(vclient):
    plain = post(vclient, EXAMPLES / "violating.jsonld", "application/json").get_json()
    assert flatten(plain) == EXPECTED


def test_conforming_export_conforms(vclient):
    for name, media in [
        ("conforming.ttl", "text/turtle"),
        ("conforming.jsonld", "application/ld+json"),
    ]:
        report = post(vclient, EXAMPLES / name, media).get_json()
        assert report["conforms"] is True and report["records"] == []


def test_ntriples_body(vclient):
    graph = Graph().parse(EXAMPLES / "violating.ttl")
    body = graph.serialize(format="nt", encoding="utf-8")
    response = vclient.post("/validate", data=body, content_type="application/n-triples")
    assert flatten(response.get_json()) == EXPECTED


def test_turtle_report_is_a_shacl_report_graph(vclient):
    response = post(vclient, EXAMPLES / "violating.ttl", "text/turtle", accept="text/turtle")
    assert response.mimetype == "text/turtle"
    graph = Graph().parse(data=response.data, format="turtle")
    assert len(set(graph.subjects(RDF.type, SH.ValidationResult))) == 21
    assert len(list(graph.objects(None, SH.conforms))) == 1


def test_jsonld_report(vclient):
    response = post(
        vclient, EXAMPLES / "violating.ttl", "text/turtle", accept="application/ld+json"
    )
    graph = Graph().parse(data=response.data, format="json-ld")
    assert len(set(graph.subjects(RDF.type, SH.ValidationResult))) == 21


def test_html_report_summarises_per_article(vclient):
    response = post(vclient, EXAMPLES / "violating.ttl", "text/turtle", accept="text/html")
    page = response.get_data(as_text=True)
    assert response.mimetype == "text/html"
    assert "按条款汇总" in page and "《乐清市人民政府工作规则》第二十五条" in page
    assert "/eli/cn/330382/work-rules/2020/art_25/para_1" in page


def test_form_page_and_form_post(vclient):
    page = vclient.get("/validate")
    assert page.status_code == 200 and b"<textarea" in page.data
    data = (EXAMPLES / "violating.ttl").read_text(encoding="utf-8")
    response = vclient.post(
        "/validate", data={"data": data, "format": "turtle"}, headers={"Accept": "application/json"}
    )
    assert flatten(response.get_json()) == EXPECTED


def test_context_is_served(vclient):
    response = vclient.get("/context.jsonld")
    assert response.mimetype == "application/ld+json"
    assert json.loads(response.data) == json.loads((ROOT / "data" / "context.jsonld").read_text())


def test_unparsable_turtle_is_400_with_line_and_column(vclient):
    body = b'@prefix gwr: <https://w3id.org/govrules/ontology#> .\n<a> gwr:x "open ;\n'
    response = vclient.post("/validate", data=body, content_type="text/turtle")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "load" and error["details"]["line"] == 2
    assert "column" in error["details"]


def test_remote_context_is_refused(vclient):
    body = json.dumps({"@context": "http://example.org/ctx.jsonld", "@id": "x"}).encode()
    response = vclient.post("/validate", data=body, content_type="application/ld+json")
    assert response.status_code == 400
    assert "remote JSON-LD context refused" in response.get_json()["error"]["message"]


def test_bad_json_is_400(vclient):
    response = vclient.post("/validate", data=b"{", content_type="application/ld+json")
    assert response.status_code == 400


def test_other_media_type_is_415(vclient):
    response = vclient.post("/validate", data=b"x", content_type="text/plain")
    assert response.status_code == 415
    assert response.get_json()["error"]["status"] == 415


def test_unacceptable_report_type_is_406(vclient):
    response = post(vclient, EXAMPLES / "conforming.ttl", "text/turtle", accept="image/png")
    assert response.status_code == 406


def test_body_over_the_limit_is_413(oxigraph_store):
    app = create_app(
        {"store": "memory", "data_dir": str(ROOT / "data"), "max_body_bytes": 100},
        store=oxigraph_store,
    )
    response = app.test_client().post("/validate", data=b"#" * 1000, content_type="text/turtle")
    assert response.status_code == 413


EXPORTS = ROOT / "tests" / "fixtures" / "exports"


def test_issue_16_info_only_report_conforms_as_the_cli_says(vclient):
    """The HTTP report carries the CLI's verdict: an Info alone passes, unless infos fail."""
    report = post(vclient, EXPORTS / "info-only.ttl", "text/turtle").get_json()
    assert report["conforms"] is True and report["counts"]["Info"] == 1
    assert report["allowed"] == ["Info"] and report["failing"] == 0
    strict = vclient.post(
        "/validate?allow-info=false",
        data=(EXPORTS / "info-only.ttl").read_bytes(),
        content_type="text/turtle",
    ).get_json()
    assert strict["conforms"] is False and strict["failing"] == 1


def test_issue_16_report_graph_says_conforms_true_for_an_info(vclient):
    response = post(vclient, EXPORTS / "info-only.ttl", "text/turtle", accept="text/turtle")
    graph = Graph().parse(data=response.data, format="turtle")
    assert [bool(o.toPython()) for o in graph.objects(None, SH.conforms)] == [True]
    assert len(set(graph.subjects(RDF.type, SH.ValidationResult))) == 1


def test_issue_16_allow_warnings_over_http_and_form(vclient):
    data = (EXPORTS / "warning-and-info.ttl").read_bytes()
    plain = vclient.post("/validate", data=data, content_type="text/turtle").get_json()
    assert plain["conforms"] is False
    query = vclient.post(
        "/validate?allow-warnings=true", data=data, content_type="text/turtle"
    ).get_json()
    form = vclient.post(
        "/validate",
        data={"data": data.decode("utf-8"), "format": "turtle", "allow-warnings": "true"},
        headers={"Accept": "application/json"},
    ).get_json()
    assert query["conforms"] is form["conforms"] is True


def test_issue_16_bad_policy_value_is_400(vclient):
    response = vclient.post(
        "/validate?allow-info=maybe",
        data=(EXPORTS / "info-only.ttl").read_bytes(),
        content_type="text/turtle",
    )
    assert response.status_code == 400 and "allow-info" in response.get_json()["error"]["message"]


@pytest.mark.parametrize("name", ["empty.ttl", "no-records.ttl"])
def test_issue_16_empty_export_is_422_naming_what_was_expected(vclient, name):
    response = post(vclient, EXPORTS / name, "text/turtle")
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "empty-export" and "DecisionProposal" in error["message"]
    allowed = vclient.post(
        "/validate?allow-empty=true",
        data=(EXPORTS / name).read_bytes(),
        content_type="text/turtle",
    )
    assert allowed.status_code == 200 and allowed.get_json()["conforms"] is True


def test_issue_16_empty_jsonld_is_422(vclient):
    body = b'{"@context": "https://w3id.org/govrules/context.jsonld", "@graph": []}'
    response = vclient.post("/validate", data=body, content_type="application/ld+json")
    assert response.status_code == 422


@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_issue_16_both_engines_over_http_give_the_cli_findings(vclient, engine):
    response = vclient.post(
        f"/validate?engine={engine}",
        data=(EXAMPLES / "violating.ttl").read_bytes(),
        content_type="text/turtle",
    )
    assert response.get_json()["engine"] == engine
    assert flatten(response.get_json()) == EXPECTED


def test_unknown_engine_is_400(vclient):
    response = vclient.post(
        "/validate?engine=magic",
        data=(EXAMPLES / "violating.ttl").read_bytes(),
        content_type="text/turtle",
    )
    assert response.status_code == 400


def test_issue_16_form_options_carry_the_verdict(vclient):
    """The form's boxes: checked "allow-info" comes before its hidden false, as browsers send it."""
    page = vclient.get("/validate").get_data(as_text=True)
    assert 'name="allow-warnings"' in page and 'name="allow-info"' in page
    text = (EXPORTS / "info-only.ttl").read_text(encoding="utf-8")
    checked = {"data": text, "format": "turtle", "allow-info": ["true", "false"]}
    unchecked = {"data": text, "format": "turtle", "allow-info": "false"}
    accept = {"Accept": "application/json"}
    assert vclient.post("/validate", data=checked, headers=accept).get_json()["conforms"] is True
    assert vclient.post("/validate", data=unchecked, headers=accept).get_json()["conforms"] is False
