"""Completeness at /reports/completeness/: who should report, who has, who is late; filters, access, export."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook

from danvan.reporting.models import Submission
from danvan.reporting.tests import test_dashboards

figures = test_dashboards.figures  # the shared fixture
URL = "/reports/completeness/"
# session, user, scope (3), eras, the unit, the period, the form (2), forms (2), the period's map and levels,
# units, submissions, ancestors, nav (2)
QUERIES = 20
PARAMS = {"form": "d-commune", "era": "2024", "unit": "196", "period": "2024"}


@pytest.fixture
def on_time(figures):
    """Nam Khê submitted before the deadline (15 January 2025), Bắc Sơn after it; today is 1 March 2025."""
    Submission.objects.filter(pk=figures.now.pk).update(submitted_at=datetime(2025, 1, 5, 9, tzinfo=UTC))
    Submission.objects.filter(pk=figures.other.pk).update(submitted_at=datetime(2025, 1, 20, 9, tzinfo=UTC))
    return figures


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: date(2025, 3, 1))


def row(content: str, code: str) -> str:
    match = re.search(rf'<tr data-key="{code}"[^>]*>', content)
    return match.group(0) if match else ""


def summary(content: str) -> list[int]:
    block = re.search(r'id="completeness-summary">(.*?)</p>', content, re.S).group(1)
    return [int(n) for n in re.findall(r"<strong>(\d+)</strong>", block)]


def test_it_sends_anonymous_visitors_to_sign_in(client, db):
    assert client.get(URL).status_code == 302


def test_it_shows_who_reported_who_did_not_and_who_is_late(login, province_manager, on_time, today):
    response = login(province_manager).get(URL, PARAMS)
    assert response.status_code == 200
    content = response.content.decode()
    assert summary(content) == [2, 10, 9]  # 2 of 10 reported, 9 late
    assert row(content, "06823") == '<tr data-key="06823" data-status="submitted">'  # on time
    assert row(content, "06814") == '<tr data-key="06814" data-status="submitted" data-late="true">'
    assert row(content, "06808") == '<tr data-key="06808" data-status="missing" data-late="true">'
    assert "15/01/2025" in content and "15-01-2025" not in content  # the due date, day/month/year


def test_before_the_deadline_nobody_is_late(login, province_manager, on_time, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: date(2025, 1, 10))
    content = login(province_manager).get(URL, PARAMS).content.decode()
    assert summary(content) == [2, 10, 1]  # only Bắc Sơn, which was submitted after the deadline
    assert row(content, "06808") == '<tr data-key="06808" data-status="missing">'


def test_it_filters_not_yet_reported_and_late(login, province_manager, on_time, today):
    client = login(province_manager)
    content = client.get(URL, {**PARAMS, "show": "missing"}).content.decode()
    assert not row(content, "06823") and not row(content, "06814") and row(content, "06808")
    assert summary(content) == [2, 10, 9]  # the counts are over every unit, whatever the filter
    content = client.get(URL, {**PARAMS, "show": "late"}).content.decode()
    assert row(content, "06814") and row(content, "06808") and not row(content, "06823")


def test_a_draft_is_not_reported(login, province_manager, on_time, today):
    content = login(province_manager).get(URL, {**PARAMS, "period": "2023"}).content.decode()
    assert 'data-key="06823" data-status="submitted"' in content
    Submission.objects.filter(pk=on_time.last.pk).update(status=Submission.Status.DRAFT)
    content = login(province_manager).get(URL, {**PARAMS, "period": "2023"}).content.decode()
    assert 'data-key="06823" data-status="draft" data-late="true"' in content
    assert summary(content) == [0, 10, 10]


def test_it_hides_another_province(login, other_manager, commune_reporter, on_time, today):
    assert login(other_manager).get(URL, PARAMS).status_code == 404
    assert login(other_manager).get(URL + "export.csv", PARAMS).status_code == 404
    assert login(commune_reporter).get(URL, PARAMS).status_code == 404  # Uông Bí is above Nam Khê's reporter
    assert login(commune_reporter).get(URL, {**PARAMS, "unit": ""}).status_code == 404  # the nation


@pytest.mark.parametrize(
    ("params", "shown"),
    [
        ({"form": "nope"}, "nope"),
        ({"form": "d-commune\x00"}, "d-commune?"),
        ({"period": "2024-Q1"}, "2024-Q1"),  # the form is yearly
        ({"period": "abc"}, "abc"),
        ({"era": "1999"}, "1999"),
        ({"show": "everything"}, None),
    ],
)
def test_bad_parameters_get_a_clear_message(login, province_manager, on_time, params, shown):
    response = login(province_manager).get(URL, {**PARAMS, **params})
    assert response.status_code == 400
    block = re.search(r'id="completeness-errors">(.*?)</div>', response.content.decode(), re.S).group(1)
    assert (shown or "<li>") in block


def test_export_csv_and_xlsx(login, province_manager, on_time, today):
    client = login(province_manager)
    response = client.get(URL + "export.csv", {**PARAMS, "show": "late"})
    assert response.status_code == 200
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + 9
    by_code = {r[0]: r for r in rows[1:]}
    assert by_code["06814"][1] == "Phường Bắc Sơn" and by_code["06814"][5] == "2025-01-15"
    assert "06823" not in by_code
    response = client.get(URL + "export.xlsx", PARAMS)
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws.max_row == 11 and ws["A1"].font.bold
    due = next(row[5] for row in ws.iter_rows(min_row=2) if row[0].value == "06814")
    assert due.value.date() == date(2025, 1, 15) and due.number_format == "dd/mm/yyyy"  # a date, shown day first
    assert client.get(URL + "export.json", PARAMS).status_code == 404


def test_it_opens_on_the_users_own_area(login, district_reviewer, on_time, today):
    response = login(district_reviewer).get(URL, {"form": "d-commune", "period": "2024"})
    assert response.status_code == 200
    assert summary(response.content.decode()) == [2, 10, 9]


def test_query_count_is_pinned(login, province_manager, on_time, today, django_assert_num_queries):
    client = login(province_manager)
    client.get(URL, PARAMS)
    with django_assert_num_queries(QUERIES):
        assert client.get(URL, PARAMS).status_code == 200
    with django_assert_num_queries(QUERIES - 1):  # the province has no ancestor to name
        assert client.get(URL, {**PARAMS, "unit": "22"}).status_code == 200


def _links(content: str, anchor: str = 'href="/reports/completeness/?') -> list[str]:
    return re.findall(r'href="/reports/completeness/\?([^"]+)"', content)


def test_the_dashboards_link_leads_to_the_map_the_periods_reports_were_made_on(login, province_manager, on_time, today):
    """Today's Quảng Ninh, 2024: its communes reported on the 2024 map; today's 54 wards did not exist yet."""
    content = login(province_manager).get("/reports/dashboard/", {"era": "2025", "unit": "22", "period": "2024"})
    content = content.content.decode()
    link = re.search(
        r'<a class="button button--quiet" href="/reports/completeness/\?([^"]+)" id="completeness-link">([^<]+)</a>',
        content,
    )
    assert link, content[:2000]
    query = link.group(1).replace("&amp;", "&")
    assert "era=2024" in query and "unit=22" in query and "period=2024" in query
    assert "Tỉnh Quảng Ninh (bản đồ 2024)" in link.group(2)
    followed = login(province_manager).get("/reports/completeness/?" + query + "&form=d-commune")
    assert followed.status_code == 200
    assert summary(followed.content.decode())[:2] == [2, 171]  # old Quảng Ninh's communes: two reported, not "0 of 54"


def test_on_the_periods_own_map_the_link_keeps_era_and_unit(login, province_manager, on_time, today):
    content = login(province_manager).get("/reports/dashboard/", {"era": "2024", "unit": "196", "period": "2024"})
    content = content.content.decode()
    link = re.search(r'href="/reports/completeness/\?([^"]+)" id="completeness-link">([^<]+)</a>', content)
    query = link.group(1).replace("&amp;", "&")
    assert "era=2024" in query and "unit=196" in query and "period=2024" in query
    assert link.group(2).strip() == "Đã báo cáo chưa?" or "·" not in link.group(2)


def test_a_new_province_made_of_two_leads_to_both_old_ones(login, other_manager, db):
    from danvan.reporting.tests.factories import commune_form, indicator

    commune_form(indicator("d_any", position=1), code="d-any")
    content = login(other_manager).get("/reports/dashboard/", {"era": "2025", "unit": "08", "period": "2024"})
    labels = re.findall(
        r'href="/reports/completeness/\?[^"]*era=2024[^"]*"[^>]*>[^<]*· ([^<]+)</a>', content.content.decode()
    )
    assert sorted(labels) == ["Tỉnh Hà Giang (bản đồ 2024)", "Tỉnh Tuyên Quang (bản đồ 2024)"]


def test_completeness_on_the_wrong_map_says_so_and_leads_to_the_right_one(login, province_manager, on_time, today):
    response = login(province_manager).get(URL, {**PARAMS, "era": "2025", "unit": "22"})
    assert response.status_code == 200
    content = response.content.decode()
    note = re.search(r'id="other-map-note">(.*?)</div>', content, re.S).group(1)
    assert "Báo cáo kỳ 2024 được lập theo bản đồ 2024" in note
    assert "era=2024&amp;unit=22&amp;period=2024" in note
    assert 'id="other-map-note"' not in login(province_manager).get(URL, PARAMS).content.decode()
