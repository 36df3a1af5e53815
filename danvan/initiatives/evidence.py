"""Evidence files: checked by `core.uploads` (size, type sniffed from the bytes); images get thumbnails."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image

from danvan.core.audit import audit
from danvan.core.errors import DomainError
from danvan.core.uploads import PHOTOS, FileType, upload_check
from danvan.initiatives.models import Evidence, Initiative, InitiativeEvent
from danvan.org.access import Action, can

MAX_BYTES = getattr(settings, "DANVAN_MAX_EVIDENCE_BYTES", 10 * 1024 * 1024)
THUMBNAIL_SIZE = (320, 320)


def _thumbnail(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        image = image.convert("RGB")
        image.thumbnail(THUMBNAIL_SIZE)
        out = io.BytesIO()
        image.save(out, "JPEG", quality=82)
        return out.getvalue()


@transaction.atomic
def evidence_add(*, actor: Any, initiative: Initiative, upload: UploadedFile, caption: str = "") -> Evidence:
    if not can(actor, Action.REPORT, initiative.unit, initiative.organization):
        raise DomainError(_("You may not add evidence to this model."), code="forbidden", status=403)
    checked = upload_check(
        upload,
        accept=(*PHOTOS, FileType.PDF),
        max_bytes=MAX_BYTES,
        wrong_type=_("Only photos (JPEG, PNG, WebP) and PDF files are accepted."),
    )
    data = upload.read()
    content_type, ext = checked.content_type, checked.ext
    stem = Path(upload.name or "evidence").stem[:80] or "evidence"
    evidence = Evidence(
        initiative=initiative,
        original_name=(upload.name or stem)[:255],
        content_type=content_type,
        size=len(data),
        caption=caption.strip()[:255],
        uploaded_by=actor,
    )
    evidence.file.save(stem + ext, ContentFile(data), save=False)
    if content_type.startswith("image/"):
        evidence.thumbnail.save(stem + ".jpg", ContentFile(_thumbnail(data)), save=False)
    # the files are written before the row: if the row cannot be saved, do not leave them behind
    try:
        evidence.save()
    except Exception:
        evidence.file.delete(save=False)
        if evidence.thumbnail:
            evidence.thumbnail.delete(save=False)
        raise
    InitiativeEvent.objects.create(
        initiative=initiative, kind=InitiativeEvent.Kind.EVIDENCE, actor=actor, comment=evidence.original_name
    )
    audit(actor=actor, verb="initiative.evidence_add", target=initiative, file=evidence.original_name)
    return evidence
