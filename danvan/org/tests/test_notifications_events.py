"""Each event that needs a person tells the right one, in the app (the e-mail path is test_notifications_mail)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from danvan.conftest import unit
from danvan.documents.models import ImportJob
from danvan.documents.services import import_finish
from danvan.engagement.models.petitions import Petition
from danvan.engagement.services import petitions as petition_services
from danvan.engagement.tests.petition_factories import submit
from danvan.initiatives.models import Status
from danvan.initiatives.services import initiative_transition
from danvan.initiatives.tests.factories import nam_khe_model
from danvan.org.access import Action
from danvan.org.models import Notification, Organization
from danvan.org.models.notifications import Kind
from danvan.org.services.notifications import deadlines_notify, unit_people
from danvan.reporting.models import Submission
from danvan.reporting.services import submission_approve, submission_reopen
from danvan.reporting.tests.factories import commune_form, indicator, report

pytestmark = pytest.mark.django_db


def told(kind: str) -> list[str]:
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_approving_and_reopening_a_report_tell_its_reporter(commune_reporter, district_reviewer):
    form = commune_form(indicator("t_registered"))
    s = report(commune_reporter, form, unit("2024", "06823"), "2024", {"t_registered": 7})
    submission_approve(actor=district_reviewer, submission=s)
    submission_reopen(actor=district_reviewer, submission=s, reason="Sai số hộ")
    assert told(Kind.REPORT_APPROVED) == ["namkhe"]
    note = Notification.objects.get(kind=Kind.REPORT_REOPENED)
    assert note.recipient == commune_reporter and "Sai số hộ" in note.body and note.url == f"/reports/{s.pk}/"


def test_a_model_recognised_returned_or_commended_tells_who_registered_it(commune_reporter, district_reviewer):
    model = nam_khe_model(commune_reporter, register=True)
    initiative_transition(actor=district_reviewer, initiative=model, to=Status.RECOGNISED, comment="Đạt")
    assert told(Kind.MODEL_RECOGNISED) == ["namkhe"]
    note = Notification.objects.get(kind=Kind.MODEL_RECOGNISED)
    assert note.title == "Mô hình được công nhận: Tuyến phố tự quản Nam Sơn"
    assert note.url == model.get_absolute_url()
    other = nam_khe_model(commune_reporter, register=True, name="Mô hình thứ hai")
    initiative_transition(actor=district_reviewer, initiative=other, to=Status.RETURNED, comment="Thiếu hồ sơ")
    assert "Thiếu hồ sơ" in Notification.objects.get(kind=Kind.MODEL_RETURNED).body


def test_a_transferred_petition_tells_the_new_organisations_dispatchers_not_the_whole_country(province_manager):
    petition = submit()
    uong_bi = Organization.objects.get(name="Ban Dân vận Thành ủy Uông Bí")
    petition_services.petition_transfer(
        actor=province_manager, petition=petition, organization=uong_bi, reason="Đúng thẩm quyền"
    )
    assert told(Kind.PETITION_TRANSFERRED) == ["uongbi"]  # not the province, nor the national administrator
    note = Notification.objects.get(kind=Kind.PETITION_TRANSFERRED)
    assert note.title == f"Đơn thư {petition.tracking_code} được chuyển đến Ban Dân vận Thành ủy Uông Bí"
    assert "Đúng thẩm quyền" in note.body


def test_a_province_organisation_is_told_through_its_own_people_before_the_national_administrator(province_manager):
    province_front = Organization.objects.get(name="Ủy ban MTTQ Việt Nam tỉnh Quảng Ninh")
    assert [u.username for u in unit_people(Action.REVIEW, province_front.unit, province_front)] == ["quangninh"]


def test_an_import_finished_tells_its_owner(commune_reporter, tmp_path):
    job = ImportJob.objects.create(kind="initiatives", owner=commune_reporter, original_name="mo-hinh.xlsx")
    import_finish(job, [], saved=12)
    note = Notification.objects.get(kind=Kind.IMPORT_FINISHED)
    assert note.recipient == commune_reporter
    assert note.body == "Đã nhập xong mo-hinh.xlsx: lưu 12 dòng, phát hiện 0 lỗi."
    assert note.url == f"/documents/imports/{job.pk}/"


def test_report_deadlines_remind_the_units_reporters_once(commune_reporter, district_reviewer, province_manager):
    form = commune_form(indicator("t_registered"))
    s = report(commune_reporter, form, unit("2024", "06823"), "2024", {"t_registered": 1}, submit=False)
    today = timezone.localdate()
    Submission.objects.filter(pk=s.pk).update(due=today + timedelta(days=3))
    assert deadlines_notify(today=today) >= 1
    assert deadlines_notify(today=today) == 0  # once per report and threshold
    assert deadlines_notify(today=today + timedelta(days=1)) == 0  # still "soon": not again
    soon = told(Kind.DEADLINE_SOON)
    assert "namkhe" in soon and "uongbi" not in soon and "quangninh" not in soon and "admin" not in soon
    assert deadlines_notify(today=today + timedelta(days=4)) >= 1  # then once more when it has passed
    note = Notification.objects.get(kind=Kind.DEADLINE_PASSED, recipient=commune_reporter)
    assert (today + timedelta(days=3)).strftime("%d/%m/%Y") in note.body


def test_petition_deadlines_remind_the_handler(commune_reporter, province_manager):
    petition = submit()
    petition_services.petition_assign(actor=province_manager, petition=petition, handler=commune_reporter)
    Petition.objects.filter(pk=petition.pk).update(accept_due=timezone.localdate() - timedelta(days=1))
    deadlines_notify()
    assert told(Kind.DEADLINE_PASSED) == ["namkhe"]
    note = Notification.objects.get(kind=Kind.DEADLINE_PASSED)
    assert note.title == f"Đã quá hạn: Tiếp nhận đơn thư {petition.tracking_code}"
    deadlines_notify()
    assert Notification.objects.filter(kind=Kind.DEADLINE_PASSED).count() == 1
