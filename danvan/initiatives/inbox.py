"""Initiatives' kind of work on the home page: models awaiting the user's recognition (see `org.inbox`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.initiatives.selectors import recognition_queue
from danvan.org import inbox
from danvan.org.access import Action, may_anywhere


def _items(user: Any, limit: int) -> Sequence[inbox.Item]:
    rows = recognition_queue(user=user).order_by("updated_at", "pk")[:limit]
    return [
        inbox.Item(
            label=m.name,
            detail=_("%(unit)s · %(organization)s · %(year)s")
            % {"unit": m.unit.name, "organization": m.organization.name, "year": m.year},
            url=m.get_absolute_url() + "#status",
        )
        for m in rows
    ]


inbox.register(
    inbox.Kind(
        code="initiatives.recognise",
        title=gettext_lazy("Models awaiting your recognition"),
        count=lambda user: recognition_queue(user=user).count(),
        items=_items,
        see_all=lambda user: reverse("initiatives:queue"),
        applies=lambda user: may_anywhere(user, Action.REVIEW),
        order=30,
    ),
)
