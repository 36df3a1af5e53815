"""Printing: a report grid and a model page on paper, without the menu, buttons and forms.

Chromium is switched to print media (what it lays out for the printer), and the boxes are measured.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

HIDDEN_BEHIND_A_SCROLL_BAR = """() => [...document.querySelectorAll('main table')].some(
    t => t.scrollWidth > t.parentElement.clientWidth + 1 && getComputedStyle(t.parentElement).overflowX !== 'visible'
)"""


def _print_media(page):
    page.emulate_media(media="print")
    return page.viewport_size["width"]


@pytest.mark.browser
def test_a_report_grid_prints_its_table_without_the_menu(page, login_as, server):
    login_as(page, "quangninh")
    page.goto("/reports/")
    page.locator("main table a[href^='/reports/']").first.click()
    expect(page).to_have_url(re.compile(rf"{server}/reports/\d+/$"))
    nav = page.get_by_role("navigation", name="Trình đơn chính")
    expect(nav).to_be_visible()  # on the screen, the menu is there

    width = _print_media(page)

    expect(nav).to_be_hidden()
    expect(page.locator("footer.site-footer")).to_be_hidden()
    expect(page.locator("main button:visible")).to_have_count(0)
    table = page.locator("main table").first
    expect(table).to_be_visible()
    box = table.bounding_box()
    assert box["width"] >= width * 0.9  # the whole width of the paper, not the screen's column
    scroller = page.evaluate(HIDDEN_BEHIND_A_SCROLL_BAR)
    assert not scroller  # no column hidden behind a scroll bar

    page.emulate_media(media="screen")
    expect(nav).to_be_visible()


@pytest.mark.browser
def test_the_reports_list_prints_without_its_filters(page, login_as):
    login_as(page, "quangninh")
    page.goto("/reports/")
    filters = page.locator("main form").first
    expect(filters).to_be_visible()
    _print_media(page)
    expect(filters).to_be_hidden()
    expect(page.locator("main table")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
