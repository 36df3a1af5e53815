"""What the models' API tests share: URLs, a good request body, and the rows a failed write must not leave."""

from __future__ import annotations

from typing import Any

from danvan.initiatives.models import Initiative, InitiativeEvent, InitiativeResult
from danvan.initiatives.tests.factories import NAM_KHE_FRONT
from danvan.org.models import AuditEvent, Organization

LIST = "/api/v1/initiatives/"
STATS = "/api/v1/initiatives/stats/"


def detail_url(pk: int) -> str:
    return f"/api/v1/initiatives/{pk}/"


def transition_url(pk: int) -> str:
    return f"/api/v1/initiatives/{pk}/transition/"


def nam_khe_body(**changes: Any) -> dict[str, Any]:
    """A model at Nam Khê ward as its reporter registers it from the field notes."""
    body: dict[str, Any] = {
        "name": "Tuyến phố tự quản Nam Sơn",
        "field": "cultural_social",
        "organization": Organization.objects.get(name=NAM_KHE_FRONT).pk,
        "unit": "2024/06823",
        "year": 2024,
        "content": "Nhân dân đóng góp chỉnh trang tuyến phố dài khoảng 1 km.",
        "social_contributions_vnd": 185_000_000,
        "start_date": "2024-03-01",
        "target_groups": ["khu-dan-cu"],
        "results": {"ho-gia-dinh": 106, "tien-huy-dong": 185_000_000},
    }
    body.update(changes)
    return body


def written() -> dict[str, int]:
    """Rows every write touches: a refused request must leave all of them as they were."""
    return {
        "models": Initiative.objects.count(),
        "events": InitiativeEvent.objects.count(),
        "results": InitiativeResult.objects.count(),
        "audit": AuditEvent.objects.count(),
    }
