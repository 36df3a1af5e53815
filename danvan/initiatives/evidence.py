"""Evidence files: the type is sniffed from the bytes, sizes are capped, images get thumbnails."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from danvan.core.audit import audit
from danvan.core.errors import DomainError
from danvan.initiatives.models import Evidence, Initiative, InitiativeEvent
from danvan.org.access import Action, can

MAX_BYTES = getattr(settings, "DANVAN_MAX_EVIDENCE_BYTES", 10 * 1024 * 1024)
THUMBNAIL_SIZE = (320, 320)
_IMAGE_TYPES = {"JPEG": ("image/jpeg", ".jpg"), "PNG": ("image/png", ".png"), "WEBP": ("image/webp", ".webp")}
Image.MAX_IMAGE_PIXELS = 60_000_000  # a decompression bomb is refused, not rendered


def sniff(head: bytes, data: bytes) -> tuple[str, str]:
    """(content type, extension) from the content itself; DomainError for anything else."""
    if head.startswith(b"%PDF-"):
        return "application/pdf", ".pdf"
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            kind = image.format
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise DomainError(_("Only photos (JPEG, PNG, WebP) and PDF files are accepted.")) from exc
    if kind not in _IMAGE_TYPES:
        raise DomainError(_("Only photos (JPEG, PNG, WebP) and PDF files are accepted."))
    return _IMAGE_TYPES[kind]


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
    if upload.size is None or upload.size > MAX_BYTES:
        raise DomainError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size or 0), "limit": filesizeformat(MAX_BYTES)},
            code="too_large",
            status=413,
        )
    if upload.size == 0:
        raise DomainError(_("The file is empty."))
    data = upload.read()
    content_type, ext = sniff(data[:8], data)
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
