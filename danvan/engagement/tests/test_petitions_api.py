"""The petitions API: public submit and tracking (no identity in the JSON), scoped list, audited sender."""

import json

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from danvan.engagement.models.petitions import Petition
from danvan.engagement.services import petitions as svc
from danvan.engagement.tests.petition_factories import SENDER_NAME, png, submit
from danvan.org.models import AuditEvent

pytestmark = pytest.mark.django_db

BODY = {
    "kind": "complaint",
    "unit": "2025/06820",
    "topic": "land",
    "subject": "Lấn chiếm đất công",
    "text": "Hộ gia đình ở tổ 2 xây tường rào lấn ra đường đi chung.",
    "sender": {"full_name": "Đỗ Minh Tuấn", "address": "Tổ 2, khu 4", "consent": True},
}


def api(user=None, address="192.0.2.20"):
    client = Client(REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.defaults["HTTP_AUTHORIZATION"] = f"Token {Token.objects.get_or_create(user=user)[0].key}"
    return client


def post(body, **kw):
    return api(**kw).post("/api/v1/petitions/", json.dumps(body), content_type="application/json")


def test_anyone_files_a_petition_and_gets_the_code():
    response = post(BODY)
    assert response.status_code == 201, response.content
    data = response.json()
    assert set(data) == {"tracking_code", "status", "accept_due"} and data["status"] == "received"
    assert Petition.objects.get(tracking_code=data["tracking_code"]).source == "api"


def test_a_stale_token_does_not_block_the_public_endpoint():
    client = Client(HTTP_AUTHORIZATION="Token nonsense")
    assert client.post("/api/v1/petitions/", json.dumps(BODY), content_type="application/json").status_code == 201


def test_multipart_with_attachments():
    flat = {k: v for k, v in BODY.items() if k != "sender"}
    flat |= {"sender.full_name": "Đỗ Minh Tuấn", "sender.phone": "0900000000", "sender.consent": "true"}
    response = api().post("/api/v1/petitions/", {**flat, "attachments": [png()]})
    assert response.status_code == 201, response.content
    assert Petition.objects.get().attachments.count() == 1


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"unit": "2025/00000"}, "unit"),
        ({"sender": {}}, "sender"),
        ({"topic": "nope"}, "topic"),
        ({"kind": "praise"}, "kind"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(change, key):
    response = post({**BODY, **change})
    assert response.status_code == 400
    assert key in response.json()["errors"]
    assert not Petition.objects.exists()


def test_the_rate_limit_answers_429(settings):
    settings.DANVAN_PETITION_RATE = "1/600"
    assert post(BODY).status_code == 201
    response = post({**BODY, "text": "Một việc khác hẳn: đèn đường hỏng."})
    assert response.status_code == 429 and response.json()["code"] == "rate_limited"
    assert "Too many" in response.json()["detail"]


def test_tracking_json_has_no_identity(province_manager):
    p = submit()
    svc.petition_assign(actor=province_manager, petition=p, handler=province_manager)
    svc.petition_accept(actor=province_manager, petition=p, note="GHI CHÚ NỘI BỘ")
    response = api().get(f"/api/v1/petitions/track/{p.tracking_code}/")
    assert response.status_code == 200
    body = response.content.decode()
    for secret in (SENDER_NAME, "0912 345 678", "GHI CHÚ NỘI BỘ", province_manager.full_name, "handler", "text"):
        assert secret not in body
    assert response.json()["status"] == "accepted"
    assert api().get("/api/v1/petitions/track/ZZZZ-ZZZZ-ZZZZ/").status_code == 404


def test_rating_through_the_api(province_manager):
    p = svc.petition_accept(actor=province_manager, petition=submit())
    svc.petition_answer(actor=province_manager, petition=p, answer="Xong")
    svc.petition_close(actor=province_manager, petition=p)
    url = f"/api/v1/petitions/track/{p.tracking_code}/rating/"
    assert api().post(url, {"rating": 9}, content_type="application/json").status_code == 400
    assert api().post(url, {"rating": 5}, content_type="application/json").json()["rating"] == 5
    assert api().post(url, {"rating": 4}, content_type="application/json").status_code == 409


def test_the_list_is_scoped_and_needs_a_token(province_manager, other_manager):
    p = submit()
    assert api().get("/api/v1/petitions/").status_code == 401
    assert [r["tracking_code"] for r in api(province_manager).get("/api/v1/petitions/").json()["results"]] == [
        p.tracking_code
    ]
    assert api(other_manager).get("/api/v1/petitions/").json()["count"] == 0
    assert api(other_manager).get(f"/api/v1/petitions/{p.pk}/").status_code == 404
    assert SENDER_NAME not in api(province_manager).get(f"/api/v1/petitions/{p.pk}/").content.decode()
    assert api(province_manager).get("/api/v1/petitions/", {"status": "bogus"}).status_code == 400


def test_the_sender_endpoint_is_for_managers_and_audited(province_manager, district_reviewer, other_manager):
    p = submit()
    assert api(province_manager).get(f"/api/v1/petitions/{p.pk}/sender/").json()["full_name"] == SENDER_NAME
    assert AuditEvent.objects.filter(verb="petition.identity.read", actor=province_manager).count() == 1
    refused = api(district_reviewer).get(f"/api/v1/petitions/{p.pk}/sender/")
    assert refused.status_code == 403 and SENDER_NAME not in refused.content.decode()
    assert api(other_manager).get(f"/api/v1/petitions/{p.pk}/sender/").status_code == 404


def test_transitions_through_the_api(province_manager, other_manager):
    p = submit()
    url = f"/api/v1/petitions/{p.pk}/transition/"
    assert api(other_manager).post(url, {"action": "accept"}, content_type="application/json").status_code == 404
    response = api(province_manager).post(url, {"action": "accept", "complex": True}, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    assert "start" in response.json()["allowed_actions"]
    bad = api(province_manager).post(url, {"action": "close"}, content_type="application/json")
    assert bad.status_code == 409 and bad.json()["code"] == "invalid_transition"
