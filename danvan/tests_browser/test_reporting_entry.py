"""Typing a commune's annual report with the keyboard, submitting it and approving it, in a real browser.

Nam Khê's reporter opens the default commune form for 2024 (the demo leaves that report to this
test), types figures moving down with Enter, mistypes "abc" and is told so beside the cell (nothing
saved, what was typed kept), corrects it, saves with Ctrl+S and submits. Uông Bí's reviewer then
approves it from the review queue, and the grid shows it approved and read-only.

Expected texts go through gettext, so the test reads what the user reads in Vietnamese.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from django.utils import translation
from playwright.sync_api import expect

SCREENSHOT = Path(tempfile.gettempdir()) / "danvan-report-grid.png"


def vi(message: str, **params: str) -> str:
    with translation.override("vi"):
        text = translation.gettext(message)
    return text % params if params else text


def sign_out(page):
    page.locator(".account form button").click()
    page.wait_for_url(re.compile(r"/accounts/login/"))


def people_tile(page, query: str) -> int:
    """The dashboard's "people taking part" figure for 2024 at `query` (era=…&unit=…), as a number."""
    page.goto(f"/reports/dashboard/?{query}&period=2024&indicator=tt_people")
    text = page.locator("#tile-tt_people .tile__value").inner_text().strip()
    return 0 if text == "—" else int(text.replace(".", ""))


AREAS = {
    "province, today's map": "era=2025&unit=22",
    "nation, today's map": "era=2025&unit=",
    "nation, old map": "era=2024&unit=",
}


@pytest.mark.browser
def test_a_commune_types_its_report_and_the_level_above_approves_it(page, login_as, server):
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login_as(page, "admin")
    before = {area: people_tile(page, query) for area, query in AREAS.items()}
    sign_out(page)
    login_as(page, "namkhe")

    page.goto("/reports/")
    page.locator("#open-link").click()
    expect(page).to_have_url(f"{server}/reports/open/")
    form = page.locator("#open-form")
    form.locator("#id_form").select_option("dvk-commune-year")
    expect(form.locator("#id_unit")).to_have_value("2024/06823")  # the reporter's only unit, chosen already
    expect(form.locator("#id_form option[value='dvk-upper-year']")).to_have_count(0)  # not the province form
    form.locator("#id_period").select_option("2024")  # chosen from the open periods, not typed
    form.locator("button[type='submit']").click()
    expect(page).to_have_url(re.compile(rf"{server}/reports/\d+/$"))
    grid_url = page.url

    # keyboard only: type, Enter to the next figure
    first = page.locator("#cell-tt_party_cells")
    first.click()
    for text, next_cell in [("5", "tt_cadres"), ("40", "tt_people"), ("abc", "tt_villages"), ("12", "houses_helped")]:
        page.keyboard.type(text)
        page.keyboard.press("Enter")
        expect(page.locator(f"#cell-{next_cell}")).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(page.locator("#cell-tt_villages")).to_be_focused()
    page.locator("#cell-money_mobilised").fill("185.000.000")
    page.keyboard.press("Control+s")

    # refused beside its cell; nothing saved, what was typed still there
    message = page.locator("#cell-tt_people-msg")
    expect(message).to_have_text(
        vi("“%(text)s” is not a number: write it like %(example)s.", text="abc", example="1.234,5")
    )
    expect(page.locator("#cell-tt_people")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#cell-tt_people")).to_be_focused()
    expect(page.locator("#cell-tt_cadres")).to_have_value("40")
    expect(page.locator("#grid-saved")).to_have_count(0)

    page.screenshot(path=str(SCREENSHOT), full_page=True)
    page.locator("#cell-tt_people").fill("1.200")
    page.keyboard.press("Control+s")
    expect(page.locator("#grid-saved")).to_contain_text(vi("Saved."))
    expect(page.locator("#cell-tt_people-msg")).to_have_count(0)
    expect(page.locator("#cell-tt_people")).to_have_value("1.200")
    expect(page.locator("#cell-money_mobilised")).to_have_value("185.000.000")

    # submitting asks first (the report is locked afterwards), and says it is late, before and after
    expect(page.locator("#late-warning")).to_contain_text("15/01/2025")
    page.locator("#grid-submit").click()
    dialog = page.get_by_role("alertdialog", name=vi("Submit this report to the level above?"))
    expect(dialog).to_be_visible()
    expect(dialog.locator("#submit-late-warning")).to_contain_text("15/01/2025")
    expect(dialog.get_by_role("button", name=vi("Yes, submit it"))).to_be_focused()
    expect(page.locator("#state [data-status]")).to_have_attribute("data-status", "draft")
    dialog.get_by_role("button", name=vi("Yes, submit it")).click()
    expect(page.locator("#state [data-status]")).to_have_attribute("data-status", "submitted")
    expect(page.locator(".messages")).to_contain_text(
        vi("This report was submitted after its due date (%(due)s).", due="15/01/2025")
    )
    expect(page.locator("#late-warning")).to_contain_text(
        vi("Submitted late: it was due on %(due)s.", due="15/01/2025")
    )
    expect(page.locator(".messages")).to_contain_text(vi("The report was submitted to the level above."))
    expect(page.locator("#grid input[data-cell]")).to_have_count(0)
    expect(page.locator("#history")).to_contain_text("1.200")

    sign_out(page)
    login_as(page, "uongbi")
    page.goto("/reports/review/")
    pk = grid_url.rstrip("/").rsplit("/", 1)[1]
    row = page.locator(f"#queue-row-{pk}")
    expect(row).to_contain_text("Nam Khê")
    badge = page.locator("#inbox-badge .nav-badge__count")  # the menu's count of work, loaded after the page
    expect(badge).to_be_visible()
    waiting, work = int(page.locator("#queue-count").inner_text()), int(badge.inner_text())
    row.get_by_role("button", name=vi("Approve")).click()
    expect(page.locator(f"#queue-row-{pk}")).to_have_attribute("data-status", "approved")
    expect(page.locator(f"#queue-row-{pk}")).to_contain_text(vi("The report was approved."))
    # both counts follow at once: the queue's own (out of band) and the menu's (reloaded on "inbox-changed")
    expect(page.locator("#queue-count")).to_have_text(str(waiting - 1))
    expect(page.locator("#inbox-badge .nav-badge__count")).to_have_text(str(work - 1))

    page.goto(grid_url)
    expect(page.locator("#state [data-status]")).to_have_attribute("data-status", "approved")
    expect(page.locator("#grid input")).to_have_count(0)
    expect(page.locator("#cell-tt_people")).to_have_text("1.200")
    expect(page.locator("#reopen-button")).to_be_visible()
    # at once, every level above shows it, on either map: the district's drill-down row, the new
    # province and the nation (the figure moved by exactly what Nam Khê reported)
    page.goto("/reports/dashboard/?era=2024&unit=196&period=2024&indicator=tt_people")
    expect(page.locator("#drilldown tr[data-key='06823'] td").first).to_have_text("1.200")
    sign_out(page)
    login_as(page, "admin")
    after = {area: people_tile(page, query) for area, query in AREAS.items()}
    assert {area: after[area] - before[area] for area in AREAS} == dict.fromkeys(AREAS, 1200)

    # the refused save answers 400 on purpose (htmx swaps it in, as base.html sets up): the browser logs that
    expected = re.compile(r"status of 400|Response Status Error Code 400")
    assert [e for e in errors if not expected.search(e)] == []
