"""Statutory time limits, computed from the data in `DeadlineRule`, `RemoteArea` and `Holiday`.

Days are counted from the local (Asia/Ho_Chi_Minh) date of the event, that day excluded (the Civil
Code's rule), so a computed date is what a handler and a sender can both check. A limit the law
writes in "ngày" counts calendar days; one in "ngày làm việc" (a denunciation's first check, Law on
Denunciations 2018 art. 24) skips Saturdays, Sundays and the `Holiday` rows. The settling time
runs from acceptance and grows by each recorded extension decision.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.errors import DomainError
from danvan.engagement.models.petitions import (
    Complexity,
    DayCount,
    DeadlineRule,
    Holiday,
    Instance,
    Petition,
    PetitionStatus,
    RemoteArea,
)
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


def rule_for(kind: str, *, remote: bool, instance: int = Instance.FIRST) -> DeadlineRule:
    """The remote row when there is one for the kind and instance, else the ordinary row."""
    rules = {r.remote: r for r in DeadlineRule.objects.filter(kind=kind, instance=instance)}
    rule = rules.get(True) if remote else None
    return rule or rules.get(False) or DeadlineRule(kind=kind, accept_days=10, settle_days=30, complex_days=30)


def add_days(start: date, days: int, count: str = DayCount.CALENDAR) -> date:
    """`days` after `start` (excluded); working days skip weekends and the holidays in the data."""
    if count != DayCount.WORKING:
        return start + timedelta(days=days)
    # at most ~days*7/5 + the holidays: read them in one query over a generous window
    off = set(
        Holiday.objects.filter(day__gt=start, day__lte=start + timedelta(days=days * 2 + 30)).values_list(
            "day", flat=True
        )
    )
    day, left = start, days
    while left > 0:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in off:
            left -= 1
    return day


def petition_rule(petition: Petition) -> DeadlineRule:
    return rule_for(petition.kind, remote=petition.remote, instance=petition.instance)


def accept_due(received_at: datetime, rule: DeadlineRule) -> date:
    return add_days(local_date(received_at), rule.accept_days, rule.accept_count)


def settle_due(petition: Petition, rule: DeadlineRule, extension_days: int = 0) -> date | None:
    """From acceptance: the limit for the case's complexity, plus the days the extension decisions added."""
    if petition.accepted_at is None:
        return None
    days = rule.complex_days if petition.complex else rule.settle_days
    return add_days(local_date(petition.accepted_at), days + extension_days, rule.settle_count)


def extensions_allowed(petition: Petition, rule: DeadlineRule) -> int:
    """A simple case: none; complicated: `complex_extensions`; especially complicated: `max_extensions`."""
    if not rule.extension_days or not petition.complex:
        return 0
    return rule.max_extensions if petition.especially_complex else rule.complex_extensions


def check_extension(
    petition: Petition,
    rule: DeadlineRule,
    *,
    decision_number: str,
    decision_date: date | None,
    days: int | None,
    now: datetime | None = None,
) -> tuple[int, date]:
    """(the days one more extension adds, the decision's date), or the reason the law refuses it (art. 30)."""
    if not rule.extension_days or not rule.max_extensions:
        raise DomainError(
            _("The law does not allow the time limit of a %(kind)s to be extended.")
            % {"kind": petition.get_kind_display()},
            code="no_extension",
            status=409,
        )
    if not decision_number or len(decision_number) > 60 or decision_date is None:
        raise DomainError(
            _("An extension needs a written decision: give its number (at most 60 characters) and date."),
            code="decision_required",
        )
    day = today(now)
    accepted_on = local_date(petition.accepted_at) if petition.accepted_at else day
    if not accepted_on <= decision_date <= day:
        raise DomainError(
            _("The decision's date must lie between the acceptance (%(accepted)s) and today.")
            % {"accepted": accepted_on.strftime("%d/%m/%Y")},
            code="decision_date",
        )
    if not petition.complex:
        raise DomainError(
            _(
                "A simple case cannot be extended: only a complicated case (once) or an especially "
                "complicated case (twice) may be, by a written decision (Law on Denunciations 2018, art. 30)."
            ),
            code="simple_case",
            status=409,
        )
    allowed = extensions_allowed(petition, rule)
    if petition.extensions >= allowed:
        raise DomainError(
            _("A %(complexity)s case may be extended at most %(n)s time(s); it has been extended %(done)s time(s).")
            % {"complexity": Complexity(petition.complexity).label, "n": allowed, "done": petition.extensions},
            code="no_extension",
            status=409,
        )
    days = rule.extension_days if days is None else days
    if not 1 <= days <= rule.extension_days:
        raise DomainError(
            _("An extension adds from 1 to %(n)s days.") % {"n": rule.extension_days}, code="extension_days"
        )
    return days, decision_date


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
