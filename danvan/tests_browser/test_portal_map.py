"""The portal map in real headless Chromium: ECharts draws the provinces from the shipped boundaries.

A visitor opens the map (today's 34 provinces), finds Hà Nội under the pointer, switches to the
63-province map with the era link, and a click on a province leads to its province page; on a
phone the map fits the screen. axe-core finds nothing wrong on the page on either.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from danvan.tests_browser.test_accessibility import AXE

# axe-core over the whole page: header, language links, content and footer
RUN_AXE = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ")), count: v.nodes.length }));
}"""


def _violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE)


SCREENSHOT = Path(tempfile.gettempdir()) / "danvan-portal-map.png"
HANOI = [105.85, 21.03]
OPEN_SEA = [112.5, 13.0]

# the colour of the canvas at a map coordinate, and where that is on the page
PROBE = """([lon, lat]) => {
  const holder = document.getElementById("province-map");
  const chart = window.echarts.getInstanceByDom(holder);
  const [x, y] = chart.convertToPixel({ geoIndex: 0 }, [lon, lat]);
  const canvas = holder.querySelector("canvas");
  const ratio = canvas.width / canvas.clientWidth;
  const pixel = canvas.getContext("2d").getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1);
  const rgba = Array.from(pixel.data);
  const box = holder.getBoundingClientRect();
  return { rgba, x: box.left + x, y: box.top + y };
}"""


def _filled(rgba: list[int]) -> bool:
    """Painted, and not white: a province's fill (the page behind the canvas is white)."""
    r, g, b, a = rgba
    return a > 0 and (r, g, b) != (255, 255, 255)


@pytest.mark.browser
def test_a_visitor_sees_the_provinces_drawn_and_switches_maps(page, server):
    errors = []  # console errors and uncaught exceptions
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    page.goto("/en/map/")
    holder = page.locator("#province-map")
    expect(holder).to_have_attribute("data-drawn", "34")
    expect(holder.locator("canvas")).to_have_count(1)
    page.wait_for_timeout(300)  # ECharts' first paint, after data-drawn is set
    land = page.evaluate(PROBE, HANOI)
    sea = page.evaluate(PROBE, OPEN_SEA)
    assert _filled(land["rgba"]), land
    assert not _filled(sea["rgba"]), sea
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert _violations(page) == []  # axe-core

    # the pointer on Hà Nội shows its name and count in the visitor's number style
    page.mouse.move(land["x"], land["y"])
    expect(page.locator("#province-map")).to_contain_text("Thành phố Hà Nội")

    # the same figures as a table, for everyone
    expect(page.locator("#province-counts tbody tr")).to_have_count(34)

    # the old map: 63 provinces drawn
    page.get_by_role("navigation", name="Which map").get_by_role("link", name=re.compile("63 provinces")).click()
    expect(page).to_have_url(re.compile(r"/en/map/\?era=2024$"))
    expect(holder).to_have_attribute("data-drawn", "63")
    expect(page.locator("#province-counts tbody tr")).to_have_count(63)

    # a click on a province opens its province page (on the old map: the province that took it)
    page.wait_for_timeout(300)
    old_hanoi = page.evaluate(PROBE, HANOI)
    assert _filled(old_hanoi["rgba"]), old_hanoi
    assert errors == [], errors  # (before leaving: the province page is another area's)
    page.mouse.click(old_hanoi["x"], old_hanoi["y"])
    expect(page).to_have_url(f"{server}/en/provinces/01/")


@pytest.mark.browser
def test_the_map_fits_a_phone(browser, server):
    context = browser.new_context(locale="vi-VN", viewport={"width": 375, "height": 740}, base_url=server)
    try:
        page = context.new_page()
        page.goto("/vi/map/?era=2024")
        holder = page.locator("#province-map")
        expect(holder).to_have_attribute("data-drawn", "63")
        page.wait_for_timeout(300)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375  # nothing wider than the screen
        land = page.evaluate(PROBE, HANOI)
        assert _filled(land["rgba"]), land
        assert 0 <= land["x"] <= 375
        page.screenshot(path=str(SCREENSHOT.with_name("danvan-portal-map-phone.png")), full_page=False)
        assert _violations(page) == []  # axe-core
    finally:
        context.close()
