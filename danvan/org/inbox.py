""" "My work" (Việc của tôi): the registry of the kinds of work waiting for a user, shown on the home page.

org sits below every app that has work to offer, so it knows none of them: each app registers its
kinds here in its `AppConfig.ready()` (reporting: reports to fill and to review; initiatives:
models to recognise; engagement: petitions assigned, unassigned, near or past a deadline,
dialogue promises falling due; documents: imports finished or failed). A later app adds its own
the same way — recognition's nominations to score, situation reports to acknowledge:

    # danvan/<app>/inbox.py
    from danvan.org import inbox

    def _queue(user):                      # a selector: starts from org.access, never a copy of it
        return nomination_list(user=user).filter(status="submitted")

    inbox.register(inbox.Kind(
        code="recognition.score",
        title=gettext_lazy("Nominations to score"),
        count=lambda user: _queue(user).count(),
        items=lambda user, limit: [inbox.Item(n.name, n.unit.name, n.get_absolute_url()) for n in _queue(user)[:limit]],
        see_all=lambda user: reverse("recognition:queue"),
        applies=lambda user: may_anywhere(user, Action.REVIEW),   # optional: skips the queries
        order=40,
    ))

    # danvan/<app>/apps.py
    def ready(self): from danvan.<app> import inbox  # noqa: F401  registers its kinds of work

Rules every kind keeps:

- An item appears for exactly the users who may act on it: `count` and `items` read through a
  selector built on `org.access` (the same rule the service applies when the action is taken).
- Nothing is cached: the counts are read afresh on every request, so they are right after an
  action (the menu badge is loaded after each page, and again when an HTMX action changes work).
- Several kinds of one app may be answered by one query (`register_batch`, with `first_rows`: a
  count and the first rows of each kind through window functions): the home page is the page
  every official opens first, and it must stay a few queries whatever the scope. A batch must
  answer exactly as the kinds' own `count` and `items` (the tests compare them).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet, Window
from django.db.models.functions import RowNumber

DUE_SOON_DAYS = 3  # "due soon": the deadline is within this many days


class Severity(enum.StrEnum):
    LATE = "late"
    SOON = "soon"
    NORMAL = "normal"


def severity_of(due: date | None, today: date) -> Severity:
    """Late once the day is past, due soon within `DUE_SOON_DAYS`, else normal."""
    if due is None:
        return Severity.NORMAL
    if due < today:
        return Severity.LATE
    if due <= today + timedelta(days=DUE_SOON_DAYS):
        return Severity.SOON
    return Severity.NORMAL


@dataclass(frozen=True)
class Item:
    """One piece of work: what it is, a detail line (due date, status, unit), and the page where it is done."""

    label: str
    detail: str
    url: str
    severity: Severity = Severity.NORMAL


@dataclass(frozen=True)
class Kind:
    code: str  # "<app>.<what>", e.g. "reporting.review"
    title: Any  # a translatable string (gettext_lazy)
    count: Callable[[Any], int]
    items: Callable[[Any, int], Sequence[Item]]
    see_all: Callable[[Any], str]  # the filtered list with every item of this kind
    applies: Callable[[Any], bool] = field(default=lambda user: True)  # False: no query, count 0
    order: int = 100  # sections are shown by `order`, then code


@dataclass(frozen=True)
class Section:
    kind: Kind
    count: int
    items: Sequence[Item]
    see_all: str

    @property
    def more(self) -> int:
        return max(self.count - len(self.items), 0)


_KINDS: dict[str, Kind] = {}
# answers several kinds at once: (user, limit) -> {code: (count, first `limit` items)}; limit 0: counts only
Batch = Callable[[Any, int], dict[str, tuple[int, Sequence[Item]]]]
_BATCHES: list[tuple[tuple[str, ...], Batch]] = []


def register(*kinds: Kind) -> None:
    """Add kinds of work; registering a code again replaces it (a reloaded app stays one kind)."""
    for kind in kinds:
        _KINDS[kind.code] = kind


def register_batch(codes: Sequence[str], batch: Batch) -> None:
    """One function answering several kinds in one query; it must answer as each kind's `count` and `items`."""
    _BATCHES[:] = [(c, f) for c, f in _BATCHES if not set(c) & set(codes)]
    _BATCHES.append((tuple(codes), batch))


