"""Word to PDF through LibreOffice (documents/office.py): the failures a server meets, each a clear message.

The real conversion is tested once, through the registration form (initiatives/tests/test_registration_pdf.py);
here stand-in scripts play a LibreOffice that hangs, fails or is missing.
"""

from __future__ import annotations

import tempfile
import time

import pytest
from django.utils import translation

from danvan.documents.office import OfficeError, docx_to_pdf, soffice_path
from danvan.documents.tests.fake_office import WRITES_A_PDF, fake_soffice, hanging_soffice, running


@pytest.fixture(autouse=True)
def english():
    """The messages in English here; the pages' tests read them in Vietnamese."""
    with translation.override("en"):
        yield


@pytest.fixture
def own_tmp(tmp_path, monkeypatch):
    """tempfile's directory, private to the test, to see what a conversion leaves behind."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    return tmp


def test_it_kills_a_hanging_libreoffice_with_its_children_and_cleans_up(settings, tmp_path, own_tmp):
    settings.DANVAN_SOFFICE = hanging_soffice(tmp_path)
    started = time.monotonic()
    with pytest.raises(OfficeError) as caught:
        docx_to_pdf(b"PK not really a docx", timeout=1)
    assert time.monotonic() - started < 10
    assert caught.value.code == "office_timeout" and caught.value.status == 503
    assert "took more than 1 seconds" in caught.value.message
    launcher, child = (int((tmp_path / f"{name}.pid").read_text()) for name in ("launcher", "child"))
    deadline = time.monotonic() + 5
    while (running(launcher) or running(child)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not running(launcher) and not running(child)
    assert list(own_tmp.iterdir()) == []


def test_it_says_libreoffice_is_missing(settings, tmp_path, own_tmp):
    settings.DANVAN_SOFFICE = str(tmp_path / "nowhere" / "soffice")
    assert soffice_path() is None
    with pytest.raises(OfficeError) as caught:
        docx_to_pdf(b"PK")
    assert caught.value.code == "office_missing"
    assert "LibreOffice is not installed" in caught.value.message
    assert list(own_tmp.iterdir()) == []


@pytest.mark.parametrize("body", ["exit 1", "exit 0", "echo 'Error: source file could not be loaded' >&2; exit 0"])
def test_it_reports_a_failed_conversion(settings, tmp_path, own_tmp, body):
    settings.DANVAN_SOFFICE = fake_soffice(tmp_path, body)
    with pytest.raises(OfficeError) as caught:
        docx_to_pdf(b"PK")
    assert caught.value.code == "office_failed"
    assert "could not make the PDF" in caught.value.message
    assert list(own_tmp.iterdir()) == []


def test_it_hands_back_what_libreoffice_wrote_with_a_private_profile(settings, tmp_path, own_tmp):
    args = tmp_path / "args"
    settings.DANVAN_SOFFICE = fake_soffice(tmp_path, f'printf "%s\\n" "$@" >"{args}"\n{WRITES_A_PDF}')
    assert docx_to_pdf(b"PK").startswith(b"%PDF-1.4")
    given = args.read_text().splitlines()
    profile = given[0]
    assert profile.startswith(f"-env:UserInstallation=file://{own_tmp}/danvan-office-")
    assert profile.endswith("/profile")
    assert given[1:4] == ["--headless", "--norestore", "--nologo"]
    assert given[-4:-1] == ["pdf", "--outdir", given[-1].replace("in.docx", "out")]
    assert list(own_tmp.iterdir()) == []
