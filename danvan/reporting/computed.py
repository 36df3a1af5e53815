"""Indicators the system computes from its own records, so nobody types a figure it already knows.

Each app that owns records registers its sources in its `indicators.py`, imported from its
AppConfig.ready():

    @record_source("initiatives.registered")
    def registered(start: date, end: date, where: Where) -> Rows:
        qs = Initiative.objects.filter(where("unit"), year__range=(start.year, end.year), ...)
        return qs.values_list("unit_id", "field").annotate(n=Count("id")).order_by()

A source returns (unit id, category, value) rows for records dated in [start, end]; `where(field)`
is a Q narrowing them to the area asked for (pass the name of the record's AdminUnit foreign
key). The roll-up maps each unit onto the asked era's map exactly as it maps typed values, so a
computed and a typed figure add up the same way. The category is "" unless the indicator has a
breakdown (e.g. the model's field).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q, Value

Where = Callable[[str], Q]
Rows = Iterable[tuple[int, str, int | Decimal | float]]
Source = Callable[[date, date, Where], Rows]

_SOURCES: dict[str, Source] = {}
Categories = list[tuple[str, Any]]  # (code, label); a label may be a lazy translation
_BREAKDOWNS: dict[str, Callable[[], Categories]] = {}


def record_source(key: str) -> Callable[[Source], Source]:
    def register(fn: Source) -> Source:
        _SOURCES[key] = fn
        return fn

    return register


def source_keys() -> list[str]:
    return sorted(_SOURCES)


def source_rows(key: str, start: date, end: date, where: Where) -> Rows:
    """Rows of a registered source; a key nobody registered (an app not installed) gives none."""
    fn = _SOURCES.get(key)
    return fn(start, end, where) if fn is not None else []


def record_breakdown(key: str) -> Callable[[Callable[[], Categories]], Callable[[], Categories]]:
    """Register the categories of a breakdown (`Indicator.Breakdown`) from the app that owns them:

    @record_breakdown("field")
    def fields() -> list[tuple[str, str]]:
        return list(Field.choices)
    """

    def register(fn: Callable[[], Categories]) -> Callable[[], Categories]:
        _BREAKDOWNS[key] = fn
        return fn

    return register


def breakdown_categories(key: str) -> Categories:
    """(code, label) of each category of a breakdown; none for a breakdown no installed app registered."""
    fn = _BREAKDOWNS.get(key)
    return fn() if fn is not None else []


# --- many sources over many periods at once ------------------------------------------------------

Span = tuple[date, date]
# a bucketed source: (spans, where) -> querysets of (key, index of the span, unit id, category, value)
Bucketed = Callable[[list[Span], Where], list[Any]]
_BUCKETED: dict[str, Bucketed] = {}


def record_source_bucketed(key: str) -> Callable[[Bucketed], Bucketed]:
    """Register the same source as `record_source(key)`, for many periods in one read: querysets whose
    rows are (key, index of the span, unit id, category, value), each value what the source gives for
    that span (falsy ones are dropped, as the sources drop empty sums). The periods passed never overlap:

    @record_source_bucketed("initiatives.registered")
    def registered_bucketed(spans: list[Span], where: Where) -> list[QuerySet]:
        return [bucketed(Initiative.objects.filter(where("unit"), ...), "initiatives.registered",
                         spans, lambda s, e: Q(year__gte=s.year, year__lte=e.year), value=Count("pk"))]

    A dashboard then reads every computed figure of every period in a single query (a UNION ALL)
    instead of one per indicator and period; the plain sources stay the definition they must equal.
    """

    def register(fn: Bucketed) -> Bucketed:
        _BUCKETED[key] = fn
        return fn

    return register


def bucketed(
    qs: Any,
    key: str,
    spans: list[Span],
    q_of: Callable[[date, date], Q] | None,
    *,
    value: Any,
    unit: Any = "unit_id",
    category: Any = None,
    at: int | None = None,
) -> Any:
    """`qs` grouped by (span, unit, category) with `value` aggregated: the rows of one bucketed source.

    `q_of(start, end)` says which records fall in a span; `at` instead puts all of `qs` in the span
    of that index (a stock, read as on one day)."""
    from django.db.models import Case, CharField, DecimalField, F, IntegerField, Value, When
    from django.db.models.functions import Cast

    if q_of is None:
        bucket: Any = Value(at, output_field=IntegerField())
    else:
        bucket = Case(*[When(q_of(s, e), then=Value(n)) for n, (s, e) in enumerate(spans)], output_field=IntegerField())
        either = Q()
        for start, end in spans:
            either |= q_of(start, end)
        qs = qs.filter(either)
    return (
        qs.order_by()
        .annotate(
            k=Value(key, output_field=CharField()),
            b=bucket,
            u=F(unit) if isinstance(unit, str) else unit,
            c=F(category) if isinstance(category, str) else Value("", output_field=CharField()),
        )
        .values("k", "b", "u", "c")
        .annotate(v=Cast(value, DecimalField(max_digits=30, decimal_places=6)))
        .values_list("k", "b", "u", "c", "v")
    )


def _layers(spans: list[Span]) -> list[list[Span]]:
    """The spans in layers of spans that do not overlap (a quarter and its year go to different layers)."""
    layers: list[list[Span]] = []
    for span in sorted(spans):
        for layer in layers:
            if all(span[1] < s[0] or s[1] < span[0] for s in layer):
                layer.append(span)
                break
        else:
            layers.append([span])
    return layers


def sources_rows(asks: dict[str, set[Span]], where: Where) -> dict[tuple[str, Span], list[Any]]:
    """{(key, span): rows} of every source asked about over its spans: one query for all the bucketed
    sources (a UNION ALL of theirs), one per span for each of the others."""
    wanted = {k: sorted(spans) for k, spans in asks.items() if k in _SOURCES and spans}
    out: dict[tuple[str, Span], list[Any]] = {(k, s): [] for k, spans in wanted.items() for s in spans}
    bucketed_keys = sorted(k for k in wanted if k in _BUCKETED)
    if bucketed_keys:
        index, rows = _union_rows(bucketed_keys, wanted, where)
        for key, b, unit_id, category, value, p in rows:
            if value:
                span = index[p][1][b]
                out[(key, span)].append((unit_id, category, _decimal(value)))
    for key in sorted(k for k in wanted if k not in _BUCKETED):
        for span in wanted[key]:
            out[(key, span)] = list(source_rows(key, span[0], span[1], where))
    return out


# Building 20-odd querysets and compiling their union costs more than running it (~0.1 s a page), and
# the statement depends only on the sources, the spans and the area's condition: kept per process.
_COMPILED: OrderedDict[tuple[Any, ...], tuple[list[tuple[str, list[Span]]], str, tuple[Any, ...]]] = OrderedDict()
_COMPILED_MAX = 256


def _union_rows(keys: list[str], wanted: dict[str, list[Span]], where: Where) -> tuple[list[Any], list[Any]]:
    """The rows of every bucketed source in `keys` over its spans, as one UNION ALL; and which part is what."""
    from django.db import connection

    cache_key = (connection.vendor, tuple((k, tuple(wanted[k])) for k in keys), repr(where("unit")))
    compiled = _COMPILED.get(cache_key)
    if compiled is None:
        parts: list[Any] = []
        index: list[tuple[str, list[Span]]] = []  # per part: its key and spans, to read the span's index back
        for key in keys:
            for layer in _layers(wanted[key]):
                for part in _BUCKETED[key](layer, where):
                    parts.append(part.annotate(p=Value(len(index))).values_list("k", "b", "u", "c", "v", "p"))
                    index.append((key, layer))
        union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        sql, params = union.query.sql_with_params()
        compiled = (index, sql, tuple(params))
        _COMPILED[cache_key] = compiled
        while len(_COMPILED) > _COMPILED_MAX:
            _COMPILED.popitem(last=False)
    index, sql, params = compiled
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return index, cursor.fetchall()


def _decimal(value: Any) -> Any:
    """A value as the source gives it: SQLite hands a cast decimal back as a float or an integer."""
    if isinstance(value, float):
        return Decimal(str(value))
    return value
