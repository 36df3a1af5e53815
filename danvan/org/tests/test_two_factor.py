"""One-time codes after the password: enrolment, sign-in with a code or a recovery code, the
requirement for reviewers, managers and superusers (DANVAN_REQUIRE_2FA on and off), and the API's
token path. Codes are computed from the device's key, as an authenticator app does.
"""

from __future__ import annotations

import base64
import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from danvan.core.demo import DEMO_PASSWORD
from danvan.org.access import requires_second_factor
from danvan.org.models import AuditEvent

TOKEN_URL = "/api/v1/auth/token/"


@pytest.fixture
def required(settings):
    settings.DANVAN_REQUIRE_2FA = True


def _password(client, username: str):
    return client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})


def _code(device: TOTPDevice, drift: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"


def _enrol(client) -> tuple[TOTPDevice, list[str]]:
    page = client.get("/accounts/security/enrol/").content.decode()
    assert "<svg" in page  # the QR code, drawn on the server
    shown = re.search(r'data-key="([A-Z2-7]+)"', page)
    assert shown, page
    key = base64.b32decode(shown.group(1))
    assert not TOTPDevice.objects.exists()  # nothing stored before a code confirms the key
    response = client.post("/accounts/security/enrol/", {"code": f"{totp(key):06d}"})
    codes = re.findall(r"<li><code>([0-9a-f]{10})</code></li>", response.content.decode())
    device = TOTPDevice.objects.get(confirmed=True)
    assert device.bin_key == key
    return device, codes


def test_the_policy_names_reviewers_managers_and_superusers(
    required, province_manager, district_reviewer, commune_reporter, admin_user
):
    assert requires_second_factor(province_manager)
    assert requires_second_factor(district_reviewer)
    assert requires_second_factor(admin_user)
    assert not requires_second_factor(commune_reporter)


def test_with_the_requirement_off_nobody_needs_a_code(province_manager, admin_user, client):
    assert not requires_second_factor(province_manager)
    assert not requires_second_factor(admin_user)
    assert _password(client, "quangninh")["Location"] == "/"
    assert client.get("/").status_code == 200


def test_a_required_user_without_a_device_is_sent_to_enrolment(required, client, district_reviewer):
    assert _password(client, "uongbi")["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 302
    assert home["Location"] == "/accounts/security/"
    assert client.get("/reports/")["Location"] == "/accounts/security/"
    page = client.get("/accounts/security/").content.decode()
    assert "Vai trò của bạn bắt buộc có lớp xác thực thứ hai" in page


def test_a_required_user_enrols_and_then_signs_in_with_a_code(required, client, district_reviewer):
    _password(client, "uongbi")
    device, codes = _enrol(client)
    assert len(codes) == 10
    assert client.get("/").status_code == 200  # this session passed the second factor
    client.post("/accounts/logout/")

    response = _password(client, "uongbi")
    assert response["Location"] == "/accounts/login/code/"
    assert client.get("/accounts/profile/")["Location"].startswith("/accounts/login/")  # not signed in yet
    wrong = client.post("/accounts/login/code/", {"code": "000000"})
    assert "Mã không đúng." in wrong.content.decode()
    right = client.post("/accounts/login/code/", {"code": _code(device, drift=1)})  # the next 30 s step
    assert right["Location"] == "/"
    assert client.get("/").status_code == 200


def test_a_recovery_code_signs_in_once(required, client, district_reviewer):
    _password(client, "uongbi")
    _device, codes = _enrol(client)
    client.post("/accounts/logout/")
    _password(client, "uongbi")
    assert client.post("/accounts/login/code/", {"code": codes[0]})["Location"] == "/"
    client.post("/accounts/logout/")
    _password(client, "uongbi")
    again = client.post("/accounts/login/code/", {"code": codes[0]})
    assert again.status_code == 200
    assert "Mã không đúng." in again.content.decode()


def test_an_optional_user_may_enrol_and_is_then_asked_for_a_code(client, commune_reporter):
    _password(client, "namkhe")
    device, _codes = _enrol(client)
    client.post("/accounts/logout/")
    assert _password(client, "namkhe")["Location"] == "/accounts/login/code/"
    assert client.post("/accounts/login/code/", {"code": _code(device, drift=1)})["Location"] == "/"
    # and may turn it off again
    client.post("/accounts/security/remove/")
    assert not TOTPDevice.objects.filter(user=commune_reporter).exists()


def test_a_required_user_cannot_turn_codes_off(required, client, district_reviewer):
    _password(client, "uongbi")
    _enrol(client)
    response = client.post("/accounts/security/remove/", follow=True)
    assert "không thể tắt" in response.content.decode()
    assert TOTPDevice.objects.filter(user=district_reviewer, confirmed=True).exists()


def test_a_wrong_enrolment_code_enrols_nothing(client, commune_reporter):
    _password(client, "namkhe")
    client.get("/accounts/security/enrol/")
    response = client.post("/accounts/security/enrol/", {"code": "123456"})
    assert "Mã không đúng." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=commune_reporter).exists()


def test_the_code_page_without_a_password_goes_back_to_sign_in(client, db):
    assert client.get("/accounts/login/code/")["Location"] == "/accounts/login/"


def test_an_unverified_session_of_a_required_user_gets_no_api_data(required, login, province_manager):
    response = login(province_manager).get("/api/v1/units/")
    assert response.status_code == 403
    assert response.json()["code"] == "second_factor_required"


# --- the API's token path -----------------------------------------------------------------------


def test_the_token_of_a_required_user_without_a_device_is_refused(required, province_manager):
    response = APIClient().post(TOKEN_URL, {"username": "quangninh", "password": DEMO_PASSWORD})
    assert response.status_code == 400
    assert "cần mã dùng một lần" in response.json()["detail"]
    assert not Token.objects.filter(user=province_manager).exists()


def test_the_token_needs_the_code_once_a_device_exists(required, province_manager):
    device = TOTPDevice.objects.create(user=province_manager, name="app", confirmed=True)
    api = APIClient()
    missing = api.post(TOKEN_URL, {"username": "quangninh", "password": DEMO_PASSWORD})
    assert missing.status_code == 400
    assert missing.json()["errors"] == {"otp_token": ["tài khoản này cần mã dùng một lần."]}
    wrong = api.post(TOKEN_URL, {"username": "quangninh", "password": DEMO_PASSWORD, "otp_token": "000000"})
    assert wrong.status_code == 400
    assert wrong.json()["errors"] == {"otp_token": ["mã này không đúng."]}
    right = api.post(TOKEN_URL, {"username": "quangninh", "password": DEMO_PASSWORD, "otp_token": _code(device)})
    assert right.status_code == 200
    assert right.json()["token"] == Token.objects.get(user=province_manager).key


def test_with_the_requirement_off_the_token_needs_only_the_password(province_manager):
    response = APIClient().post(TOKEN_URL, {"username": "quangninh", "password": DEMO_PASSWORD})
    assert response.status_code == 200


def test_a_wrong_password_says_nothing_about_codes(required, province_manager):
    TOTPDevice.objects.create(user=province_manager, name="app", confirmed=True)
    response = APIClient().post(TOKEN_URL, {"username": "quangninh", "password": "wrong", "otp_token": "000000"})
    assert response.json()["detail"] == "Sai tên đăng nhập hoặc mật khẩu."


# --- API tokens got before the one-time codes ---------------------------------------------------

UNITS_URL = "/api/v1/units/"


def _with_token(key: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api


def test_a_token_got_before_enrolling_stops_working_and_a_new_one_needs_the_code(client, commune_reporter):
    old = APIClient().post(TOKEN_URL, {"username": "namkhe", "password": DEMO_PASSWORD}).json()["token"]
    assert _with_token(old).get(UNITS_URL).status_code == 200
    _password(client, "namkhe")
    device, _codes = _enrol(client)  # optional for a reporter: enrolled of her own accord

    refused = _with_token(old).get(UNITS_URL)
    assert refused.status_code == 401
    assert refused.json()["code"] == "token_before_second_factor"
    assert refused.json()["detail"].startswith("Token này được cấp trước khi tài khoản bật mã dùng một lần")

    api = APIClient()
    assert api.post(TOKEN_URL, {"username": "namkhe", "password": DEMO_PASSWORD}).status_code == 400  # no code
    assert _with_token(old).get(UNITS_URL).status_code == 401  # still refused, not brought back
    new = api.post(TOKEN_URL, {"username": "namkhe", "password": DEMO_PASSWORD, "otp_token": _code(device, drift=1)})
    assert new.status_code == 200
    assert new.json()["token"] != old
    assert _with_token(new.json()["token"]).get(UNITS_URL).status_code == 200
    assert _with_token(old).get(UNITS_URL).status_code == 401
    assert Token.objects.filter(user=commune_reporter).count() == 1
    assert AuditEvent.objects.filter(verb="user.api_token_replace", actor=commune_reporter).count() == 1


def test_the_refusal_speaks_the_callers_language(client, commune_reporter):
    old = APIClient().post(TOKEN_URL, {"username": "namkhe", "password": DEMO_PASSWORD}).json()["token"]
    _password(client, "namkhe")
    _enrol(client)
    refused = _with_token(old).get(UNITS_URL, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.json()["detail"] == (
        "This token was issued before one-time codes were set up for this account, so it no longer works. "
        "Get a new one from /api/v1/auth/token/ with your password and one-time code."
    )


def test_a_token_of_an_account_that_became_required_without_codes_is_refused(settings, province_manager):
    old = APIClient().post(TOKEN_URL, {"username": "quangninh", "password": DEMO_PASSWORD}).json()["token"]
    assert _with_token(old).get(UNITS_URL).status_code == 200
    settings.DANVAN_REQUIRE_2FA = True  # the requirement is switched on (or the role granted) after the token
    refused = _with_token(old).get(UNITS_URL)
    assert refused.status_code == 401
    assert refused.json()["code"] == "second_factor_missing"
    assert "cần mã dùng một lần" in refused.json()["detail"]


def test_after_turning_codes_off_a_token_needs_only_the_password_again(client, commune_reporter):
    _password(client, "namkhe")
    _enrol(client)
    client.post("/accounts/security/remove/")
    commune_reporter.refresh_from_db()
    assert commune_reporter.second_factor_since is None
    token = APIClient().post(TOKEN_URL, {"username": "namkhe", "password": DEMO_PASSWORD}).json()["token"]
    assert _with_token(token).get(UNITS_URL).status_code == 200


def test_accounts_that_had_codes_before_the_rule_get_its_date_from_their_devices(commune_reporter, district_reviewer):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("danvan.org.migrations.0005_user_second_factor_since")
    device = TOTPDevice.objects.create(user=commune_reporter, name="app", confirmed=True)
    TOTPDevice.objects.create(user=district_reviewer, name="app", confirmed=False)  # never confirmed: no codes
    migration.fill_from_devices(apps, None)
    commune_reporter.refresh_from_db()
    district_reviewer.refresh_from_db()
    assert commune_reporter.second_factor_since == device.created_at
    assert district_reviewer.second_factor_since is None
