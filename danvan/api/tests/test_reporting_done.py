"""Issue 5's "done when", through the API only: a commune enters its figures, the district approves them,
and the province's and the nation's roll-ups show them at once, on either map."""

from danvan.reporting.models import Submission

VALUES = "/api/v1/datavalues/"
ROLLUP = "/api/v1/rollup/"


def test_a_commune_reports_the_district_approves_and_every_level_sees_it(
    api, commune_reporter, district_reviewer, province_manager, admin_user
):
    body = {
        "form": "dvk-commune-year",
        "era": "2024",
        "unit": "06823",
        "period": "2024",
        "organization": None,
        "values": [
            {"indicator": "tt_people", "category": "", "value": 1234},
            {"indicator": "money_mobilised", "value": 185000000},
        ],
        "submit": True,
    }
    posted = api(commune_reporter).post(VALUES, body, format="json")
    assert posted.status_code == 200, posted.content
    [touched] = posted.json()["submissions"]
    assert touched["submission"]["status"] == "submitted"
    pk = touched["submission"]["id"]

    # submitted figures are in the roll-ups the same second, before any approval
    live = api(province_manager).get(ROLLUP, {"era": "2025", "unit": "22", "indicator": "tt_people", "period": "2024"})
    assert live.status_code == 200, live.content
    assert (live.json()["value"], live.json()["count"]) == (1234, 1)

    approved = api(district_reviewer).post(
        f"/api/v1/submissions/{pk}/transition/", {"action": "approve"}, format="json"
    )
    assert approved.status_code == 200, approved.content
    assert approved.json()["status"] == "approved"
    assert Submission.objects.get(pk=pk).status == Submission.Status.APPROVED

    province = api(province_manager).get(
        ROLLUP, {"era": "2025", "unit": "22", "indicator": "tt_people", "period": "2024", "approved_only": "true"}
    )
    assert province.status_code == 200, province.content
    assert province.json()["value"] == 1234
    assert province.json()["unit"] == {"era": "2025", "code": "22", "name": province.json()["unit"]["name"]}
    for era in ("2025", "2024"):
        nation = api(admin_user).get(
            ROLLUP, {"era": era, "indicator": "money_mobilised", "period": "2024", "approved_only": "true"}
        )
        assert nation.status_code == 200, nation.content
        assert nation.json()["unit"] is None
        assert nation.json()["value"] == 185000000
        assert isinstance(nation.json()["value"], int)
