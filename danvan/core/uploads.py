"""One check for every uploaded file: its size, that it is not empty, and what it is by its bytes.

The file's name and the type the browser sent are never trusted: a photo is a photo when Pillow
can read it, a PDF starts with its magic, and a Word or Excel file is a zip holding the parts its
format requires. Zip files are checked for shape from their central directory alone — how many
members, how large they say they unpack, how hard they are compressed — without unpacking
anything, so a zip bomb costs the request a few milliseconds. The declared sizes are a real bound:
Python's zipfile stops a member at its declared size and fails its CRC check if the data goes on,
so whatever reads the file later (in the background worker) never gets more than was declared.

Every refusal is a `DomainError` with a message in the user's language; a file too large is 413.
"""

from __future__ import annotations

import enum
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from danvan.core.errors import DomainError

Image.MAX_IMAGE_PIXELS = 60_000_000  # a decompression bomb is refused, not rendered

# Zip shape: an honest workbook or document is a few dozen members compressed ten or twenty times.
ZIP_MAX_MEMBERS = getattr(settings, "DANVAN_UPLOAD_ZIP_MAX_MEMBERS", 2_000)
ZIP_MAX_UNPACKED = getattr(settings, "DANVAN_UPLOAD_ZIP_MAX_UNPACKED_BYTES", 200 * 1024 * 1024)
ZIP_MAX_RATIO = getattr(settings, "DANVAN_UPLOAD_ZIP_MAX_RATIO", 100)  # unpacked ÷ packed, per member
ZIP_RATIO_FLOOR = 1024 * 1024  # members smaller than this unpacked are not held to the ratio

_XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary Office formats (.xls, .doc)


class FileType(enum.Enum):
    """The types an upload may be, each with its content type and the extension it is stored under."""

    PDF = ("application/pdf", ".pdf")
    JPEG = ("image/jpeg", ".jpg")
    PNG = ("image/png", ".png")
    WEBP = ("image/webp", ".webp")
    DOCX = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")
    XLSX = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")

    @property
    def content_type(self) -> str:
        return self.value[0]

    @property
    def ext(self) -> str:
        return self.value[1]


PHOTOS = (FileType.JPEG, FileType.PNG, FileType.WEBP)
_PILLOW_FORMATS = {"JPEG": FileType.JPEG, "PNG": FileType.PNG, "WEBP": FileType.WEBP}
_ZIP_PARTS = {  # the parts a zip must hold to be this type
    FileType.DOCX: ("[Content_Types].xml", "word/document.xml"),
    FileType.XLSX: ("[Content_Types].xml", "xl/workbook.xml"),
}


@dataclass(frozen=True)
class CheckedUpload:
    """What the check found: a safe file name (with the sniffed extension), the type and the size."""

    name: str
    type: FileType
    size: int

    @property
    def content_type(self) -> str:
        return self.type.content_type

    @property
    def ext(self) -> str:
        return self.type.ext


def upload_check(
    upload: Any,
    *,
    accept: Iterable[FileType],
    max_bytes: int,
    wrong_type: str | None = None,
    named: bool = False,
) -> CheckedUpload:
    """Check `upload` (a Django UploadedFile, or any file with `.name` and `.size`) and rewind it.

    `wrong_type` is the message for a file of another type (a default names what is accepted);
    `named` puts the file's name into every message, for forms that take several files.
    """
    accepted = tuple(accept)
    original = Path(getattr(upload, "name", "") or "file").name[:200] or "file"
    size = getattr(upload, "size", None)
    file: IO[bytes] = getattr(upload, "file", upload)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
    if size > max_bytes:
        values = {"name": original, "size": filesizeformat(size), "limit": filesizeformat(max_bytes)}
        message = (
            _("The file “%(name)s” is too large (%(size)s); the limit is %(limit)s.")
            if named
            else _("The file is too large (%(size)s); the limit is %(limit)s.")
        )
        raise DomainError(message % values, code="too_large", status=413)
    if size == 0:
        message = _("The file “%(name)s” is empty.") % {"name": original} if named else _("The file is empty.")
        raise DomainError(message, code="empty")
    file.seek(0)
    try:
        found = _sniff(file, accepted, wrong_type or _accepted_message(accepted))
    finally:
        file.seek(0)
    stem = Path(original).stem[:80] or "file"
    return CheckedUpload(name=stem + found.ext, type=found, size=size)


