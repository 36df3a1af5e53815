"""Bad input on the way in: identity rules, consent, files, honeypot, rate limit, duplicates."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core.errors import DomainError
from danvan.engagement.models.petitions import Petition, PetitionAttachment, PetitionSender, SubmissionThrottle
from danvan.engagement.services.petitions import SenderData
from danvan.engagement.tests.petition_factories import at, pdf, png, submit

pytestmark = pytest.mark.django_db


def test_a_complaint_without_identity_is_refused_and_nothing_is_stored():
    with pytest.raises(DomainError) as exc:
        submit(kind="complaint", sender=SenderData(phone="0912345678", consent=True))
    assert exc.value.code == "identity_required"
    assert "họ và tên" in exc.value.message
    assert not Petition.objects.exists()


def test_feedback_may_be_anonymous():
    p = submit(kind="feedback", sender=SenderData())
    assert not PetitionSender.objects.filter(petition=p).exists()


def test_contact_details_need_consent():
    with pytest.raises(DomainError):
        submit(kind="feedback", sender=SenderData(phone="0912345678"))
    assert not Petition.objects.exists()


def test_it_keeps_up_to_five_sniffed_files(settings):
    p = submit(uploads=[png(), pdf()])
    assert sorted(PetitionAttachment.objects.filter(petition=p).values_list("content_type", flat=True)) == [
        "application/pdf",
        "image/png",
    ]
    with pytest.raises(DomainError) as exc:
        submit(uploads=[png(f"{i}.png") for i in range(6)], text="Một nội dung khác hẳn về đèn đường.")
    assert exc.value.code == "too_many_files"


def test_a_wrong_type_is_named_and_nothing_is_stored():
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(DomainError) as exc:
        submit(uploads=[png(), fake])
    assert "virus.pdf" in exc.value.message
    assert not Petition.objects.exists() and not PetitionAttachment.objects.exists()


def test_an_oversized_file_is_refused(monkeypatch):
    from danvan.engagement.petition_rules import abuse

    monkeypatch.setattr(abuse, "MAX_FILE_BYTES", 100)
    with pytest.raises(DomainError) as exc:
        submit(uploads=[SimpleUploadedFile("big.pdf", b"%PDF-" + b"x" * 200)])
    assert exc.value.status == 413 and "big.pdf" in exc.value.message
    assert not Petition.objects.exists()


def test_the_honeypot_refuses_bots():
    with pytest.raises(DomainError):
        submit(honeypot="http://spam.example")
    assert not Petition.objects.exists()


def test_it_limits_submissions_per_address(settings):
    settings.DANVAN_PETITION_RATE = "3/600,5/86400"
    t = at(2025, 3, 3)
    for i in range(3):
        submit(client="203.0.113.7", now=t + timedelta(seconds=i), text=f"Nội dung số {i} " * (i + 3))
    with pytest.raises(DomainError) as exc:
        submit(client="203.0.113.7", now=t + timedelta(minutes=1), text="Thêm một đơn nữa về tiếng ồn.")
    assert exc.value.status == 429 and exc.value.code == "rate_limited"
    submit(client="198.51.100.9", now=t + timedelta(minutes=1), text="Người khác, địa chỉ khác.")  # another address
    assert Petition.objects.count() == 4
    assert not SubmissionThrottle.objects.filter(key__contains="203.0.113.7").exists()  # hashed, never stored as is


def test_a_near_identical_recent_text_from_the_same_commune_is_linked():
    first = submit(now=at(2025, 3, 3))
    again = submit(
        now=at(2025, 3, 10),
        text="Bãi rác tự phát ở đầu ngõ 12 gây ô nhiễm; đề nghị phường thu dọn, xử lý!",
        sender=SenderData(),
        kind="feedback",
    )
    assert again.duplicate_of == first and again.status == "received"
    other_place = submit(place=("2024", "06811"), now=at(2025, 3, 10), kind="feedback", sender=SenderData())
    later = submit(now=at(2025, 5, 10), kind="feedback", sender=SenderData())
    different = submit(now=at(2025, 3, 11), kind="feedback", sender=SenderData(), text="Đèn đường ngõ 7 bị hỏng.")
    assert (other_place.duplicate_of, later.duplicate_of, different.duplicate_of) == (None, None, None)


def test_unlinking_a_duplicate(province_manager):
    from danvan.engagement.services.petitions import petition_unlink_duplicate

    submit(now=at(2025, 3, 3))
    again = submit(now=at(2025, 3, 4))
    again = petition_unlink_duplicate(actor=province_manager, petition=again)
    assert again.duplicate_of is None and again.events.filter(verb="not_duplicate").exists()
