"""/api/v1/datavalues/: reading the values in scope, and saving a body of reports all or nothing."""

import pytest

from danvan.conftest import unit
from danvan.org.models import Organization
from danvan.reporting.models import DataValue, Period, Submission
from danvan.reporting.periods import period_get
from danvan.reporting.selectors import form_get
from danvan.reporting.tests.factories import report

URL = "/api/v1/datavalues/"
FORM = "dvk-commune-year"


def body(unit_code="06823", period="2024", submit=False, **values):
    return {
        "form": FORM,
        "era": "2024",
        "unit": unit_code,
        "period": period,
        "organization": None,
        "values": [{"indicator": code, "category": "", "value": value} for code, value in values.items()],
        "submit": submit,
    }


def rows():
    """Everything a POST could have written, to compare before and after."""
    return (
        Submission.objects.count(),
        sorted(DataValue.objects.values_list("unit__code", "indicator__code", "category", "value")),
        sorted(Submission.objects.values_list("unit__code", "status")),
    )


def post(client, data):
    return client.post(URL, data, format="json")


def ok(response):
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def reported(commune_reporter, district_reviewer):
    """Nam Khê's 2024 report (submitted) and Vàng Danh's draft, both in Uông Bí; nothing elsewhere."""
    form = form_get(user=commune_reporter, code=FORM)
    nam_khe = report(commune_reporter, form, unit("2024", "06823"), "2024", {"tt_people": 1234, "workdays": "12"})
    vang_danh = report(district_reviewer, form, unit("2024", "06808"), "2024", {"tt_people": 50}, submit=False)
    return nam_khe, vang_danh


# --- reading -------------------------------------------------------------------------------------


def test_anonymous_gets_401(api, db):
    assert api().get(URL).status_code == 401
    assert api().post(URL, body(tt_people=1), format="json").status_code == 401


def test_each_caller_sees_the_values_of_their_scope(
    api, reported, commune_reporter, district_reviewer, province_manager, other_manager
):
    def seen(user):
        return sorted((r["unit"]["code"], r["indicator"]) for r in ok(api(user).get(URL))["results"])

    assert seen(commune_reporter) == [("06823", "tt_people"), ("06823", "workdays")]
    everything = [("06808", "tt_people"), ("06823", "tt_people"), ("06823", "workdays")]
    assert seen(district_reviewer) == everything
    assert seen(province_manager) == everything  # today's province sees its old communes
    assert seen(other_manager) == []


def test_each_row_names_its_cell_place_period_and_report(api, reported, commune_reporter):
    nam_khe, _draft = reported
    [people] = ok(api(commune_reporter).get(URL, {"indicator": "tt_people"}))["results"]
    assert people["value"] == 1234 and isinstance(people["value"], int)
    assert people["unit"] == {"era": "2024", "code": "06823", "name": "Phường Nam Khê"}
    assert (people["indicator"], people["category"], people["period"], people["form"]) == (
        "tt_people",
        "",
        "2024",
        FORM,
    )
    assert (people["submission"], people["status"], people["organization"]) == (nam_khe.pk, "submitted", None)


def test_values_filter_by_unit_period_form_and_indicator(api, reported, district_reviewer):
    client = api(district_reviewer)

    def units(**params):
        return sorted({r["unit"]["code"] for r in ok(client.get(URL, params))["results"]})

    assert units(era="2024", unit="06808") == ["06808"]
    assert units(era="2024", unit="196") == ["06808", "06823"]  # a unit means its whole area
    assert units(era="2025") == []  # these reports were made on the old map
    assert units(indicator="workdays") == ["06823"]
    assert units(period="2024", form=FORM) == ["06808", "06823"]
    assert units(period="2019") == []  # a period nobody used: no values, and nothing stored
    assert not Period.objects.filter(code="2019").exists()
    assert units(form="dvk-upper-year") == []


