"""axe-core (vendored, danvan/core/static/vendor/axe-core) finds nothing wrong on the pages opened first.

The home page, the map browser and the API docs page, signed in as demo officials, with what a user
opens on them (a tree node, an API operation, the menu's groups), on a laptop and on a phone. The test
asserts on no particular content of the page, so it holds whatever the home page lists.
"""

from __future__ import annotations

from pathlib import Path

import pytest

AXE = Path(__file__).parents[1] / "core" / "static" / "vendor" / "axe-core" / "axe.min.js"
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
    count: v.nodes.length,
  }));
}"""


def _violations(page) -> list[dict]:
    page.wait_for_load_state("networkidle")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE)


def _open_tree_node(page):
    page.locator("#tree summary").first.click()
    page.locator("#tree details[open] ul a").first.wait_for()


def _open_api_operation(page):
    page.locator(".opblock-summary-control").first.click()
    page.locator(".opblock-body").first.wait_for()


def _open_menu_group(page):
    page.locator(".site-nav summary").first.click()


CASES = {
    "home, province manager": ("quangninh", "/", None),
    "home, commune reporter": ("namkhe", "/", _open_menu_group),
    "map browser, national administrator (63 provinces)": ("admin", "/map/?era=2024", _open_tree_node),
    "map browser, province manager": ("quangninh", "/map/", _open_tree_node),
    "API docs, signed in": ("quangninh", "/api/docs/", _open_api_operation),
    "API docs, anonymous": (None, "/api/docs/", None),
}


@pytest.mark.browser
@pytest.mark.parametrize("case", list(CASES))
def test_axe_finds_no_violation(case, page, login_as):
    assert AXE.exists(), "axe-core is vendored under core/static/vendor/axe-core"
    user, path, act = CASES[case]
    if user:
        login_as(page, user)
    page.goto(path)
    if act:
        act(page)
    assert _violations(page) == []


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/", "/map/"])
def test_axe_finds_no_violation_on_a_phone_with_the_menu_open(path, browser, server, login_as):
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}, base_url=server)
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        login_as(page, "uongbi")
        page.goto(path)
        page.locator(".site-nav__toggle").click()
        assert _violations(page) == []
    finally:
        context.close()
