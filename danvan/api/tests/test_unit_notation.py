"""A unit is written era/code on every endpoint; reports still take the deprecated era=…&unit=CODE."""

from __future__ import annotations

import pytest

from danvan.conftest import unit
from danvan.reporting.selectors import form_get
from danvan.reporting.tests.factories import report


@pytest.fixture
def reported(commune_reporter):
    form = form_get(user=commune_reporter, code="dvk-commune-year")
    report(commune_reporter, form, unit("2024", "06823"), "2024", {"tt_people": 1234})


def _units(response):
    assert response.status_code == 200, response.content
    return sorted({row["unit"]["code"] for row in response.json()["results"]})


@pytest.mark.parametrize("path", ["/api/v1/datavalues/", "/api/v1/submissions/"])
def test_report_lists_take_era_slash_code_and_the_old_form_alike(api, reported, district_reviewer, path):
    client = api(district_reviewer)
    assert _units(client.get(path, {"unit": "2024/06823"})) == ["06823"]
    assert _units(client.get(path, {"era": "2024", "unit": "06823"})) == ["06823"]  # deprecated, still works
    assert _units(client.get(path, {"era": "2024", "unit": "2024/06823"})) == ["06823"]


def test_an_era_that_contradicts_the_unit_is_a_400(api, reported, district_reviewer):
    response = api(district_reviewer, language="en").get("/api/v1/submissions/", {"era": "2025", "unit": "2024/06823"})
    assert response.status_code == 400
    assert response.json()["errors"] == {"era": ["the unit is on the map 2024, not 2025."]}


def test_the_rollup_takes_era_slash_code_and_the_old_form_alike(api, reported, district_reviewer):
    client = api(district_reviewer)
    params = {"indicator": "tt_people", "period": "2024"}
    new = client.get("/api/v1/rollup/", {**params, "unit": "2024/196"}).json()
    old = client.get("/api/v1/rollup/", {**params, "era": "2024", "unit": "196"}).json()
    assert new == old
    assert (new["era"], new["unit"]["code"], new["value"]) == ("2024", "196", 1234)


def test_the_rollup_needs_an_era_or_a_unit_that_names_one(api, district_reviewer):
    response = api(district_reviewer, language="en").get(
        "/api/v1/rollup/", {"indicator": "tt_people", "period": "2024"}
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"era": ["give the map era, e.g. era=2025, or a unit written era/code."]}


@pytest.mark.parametrize("where", [{"unit": "2024/06823"}, {"era": "2024", "unit": "06823"}])
def test_values_are_posted_with_either_notation(api, commune_reporter, where):
    body = {"form": "dvk-commune-year", "period": "2024", **where, "values": [{"indicator": "tt_people", "value": 7}]}
    response = api(commune_reporter).post("/api/v1/datavalues/", body, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["submissions"][0]["saved"] == 1


def test_a_posted_unit_without_its_era_is_a_400(api, commune_reporter):
    body = {"form": "dvk-commune-year", "period": "2024", "unit": "06823", "values": []}
    response = api(commune_reporter, language="en").post("/api/v1/datavalues/", body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"unit": ["write the unit as era/code, e.g. 2024/06823."]}


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/organizations/",
        "/api/v1/initiatives/",
        "/api/v1/dialogues/",
        "/api/v1/grassroots-activities/",
        "/api/v1/prestigious-persons/",
        "/api/v1/petitions/",
        "/api/v1/datavalues/",
        "/api/v1/submissions/",
    ],
)
def test_every_unit_filter_takes_era_slash_code_and_names_an_unknown_one(api, province_manager, path):
    client = api(province_manager, language="en")
    assert client.get(path, {"unit": "2024/22"}).status_code == 200
    response = client.get(path, {"unit": "2024/99999"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["unit"]


def test_the_schema_describes_the_notation(client, db):
    paths = client.get("/api/schema/", {"format": "json"}, HTTP_ACCEPT_LANGUAGE="en").json()["paths"]
    for path in ("/api/v1/datavalues/", "/api/v1/submissions/", "/api/v1/rollup/", "/api/v1/initiatives/"):
        (unit_param,) = [p for p in paths[path]["get"]["parameters"] if p["name"] == "unit"]
        assert "era/code" in unit_param["description"], path
