"""Builders shared by the dialogue, Three Together and prestigious-person tests."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from danvan.conftest import unit
from danvan.engagement.models import Dialogue
from danvan.engagement.services.activities import activity_create
from danvan.engagement.services.dialogues import dialogue_create
from danvan.engagement.services.persons import person_create
from danvan.org.models import Organization

NAM_KHE_MTTQ = "Ủy ban MTTQ Việt Nam phường Nam Khê"
TQ_YOUTH = "Tỉnh đoàn Tuyên Quang"
BINH_LIEU = "Ban Dân vận Huyện ủy Bình Liêu"


def org(name: str) -> Organization:
    return Organization.objects.get(name=name)


def days_ago(n: int) -> date:
    return timezone.localdate() - timedelta(days=n)


def nam_khe_dialogue(actor: Any, **kw: Any) -> Dialogue:
    values: dict[str, Any] = {
        "title": "Cà phê sáng — trao đổi với nhân dân phường Nam Khê",
        "format": Dialogue.Format.MORNING_COFFEE,
        "held_on": days_ago(30),
        "unit": unit("2024", "06823"),
        "host": org(NAM_KHE_MTTQ),
        "participants_count": 45,
    }
    values.update(kw)
    return dialogue_create(actor=actor, **values)


def tq_activity(actor: Any, **kw: Any):
    values = {
        "organization": org(TQ_YOUTH),
        "unit": unit("2024", "02227"),  # Xã Sinh Long, Na Hang
        "start_date": date(2024, 5, 10),
        "end_date": date(2024, 5, 14),
        "cadres_count": 12,
        "people_count": 340,
        "activities": ["eat", "live", "work"],
        "houses_built": 2,
        "houses_repaired": 1,
        "money": 60_000_000,
        "workdays": 48,
    }
    values.update(kw)
    return activity_create(actor=actor, **values)


def binh_lieu_person(actor: Any, **kw: Any):
    from danvan.engagement.models import EthnicGroup

    values = {
        "full_name": "Lục Văn Thắng",
        "village": unit("2024", "06841"),  # Xã Hoành Mô
        "standing": "elder",
        "since": date(2019, 1, 1),
        "ethnic_group": EthnicGroup.objects.get(name="Tày"),
        "religion": "Không",
        "phone": "0912 345 678",
        "address": "Thôn Nà Ếch",
    }
    values.update(kw)
    return person_create(actor=actor, **values)


def viewer_of(era: str, code: str, username: str = "viewer"):
    """A user who may only look at `era/code`'s subtree."""
    from danvan.org.models import Membership, Role, User

    user = User.objects.create(username=username, full_name="Người xem")
    Membership.objects.create(user=user, role=Role.VIEWER, unit=unit(era, code))
    return user
