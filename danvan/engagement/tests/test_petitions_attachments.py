"""Petition attachments open for whoever may see the petition, as a download, after the scope check.

The same rule as the petition page (forbidden looks missing: 404); a safe file name, the type sniffed
at upload and `nosniff`; every download audited; the sender's identity keeps its own, narrower rule.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from danvan.engagement.models.petitions import RetentionRule
from danvan.engagement.petition_rules.retention import retention_run
from danvan.engagement.services import petitions as svc
from danvan.engagement.tests.petition_factories import SENDER_NAME, at, pdf, png, submit
from danvan.engagement.views.petitions import download_name
from danvan.org.models import AuditEvent

pytestmark = pytest.mark.django_db


def _url(petition, attachment) -> str:
    return f"/engagement/petitions/{petition.pk}/attachments/{attachment.pk}/"


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_detail_page_links_each_attachment(login, province_manager):
    p = submit(uploads=[png("ảnh bãi rác.png"), pdf()])
    html = login(province_manager).get(f"/engagement/petitions/{p.pk}/").content.decode()
    for a in p.attachments.all():
        assert f'href="{_url(p, a)}"' in html
    assert "ảnh bãi rác.png</a>" in html


def test_a_manager_downloads_it_with_the_right_headers_and_it_is_audited(login, province_manager):
    p = submit(uploads=[png("ảnh bãi rác.png")])
    a = p.attachments.get()
    response = login(province_manager).get(_url(p, a))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''%E1%BA%A3nh%20b%C3%A3i%20r%C3%A1c.png" in disposition
    assert "no-store" in response["Cache-Control"]
    assert _body(response).startswith(b"\x89PNG")
    assert AuditEvent.objects.filter(verb="petition.attachment.read", actor=province_manager, target_id=str(p.pk))


def test_the_assigned_handler_opens_it(login, province_manager, commune_reporter):
    p = submit(uploads=[pdf()])
    svc.petition_assign(actor=province_manager, petition=p, handler=commune_reporter)
    response = login(commune_reporter).get(_url(p, p.attachments.get()))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="don.pdf"' in response["Content-Disposition"]


def test_a_reviewer_who_sees_the_petition_opens_it_but_still_not_the_identity(login, district_reviewer):
    p = submit(uploads=[png()])
    client = login(district_reviewer)
    assert client.get(_url(p, p.attachments.get())).status_code == 200
    sender = client.get(f"/engagement/petitions/{p.pk}/sender/")
    assert sender.status_code == 403
    assert SENDER_NAME not in sender.content.decode()


def test_another_province_gets_404_and_leaves_no_read(login, other_manager):
    p = submit(uploads=[png()])
    a = p.attachments.get()
    assert login(other_manager).get(_url(p, a)).status_code == 404
    assert not AuditEvent.objects.filter(verb="petition.attachment.read").exists()


def test_anonymous_visitors_are_sent_to_sign_in():
    p = submit(uploads=[png()])
    response = Client().get(_url(p, p.attachments.get()))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_attachment_of_another_petition_is_404(login, province_manager):
    p, q = submit(uploads=[png()]), submit(uploads=[png()], text="Một kiến nghị khác về chiếu sáng ngõ 7.")
    assert login(province_manager).get(_url(p, q.attachments.get())).status_code == 404
    assert (
        login(province_manager).get(f"/engagement/petitions/{p.pk}/attachments/99999999999999999999/").status_code
        == 404
    )


def test_erased_files_are_gone(login, province_manager, django_capture_on_commit_callbacks):
    p = submit(uploads=[png()], now=at(2020, 1, 2))
    a = p.attachments.get()
    svc.petition_accept(actor=province_manager, petition=p)
    svc.petition_answer(actor=province_manager, petition=p, answer="Đã trả lời")
    svc.petition_close(actor=province_manager, petition=p, now=at(2020, 2, 1))
    RetentionRule.objects.filter(kind="complaint").update(months=60)
    with django_capture_on_commit_callbacks(execute=True):
        assert retention_run(now=at(2025, 2, 1) + timedelta(hours=1)) == 1
    assert login(province_manager).get(_url(p, a)).status_code == 404


@pytest.mark.parametrize(
    ("original", "content_type", "expected"),
    [
        ("đơn khiếu nại.pdf", "application/pdf", "đơn khiếu nại.pdf"),
        ('a"b;c\r\nd.png', "image/png", "a_b_c_d.png"),
        ("../../etc/passwd", "image/jpeg", "passwd.jpg"),
        ("ảnh.exe", "text/html", "ảnh.bin"),
        ("...", "image/png", "file.png"),
    ],
)
def test_download_names_are_safe(original, content_type, expected):
    assert download_name(original, content_type) == expected
