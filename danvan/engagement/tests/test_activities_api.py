"""API: dialogues (+ issues), grassroots activities and prestigious persons — scope, validation, sensitive fields."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from danvan.conftest import unit
from danvan.engagement.models import Dialogue, GrassrootsActivity, Petition, PrestigiousPerson
from danvan.engagement.tests.activity_helpers import (
    NAM_KHE_MTTQ,
    TQ_YOUTH,
    binh_lieu_person,
    days_ago,
    nam_khe_dialogue,
    org,
    tq_activity,
)
from danvan.org.models import AuditEvent, Membership, Role, User

SENSITIVE = {"ethnic_group", "ethnic_group_name", "religion", "phone", "address"}


def api(user) -> APIClient:
    token, _created = Token.objects.get_or_create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def binh_lieu_reporter(db):
    user = User.objects.create(username="binhlieu", full_name="Hoàng Văn Sơn")
    Membership.objects.create(user=user, role=Role.REPORTER, unit=unit("2024", "198"))
    return user


# --- dialogues ----------------------------------------------------------------------------------


def test_dialogue_create_detail_and_issues(commune_reporter):
    c = api(commune_reporter)
    r = c.post(
        "/api/v1/dialogues/",
        {
            "title": "Cà phê sáng",
            "format": "morning_coffee",
            "held_on": days_ago(10).isoformat(),
            "unit": "2024/06823",
            "host": org(NAM_KHE_MTTQ).pk,
            "participants_count": 30,
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    pk = r.json()["id"]
    r = c.post(
        f"/api/v1/dialogues/{pk}/issues/",
        {"subject": "Đường ngập", "owner": org(NAM_KHE_MTTQ).pk, "deadline": days_ago(2).isoformat()},
        format="json",
    )
    assert r.status_code == 201, r.json()
    assert r.json()["overdue"] is True and r.json()["tracking_code"].startswith("DT-")
    body = c.get(f"/api/v1/dialogues/{pk}/").json()
    assert [i["subject"] for i in body["issues"]] == ["Đường ngập"]
    assert body["issues"][0]["owner"]["name"] == NAM_KHE_MTTQ and body["previous"] is None
    assert c.get("/api/v1/dialogues/").json()["results"][0]["open_count"] == 1


def test_dialogue_bad_input_is_named(commune_reporter):
    r = api(commune_reporter).post(
        "/api/v1/dialogues/", {"title": "", "format": "party", "unit": "2024/0", "extra": 1}, format="json"
    )
    assert r.status_code == 400
    assert {"title", "format", "unit", "held_on", "host", "extra"} <= set(r.json()["errors"])
    assert not Dialogue.objects.exists()


def test_dialogue_wrong_user_404(commune_reporter, other_manager):
    d = nam_khe_dialogue(commune_reporter)
    c = api(other_manager)
    assert c.get(f"/api/v1/dialogues/{d.pk}/").status_code == 404
    assert c.get(f"/api/v1/dialogues/{d.pk}/issues/").status_code == 404
    r = c.post(f"/api/v1/dialogues/{d.pk}/issues/", {"subject": "X"}, format="json")
    assert r.status_code == 404 and not Petition.objects.exists()
    assert c.get("/api/v1/dialogues/").json()["count"] == 0


def test_anonymous_gets_401(db):
    for url in ("/api/v1/dialogues/", "/api/v1/grassroots-activities/", "/api/v1/prestigious-persons/"):
        assert APIClient().get(url).status_code == 401, url


# --- Three Together -----------------------------------------------------------------------------


def test_activity_create_and_read(other_manager):
    c = api(other_manager)
    r = c.post(
        "/api/v1/grassroots-activities/",
        {
            "organization": org(TQ_YOUTH).pk,
            "unit": "2024/02227",
            "start_date": "2024-07-01",
            "end_date": "2024-07-05",
            "cadres_count": 9,
            "people_count": 210,
            "activities": ["live", "help"],
            "houses_repaired": 2,
            "money": 15000000,
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    detail = c.get(r["Location"]).json()
    assert (detail["people_count"], detail["money"], detail["unit"]["code"]) == (210, 15000000, "02227")
    assert c.get("/api/v1/grassroots-activities/?unit=2024/072").json()["count"] == 1


def test_activity_validation(other_manager):
    r = api(other_manager).post(
        "/api/v1/grassroots-activities/",
        {
            "organization": org(TQ_YOUTH).pk,
            "unit": "2024/02227",
            "start_date": "2024-07-05",
            "end_date": "2024-07-01",
            "cadres_count": -1,
            "activities": ["dance"],
        },
        format="json",
    )
    assert r.status_code == 400
    assert {"cadres_count", "activities"} <= set(r.json()["errors"])
    assert not GrassrootsActivity.objects.exists()


def test_activity_wrong_user(other_manager, province_manager):
    a = tq_activity(other_manager)
    c = api(province_manager)
    assert c.get(f"/api/v1/grassroots-activities/{a.pk}/").status_code == 404
    r = c.post(
        "/api/v1/grassroots-activities/",
        {
            "organization": org(TQ_YOUTH).pk,
            "unit": "2024/02227",
            "start_date": "2024-07-01",
            "end_date": "2024-07-01",
            "cadres_count": 1,
            "activities": ["work"],
        },
        format="json",
    )
    assert r.status_code == 400 and "organization" in r.json()["errors"]  # not an organisation they can see


# --- prestigious persons ------------------------------------------------------------------------


def test_a_manager_gets_the_sensitive_fields_audited(province_manager):
    p = binh_lieu_person(province_manager)
    c = api(province_manager)
    detail = c.get(f"/api/v1/prestigious-persons/{p.pk}/").json()
    assert detail["ethnic_group"] == "02" and detail["ethnic_group_name"] == "Tày"
    assert detail["phone"] == "0912 345 678"
    listed = c.get("/api/v1/prestigious-persons/").json()["results"][0]
    assert set(listed) >= SENSITIVE
    purposes = list(AuditEvent.objects.filter(verb="person.sensitive_read").values_list("data__purpose", flat=True))
    assert sorted(purposes) == ["api", "api"]


def test_a_reporter_gets_no_sensitive_key(province_manager, binh_lieu_reporter):
    p = binh_lieu_person(province_manager)
    c = api(binh_lieu_reporter)
    detail = c.get(f"/api/v1/prestigious-persons/{p.pk}/").json()
    assert detail["full_name"] == "Lục Văn Thắng" and detail["standing"] == "elder"
    assert not SENSITIVE & set(detail)
    assert "Tày" not in str(detail) and "0912" not in str(detail)
    listed = c.get("/api/v1/prestigious-persons/").json()["results"]
    assert listed and not SENSITIVE & set(listed[0])
    assert not AuditEvent.objects.filter(verb="person.sensitive_read").exists()


def test_a_reporter_cannot_post_sensitive_fields(binh_lieu_reporter):
    c = api(binh_lieu_reporter)
    data = {"full_name": "Lò Văn A", "village": "2024/06841", "standing": "elder", "since": "2020-01-01"}
    r = c.post("/api/v1/prestigious-persons/", {**data, "ethnic_group": "09"}, format="json")
    assert r.status_code == 403 and r.json()["code"] == "sensitive_forbidden"
    assert not PrestigiousPerson.objects.exists()
    r = c.post("/api/v1/prestigious-persons/", data, format="json")
    assert r.status_code == 201 and not SENSITIVE & set(r.json())


def test_person_wrong_user_and_bad_group(province_manager, other_manager):
    p = binh_lieu_person(province_manager)
    assert api(other_manager).get(f"/api/v1/prestigious-persons/{p.pk}/").status_code == 404
    assert api(other_manager).get("/api/v1/prestigious-persons/").json()["count"] == 0
    r = api(province_manager).post(
        "/api/v1/prestigious-persons/",
        {"full_name": "X", "village": "2024/06841", "standing": "elder", "since": "2020-01-01", "ethnic_group": "99"},
        format="json",
    )
    assert r.status_code == 400 and "ethnic_group" in r.json()["errors"]


def test_the_schema_lists_the_endpoints(client, db):
    paths = client.get("/api/schema/", {"format": "json"}).json()["paths"]
    assert {
        "/api/v1/dialogues/",
        "/api/v1/dialogues/{id}/",
        "/api/v1/dialogues/{id}/issues/",
        "/api/v1/grassroots-activities/",
        "/api/v1/prestigious-persons/{id}/",
    } <= set(paths)
