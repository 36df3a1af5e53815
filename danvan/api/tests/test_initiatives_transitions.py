"""POST /api/v1/initiatives/{id}/transition/: each step by the role the lifecycle gives it, through the API."""

import pytest

from danvan.api.tests.initiative_data import transition_url, written
from danvan.initiatives.models import Initiative, Status
from danvan.initiatives.tests.factories import nam_khe_model


def move(client, model, to, comment=None, status=200):
    body = {"to": to} if comment is None else {"to": to, "comment": comment}
    response = client.post(transition_url(model.pk), body, format="json")
    assert response.status_code == status, response.content
    return response.json()


@pytest.fixture
def draft(commune_reporter):
    return nam_khe_model(commune_reporter)


@pytest.fixture
def registered(commune_reporter):
    return nam_khe_model(commune_reporter, register=True)


def test_the_reporter_registers(api, draft, commune_reporter):
    body = move(api(commune_reporter), draft, "registered")
    assert body["status"] == "registered"
    assert body["events"][-1]["from_status"] == "draft" and body["events"][-1]["actor"] == "Trần Minh Đức"
    assert body["allowed_transitions"] == []  # registered: now the level above decides


def test_the_reviewer_above_recognises(api, registered, district_reviewer):
    body = move(api(district_reviewer), registered, "recognised", "Đạt các tiêu chí")
    assert body["status"] == "recognised"
    assert (body["events"][-1]["comment"], body["events"][-1]["actor"]) == ("Đạt các tiêu chí", "Phạm Thu Hà")


def test_the_reporter_cannot_recognise(api, registered, commune_reporter):
    before = written()
    body = move(api(commune_reporter, language="en"), registered, "recognised", status=403)
    assert body == {"detail": "You may not do this with this model.", "code": "forbidden"}
    assert written() == before
    assert Initiative.objects.get(pk=registered.pk).status == Status.REGISTERED


def test_the_manager_names_it_typical_and_commends_it(api, registered, district_reviewer, province_manager):
    move(api(district_reviewer), registered, "recognised")
    move(api(district_reviewer), registered, "typical", status=403)  # a reviewer is not a manager
    assert move(api(province_manager), registered, "typical")["status"] == "typical"
    assert move(api(province_manager), registered, "commended")["status"] == "commended"


def test_an_invalid_jump_is_a_409(api, draft, province_manager):
    before = written()
    body = move(api(province_manager, language="en"), draft, "typical", status=409)
    assert body == {"detail": "A model that is draft cannot become typical.", "code": "invalid_transition"}
    assert written() == before


def test_returning_needs_a_comment(api, registered, district_reviewer, commune_reporter):
    body = move(api(district_reviewer, language="en"), registered, "returned", status=400)
    assert body == {
        "detail": "Give a reason.",
        "code": "reason_required",
        "errors": {"non_field_errors": ["Give a reason."]},
    }
    assert Initiative.objects.get(pk=registered.pk).status == Status.REGISTERED
    assert move(api(district_reviewer), registered, "returned", "Bổ sung số liệu")["status"] == "returned"
    assert move(api(commune_reporter), registered, "registered")["status"] == "registered"  # sent again


def test_discontinuing_needs_a_manager_and_a_comment(api, registered, commune_reporter, province_manager):
    move(api(commune_reporter), registered, "discontinued", "Giải thể", status=403)
    move(api(province_manager), registered, "discontinued", status=400)
    assert move(api(province_manager), registered, "discontinued", "Giải thể")["status"] == "discontinued"


def test_it_rejects_other_province(api, registered, other_manager):
    before = written()
    response = api(other_manager).post(transition_url(registered.pk), {"to": "recognised"}, format="json")
    assert response.status_code == 404  # not 403: the model is not there for this caller
    assert written() == before


def test_an_unknown_status_is_a_400_naming_to(api, registered, district_reviewer):
    body = move(api(district_reviewer, language="en"), registered, "famous", status=400)
    assert list(body["errors"]) == ["to"]
    assert body["errors"]["to"][0].startswith("“famous” is not accepted here; use one of: draft, registered")
    missing = api(district_reviewer, language="en").post(transition_url(registered.pk), {}, format="json")
    assert missing.json()["errors"] == {"to": ["this field is required."]}
