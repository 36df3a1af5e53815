"""Following a ward from the old map to the new one, in a real browser against a real server.

A province manager opens the map, switches to the 63-province map, finds Uông Bí by typing
without diacritics (HTMX live search), opens the lazy tree, walks down to Phường Nam Khê and
follows its successor to Phường Vàng Danh on the 34-province map.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

SCREENSHOT = Path(tempfile.gettempdir()) / "danvan-map.png"  # /tmp/danvan-map.png here


@pytest.mark.browser
def test_a_manager_follows_a_ward_from_the_old_map_to_the_new(page, login_as, server):
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login_as(page, "quangninh")

    page.get_by_role("navigation", name="Trình đơn chính").get_by_role("link", name="Bản đồ hành chính").click()
    expect(page.locator(".era-switch a[aria-current='true']")).to_have_attribute("data-era", "2025")

    # era switch: the old map
    page.locator(".era-switch a[data-era='2024']").click()
    expect(page).to_have_url(re.compile(r"/map/\?era=2024"))
    expect(page.locator(".era-switch a[aria-current='true']")).to_have_attribute("data-era", "2024")

    # the lazy tree: opening the province loads its districts over HTMX
    tree = page.locator("#tree")
    expect(tree.get_by_role("link", name="Thành phố Uông Bí")).to_have_count(0)
    tree.locator("summary").first.press("Enter")
    expect(tree.get_by_role("link", name="Thành phố Uông Bí")).to_be_visible()

    # live search without diacritics; the address bar follows the query
    page.get_by_role("searchbox").fill("uong bi")
    results = page.locator("#results")
    expect(results.get_by_role("link", name="Thành phố Uông Bí")).to_be_visible()
    expect(results).to_contain_text("1 đơn vị khớp với “uong bi”.")
    expect(page).to_have_url(re.compile(r"/map/\?era=2024&q=uong\+bi$"))

    results.get_by_role("link", name="Thành phố Uông Bí").click()
    expect(page).to_have_url(f"{server}/map/2024/196/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thành phố Uông Bí")

    below = page.locator("section[aria-labelledby='children-heading']")
    below.get_by_role("link", name="Phường Nam Khê").click()
    expect(page).to_have_url(f"{server}/map/2024/06823/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Phường Nam Khê")
    expect(page.locator(".breadcrumb")).to_contain_text("Tỉnh Quảng Ninh")

    lineage = page.locator("section[aria-labelledby='lineage-heading']")
    successor = lineage.get_by_role("link", name="Phường Vàng Danh")
    expect(successor.locator("xpath=ancestor::tr")).to_contain_text("mặc định")
    successor.click()

    expect(page).to_have_url(f"{server}/map/2025/06820/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Phường Vàng Danh")
    era = page.locator(".page-head .badge--era")
    expect(era).to_have_attribute("data-era", "2025")
    expect(era).to_contain_text("34 tỉnh, thành phố (từ 1/7/2025)")
    # and back: the old ward is listed among the new ward's predecessors
    expect(lineage.get_by_role("link", name="Phường Nam Khê")).to_be_visible()

    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert errors == []
