"""A dialogue's minutes file: PDF, Word (DOCX) or a photo, checked by `core.uploads` from its bytes."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from danvan.core.uploads import PHOTOS, FileType, upload_check

MAX_BYTES = getattr(settings, "DANVAN_MAX_MINUTES_BYTES", 10 * 1024 * 1024)
ACCEPTED = (FileType.PDF, FileType.DOCX, *PHOTOS)
CONTENT_TYPES = {t.ext: t.content_type for t in ACCEPTED}


def read_minutes(upload: UploadedFile) -> tuple[bytes, str]:
    """The bytes and a safe file name; DomainError (413 for size) for anything not accepted."""
    checked = upload_check(
        upload,
        accept=ACCEPTED,
        max_bytes=MAX_BYTES,
        wrong_type=_("Minutes are accepted as PDF, Word (.docx) or photos (JPEG, PNG, WebP)."),
    )
    return upload.read(), checked.name


def content_type_of(name: str) -> str:
    return CONTENT_TYPES.get(Path(name).suffix.lower(), "application/octet-stream")
