"""Figures as a dashboard shows them, through `danvan.core.numbers` (14.516 · 1.234,5 · +12,3%)."""

from __future__ import annotations

from decimal import Decimal

from danvan.core.numbers import format_number, format_percent
from danvan.reporting.models import Indicator

HUNDRED = Decimal(100)


def number(value: Decimal | int | float | None, *, places: int = 0) -> str:
    """ "140.300" in Vietnamese, "140,300" in English; "—" when there is no figure."""
    return format_number(value, places=places, empty="—")


def indicator_number(value: Decimal | None, indicator: Indicator) -> str:
    """Whole-number indicators as whole numbers (an apportioned share can leave a fraction), others to 2 places."""
    return number(value, places=0 if indicator.value_type == Indicator.ValueType.INTEGER else 2)


def percent(value: Decimal | None) -> str:
    return format_percent(value, places=1)


def change(now: Decimal, now_count: int, before: Decimal, before_count: int) -> Decimal | None:
    """% change, or None when either side has nothing reported or the base is 0 (no meaningful ratio)."""
    if not now_count or not before_count or not before:
        return None
    return (now - before) / before * HUNDRED