def kinds() -> list[Kind]:
    return sorted(_KINDS.values(), key=lambda k: (k.order, k.code))


def _gather(user: Any, limit: int) -> dict[str, tuple[int, Sequence[Item]]]:
    applicable = {k.code: k for k in kinds() if k.applies(user)}
    found: dict[str, tuple[int, Sequence[Item]]] = {}
    for codes, batch in _BATCHES:
        if any(c in applicable for c in codes):
            found.update({c: answer for c, answer in batch(user, limit).items() if c in applicable})
    for code, kind in applicable.items():
        if code not in found:
            n = kind.count(user)
            found[code] = (n, list(kind.items(user, limit)) if n and limit else [])
    return {k.code: found.get(k.code, (0, [])) for k in kinds()}


def counts(user: Any) -> dict[str, int]:
    """Every registered kind's count for `user` (0 where the kind does not apply)."""
    if not getattr(user, "is_authenticated", False):
        return {k.code: 0 for k in kinds()}
    return {code: n for code, (n, _items) in _gather(user, 0).items()}


def total(user: Any) -> int:
    """The menu badge: the number of things waiting for `user`."""
    return sum(counts(user).values())


def sections(user: Any, *, limit: int = 5) -> list[Section]:
    """The home page: each kind with work waiting, its count and its first `limit` items."""
    if not getattr(user, "is_authenticated", False):
        return []
    answers = _gather(user, limit)
    return [
        Section(kind=kind, count=answers[kind.code][0], items=answers[kind.code][1], see_all=kind.see_all(user))
        for kind in kinds()
        if answers[kind.code][0]
    ]


def first_rows(
    qs: QuerySet[Any], where: Q, *, kind: str | Any, codes: Sequence[str], order_by: Sequence[Any], limit: int
) -> dict[str, tuple[int, list[Any]]]:
    """Each kind's count and first `limit` rows (in `order_by`) among the rows matching `where`, in one query.

    `kind` is the one code when `codes` has one, else an expression that tells a matching row's kind
    from its own columns (the kinds being disjoint: e.g. `Case(When(handler=None, then=Value("…")), …)`):
    a count and a row number per kind come from window functions.
    """
    found: dict[str, tuple[int, list[Any]]] = {code: (0, []) for code in codes}
    if limit == 0:  # the menu's badge: counts only, a plain GROUP BY (no row numbers, no joins)
        if isinstance(kind, str):
            found[kind] = (qs.filter(where).count(), [])
        else:
            counted = qs.filter(where).order_by().values(_inbox_kind=kind).annotate(_inbox_n=Count("pk"))
            found.update({row["_inbox_kind"]: (row["_inbox_n"], []) for row in counted})
        return found
    if isinstance(kind, str):  # one kind: the count over the whole match rides along the first rows
        rows = qs.filter(where).annotate(_inbox_n=Window(Count("pk"))).order_by(*order_by)[: max(limit, 1)]
        for row in rows:
            found[kind] = (row._inbox_n, [*found[kind][1], row] if limit else [])
        return found
    per_kind = [kind]
    ranked = (
        qs.filter(where)
        .annotate(
            _inbox_kind=kind,
            _inbox_n=Window(Count("pk"), partition_by=per_kind),
            _inbox_rn=Window(RowNumber(), partition_by=per_kind, order_by=list(order_by)),
        )
        .filter(_inbox_rn__lte=max(limit, 1))
        .order_by("_inbox_kind", "_inbox_rn")
    )
    for row in ranked:
        _n, first = found[row._inbox_kind]
        found[row._inbox_kind] = (row._inbox_n, [*first, row] if len(first) < limit else first)
    return found
