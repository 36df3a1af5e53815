"""Builders for the story tests: a Quảng Ninh story, a public model, photos made in memory."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from danvan.conftest import unit
from danvan.initiatives.models import Initiative, Status
from danvan.initiatives.tests.factories import nam_khe_model
from danvan.portal.models import Publication, Story
from danvan.portal.services.stories import story_create, story_publish

QUANG_NINH = ("2025", "22")
TUYEN_QUANG = ("2025", "08")


def make_story(actor: Any, *, publish: bool = False, **kwargs: Any) -> Story:
    values: dict[str, Any] = {
        "unit": unit(*QUANG_NINH),
        "title": "Tuyến phố tự quản Nam Sơn",
        "lead": "106 hộ dân tự góp 185 triệu đồng chỉnh trang tuyến phố.",
        "body": "Đoạn một.\n\nĐoạn hai.",
        "topic": "cultural_social",
        "author": "Thu Hà",
        "source_name": "Báo Quảng Ninh",
        "source_url": "https://baoquangninh.vn/tuyen-pho-tu-quan",
        "consent_confirmed": True,
    }
    values.update(kwargs)
    story = story_create(actor=actor, **values)
    if publish:
        story = story_publish(actor=actor, story=story)
    return story


def public_model(actor: Any, *, name: str = "Tuyến phố tự quản Nam Sơn", published: bool = True) -> Initiative:
    """A model that is public (recognised and published) unless `published=False`."""
    initiative = nam_khe_model(actor, name=name)
    Initiative.objects.filter(pk=initiative.pk).update(status=Status.RECOGNISED)
    initiative.refresh_from_db()
    Publication.objects.create(
        initiative=initiative,
        title_vi=f"{name} (công khai)",
        published_at=timezone.now() if published else None,
    )
    return initiative


def photo_upload(
    *, size: tuple[int, int] = (2000, 1200), fmt: str = "JPEG", name: str = "anh.jpg", gps: bool = False
) -> SimpleUploadedFile:
    image = Image.new("RGB", size, (200, 40, 40))
    out = io.BytesIO()
    kwargs: dict[str, Any] = {}
    if gps:
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"  # Make
        gps_ifd = {1: "N", 2: (21.0, 2.0, 3.0), 3: "E", 4: (105.0, 50.0, 1.0)}
        exif[0x8825] = gps_ifd  # GPSInfo
        kwargs["exif"] = exif
    image.save(out, fmt, **kwargs)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")
