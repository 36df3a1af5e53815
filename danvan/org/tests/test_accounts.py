"""Accounts: password change and reset by e-mail, the profile, sessions, invitations, deactivation."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.contrib.sessions.models import Session
from django.core import mail
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from danvan.conftest import unit
from danvan.core.demo import DEMO_PASSWORD
from danvan.org.access import may_manage_user
from danvan.org.models import AuditEvent, User, UserSession
from danvan.org.selectors import user_managed_list

LINK = re.compile(r"https?://[^/\s]+(/accounts/reset/[^\s]+/)")


def _signed_in(client, username: str, password: str = DEMO_PASSWORD, agent: str = "TestBrowser/1"):
    response = client.post("/accounts/login/", {"username": username, "password": password}, HTTP_USER_AGENT=agent)
    assert response.status_code == 302, response.content.decode()[:500]
    return client


# --- password change ---------------------------------------------------------------------------------


def test_it_changes_the_password(client, commune_reporter):
    _signed_in(client, "namkhe")
    response = client.post(
        "/accounts/password/",
        {"old_password": DEMO_PASSWORD, "new_password1": "Mật-khẩu-mới-2026", "new_password2": "Mật-khẩu-mới-2026"},
        follow=True,
    )
    assert "Mật khẩu của bạn đã được đổi." in response.content.decode()
    commune_reporter.refresh_from_db()
    assert commune_reporter.check_password("Mật-khẩu-mới-2026")


def test_it_refuses_a_wrong_old_password(client, commune_reporter):
    _signed_in(client, "namkhe")
    response = client.post(
        "/accounts/password/",
        {"old_password": "wrong", "new_password1": "Mật-khẩu-mới-2026", "new_password2": "Mật-khẩu-mới-2026"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]
    commune_reporter.refresh_from_db()
    assert commune_reporter.check_password(DEMO_PASSWORD)


def test_the_password_pages_need_a_signed_in_user(client, db):
    response = client.get("/accounts/password/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# --- password reset by e-mail --------------------------------------------------------------------


@pytest.fixture
def reporter_with_mail(commune_reporter):
    commune_reporter.email = "namkhe@example.vn"
    commune_reporter.save(update_fields=["email"])
    return commune_reporter


def _reset_link(client, email: str) -> str:
    response = client.post("/accounts/password/reset/", {"email": email}, follow=True)
    assert "Hãy kiểm tra hộp thư" in response.content.decode()
    assert len(mail.outbox) == 1
    found = LINK.search(str(mail.outbox[0].body))
    assert found, mail.outbox[0].body
    return found.group(1)


def test_it_resets_a_password_by_email_in_vietnamese(client, reporter_with_mail):
    link = _reset_link(client, "NamKhe@example.vn")
    message = mail.outbox[0]
    assert message.to == ["namkhe@example.vn"]
    assert message.subject == "DanVan: đặt mật khẩu mới"
    assert "Đường dẫn chỉ dùng được một lần" in message.body
    form_page = client.get(link, follow=True)
    assert "Đặt mật khẩu mới" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "Mùa-xuân-2026!", "new_password2": "Mùa-xuân-2026!"}
    )
    assert done.status_code == 302
    reporter_with_mail.refresh_from_db()
    assert reporter_with_mail.check_password("Mùa-xuân-2026!")


def test_a_reset_link_used_twice_says_so(client, reporter_with_mail):
    link = _reset_link(client, "namkhe@example.vn")
    form_page = client.get(link, follow=True)
    client.post(form_page.redirect_chain[-1][0], {"new_password1": "Mùa-xuân-2026!", "new_password2": "Mùa-xuân-2026!"})
    again = client.get(link, follow=True).content.decode()
    assert "Đường dẫn này không còn dùng được" in again
    assert "đã được dùng hoặc đã hết hạn" in again
    assert 'name="new_password1"' not in again


def test_an_expired_reset_link_says_so(client, reporter_with_mail):
    generator = PasswordResetTokenGenerator()
    four_days_ago = generator._num_seconds(generator._now()) - 4 * 24 * 3600
    token = generator._make_token_with_timestamp(reporter_with_mail, four_days_ago, generator.secret)
    uid = urlsafe_base64_encode(force_bytes(reporter_with_mail.pk))
    page = client.get(f"/accounts/reset/{uid}/{token}/", follow=True).content.decode()
    assert "Đường dẫn này không còn dùng được" in page


def test_an_unknown_address_looks_the_same_and_sends_nothing(client, reporter_with_mail):
    known = client.post("/accounts/password/reset/", {"email": "namkhe@example.vn"}, follow=True)
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.vn"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    assert len(mail.outbox) == 1


def test_the_reset_mail_is_in_the_users_language(client, reporter_with_mail):
    reporter_with_mail.language = "en"
    reporter_with_mail.save(update_fields=["language"])
    client.post("/accounts/password/reset/", {"email": "namkhe@example.vn"})
    assert mail.outbox[0].subject == "DanVan: set a new password"
    assert "The link works once" in mail.outbox[0].body


# --- profile and language --------------------------------------------------------------------------


def test_the_profile_saves_name_phone_and_language(client, commune_reporter):
    _signed_in(client, "namkhe")
    response = client.post(
        "/accounts/profile/", {"full_name": "  Nguyễn   Thị Lan ", "phone": "+84 912 345 678", "language": "en"}
    )
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    commune_reporter.refresh_from_db()
    assert (commune_reporter.full_name, commune_reporter.phone, commune_reporter.language) == (
        "Nguyễn Thị Lan",
        "+84 912 345 678",
        "en",
    )
    page = client.get("/accounts/profile/").content.decode()
    assert "Đã lưu hồ sơ của bạn." in page  # said in the language of the request that saved it
    assert 'href="/accounts/notifications/settings/"' in page


def test_the_profile_refuses_a_phone_with_letters(client, commune_reporter):
    _signed_in(client, "namkhe")
    response = client.post("/accounts/profile/", {"full_name": "Lan", "phone": "call me", "language": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["phone"]
    commune_reporter.refresh_from_db()
    assert commune_reporter.phone == ""


def test_the_profile_language_is_applied_at_sign_in(client, commune_reporter):
    commune_reporter.language = "en"
    commune_reporter.save(update_fields=["language"])
    response = client.post("/accounts/login/", {"username": "namkhe", "password": DEMO_PASSWORD})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Sign out" in client.get("/").content.decode()


def test_the_profile_needs_a_signed_in_user(client, db):
    assert client.get("/accounts/profile/")["Location"].startswith("/accounts/login/")


# --- sessions ---------------------------------------------------------------------------------------


def test_it_lists_and_ends_the_users_sessions(client_factory, commune_reporter):
    phone = _signed_in(client_factory(), "namkhe", agent="Phone/1")
    desk = _signed_in(client_factory(), "namkhe", agent="Desk/1")
    page = desk.get("/accounts/profile/").content.decode()
    assert "Phone/1" in page and "Desk/1" in page
    assert "127.0.0.1" in page
    phone_row = UserSession.objects.get(user=commune_reporter, user_agent="Phone/1")
    response = desk.post(f"/accounts/sessions/{phone_row.pk}/end/")
    assert response.status_code == 302
    assert phone.get("/accounts/profile/")["Location"].startswith("/accounts/login/")  # the phone is signed out
    assert desk.get("/").status_code == 200
    assert "Phone/1" not in desk.get("/accounts/profile/").content.decode()


def test_sign_out_everywhere_else_keeps_this_browser(client_factory, commune_reporter):
    others = [_signed_in(client_factory(), "namkhe", agent=f"Other/{i}") for i in range(2)]
    here = _signed_in(client_factory(), "namkhe", agent="Here/1")
    response = here.post("/accounts/sessions/end-others/", follow=True)
    assert "Đã đăng xuất ở mọi nơi khác (2 phiên)." in response.content.decode()
    assert all(o.get("/accounts/profile/")["Location"].startswith("/accounts/login/") for o in others)
    assert here.get("/").status_code == 200


def test_a_user_cannot_end_another_users_session(client_factory, commune_reporter, district_reviewer):
    _signed_in(client_factory(), "uongbi")
    theirs = UserSession.objects.get(user=district_reviewer)
    me = _signed_in(client_factory(), "namkhe")
    assert me.post(f"/accounts/sessions/{theirs.pk}/end/").status_code == 404
    assert Session.objects.filter(session_key=theirs.session_key).exists()


@pytest.fixture
def client_factory():
    from django.test import Client

    return Client


# --- invitations -----------------------------------------------------------------------------------


def _invite(client, **data):
    form = {"email": "moi@example.vn", "full_name": "Trần Văn Mới", "role": "reporter", "language": ""}
    form.update(data)
    return client.post("/accounts/users/invite/", form, follow=True)


def test_a_manager_invites_a_user_who_sets_a_password(
    login, province_manager, client, django_capture_on_commit_callbacks
):
    manager = login(province_manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(manager, unit="2025/22")
    assert "Đã gửi lời mời tới moi@example.vn" in response.content.decode()
    user = User.objects.get(email="moi@example.vn")
    assert not user.has_usable_password()
    assert may_manage_user(province_manager, user)  # the role is inside the manager's area
    assert AuditEvent.objects.filter(verb="user.invite", target_id=str(user.pk)).exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["moi@example.vn"]
    link = LINK.search(mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    client.post(form_page.redirect_chain[-1][0], {"new_password1": "Hạ-Long-2026!", "new_password2": "Hạ-Long-2026!"})
    assert (
        client.post("/accounts/login/", {"username": "moi@example.vn", "password": "Hạ-Long-2026!"}).status_code == 302
    )


def test_an_invitation_outside_the_managers_area_makes_nothing(login, province_manager):
    tuyen_quang = unit("2025", "08")
    response = _invite(login(province_manager), unit=f"2025/{tuyen_quang.code}")
    assert response.status_code == 400
    assert "nằm ngoài địa bàn bạn quản lý" in response.content.decode()
    assert not User.objects.filter(email="moi@example.vn").exists()
    assert len(mail.outbox) == 0


def test_inviting_an_existing_address_answers_the_same(
    login, province_manager, other_manager, django_capture_on_commit_callbacks
):
    other_manager.email = "tuyenquang@example.vn"
    other_manager.save(update_fields=["email"])
    manager = login(province_manager)
    with django_capture_on_commit_callbacks(execute=True):
        fresh = _invite(manager, unit="2025/22", email="moi@example.vn").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        existing = _invite(manager, unit="2025/22", email="TuyenQuang@example.vn").content.decode()
    assert "Đã gửi lời mời tới moi@example.vn" in fresh
    assert "Đã gửi lời mời tới TuyenQuang@example.vn" in existing
    assert User.objects.filter(email__iexact="tuyenquang@example.vn").count() == 1  # no second account
    assert len(mail.outbox) == 2
    assert "/accounts/reset/" not in mail.outbox[1].body  # the existing owner keeps their password
    other_manager.refresh_from_db()
    assert other_manager.check_password(DEMO_PASSWORD)


def test_a_reporter_cannot_invite(login, commune_reporter):
    assert login(commune_reporter).get("/accounts/users/invite/").status_code == 404
    assert _invite(login(commune_reporter), unit="2024/22").status_code == 404
    assert not User.objects.filter(email="moi@example.vn").exists()


def test_the_invite_form_names_a_bad_unit(login, province_manager):
    response = _invite(login(province_manager), unit="nowhere")
    assert response.status_code == 400
    assert response.context["form"].errors["unit"]


# --- deactivation ---------------------------------------------------------------------------------


def test_a_manager_deactivates_a_user_in_his_area(login, province_manager, commune_reporter, client_factory):
    reporter = _signed_in(client_factory(), "namkhe")
    manager = login(province_manager)
    assert "namkhe" in manager.get("/accounts/users/").content.decode()
    response = manager.post(f"/accounts/users/{commune_reporter.pk}/deactivate/", follow=True)
    assert response.status_code == 200
    commune_reporter.refresh_from_db()
    assert not commune_reporter.is_active
    assert reporter.get("/accounts/profile/")["Location"].startswith("/accounts/login/")  # signed out at once
    assert (
        client_factory().post("/accounts/login/", {"username": "namkhe", "password": DEMO_PASSWORD}).status_code == 200
    )


def test_a_manager_cannot_deactivate_outside_his_area(login, other_manager, commune_reporter):
    manager = login(other_manager)
    assert "namkhe" not in manager.get("/accounts/users/").content.decode()
    assert manager.post(f"/accounts/users/{commune_reporter.pk}/deactivate/").status_code == 404
    commune_reporter.refresh_from_db()
    assert commune_reporter.is_active


def test_nobody_deactivates_himself_or_a_superuser(login, province_manager, admin_user):
    manager = login(province_manager)
    assert manager.post(f"/accounts/users/{province_manager.pk}/deactivate/").status_code == 404
    assert manager.post(f"/accounts/users/{admin_user.pk}/deactivate/").status_code == 404
    assert login(admin_user).post(f"/accounts/users/{admin_user.pk}/deactivate/").status_code == 404


def test_a_reporter_has_no_account_list(login, commune_reporter):
    assert login(commune_reporter).get("/accounts/users/").status_code == 404


def test_the_account_list_is_exactly_the_managed_users(login, province_manager, django_assert_num_queries):
    expected = list(user_managed_list(user=province_manager))
    assert expected
    manager = login(province_manager)
    manager.get("/accounts/users/")  # warm: session, scope
    with django_assert_num_queries(6):  # session, user, the scope (memberships, lineage, units), the list
        page = manager.get("/accounts/users/").content.decode()
    for user in expected:
        assert user.username in page


def test_ended_sessions_leave_no_rows_behind(client, commune_reporter):
    _signed_in(client, "namkhe")
    client.post("/accounts/logout/")
    _signed_in(client, "namkhe")
    assert UserSession.objects.filter(user=commune_reporter).count() == 1
