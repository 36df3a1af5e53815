"""The three things a user does first: sign in, mistype the password, and (ops) check health."""

from __future__ import annotations

import json
import os

from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.urls import resolve
from django.utils import translation
from playwright.sync_api import expect


def test_it_signs_in_a_province_manager(page, login_as, server):
    login_as(page, "quangninh")

    assert page.url == f"{server}/"
    expect(page.locator("body")).to_contain_text("Quảng Ninh")


def test_it_rejects_a_wrong_password(page, server):
    page.goto("/accounts/login/")
    form = page.locator("form:has(input[name='password'])")
    form.locator("input[name='username']").fill("quangninh")
    form.locator("input[name='password']").fill("not-the-password")
    form.locator("button[type='submit'], input[type='submit'], button:not([type])").first.click()

    expect(page.locator("body")).to_contain_text(_invalid_login_message())
    assert page.url.startswith(f"{server}/accounts/login/")
    expect(page.locator("input[name='password']")).to_be_visible()


def test_it_reports_health_as_json(page, server):
    page.goto("/healthz")

    body = json.loads(page.locator("body").inner_text())
    assert body["status"] == "ok"
    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert body["database"]["vendor"] == expected


def _invalid_login_message() -> str:
    """Django's "wrong username or password" message in Vietnamese, from the login view's own form."""
    match = resolve("/accounts/login/")
    view_class = getattr(match.func, "view_class", LoginView)
    initkwargs = getattr(match.func, "view_initkwargs", {})
    form_class = initkwargs.get("authentication_form") or getattr(view_class, "authentication_form", None)
    form_class = form_class or AuthenticationForm
    from django.contrib.auth import get_user_model

    username_field = get_user_model()._meta.get_field(get_user_model().USERNAME_FIELD)
    with translation.override("vi"):
        return str(form_class.error_messages["invalid_login"]) % {"username": username_field.verbose_name}
