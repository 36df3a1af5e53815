"""Statutory time limits, computed from the data in `DeadlineRule` and `RemoteArea`.

Days are calendar days counted from the local (Asia/Ho_Chi_Minh) date of the event: the laws count
days, and a computed date is what a handler and a sender can both check. Holidays are not skipped.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from danvan.engagement.models.petitions import DeadlineRule, Petition, PetitionStatus, RemoteArea
from danvan.geo.models import AdminUnit
from danvan.geo.selectors import ancestor_paths

OPEN_TO_SETTLE = [PetitionStatus.ACCEPTED, PetitionStatus.IN_PROGRESS]


def local_date(at: datetime) -> date:
    return timezone.localtime(at).date()


def today(now: datetime | None = None) -> date:
    return local_date(now or timezone.now())


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def covering_paths(unit: AdminUnit) -> set[str]:
    """The paths of `unit` and its ancestors, on its own map and on today's (through `latest_path`)."""
    paths = {unit.path, *ancestor_paths(unit.path)}
    if unit.latest_path and unit.latest_path != unit.path:
        paths |= {unit.latest_path, *ancestor_paths(unit.latest_path)}
    return paths


def is_remote(unit: AdminUnit) -> bool:
    return RemoteArea.objects.filter(unit__path__in=covering_paths(unit)).exists()


def rule_for(kind: str, *, remote: bool) -> DeadlineRule:
    """The remote row when there is one for the kind, else the ordinary row."""
    rules = {r.remote: r for r in DeadlineRule.objects.filter(kind=kind)}
    rule = rules.get(True) if remote else None
    return rule or rules.get(False) or DeadlineRule(kind=kind, accept_days=10, settle_days=30, complex_days=30)


def accept_due(received_at: datetime, rule: DeadlineRule) -> date:
    return local_date(received_at) + timedelta(days=rule.accept_days)


def settle_due(petition: Petition, rule: DeadlineRule) -> date | None:
    if petition.accepted_at is None:
        return None
    days = rule.complex_days if petition.complex else rule.settle_days
    days += petition.extensions * rule.extension_days
    return local_date(petition.accepted_at) + timedelta(days=days)


def accept_overdue_q(day: date) -> Q:
    return Q(status=PetitionStatus.RECEIVED, accept_due__lt=day)


def settle_overdue_q(day: date) -> Q:
    return Q(status__in=OPEN_TO_SETTLE, settle_due__lt=day)


def overdue_q(day: date) -> Q:
    return accept_overdue_q(day) | settle_overdue_q(day)


def is_overdue(petition: Petition, day: date) -> bool:
    if petition.status == PetitionStatus.RECEIVED:
        return petition.accept_due < day
    return petition.status in OPEN_TO_SETTLE and petition.settle_due is not None and petition.settle_due < day
