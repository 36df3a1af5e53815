"""The story pages in real headless Chromium: the demo's Tuyên Quang stories, read on a desktop and a phone.

A visitor opens the stories in English, reads the translated one, follows a related story to an
untranslated one (Vietnamese, with the note), and on a phone the pages fit the screen. axe-core
finds nothing wrong in the pages' content.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from danvan.tests_browser.test_portal_map import _violations

WOMEN = "phu-nu-tuyen-quang-giup-nhau-phat-trien-kinh-te-ho-gia-dinh"  # the demo's translated story


@pytest.mark.browser
def test_a_visitor_reads_the_stories(page):
    page.goto("/en/stories/")
    expect(page.locator(".story-card")).to_have_count(3)
    assert _violations(page) == []
    page.get_by_role("link", name="Tuyên Quang women help each other grow their household economy").click()
    expect(page.locator("h1")).to_have_text("Tuyên Quang women help each other grow their household economy")
    expect(page.locator(".story__source cite")).to_have_text("Báo Tuyên Quang")
    assert page.locator('link[rel="alternate"][type="application/atom+xml"]').count() == 1
    assert _violations(page) == []
    page.locator(".story__related a").first.click()
    expect(page.locator("h1")).to_have_attribute("lang", "vi")
    expect(page.locator(".story__untranslated")).to_be_visible()
    assert _violations(page) == []


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/vi/stories/", f"/vi/stories/{WOMEN}/"])
def test_the_story_pages_fit_a_phone(path, browser, server):
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}, base_url=server)
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
        assert _violations(page) == []
    finally:
        context.close()
