"""The drafter's hard cases, each on a minimal snippet."""

from __future__ import annotations

import pytest
from rdflib import Graph

from govrules.knowledge.drafting import draft_document
from govrules.knowledge.drafting.attributes import (
    find_deadline,
)
from govrules.knowledge.drafting.clauses import (
    find_cues,
)
from govrules.knowledge.parse import parse_text

ORG = """
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix gwr: <https://w3id.org/govrules/ontology#> .
@prefix body: <https://w3id.org/govrules/id/cn/9/body/> .
@prefix post: <https://w3id.org/govrules/id/cn/9/post/> .
body:government a gwr:PublicBody ; skos:prefLabel "市政府"@zh .
body:justice a gwr:PublicBody ; skos:prefLabel "市司法局"@zh .
post:mayor a gwr:Post ; skos:prefLabel "市长"@zh .
post:vice a gwr:Post ; skos:prefLabel "副市长"@zh .
"""
BASE = "https://w3id.org/govrules/id/cn/9/"
DOC = "https://w3id.org/govrules/eli/cn/9/work-rules/2020"


def draft(body: str):
    doc = parse_text("示例规则\n" + body)
    org = Graph().parse(data=ORG, format="turtle")
    return draft_document(doc, doc_iri=DOC, org=org, issuer_iri=BASE + "body/government").norms


def fields(norms):
    return [(n.modality, n.bearer.label, n.action) for n in norms]


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("第一条 市司法局可以提出意见。", "Permission"),
        ("第一条 市司法局可提出意见。", "Permission"),
        ("第一条 市司法局应当提出意见。", "Obligation"),
        ("第一条 市司法局必须提出意见。", "Obligation"),
        ("第一条 市司法局要提出意见。", "Obligation"),
        ("第一条 市司法局不得提出意见。", "Prohibition"),
        ("第一条 市司法局有权提出意见。", "Power"),
    ],
)
def test_modality_cues(text, modality):
    assert draft(text)[0].modality == modality


def test_senses_of_ke_that_grant_nothing():
    # 可行性, 可能, 许可 hold 可 but grant no permission; 可以作为 is a possibility.
    assert find_cues("进行可行性论证，可能影响许可的") == []
    assert draft("第一条 形成的调研报告可以作为会议参阅材料。") == [] or all(
        n.modality != "Permission" for n in draft("第一条 形成的调研报告可以作为会议参阅材料。")
    )


def test_yingdang_yao_bixu_in_one_sentence_each_clause_its_own():
    norms = draft("第一条 市司法局应当审查，要及时报告，必须公布，可以解读。")
    assert [n.modality for n in norms] == ["Obligation"] * 3 + ["Permission"]
    assert [n.action for n in norms] == ["review-legality", "report", "publish", "interpret"] or [
        n.action for n in norms
    ][1:] == ["report", "publish", "interpret"]


def test_chapeau_items_inherit_bearer_and_power():
    norms = draft("第一条 市长行使下列职权：\n（一）召集会议；\n（二）批准预算；\n（三）任免人员。")
    assert [(n.modality, n.bearer.label) for n in norms] == [("Power", "市长")] * 3
    assert [n.action for n in norms] == ["convene", "approve", "appoint"]
    assert all(n.source.endswith(f"item_{i}") for i, n in enumerate(norms, 1))


def test_bearer_ellipsis_from_previous_sentence():
    norms = draft("第一条 市司法局应当审查文件。发现问题的，应当及时报告市长。")
    assert [n.bearer.label for n in norms] == ["市司法局", "市司法局"]


def test_sentence_without_subject_binds_the_issuer():
    assert draft("第一条 加强社会信用体系建设。")[0].bearer.iri == BASE + "body/government"


def test_negated_permission():
    norms = draft("第一条 市司法局不得公开，但经市长批准的可以公开。")
    assert [n.modality for n in norms] == ["Prohibition", "Permission"]
    assert norms[1].counterparties[0].iri == BASE + "post/mayor"


def test_passive_agent_is_the_bearer():
    norms = draft("第一条 合法性审查意见由市司法局负责提出。")
    assert norms[0].bearer.iri == BASE + "body/justice"


def test_approval_by_names_the_counterparty():
    norms = draft("第一条 副市长处理重大事项，应当经市长同意。")
    assert any(p.iri == BASE + "post/mayor" for n in norms for p in n.counterparties)


