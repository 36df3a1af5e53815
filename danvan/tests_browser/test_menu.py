"""The main menu on a laptop (1366 px: one row) and on a phone (390×844: one row, closed, behind "Menu").

Rows are measured from the element boxes Chromium lays out, not guessed from the markup.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

SCREENSHOT = Path(tempfile.gettempdir()) / "danvan-menu-phone.png"  # /tmp/danvan-menu-phone.png here
NAV = "nav.site-nav"


def _rows(page, selector: str) -> int:
    """How many distinct rows the visible elements matching `selector` sit on."""
    tops = page.eval_on_selector_all(
        selector,
        "els => els.filter(e => e.offsetParent !== null).map(e => Math.round(e.getBoundingClientRect().top))",
    )
    assert tops, f"nothing visible matches {selector}"
    return len(set(tops))


@pytest.fixture
def sized(browser, server):
    contexts = []

    def open_page(width: int, height: int, *, javascript: bool = True):
        context = browser.new_context(
            locale="vi-VN", viewport={"width": width, "height": height}, base_url=server, java_script_enabled=javascript
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.browser
def test_the_menu_takes_one_row_at_1366_px(sized, login_as):
    page = sized(1366, 768)
    login_as(page, "admin")  # the longest menu: a superuser also has "Admin"
    items = f"{NAV} .site-nav__list > li"
    assert _rows(page, items) == 1
    expect(page.locator(f"{NAV} .site-nav__toggle")).to_be_hidden()
    # a group opens below its item and closes again with Escape
    group = page.locator(f"{NAV} summary", has_text="Báo cáo")
    group.click()
    expect(page.locator(NAV).get_by_role("link", name="Bảng điều khiển")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator(NAV).get_by_role("link", name="Bảng điều khiển")).to_be_hidden()
    assert _rows(page, items) == 1


@pytest.mark.browser
def test_the_menu_takes_one_row_on_a_phone_until_opened(sized, login_as):
    page = sized(390, 844)
    login_as(page, "quangninh")
    nav = page.locator(NAV)
    toggle = nav.get_by_role("button", name="Trình đơn")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(nav.get_by_role("link", name="Bản đồ hành chính")).to_be_hidden()
    toggle_box, nav_box = toggle.bounding_box(), nav.bounding_box()
    assert nav_box["height"] <= toggle_box["height"] + 4  # closed: the menu is the button's one row
    page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 0

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    nav.get_by_role("link", name="Bản đồ hành chính").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bản đồ hành chính")
    expect(page.locator(NAV).get_by_role("button", name="Trình đơn")).to_have_attribute("aria-expanded", "false")


@pytest.mark.browser
def test_the_menu_works_without_javascript(sized, login_as):
    page = sized(1366, 768, javascript=False)
    login_as(page, "quangninh")
    nav = page.locator(NAV)
    expect(nav.locator(".site-nav__toggle")).to_be_hidden()
    nav.locator("summary", has_text="Gần dân").click()  # a <details>: no script needed
    nav.get_by_role("link", name="Đơn thư, kiến nghị").click()
    expect(page.locator(NAV).locator("summary.is-current")).to_have_text("Gần dân")
