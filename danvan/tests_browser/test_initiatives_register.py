"""Registering a model through the web form and recognising it, in a real browser against a real server.

Nam Khê's reporter opens "Models", registers a new model (filling several sections, a money amount
typed the Vietnamese way, a target group and a result metric, and finding the ward with the unit
search), lands on its page as registered; then Uông Bí's reviewer, the level above, recognises it.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

SCREENSHOT = Path(tempfile.gettempdir()) / "danvan-model-detail.png"  # /tmp/danvan-model-detail.png here
NAME = "Đèn sáng ngõ xóm khu 5"


def sign_out(page):
    page.locator(".account").get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(re.compile(r"/accounts/login/"))


@pytest.mark.browser
def test_a_reporter_registers_a_model_and_the_level_above_recognises_it(page, login_as, server):
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login_as(page, "namkhe")

    page.get_by_role("navigation", name="Trình đơn chính").get_by_role("link", name="Mô hình").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mô hình")
    page.get_by_role("link", name="Đăng ký mô hình").click()
    expect(page).to_have_url(f"{server}/models/new/")

    form = page.locator("#entry-form")
    form.get_by_label("Tên mô hình").fill(NAME)
    form.get_by_label("Lĩnh vực").select_option("cultural_social")
    # the ward and its organisation are filled in already; the unit search finds it without diacritics
    unit = form.locator("#id_unit")
    expect(unit).to_have_value("2024/06823")
    expect(form.locator("#id_organization option:checked")).to_contain_text("Ủy ban MTTQ Việt Nam phường Nam Khê")
    finder = form.locator("#unit-finder-q")
    finder.fill("dong trieu")  # in Quảng Ninh, but not where Nam Khê's reporter registers models
    expect(unit.locator("option[disabled]")).to_have_text(
        "Không có đơn vị nào trong phạm vi của bạn khớp với “dong trieu”."
    )
    expect(unit).to_have_value("2024/06823")  # a search never changes the choice by itself
    finder.fill("nam khe")
    expect(unit.locator("option[disabled]")).to_have_count(0)
    expect(unit.locator("option")).to_have_count(2)  # "—" and the one match
    unit.select_option("2024/06823")
    # the person box appears only for an individual model
    person = form.locator(".field--person")
    expect(person).to_be_hidden()
    form.get_by_role("radio", name="Cá nhân").check()
    expect(person).to_be_visible()
    form.get_by_role("radio", name="Tập thể").check()
    expect(person).to_be_hidden()

    form.get_by_label("Thực trạng và lý do").fill("Ngõ xóm khu 5 chưa có đèn chiếu sáng.")
    form.get_by_label("Nội dung và cách làm").fill("Vận động các hộ cùng góp tiền, góp công lắp đèn.")
    form.get_by_label("Cộng đồng dân cư").check()
    form.get_by_label("Tiền (đồng)").fill("185.000.000")
    form.get_by_label("Hộ gia đình tham gia (hộ)").fill("106")
    form.get_by_role("button", name="Đăng ký", exact=True).click()

    expect(page).to_have_url(re.compile(rf"{server}/models/\d+/$"))
    model_url = page.url
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)
    expect(page.locator(".messages")).to_contain_text(f"“{NAME}” đã được đăng ký.")
    expect(page.locator("#badges [data-status]")).to_have_text("Đã đăng ký")
    expect(page.locator(".results-table")).to_contain_text("106")
    expect(page.get_by_text("185.000.000")).to_be_visible()
    expect(page.locator("#timeline")).to_contain_text("Trạng thái: bản nháp → đã đăng ký")
    # a reporter does not recognise its own model
    expect(page.get_by_role("button", name="Công nhận")).to_have_count(0)

    sign_out(page)
    login_as(page, "uongbi")
    page.goto(model_url)
    status = page.locator("#status")
    status.get_by_label("Ý kiến (không bắt buộc)").fill("Đạt các tiêu chí của phường.")
    status.get_by_role("button", name="Công nhận").click()

    expect(page.locator(".messages")).to_contain_text("Mô hình đã được công nhận.")
    expect(page.locator("#badges [data-status]")).to_have_text("Được công nhận")
    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text("Trạng thái: đã đăng ký → được công nhận")
    expect(timeline).to_contain_text("Đạt các tiêu chí của phường.")
    expect(timeline).to_contain_text("Phạm Thu Hà")

    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert errors == []
