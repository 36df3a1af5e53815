"""Write an audit row in the caller's transaction: who did what to which object."""

from __future__ import annotations

from typing import Any

from django.db import models


def audit(*, actor: Any, verb: str, target: models.Model | None = None, **data: Any) -> None:
    from danvan.org.models import AuditEvent  # org owns the table; core stays model-free

    AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        verb=verb,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        data=data,
    )
