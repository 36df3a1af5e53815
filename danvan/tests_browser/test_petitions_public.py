"""A citizen files a petition on the public form and follows it by its code, in a real browser.

No account: the place is chosen with the cascading selects (province → ward, loaded by HTMX), a
photo is attached, a complaint without a name is refused with a message, and once corrected the
confirmation page shows the tracking code; the tracking page finds it again by the code typed with
spaces and in lower case, and shows its status but never the sender's name or phone number.
"""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect

NAME = "Vũ Thị Mai"
PHONE = "0934 567 890"


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (16, 16), "green").save(out, "PNG")
    return out.getvalue()


@pytest.mark.browser
def test_a_citizen_files_a_petition_and_follows_it_by_code(page, server):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto("/petition/")
    form = page.locator("#petition-form")
    form.locator("input[name='kind'][value='complaint']").check()
    form.locator("#id_province").select_option("2025/22")
    commune = form.locator("#id_commune")
    expect(commune.locator("option[value='2025/06820']")).to_have_count(1)  # loaded by HTMX
    commune.select_option("2025/06820")
    form.locator("#id_topic").select_option("environment")
    form.locator("#id_subject").fill("Khói bụi từ bãi than")
    form.locator("#id_text").fill("Bãi tập kết than gần tổ 5 gây bụi suốt ngày đêm, đề nghị có biện pháp che chắn.")
    form.locator("#id_attachments").set_input_files(
        files=[{"name": "anh-bui.png", "mimeType": "image/png", "buffer": _png()}]
    )
    form.locator("#id_phone").fill(PHONE)
    form.locator("#id_consent").check()
    form.locator("button[type='submit']").click()

    # a complaint needs the sender's name: refused with a message, what was typed is kept
    expect(page.locator("#form-error")).to_be_visible()
    expect(page.locator(".field--full_name .errorlist")).to_be_visible()
    form = page.locator("#petition-form")
    expect(form.locator("#id_subject")).to_have_value("Khói bụi từ bãi than")
    expect(form.locator("#id_commune")).to_have_value("2025/06820")
    form.locator("#id_full_name").fill(NAME)
    form.locator("#id_consent").check()
    form.locator("#id_attachments").set_input_files(
        files=[{"name": "anh-bui.png", "mimeType": "image/png", "buffer": _png()}]
    )
    form.locator("button[type='submit']").click()

    page.wait_for_url(re.compile(r"/petition/sent/[A-Z0-9-]+/$"))
    code = page.locator("#tracking-code").inner_text().strip()
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}", code)

    page.goto("/track/")
    page.locator("#track-form input[name='code']").fill(code.lower().replace("-", " "))
    page.locator("#track-form button[type='submit']").click()
    page.wait_for_url(re.compile(rf"/track/{code}/$"))
    expect(page.locator("#tracking-code")).to_have_text(code)
    expect(page.locator("#status")).to_be_visible()
    body = page.locator("body").inner_text()
    assert NAME not in body and PHONE not in body
    assert "Phường Vàng Danh" in body
    assert not errors, errors
