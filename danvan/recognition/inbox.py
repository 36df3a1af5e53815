"""Recognition's kind of work on the home page: nominations a council member has to score (see `org.inbox`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.org import inbox
from danvan.recognition.models import Evaluation
from danvan.recognition.selectors.campaigns import evaluations_to_score

CODE = "recognition.score"


def _item(e: Evaluation) -> inbox.Item:
    reg = e.registration
    return inbox.Item(
        label=reg.who_label,
        detail=_("%(campaign)s · scored %(mine)s of %(n)s criteria")
        % {"campaign": reg.campaign.name, "mine": getattr(e, "mine", 0), "n": getattr(e, "criteria_n", 0)},
        url=reverse("recognition:evaluation_detail", args=[e.pk]),
    )


def _items(user: Any, limit: int) -> Sequence[inbox.Item]:
    return [_item(e) for e in evaluations_to_score(user=user)[:limit]]


def _batch(user: Any, limit: int) -> dict[str, tuple[int, Sequence[inbox.Item]]]:
    """One query: the selector's list is short (a council's nominations), so count it whole."""
    rows = evaluations_to_score(user=user)
    return {CODE: (len(rows), [_item(e) for e in rows[:limit]])}


inbox.register(
    inbox.Kind(
        code=CODE,
        title=gettext_lazy("Nominations to score"),
        count=lambda user: len(evaluations_to_score(user=user)),
        items=_items,
        see_all=lambda user: reverse("recognition:campaign_list"),
        order=35,
    ),
)
inbox.register_batch([CODE], _batch)
