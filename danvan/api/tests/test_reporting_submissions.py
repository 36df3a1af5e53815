"""/api/v1/submissions/: reports in scope, one report with its values, and moving it up the chain."""

import pytest

from danvan.conftest import unit
from danvan.reporting.models import Submission
from danvan.reporting.periods import period_get
from danvan.reporting.selectors import form_get, indicator_get, rollup
from danvan.reporting.tests.factories import report

LIST = "/api/v1/submissions/"
FORM = "dvk-commune-year"


def detail(pk):
    return f"{LIST}{pk}/"


def transition(pk):
    return f"{LIST}{pk}/transition/"


def ok(response):
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def reports(commune_reporter, district_reviewer):
    """Nam Khê's 2024 report (submitted), Vàng Danh's 2024 draft, and Nam Khê's 2023 report (submitted)."""
    form = form_get(user=commune_reporter, code=FORM)
    nam_khe = report(commune_reporter, form, unit("2024", "06823"), "2024", {"tt_people": 1234, "workdays": 9})
    vang_danh = report(district_reviewer, form, unit("2024", "06808"), "2024", {"tt_people": 50}, submit=False)
    earlier = report(commune_reporter, form, unit("2024", "06823"), "2023", {"tt_people": 1000})
    return nam_khe, vang_danh, earlier


def people_2025_province(user):
    return rollup(
        user=user,
        unit=unit("2025", "22"),
        indicator=indicator_get(user=user, code="tt_people"),
        period=period_get("2024"),
    ).value


def test_anonymous_gets_401(api, reports):
    assert api().get(LIST).status_code == 401
    assert api().get(detail(reports[0].pk)).status_code == 401
    assert api().post(transition(reports[0].pk), {"action": "approve"}, format="json").status_code == 401


def test_each_caller_sees_the_reports_of_their_scope(
    api, reports, commune_reporter, district_reviewer, province_manager, other_manager
):
    nam_khe, vang_danh, earlier = reports

    def ids(user, **params):
        return [r["id"] for r in ok(api(user).get(LIST, params))["results"]]

    assert ids(commune_reporter) == [nam_khe.pk, earlier.pk]  # newest period first
    assert ids(district_reviewer) == [vang_danh.pk, nam_khe.pk, earlier.pk]  # then by place
    assert ids(province_manager) == [vang_danh.pk, nam_khe.pk, earlier.pk]
    assert ids(other_manager) == []
    assert ids(district_reviewer, status="draft") == [vang_danh.pk]
    assert ids(district_reviewer, period="2023") == [earlier.pk]
    assert ids(district_reviewer, era="2024", unit="06808") == [vang_danh.pk]
    assert ids(district_reviewer, form="dvk-upper-year") == []
    assert ids(district_reviewer, era="2025") == []


def test_each_row_says_what_where_when_and_how_far(api, reports, commune_reporter):
    nam_khe = reports[0]
    row = ok(api(commune_reporter, language="en").get(LIST, {"period": "2024"}))["results"][0]
    assert row["id"] == nam_khe.pk
    assert row["url"] == f"http://testserver{detail(nam_khe.pk)}"
    assert (row["form"], row["period"], row["status"], row["status_name"]) == (FORM, "2024", "submitted", "submitted")
    assert row["unit"] == {"era": "2024", "code": "06823", "name": "Phường Nam Khê"}
    assert row["due"] == "2025-01-15"
    assert row["submitted_at"] is not None and row["reviewed_at"] is None
    assert row["organization"] is None


