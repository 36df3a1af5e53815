"""Throttled sign-in (django-axes): per account and per address, on the login page, the code step
and the API token path; a clear message in the user's language that says nothing about whether
the account exists.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from danvan.core.demo import DEMO_PASSWORD

LOCKED_VI = "Đăng nhập sai quá nhiều lần. Hãy thử lại sau 15 phút."
TOKEN_URL = "/api/v1/auth/token/"
WRONG = "not-the-password"


@pytest.fixture(autouse=True)
def _small_limit(settings):
    settings.AXES_FAILURE_LIMIT = 3


def _attempt(username: str, password: str = WRONG, address: str = "203.0.113.7", **extra):
    return Client(REMOTE_ADDR=address).post("/accounts/login/", {"username": username, "password": password}, **extra)


def test_an_account_is_locked_after_the_limit_even_with_the_right_password(province_manager):
    for _i in range(2):
        assert _attempt("quangninh").status_code == 200  # the form again, with its usual error
    assert _attempt("quangninh").status_code == 429  # the failure that reaches the limit already says so
    locked = _attempt("quangninh", DEMO_PASSWORD)
    assert locked.status_code == 429
    assert LOCKED_VI in locked.content.decode()
    assert "_auth_user_id" not in locked.wsgi_request.session


def test_the_lock_is_per_account_across_addresses(province_manager):
    for i in range(3):
        _attempt("quangninh", address=f"198.51.100.{i + 1}")
    assert _attempt("quangninh", DEMO_PASSWORD, address="192.0.2.50").status_code == 429
    assert _attempt("namkhe", DEMO_PASSWORD, address="192.0.2.50").status_code == 302  # another account signs in


def test_the_lock_is_per_address_across_accounts(province_manager):
    for name in ("a", "b", "c"):
        _attempt(name, address="203.0.113.99")
    assert _attempt("quangninh", DEMO_PASSWORD, address="203.0.113.99").status_code == 429
    assert _attempt("quangninh", DEMO_PASSWORD, address="203.0.113.100").status_code == 302


def test_an_unknown_account_is_locked_exactly_like_a_real_one(province_manager):
    for _i in range(3):
        _attempt("quangninh", address="198.51.100.1")
        _attempt("nobody-here", address="198.51.100.2")
    real = _attempt("quangninh", address="198.51.100.1")
    unknown = _attempt("nobody-here", address="198.51.100.2")
    assert real.status_code == unknown.status_code == 429
    assert _without_csrf(real.content.decode()) == _without_csrf(unknown.content.decode())


def _without_csrf(page: str) -> str:
    return re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', r"\1", page)


def test_the_message_is_in_the_users_language(province_manager):
    for _i in range(3):
        _attempt("quangninh")
    client = Client(REMOTE_ADDR="203.0.113.7")
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    locked = client.post("/accounts/login/", {"username": "quangninh", "password": DEMO_PASSWORD})
    assert "Too many sign-in attempts. Try again in 15 minutes." in locked.content.decode()


def test_a_success_before_the_limit_starts_the_count_again(province_manager):
    for _i in range(2):
        _attempt("quangninh")
    assert _attempt("quangninh", DEMO_PASSWORD).status_code == 302
    for _i in range(2):
        _attempt("quangninh")
    assert _attempt("quangninh", DEMO_PASSWORD).status_code == 302


def test_wrong_one_time_codes_count_too(district_reviewer):
    TOTPDevice.objects.create(user=district_reviewer, name="app", confirmed=True)
    client = Client(REMOTE_ADDR="203.0.113.7")
    assert client.post("/accounts/login/", {"username": "uongbi", "password": DEMO_PASSWORD}).status_code == 302
    answers = [client.post("/accounts/login/code/", {"code": "000000"}).status_code for _i in range(4)]
    assert answers[:2] == [200, 200]
    assert answers[-1] == 429


# --- the API's token path -----------------------------------------------------------------------


def _token(username: str, password: str = WRONG, address: str = "203.0.113.7", **headers):
    return APIClient(REMOTE_ADDR=address).post(
        TOKEN_URL, {"username": username, "password": password}, format="json", **headers
    )


def test_the_token_path_is_throttled_with_the_same_message(province_manager):
    assert [_token("quangninh").status_code for _i in range(3)] == [400, 400, 429]
    locked = _token("quangninh", DEMO_PASSWORD)
    assert locked.status_code == 429
    assert locked.json() == {"detail": LOCKED_VI, "code": "throttled"}
    assert locked["Retry-After"] == "900"


def test_the_token_path_says_nothing_about_existence(province_manager):
    for _i in range(3):
        _token("quangninh", address="198.51.100.1")
        _token("nobody-here", address="198.51.100.2")
    real = _token("quangninh", address="198.51.100.1")
    unknown = _token("nobody-here", address="198.51.100.2")
    assert real.status_code == unknown.status_code == 429
    assert real.json() == unknown.json()


def test_the_token_message_follows_accept_language(province_manager):
    for _i in range(3):
        _token("quangninh")
    locked = _token("quangninh", HTTP_ACCEPT_LANGUAGE="en")
    assert locked.json()["detail"] == "Too many sign-in attempts. Try again in 15 minutes."
