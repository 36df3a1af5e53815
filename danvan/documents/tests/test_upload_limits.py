"""A zip bomb and other oversized workbooks: refused cheaply at upload, or stopped by the worker's limits.

The bomb is the one reported from outside: a small .xlsx whose sheet, with no <dimension>, unpacks
to about 400 MB. The upload request may read the zip's directory and nothing else; the worker reads
the sheet as a stream with limits on rows, columns and time. Whatever stops the file, the user sees
why in their language, the site answers, and nothing is half-written.
"""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.documents import services, workbook
from danvan.documents.models import ImportJob
from danvan.initiatives.models import Initiative
from danvan.initiatives.tests.sheets.helpers import filled, nam_khe_row, upload

_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="xl/workbook.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Mô hình" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/></Relationships>'
    ),
}
_ROW = '<row><c t="inlineStr"><is><t>Mô hình tự quản</t></is></c><c><v>2024</v></c></row>'.encode()
_SHEET_HEAD = (
    b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_TAIL = b"</sheetData></worksheet>"


def _deflate(head: bytes, chunk: bytes, times: int, tail: bytes) -> tuple[bytes, int, int]:
    """head + chunk × times + tail, deflated fast: after a full flush the compressor's output for the
    same chunk is the same bytes, so it is compressed once and repeated. (data, CRC-32, size)"""
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = z.compress(head) + z.flush(zlib.Z_FULL_FLUSH)
    once = z.compress(chunk) + z.flush(zlib.Z_FULL_FLUSH)
    data = first + once * times + z.compress(tail) + z.flush()
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    return data, zlib.crc32(tail, crc), len(head) + len(chunk) * times + len(tail)


def bomb_xlsx(unpacked: int) -> bytes:
    """A valid .xlsx whose one sheet (no <dimension>) repeats a row until it is about `unpacked` bytes long.

    Written by hand (the zip format is three small records) so the test builds 400 MB in a second."""
    chunk = _ROW * 20_000
    members = [(name, *_deflate(text.encode(), b"", 0, b"")) for name, text in _PARTS.items()]
    members.append(("xl/worksheets/sheet1.xml", *_deflate(_SHEET_HEAD, chunk, unpacked // len(chunk) + 1, _SHEET_TAIL)))
    out, directory = io.BytesIO(), io.BytesIO()
    for name, data, crc, size in members:
        offset, encoded = out.tell(), name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0))
        out.write(encoded + data)
        directory.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0x21,
                crc,
                len(data),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    start = out.tell()
    out.write(directory.getvalue())
    out.write(
        struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory.getvalue()), start, 0)
    )
    return out.getvalue()


@pytest.fixture(scope="module")
def bomb():
    data = bomb_xlsx(400 * 1024 * 1024)
    assert len(data) < 2 * 1024 * 1024  # small packed, as reported (1.2 MB)
    return data


def _post(client, data, capture, url=None):
    file = SimpleUploadedFile("bom.xlsx", data, content_type="application/octet-stream")
    with capture(execute=True):
        return client.post(url or reverse("documents:imports"), {"file": file})


def _stored_files(settings):
    root = settings.MEDIA_ROOT / "imports"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.slow
