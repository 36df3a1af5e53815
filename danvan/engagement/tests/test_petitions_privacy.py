"""The personal-data rule: only the assigned handler and the place's managers see who sent it, audited;
erased after the retention period."""

from datetime import timedelta

import pytest

from danvan.core.errors import DomainError, NotFound
from danvan.engagement.models.petitions import PetitionAttachment, PetitionSender, RetentionRule
from danvan.engagement.petition_rules.retention import retention_run
from danvan.engagement.selectors.petitions import petition_get, petition_list, petition_sender, petition_track
from danvan.engagement.services import petitions as svc
from danvan.engagement.tests.petition_factories import SENDER_NAME, at, png, submit
from danvan.org.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_manager_of_the_place_reads_the_identity_and_it_is_audited(province_manager):
    p = submit()
    assert petition_sender(user=province_manager, petition=p).full_name == SENDER_NAME
    petition_sender(user=province_manager, petition=p)
    reads = AuditEvent.objects.filter(verb="petition.identity.read", target_id=str(p.pk), actor=province_manager)
    assert reads.count() == 2


def test_the_assigned_handler_reads_it_and_a_reviewer_who_is_not_cannot(
    province_manager, commune_reporter, district_reviewer
):
    p = submit()
    with pytest.raises(DomainError) as exc:
        petition_sender(user=district_reviewer, petition=p)  # sees and handles the petition, but not the identity
    assert exc.value.status == 403
    svc.petition_assign(actor=province_manager, petition=p, handler=commune_reporter)
    p.refresh_from_db()
    assert petition_sender(user=commune_reporter, petition=p).phone == "0912 345 678"
    assert not AuditEvent.objects.filter(verb="petition.identity.read", actor=district_reviewer).exists()


def test_another_province_sees_nothing(other_manager):
    p = submit()
    assert not petition_list(user=other_manager).exists()
    with pytest.raises(NotFound):
        petition_get(user=other_manager, pk=p.pk)
    with pytest.raises(NotFound):
        petition_sender(user=other_manager, petition=p)


def test_the_public_view_carries_no_identity_or_internal_note(province_manager):
    p = submit()
    svc.petition_assign(actor=province_manager, petition=p, handler=province_manager)
    svc.petition_accept(actor=province_manager, petition=p, note="GHI CHÚ NỘI BỘ")
    view = petition_track(code=p.tracking_code.lower().replace("-", " "))
    text = repr(view)
    for secret in (SENDER_NAME, "0912 345 678", "GHI CHÚ NỘI BỘ", province_manager.full_name, p.text):
        assert secret not in text
    assert [e.verb for e in view.events] == ["received", "accepted"]


def test_retention_erases_identity_and_files_and_keeps_the_petition(
    province_manager, django_capture_on_commit_callbacks
):
    p = submit(uploads=[png()], now=at(2020, 1, 2))
    kept = submit(kind="feedback", now=at(2025, 1, 2), text="Đề nghị mở lớp học bơi cho trẻ em mùa hè.")
    for petition, closed in ((p, at(2020, 2, 1)), (kept, at(2025, 2, 1))):
        svc.petition_accept(actor=province_manager, petition=petition)
        svc.petition_answer(actor=province_manager, petition=petition, answer="Đã trả lời")
        svc.petition_close(actor=province_manager, petition=petition, now=closed)
    stored = PetitionAttachment.objects.get(petition=p).file
    assert stored.storage.exists(stored.name)
    RetentionRule.objects.filter(kind="complaint").update(months=60)
    assert retention_run(now=at(2025, 1, 31), dry_run=True) == 0  # one day short of five years
    with django_capture_on_commit_callbacks(execute=True):
        assert retention_run(now=at(2025, 2, 1) + timedelta(hours=1)) == 1
    assert not stored.storage.exists(stored.name)
    p.refresh_from_db()
    sender = PetitionSender.objects.get(petition=p)
    assert (sender.full_name, sender.phone, sender.address) == ("", "", "")
    assert p.anonymised_at is not None and p.subject == "Bãi rác tự phát"
    assert not PetitionAttachment.objects.filter(petition=p).exists()
    assert PetitionSender.objects.get(petition=kept).full_name == SENDER_NAME
    assert retention_run(now=at(2025, 2, 2)) == 0  # nothing twice


def test_the_retention_command_counts_and_erases(province_manager):
    from io import StringIO

    from django.core.management import call_command

    p = svc.petition_accept(actor=province_manager, petition=submit(now=at(2015, 1, 2)))
    svc.petition_answer(actor=province_manager, petition=p, answer="Đã trả lời")
    svc.petition_close(actor=province_manager, petition=p, now=at(2015, 2, 1))
    out = StringIO()
    call_command("petitions_retention", "--dry-run", stdout=out)
    assert out.getvalue().startswith("1 ") and PetitionSender.objects.get(petition=p).full_name == SENDER_NAME
    call_command("petitions_retention", stdout=StringIO())
    assert PetitionSender.objects.get(petition=p).full_name == ""
