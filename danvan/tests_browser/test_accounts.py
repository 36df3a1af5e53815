"""Accounts in a real browser: a manager invites a user, who sets a password from the e-mailed
link; a forgotten password is reset by e-mail (and the link works once); a reviewer sets up an
authenticator app and signs in with a one-time code.

The demo server writes its e-mails to files under DANVAN_HOME/mail (Django's file backend, set by
`danvan demo`); the test reads them there. One-time codes are computed from the key the page
shows, as an authenticator app does. The invited accounts sit in Cô Tô (2025 map), where no
other browser test looks.
"""

from __future__ import annotations

import base64
import email
import re
from pathlib import Path

from django.utils import translation
from django_otp.oath import totp
from playwright.sync_api import expect

UNIT = "2025/07192"  # Đặc khu Cô Tô, Quảng Ninh: inside quangninh's area
LINK = re.compile(r"https?://[^/\s]+(/accounts/reset/[^\s]+/)")


def vi(message: str, **params: object) -> str:
    with translation.override("vi"):
        text = translation.gettext(message)
    return text % params if params else text


def mails_to(home: Path, address: str) -> list[str]:
    """Bodies of the messages the demo wrote for `address`, oldest first."""
    bodies = []
    for path in sorted((home / "mail").glob("*.log"), key=lambda p: p.stat().st_mtime):
        for raw in path.read_bytes().split(b"-" * 79):
            if not raw.strip():
                continue
            message = email.message_from_bytes(raw.strip())
            if message["To"] == address:
                payload = message.get_payload(decode=True)
                assert isinstance(payload, bytes)
                bodies.append(payload.decode("utf-8"))
    return bodies


def submit(page) -> None:
    page.locator("main form button[type='submit']").first.click()


def sign_in(page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.locator("input[name='username']").fill(username)
    page.locator("input[name='password']").fill(password)
    submit(page)


def sign_out(page) -> None:
    page.locator(".account form button").click()
    page.wait_for_url(re.compile(r"/accounts/login/"))


def set_password_from(page, link: str, password: str) -> None:
    page.goto(link)
    expect(page.locator("h1")).to_have_text(vi("Set a new password"))
    page.locator("input[name='new_password1']").fill(password)
    page.locator("input[name='new_password2']").fill(password)
    submit(page)
    expect(page.locator("main")).to_contain_text(vi("Your new password is saved. Sign in with it."))


def invite(page, login_as, server_home: Path, address: str, role: str, password: str) -> None:
    """quangninh invites `address` to Cô Tô; the invitee sets `password` from the mail; all signed out."""
    login_as(page, "quangninh")
    page.goto("/accounts/users/invite/")
    page.locator("input[name='email']").fill(address)
    page.locator("input[name='full_name']").fill("Vũ Thị Lan")
    page.locator("select[name='role']").select_option(role)
    page.locator("input[name='unit']").fill(UNIT)
    submit(page)
    expect(page.locator(".messages")).to_contain_text(
        vi(
            "An invitation has been sent to %(email)s, with the role in %(unit)s.", email=address, unit="Đặc khu Cô Tô"
        ).split(",")[0]
    )
    sign_out(page)
    (body,) = mails_to(server_home, address)
    found = LINK.search(body)
    assert found, body
    set_password_from(page, found.group(1), password)


def test_an_invited_user_sets_a_password_and_later_resets_it_by_email(page, login_as, server_home, server):
    address = "lan.coto@danvan.example"
    invite(page, login_as, server_home, address, "reporter", "Cô-Tô-biển-xanh-1")
    sign_in(page, address, "Cô-Tô-biển-xanh-1")
    page.wait_for_url(f"{server}/")
    sign_out(page)

    page.get_by_role("link", name=vi("Forgot your password?")).click()
    page.locator("input[name='email']").fill(address)
    submit(page)
    expect(page.locator("main")).to_contain_text(vi("Check your e-mail"))
    reset = mails_to(server_home, address)[-1]
    ignore = (
        "The link works once, for three days. If you did not ask for it, ignore this message: "
        "your password stays as it is."
    )
    assert vi(ignore) in reset  # in the user's language (the site's default)
    link = LINK.search(reset).group(1)
    set_password_from(page, link, "Vịnh-Bắc-Bộ-2026")

    page.goto(link)  # the same link a second time
    expect(page.locator("h1")).to_have_text(vi("This link no longer works"))
    expect(page.locator("[role=alert]")).to_contain_text(
        vi("The link has already been used or has expired. Each link works once, for three days. Ask for a new one.")
    )
    sign_in(page, address, "Vịnh-Bắc-Bộ-2026")
    page.wait_for_url(f"{server}/")


def test_a_reviewer_enrols_an_authenticator_and_signs_in_with_a_code(page, login_as, server_home, server):
    address = "ha.coto@danvan.example"
    password = "Hạ-Long-mây-trắng-7"
    invite(page, login_as, server_home, address, "reviewer", password)
    sign_in(page, address, password)
    page.wait_for_url(f"{server}/")

    page.goto("/accounts/profile/")
    page.get_by_role("link", name=vi("Sign-in security (one-time codes)")).click()
    page.get_by_role("link", name=vi("Set up an authenticator app")).click()
    expect(page.locator(".qr svg")).to_be_visible()
    key = base64.b32decode(page.locator("#totp-key").get_attribute("data-key"))
    page.locator("input[name='code']").fill(f"{totp(key):06d}")
    submit(page)
    expect(page.locator("h1")).to_have_text(vi("Recovery codes"))
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    sign_out(page)

    sign_in(page, address, password)
    page.wait_for_url(f"{server}/accounts/login/code/")
    page.locator("input[name='code']").fill("000000")
    submit(page)
    expect(page.locator("main")).to_contain_text(
        vi("This code is not right. Type the newest code from your app, or a recovery code.")
    )
    page.locator("input[name='code']").fill(f"{totp(key, drift=1):06d}")  # the next step: a code is used once
    submit(page)
    page.wait_for_url(f"{server}/")
    expect(page.locator(".account__name")).to_contain_text("Vũ Thị Lan")
