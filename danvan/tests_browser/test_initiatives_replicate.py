"""Spreading a good model, in a real browser against a real server.

Quảng Ninh's manager finds Đông Triều's "Lighting up the countryside" in the list by typing without
diacritics (HTMX live filtering), replicates it into the province's own unit on today's map, lands
on the new draft's edit page, and sees the copy listed on the original's page. Then the statistics
page draws its charts.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

SCREENSHOT = Path(tempfile.gettempdir()) / "danvan-model-stats.png"  # /tmp/danvan-model-stats.png here
ORIGINAL = "Thắp sáng đường quê"


@pytest.mark.browser
def test_a_manager_replicates_a_demo_model_into_the_province(page, login_as, server):
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login_as(page, "quangninh")

    page.goto("/models/")
    page.get_by_role("searchbox", name="Tìm kiếm").fill("thap sang duong")
    results = page.locator("#results")
    expect(results.get_by_role("link", name=ORIGINAL)).to_be_visible()
    expect(results.locator("tbody tr")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"/models/\?q=thap\+sang\+duong$"))
    expect(page.locator("#export-link")).to_have_attribute("href", re.compile(r"export\.xlsx\?q=thap\+sang\+duong$"))

    results.get_by_role("link", name=ORIGINAL).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ORIGINAL)
    original_url = page.url
    page.get_by_role("link", name="Nhân rộng mô hình này").click()

    form = page.locator("#replicate-form")
    expect(form.locator("#id_unit")).to_have_value("2025/22")
    chosen = form.locator("#id_organization option:checked")
    expect(chosen).to_contain_text("Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh")
    form.get_by_role("button", name="Tạo bản sao").click()

    expect(page).to_have_url(re.compile(rf"{server}/models/\d+/edit/$"))
    copy_url = page.url.removesuffix("edit/")
    message = f"Đã tạo bản sao của “{ORIGINAL}” ở dạng bản nháp tại Tỉnh Quảng Ninh."
    expect(page.locator(".messages")).to_contain_text(message)
    expect(page.locator("#id_name")).to_have_value(ORIGINAL)

    page.goto(original_url)
    copies = page.locator("#copies")
    link = copies.get_by_role("link", name=ORIGINAL)
    expect(link).to_have_attribute("href", copy_url.removeprefix(server))
    expect(copies).to_contain_text("Tỉnh Quảng Ninh")
    link.click()
    expect(page.locator("#copied-from")).to_contain_text(ORIGINAL)
    expect(page.locator("#badges [data-status]")).to_have_text("Bản nháp")
    assert errors == []


@pytest.mark.browser
def test_the_statistics_page_draws_its_charts(page, login_as):
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login_as(page, "ninhson")
    page.goto("/models/stats/?unit=2024/585&year=2024")
    expect(page.get_by_role("heading", level=2, name="Huyện Ninh Sơn · 2024")).to_be_visible()
    field = page.locator("#table-field")
    expect(field.locator("tr[data-key='economic'] td")).to_have_text("13")
    expect(field.locator("tr[data-key='cultural_social'] td")).to_have_text("13")
    expect(field.locator("tr[data-key='defence_security'] td")).to_have_text("3")
    expect(field.locator("tfoot td")).to_have_text("29")
    for chart in ("field", "kind", "status"):
        expect(page.locator(f"#chart-{chart} svg")).to_have_count(1)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert errors == []