def test_values_refuse_bad_filters(api, reported, district_reviewer, other_manager):
    client = api(district_reviewer, language="en")
    response = client.get(URL, {"unit": "06823"})
    assert response.status_code == 400
    assert response.json()["errors"] == {"unit": ["write the unit as era/code, e.g. 2024/06823."]}
    response = client.get(URL, {"period": "2024-13", "indicator": "nope", "form": "nope", "era": "1999"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"period", "indicator", "form", "era"}
    hidden = api(other_manager, language="en").get(URL, {"era": "2024", "unit": "06823"})
    assert hidden.status_code == 400  # a unit out of scope is unknown, like a missing one
    assert hidden.json()["errors"]["unit"] == ["there is no administrative unit “2024/06823”."]


def test_the_value_list_does_not_grow_with_its_page(api, reported, district_reviewer, django_assert_num_queries):
    client = api(district_reviewer)
    client.get(URL)
    # token, the caller's scope (memberships and their units on the other map: 3), count, one page with its joins
    with django_assert_num_queries(6):
        assert len(ok(client.get(URL))["results"]) == 3
    with django_assert_num_queries(6):
        assert len(ok(client.get(URL, {"limit": 1}))["results"]) == 1


# --- saving --------------------------------------------------------------------------------------


def test_a_reporter_saves_a_draft_and_values_read_back(api, commune_reporter):
    answer = ok(post(api(commune_reporter), body(tt_people=1234, money_mobilised="185.000.000", workdays=None)))
    [touched] = answer["submissions"]
    assert (touched["index"], touched["saved"], touched["deleted"]) == (0, 2, 0)
    assert touched["submission"]["status"] == "draft"
    submission = Submission.objects.get(pk=touched["submission"]["id"])
    assert touched["submission"]["url"].endswith(f"/api/v1/submissions/{submission.pk}/")
    saved = dict(submission.values.values_list("indicator__code", "value"))
    assert saved == {"tt_people": 1234, "money_mobilised": 185_000_000}  # Vietnamese grouping read as such
    assert answer["warnings"] == []


def test_null_clears_a_cell_and_cells_not_sent_stay(api, commune_reporter):
    client = api(commune_reporter)
    ok(post(client, body(tt_people=10, workdays=5)))
    answer = ok(post(client, body(tt_people=None)))
    assert answer["submissions"][0]["deleted"] == 1
    assert list(DataValue.objects.values_list("indicator__code", flat=True)) == ["workdays"]


def test_a_list_body_saves_several_units_in_one_go(api, district_reviewer):
    answer = ok(post(api(district_reviewer), [body("06808", tt_people=5), body("06811", tt_people=7, submit=True)]))
    assert [(t["index"], t["submission"]["status"]) for t in answer["submissions"]] == [(0, "draft"), (1, "submitted")]
    assert sorted(DataValue.objects.values_list("unit__code", "value")) == [("06808", 5), ("06811", 7)]


def test_a_far_jump_is_saved_with_a_warning(api, commune_reporter):
    client = api(commune_reporter, language="en")
    ok(post(client, body(period="2023", tt_people=100)))
    answer = ok(post(client, body(tt_people=1000)))
    [warning] = answer["warnings"]
    assert (warning["index"], warning["cell"], warning["indicator"]) == (0, "tt_people", "tt_people")
    assert warning["submission"] == answer["submissions"][0]["submission"]["id"]
    assert "2023" in warning["message"]
    assert DataValue.objects.get(period__code="2024").value == 1000


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "“abc” is not a number: write it like 1,234.5."),
        (-5, "A figure cannot be negative."),
        (2.5, "“People taking part” is counted in whole numbers."),
    ],
)
def test_a_bad_figure_is_named_by_its_cell_and_nothing_is_saved(api, commune_reporter, value, message):
    client = api(commune_reporter, language="en")
    before = rows()
    response = post(client, body(workdays=3, tt_people=value))
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "invalid_values"
    assert response.json()["errors"] == {"tt_people": [message]}
    assert rows() == before  # not even the report was opened


def test_every_bad_cell_is_named_at_once(api, commune_reporter):
    client = api(commune_reporter, language="en")
    data = body(tt_people="x", workdays=-1, not_on_the_form=3)
    response = post(client, data)
    assert response.status_code == 400
    body_ = response.json()
    assert set(body_["errors"]) == {"tt_people", "workdays", "not_on_the_form"}
    assert body_["errors"]["not_on_the_form"] == ["This form has no indicator “not_on_the_form”."]
    assert body_["detail"] == "3 cells need correcting; nothing was saved."


