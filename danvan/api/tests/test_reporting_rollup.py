"""GET /api/v1/rollup/: a figure over any node of either map, its rows, and who may ask for which node."""

from decimal import Decimal

import pytest

from danvan.api.reporting_fields import number
from danvan.conftest import unit
from danvan.reporting.selectors import form_get
from danvan.reporting.services import submission_approve
from danvan.reporting.tests.factories import commune_form, indicator, report

URL = "/api/v1/rollup/"


def ok(response):
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def reported(commune_reporter, district_reviewer):
    """People: Nam Khê 1,234 in 2024 (approved) and 1,000 in 2023; Vàng Danh 50 in 2024 (submitted)."""
    form = form_get(user=commune_reporter, code="dvk-commune-year")
    nam_khe = report(commune_reporter, form, unit("2024", "06823"), "2024", {"tt_people": 1234})
    submission_approve(actor=district_reviewer, submission=nam_khe)
    report(commune_reporter, form, unit("2024", "06823"), "2023", {"tt_people": 1000})
    report(district_reviewer, form, unit("2024", "06808"), "2024", {"tt_people": 50})


def test_anonymous_gets_401(api, db):
    assert api().get(URL, {"era": "2025", "indicator": "tt_people", "period": "2024"}).status_code == 401


def test_a_district_sums_its_communes(api, reported, district_reviewer):
    body = ok(
        api(district_reviewer).get(URL, {"era": "2024", "unit": "196", "indicator": "tt_people", "period": "2024"})
    )
    assert body == {
        "era": "2024",
        "unit": {"era": "2024", "code": "196", "name": "Thành phố Uông Bí"},
        "indicator": "tt_people",
        "period": "2024",
        "value": 1284,
        "count": 2,
        "approved_only": False,
        "by": None,
        "rows": [],
    }
    approved = ok(
        api(district_reviewer).get(
            URL, {"era": "2024", "unit": "196", "indicator": "tt_people", "period": "2024", "approved_only": "true"}
        )
    )
    assert (approved["value"], approved["approved_only"]) == (1234, True)


def test_rows_by_child_name_each_child(api, reported, district_reviewer):
    params = {"era": "2024", "unit": "196", "indicator": "tt_people", "period": "2024", "by": "child"}
    body = ok(api(district_reviewer).get(URL, params))
    rows = {row["unit"]["code"]: row for row in body["rows"]}
    assert (rows["06823"]["value"], rows["06823"]["count"]) == (1234, 1)
    assert rows["06808"]["value"] == 50
    assert rows["06811"] == {
        "key": "2024/22/196/06811/",
        "label": "Phường Thanh Sơn",
        "value": 0,
        "count": 0,  # nothing reported, not a reported zero
        "unit": {"era": "2024", "code": "06811", "name": "Phường Thanh Sơn"},
        "period": None,
    }


def test_rows_by_period_over_a_phase(api, reported, province_manager):
    params = {"era": "2025", "unit": "22", "indicator": "tt_people", "period": "2021-2025", "by": "period"}
    body = ok(api(province_manager).get(URL, params))
    assert body["value"] == 2284  # the old communes' figures count under today's province
    assert [(r["key"], r["period"], r["value"], r["unit"]) for r in body["rows"]] == [
        ("2021", "2021", 0, None),
        ("2022", "2022", 0, None),
        ("2023", "2023", 1000, None),
        ("2024", "2024", 1284, None),
        ("2025", "2025", 0, None),
    ]


def test_rows_by_field_follow_the_breakdown(api, commune_reporter, admin_user):
    kinds = indicator("api_models", breakdown="field", value_type="decimal")
    form = commune_form(kinds, code="api-form")
    report(commune_reporter, form, unit("2024", "06823"), "2024", {("api_models", "economic"): "2,5"})
    body = ok(api(admin_user).get(URL, {"era": "2025", "indicator": "api_models", "period": "2024", "by": "field"}))
    assert body["value"] == 2.5 and isinstance(body["value"], float)
    rows = {row["key"]: row["value"] for row in body["rows"]}
    assert rows == {"economic": 2.5, "cultural_social": 0, "defence_security": 0, "party_building": 0}


def test_the_nation_is_for_national_users(api, reported, admin_user, province_manager):
    params = {"era": "2025", "indicator": "tt_people", "period": "2024"}
    assert ok(api(admin_user).get(URL, params))["value"] == 1284
    response = api(province_manager, language="en").get(URL, params)
    assert response.status_code == 404
    assert response.json()["detail"] == "Only national users see the whole country's figures."


def test_a_unit_out_of_scope_is_not_found(api, reported, other_manager, commune_reporter):
    for user, code in ((other_manager, "22"), (commune_reporter, "06808"), (commune_reporter, "99999")):
        response = api(user).get(URL, {"era": "2024", "unit": code, "indicator": "tt_people", "period": "2024"})
        assert response.status_code == 404, code
        assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({}, {"era", "indicator", "period"}),
        (
            {"era": "1999", "indicator": "nope", "period": "2024-13", "by": "colour"},
            {"era", "indicator", "period", "by"},
        ),
        ({"era": "2025", "indicator": "tt_people", "period": "2024", "approved_only": "perhaps"}, {"approved_only"}),
    ],
)
def test_bad_parameters_are_named(api, admin_user, params, names):
    response = api(admin_user, language="en").get(URL, params)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == names


def test_a_period_shorter_than_the_indicator_is_a_400(api, admin_user):
    response = api(admin_user, language="en").get(URL, {"era": "2025", "indicator": "tt_people", "period": "2024-Q1"})
    assert response.status_code == 400
    assert response.json()["code"] == "period_too_short"
    assert response.json()["errors"] == {"non_field_errors": [response.json()["detail"]]}


def test_numbers_are_ints_when_whole():
    assert number(Decimal("185000000.0000")) == 185000000
    assert isinstance(number(Decimal("185000000.0000")), int)
    assert number(Decimal("12.5000")) == 12.5
    assert number(None) is None
