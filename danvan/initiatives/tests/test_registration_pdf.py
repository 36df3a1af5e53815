"""The registration form as PDF: /models/<pk>/registration.pdf, made from the Word file by LibreOffice.

One real conversion (LibreOffice takes seconds): the PDF's text read back with pypdf, page 1 rendered
to PNG by poppler's pdftoppm. A LibreOffice that is missing or hangs gives a page in Vietnamese with
the message and the Word file's link (503), never a 500; a model outside the scope is a 404.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import time
from urllib.parse import unquote

import pytest
from django.urls import reverse
from pypdf import PdfReader

from danvan.documents.tests.fake_office import hanging_soffice, needs_libreoffice
from danvan.initiatives.tests.factories import nam_khe_model
from danvan.initiatives.tests.test_registration_docx import TITLE
from danvan.initiatives.tests.test_views_detail import full_model

NAME = "Tuyến phố tự quản Nam Sơn"


def pdf_url(model) -> str:
    return reverse("initiatives:registration_pdf", args=[model.pk])


@needs_libreoffice
def test_it_converts_the_form_and_the_pdf_renders(login, commune_reporter, tmp_path, monkeypatch):
    own_tmp = tmp_path / "tmp"  # tempfile's directory, to see that LibreOffice's files are removed
    own_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(own_tmp))
    model = full_model(commune_reporter)
    started = time.monotonic()
    response = login(commune_reporter).get(pdf_url(model))
    print(f"registration form to PDF: {time.monotonic() - started:.1f} s")  # shown with -s
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="phieu-dang-ky-tuyen-pho-tu-quan-nam-son.pdf"')
    assert unquote(disposition.split("filename*=UTF-8''", 1)[1]) == f"Phiếu đăng ký - {NAME}.pdf"
    data = b"".join(response.streaming_content)
    assert data.startswith(b"%PDF-")
    assert list(own_tmp.iterdir()) == []
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert TITLE in text
    assert NAME in text
    assert "Cộng đồng dân cư" in text
    assert "1. Thực trạng và lý do xây dựng mô hình" in text
    width, height = (float(v) * 25.4 / 72 for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (210, 297)  # A4 kept
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is missing (scripts/test installs poppler-utils as root)")
    (tmp_path / "form.pdf").write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", "form.pdf", "page1"],  # noqa: S607
        cwd=tmp_path,
        check=True,
        timeout=60,
    )
    png = (tmp_path / "page1.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 2_000


def test_a_hanging_libreoffice_gives_a_clear_page_and_the_word_file(login, commune_reporter, settings, tmp_path):
    settings.DANVAN_SOFFICE = hanging_soffice(tmp_path)
    settings.DANVAN_OFFICE_TIMEOUT = 1
    model = nam_khe_model(commune_reporter)
    response = login(commune_reporter).get(pdf_url(model))
    assert response.status_code == 503
    page = response.content.decode()
    assert "Không tạo được bản PDF" in page
    assert "LibreOffice tạo bản PDF quá 1 giây nên đã bị dừng" in page
    assert f'href="{reverse("initiatives:registration_docx", args=[model.pk])}"' in page


def test_a_missing_libreoffice_gives_a_clear_page_and_the_word_file(login, commune_reporter, settings, tmp_path):
    settings.DANVAN_SOFFICE = str(tmp_path / "nowhere" / "soffice")
    model = nam_khe_model(commune_reporter)
    response = login(commune_reporter).get(pdf_url(model))
    assert response.status_code == 503
    page = response.content.decode()
    assert "Máy chủ chưa cài LibreOffice nên không tạo được bản PDF" in page
    assert f'href="{reverse("initiatives:registration_docx", args=[model.pk])}"' in page


def test_it_rejects_other_province(login, commune_reporter, other_manager, settings, tmp_path):
    settings.DANVAN_SOFFICE = str(tmp_path / "nowhere" / "soffice")  # the 404 comes before any conversion
    model = nam_khe_model(commune_reporter)
    assert login(other_manager).get(pdf_url(model)).status_code == 404
    assert login(commune_reporter).get(reverse("initiatives:detail", args=[model.pk])).status_code == 200


def test_the_model_page_links_the_pdf_next_to_the_word_file(login, commune_reporter):
    model = nam_khe_model(commune_reporter)
    page = login(commune_reporter).get(reverse("initiatives:detail", args=[model.pk])).content.decode()
    word = page.index('id="registration-docx"')
    pdf = page.index('id="registration-pdf"')
    assert 0 < pdf - word < 400
    assert f'href="{pdf_url(model)}"' in page
    assert "Tải phiếu đăng ký (PDF)" in page


def test_it_asks_to_sign_in(client, commune_reporter):
    model = nam_khe_model(commune_reporter)
    response = client.get(pdf_url(model))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
