"""An award decision in a real browser, from the draft to the public check of its certificate.

Quảng Ninh's manager drafts a Bằng khen of the provincial commission for a collective typed as a
line, is refused a State form the commission may not award, issues the decision (it takes the
next number of the commission's series), downloads the certificate; an anonymous visitor checks
the code on the public page; after the decision is revoked the same page says so.
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

RECIPIENT = "Chi hội Cựu chiến binh khu 5, phường Nam Khê"


def vi(message: str) -> str:
    with translation.override("vi"):
        return translation.gettext(message)


@pytest.mark.browser
def test_a_decision_is_drafted_issued_verified_and_revoked(page, login_as, server, browser):
    login_as(page, "quangninh")
    page.goto("/recognition/decisions/new/")
    form = page.locator("#decision-form")
    issuer = form.locator("#id_issuer option", has_text="Ban Dân vận Tỉnh ủy Quảng Ninh").first.get_attribute("value")
    form.locator("#id_issuer").select_option(issuer)
    form.locator("#id_award").select_option(label="Bằng khen cấp bộ, ban, ngành, tỉnh")  # the chairman's, not ours
    form.locator("#id_year").fill("2024")
    form.locator("#id_suffix").fill("BDVTU")
    form.locator("#id_title").fill("Về việc tặng Bằng khen năm 2024")
    form.locator("#id_reason").fill("Đã có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo” năm 2024")
    form.locator("#id_signer_name").fill("Nguyễn Thị Hạnh")
    form.locator("#id_signer_title").fill("Trưởng Ban")
    form.locator("#id_collectives").fill(f"{RECIPIENT} | 06823")
    form.get_by_role("button", name=vi("Save the draft")).click()
    expect(page.locator("#form-error")).to_be_visible()  # refused, nothing saved: the form is shown again
    page.locator("#id_award").select_option(label="Bằng khen")  # the Party's and the Front's own
    page.locator("#decision-form").get_by_role("button", name=vi("Save the draft")).click()
    expect(page.locator("#issue-form")).to_be_visible()
    expect(page.locator("main")).to_contain_text(RECIPIENT)

    page.locator("#issue-form input[name='signed_on']").fill("20/12/2024")
    page.locator("#issue-form").get_by_role("button", name=vi("Issue the decision")).click()
    expect(page.locator("main")).to_contain_text(re.compile(r"\d+/QĐ-BDVTU"))
    code = page.locator("main table code").first.inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{10}", code)
    pdf = page.request.get(page.locator("main table a", has_text="PDF").first.get_attribute("href"))
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf" and pdf.body()[:5] == b"%PDF-"

    visitor = browser.new_context(locale="vi-VN", base_url=server).new_page()
    visitor.goto("/verify/")
    visitor.locator("#verify-code").fill(f"{code[:5].lower()}-{code[5:].lower()}")
    visitor.get_by_role("button", name=vi("Check")).click()
    expect(visitor.locator("dl.facts")).to_contain_text(RECIPIENT)
    expect(visitor.locator("dl.facts")).to_contain_text("Ban Dân vận Tỉnh ủy Quảng Ninh")
    expect(visitor.locator(".message--success")).to_be_visible()

    page.locator("#revoke-form textarea, #revoke-form input[name='reason']").first.fill("Cấp nhầm đối tượng")
    page.locator("#revoke-form").get_by_role("button", name=vi("Revoke the decision")).click()
    expect(page.locator("#revoke-form")).to_have_count(0)
    visitor.reload()
    expect(visitor.locator(".message--error")).to_contain_text(vi("Revoked"))
    assert visitor.goto("/verify/ZZZZZZZZZZ/").status == 404
    visitor.context.close()
