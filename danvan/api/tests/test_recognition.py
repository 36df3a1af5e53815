"""The emulation and commendation API: a campaign from registration to a published result, decisions, verification."""

from datetime import date

import pytest

from danvan.conftest import unit
from danvan.recognition.models import AwardDecision, Certificate, DecisionStatus, Evaluation
from danvan.recognition.services.decisions import RecipientSpec, decision_issue, decision_revoke
from danvan.recognition.tests.test_decisions import commission, draft
from danvan.recognition.tests.test_evaluations import campaign, council  # noqa: F401

pytestmark = pytest.mark.django_db
DAY = date(2024, 12, 20)


def decision_body(**over):
    body = {
        "issuer": commission().pk,
        "award": "bang-khen-dang-mat-tran",
        "year": 2024,
        "suffix": "BDVTU",
        "title": "Về việc tặng Bằng khen năm 2024",
        "reason": "Đã có thành tích xuất sắc",
        "signer_name": "Nguyễn Thị Hạnh",
        "signer_title": "Trưởng Ban",
        "recipients": [
            {"name": "Nhân dân phường Nam Khê", "unit": "2024/06823"},
            {"name": "Vũ Thị Lành", "individual": True, "position": "Bí thư chi bộ"},
        ],
    }
    body.update(over)
    return body


def test_a_campaign_through_the_api(api, campaign, council, commune_reporter, province_manager):  # noqa: F811
    reporter = api(commune_reporter)
    listed = reporter.get("/api/v1/campaigns/").json()
    assert [c["name"] for c in listed["results"]] == ["Dân vận khéo 2024"]
    reg = reporter.post(f"/api/v1/campaigns/{campaign.pk}/registrations/", {"unit": "2024/06823"}, format="json")
    assert reg.status_code == 201, reg.json()
    reg_id = reg.json()["id"]
    crit = list(campaign.criteria_sets.get().criteria.order_by("position"))
    too_much = reporter.post(
        f"/api/v1/registrations/{reg_id}/self-assessment/", {"scores": {str(crit[0].pk): ["25", ""]}}, format="json"
    )
    assert too_much.status_code == 400 and too_much.json()["code"]
    scores = {str(c.pk): ["18", "có minh chứng"] for c in crit}
    ev = reporter.post(f"/api/v1/registrations/{reg_id}/self-assessment/", {"scores": scores}, format="json")
    assert ev.status_code == 200 and ev.json()["self_total"] == "90.00"
    ev_id = ev.json()["id"]
    assert reporter.post(f"/api/v1/evaluations/{ev_id}/submit/").status_code == 200
    chair = api(council["a"])
    assert chair.post(f"/api/v1/evaluations/{ev_id}/open-review/").status_code == 200
    for member in ("a", "b", "c"):
        scored = api(council[member]).post(
            f"/api/v1/evaluations/{ev_id}/council-scores/",
            {"scores": {str(c.pk): ["16", ""] for c in crit}},
            format="json",
        )
        assert scored.status_code == 200, scored.json()
    # the registrant does not see the council's scores before they are published
    seen = reporter.get(f"/api/v1/evaluations/{ev_id}/").json()
    assert seen["result"] is None and all(s["council"] == [] for s in seen["scores"])
    assert reporter.post(f"/api/v1/evaluations/{ev_id}/approve/").status_code == 403
    manager = api(province_manager)
    assert manager.post(f"/api/v1/evaluations/{ev_id}/approve/").status_code == 200
    assert manager.post(f"/api/v1/evaluations/{ev_id}/publish/").status_code == 200
    seen = reporter.get(f"/api/v1/evaluations/{ev_id}/").json()
    assert seen["status"] == "published" and seen["result"] == "80.00"
    assert seen["scores"][0]["council"] == ["16.00", "16.00", "16.00"]
    assert Evaluation.objects.get(pk=ev_id).status == "published"


def test_registrations_are_hidden_from_other_provinces(api, campaign, commune_reporter, other_manager):  # noqa: F811
    api(commune_reporter).post(f"/api/v1/campaigns/{campaign.pk}/registrations/", {"unit": "2024/06823"}, format="json")
    assert api(other_manager).get(f"/api/v1/campaigns/{campaign.pk}/registrations/").status_code == 404
    assert api().get("/api/v1/campaigns/").status_code == 401


