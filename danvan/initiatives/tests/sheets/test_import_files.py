"""What is uploaded must really be an .xlsx: anything else gets a plain message, never a 500 or a job."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.documents import workbook
from danvan.documents.models import ImportJob, PolicyDocument
from danvan.initiatives.models import Initiative
from danvan.initiatives.tests.sheets.helpers import filled, nam_khe_row, upload

FIXTURES = Path(__file__).parent / "fixtures"


def _zip(files):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def _file(data, name="mo-hinh.xlsx"):
    return SimpleUploadedFile(
        name, data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


BAD_FILES = {
    "csv renamed": (b"name,field\nMo hinh,economic\n", "not an Excel workbook"),
    "old xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".xls"),
    "truncated zip": (None, "damaged"),
    "other zip": (_zip({"content.xml": "<office:document/>", "mimetype": "application/vnd.oasis"}), "OpenDocument"),
    "empty": (b"", "empty"),  # Django's own check
}


def test_a_workbook_whose_xml_is_broken_fails_in_the_worker_with_a_message(
    commune_reporter, login, django_capture_on_commit_callbacks
):
    """The request only checks the zip's shape; the XML is read by the worker, and its failure is shown."""
    client = login(commune_reporter)
    client.cookies["django_language"] = "en"
    data = _zip({"[Content_Types].xml": "<x", "xl/workbook.xml": "<not xml"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("documents:imports"), {"file": _file(data)})
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    html = client.get(response["Location"]).content.decode()
    assert "could not be read as an Excel workbook" in html


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_file_that_is_not_an_xlsx_gets_a_message(case, commune_reporter, login, django_capture_on_commit_callbacks):
    data, words = BAD_FILES[case]
    if data is None:
        data = filled(commune_reporter, [nam_khe_row()])[:3000]  # cut short: the zip's directory is missing
    jobs = ImportJob.objects.count()
    client = login(commune_reporter)
    client.cookies["django_language"] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("documents:imports"), {"file": _file(data)})
    assert response.status_code == 400
    assert words.lower() in response.content.decode().lower()
    assert ImportJob.objects.count() == jobs


def test_a_file_over_the_size_limit_is_refused(commune_reporter, login, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_BYTES", 1000)
    response = login(commune_reporter).post(
        reverse("documents:imports"), {"file": _file(filled(commune_reporter, [nam_khe_row()]))}
    )
    assert response.status_code == 413
    assert "quá lớn" in response.content.decode()  # Vietnamese by default


def test_a_file_resaved_by_libreoffice_imports(commune_reporter, login, django_capture_on_commit_callbacks):
    """The fixture: our template, filled in with openpyxl, then re-saved once by LibreOffice Calc 7.4
    (`soffice --headless --convert-to xlsx`): shared strings, its own styles and dates, no cell types of ours."""
    PolicyDocument.objects.get_or_create(
        number="25-NQ/TW", issuer="Ban Chấp hành Trung ương Đảng khóa XI", defaults={"title": "Nghị quyết 25"}
    )
    data = (FIXTURES / "libreoffice-calc-7.4.xlsx").read_bytes()
    assert b"Calc" in zipfile.ZipFile(io.BytesIO(data)).read("xl/workbook.xml")  # really written by LibreOffice
    before = Initiative.objects.count()
    _response, job = upload(login(commune_reporter), data, django_capture_on_commit_callbacks, name="calc.xlsx")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.SUCCEEDED, job.errors
    assert Initiative.objects.count() == before + 3
    street = Initiative.objects.get(name="Tuyến phố tự quản Nam Sơn", created_by=commune_reporter)
    assert street.money_vnd == 185_000_000 and str(street.start_date) == "2024-03-01"
    assert street.target_groups.count() == 2
    assert {r.metric_id: float(r.value) for r in street.results.all()} == {"ho-gia-dinh": 106, "km-duong": 1.2}
    lamps = Initiative.objects.get(name="Thắp sáng đường quê", created_by=commune_reporter)
    assert lamps.field == "defence_security" and lamps.situation == "Dòng 1\nDòng 2"
    coffee = Initiative.objects.get(name="Cà phê sáng - trao đổi với Nhân dân", created_by=commune_reporter)
    assert coffee.kind == "individual" and coffee.person.full_name == "Nguyễn Thị Lan"


def test_a_file_written_by_openpyxl_without_the_english_row_imports(
    commune_reporter, login, django_capture_on_commit_callbacks
):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Tên mô hình", "Lĩnh vực", "Cơ quan, tổ chức chủ trì", "Đơn vị hành chính", "Năm đăng ký"])
    ws.append(["Mô hình không có dòng tiếng Anh", "kinh tế", "Ủy ban MTTQ Việt Nam phường Nam Khê", "2024/06823", 2024])
    out = io.BytesIO()
    wb.save(out)
    _response, job = upload(login(commune_reporter), out.getvalue(), django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.SUCCEEDED, job.errors
    assert Initiative.objects.filter(name="Mô hình không có dòng tiếng Anh", field="economic").exists()


def test_unknown_and_missing_columns_are_reported_at_the_header(
    commune_reporter, login, django_capture_on_commit_callbacks
):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Tên mô hình", "Lĩnh vực", "Ghi chú riêng"])
    ws.append(["Mô hình", "kinh tế", "x"])
    out = io.BytesIO()
    wb.save(out)
    _response, job = upload(login(commune_reporter), out.getvalue(), django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert any(e["row"] == 1 and e["column"] == "C" and e["header"] == "Ghi chú riêng" for e in job.errors)
    missing = [e for e in job.errors if e["row"] == 1 and not e["column"]]
    assert len(missing) == 3  # organisation, unit, year


def test_a_large_upload_spooled_to_disk_imports(settings, commune_reporter, login, django_capture_on_commit_callbacks):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # every upload goes to a temporary file, as big ones do
    _response, job = upload(
        login(commune_reporter), filled(commune_reporter, [nam_khe_row()]), django_capture_on_commit_callbacks
    )
    job.refresh_from_db()
    assert job.status == ImportJob.Status.SUCCEEDED, job.errors
