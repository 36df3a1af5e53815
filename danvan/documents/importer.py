"""The cell parsers every import shares: text, whole numbers, decimals, dates and lists of names.

A cell arrives as openpyxl gives it (str, int, float, datetime) or as typed text; each parser
returns the value or raises a `DomainError` whose message goes next to the cell on the import's
page. What a column means, and which parser reads it, is the importing app's to say
(`initiatives.sheets.reader`); opening the file and its limits are `documents.workbook`'s.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl.utils.datetime import from_excel

from danvan.core.dates import DateError, format_date, parse_date
from danvan.core.errors import DomainError
from danvan.core.numbers import NumberError, parse_number
from danvan.core.text import fold

_SEPARATORS = re.compile(r"[;,\n]")


def _keyed(objs: Any, spellings: Any) -> dict[str, list[Any]]:
    table: dict[str, list[Any]] = {}
    for obj in objs:
        for spelling in {fold(s) for s in spellings(obj) if s}:
            table.setdefault(spelling, []).append(obj)
    return table


def _choices(choices: Any) -> dict[str, str]:
    from django.utils.translation import override

    table = {}
    for value in choices.values:
        table[fold(value)] = value
        for language in ("vi", "en"):
            with override(language):
                table[fold(str(choices(value).label))] = value
    return table


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def _number(value: Any) -> Decimal:
    """A cell's number, read by `core.numbers` in the uploader's language (the job runs in it)."""
    try:
        number = parse_number(value)
    except NumberError as exc:
        raise DomainError(exc.message) from None
    if number is None:
        raise DomainError(_("Write a number."))
    return number


def _integer(value: Any) -> int:
    number = _number(value)
    if number != number.to_integral_value():
        raise DomainError(_("Write a whole number."))
    return int(number)


def _decimal(value: Any, *, integer: bool) -> Decimal:
    number = _number(value)
    if abs(number) >= Decimal(10) ** 16:
        raise DomainError(_("This number is too large."))
    if number != number.quantize(Decimal("0.01")):
        raise DomainError(_("At most two decimals."))
    return number


def _date(value: Any) -> date:
    if isinstance(value, int | float) and not isinstance(value, bool) and 20_000 <= value <= 80_000:
        converted = from_excel(value)  # a date whose cell lost its date format: Excel's day number
        return converted.date() if isinstance(converted, datetime) else converted
    try:
        day = parse_date(value)
    except DateError as exc:
        raise DomainError(exc.message) from None
    if day is None:
        raise DomainError(_("Write a date as dd/mm/yyyy, e.g. 15/03/2024."))
    return day


def _names(text: str, table: dict[str, list[Any]]) -> list[Any]:
    """Names separated by ; , or new lines. A name may itself hold commas ("Học sinh, sinh viên"):
    the longest run of pieces that spells a known name wins."""
    pieces = [p.strip() for p in _SEPARATORS.split(text)]
    pieces = [p for p in pieces if p]
    found: list[Any] = []
    unknown: list[str] = []
    i = 0
    while i < len(pieces):
        for j in range(len(pieces), i, -1):
            key = fold(", ".join(pieces[i:j]))
            if key in table:
                matches = table[key]
                if len(matches) > 1:
                    raise DomainError(
                        _("“%(name)s” is ambiguous: write it as in the list, with the issuer in brackets.")
                        % {"name": ", ".join(pieces[i:j])}
                    )
                if matches[0] not in found:
                    found.append(matches[0])
                i = j
                break
        else:
            unknown.append(pieces[i])
            i += 1
    if unknown:
        raise DomainError(_("Not in the list: %(names)s.") % {"names": "; ".join(unknown)})
    return found