def zip_shape_check(file: IO[bytes], *, parts: Iterable[str] = ()) -> None:
    """Refuse a zip that is damaged, lacks `parts`, or would unpack to far more than it weighs."""
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise DomainError(_("The file is damaged: save it again and retry."), code="damaged") from exc
    if len(members) > ZIP_MAX_MEMBERS:
        raise DomainError(
            _("The file holds too many parts (%(count)s) to be an ordinary document.") % {"count": len(members)},
            code="too_complex",
        )
    unpacked = sum(m.file_size for m in members)
    if unpacked > ZIP_MAX_UNPACKED:
        raise DomainError(
            _("The file is too large once unpacked (%(size)s; the limit is %(limit)s). Split it into several files.")
            % {"size": filesizeformat(unpacked), "limit": filesizeformat(ZIP_MAX_UNPACKED)},
            code="too_large_unpacked",
        )
    for member in members:
        if member.file_size > ZIP_RATIO_FLOOR and member.file_size > ZIP_MAX_RATIO * max(member.compress_size, 1):
            raise DomainError(
                _("The file is compressed far more than a real document is: it was refused as unsafe."),
                code="zip_bomb",
            )
    names = {m.filename for m in members}
    if any(part not in names for part in parts):
        raise DomainError(_("The file is damaged: save it again and retry."), code="damaged")


def _accepted_message(accepted: tuple[FileType, ...]) -> str:
    if accepted == (FileType.XLSX,):
        return _(
            "This file is not an Excel workbook (.xlsx): it may be a CSV or another file renamed. Open it in "
            "Excel or LibreOffice and save it as “Excel Workbook (.xlsx)”."
        )
    names = {
        FileType.PDF: "PDF",
        FileType.JPEG: "JPEG",
        FileType.PNG: "PNG",
        FileType.WEBP: "WebP",
        FileType.DOCX: "Word (.docx)",
        FileType.XLSX: "Excel (.xlsx)",
    }
    return _("This type of file is not accepted. Accepted: %(types)s.") % {
        "types": ", ".join(names[t] for t in accepted)
    }


def _sniff(file: IO[bytes], accepted: tuple[FileType, ...], wrong_type: str) -> FileType:
    head = file.read(8)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        if FileType.PDF in accepted:
            return FileType.PDF
        raise DomainError(wrong_type, code="file_type")
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(file, accepted, wrong_type)
    if head.startswith(_XLS_MAGIC) and FileType.XLSX in accepted:
        raise DomainError(
            _(
                "This is an old-format Excel file (.xls). Open it in Excel or LibreOffice and save it as "
                "“Excel Workbook (.xlsx)”, then upload that file."
            ),
            code="file_type",
        )
    wanted = [t for t in accepted if t in PHOTOS]
    if not wanted:
        raise DomainError(wrong_type, code="file_type")
    try:
        with Image.open(file) as image:
            image.verify()
            kind = _PILLOW_FORMATS.get(image.format or "")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise DomainError(wrong_type, code="file_type") from exc
    if kind not in wanted:
        raise DomainError(wrong_type, code="file_type")
    return kind


def _sniff_zip(file: IO[bytes], accepted: tuple[FileType, ...], wrong_type: str) -> FileType:
    zips = [t for t in accepted if t in _ZIP_PARTS]
    if not zips:
        raise DomainError(wrong_type, code="file_type")
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise DomainError(_("The file is damaged: save it again and retry."), code="damaged") from exc
    finally:
        file.seek(0)
    kind = next((t for t in zips if all(part in names for part in _ZIP_PARTS[t])), None)
    if kind is None:
        if zips == [FileType.XLSX]:
            raise DomainError(
                _(
                    "This file is not an Excel workbook (.xlsx): it may be an OpenDocument or Word file. Save it as "
                    "“Excel Workbook (.xlsx)”."
                ),
                code="file_type",
            )
        raise DomainError(wrong_type, code="file_type")
    zip_shape_check(file, parts=_ZIP_PARTS[kind])
    return kind