def test_counterparty_of_report_and_filing():
    norms = draft("第一条 市司法局应当向市长报告，并报市政府备案。")
    assert [(n.action, [p.label for p in n.counterparties]) for n in norms] == [
        ("report", ["市长"]),
        ("file-for-record", ["市政府"]),
    ]


def test_forum_of_a_decision():
    doc = parse_text("示例规则\n第一条 重大事项必须经市政府常务会议讨论决定。")
    concepts = Graph().parse("ontology/concepts.ttl")
    norms = draft_document(doc, doc_iri=DOC, org=concepts).norms
    assert norms[0].action == "decide"
    assert norms[0].forums == ["https://w3id.org/govrules/concept/meeting-type/executive-meeting"]


@pytest.mark.parametrize(
    ("text", "period", "counted", "back"),
    [
        ("自发布之日起15日内向市政府备案", "P15D", "eli:date_publication", None),
        ("自公布之日起三十日内报送", "P30D", "eli:date_publication", None),
        ("在会议举行的七日前通知", "P7D", None, "meeting-opening"),
        ("应当在会议举行十日以前送达", "P10D", None, "meeting-opening"),
        ("在会议举行的一个月前通知", "P1M", None, "meeting-opening"),
    ],
)
def test_deadlines(text, period, counted, back):
    d = find_deadline(text)
    assert (d.period, d.counted_from, d.back_from) == (period, counted, back)


def test_a_deadline_without_its_event_counts_from_the_one_before():
    norms = draft("第一条 市司法局应当在会议举行的七日前通知，并在五日前提供材料。")
    assert [(n.deadline.period, n.deadline.back_from) for n in norms] == [
        ("P7D", "meeting-opening"),
        ("P5D", "meeting-opening"),
    ]


def test_conditions_secret_and_when_necessary():
    norms = draft("第一条 市政府应当公布决定，但需要保密的除外；必要时可以举行听证会。")
    assert "secret" in norms[0].exceptions
    assert "when-necessary" in norms[-1].conditions


def test_declarative_paragraph_gets_a_note():
    doc = parse_text("示例规则\n第一条 根据有关法律，制定本规则。")
    drafts = draft_document(doc, doc_iri=DOC)
    assert drafts.norms == [] and drafts.notes[0].en == "declarative: legal basis"


def test_coordinated_verbs_one_norm_each():
    assert fields(draft("第一条 市长召集和主持全体会议。")) == [
        ("Power", "市长", "convene"),
        ("Power", "市长", "chair"),
    ]


def test_quotes_are_words_of_the_text():
    body = "第一条 市司法局应当审查文件，发现问题的，应当及时报告市长。"
    for norm in draft(body):
        assert norm.quote in body


def test_coordinated_subjects_one_norm_each():
    norms = draft("第一条 市司法局、市长和副市长应当报告工作。")
    assert {n.bearer.label for n in norms} == {"市司法局", "市长", "副市长"}
    assert {n.action for n in norms} == {"report"}


def test_head_final_names_and_minted_bearers():
    # 常务委员会办事机构 is not the standing committee: the head 办事机构 names another body.
    norms = draft_document(
        parse_text("示例规则\n第一条 常务委员会办事机构应当通知组成人员。"), doc_iri=DOC
    ).norms
    assert norms[0].bearer.label == "常务委员会办事机构" and norms[0].bearer.iri is None


def test_rights_name_their_act():
    norms = draft("第一条 列席会议的人员有发言权，但无表决权。")
    assert [(n.modality, n.action, n.bearer.label) for n in norms] == [
        ("Power", "speak", "列席会议的人员"),
        ("Prohibition", "vote", "列席会议的人员"),
    ]


def test_passive_agent_with_its_whole_name_is_a_competence():
    norms = draft("第一条 分组会议由小组召集人主持。")
    assert [(n.modality, n.bearer.label, n.action) for n in norms] == [
        ("Power", "小组召集人", "chair")
    ]


def test_list_of_bearers_under_a_chapeau():
    norms = draft("第一条 举行会议时，下列人员列席会议：\n（一）市司法局的负责人；\n（二）副市长。")
    assert [(n.bearer.label, n.action) for n in norms] == [
        ("市司法局的负责人", "attend"),
        ("副市长", "attend"),
    ]
    assert norms[1].bearer.iri == BASE + "post/vice"


