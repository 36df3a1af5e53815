"""Reads of dialogues and their issues, starting from `org.access` (by the place and the host)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.errors import NotFound
from danvan.core.text import fold
from danvan.engagement.models import Dialogue, Petition, PetitionStatus
from danvan.geo.models import AdminUnit
from danvan.geo.selectors import area_q
from danvan.org.access import scope_filter
from danvan.org.models import Organization

OPEN_STATUSES = (PetitionStatus.RECEIVED, PetitionStatus.ACCEPTED, PetitionStatus.IN_PROGRESS)
_MAX_ID = 2**63 - 1


@dataclass(frozen=True)
class DialogueFilters:
    q: str | None = None
    format: str | None = None
    unit: AdminUnit | None = None
    host: Organization | None = None
    date_from: date | None = None
    date_to: date | None = None


def dialogue_list(*, user: Any, filters: DialogueFilters | None = None) -> QuerySet[Dialogue]:
    qs = scope_filter(Dialogue.objects.all(), user, unit_field="unit", org_field="host")
    f = filters or DialogueFilters()
    if f.q and fold(f.q):
        qs = qs.filter(Q(title__icontains=f.q) | Q(summary__icontains=f.q) | Q(host__name_ascii__contains=fold(f.q)))
    if f.format:
        qs = qs.filter(format=f.format)
    if f.unit is not None:
        qs = qs.filter(area_q(f.unit, "unit"))
    if f.host is not None:
        qs = qs.filter(host=f.host)
    if f.date_from:
        qs = qs.filter(held_on__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(held_on__lte=f.date_to)
    open_q = Q(issues__status__in=OPEN_STATUSES)
    listed: QuerySet[Dialogue] = (
        qs.select_related("unit", "unit__parent", "host")
        .annotate(
            issue_count=Count("issues", distinct=True),
            open_count=Count("issues", filter=open_q, distinct=True),
        )
        .order_by("-held_on", "title", "pk")
    )
    return listed


def dialogue_get(*, user: Any, pk: int) -> Dialogue:
    found = None if pk > _MAX_ID else dialogue_list(user=user).filter(pk=pk).first()
    if found is None:
        raise NotFound(_("No such dialogue."))
    return found


def is_overdue(issue: Petition, today: date | None = None) -> bool:
    """Still open after the promised date (or, not yet accepted, after the acceptance date)."""
    today = today or timezone.localdate()
    if issue.status not in OPEN_STATUSES:
        return False
    due = issue.settle_due if issue.status != PetitionStatus.RECEIVED else issue.accept_due
    return due is not None and due < today


def dialogue_issues(*, user: Any, dialogue: Dialogue, today: date | None = None) -> list[Petition]:
    """A visible dialogue's issues, each with `overdue` set. They carry no sender: nothing personal."""
    issues = list(
        Petition.objects.filter(dialogue=dialogue)
        .select_related("organization", "handler")
        .order_by("settle_due", "pk")
    )
    for issue in issues:
        issue.overdue = is_overdue(issue, today)  # type: ignore[attr-defined]  # shown beside each issue
        issue.is_open = issue.status in OPEN_STATUSES  # type: ignore[attr-defined]
    return issues


def dialogue_previous(*, user: Any, dialogue: Dialogue) -> Dialogue | None:
    """The host's dialogue before this one the user may see: what was promised last time."""
    earlier = Q(held_on__lt=dialogue.held_on) | Q(held_on=dialogue.held_on, pk__lt=dialogue.pk)
    return dialogue_list(user=user).filter(earlier, host=dialogue.host_id).order_by("-held_on", "-pk").first()