def test_decisions_through_the_api(api, province_manager, other_manager):
    manager = api(province_manager)
    refused = manager.post("/api/v1/decisions/", decision_body(award="bang-khen-tinh"), format="json")
    assert refused.status_code == 403 and refused.json()["code"] == "award_not_allowed"
    created = manager.post("/api/v1/decisions/", decision_body(), format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["status"] == "draft" and body["number"] == "" and [c["code"] for c in body["certificates"]] == ["", ""]
    assert body["certificates"][1]["subject"] == "individual"
    issued = manager.post(f"/api/v1/decisions/{body['id']}/issue/", {"signed_on": "2024-12-20"}, format="json")
    assert issued.status_code == 200 and issued.json()["number"] == "1/QĐ-BDVTU"
    again = manager.post(f"/api/v1/decisions/{body['id']}/issue/", {"signed_on": "2024-12-20"}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "already_issued"
    outsider = api(other_manager)
    assert outsider.get(f"/api/v1/decisions/{body['id']}/").status_code == 404
    assert outsider.get("/api/v1/decisions/").json()["count"] == 0
    foreign = outsider.post("/api/v1/decisions/", decision_body(), format="json")
    assert foreign.status_code == 400 and "issuer" in foreign.json()["errors"]
    assert AwardDecision.objects.count() == 1


def test_the_public_verification(api, province_manager):
    d = draft(province_manager, recipients=[RecipientSpec(unit=unit("2024", "06823"), name="Nhân dân tổ 5")])
    cert = Certificate.objects.get(decision=d)
    anonymous = api()
    assert anonymous.get(f"/api/v1/certificates/{cert.code}/").status_code == 404  # a draft's code is nothing yet
    decision_issue(actor=province_manager, decision=d, signed_on=DAY)
    spaced = f"{cert.code[:5].lower()}-{cert.code[5:]}"
    found = anonymous.get(f"/api/v1/certificates/{spaced}/")
    assert found.status_code == 200
    body = found.json()
    assert body["recipient"] == "Nhân dân tổ 5" and body["number"] == "1/QĐ-BDVTU" and body["revoked"] is False
    assert set(body) == {
        "code", "award", "recipient", "position", "reason", "issuer", "number", "signed_on", "signer_title",
        "signer_name", "revoked",
    }  # fmt: skip
    decision_revoke(actor=province_manager, decision=d, reason="Cấp nhầm")
    assert anonymous.get(f"/api/v1/certificates/{cert.code}/").json()["revoked"] is True
    unknown = anonymous.get("/api/v1/certificates/ZZZZZZZZZZ/")
    assert unknown.status_code == 404 and unknown.json()["code"] == "not_found"
    assert AwardDecision.objects.get(pk=d.pk).status == DecisionStatus.REVOKED


def test_a_return_and_a_revocation_say_why(api, campaign, council, commune_reporter, province_manager, other_manager):  # noqa: F811
    from danvan.recognition.tests.test_evaluations import submitted

    ev, _crit = submitted(campaign, commune_reporter)
    chair, reporter = api(council["a"]), api(commune_reporter)
    assert reporter.post(f"/api/v1/evaluations/{ev.pk}/return/", {"reason": "x"}, format="json").status_code == 403
    empty = chair.post(f"/api/v1/evaluations/{ev.pk}/return/", {"reason": ""}, format="json")
    assert empty.status_code == 400 and Evaluation.objects.get(pk=ev.pk).status == "submitted"
    back = chair.post(f"/api/v1/evaluations/{ev.pk}/return/", {"reason": "Thiếu minh chứng"}, format="json")
    assert back.status_code == 200 and back.json()["status"] == "draft"

    manager = api(province_manager)
    body = manager.post("/api/v1/decisions/", decision_body(), format="json").json()
    manager.post(f"/api/v1/decisions/{body['id']}/issue/", {"signed_on": "2024-12-20"}, format="json")
    assert (
        api(other_manager).post(f"/api/v1/decisions/{body['id']}/revoke/", {"reason": "x"}, format="json").status_code
        == 404
    )
    assert manager.post(f"/api/v1/decisions/{body['id']}/revoke/", {}, format="json").status_code == 400
    revoked = manager.post(f"/api/v1/decisions/{body['id']}/revoke/", {"reason": "Cấp nhầm"}, format="json")
    assert revoked.status_code == 200 and revoked.json()["status"] == "revoked"
    assert AwardDecision.objects.get(pk=body["id"]).status == DecisionStatus.REVOKED
