"""The one upload check: size, empty, type by the bytes, and a zip's shape read without unpacking it."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from danvan.core import uploads
from danvan.core.errors import DomainError
from danvan.core.uploads import PHOTOS, FileType, upload_check


def _image(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, fmt)
    return out.getvalue()


def _zip(files: dict[str, bytes | str], *, level: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", level) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


XLSX = _zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
DOCX = _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<document/>"})
FILES = {
    "pdf": (b"%PDF-1.7\n%...", FileType.PDF),
    "png": (_image("PNG"), FileType.PNG),
    "jpeg": (_image("JPEG"), FileType.JPEG),
    "webp": (_image("WEBP"), FileType.WEBP),
    "docx": (DOCX, FileType.DOCX),
    "xlsx": (XLSX, FileType.XLSX),
}
EVERYTHING = tuple(FileType)


def _upload(data: bytes, name: str = "file.bin") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def _refusal(data: bytes, **kwargs) -> DomainError:
    kwargs.setdefault("accept", EVERYTHING)
    kwargs.setdefault("max_bytes", 10_000_000)
    with translation.override("en"), pytest.raises(DomainError) as caught:
        upload_check(_upload(data, kwargs.pop("name", "file.bin")), **kwargs)
    return caught.value


@pytest.mark.parametrize("case", list(FILES))
def test_it_names_the_type_from_the_bytes_not_the_name(case):
    data, expected = FILES[case]
    upload = _upload(data, "renamed.txt")
    checked = upload_check(upload, accept=EVERYTHING, max_bytes=10_000_000)
    assert checked.type is expected
    assert checked.name == "renamed" + expected.ext
    assert upload.read() == data  # rewound for the caller


def test_it_refuses_a_type_not_accepted_with_the_callers_message():
    error = _refusal(FILES["pdf"][0], accept=PHOTOS, wrong_type="Photos only.")
    assert (error.message, error.code) == ("Photos only.", "file_type")


def test_a_docx_is_not_an_xlsx():
    error = _refusal(DOCX, accept=(FileType.XLSX,))
    assert "not an Excel workbook" in error.message and "Word" in error.message


def test_an_old_xls_gets_told_how_to_save_it():
    error = _refusal(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, accept=(FileType.XLSX,))
    assert ".xls" in error.message and "Excel Workbook (.xlsx)" in error.message


def test_it_refuses_an_empty_file():
    error = _refusal(b"")
    assert (error.message, error.code) == ("The file is empty.", "empty")


def test_it_refuses_a_file_over_the_limit_with_413_and_names_it_when_asked():
    error = _refusal(b"x" * 2000, name="scan.pdf", max_bytes=1000, named=True)
    assert error.status == 413
    assert "“scan.pdf” is too large" in error.message and "1000" in error.message.replace(" ", "")


def test_a_picture_that_is_not_a_picture_is_refused():
    error = _refusal(b"\x89PNG\r\n\x1a\n" + b"garbage" * 20, accept=PHOTOS)
    assert error.code == "file_type" and "not accepted" in error.message


def test_a_truncated_zip_is_damaged():
    error = _refusal(XLSX[:40])
    assert error.code == "damaged" and "damaged" in error.message


def test_a_zip_that_unpacks_past_the_limit_is_refused_from_its_directory(monkeypatch):
    monkeypatch.setattr(uploads, "ZIP_MAX_UNPACKED", 50_000)
    data = _zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<w/>", "xl/big.xml": "a" * 60_000})
    error = _refusal(data, accept=(FileType.XLSX,))
    assert error.code == "too_large_unpacked" and "too large once unpacked" in error.message


def test_a_member_compressed_past_any_real_document_is_refused(monkeypatch):
    data = _zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<w/>", "xl/big.xml": "a" * 3_000_000})
    error = _refusal(data, accept=(FileType.XLSX,))
    assert error.code == "zip_bomb"


def test_a_zip_of_too_many_members_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "ZIP_MAX_MEMBERS", 10)
    data = _zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<w/>", **{f"x/{i}": "" for i in range(10)}})
    error = _refusal(data, accept=(FileType.XLSX,))
    assert error.code == "too_complex"


def test_the_messages_are_vietnamese_by_default():
    with translation.override("vi"), pytest.raises(DomainError) as caught:
        upload_check(_upload(b""), accept=EVERYTHING, max_bytes=100)
    assert caught.value.message == "Tệp rỗng."
