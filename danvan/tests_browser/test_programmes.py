"""Programmes in a real browser: a province manager sets a programme and a target and reads its status.

Then the dashboard of the old Tuyên Quang loads its "Programmes" panel by HTMX once the page is
shown, with the demo's Project 02 (reporting/demo/programmes.py) and its labelled statuses.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect


@pytest.mark.browser
def test_a_manager_creates_a_programme_adds_a_target_and_sees_its_status(page, login_as, server):
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login_as(page, "tuyenquang")

    page.goto("/reports/programmes/")
    expect(page.locator("#programmes-table")).to_contain_text("Đề án 02-ĐA/TU")  # the demo's
    page.locator("#programme-create-link").click()
    page.get_by_label("Tên").fill("Chương trình thử nghiệm 2024")
    page.locator("#id_unit").select_option("2024/08")
    page.locator("#id_start").fill("2024-01-01")
    page.locator("#id_end").fill("2024-12-31")
    page.locator("#programme-form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Chương trình thử nghiệm 2024")
    expect(page.locator("#no-targets")).to_be_visible()

    page.locator("#target-create-link").click()
    page.locator("#id_indicator").select_option("houses_helped")
    page.locator("#id_value").fill("300")
    page.locator("#target-form button[type=submit]").click()
    row = page.locator("#targets-table tbody tr").first
    expect(row).to_contain_text("306")  # the 306 houses of 2024 (field notes)
    expect(row.locator(".progress-status")).to_have_text(re.compile("đã đạt"))
    assert row.get_attribute("data-status") == "done"

    page.goto("/reports/dashboard/?era=2024&unit=08&period=2024")
    panel = page.locator("#programmes-panel")
    expect(panel.locator(".programme-panel__item").first).to_be_visible()  # swapped in by HTMX
    expect(panel).to_contain_text("Đề án 02-ĐA/TU")
    expect(panel.locator(".progress-status").first).to_be_visible()
    assert errors == []
