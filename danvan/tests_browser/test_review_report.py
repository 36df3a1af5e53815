"""The review report in a real browser: Tuyên Quang's manager goes from the dashboard to a generated Word file.

The manager opens the province's 2024 dashboard, follows "Write the review report" to the create
page (unit and period already chosen), creates the report, writes the "limits and causes", asks for
the files, watches the progress bar until the demo's worker has made them, and downloads the Word
file, which python-docx reads back with the narrative in it.
"""

from __future__ import annotations

import importlib.util
import io
import re

import pytest
from docx import Document
from playwright.sync_api import expect

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("danvan.documents.selectors.review") is None,
    reason="the report's figures (documents.selectors.review) are not in this tree yet",
)


@pytest.mark.browser
def test_a_manager_generates_the_review_report_from_the_dashboard(page, login_as):
    login_as(page, "tuyenquang")
    page.goto("/reports/dashboard/?era=2025&unit=08&period=2024")
    page.locator("#review-report-link").click()
    expect(page).to_have_url(re.compile(r"/documents/reviews/new/\?unit=\d+&period=2024"))
    form = page.locator("#review-new-form")
    expect(form.locator("select[name=period]")).to_have_value("2024")
    expect(form.locator("select[name=unit] option:checked")).to_contain_text("Tuyên Quang")
    form.locator("input[name=issuer]").fill("Ban Dân vận Tỉnh ủy")
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/documents/reviews/\d+/$"))

    limits = page.locator("#part-limits")
    limits.locator("textarea").fill("Một số nơi còn hình thức.")
    limits.locator("button[type=submit]").click()
    expect(page.locator("#part-limits textarea")).to_have_value("Một số nơi còn hình thức.")

    page.locator("#review-generate").click()
    expect(page.locator("#review-job progress, #download-docx").first).to_be_visible()
    download_link = page.locator("#download-docx")
    expect(download_link).to_be_visible(timeout=90_000)  # the worker polls every second; charts and PDF take a few
    with page.expect_download() as caught:
        download_link.click()
    download = caught.value
    assert download.suggested_filename.startswith("bao-cao-tong-ket-tinh-tuyen-quang-2024")
    document = Document(io.BytesIO(open(download.path(), "rb").read()))  # noqa: SIM115
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts
    assert "Một số nơi còn hình thức." in texts
    assert any(t.endswith("Hạn chế, nguyên nhân") for t in texts)
