"""Dates as people read and type them: day first, with slashes, in both languages (07/12/2026).

English pages print dates the British way, day/month/year, as the Vietnamese ones do, so a date
copied from one interface to the other never changes meaning (12/07 is never July in one and
December in the other). The portal's other languages print theirs in their own style: Spanish
07/12/2026, German and Norwegian 07.12.2026, Japanese 2026/12/07.
Typed or imported dates are read day first with "/", "-" or "." between the parts, or as ISO
8601 (2026-12-07, what `<input type="date">` and the API send); nothing else is guessed.
Django's own `date` filter uses the same patterns (`danvan/formats/*/formats.py`).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.errors import DomainError
from danvan.core.numbers import language

# Django date-format patterns, per language (the format modules import them)
DATE_FORMAT = {"vi": "d/m/Y", "en": "d/m/Y", "es": "d/m/Y", "de": "d.m.Y", "nb": "d.m.Y", "ja": "Y/m/d"}
DATETIME_FORMAT = {lang: f"{pattern} H:i" for lang, pattern in DATE_FORMAT.items()}
MONTH_FORMAT = {"vi": "m/Y", "en": "m/Y", "es": "m/Y", "de": "m.Y", "nb": "m.Y", "ja": "Y/m"}
MONTH_DAY_FORMAT = {"vi": "d/m", "en": "d/m", "es": "d/m", "de": "d.m.", "nb": "d.m.", "ja": "m/d"}
_STRFTIME = {"d/m/Y": "%d/%m/%Y", "d.m.Y": "%d.%m.%Y", "Y/m/d": "%Y/%m/%d"}
# what Django's own DateField reads; `parse_date` reads the same
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
]
EXAMPLE = "15/03/2024"
# the same, as Excel number formats for date cells in XLSX exports
EXCEL_DATE = "dd/mm/yyyy"
EXCEL_DATETIME = "dd/mm/yyyy hh:mm"

_DAY_FIRST = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})", re.ASCII)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)


class DateError(DomainError, ValueError):
    def __init__(self, text: str) -> None:
        super().__init__(
            _("“%(text)s” is not a date: write it as day/month/year, e.g. %(example)s.")
            % {"text": text[:30], "example": EXAMPLE},
            code="not_a_date",
        )


def parse_date(raw: Any) -> date | None:
    """A calendar date from a form, a cell or a request; None when blank. Raises DateError (a ValueError)."""
    if raw is None:
        return None
    if isinstance(raw, datetime):
        return timezone.localtime(raw).date() if timezone.is_aware(raw) else raw.date()
    if isinstance(raw, date):
        return raw
    text = str(raw).strip()
    if text == "":
        return None
    if m := _DAY_FIRST.fullmatch(text):
        day, month, year = int(m[1]), int(m[3]), int(m[4])
    elif m := _ISO.fullmatch(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    else:
        raise DateError(text)
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(text) from None


def format_date(value: date | datetime | None, *, lang: str | None = None) -> str:
    """07/12/2026; a timezone-aware datetime is first taken to local time (Asia/Ho_Chi_Minh)."""
    if value is None:
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime(_STRFTIME[DATE_FORMAT[language(lang)]])


def format_datetime(value: datetime | None, *, lang: str | None = None) -> str:
    """07/12/2026 14:05, in local time."""
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{format_date(value, lang=lang)} {value:%H:%M}"


def days_q(field: str, start: date | None = None, end: date | None = None) -> Q:
    """`field` (a datetime) falls on a day from `start` to `end`, both included, in the current time zone.

    The same rows as `field__date__gte=start, field__date__lte=end`, written as a range on the
    column itself: `__date` converts every row's value before comparing (on SQLite a Python call
    per row), so no index is used and a year's petitions of a province read the whole country's
    (4.8 s of a review report's 17 on the national dataset).
    """
    q = Q()
    zone = timezone.get_current_timezone()
    if start is not None:
        q &= Q(**{f"{field}__gte": datetime.combine(start, time.min, tzinfo=zone)})
    if end is not None:
        q &= Q(**{f"{field}__lt": datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone)})
    return q
