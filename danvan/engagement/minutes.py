"""A dialogue's minutes file: PDF, Word (DOCX) or a photo, recognised from its bytes, size-capped."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from danvan.core.errors import DomainError

MAX_BYTES = getattr(settings, "DANVAN_MAX_MINUTES_BYTES", 10 * 1024 * 1024)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_IMAGES = {"JPEG": ("image/jpeg", ".jpg"), "PNG": ("image/png", ".png"), "WEBP": ("image/webp", ".webp")}
CONTENT_TYPES = {".pdf": "application/pdf", ".docx": DOCX, **{ext: ct for ct, ext in _IMAGES.values()}}


def _refuse() -> DomainError:
    return DomainError(_("Minutes are accepted as PDF, Word (.docx) or photos (JPEG, PNG, WebP)."), code="file_type")


def sniff(data: bytes) -> tuple[str, str]:
    """(content type, extension) from the content itself; the name the sender gave is not trusted."""
    if data.startswith(b"%PDF-"):
        return "application/pdf", ".pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, OSError) as exc:
            raise _refuse() from exc
        if "word/document.xml" in names and "[Content_Types].xml" in names:
            return DOCX, ".docx"
        raise _refuse()
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            kind = image.format
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise _refuse() from exc
    if kind not in _IMAGES:
        raise _refuse()
    return _IMAGES[kind]


def read_minutes(upload: UploadedFile) -> tuple[bytes, str]:
    """The bytes and a safe file name; DomainError (413 for size) for anything not accepted."""
    if upload.size is None or upload.size > MAX_BYTES:
        raise DomainError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size or 0), "limit": filesizeformat(MAX_BYTES)},
            code="too_large",
            status=413,
        )
    if upload.size == 0:
        raise DomainError(_("The file is empty."), code="empty")
    data = upload.read()
    _content_type, ext = sniff(data)
    stem = Path(upload.name or "minutes").stem[:80] or "minutes"
    return data, stem + ext


def content_type_of(name: str) -> str:
    return CONTENT_TYPES.get(Path(name).suffix.lower(), "application/octet-stream")
