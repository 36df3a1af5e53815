"""Registering through the API: a collective or an individual (a person of an organisation the caller reports for)."""

import pytest

from danvan.recognition.models import Registration
from danvan.recognition.tests.test_pages_campaigns import campaign  # noqa: F401
from danvan.recognition.tests.test_registration_individuals import lanh, police_officer  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_api_registers_a_person(api, campaign, commune_reporter, lanh):  # noqa: F811
    done = api(commune_reporter).post(
        f"/api/v1/campaigns/{campaign.pk}/registrations/", {"person": lanh.pk}, format="json"
    )
    assert done.status_code == 201, done.json()
    body = done.json()
    assert (body["subject"], body["person"], body["person_id"], body["organization"], body["unit"]) == (
        "individual",
        "Vũ Thị Lành",
        lanh.pk,
        "Ủy ban MTTQ Việt Nam phường Nam Khê",
        "2024/06823",
    )
    listed = api(commune_reporter).get(f"/api/v1/campaigns/{campaign.pk}/registrations/").json()
    assert [r["person"] for r in listed["results"]] == ["Vũ Thị Lành"]


def test_the_api_answers_a_person_out_of_scope_like_a_missing_one(api, campaign, commune_reporter, police_officer):  # noqa: F811
    client = api(commune_reporter)
    url = f"/api/v1/campaigns/{campaign.pk}/registrations/"
    foreign = client.post(url, {"person": police_officer.pk}, format="json")
    missing = client.post(url, {"person": 10**12}, format="json")
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json() == missing.json()
    assert not Registration.objects.exists()


def test_the_api_wants_a_unit_or_a_person(api, campaign, commune_reporter):  # noqa: F811
    answer = api(commune_reporter, language="vi").post(
        f"/api/v1/campaigns/{campaign.pk}/registrations/", {"commitments_text": "x"}, format="json"
    )
    assert answer.status_code == 400 and "unit" in answer.json()["errors"]
    assert answer.json()["errors"]["unit"] == ["hãy cho biết đơn vị tham gia, hoặc một cá nhân."]
    assert not Registration.objects.exists()
