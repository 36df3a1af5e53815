"""What a new user tripped over (issue 11, item 5), each seen again in a real browser on the demo.

- a handler opens a petition's attachment (a download, the right name and type); another province
  gets 404 for the same address;
- a petition for today's Vàng Danh ward goes to an organisation of today's map, and its timeline
  names the routing rule instead of "rule 1";
- the petition dashboard lists Quảng Ninh once;
- the dashboard's "Who has reported?" leads to the map the 2024 reports were made on;
- Uông Bí's reviewer opens the statistics on his own city on the 2024 map (not on 0), a larger unit
  says "within your scope", and "Xây dựng Đảng" keeps its capital;
- the English interface shows target groups, organisation kinds and result units in English;
- a demo report's history reads the dates its status box shows.

Expected texts go through gettext where the interface writes them, so the test reads what the user
reads in Vietnamese.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import translation
from playwright.sync_api import expect


def vi(message: str, **params: str) -> str:
    with translation.override("vi"):
        text = translation.gettext(message)
    return text % params if params else text


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (16, 16), "blue").save(out, "PNG")
    return out.getvalue()


def _file_a_petition(page) -> str:
    """A recommendation for today's Vàng Danh ward with a photo, on the public form; its tracking code."""
    page.goto("/petition/")
    form = page.locator("#petition-form")
    form.locator("input[name='kind'][value='recommendation']").check()
    form.locator("#id_province").select_option("2025/22")
    commune = form.locator("#id_commune")
    expect(commune.locator("option[value='2025/06820']")).to_have_count(1)
    commune.select_option("2025/06820")
    form.locator("#id_topic").select_option("infrastructure")
    form.locator("#id_subject").fill("Cầu tràn tổ 3 bị sạt")
    form.locator("#id_text").fill("Cầu tràn tổ 3 khu Vàng Danh bị sạt một bên sau mưa lớn, đề nghị sửa chữa sớm.")
    form.locator("#id_attachments").set_input_files(
        files=[{"name": "cau tran.png", "mimeType": "image/png", "buffer": _png()}]
    )
    form.locator("#id_full_name").fill("Đỗ Văn Bình")
    form.locator("#id_phone").fill("0911 222 333")
    form.locator("#id_consent").check()
    form.locator("button[type='submit']").click()
    page.wait_for_url(re.compile(r"/petition/sent/[A-Z0-9-]+/$"))
    return page.locator("#tracking-code").inner_text().strip()


def _sign_out(page) -> None:
    page.locator(".account form button").click()
    page.wait_for_url(re.compile(r"/accounts/login/"))


@pytest.mark.browser
def test_a_handler_opens_the_attachment_and_the_petition_is_routed_on_todays_map(page, login_as, server):
    code = _file_a_petition(page)
    login_as(page, "quangninh")
    page.goto(f"/engagement/petitions/?q={code}")
    page.locator("#petitions-table").get_by_role("link", name=code).click()
    page.wait_for_url(re.compile(r"/engagement/petitions/\d+/$"))
    detail_url = page.url

    # routed to today's provincial commission, not to the committee of the city dissolved on 1/7/2025
    expect(page.locator("#organization")).to_have_text("Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh")
    timeline = page.locator("#timeline")
    assert not re.search(r"\brule \d+", timeline.inner_text())
    rule = vi(
        "routing rule: %(area)s (map %(era)s) · %(topic)s · %(kind)s",
        area="Tỉnh Quảng Ninh",
        era="2025",
        topic=vi("any topic"),
        kind=vi("any kind"),
    )
    expect(timeline).to_contain_text(rule)

    # the attachment opens: a download with its name, its bytes a PNG
    link = page.locator("#attachments a").first
    expect(link).to_have_text("cau tran.png")
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "cau tran.png"
    assert Path(download.path()).read_bytes().startswith(b"\x89PNG")
    href = link.get_attribute("href")
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"] == "image/png"
    assert response.headers["x-content-type-options"] == "nosniff"

    # another province's manager gets "not found" for the same file and the same petition
    _sign_out(page)
    login_as(page, "tuyenquang")
    assert page.request.get(href).status == 404
    assert page.request.get(detail_url).status == 404


