"""Opening a report with JavaScript off: the unit is chosen first, and the page then offers only its
forms and the periods on its map (the server narrows what reporting/open.js narrows in the page)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect


@pytest.fixture
def no_js_page(browser, server):
    context = browser.new_context(locale="vi-VN", base_url=server, java_script_enabled=False)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.mark.browser
def test_without_javascript_a_district_is_offered_only_its_form(no_js_page, login_as, server):
    page = no_js_page
    login_as(page, "admin")
    page.goto("/reports/open/?q=uong+bi")
    form = page.locator("#open-form")
    assert form.locator("#id_form option[value='dvk-commune-year']").count() == 1  # the unit not known yet
    form.locator("#id_unit").select_option("2024/196")  # Thành phố Uông Bí, a district
    form.locator("#show-unit").click()
    expect(form.locator("#id_unit")).to_have_value("2024/196")
    expect(form.locator("#id_form option[value='dvk-commune-year']")).to_have_count(0)
    expect(form.locator("#id_form")).to_have_value("dvk-upper-year")
    form.locator("#id_period").select_option("2024")
    form.get_by_role("button", name="Mở báo cáo").click()
    expect(page).to_have_url(re.compile(rf"{server}/reports/\d+/$"))
    expect(page.locator("h1")).to_contain_text("cấp tỉnh, huyện")
    expect(page.locator("body")).to_contain_text("Thành phố Uông Bí")
