"""Small builders for tests: a model at Nam Khê by its reporter, in one call."""

from __future__ import annotations

from typing import Any

from danvan.conftest import unit
from danvan.initiatives.models import Field, Initiative
from danvan.initiatives.services import initiative_create
from danvan.org.models import Organization

NAM_KHE_FRONT = "Ủy ban MTTQ Việt Nam phường Nam Khê"


def nam_khe_model(actor: Any, **kwargs: Any) -> Initiative:
    values: dict[str, Any] = {
        "name": "Tuyến phố tự quản Nam Sơn",
        "field": Field.CULTURAL_SOCIAL,
        "unit": unit("2024", "06823"),
        "organization": Organization.objects.get(name=NAM_KHE_FRONT),
        "year": 2024,
        "details": {"content": "Nhân dân đóng góp 185 triệu đồng chỉnh trang tuyến phố dài 1 km, 106 hộ."},
    }
    values.update(kwargs)
    return initiative_create(actor=actor, **values)