@pytest.mark.browser
def test_the_petition_dashboard_lists_quang_ninh_once(page, login_as, server):
    login_as(page, "admin")
    page.goto("/engagement/petitions/dashboard/")
    expect(page.locator("#by-unit-map")).to_be_visible()
    cells = page.locator("table th, table td").all_inner_texts()
    assert [c.strip() for c in cells].count("Tỉnh Quảng Ninh") == 1, cells


@pytest.mark.browser
def test_who_has_reported_opens_the_map_of_the_period(page, login_as, server):
    login_as(page, "quangninh")
    page.goto("/reports/dashboard/?era=2025&unit=22&period=2024")
    link = page.locator("#completeness-link")
    expect(link).to_contain_text(vi("%(name)s (map %(era)s)", name="Tỉnh Quảng Ninh", era="2024"))
    link.click()
    page.wait_for_url(re.compile(r"/reports/completeness/"))
    query = parse_qs(urlsplit(page.url).query)
    assert (query["era"], query["unit"], query["period"]) == (["2024"], ["22"], ["2024"])
    reported = int(page.locator("#completeness-summary strong").first.inner_text())
    assert reported > 0  # the demo's Uông Bí wards and Bình Liêu reported for 2024
    expect(page.locator("#other-map-note")).to_have_count(0)

    # opened on today's map by hand, the page says where the 2024 reports are and leads there
    page.goto("/reports/completeness/?era=2025&unit=22&period=2024")
    note = page.locator("#other-map-note")
    expect(note).to_be_visible()
    note.get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"era=2024"))
    assert int(page.locator("#completeness-summary strong").first.inner_text()) == reported


@pytest.mark.browser
def test_statistics_open_on_the_users_own_city_and_say_when_limited(page, login_as, server):
    login_as(page, "uongbi")
    page.goto("/models/stats/")
    heading = page.locator("#summary-heading")
    expect(heading).to_contain_text("Thành phố Uông Bí")
    expect(page.locator('.era-switch a[data-era="2024"]')).to_have_attribute("aria-current", "true")
    assert int(page.locator("#stats-total").inner_text()) > 0  # his city's models, not 0 on an empty ward
    expect(page.locator('#table-field tr[data-key="party_building"] th')).to_have_text(
        "Xây dựng Đảng và hệ thống chính trị"
    )
    # the province above him: counted over his part only, and headed so
    page.goto("/models/stats/?unit=2024/22")
    expect(heading).to_contain_text(vi("Within your scope: %(place)s", place="Tỉnh Quảng Ninh"))


@pytest.mark.browser
def test_the_english_interface_shows_english_names(page, login_as, server):
    login_as(page, "namkhe")
    page.get_by_role("button", name="English").click()
    page.goto("/models/")
    filters = page.locator("#filters")
    expect(filters.locator("option", has_text="Ethnic minorities")).to_have_count(1)
    expect(filters.locator("option", has_text="Vietnam Fatherland Front Committee")).to_have_count(1)
    expect(filters.locator("option", has_text="Đồng bào dân tộc thiểu số")).to_have_count(0)
    page.goto("/models/new/")
    expect(page.locator("body")).to_contain_text("Households taking part (households)")
    expect(page.locator("body")).not_to_contain_text("Hộ gia đình tham gia")


@pytest.mark.browser
def test_a_demo_reports_history_reads_the_dates_of_its_status_box(page, login_as, server):
    login_as(page, "uongbi")
    page.goto("/reports/?period=2023")
    page.locator("tr", has_text="Phường Nam Khê").locator("a[href^='/reports/']").first.click()
    page.wait_for_url(re.compile(r"/reports/\d+/$"))
    submitted = page.locator("#submitted-by").inner_text().split(", ")[-1].strip()
    reviewed = page.locator("#reviewed-by").inner_text().split(", ")[-1].strip()
    history = page.locator("#history")
    expect(history.locator('li[data-verb="report.submit"] > span').first).to_have_text(submitted)
    expect(history.locator('li[data-verb="report.approve"] > span').first).to_have_text(reviewed)
