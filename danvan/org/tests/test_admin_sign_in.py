"""The Django admin is signed into only through the app's sign-in, with the one-time code: its own
login form signs nobody in, and no admin page opens for a session that skipped a code the account
has (enrolled of its own accord) or needs (reviewers, managers, superusers with DANVAN_REQUIRE_2FA).
"""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.core.demo import DEMO_PASSWORD


@pytest.fixture
def enrolled(admin_user) -> TOTPDevice:
    """The superuser enrolled a code of their own accord (the requirement is off in tests by default)."""
    return TOTPDevice.objects.create(user=admin_user, name="app", confirmed=True)


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=1):06d}"


def _admin_password_only(client):
    return client.post("/admin/login/?next=/admin/", {"username": "admin", "password": DEMO_PASSWORD})


def test_an_enrolled_user_posting_the_admin_login_with_only_the_password_gets_no_admin_session(client, enrolled):
    response = _admin_password_only(client)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    assert SESSION_KEY not in client.session  # nobody signed in
    index = client.get("/admin/")
    assert index.status_code == 302 and index["Location"].startswith("/admin/login/")
    assert client.get("/admin/org/auditevent/").status_code == 302


def test_a_required_user_posting_the_admin_login_with_only_the_password_gets_no_admin_session(
    client, settings, admin_user
):
    settings.DANVAN_REQUIRE_2FA = True
    _admin_password_only(client)
    assert SESSION_KEY not in client.session
    assert client.get("/admin/").status_code == 302


def test_the_enrolled_user_reaches_the_admin_through_the_apps_sign_in_with_the_code(client, enrolled):
    login_page = client.get("/admin/login/?next=/admin/org/auditevent/")
    assert login_page["Location"] == "/accounts/login/?next=%2Fadmin%2Forg%2Fauditevent%2F"
    password = client.post(login_page["Location"], {"username": "admin", "password": DEMO_PASSWORD})
    assert password["Location"] == "/accounts/login/code/"
    assert client.get("/admin/").status_code == 302  # the password alone is not enough
    code = client.post("/accounts/login/code/", {"code": _code(enrolled)})
    assert code["Location"] == "/admin/org/auditevent/"
    assert client.get("/admin/org/auditevent/").status_code == 200


def test_a_session_that_skipped_the_code_gets_no_admin_page(login, admin_user, enrolled):
    """However a session was opened without the code (here forced), the admin refuses it."""
    response = login(admin_user).get("/admin/org/auditevent/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_staff_user_who_needs_no_code_signs_in_with_the_password(client, admin_user):
    response = client.get("/admin/")
    assert response["Location"].startswith("/admin/login/")
    login_page = client.get(response["Location"])
    assert login_page["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    assert client.post(login_page["Location"], {"username": "admin", "password": DEMO_PASSWORD})["Location"] == (
        "/admin/"
    )
    assert client.get("/admin/").status_code == 200


def test_the_admin_login_does_not_forward_to_another_site(client, db):
    response = client.get("/admin/login/?next=https://evil.example/")
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"


def test_a_device_an_administrator_adds_in_the_admin_ends_the_api_tokens_got_before(
    login, admin_user, commune_reporter
):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    from danvan.org.models import AuditEvent

    token, _created = Token.objects.get_or_create(user=commune_reporter)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/v1/units/").status_code == 200
    client = login(admin_user)
    added = client.post(
        "/admin/otp_totp/totpdevice/add/",
        {
            "user": commune_reporter.pk,
            "name": "app",
            "confirmed": "on",
            "key": "3132333435363738393031323334353637383930",
            "step": 30,
            "t0": 0,
            "digits": 6,
            "tolerance": 1,
            "drift": 0,
            "throttling_failure_count": 0,
        },
    )
    assert added.status_code == 302, added.content.decode()[:2000]
    commune_reporter.refresh_from_db()
    assert commune_reporter.second_factor_since == TOTPDevice.objects.get(user=commune_reporter).created_at
    assert api.get("/api/v1/units/").json()["code"] == "token_before_second_factor"
    assert AuditEvent.objects.filter(verb="user.second_factor_admin", actor=admin_user).exists()

    device = TOTPDevice.objects.get(user=commune_reporter)
    client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    commune_reporter.refresh_from_db()
    assert commune_reporter.second_factor_since is None
