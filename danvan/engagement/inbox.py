"""Engagement's kinds of work on the home page (see `org.inbox`): petitions assigned to the user, unassigned
petitions they may assign, others' petitions near or past a deadline, and dialogue promises falling due.

The four are disjoint, so the badge counts each petition once: one assigned to the user or without a
handler shows its own deadline there (late, due soon); the last two are the ones the user supervises.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import Case, CharField, F, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.dates import format_date
from danvan.engagement.models import Petition, PetitionStatus
from danvan.engagement.petition_rules import deadlines
from danvan.engagement.selectors.petitions import (
    OPEN_STATUSES,
    assigned_q,
    due_others_q,
    petition_due,
    petitions_assigned,
    petitions_due_others,
    petitions_unassigned,
    supervised_q,
    unassigned_q,
)
from danvan.org import inbox
from danvan.org.access import Action, may_anywhere

# the next deadline: accepting a received petition, settling one accepted
NEXT_DUE = Case(When(status=PetitionStatus.RECEIVED, then=F("accept_due")), default=F("settle_due"))


def _item(p: Petition, today: Any) -> inbox.Item:
    due = petition_due(p)
    parts = [p.tracking_code, PetitionStatus(p.status).label, p.unit.name]  # the label: 5× cheaper than get_…_display
    if due is not None:
        parts.append(_("due %(date)s") % {"date": format_date(due)})
    if p.dialogue is not None:  # selected with the petition
        parts.append(_("promised at “%(dialogue)s”") % {"dialogue": p.dialogue.title})
    return inbox.Item(
        label=p.subject,
        detail=" · ".join(str(x) for x in parts),
        url=reverse("engagement:petition_detail", args=[p.pk]),
        severity=inbox.severity_of(due, today),
    )


def _items_of(selector: Callable[[Any], QuerySet[Petition]]) -> Callable[[Any, int], Sequence[inbox.Item]]:
    def items(user: Any, limit: int) -> Sequence[inbox.Item]:
        today = deadlines.today()
        return [_item(p, today) for p in selector(user).order_by(F("next_due").asc(nulls_last=True), "pk")[:limit]]

    return items


def _assigned(user: Any) -> QuerySet[Petition]:
    return petitions_assigned(user=user).annotate(next_due=NEXT_DUE)


def _unassigned(user: Any) -> QuerySet[Petition]:
    return petitions_unassigned(user=user).annotate(next_due=NEXT_DUE)


def _due(user: Any) -> QuerySet[Petition]:
    return petitions_due_others(user=user, dialogue=False).annotate(next_due=NEXT_DUE)


def _promises(user: Any) -> QuerySet[Petition]:
    return petitions_due_others(user=user, dialogue=True).annotate(next_due=NEXT_DUE)


ASSIGNED, UNASSIGNED = "engagement.assigned", "engagement.unassigned"
DEADLINES, PROMISES = "engagement.deadlines", "engagement.promises"
ORDER = [F("next_due").asc(nulls_last=True), F("pk")]


def _rows() -> QuerySet[Petition]:
    """Only what an item shows: the count rides on every matching row, so narrow rows keep it cheap."""
    return (
        Petition.objects.select_related("unit", "dialogue")
        .only("subject", "tracking_code", "status", "accept_due", "settle_due", "unit__name", "dialogue__title")
        .annotate(next_due=NEXT_DUE)
    )


def _answers(found: dict[str, tuple[int, list[Petition]]]) -> dict[str, tuple[int, Sequence[inbox.Item]]]:
    today = deadlines.today()
    return {code: (n, [_item(p, today) for p in rows]) for code, (n, rows) in found.items()}


def _batch(user: Any, limit: int) -> dict[str, tuple[int, Sequence[inbox.Item]]]:
    """The four kinds in one query: the user's own petitions (an index lookup by handler) and, for who
    supervises, the three they watch over — the same conditions as the kinds' selectors."""
    if not getattr(user, "is_authenticated", False):
        return {ASSIGNED: (0, [])}
    wheres, matching, kind = {ASSIGNED: assigned_q(user)}, None, None
    if _supervises(user):  # the three are disjoint from the user's own and from each other
        today = deadlines.today()
        wheres[UNASSIGNED] = unassigned_q(user)
        wheres[DEADLINES] = due_others_q(user, dialogue=False, today=today)
        wheres[PROMISES] = due_others_q(user, dialogue=True, today=today)
        # all of them in one read of the scope; the statuses on top: the (unit_path, status) index reads only open ones
        matching = (assigned_q(user) | supervised_q(user, today)) & Q(status__in=OPEN_STATUSES)
        # which kind a matching row is, from its own columns: the user's own, then which of the three
        kind = Case(
            When(handler_id=user.pk, then=Value(ASSIGNED)),
            When(handler__isnull=True, then=Value(UNASSIGNED)),
            When(dialogue__isnull=True, then=Value(DEADLINES)),
            default=Value(PROMISES),
            output_field=CharField(),
        )
    found = inbox.first_rows(_rows(), wheres, order_by=ORDER, limit=limit, matching=matching, kind=kind)
    return _answers(found)


def _supervises(user: Any) -> bool:
    return may_anywhere(user, Action.REVIEW)


def _list(**params: str) -> Callable[[Any], str]:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return lambda user: reverse("engagement:petition_list") + (f"?{query}" if query else "")


inbox.register(
    inbox.Kind(
        code=ASSIGNED,
        title=gettext_lazy("Petitions assigned to you"),
        count=lambda user: _assigned(user).count(),
        items=_items_of(_assigned),
        see_all=_list(mine="on"),
        order=40,
    ),
    inbox.Kind(
        code=UNASSIGNED,
        title=gettext_lazy("Petitions without a handler"),
        count=lambda user: _unassigned(user).count(),
        items=_items_of(_unassigned),
        see_all=_list(unassigned="on"),
        applies=_supervises,
        order=50,
    ),
    inbox.Kind(
        code=DEADLINES,
        title=gettext_lazy("Petitions near or past a deadline"),
        count=lambda user: _due(user).count(),
        items=_items_of(_due),
        see_all=_list(overdue="any"),
        applies=_supervises,
        order=60,
    ),
    inbox.Kind(
        code=PROMISES,
        title=gettext_lazy("Dialogue promises falling due"),
        count=lambda user: _promises(user).count(),
        items=_items_of(_promises),
        see_all=lambda user: reverse("engagement:dialogue_list"),
        applies=_supervises,
        order=70,
    ),
)
inbox.register_batch([ASSIGNED, UNASSIGNED, DEADLINES, PROMISES], _batch)