def test_a_broken_rule_between_figures_is_refused(api, commune_reporter):
    before = rows()
    response = post(api(commune_reporter, language="en"), body(petitions_received=3, petitions_resolved=5))
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["petitions_resolved"]
    assert rows() == before


def test_in_a_list_one_bad_report_saves_none_and_is_named_by_its_index(api, district_reviewer):
    before = rows()
    response = post(api(district_reviewer, language="en"), [body("06808", tt_people=5), body("06811", tt_people="x")])
    assert response.status_code == 400
    assert response.json()["errors"] == {"1.tt_people": ["“x” is not a number: write it like 1,234.5."]}
    assert response.json()["detail"] == "1: “x” is not a number: write it like 1,234.5."
    assert rows() == before  # the first report's draft and value were rolled back


def test_shapes_are_checked_before_anything_is_saved(api, commune_reporter):
    client = api(commune_reporter, language="en")
    before = rows()
    response = post(client, [body(tt_people=1), {"form": "nope", "era": "2024", "unit": "06823", "colour": "red"}])
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"1.form", "1.period", "1.colour"}
    assert errors["1.form"] == ["there is no report form “nope”."]
    nested = post(client, body(tt_people=[1, 2]) | {"period": "2024-13", "submit": "perhaps"})
    assert nested.status_code == 400
    assert set(nested.json()["errors"]) == {"values.0.value", "period", "submit"}
    twice = post(client, body(tt_people=1) | {"values": [{"indicator": "tt_people", "value": 1}] * 2})
    assert twice.json()["errors"] == {"values": ["“tt_people” is given twice."]}
    for bad in ([], "text", 5, [5]):
        assert post(client, bad).status_code == 400, bad
    assert rows() == before


def test_a_unit_out_of_scope_is_not_found(api, commune_reporter, other_manager):
    before = rows()
    response = post(api(other_manager, language="en"), body(tt_people=1))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    listed = post(api(commune_reporter, language="en"), [body(tt_people=1), body("06808", tt_people=1)])
    assert listed.status_code == 404
    assert listed.json()["detail"].startswith("1: ")
    assert rows() == before


def test_a_unit_seen_but_not_reported_for_is_forbidden(api, commune_reporter):
    before = rows()
    response = post(api(commune_reporter, language="en"), body("196", tt_people=1))  # Uông Bí: above the ward
    assert response.status_code == 403
    assert response.json() == {"detail": "You cannot report for Thành phố Uông Bí.", "code": "forbidden"}
    assert rows() == before


def test_a_submitted_or_approved_report_is_locked(api, commune_reporter, district_reviewer):
    client = api(commune_reporter, language="en")
    ok(post(client, body(tt_people=10, submit=True)))
    before = rows()
    response = post(client, body(tt_people=11))
    assert response.status_code == 409
    assert response.json()["code"] == "locked"
    assert rows() == before
    assert DataValue.objects.get().value == 10


def test_a_form_not_for_this_level_is_refused(api, district_reviewer):
    before = rows()
    response = post(api(district_reviewer, language="en"), [body("06808", tt_people=1), body("196", tt_people=1)])
    assert response.status_code == 400
    assert response.json()["code"] == "bad_level"
    assert list(response.json()["errors"]) == ["1.non_field_errors"]
    assert rows() == before


def test_a_wrong_period_type_is_refused(api, commune_reporter):
    before = rows()
    response = post(api(commune_reporter, language="en"), body(period="2024-Q1", tt_people=1))
    assert response.status_code == 400
    assert response.json()["code"] == "bad_period"
    assert rows() == before
    assert period_get("2024").code == "2024"


def test_an_organisation_out_of_scope_is_not_found(api, commune_reporter):
    elsewhere = Organization.objects.filter(unit__path__startswith="2025/08/")  # Tuyên Quang
    before = rows()
    for pk in (elsewhere.first().pk, 2**70):
        response = post(api(commune_reporter), body(tt_people=1) | {"organization": pk})
        assert response.status_code == 404, pk
        assert response.json()["code"] == "not_found"
    assert rows() == before
