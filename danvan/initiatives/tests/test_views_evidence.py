"""Evidence on a model's page: upload, thumbnails, and files served only to who can see the model."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from danvan.conftest import unit
from danvan.initiatives.evidence import evidence_add
from danvan.initiatives.models import Evidence
from danvan.initiatives.tests.factories import nam_khe_model
from danvan.org.models import Membership, Organization, Role, User


def png_bytes(size=(800, 600)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


PDF = b"%PDF-1.4\n%minh chung\n"


def photo(actor, model):
    return evidence_add(
        actor=actor, initiative=model, upload=SimpleUploadedFile("anh.png", png_bytes()), caption="Tuyến phố"
    )


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_reporter_uploads_a_photo(login, commune_reporter):
    model = nam_khe_model(commune_reporter)
    client = login(commune_reporter)
    upload = SimpleUploadedFile("tuyen-pho.png", png_bytes(), content_type="application/octet-stream")
    response = client.post(f"/models/{model.pk}/evidence/", {"file": upload, "caption": "Tuyến phố sau chỉnh trang"})
    assert response.status_code == 302
    assert response["Location"] == f"/models/{model.pk}/#evidence"
    item = Evidence.objects.get()
    assert (item.content_type, item.caption) == ("image/png", "Tuyến phố sau chỉnh trang")
    content = client.get(model.get_absolute_url()).content.decode()
    assert (
        f'<a href="/models/{model.pk}/evidence/{item.pk}/"><img src="/models/{model.pk}/evidence/{item.pk}/thumb/" '
        'alt="Tuyến phố sau chỉnh trang" loading="lazy"></a>'
    ) in content
    assert "Minh chứng đã thêm: tuyen-pho.png" in content  # on the timeline
    assert "/media/" not in content


def test_files_are_served_to_who_can_see_the_model(login, commune_reporter, province_manager):
    model = nam_khe_model(commune_reporter)
    item = photo(commune_reporter, model)
    for user in (commune_reporter, province_manager):
        client = login(user)
        full = client.get(f"/models/{model.pk}/evidence/{item.pk}/")
        assert full.status_code == 200
        assert full["Content-Type"] == "image/png"
        assert body(full) == png_bytes()
        assert full["Cache-Control"] == "private, max-age=3600"
        thumb = client.get(f"/models/{model.pk}/evidence/{item.pk}/thumb/")
        assert thumb["Content-Type"] == "image/jpeg"
        assert body(thumb)[:2] == b"\xff\xd8"


def test_it_rejects_other_province(login, commune_reporter, other_manager):
    model = nam_khe_model(commune_reporter)
    item = photo(commune_reporter, model)
    client = login(other_manager)
    for url in (f"/models/{model.pk}/evidence/{item.pk}/", f"/models/{model.pk}/evidence/{item.pk}/thumb/"):
        assert client.get(url).status_code == 404
    upload = SimpleUploadedFile("a.png", png_bytes())
    assert client.post(f"/models/{model.pk}/evidence/", {"file": upload}).status_code == 404
    assert Evidence.objects.count() == 1


def test_a_file_is_found_only_under_its_own_model(login, admin_user, commune_reporter):
    mine = nam_khe_model(commune_reporter)
    item = photo(commune_reporter, mine)
    elsewhere = nam_khe_model(
        admin_user,
        name="Camera an ninh",
        unit=unit("2024", "08"),
        organization=Organization.objects.get(name="Công an tỉnh Tuyên Quang"),
    )
    client = login(admin_user)
    assert client.get(f"/models/{elsewhere.pk}/evidence/{item.pk}/").status_code == 404
    assert client.get(f"/models/{mine.pk}/evidence/{item.pk + 1}/").status_code == 404
    assert client.get(f"/models/{mine.pk}/evidence/{2**64}/").status_code == 404


def test_anonymous_visitors_get_no_file(client, commune_reporter):
    model = nam_khe_model(commune_reporter)
    item = photo(commune_reporter, model)
    response = client.get(f"/models/{model.pk}/evidence/{item.pk}/")
    assert response.status_code == 302
    assert client.get("/media/" + item.file.name).status_code == 404  # uploads are never public


def test_a_pdf_is_a_link_without_thumbnail(login, commune_reporter):
    model = nam_khe_model(commune_reporter)
    client = login(commune_reporter)
    client.post(f"/models/{model.pk}/evidence/", {"file": SimpleUploadedFile("bao-cao.pdf", PDF)})
    item = Evidence.objects.get()
    content = client.get(model.get_absolute_url()).content.decode()
    assert f'<a class="evidence-file" href="/models/{model.pk}/evidence/{item.pk}/">PDF · bao-cao.pdf</a>' in content
    response = client.get(f"/models/{model.pk}/evidence/{item.pk}/")
    assert response["Content-Type"] == "application/pdf"
    assert 'inline; filename="bao-cao.pdf"' in response["Content-Disposition"]
    assert client.get(f"/models/{model.pk}/evidence/{item.pk}/thumb/").status_code == 404


@pytest.mark.parametrize(
    ("upload", "status", "message"),
    [
        (SimpleUploadedFile("anh.jpg", b"MZ\x90\x00 not a photo"), 400, "Chỉ nhận ảnh (JPEG, PNG, WebP) và tệp PDF."),
        (SimpleUploadedFile("rong.png", b""), 400, "Tập tin được gửi là rỗng."),
        (None, 400, "Trường này là bắt buộc."),
    ],
)
def test_a_bad_file_is_refused_with_a_message(login, commune_reporter, upload, status, message):
    model = nam_khe_model(commune_reporter)
    data = {"caption": "x"} | ({"file": upload} if upload else {})
    response = login(commune_reporter).post(f"/models/{model.pk}/evidence/", data)
    assert response.status_code == status
    assert message in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_too_large_file_gets_413(login, commune_reporter, monkeypatch):
    from danvan.initiatives import evidence as evidence_module

    monkeypatch.setattr(evidence_module, "MAX_BYTES", 1000)
    model = nam_khe_model(commune_reporter)
    response = login(commune_reporter).post(
        f"/models/{model.pk}/evidence/", {"file": SimpleUploadedFile("a.png", png_bytes())}
    )
    assert response.status_code == 413
    assert not Evidence.objects.exists()


def test_a_viewer_sees_the_files_but_may_not_add_any(login, commune_reporter):
    model = nam_khe_model(commune_reporter)
    item = photo(commune_reporter, model)
    viewer = User.objects.create_user(username="xem", password="x")
    Membership.objects.create(user=viewer, role=Role.VIEWER, unit=unit("2024", "22"))
    client = login(viewer)
    page = client.get(model.get_absolute_url()).content.decode()
    assert f"/models/{model.pk}/evidence/{item.pk}/thumb/" in page
    assert 'enctype="multipart/form-data"' not in page
    assert client.get(f"/models/{model.pk}/evidence/{item.pk}/").status_code == 200
    response = client.post(f"/models/{model.pk}/evidence/", {"file": SimpleUploadedFile("b.png", png_bytes())})
    assert response.status_code == 403
    assert "Bạn không được thêm minh chứng cho mô hình này." in response.content.decode()
    assert Evidence.objects.count() == 1
