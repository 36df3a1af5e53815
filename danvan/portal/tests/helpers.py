"""Builders for the portal's tests: a Nam Khê model moved to a status, published by Quảng Ninh's manager."""

from __future__ import annotations

from typing import Any

from danvan.initiatives.models import Initiative, Status
from danvan.initiatives.services import initiative_transition
from danvan.initiatives.tests.factories import nam_khe_model
from danvan.org.models import User
from danvan.portal.models import Publication
from danvan.portal.services.publications import publication_publish


def users() -> dict[str, User]:
    return {u.username: u for u in User.objects.filter(username__in=["namkhe", "uongbi", "quangninh", "tuyenquang"])}


def model_at(status: str, name: str = "Tuyến phố tự quản Nam Sơn", **kwargs: Any) -> Initiative:
    """A Nam Khê model brought to `status` by the demo's people, as the lifecycle allows."""
    u = users()
    model = nam_khe_model(u["namkhe"], name=name, **kwargs)
    steps: dict[str, list[tuple[str, str]]] = {
        Status.DRAFT: [],
        Status.REGISTERED: [(Status.REGISTERED, "namkhe")],
        Status.RETURNED: [(Status.REGISTERED, "namkhe"), (Status.RETURNED, "uongbi")],
        Status.RECOGNISED: [(Status.REGISTERED, "namkhe"), (Status.RECOGNISED, "uongbi")],
        Status.TYPICAL: [(Status.REGISTERED, "namkhe"), (Status.RECOGNISED, "uongbi"), (Status.TYPICAL, "quangninh")],
        Status.COMMENDED: [
            (Status.REGISTERED, "namkhe"),
            (Status.RECOGNISED, "uongbi"),
            (Status.COMMENDED, "quangninh"),
        ],
        Status.DISCONTINUED: [
            (Status.REGISTERED, "namkhe"),
            (Status.RECOGNISED, "uongbi"),
            (Status.DISCONTINUED, "quangninh"),
        ],
    }
    for to, who in steps[status]:
        model = initiative_transition(actor=u[who], initiative=model, to=to, comment="lý do")
    return model


def published(status: str = Status.RECOGNISED, *, title: str = "", **kwargs: Any) -> Initiative:
    model = model_at(status, **kwargs)
    publication_publish(
        actor=users()["quangninh"],
        initiative=model,
        title=title or f"Công khai: {model.name}",
        summary="Tóm tắt bằng tiếng Việt.",
        story="Câu chuyện bằng tiếng Việt.",
    )
    return Initiative.objects.get(pk=model.pk)


def publish_raw(model: Initiative, title: str) -> Publication:
    """A published publication written directly (for statuses the services refuse): the read rule must still hold."""
    from django.utils import timezone

    pub = Publication(initiative=model, published_at=timezone.now())
    pub.title_vi = title  # type: ignore[attr-defined]
    pub.save()
    return pub
