"""Initiatives' kind of work on the home page: models awaiting the user's recognition (see `org.inbox`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.initiatives.models import Initiative
from danvan.initiatives.selectors import recognition_queue, recognition_queue_q
from danvan.org import inbox
from danvan.org.access import Action, may_anywhere

CODE = "initiatives.recognise"


def _items(user: Any, limit: int) -> Sequence[inbox.Item]:
    return [_item(m) for m in recognition_queue(user=user).order_by("updated_at", "pk")[:limit]]


def _item(m: Initiative) -> inbox.Item:
    return inbox.Item(
        label=m.name,
        detail=_("%(unit)s · %(organization)s · %(year)s")
        % {"unit": m.unit.name, "organization": m.organization.name, "year": m.year},
        url=m.get_absolute_url() + "#status",
    )


def _batch(user: Any, limit: int) -> dict[str, tuple[int, Sequence[inbox.Item]]]:
    """The count and the first items in one query, on the queue's own condition."""
    # only what an item shows: the count rides on every matching row, so narrow rows keep it cheap
    qs = Initiative.objects.select_related("unit", "organization").only(
        "name", "year", "updated_at", "unit__name", "organization__name"
    )
    order = [F("updated_at"), F("pk")]
    found = inbox.first_rows(qs, {CODE: recognition_queue_q(user)}, order_by=order, limit=limit)
    return {code: (n, [_item(m) for m in rows]) for code, (n, rows) in found.items()}


inbox.register(
    inbox.Kind(
        code=CODE,
        title=gettext_lazy("Models awaiting your recognition"),
        count=lambda user: recognition_queue(user=user).count(),
        items=_items,
        see_all=lambda user: reverse("initiatives:queue"),
        applies=lambda user: may_anywhere(user, Action.REVIEW),
        order=30,
    ),
)
inbox.register_batch([CODE], _batch)
