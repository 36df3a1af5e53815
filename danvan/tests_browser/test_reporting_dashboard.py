"""The reporting dashboard in a real browser: Tuyên Quang's manager reads the province's 2024 figures.

Tiles render, ECharts draws its charts (SVG), a drill-down link opens a commune's dashboard with
its charts, the breadcrumb leads back up, and the map switch leads to the old Tuyên Quang, where
the demo's "Three Together" figure (140,300 people, reporting/demo.py) is read.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect


@pytest.mark.browser
def test_a_province_manager_reads_the_dashboard_and_drills_down(page, login_as, server):
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login_as(page, "tuyenquang")

    page.goto("/reports/dashboard/?era=2025&unit=08&period=2024")
    expect(page.locator("#tiles-heading")).to_contain_text("Tỉnh Tuyên Quang · 2024")
    expect(page.locator(".tile").first).to_be_visible()
    assert page.locator(".tile").count() >= 3
    expect(page.locator("#chart-trend svg").first).to_be_attached()
    expect(page.locator("#chart-yoy svg").first).to_be_attached()
    # axes and tooltips are written by core/numbers.js with the page's separators, never English commas
    assert page.evaluate("window.DanVanNumbers.format(14516.25)") == "14.516,25"
    labels = page.locator("#chart-trend svg text, #chart-yoy svg text").all_text_contents()
    assert labels and not [t for t in labels if re.fullmatch(r"\d{1,3}(,\d{3})+", t.strip())], labels
    assert [t for t in labels if re.fullmatch(r"\d{1,3}(\.\d{3})+", t.strip())], labels  # e.g. 40.000 on an axis
    expect(page.locator("#export-xlsx")).to_have_attribute("href", re.compile(r"export\.xlsx\?era=2025&unit=08"))

    # the drill-down: today's Tuyên Quang has no districts, so its rows are communes
    first = page.locator("#drilldown tbody tr th a").first
    name = first.inner_text()
    first.click()
    expect(page).to_have_url(re.compile(r"/reports/dashboard/\?era=2025&.*unit=\d+"))
    expect(page.locator("#tiles-heading")).to_contain_text(f"{name} · 2024")
    expect(page.locator(".breadcrumb")).to_contain_text("Tỉnh Tuyên Quang")
    expect(page.locator("#chart-trend svg").first).to_be_attached()

    # back up through the breadcrumb, then across to the 2024 map: old Tuyên Quang and old Hà Giang
    page.locator(".breadcrumb").get_by_role("link", name="Tỉnh Tuyên Quang").click()
    expect(page.locator("#tiles-heading")).to_contain_text("Tỉnh Tuyên Quang · 2024")
    switch = page.locator('.era-switch a[data-era="2024"]')
    expect(switch).to_have_count(2)
    switch.filter(has_text="Tuyên Quang").click()
    expect(page).to_have_url(re.compile(r"era=2024&unit=08"))
    expect(page.locator("#drilldown tbody tr").first).to_be_visible()  # old Tuyên Quang's districts

    tile = page.locator("#tile-tt_people")  # the demo's "Three Together" figure of the old province
    expect(tile).to_have_attribute("data-reported", "true")
    expect(tile.locator(".tile__value")).to_have_text("140.300")
    assert errors == []