def test_the_zip_bomb_gets_a_clear_message_without_being_unpacked(
    bomb, commune_reporter, login, django_capture_on_commit_callbacks, monkeypatch, settings
):
    def unpacking(*args, **kwargs):
        raise AssertionError("the upload request unpacked a member of the zip")

    monkeypatch.setattr(zipfile.ZipFile, "open", unpacking)  # the request may read the directory only
    client = login(commune_reporter)
    before = Initiative.objects.count()
    response = _post(client, bomb, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tệp quá lớn khi giải nén" in html  # the message, in Vietnamese by default
    assert ImportJob.objects.count() == 0 and not _stored_files(settings)  # nothing kept
    assert Initiative.objects.count() == before
    monkeypatch.undo()
    assert client.get(reverse("documents:imports")).status_code == 200  # the site still answers


@pytest.mark.slow
def test_the_report_import_refuses_the_bomb_too(
    bomb, commune_reporter, login, django_capture_on_commit_callbacks, settings
):
    client = login(commune_reporter)
    client.cookies["django_language"] = "en"
    response = _post(client, bomb, django_capture_on_commit_callbacks, url=reverse("reporting:sheet-import"))
    assert response.status_code == 400
    assert "too large once unpacked" in response.content.decode()
    assert ImportJob.objects.count() == 0 and not _stored_files(settings)


@pytest.mark.slow
def test_a_bomb_that_reaches_the_worker_fails_its_job_with_the_message(bomb, commune_reporter, login):
    """The worker trusts no file: one stored by any other way is checked again before it is opened."""
    job = ImportJob(kind=services.KIND_INITIATIVES, owner=commune_reporter, original_name="bom.xlsx", language="en")
    job.file.save("models.xlsx", ContentFile(bomb), save=False)
    job.save()
    services.import_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and job.saved == 0
    assert "too large once unpacked" in job.errors[0]["message"]
    html = login(commune_reporter).get(reverse("documents:import", args=[job.pk])).content.decode()
    assert "too large once unpacked" in html


def test_a_sheet_past_the_row_limit_fails_in_the_worker_and_saves_nothing(
    commune_reporter, login, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(workbook, "MAX_ROWS", 3)
    before = Initiative.objects.count()
    client = login(commune_reporter)
    client.cookies["django_language"] = "en"
    rows = [nam_khe_row(name=f"Mô hình {i}") for i in range(5)]
    response, job = upload(client, filled(commune_reporter, rows), django_capture_on_commit_callbacks)
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.errors[0]["message"] == "The file has more than 3 rows. Split it into several files."
    assert Initiative.objects.count() == before
    assert "more than 3 rows" in client.get(response["Location"]).content.decode()


def test_a_row_past_the_column_limit_fails_in_the_worker(
    commune_reporter, login, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(workbook, "MAX_COLUMNS", 5)  # the template has more columns than this
    client = login(commune_reporter)
    client.cookies["django_language"] = "en"
    _response, job = upload(client, filled(commune_reporter, [nam_khe_row()]), django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.errors[0]["message"] == "Row 1 has more than 5 columns: use the columns of the template."


def test_a_read_past_the_time_limit_fails_in_the_worker(
    commune_reporter, login, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(workbook, "MAX_READ_SECONDS", -1)  # already late at the first row
    before = Initiative.objects.count()
    client = login(commune_reporter)
    _response, job = upload(client, filled(commune_reporter, [nam_khe_row()]), django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.errors[0]["message"].startswith("Đọc tệp mất quá nhiều thời gian")
    assert Initiative.objects.count() == before


@pytest.mark.slow
def test_a_bomb_let_through_the_shape_check_is_stopped_by_the_row_counter(
    bomb, commune_reporter, login, django_capture_on_commit_callbacks, monkeypatch
):
    """Were the shape limits loosened, the streaming row count still stops the 400 MB sheet in its first
    megabytes — before openpyxl, which reads a whole sheet without <dimension> just to learn its size."""
    from danvan.core import uploads

    monkeypatch.setattr(uploads, "ZIP_MAX_UNPACKED", 10**12)
    monkeypatch.setattr(uploads, "ZIP_MAX_RATIO", 10**6)
    before = Initiative.objects.count()
    client = login(commune_reporter)
    client.cookies["django_language"] = "en"
    response = _post(client, bomb, django_capture_on_commit_callbacks)
    assert response.status_code == 302  # accepted: the request read only the zip's directory
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED and job.saved == 0
    assert job.errors[0]["message"] == "The sheet has too many rows (more than 60,010). Split it into several files."
    assert Initiative.objects.count() == before
    assert "too many rows (more than 60,010)" in client.get(response["Location"]).content.decode()
