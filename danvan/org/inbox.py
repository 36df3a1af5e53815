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
  count and the first rows of each kind, ranked on narrow rows before the first are read in full):
  the home page is the page every official opens first, and it must stay a few queries whatever
  the scope. A batch must answer exactly as the kinds' own `count` and `items` (the tests compare them).
"""

from __future__ import annotations

import enum
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import reduce
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db.models import Case, CharField, Count, F, IntegerField, OrderBy, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from danvan.core.compiled import Compiled
from danvan.core.compiled import once as compiled_once

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
    qs: QuerySet[Any],
    wheres: Mapping[str, Q],
    *,
    order_by: Sequence[Any],
    limit: int,
    matching: Q | None = None,
    kind: Any = None,
    cache: bool = True,
) -> dict[str, tuple[int, list[Any]]]:
    """Each kind's count and first `limit` rows (in `order_by`) among the rows matching its condition, in one query.

    `wheres` gives each kind's own condition (`{code: Q}`; the kinds are disjoint); `matching`, if
    given, the rows of any kind in a form the indexes answer in one pass (by default the kinds'
    conditions joined by OR, which SQLite answers with one index read per kind); `kind`, if given, an
    expression naming a matching row's kind (its code) from its own columns, cheaper than testing the
    kinds' conditions again (by default a `CASE` over them).

    One statement: a narrow read of the matching rows (the key, the kind, the order's columns: no
    join) in which window functions number and count each kind's rows, then the first `limit` of
    each read in full (`qs`: its joins and columns) by their keys. With `limit` 0 (the menu's badge)
    the counts alone, by a `GROUP BY`. The statement and what reads its rows back into models are
    compiled once per process for the same conditions (`core.compiled`): `qs` must be the same for the
    same codes (built by the batch, never from the request); `cache=False` where the conditions
    change on every call (a time of day).
    """
    found: dict[str, tuple[int, list[Any]]] = {code: (0, []) for code in wheres}
    conditions = repr(list(wheres.items())), repr(matching), repr(kind), repr(list(order_by))
    key = ("org.inbox.first_rows", qs.db, qs.model._meta.label, limit, *conditions)
    compiled = compiled_once(
        key,
        lambda: _compile(qs, wheres, order_by=order_by, limit=limit, matching=matching, kind=kind),
        keep=cache,
    )
    rows = compiled.rows(qs.db)
    if limit == 0:
        found.update({code: (n, []) for code, n in rows})
        return found
    for obj in compiled.instances(rows, qs.db):
        found[obj._inbox_k] = (obj._inbox_n, [*found[obj._inbox_k][1], obj])
    return found


_CTE = "_inbox"  # the first rows of each kind: key, kind, count, rank


def _compile(
    qs: QuerySet[Any],
    wheres: Mapping[str, Q],
    *,
    order_by: Sequence[Any],
    limit: int,
    matching: Q | None,
    kind: Any,
) -> Compiled:
    if kind is None and len(wheres) == 1:
        kind = Value(next(iter(wheres)), output_field=CharField())
    elif kind is None:  # the kinds are disjoint: the first that matches is the row's
        kind = Case(*(When(w, then=Value(c)) for c, w in wheres.items()), output_field=CharField())
    rows = qs.filter(reduce(operator.or_, wheres.values()) if matching is None else matching).order_by()
    try:
        if limit == 0:
            counted = rows.values(_inbox_k=kind).annotate(_inbox_n=Count("pk")).values_list("_inbox_k", "_inbox_n")
            sql, params = counted.query.sql_with_params()
            return Compiled(sql, tuple(params))
        orders = [o if isinstance(o, OrderBy) else F(o).asc() if isinstance(o, str) else o.asc() for o in order_by]
        narrow = rows.values(
            _inbox_id=F("pk"), _inbox_k=kind, **{f"_inbox_o{j}": o.expression for j, o in enumerate(orders)}
        )
        narrow_sql, narrow_params = narrow.query.sql_with_params()
    except EmptyResultSet:
        return Compiled(None, ())
    ranking = ", ".join(
        f'"_inbox_o{j}" {"DESC" if o.descending else "ASC"}'
        + (" NULLS FIRST" if o.nulls_first else " NULLS LAST" if o.nulls_last else "")
        for j, o in enumerate(orders)
    )
    # the parts are Django's own statements and our fixed names, every value a parameter
    cte = (
        f'WITH "{_CTE}" AS (SELECT "_inbox_id", "_inbox_k", "_inbox_n", "_inbox_rn" FROM ('  # noqa: S608
        f'SELECT "_inbox_id", "_inbox_k", COUNT(*) OVER (PARTITION BY "_inbox_k") AS "_inbox_n", '
        f'ROW_NUMBER() OVER (PARTITION BY "_inbox_k" ORDER BY {ranking}) AS "_inbox_rn" '
        f'FROM ({narrow_sql}) "_inbox_m") "_inbox_r" WHERE "_inbox_rn" <= %s) '
    )
    table, pk = qs.model._meta.db_table, qs.model._meta.pk.column
    mine = f'"{_CTE}"."_inbox_id" = "{table}"."{pk}"'

    def of_mine(column: str, output_field: Any = None) -> RawSQL:
        sql = f'SELECT "{_CTE}"."{column}" FROM "{_CTE}" WHERE {mine}'  # noqa: S608
        return RawSQL(sql, (), output_field=output_field or IntegerField())  # noqa: S611

    full = (
        qs.filter(pk__in=RawSQL(f'SELECT "_inbox_id" FROM "{_CTE}"', ()))  # noqa: S608, S611
        .annotate(
            _inbox_k=of_mine("_inbox_k", CharField()), _inbox_n=of_mine("_inbox_n"), _inbox_rn=of_mine("_inbox_rn")
        )
        .order_by("_inbox_k", "_inbox_rn")
    )
    compiler = full.query.get_compiler(using=qs.db)
    full_sql, full_params = compiler.as_sql()
    return Compiled(cte + full_sql, (*narrow_params, max(limit, 1), *full_params), compiler)
