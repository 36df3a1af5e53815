"""The sign-in settings read from the environment, and sessions that end after inactivity."""

from __future__ import annotations

import os
import runpy
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from danvan.core.demo import DEMO_PASSWORD


def _settings_with(monkeypatch, **env: str) -> dict:
    for name in ("DANVAN_REQUIRE_2FA", "SESSION_COOKIE_AGE", "DANVAN_LOGIN_FAILURE_LIMIT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    import danvan.settings

    return runpy.run_path(danvan.settings.__file__)  # a fresh read, leaving the loaded settings alone


def test_one_time_codes_are_required_by_default(monkeypatch):
    values = _settings_with(monkeypatch)
    assert values["DANVAN_REQUIRE_2FA"] is True
    assert values["SESSION_COOKIE_AGE"] == 30 * 60
    assert values["SESSION_SAVE_EVERY_REQUEST"] is True
    assert values["AXES_LOCKOUT_PARAMETERS"] == ["username", "ip_address"]


def test_the_settings_read_the_environment(monkeypatch):
    values = _settings_with(monkeypatch, DANVAN_REQUIRE_2FA="off", SESSION_COOKIE_AGE="600")
    assert values["DANVAN_REQUIRE_2FA"] is False
    assert values["SESSION_COOKIE_AGE"] == 600


def test_a_bad_value_fails_at_start_up(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="DANVAN_REQUIRE_2FA must be true or false"):
        _settings_with(monkeypatch, DANVAN_REQUIRE_2FA="perhaps")


def test_the_demo_turns_the_requirement_off(monkeypatch):
    import danvan.__main__ as entry

    environ = {k: v for k, v in os.environ.items() if k != "DANVAN_REQUIRE_2FA"}
    monkeypatch.setattr(os, "environ", environ)  # what `danvan demo` sets stays in this copy
    monkeypatch.setattr("django.core.management.execute_from_command_line", lambda argv: None)
    entry.main(["demo", "--no-serve"])
    assert environ["DANVAN_REQUIRE_2FA"] == "false"
    assert environ["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"


def test_each_request_renews_the_session(settings, client, province_manager):
    settings.SESSION_SAVE_EVERY_REQUEST = True
    client.post("/accounts/login/", {"username": "quangninh", "password": DEMO_PASSWORD})
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + timedelta(seconds=60))
    assert client.get("/").status_code == 200
    renewed = Session.objects.get(session_key=key).expire_date
    assert renewed > timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 120)


def test_an_idle_session_has_ended(settings, client, province_manager):
    client.post("/accounts/login/", {"username": "quangninh", "password": DEMO_PASSWORD})
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/reports/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
