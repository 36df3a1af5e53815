"""The public portal as a visitor uses it, in real headless Chromium: find a model without
diacritics, read it, change language, on a desktop and on a phone; axe-core over every key page.

The demo server (`danvan demo`) publishes some of Tuyên Quang's models and stories
(`portal/demo`), so the pages have real content.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from danvan.tests_browser.test_accessibility import AXE

RUN_AXE = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ")), count: v.nodes.length }));
}"""
SHOTS = Path(tempfile.gettempdir())


def _violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE)


def _key_pages(page) -> list[str]:
    """The home page, the directory, a published model, its province, the stories and one story."""
    page.goto("/vi/models/")
    model = page.locator("main a[href^='/vi/models/']").first.get_attribute("href")
    page.goto("/vi/stories/")
    story = page.locator("main a[href^='/vi/stories/']:not([href*='feed'])").first.get_attribute("href")
    return ["/vi/", "/vi/models/", model, "/vi/provinces/08/", "/vi/stories/", story, "/vi/petition/", "/vi/track/"]


@pytest.mark.browser
def test_a_visitor_finds_a_model_without_diacritics_and_reads_it_in_another_language(page):
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto("/vi/")
    expect(page.locator("h1")).to_be_visible()
    page.get_by_role("navigation", name="Trình đơn chính").get_by_role("link", name="Mô hình").click()
    expect(page).to_have_url(re.compile(r"/vi/models/$"))
    page.locator("input[name='q']").fill("phu nu giup nhau")  # typed without diacritics
    page.locator("input[name='q']").press("Enter")
    result = page.locator("main a[href^='/vi/models/']", has_text="Phụ nữ giúp nhau")
    expect(result.first).to_be_visible()
    result.first.click()
    expect(page.locator("h1")).to_contain_text("Phụ nữ giúp nhau")
    # the same page in English (translated) and in Japanese (not yet: shown in Vietnamese, with a note)
    page.locator(".lang-links").get_by_role("link", name="English").click()
    expect(page.locator("h1")).to_contain_text("Women helping one another")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator(".lang-links").get_by_role("link", name="日本語").click()
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("navigation", name="メインメニュー")).to_be_visible()
    expect(page.locator("h1")).to_contain_text("Phụ nữ giúp nhau")
    assert errors == [], errors


@pytest.mark.browser
def test_the_key_pages_pass_axe_on_a_desktop(page):
    for path in _key_pages(page):
        page.goto(path)
        assert _violations(page) == [], path


@pytest.mark.browser
def test_the_key_pages_fit_a_phone(browser, server):
    context = browser.new_context(locale="vi-VN", viewport={"width": 375, "height": 740}, base_url=server)
    try:
        page = context.new_page()
        for n, path in enumerate(_key_pages(page)):
            page.goto(path)
            assert page.evaluate("document.documentElement.scrollWidth") <= 375, path  # no sideways scrolling
            page.screenshot(path=str(SHOTS / f"danvan-portal-phone-{n}.png"), full_page=True)
            assert _violations(page) == [], path
    finally:
        context.close()