def test_the_report_list_refuses_bad_filters(api, reports, district_reviewer, other_manager):
    response = api(district_reviewer).get(LIST, {"status": "lost", "period": "soon", "form": "nope"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"status", "period", "form"}
    hidden = api(other_manager).get(LIST, {"era": "2024", "unit": "196"})
    assert hidden.status_code == 400
    assert list(hidden.json()["errors"]) == ["unit"]


def test_the_report_list_does_not_grow_with_its_page(api, reports, district_reviewer, django_assert_num_queries):
    client = api(district_reviewer)
    client.get(LIST)
    with django_assert_num_queries(6):  # token, the caller's scope (3), count, one page with its joins
        assert len(ok(client.get(LIST))["results"]) == 3
    with django_assert_num_queries(6):
        assert len(ok(client.get(LIST, {"limit": 1}))["results"]) == 1


def test_one_report_with_its_values(api, reports, commune_reporter, province_manager):
    nam_khe = reports[0]
    for user in (commune_reporter, province_manager):
        body = ok(api(user).get(detail(nam_khe.pk)))
        assert body["id"] == nam_khe.pk
        assert body["values"] == [
            {"indicator": "tt_people", "category": "", "value": 1234},
            {"indicator": "workdays", "category": "", "value": 9},
        ]


def test_a_report_out_of_scope_is_not_found(api, reports, commune_reporter, other_manager):
    vang_danh = reports[1]
    for user, pk in ((other_manager, reports[0].pk), (commune_reporter, vang_danh.pk), (commune_reporter, 10**30)):
        response = api(user).get(detail(pk))
        assert response.status_code == 404, pk
        assert response.json()["code"] == "not_found"
        assert api(user).post(transition(pk), {"action": "approve"}, format="json").status_code == 404


def test_the_level_above_approves_and_the_report_locks(api, reports, district_reviewer):
    nam_khe = reports[0]
    body = ok(api(district_reviewer).post(transition(nam_khe.pk), {"action": "approve"}, format="json"))
    assert body["status"] == "approved"
    assert body["reviewed_at"] is not None
    assert body["values"][0]["value"] == 1234
    nam_khe.refresh_from_db()
    assert nam_khe.status == Submission.Status.APPROVED


def test_the_reporter_cannot_approve_their_own_report(api, reports, commune_reporter):
    nam_khe = reports[0]
    response = api(commune_reporter, language="en").post(transition(nam_khe.pk), {"action": "approve"}, format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": "Only a reviewer of the level above can do this.", "code": "forbidden"}
    nam_khe.refresh_from_db()
    assert nam_khe.status == Submission.Status.SUBMITTED


def test_a_return_needs_a_reason_and_takes_the_figures_out(api, reports, district_reviewer, province_manager):
    nam_khe = reports[0]
    client = api(district_reviewer, language="en")
    assert people_2025_province(province_manager) == 1234
    bare = client.post(transition(nam_khe.pk), {"action": "return"}, format="json")
    assert bare.status_code == 400
    assert bare.json()["code"] == "reason_required"
    assert bare.json()["errors"] == {"non_field_errors": ["Give a reason."]}
    body = ok(client.post(transition(nam_khe.pk), {"action": "return", "reason": "Check the people"}, format="json"))
    assert (body["status"], body["note"]) == ("returned", "Check the people")
    assert people_2025_province(province_manager) == 0


def test_the_reporter_resubmits_and_a_reviewer_reopens(api, reports, commune_reporter, district_reviewer):
    vang_danh = reports[1]
    client = api(district_reviewer)
    assert ok(client.post(transition(vang_danh.pk), {"action": "submit"}, format="json"))["status"] == "submitted"
    ok(client.post(transition(vang_danh.pk), {"action": "approve"}, format="json"))
    reopened = ok(client.post(transition(vang_danh.pk), {"action": "reopen", "reason": "Typo"}, format="json"))
    assert reopened["status"] == "returned"
    nam_khe = reports[0]
    ok(api(district_reviewer).post(transition(nam_khe.pk), {"action": "return", "reason": "x"}, format="json"))
    again = ok(api(commune_reporter).post(transition(nam_khe.pk), {"action": "submit"}, format="json"))
    assert again["status"] == "submitted"


def test_a_step_the_status_does_not_allow_is_a_conflict(api, reports, district_reviewer):
    nam_khe, vang_danh, _earlier = reports
    client = api(district_reviewer, language="en")
    draft = client.post(transition(vang_danh.pk), {"action": "approve"}, format="json")
    assert draft.status_code == 409
    assert draft.json()["code"] == "bad_status"
    again = client.post(transition(nam_khe.pk), {"action": "submit"}, format="json")
    assert again.status_code == 409
    vang_danh.refresh_from_db()
    assert vang_danh.status == Submission.Status.DRAFT


def test_a_bad_transition_body_is_a_400(api, reports, district_reviewer):
    pk = reports[0].pk
    client = api(district_reviewer, language="en")
    response = client.post(transition(pk), {"action": "publish", "to": "approved"}, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"action", "to"}
    assert "submit, approve, return, reopen" in errors["action"][0]
    assert client.post(transition(pk), {}, format="json").json()["errors"] == {"action": ["this field is required."]}
