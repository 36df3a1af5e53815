"""The buttons of a report (submit, approve, return, reopen), the review queue and the report's history."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.conftest import unit
from danvan.reporting.models import DataValue, Submission
from danvan.reporting.periods import period_get
from danvan.reporting.selectors import form_get
from danvan.reporting.services import submission_approve
from danvan.reporting.tests.factories import report

NAM_KHE = ("2024", "06823")
HX = {"HTTP_HX_REQUEST": "true"}
Status = Submission.Status


@pytest.fixture
def dvk(commune_reporter):
    return form_get(user=commune_reporter, code="dvk-commune-year")


@pytest.fixture
def submitted(commune_reporter, dvk):
    return report(commune_reporter, dvk, unit(*NAM_KHE), "2024", {"workdays": 420, "money_mobilised": 5})


def step(s, action):
    return reverse("reporting:transition", args=[s.pk, action])


def grid_url(s):
    return reverse("reporting:grid", args=[s.pk])


def test_submit_approve_reopen_and_edit_again(login, commune_reporter, district_reviewer, dvk):
    reporter, reviewer = login(commune_reporter), login(district_reviewer)
    reporter.post(reverse("reporting:open"), {"form": dvk.code, "unit": "2024/06823", "period": "2024"})
    s = Submission.objects.get(form=dvk, unit=unit(*NAM_KHE), period=period_get("2024"))
    # the grid's "save and submit" saves the typed cells and asks; confirmed, it submits
    cells = {"v:workdays:": "420", "v:money_mobilised:": "1.000"}
    response = reporter.post(step(s, "submit"), {**cells, "confirm": "yes"})
    assert response.status_code == 302 and response["Location"] == grid_url(s)
    s.refresh_from_db()
    assert s.status == Status.SUBMITTED and s.submitted_by == commune_reporter
    assert DataValue.objects.get(submission=s, indicator__code="money_mobilised").value == 1000
    html = reporter.get(grid_url(s)).content.decode()
    assert 'name="v:workdays:"' not in html and 'id="locked-note"' in html  # locked for the reporter

    html = reviewer.get(grid_url(s)).content.decode()
    assert 'id="approve-button"' in html and 'id="return-button"' in html
    assert reviewer.post(step(s, "approve"))["Location"] == grid_url(s)
    s.refresh_from_db()
    assert s.status == Status.APPROVED and s.reviewed_by == district_reviewer
    html = reviewer.get(grid_url(s)).content.decode()
    assert 'id="reopen-button"' in html and 'id="approve-button"' not in html
    assert "Phạm Thu Hà" in html  # who reviewed it

    reviewer.post(step(s, "reopen"), {"reason": "Thiếu số ngày công của tổ dân phố 3."})
    s.refresh_from_db()
    assert s.status == Status.RETURNED and s.note == "Thiếu số ngày công của tổ dân phố 3."
    html = reporter.get(grid_url(s)).content.decode()
    assert 'id="return-reason"' in html and "Thiếu số ngày công" in html
    assert 'name="v:workdays:"' in html  # open again
    assert reporter.post(grid_url(s), {"v:workdays:": "450"}).status_code == 302
    assert DataValue.objects.get(submission=s, indicator__code="workdays").value == 450


def test_a_reporter_cannot_approve_their_own_report(login, commune_reporter, submitted):
    client = login(commune_reporter)
    response = client.post(step(submitted, "approve"))
    assert response.status_code == 302 and response["Location"] == grid_url(submitted)
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    html = client.get(grid_url(submitted)).content.decode()
    assert "message--error" in html  # the service's refusal, shown on the grid


def test_other_province_cannot_approve(login, other_manager, submitted):
    assert login(other_manager).post(step(submitted, "approve")).status_code == 404
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_returning_needs_a_reason(login, district_reviewer, submitted):
    client = login(district_reviewer)
    client.post(step(submitted, "return"), {"reason": "   "})
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    assert "message--error" in client.get(grid_url(submitted)).content.decode()
    client.post(step(submitted, "return"), {"reason": "Số liệu đơn thư chưa khớp."})
    submitted.refresh_from_db()
    assert submitted.status == Status.RETURNED and submitted.note == "Số liệu đơn thư chưa khớp."


def test_a_submitted_report_refuses_edits_with_its_message(login, commune_reporter, submitted):
    response = login(commune_reporter).post(grid_url(submitted), {"v:workdays:": "1"})
    assert response.status_code == 409
    assert 'id="grid-problem"' in response.content.decode()
    assert DataValue.objects.get(submission=submitted, indicator__code="workdays").value == 420


def test_an_approved_report_is_read_only_and_refuses_edits(login, commune_reporter, district_reviewer, submitted):
    submission_approve(actor=district_reviewer, submission=submitted)
    client = login(commune_reporter)
    html = client.get(grid_url(submitted)).content.decode()
    assert 'name="v:' not in html and 'data-status="approved"' in html
    response = client.post(grid_url(submitted), {"v:workdays:": "1"}, **HX)
    assert response.status_code == 409 and "<html" not in response.content.decode()
    assert DataValue.objects.get(submission=submitted, indicator__code="workdays").value == 420
    assert client.post(step(submitted, "submit")).status_code == 302  # refused, as a message
    submitted.refresh_from_db()
    assert submitted.status == Status.APPROVED


def test_submitting_with_a_broken_rule_saves_nothing(login, commune_reporter, dvk):
    s = report(commune_reporter, dvk, unit(*NAM_KHE), "2024", {"workdays": 3}, submit=False)
    data = {"v:petitions_received:": "2", "v:petitions_resolved:": "7", "v:workdays:": "3"}
    response = login(commune_reporter).post(step(s, "submit"), data)
    assert response.status_code == 400
    assert 'id="cell-petitions_resolved-msg"' in response.content.decode()
    s.refresh_from_db()
    assert s.status == Status.DRAFT
    assert set(DataValue.objects.filter(submission=s).values_list("indicator__code", flat=True)) == {"workdays"}


def test_an_unknown_step_or_a_get_is_refused(login, district_reviewer, submitted):
    client = login(district_reviewer)
    assert client.post(step(submitted, "destroy")).status_code == 404
    assert client.get(step(submitted, "approve")).status_code == 405


def test_htmx_submit_from_the_grid_redirects_the_page(login, commune_reporter, dvk):
    s = report(commune_reporter, dvk, unit(*NAM_KHE), "2024", {"workdays": 3}, submit=False)
    response = login(commune_reporter).post(step(s, "submit"), {"v:workdays:": "4", "confirm": "yes"}, **HX)
    assert response.status_code == 200 and response["HX-Redirect"] == grid_url(s)
    s.refresh_from_db()
    assert s.status == Status.SUBMITTED


# --- the review queue ---------------------------------------------------------------------------


def test_the_queue_lists_reports_waiting_below_the_reviewer(login, district_reviewer, submitted):
    response = login(district_reviewer).get(reverse("reporting:review"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="queue-row-{submitted.pk}"' in html and "Phường Nam Khê" in html


def test_the_queue_is_empty_for_the_reporter_and_other_province(login, commune_reporter, other_manager, submitted):
    for user in (commune_reporter, other_manager):
        html = login(user).get(reverse("reporting:review")).content.decode()
        assert f'id="queue-row-{submitted.pk}"' not in html and 'id="queue-empty"' in html


def test_approving_inline_from_the_queue_swaps_its_row(login, district_reviewer, submitted):
    response = login(district_reviewer).post(step(submitted, "approve"), {"from": "review"}, **HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith(f'<tr id="queue-row-{submitted.pk}"') and 'data-status="approved"' in html
    submitted.refresh_from_db()
    assert submitted.status == Status.APPROVED


def test_a_refused_inline_approval_says_why_on_its_row(login, commune_reporter, submitted):
    response = login(commune_reporter).post(step(submitted, "approve"), {"from": "review"}, **HX)
    assert response.status_code == 403
    assert 'role="alert"' in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_approving_from_the_queue_without_js_comes_back_to_it(login, district_reviewer, submitted):
    response = login(district_reviewer).post(step(submitted, "approve"), {"from": "review"})
    assert response["Location"] == reverse("reporting:review")


def test_the_queue_offers_approved_reports_to_reopen(login, district_reviewer, submitted):
    submission_approve(actor=district_reviewer, submission=submitted)
    html = login(district_reviewer).get(reverse("reporting:review")).content.decode()
    assert 'id="reopenable"' in html and grid_url(submitted) in html


def test_the_queue_pins_its_query_count(login, district_reviewer, dvk, commune_reporter, django_assert_max_num_queries):
    for year in ("2021", "2022", "2023"):
        report(commune_reporter, dvk, unit(*NAM_KHE), year, {"workdays": 5})
    client = login(district_reviewer)
    client.get(reverse("reporting:review"))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("reporting:review"))
    assert response.content.decode().count('id="queue-row-') == 3


# --- history ------------------------------------------------------------------------------------


def test_the_history_lists_changes_and_reasons_newest_first(login, commune_reporter, district_reviewer, submitted):
    client = login(district_reviewer)
    client.post(step(submitted, "return"), {"reason": "Kiểm tra lại số tiền."})
    login(commune_reporter).post(grid_url(submitted), {"v:money_mobilised:": "7"})
    html = login(commune_reporter).get(grid_url(submitted)).content.decode()
    history = html.split('id="history"')[1]
    verbs = [part.split('"')[0] for part in history.split('data-verb="')[1:]]
    assert verbs == ["report.values", "report.return", "report.submit", "report.values", "report.open"]
    assert "Kiểm tra lại số tiền." in history
    # the cells named as on the grid, each change old → new
    assert "Số tiền vận động: — → 5" in history and "Số tiền vận động: 5 → 7" in history


def test_the_history_reader_refuses_other_province(other_manager, submitted):
    from danvan.core.errors import NotFound
    from danvan.reporting.entry import submission_history

    with pytest.raises(NotFound):
        submission_history(user=other_manager, submission=submitted)


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("value", ["0", "7", "1234", "185000000", "12.5", "0.0001", "1234.25"])
def test_the_grid_shows_a_figure_the_way_it_reads_back(language, value):
    from django.utils import translation

    from danvan.core.numbers import parse_number
    from danvan.reporting.entry import format_number

    with translation.override(language):
        assert parse_number(format_number(Decimal(value))) == Decimal(value)


def test_submit_asks_first_and_saves_the_cells_meanwhile(login, commune_reporter, dvk):
    """One click never locks a report: the first press saves and asks, without JavaScript too."""
    s = report(commune_reporter, dvk, unit(*NAM_KHE), "2024", {"workdays": 3}, submit=False)
    client = login(commune_reporter)
    response = client.post(step(s, "submit"), {"v:workdays:": "5"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="submit-confirm" role="alertdialog"' in html and "Gửi báo cáo này lên cấp trên?" in html
    assert 'name="confirm" value="yes"' in html and 'id="submit-cancel"' in html
    s.refresh_from_db()
    assert s.status == Status.DRAFT
    assert DataValue.objects.get(submission=s, indicator__code="workdays").value == 5

    partial = client.post(step(s, "submit"), {"v:workdays:": "5"}, **HX)  # HTMX: the grid alone, asking
    assert 'id="submit-confirm"' in partial.content.decode() and "<html" not in partial.content.decode()
    s.refresh_from_db()
    assert s.status == Status.DRAFT

    assert client.post(step(s, "submit"), {"v:workdays:": "5", "confirm": "yes"}).status_code == 302
    s.refresh_from_db()
    assert s.status == Status.SUBMITTED


def test_a_late_report_warns_before_and_after_submitting(login, commune_reporter, dvk):
    s = report(commune_reporter, dvk, unit(*NAM_KHE), "2024", {"workdays": 3}, submit=False)
    assert s.due < timezone.localdate()  # due 15/1/2025
    client = login(commune_reporter)
    html = client.get(grid_url(s)).content.decode()
    assert 'id="late-warning"' in html and "Báo cáo này đã quá hạn: hạn nộp là 15/01/2025" in html
    asking = client.post(step(s, "submit"), {}).content.decode()
    assert 'id="submit-late-warning"' in asking
    response = client.post(step(s, "submit"), {"confirm": "yes"}, follow=True)
    html = response.content.decode()
    assert "Báo cáo này được gửi sau hạn nộp (15/01/2025)." in html
    assert "Gửi muộn: hạn nộp là 15/01/2025." in html


def test_a_report_on_time_gets_no_late_warning(login, commune_reporter, dvk):
    s = report(commune_reporter, dvk, unit(*NAM_KHE), "2024", {"workdays": 3}, submit=False)
    Submission.objects.filter(pk=s.pk).update(due=timezone.localdate() + timedelta(days=3))
    client = login(commune_reporter)
    assert 'id="late-warning"' not in client.get(grid_url(s)).content.decode()
    assert 'id="submit-late-warning"' not in client.post(step(s, "submit"), {}).content.decode()
    html = client.post(step(s, "submit"), {"confirm": "yes"}, follow=True).content.decode()
    assert 'id="late-warning"' not in html and "sau hạn nộp" not in html


def test_another_user_cannot_reach_the_confirmation(login, other_manager, dvk, commune_reporter):
    s = report(commune_reporter, dvk, unit(*NAM_KHE), "2024", {"workdays": 3}, submit=False)
    assert login(other_manager).post(step(s, "submit"), {"v:workdays:": "9"}).status_code == 404
    assert DataValue.objects.get(submission=s, indicator__code="workdays").value == 3
