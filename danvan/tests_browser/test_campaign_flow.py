"""An emulation campaign in a real browser, from launch to a published result, seen by each user in turn.

Quảng Ninh's manager (the standing body of the provincial commission) launches "Dân vận khéo 2024"
for communes, pastes the standards (a bad line is named first, nothing saved), and sets the council
(himself as chair, the national administrator as a member). Nam Khê's reporter registers with a
commitment, assesses itself against each criterion with a file as evidence, and submits. The chair
sends it to the council's review and scores; the member finds it under "Nominations to score" and
scores; the standing body sees each member's total, approves and publishes. Nam Khê then sees the
result, read-only; Tuyên Quang's manager gets a 404.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from django.utils import translation
from playwright.sync_api import expect

SCREENSHOT = Path(tempfile.gettempdir()) / "danvan-campaign-evaluation.png"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
STANDARDS = "\n".join(
    [
        "Gần dân, hiểu dân; 30; đi cơ sở hằng tháng",
        "Trọng dân, có trách nhiệm; 30",
        "Dân tin, dân ủng hộ; 40; kết quả mô hình",
    ]
)


def vi(message: str, **params: str) -> str:
    with translation.override("vi"):
        text = translation.gettext(message)
    return text % params if params else text


def sign_out(page):
    page.locator(".account form button").click()
    page.wait_for_url(re.compile(r"/accounts/login/"))


def fill_scores(page, form: str, values: list[str]) -> None:
    inputs = page.locator(f"{form} input[name^='score_']")
    expect(inputs).to_have_count(len(values))
    for i, value in enumerate(values):
        inputs.nth(i).fill(value)


@pytest.mark.browser
def test_a_campaign_runs_from_launch_to_a_published_result(page, login_as, server):
    errors = []  # JavaScript errors on any page
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    # the standing body launches the campaign
    login_as(page, "quangninh")
    page.locator(".site-nav summary", has_text=vi("Emulation")).click()  # the menu group
    page.locator(".site-nav").get_by_role("link", name=vi("Campaigns"), exact=True).click()
    expect(page.locator("h1")).to_have_text(vi("Emulation campaigns"))
    form = page.locator("#launch-form")
    form.locator("#id_organization").select_option(label="Ban Dân vận Tỉnh ủy Quảng Ninh · Tỉnh Quảng Ninh")
    form.locator("#id_name").fill("Dân vận khéo 2024")
    form.locator("#id_theme").fill("Thi đua Dân vận khéo gắn với xây dựng nông thôn mới")
    form.locator("#id_starts_on").fill("2024-01-01")
    form.locator("#id_ends_on").fill("2024-12-31")
    form.locator("input[name='levels'][value='commune']").check()
    form.locator("#id_result_rule").select_option("average")
    form.get_by_role("button", name=vi("Launch the campaign")).click()
    expect(page.locator("h1")).to_have_text("Dân vận khéo 2024")
    expect(page.locator(".messages")).to_contain_text(
        vi("The campaign was launched; now set its standards and council.")
    )
    campaign_url = page.url

    # standards pasted from Word: a bad line first, named, nothing saved
    standards = page.locator("#criteria-form")
    standards.locator("#id_subject").select_option("collective")
    standards.locator("#id_name").fill("Năm tiêu chuẩn tập thể")
    standards.locator("#id_lines").fill(STANDARDS.replace("; 30\n", "; ba mươi\n"))
    standards.get_by_role("button", name=vi("Save the standards")).click()
    expect(page.locator("#standards .form-error")).to_contain_text(
        vi("Line %(n)s: the maximum score “%(value)s” is not a number above zero.", n="2", value="ba mươi")
    )
    expect(page.locator("#standards table.criteria")).to_have_count(0)
    page.locator("#criteria-form #id_lines").fill(STANDARDS)
    page.locator("#criteria-form").get_by_role("button", name=vi("Save the standards")).click()
    expect(page.locator("#standards table.criteria tbody tr")).to_have_count(3)
    expect(page.locator("#standards")).to_contain_text("Trọng dân, có trách nhiệm")

    # the council: the manager chairs it, the national administrator sits on it
    council = page.locator("#council-form")
    council.locator("#id_name").fill("Hội đồng Thi đua – Khen thưởng tỉnh")
    council.get_by_label("Nguyễn Văn Hải").select_option("chair")
    council.get_by_label("Quản trị hệ thống").select_option("member")
    council.get_by_role("button", name=vi("Save the council")).click()
    expect(page.locator("#council-members")).to_contain_text("Nguyễn Văn Hải")
    expect(page.locator("#council-members")).to_contain_text("Quản trị hệ thống")
    sign_out(page)

    # the commune registers, assesses itself with evidence and submits
    login_as(page, "namkhe")
    page.goto(campaign_url)
    expect(page.locator("#criteria-form")).to_have_count(0)
    expect(page.locator("#council-form")).to_have_count(0)
    registration = page.locator("#registration-form")
    registration.locator("#id_unit").select_option(index=1)
    registration.locator("#id_commitments_text").fill("Xây dựng 2 mô hình dân vận khéo")
    registration.locator("#id_c0_text").fill("Bê tông hóa 3 km đường ngõ xóm")
    registration.get_by_role("button", name=vi("Register")).click()
    expect(page.locator("#registration-table")).to_contain_text("Nam Khê")
    page.get_by_role("button", name=vi("Start the self-assessment")).click()
    expect(page.locator("#evaluation-status")).to_have_text(vi("draft").capitalize())
    evaluation_url = page.url
    fill_scores(page, "#self-form", ["28", "27,5", "35"])
    page.locator("#self-form textarea").first.fill("Mỗi tháng 2 lần xuống tổ dân phố")
    page.get_by_role("button", name=vi("Save the self-assessment")).click()
    expect(page.locator("#evaluation-facts")).to_contain_text("90,5")
    evidence = page.locator("#evidence-form")
    evidence.locator("#id_criterion").select_option(index=1)
    evidence.locator("#id_kind").select_option("file")
    evidence.locator("#id_label").fill("Biên bản họp tổ dân phố")
    evidence.locator("#id_file").set_input_files(
        files=[{"name": "bien-ban.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    evidence.get_by_role("button", name=vi("Add the evidence")).click()
    expect(page.locator("#criteria .evidence")).to_contain_text("Biên bản họp tổ dân phố")
    page.locator("#submit-button").click()
    expect(page.locator("#evaluation-status")).to_have_text(vi("submitted").capitalize())
    expect(page.locator("#self-form")).to_have_count(0)
    expect(page.locator("#approve-button")).to_have_count(0)
    sign_out(page)

    # the chair sends it to the council and scores; a score above the maximum is refused first
    login_as(page, "quangninh")
    page.goto(evaluation_url)
    page.locator("#review-button").click()
    expect(page.locator("#evaluation-status")).to_have_text(vi("council review").capitalize())
    fill_scores(page, "#score-form", ["31", "25", "30"])
    page.get_by_role("button", name=vi("Save my scores")).click()
    expect(page.locator("#council-scores .form-error")).to_be_visible()
    expect(page.locator("#member-totals")).to_contain_text(vi("No council member has scored yet."))
    fill_scores(page, "#score-form", ["25", "25", "30"])  # 80
    page.get_by_role("button", name=vi("Save my scores")).click()
    expect(page.locator(".messages")).to_contain_text(vi("Your scores were saved."))
    sign_out(page)

    # the member finds it among the nominations to score
    login_as(page, "admin")
    page.goto("/recognition/campaigns/")
    page.locator("#to-score").get_by_role("link", name=re.compile("Nam Khê")).click()
    fill_scores(page, "#score-form", ["30", "25", "35"])  # 90
    page.get_by_role("button", name=vi("Save my scores")).click()
    expect(page.locator(".messages")).to_contain_text(vi("Your scores were saved."))
    page.goto("/recognition/campaigns/")
    expect(page.locator("#to-score")).to_have_count(0)
    sign_out(page)

    # the standing body sees each member's total, approves (average: 85) and publishes
    login_as(page, "quangninh")
    page.goto(evaluation_url)
    totals = page.locator("#member-totals")
    expect(totals).to_contain_text("80")
    expect(totals).to_contain_text("90")
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    page.locator("#approve-button").click()
    expect(page.locator("#evaluation-result")).to_contain_text("85")
    page.locator("#publish-button").click()
    expect(page.locator("#evaluation-status")).to_have_text(vi("published").capitalize())
    expect(page.locator("#return-form")).to_have_count(0)
    expect(page.locator("#history")).to_contain_text(vi("published"))
    sign_out(page)

    # the commune sees its published result, read-only
    login_as(page, "namkhe")
    page.goto(evaluation_url)
    expect(page.locator("#evaluation-result")).to_contain_text("85")
    expect(page.locator("#read-only")).to_be_visible()
    expect(page.locator("#self-form, #evidence-form, #score-form, #steps")).to_have_count(0)
    page.goto(campaign_url)
    expect(page.locator("#registration-table")).to_contain_text("85")
    sign_out(page)

    # another province sees nothing of it
    login_as(page, "tuyenquang")
    assert page.goto(campaign_url).status == 404
    assert page.goto(evaluation_url).status == 404
    assert errors == []