def test_delegated_act_is_the_object_of_the_permission():
    norms = draft("第一条 市长可以委托副市长召集会议。")
    assert [(n.modality, n.action) for n in norms] == [("Permission", "delegate")]
    assert norms[0].counterparties[0].label == "副市长"


CONGRESS = """
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix gwr: <https://w3id.org/govrules/ontology#> .
@prefix body: <https://w3id.org/govrules/id/cn/9/body/> .
@prefix group: <https://w3id.org/govrules/id/cn/9/group/> .
body:congress a gwr:PublicBody ; skos:prefLabel "人民代表大会"@zh .
body:sc a gwr:PublicBody ; skos:prefLabel "常务委员会"@zh .
body:council a gwr:PublicBody ; skos:prefLabel "主任会议"@zh .
group:members a gwr:Collective ; skos:prefLabel "常务委员会组成人员"@zh .
group:deputies a gwr:Collective ; skos:prefLabel "代表"@zh .
"""


def draft_congress(body: str, issuer: str = "body/sc"):
    doc = parse_text("示例议事规则\n" + body)
    org = Graph().parse(data=CONGRESS, format="turtle")
    return draft_document(doc, doc_iri=DOC, org=org, issuer_iri=BASE + issuer).norms


def congress_fields(norms):
    return [
        (n.modality, (n.bearer.iri or n.bearer.label).replace(BASE, ""), n.action) for n in norms
    ]


def test_adoption_by_the_majority_of_members_binds_their_body():
    # 组成人员 is no composition (由…组成): the paragraph states the majority rule.
    norms = draft_congress("第一条 表决议案由常务委员会全体组成人员的过半数通过。", "body/congress")
    assert congress_fields(norms) == [("Obligation", "body/sc", "adopt")]


def test_a_vote_then_its_majority_is_one_adoption():
    norms = draft_congress("第一条 人民代表大会表决议案，以全体代表的过半数通过。")
    assert congress_fields(norms) == [("Obligation", "body/congress", "adopt")]


def test_on_behalf_of_another_body_the_subject_stays_the_bearer():
    norms = draft_congress("第一条 专门委员会受主任会议委托，可以审议议案。")
    assert [(n.modality, n.bearer.label, n.action) for n in norms] == [
        ("Permission", "专门委员会", "deliberate")
    ]


def test_a_short_name_the_text_defines_names_the_same_parties():
    norms = draft_congress(
        "第一条 为了健全市人民代表大会常务委员会（以下简称常委会）的议事程序，制定本规则。\n"
        "第二条 常委会组成人员应当出席会议。"
    )
    assert congress_fields(norms) == [("Obligation", "group/members", "attend")]


def test_a_qualified_group_of_sponsors_is_a_bearer_of_the_list():
    norms = draft_congress("第一条 一个代表团或者三十名以上的代表联名，可以提出议案。")
    assert ("Permission", "group/deputies", "submit-bill") in congress_fields(norms)
    norms = draft_congress(
        "第一条 主任会议、一个代表团以全体代表的过半数通过或者代表十人以上联名，可以提出议案。"
    )
    assert ("Permission", "group/deputies", "submit-bill") in congress_fields(norms)
    assert ("Permission", "body/council", "submit-bill") in congress_fields(norms)


def test_a_named_subject_doing_an_act_of_procedure_without_a_cue_holds_a_competence():
    norms = draft_congress("第一条 主任会议拟订会议议程草案，提请常务委员会全体会议决定。")
    assert congress_fields(norms)[0] == ("Power", "body/council", "draft-agenda")
    assert {n.modality for n in norms} == {"Power"}
    # Without a named subject the same words are a commitment of the issuer.
    assert draft("第一条 制定年度工作计划。")[0].modality == "Obligation"


def test_a_passive_agent_keeps_its_competence_in_the_next_clause():
    norms = draft_congress("第一条 会议议程草案由主任会议拟订，并提请常务委员会全体会议决定。")
    assert [(m, b) for m, b, _ in congress_fields(norms)] == [("Power", "body/council")] * 2


def test_a_passive_agent_before_a_cue_of_another_clause_holds_a_competence():
    norms = draft_congress("第一条 分组会议由小组召集人主持，小组召集人应当报告审议情况。")
    assert [(n.modality, n.bearer.label, n.action) for n in norms] == [
        ("Power", "小组召集人", "chair"),
        ("Obligation", "小组召集人", "report"),
    ]


