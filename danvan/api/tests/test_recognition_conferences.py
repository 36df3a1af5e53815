"""The review conferences (hội nghị tổng kết) through the API: list, detail, create; scope and bad input."""

from datetime import date

import pytest

from danvan.org.models import Organization
from danvan.recognition.models import Conference
from danvan.recognition.services.conferences import conference_create
from danvan.recognition.tests.factories import quang_ninh_decision
from danvan.recognition.tests.test_decisions import commission, draft

pytestmark = pytest.mark.django_db
URL = "/api/v1/conferences/"


@pytest.fixture
def handed(province_manager):
    """An issued decision of Quảng Ninh's commission, handed out at its 2024 conference."""
    return quang_ninh_decision(province_manager)


def body(decision, **over):
    data = {
        "organization": commission().pk,
        "title": "Hội nghị sơ kết 6 tháng phong trào “Dân vận khéo”",
        "held_on": "2025-01-10",
        "place": "Hạ Long",
        "report_url": "https://dvqn.vn/bao-cao-so-ket.pdf",
        "decisions": [decision.pk],
    }
    data.update(over)
    return data


def test_the_list_shows_the_callers_conferences_only(api, handed, province_manager, other_manager):
    listed = api(province_manager).get(URL).json()
    assert listed["count"] == 1
    row = listed["results"][0]
    assert row["title"] == "Hội nghị tổng kết phong trào thi đua “Dân vận khéo” năm 2024"
    assert (row["held_on"], row["unit"], row["organization_name"], row["decisions_handed_out"]) == (
        "2024-12-27",
        "2024/22",
        "Ban Dân vận Tỉnh ủy Quảng Ninh",
        1,
    )
    assert api(other_manager).get(URL).json()["count"] == 0
    assert api().get(URL).status_code == 401


def test_the_list_keeps_its_queries_pinned(api, handed, province_manager, django_assert_num_queries):
    client = api(province_manager)
    client.get(URL)
    with django_assert_num_queries(PINNED_LIST):
        client.get(URL)
    for i in range(3):
        conference_create(
            actor=province_manager,
            unit=commission().unit,
            organization=commission(),
            title=f"Hội nghị {i}",
            held_on=date(2025, 1, i + 1),
            decisions=[handed["decision"]],
        )
    with django_assert_num_queries(PINNED_LIST):
        assert client.get(URL).json()["count"] == 4


PINNED_LIST = 6  # token, scope (memberships, map equivalents), count, the page


def test_the_detail_lists_the_decisions_handed_out(api, handed, province_manager, other_manager):
    pk = handed["conference"].pk
    found = api(province_manager).get(f"{URL}{pk}/")
    assert found.status_code == 200
    decisions = found.json()["decisions"]
    assert decisions == [
        {
            "id": handed["decision"].pk,
            "number": "1/QĐ-BDVTU",
            "status": "issued",
            "award_name": handed["decision"].award.name,
            "issuer_name": "Ban Dân vận Tỉnh ủy Quảng Ninh",
            "recipients": 1,
        }
    ]
    outsider = api(other_manager).get(f"{URL}{pk}/")
    missing = api(other_manager).get(f"{URL}{10**12}/")
    assert outsider.status_code == missing.status_code == 404 and outsider.json() == missing.json()
    assert api(province_manager).get(f"{URL}{2**63}/").status_code == 404


def test_a_manager_records_a_conference(api, handed, province_manager):
    created = api(province_manager).post(URL, body(handed["decision"]), format="json")
    assert created.status_code == 201, created.json()
    data = created.json()
    conference = Conference.objects.get(pk=data["id"])
    assert (conference.place, conference.report_url, list(conference.decisions.all())) == (
        "Hạ Long",
        "https://dvqn.vn/bao-cao-so-ket.pdf",
        [handed["decision"]],
    )
    assert data["decisions"][0]["number"] == "1/QĐ-BDVTU" and data["organization"] == commission().pk
    assert conference.created_by == province_manager


def test_another_province_cannot_record_one_here_or_hand_out_our_decisions(api, handed, other_manager):
    outsider = api(other_manager)
    foreign = outsider.post(URL, body(handed["decision"]), format="json")
    assert foreign.status_code == 400 and set(foreign.json()["errors"]) == {"organization", "decisions"}
    own = Organization.objects.get(name="Ban Dân vận Tỉnh ủy Tuyên Quang")
    theirs = outsider.post(URL, body(handed["decision"], organization=own.pk), format="json")
    assert theirs.status_code == 400 and set(theirs.json()["errors"]) == {"decisions"}
    assert Conference.objects.count() == 1


def test_a_reporter_may_not_record_a_conference(api, handed, commune_reporter):
    front = Organization.objects.get(name="Ủy ban MTTQ Việt Nam phường Nam Khê")
    refused = api(commune_reporter).post(URL, body(handed["decision"], organization=front.pk), format="json")
    assert refused.status_code == 400 and "organization" in refused.json()["errors"]
    assert Conference.objects.count() == 1


def test_bad_input_is_named_in_vietnamese_and_nothing_is_saved(api, handed, province_manager):
    client = api(province_manager, language="vi")
    bad = client.post(
        URL,
        {"organization": commission().pk, "held_on": "27/12/2024", "report_url": "dvqn", "decisions": ["x"], "y": 1},
        format="json",
    )
    assert bad.status_code == 400
    errors = bad.json()["errors"]
    assert errors["title"] == ["trường này là bắt buộc."]
    assert errors["held_on"] == ["không phải là ngày; hãy viết theo dạng YYYY-MM-DD, ví dụ 2025-07-01."]
    assert set(errors) == {"title", "held_on", "report_url", "decisions", "y"}
    assert bad.json()["code"] == "invalid" and "bắt buộc" in bad.json()["detail"]
    english = api(province_manager, language="en").post(URL, {"organization": commission().pk}, format="json")
    assert english.json()["errors"]["title"] == ["this field is required."]
    assert Conference.objects.count() == 1


def test_a_draft_decision_is_not_handed_out(api, handed, province_manager):
    pending = draft(province_manager)
    refused = api(province_manager).post(URL, body(pending), format="json")
    assert refused.status_code == 400 and "decisions" in refused.json()["errors"]
    assert Conference.objects.count() == 1


def test_the_schema_documents_the_conferences(client, db):
    paths = client.get("/api/schema/", {"format": "json"}).json()["paths"]
    listed, detail = paths["/api/v1/conferences/"], paths["/api/v1/conferences/{id}/"]
    assert listed["get"]["operationId"] == "conferences_list" and listed["post"]["operationId"] == "conferences_create"
    assert detail["get"]["operationId"] == "conferences_retrieve"
    assert {"201", "400", "401", "403", "415"} <= set(listed["post"]["responses"])
    assert {"200", "401", "404"} <= set(detail["get"]["responses"])
    assert listed["get"]["tags"] == ["emulation and commendation"]
