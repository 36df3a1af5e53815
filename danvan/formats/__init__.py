"""Django's format modules (`FORMAT_MODULE_PATH`), built from `danvan.core.numbers` and `danvan.core.dates`
so that `{{ value }}`, `|date`, form widgets and our own formatting print the same thing."""

from __future__ import annotations

from typing import Any

from danvan.core import dates, numbers


def formats_of(lang: str) -> dict[str, Any]:
    """One language's Django formats: each language's `formats.py` is this dict as module attributes."""
    conventions = numbers.CONVENTIONS[lang]
    return {
        "DATE_FORMAT": dates.DATE_FORMAT[lang],
        "SHORT_DATE_FORMAT": dates.DATE_FORMAT[lang],
        "DATETIME_FORMAT": dates.DATETIME_FORMAT[lang],
        "SHORT_DATETIME_FORMAT": dates.DATETIME_FORMAT[lang],
        "TIME_FORMAT": "H:i",
        "YEAR_MONTH_FORMAT": dates.MONTH_FORMAT[lang],
        "MONTH_DAY_FORMAT": dates.MONTH_DAY_FORMAT[lang],
        "FIRST_DAY_OF_WEEK": 1,  # Monday
        "DATE_INPUT_FORMATS": dates.DATE_INPUT_FORMATS,
        "DATETIME_INPUT_FORMATS": dates.DATETIME_INPUT_FORMATS,
        "DECIMAL_SEPARATOR": conventions.decimal,
        "THOUSAND_SEPARATOR": conventions.group,
        "NUMBER_GROUPING": 3,
    }
