"""Certificates: a correct Vietnamese PDF per recipient, a print batch and a ZIP; the public check by code."""

import io
import shutil
import subprocess
import zipfile
from datetime import date

import pytest
from django.test import Client
from django.utils import translation

from danvan.conftest import unit
from danvan.recognition.exports.certificates import certificate_pdf, decision_pdf, decision_zip
from danvan.recognition.models import Certificate
from danvan.recognition.services.decisions import RecipientSpec, decision_issue, decision_revoke
from danvan.recognition.tests.test_decisions import draft

pytestmark = pytest.mark.django_db
NAME = "Chi hội Phụ nữ khu phố Đồng Tâm, phường Nam Khê"


@pytest.fixture
def issued(province_manager):
    d = draft(
        province_manager,
        recipients=[
            RecipientSpec(unit=unit("2024", "06823"), name=NAME, reason="Có thành tích xuất sắc xây dựng mô hình"),
            RecipientSpec(unit=unit("2024", "06823"), name="Nhân dân tổ 5"),
        ],
    )
    return decision_issue(actor=province_manager, decision=d, signed_on=date(2024, 12, 20))


def text_of(pdf: bytes) -> str:
    """Read back by pypdf, a PDF reader we did not write."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_certificate_reads_back_with_its_diacritics_and_embedded_fonts(issued):
    cert = Certificate.objects.filter(decision=issued).first()
    pdf = certificate_pdf(issued, cert)
    text = text_of(pdf)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BAN DÂN VẬN TỈNH ỦY QUẢNG NINH",
        "BẰNG KHEN",
        NAME,
        "Quyết định số 1/QĐ-BDVTU",
        "ngày 20 tháng 12 năm 2024",
        "Nguyễn Thị Hạnh",
        f"{cert.code[:5]}-{cert.code[5:]}",
    ):
        assert expected in text, expected
    from pypdf import PdfReader

    fonts = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for f in page["/Resources"]["/Font"].values():
            font = f.get_object()
            fonts[str(font["/BaseFont"])] = "/FontFile2" in font.get("/FontDescriptor", {})
    assert {name.split("+")[-1] for name in fonts} == {"NotoSerif-Regular", "NotoSerif-Bold", "NotoSerif-Italic"}
    assert all(fonts.values()), "every font is embedded"


def test_a_decision_prints_as_one_pdf_and_as_a_zip(issued):
    certs = list(Certificate.objects.filter(decision=issued).order_by("order"))
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(decision_pdf(issued, certs))).pages) == 2
    names = zipfile.ZipFile(io.BytesIO(decision_zip(issued, certs))).namelist()
    assert names == ["00001-chi-hoi-phu-nu-khu-pho-dong-tam-phuong-nam-khe.pdf", "00002-nhan-dan-to-5.pdf"]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed (scripts/test installs it)")
def test_the_certificate_renders_to_an_image(issued, tmp_path):
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(certificate_pdf(issued, Certificate.objects.filter(decision=issued).first()))
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "p")], check=True)  # noqa: S603, S607
    assert (tmp_path / "p-1.png").stat().st_size > 5000


def test_the_public_check_shows_only_what_the_certificate_shows(issued, province_manager):
    cert = Certificate.objects.filter(decision=issued, order=1).get()
    page = Client().get(f"/verify/{cert.code}/")
    html = page.content.decode()
    assert page.status_code == 200 and "Bằng khen" in html and NAME in html and "1/QĐ-BDVTU" in html
    assert "20/12/2024" in html and "Nguyễn Thị Hạnh" in html and "thu hồi" not in html
    assert "Nhân dân tổ 5" not in html  # another recipient of the same decision
    assert cert.unit.path not in html and "quangninh" not in html
    decision_revoke(actor=province_manager, decision=issued, reason="Sai sót")
    assert "thu hồi" in Client().get(f"/verify/{cert.code}/").content.decode()


def test_an_unknown_or_draft_code_is_a_plain_404(province_manager):
    d = draft(province_manager)
    code = Certificate.objects.get(decision=d).code
    assert Client().get(f"/verify/{code}/").status_code == 404
    assert Client().get("/verify/ZZZZZZZZZZ/").status_code == 404


def test_the_typed_code_is_forgiving(issued):
    cert = Certificate.objects.filter(decision=issued, order=1).get()
    typed = f" {cert.code[:5].lower()} - {cert.code[5:].lower()} "
    response = Client().get("/verify/", {"code": typed})
    assert response.status_code == 302 and response["Location"].endswith(f"/verify/{cert.code}/")


def _verified(**values):
    from danvan.recognition.selectors.certificates import Verified

    fields = {
        "code": "ABCDE12345",
        "award": "Bằng khen",
        "recipient": "Nguyễn Văn A",
        "position": "",
        "reason": "Đã có thành tích",
        "issuer": "Ban Dân vận Tỉnh ủy",
        "number": "7/QĐ-BDVTU",
        "signed_on": date(2026, 12, 7),
        "signer_title": "Trưởng ban",
        "signer_name": "Trần Thị B",
        "revoked": False,
    }
    return Verified(**{**fields, **values})


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(("revoked", "position"), [(False, ""), (False, "Tổ trưởng"), (True, "Tổ trưởng")])
def test_the_prerendered_check_page_is_the_templates_own_page(language, revoked, position):
    """Filled in from the page rendered once per case, it is exactly what the template renders itself."""
    from django.template.loader import render_to_string
    from django.urls import reverse

    from danvan.core.dates import format_date
    from danvan.portal.verify_page import verify_html

    found = _verified(revoked=revoked, position=position)
    with translation.override(language):
        direct = render_to_string(
            "portal/verify.html",
            {"cert": found, "signed_on": format_date(found.signed_on), "again": reverse("portal:verify_form")},
        )
        assert verify_html(found) == direct


def test_the_check_page_escapes_values_and_never_reads_a_marker_inside_one():
    from danvan.portal.verify_page import verify_html

    html = verify_html(_verified(recipient="<script>alert(1)</script> @@dv:reason@@", reason="Thành tích"))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "@@dv:reason@@" in html  # shown as typed, not replaced by the reason
    assert "@@dv:" not in html.replace("@@dv:reason@@", "")


def test_the_public_check_speaks_the_portals_languages(issued):
    cert = Certificate.objects.filter(decision=issued, order=1).get()
    page = Client().get(f"/de/verify/{cert.code}/").content.decode()
    assert '<html lang="de"' in page and NAME in page and "1/QĐ-BDVTU" in page
    assert 'href="/de/verify/"' in page  # "check another code" stays in German
    form = Client().get("/ja/verify/").content.decode()
    assert '<html lang="ja"' in form and 'action="/ja/verify/"' in form
    typed = Client().get("/es/verify/", {"code": cert.code})
    assert typed.status_code == 302 and typed["Location"] == f"/es/verify/{cert.code}/"
    assert Client().get("/es/verify/ZZZZZZZZZZ/").status_code == 404
