"""The home page as "my work", the menu badge, and both staying right after an action."""

from __future__ import annotations

import re

import pytest

from danvan.initiatives.models import Status
from danvan.reporting.tests.factories import report


def _sections(response) -> dict[str, int]:
    return {s.kind.code: s.count for s in response.context["sections"]}


def _badge(client) -> int:
    html = client.get("/my-work/badge/").content.decode()
    found = re.search(r'class="nav-badge__count"[^>]*>(\d+)<', html)
    return int(found.group(1)) if found else 0


def test_the_home_page_lists_the_reviewers_work_with_links_to_each_action(login, district_reviewer, work):
    response = login(district_reviewer).get("/")
    assert response.status_code == 200
    assert _sections(response) == {
        "reporting.review": 1,
        "initiatives.recognise": 1,
        "engagement.unassigned": 1,
        "engagement.deadlines": 1,
        "engagement.promises": 1,
    }
    html = response.content.decode()
    assert "Việc của tôi" in html and "Báo cáo cần duyệt" in html
    assert f'href="/reports/{work["submitted"].pk}/#state"' in html
    assert f'href="/models/{work["model"].pk}/#status"' in html
    assert f'href="/engagement/petitions/{work["unassigned"].pk}/"' in html
    assert 'href="/reports/review/"' in html and 'href="/models/queue/"' in html  # "see all"
    assert 'id="work-total">5<' in html
    assert 'class="nav-badge__count" aria-hidden="true">5<' in html  # the menu badge, without a second request
    assert 'id="scope-heading"' in html  # the scope box is kept, lower on the page
    assert html.index('id="work-heading"') < html.index('id="scope-heading"')


def test_the_home_page_marks_what_is_late_or_due_soon(login, commune_reporter, work):
    html = login(commune_reporter).get("/").content.decode()
    assert "inbox-item--soon" in html and "sắp đến hạn" in html
    assert "mo-hinh-2024.xlsx" in html  # the import that finished


def test_other_manager_sees_nothing_of_the_first_province_and_a_kind_empty_state(login, other_manager, work):
    response = login(other_manager).get("/")
    assert response.context["sections"] == []
    html = response.content.decode()
    assert 'id="inbox-empty"' in html and "Không có việc nào đang chờ bạn" in html
    assert "Nam Khê" not in html and "Bãi rác" not in html
    assert "nav-badge__count" not in html


def test_query_count_of_the_home_page_with_work_waiting(login, province_manager, work, django_assert_num_queries):
    client = login(province_manager)
    # session, user, scope (membership + 2 for the other era), the kinds of work (reporting, initiatives,
    # nominations to score, petitions, imports: one query each), the other-era units' map versions (the
    # memberships themselves were read with the scope)
    with django_assert_num_queries(11):
        response = client.get("/")
    assert sum(_sections(response).values()) == 5


def test_the_badge_asks_for_a_signed_in_user(client):
    response = client.get("/my-work/badge/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_other_pages_load_the_badge_after_they_show(login, district_reviewer, work):
    html = login(district_reviewer).get("/reports/").content.decode()
    assert 'hx-get="/my-work/badge/"' in html and 'hx-trigger="load, inbox-changed from:body"' in html
    assert _badge(login(district_reviewer)) == 5


def test_approving_a_report_takes_one_off_the_home_page_and_the_badge(login, district_reviewer, commune_reporter, work):
    from danvan.conftest import unit
    from danvan.reporting.models import ReportForm

    form = ReportForm.objects.get(code="inbox-commune")
    report(commune_reporter, form, unit("2024", "06823"), "2022", {"inbox_people": 3})
    client = login(district_reviewer)
    assert _sections(client.get("/"))["reporting.review"] == 2
    assert _badge(client) == 6
    response = client.post(
        f"/reports/{work['submitted'].pk}/approve/", {"from": "review"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-status="approved"' in html
    assert '<span class="badge" id="queue-count" hx-swap-oob="true">1</span>' in html  # the queue's own count
    assert response["HX-Trigger"] == "inbox-changed"  # and the menu badge reloads
    assert _sections(client.get("/"))["reporting.review"] == 1
    assert _badge(client) == 5
    assert 'id="queue-count">1<' in client.get("/reports/review/").content.decode()


def test_recognising_a_model_removes_it(login, district_reviewer, work):
    client = login(district_reviewer)
    model = work["model"]
    response = client.post(f"/models/{model.pk}/transition/", {"to": Status.RECOGNISED})
    assert response.status_code == 302
    model.refresh_from_db()
    assert model.status == Status.RECOGNISED
    home = client.get("/")
    assert "initiatives.recognise" not in _sections(home)
    assert f'href="/models/{model.pk}/#status"' not in home.content.decode()
    assert _badge(client) == 4
    assert 'id="queue-empty"' in client.get("/models/queue/").content.decode()


@pytest.mark.parametrize("lang,text", [("vi", "Việc của tôi"), ("en", "My work")])
def test_the_page_speaks_the_users_language(login, district_reviewer, work, lang, text):
    client = login(district_reviewer)
    client.cookies["django_language"] = lang
    assert text in client.get("/").content.decode()


def test_see_all_opens_the_lists_filtered_to_the_same_work(login, district_reviewer, work):
    client = login(district_reviewer)
    sections = {s.kind.code: s for s in client.get("/").context["sections"]}
    listed = client.get(sections["engagement.unassigned"].see_all)
    assert listed.status_code == 200
    codes = {p.pk for p in listed.context["page"].object_list}
    assert codes == {work["unassigned"].pk}  # open and without a handler, as on the home page
