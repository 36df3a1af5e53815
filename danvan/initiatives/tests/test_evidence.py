"""Evidence upload: sniffed types, size cap, thumbnails, scope; nothing half-saved."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from danvan.core.errors import DomainError
from danvan.initiatives import evidence as evidence_module
from danvan.initiatives.evidence import evidence_add
from danvan.initiatives.models import Evidence
from danvan.initiatives.tests.factories import nam_khe_model


def png_bytes(size=(800, 600)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def test_a_photo_gets_a_thumbnail(commune_reporter):
    model = nam_khe_model(commune_reporter)
    upload = SimpleUploadedFile("anh.png", png_bytes(), content_type="application/octet-stream")
    ev = evidence_add(actor=commune_reporter, initiative=model, upload=upload, caption="Tuyến phố")
    assert ev.content_type == "image/png" and ev.is_image
    with Image.open(ev.thumbnail.path) as thumb:
        assert max(thumb.size) <= 320
    assert model.events.filter(kind="evidence").exists()


def test_a_pdf_is_accepted_without_thumbnail(commune_reporter):
    model = nam_khe_model(commune_reporter)
    upload = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4\n%...\n", content_type="application/pdf")
    ev = evidence_add(actor=commune_reporter, initiative=model, upload=upload)
    assert ev.content_type == "application/pdf" and not ev.thumbnail


def test_a_renamed_executable_is_refused(commune_reporter):
    model = nam_khe_model(commune_reporter)
    upload = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00 not a photo", content_type="image/jpeg")
    with pytest.raises(DomainError, match=r"(?i)pdf"):
        evidence_add(actor=commune_reporter, initiative=model, upload=upload)
    assert not Evidence.objects.exists()


def test_an_oversized_file_is_refused(commune_reporter, monkeypatch):
    monkeypatch.setattr(evidence_module, "MAX_BYTES", 1000)
    model = nam_khe_model(commune_reporter)
    with pytest.raises(DomainError) as refused:
        evidence_add(actor=commune_reporter, initiative=model, upload=SimpleUploadedFile("a.png", png_bytes()))
    assert refused.value.status == 413
    assert not Evidence.objects.exists()


def test_it_rejects_other_province(commune_reporter, other_manager):
    model = nam_khe_model(commune_reporter)
    with pytest.raises(DomainError):
        evidence_add(actor=other_manager, initiative=model, upload=SimpleUploadedFile("a.png", png_bytes()))
    assert not Evidence.objects.exists()
