"""The programmes API: the caller's programmes, and one with its targets' progress, read-only and scoped."""

from datetime import date

import pytest

from danvan.conftest import unit
from danvan.reporting.services import programme_create, target_set
from danvan.reporting.tests.factories import commune_form, indicator, report

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(province_manager, admin_user):
    houses, models = indicator("p_houses"), indicator("p_models")
    form = commune_form(houses, models, code="programme-form")
    report(admin_user, form, unit("2025", "06967"), "2025", {"p_houses": 4, "p_models": 2})
    p = programme_create(
        actor=province_manager,
        name="Đề án 02",
        document_number="02-ĐA/TU",
        unit=unit("2025", "22"),
        start=date(2021, 1, 1),
        end=date(2025, 12, 31),
    )
    target_set(actor=province_manager, programme=p, indicator=houses, value=8)
    target_set(actor=province_manager, programme=p, kind="per_unit_below", level="commune", indicator=models, value=1)
    return p


def test_a_manager_lists_and_reads_a_programmes_progress(api, province_manager, programme, django_assert_num_queries):
    client = api(province_manager)
    with django_assert_num_queries(6):
        listed = client.get("/api/v1/programmes/").json()
    assert [p["name"] for p in listed["results"]] == ["Đề án 02"] and listed["results"][0]["unit"] == "2025/22"
    with django_assert_num_queries(17):
        detail = client.get(f"/api/v1/programmes/{programme.pk}/", {"as_of": "2025-06-30"})
    assert detail.status_code == 200
    body = detail.json()
    assert body["as_of"] == "2025-06-30" and body["document_number"] == "02-ĐA/TU"
    houses, per_unit = body["targets"]
    assert (houses["kind"], houses["goal"], houses["actual"], houses["status"]) == ("absolute", 8, 4, "behind")
    assert per_unit["level"] == "commune" and [u["unit"] for u in per_unit["met"]] == ["2025/06967"]
    assert per_unit["goal"] == len(per_unit["met"]) + len(per_unit["short"])


def test_it_rejects_other_province(api, other_manager, programme):
    client = api(other_manager)
    assert client.get("/api/v1/programmes/").json()["results"] == []
    assert client.get(f"/api/v1/programmes/{programme.pk}/").status_code == 404
    assert client.get(f"/api/v1/programmes/{2**64}/").status_code == 404


def test_bad_input_and_no_token_are_answered(api, province_manager, programme):
    bad = api(province_manager).get(f"/api/v1/programmes/{programme.pk}/", {"as_of": "30/06/2025"})
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.content.decode()
    assert api().get("/api/v1/programmes/").status_code == 401


def test_the_schema_documents_the_programmes(client, db):
    paths = client.get("/api/schema/", {"format": "json"}).json()["paths"]
    detail = paths["/api/v1/programmes/{id}/"]["get"]
    assert {"200", "400", "401", "404"} <= set(detail["responses"])
    assert "as_of" in {p["name"] for p in detail["parameters"]}
    assert "/api/v1/programmes/" in paths
