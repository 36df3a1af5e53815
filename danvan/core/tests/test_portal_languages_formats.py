"""The portal's six languages each write numbers and dates in their own style, and read them back."""

from datetime import date
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from danvan.core.dates import format_date
from danvan.core.numbers import format_number, parse_number

CASES = {
    "vi": ("7.604", "1.234,5", "07/12/2026"),
    "en": ("7,604", "1,234.5", "07/12/2026"),
    "es": ("7.604", "1.234,5", "07/12/2026"),
    "de": ("7.604", "1.234,5", "07.12.2026"),
    "nb": ("7\u00a0604", "1\u00a0234,5", "07.12.2026"),
    "ja": ("7,604", "1,234.5", "2026/12/07"),
}


@pytest.mark.parametrize("lang", CASES)
def test_numbers_and_dates_in_each_language(lang):
    whole, decimal, day = CASES[lang]
    assert format_number(7604, lang=lang) == whole
    assert format_number(Decimal("1234.5"), lang=lang) == decimal
    assert parse_number(decimal, lang=lang) == Decimal("1234.5")
    assert format_date(date(2026, 12, 7), lang=lang) == day


@pytest.mark.parametrize("lang", CASES)
def test_django_renders_them_the_same_way(lang):
    whole, _decimal, day = CASES[lang]
    with translation.override(lang):
        out = Template("{{ n }}|{{ d }}|{{ d|date }}").render(Context({"n": 7604, "d": date(2026, 12, 7)}))
    assert out == f"{whole}|{day}|{day}"