def test_bao_after_a_name_is_its_verb_not_a_longer_name():
    norms = draft_congress("第一条 组成人员应当请假，由常务委员会办事机构报主任会议同意。")
    assert ("常务委员会办事机构", "submit-for-decision") in [
        (n.bearer.label, n.action) for n in norms
    ]


def test_a_body_with_its_departments_is_one_bearer_as_written():
    norms = draft("第一条 市政府及其有关部门应当报告工作。")
    assert [(n.bearer.label, n.bearer.iri) for n in norms] == [("市政府及其有关部门", None)]


def test_handed_to_a_body_after_a_determiner_with_de():
    norms = draft_congress("第一条 议案由主任会议决定，或者先交有关的专门委员会审议。")
    assert ("Power", "专门委员会", "deliberate") in [
        (n.modality, n.bearer.label, n.action) for n in norms
    ]


def test_the_clauses_of_a_condition_before_its_de_state_no_norm():
    norms = draft_congress("第一条 组成人员事先提出要求，经主任会议同意的，可以延长发言时间。")
    assert [(n.modality, n.action) for n in norms] == [("Permission", "speak")]


def test_jing_and_an_act_is_what_happened_before_the_norm():
    norms = draft_congress("第一条 议案经审议，主任会议应当提请全体会议表决。")
    assert congress_fields(norms) == [("Obligation", "body/council", "submit-for-decision")]


def test_a_verb_that_is_an_item_of_a_list_of_nouns_is_no_act():
    norms = draft_congress("第一条 会议通过的法规、决议、决定等，应当及时公布。")
    assert [n.action for n in norms] == ["publish"]


def test_fabiao_yijian_is_speaking():
    norms = draft_congress("第一条 提案人可以出席会议，发表意见。")
    assert [(n.modality, n.action) for n in norms] == [
        ("Permission", "attend"),
        ("Permission", "speak"),
    ]


def test_a_body_s_meeting_opening_the_sentence_is_the_body():
    norms = draft_congress(
        "第一条 遇有特殊情况，常务委员会会议可以采取视频会议方式举行。", "body/council"
    )
    assert congress_fields(norms) == [("Permission", "body/sc", "hold-meeting")]
    # …but its materials are no meeting: 常务委员会会议材料 names a thing.
    norms = draft_congress("第一条 常务委员会会议材料应当印发。", "body/council")
    assert congress_fields(norms)[0][1] == "body/council"


def test_what_is_decided_is_no_act_of_its_own():
    norms = draft_congress("第一条 主任会议可以决定将工作报告交由有关的专门委员会审议。")
    assert congress_fields(norms) == [("Permission", "body/council", "decide")]
    norms = draft_congress("第一条 质询案由主任会议决定提请常务委员会会议审议。")
    assert congress_fields(norms) == [("Power", "body/council", "decide")]


def test_a_party_or_its_delegate_both_bear_and_the_first_may_delegate():
    norms = draft("第一条 市长或者市长委托的副市长召集会议。")
    assert [(n.modality, n.bearer.label, n.action) for n in norms] == [
        ("Power", "市长", "convene"),
        ("Power", "副市长", "convene"),
        ("Permission", "市长", "delegate"),
    ]
    assert [p.label for p in norms[-1].counterparties] == ["副市长"]


def test_a_body_deciding_in_its_meeting_has_a_duty_a_body_s_meeting_deliberating_a_competence():
    # The list of matters before the 由-clause names things (指示、决定), no act.
    norms = draft("第一条 上级机关的指示、决定，由市政府常务会议讨论决定。")
    assert [(n.modality, n.bearer.label, n.action) for n in norms] == [
        ("Obligation", "市政府", "decide")
    ]
    norms = draft_congress("第一条 议案由常务委员会会议审议。", "body/council")
    assert congress_fields(norms) == [("Power", "body/sc", "deliberate")]


def test_a_press_conference_is_no_publishing():
    norms = draft("第一条 市司法局应当通过新闻发布会向社会公开。")
    assert [n.action for n in norms] == ["disclose"]


def test_a_clause_with_its_agent_before_a_condition_is_a_norm():
    norms = draft("第一条 对移送有争议的，由市司法局协商确定，协商不成的，由市政府决定。")
    assert [(n.bearer.label, n.action) for n in norms] == [
        ("市司法局", "consult-departments"),
        ("市政府", "decide"),
    ]
