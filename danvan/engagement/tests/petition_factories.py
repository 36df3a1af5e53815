"""Builders for the petition tests: a petition submitted the way the public form does it."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from danvan.conftest import unit
from danvan.engagement.models.petitions import Petition, Topic
from danvan.engagement.services.petitions import SenderData, petition_submit

VN = ZoneInfo("Asia/Ho_Chi_Minh")
SENDER = SenderData(full_name="Nguyễn Thị Lan", phone="0912 345 678", address="Tổ 5, khu Nam Sơn", consent=True)
SENDER_NAME = "Nguyễn Thị Lan"


def at(y: int, m: int, d: int, hour: int = 9) -> datetime:
    return datetime(y, m, d, hour, tzinfo=VN)


def submit(
    *,
    place: tuple[str, str] = ("2024", "06823"),
    kind: str = "complaint",
    topic: str = "environment",
    text: str = "Bãi rác tự phát ở đầu ngõ 12 gây ô nhiễm, đề nghị phường thu dọn và xử lý.",
    subject: str = "Bãi rác tự phát",
    sender: SenderData = SENDER,
    now: datetime | None = None,
    **kwargs: Any,
) -> Petition:
    return petition_submit(
        kind=kind,
        topic=Topic.objects.get(pk=topic),
        unit=unit(*place),
        subject=subject,
        text=text,
        sender=sender,
        now=now,
        **kwargs,
    )


def png(name: str = "anh.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def pdf(name: str = "don.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf"
    )
