"""The notifications page (unread / read / all, mark read), the menu's count, and the choices page."""

from __future__ import annotations

import pytest

from danvan.org.models import AuditEvent, Notification, NotificationPreference, User
from danvan.org.models.notifications import Kind
from danvan.org.services.notifications import notify

pytestmark = pytest.mark.django_db


def tell(user, report: str = "B01") -> Notification:
    [note] = notify(
        recipients=[user], kind=Kind.REPORT_RETURNED, params={"report": report, "reason": "Thiếu"}, url="/reports/"
    )
    return note


def test_the_list_shows_unread_in_the_readers_language_and_the_menu_counts_them(commune_reporter, login):
    tell(commune_reporter, "B01")
    tell(commune_reporter, "B02")
    client = login(commune_reporter)
    page = client.get("/accounts/notifications/").content.decode()
    assert "Báo cáo bị trả lại: B01" in page and "Báo cáo bị trả lại: B02" in page
    assert 'Thông báo <span class="badge">2</span>' in page  # the menu
    client.post("/i18n/setlang/", {"language": "en"})
    page = client.get("/accounts/notifications/").content.decode()
    assert "Report returned: B01" in page  # rendered when read, in the reader's language


def test_marking_one_read_moves_it_to_the_read_tab_and_lowers_the_count(commune_reporter, login):
    first = tell(commune_reporter, "B01")
    tell(commune_reporter, "B02")
    client = login(commune_reporter)
    response = client.post(f"/accounts/notifications/{first.pk}/read/")
    assert response.status_code == 302
    assert User.objects.get(pk=commune_reporter.pk).notifications_unread == 1
    unread = client.get("/accounts/notifications/").content.decode()
    read = client.get("/accounts/notifications/?tab=read").content.decode()
    assert "B01" not in unread and "B02" in unread
    assert "B01" in read and "B02" not in read
    everything = client.get("/accounts/notifications/?tab=all").content.decode()
    assert "B01" in everything and "B02" in everything


def test_opening_one_marks_it_read_and_goes_to_the_thing(commune_reporter, login):
    note = tell(commune_reporter)
    response = login(commune_reporter).post(f"/accounts/notifications/{note.pk}/read/", {"open": "1"})
    assert response.status_code == 302 and response["Location"] == "/reports/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_mark_all_read(commune_reporter, login):
    tell(commune_reporter, "B01")
    tell(commune_reporter, "B02")
    client = login(commune_reporter)
    client.post("/accounts/notifications/read/")
    assert not Notification.objects.filter(recipient=commune_reporter, read_at__isnull=True).exists()
    page = client.get("/accounts/notifications/").content.decode()
    assert "Không có thông báo nào." in page
    assert 'Thông báo <span class="badge">' not in page


def test_another_users_notification_is_not_found(commune_reporter, other_manager, login):
    note = tell(commune_reporter)
    client = login(other_manager)
    assert client.post(f"/accounts/notifications/{note.pk}/read/").status_code == 404
    assert "B01" not in client.get("/accounts/notifications/?tab=all").content.decode()
    client.post("/accounts/notifications/read/")  # "mark all read" marks only the user's own
    note.refresh_from_db()
    assert note.read_at is None


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in ("/accounts/notifications/", "/accounts/notifications/settings/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_list_query_count_does_not_grow_with_notifications(commune_reporter, login, django_assert_num_queries):
    client = login(commune_reporter)
    tell(commune_reporter)
    client.get("/accounts/notifications/")  # warm the session
    with django_assert_num_queries(5) as first:
        client.get("/accounts/notifications/")
    for i in range(10):
        tell(commune_reporter, f"B{i}")
    with django_assert_num_queries(len(first.captured_queries)):
        client.get("/accounts/notifications/")


def test_the_choices_page_saves_email_kinds_and_the_digest(commune_reporter, login):
    client = login(commune_reporter)
    page = client.get("/accounts/notifications/settings/").content.decode()
    assert "Một bản tổng hợp mỗi ngày" in page
    kinds = [Kind.REPORT_RETURNED, Kind.PETITION_ASSIGNED]
    response = client.post("/accounts/notifications/settings/", {"email_kinds": kinds, "digest": "on"})
    assert response.status_code == 302
    pref = NotificationPreference.objects.get(user=commune_reporter)
    assert pref.digest is True
    assert pref.wants_email(Kind.REPORT_RETURNED) and not pref.wants_email(Kind.REPORT_APPROVED)
    page = client.get("/accounts/notifications/settings/").content.decode()
    assert 'value="report_returned" id="id_email_kinds_0" checked' in page
    assert 'value="report_approved"' in page and 'value="report_approved" id="id_email_kinds_1" checked' not in page


def test_the_choices_page_refuses_an_unknown_kind(commune_reporter, login):
    response = login(commune_reporter).post("/accounts/notifications/settings/", {"email_kinds": ["nope"]})
    assert response.status_code == 200
    assert not NotificationPreference.objects.filter(user=commune_reporter).exists()


def test_marking_read_goes_through_the_service_and_is_audited(commune_reporter, login):
    first = tell(commune_reporter, "B01")
    tell(commune_reporter, "B02")
    tell(commune_reporter, "B03")
    client = login(commune_reporter)
    client.post(f"/accounts/notifications/{first.pk}/read/")
    client.post(f"/accounts/notifications/{first.pk}/read/")  # again: nothing changes, nothing audited
    [one] = AuditEvent.objects.filter(verb="notification.read")
    assert one.actor == commune_reporter
    assert (one.target_type, one.target_id) == ("org.notification", str(first.pk))
    assert one.data == {"kind": Kind.REPORT_RETURNED}
    client.post("/accounts/notifications/read/")
    client.post("/accounts/notifications/read/")  # nothing left unread: no second row
    [everything] = AuditEvent.objects.filter(verb="notification.read_all")
    assert everything.actor == commune_reporter and everything.data == {"count": 2}
    assert User.objects.get(pk=commune_reporter.pk).notifications_unread == 0


def test_another_users_mark_read_writes_no_audit(commune_reporter, other_manager, login):
    note = tell(commune_reporter)
    client = login(other_manager)
    client.post(f"/accounts/notifications/{note.pk}/read/")
    client.post("/accounts/notifications/read/")
    assert not AuditEvent.objects.filter(verb__startswith="notification.read").exists()
