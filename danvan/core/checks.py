"""Deployment checks of our own, beside Django's `check --deploy`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register

from danvan import DEVELOPMENT_SECRET_KEY


@register(Tags.security, deploy=True)
def development_key_check(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """The development key is public (it is in the source): set explicitly, it is as good as none."""
    if settings.SECRET_KEY != DEVELOPMENT_SECRET_KEY:
        return []
    return [
        Warning(
            "SECRET_KEY is DanVan's public development key.",
            hint="Set SECRET_KEY to a long random value of this installation's own.",
            id="danvan.W001",
        )
    ]
