"""Numbers as people read and type them, in each interface language: the only place that knows how.

Vietnamese groups thousands with dots and writes decimals with a comma (7.604 · 1.234,5);
English the other way round (7,604 · 1,234.5). A text is read by the rules of one language only,
so "12,500" is 12.5 in Vietnamese and 12500 in English, and never a guess between the two:
a separator that fits neither rule ("1.23.4", "12.5" in Vietnamese) is refused with a message
that shows how to write it. Forms, the report grid, the Excel imports, the API (where it takes
text), Django's own rendering (`danvan/formats/<lang>/formats.py`), the `number` template filter
and the charts (`core/numbers.js`, fed the same separators) all read this table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from danvan.core.errors import DomainError


@dataclass(frozen=True)
class Conventions:
    group: str  # thousands separator
    decimal: str  # decimal separator
    example: str  # how a number is written, for error messages


CONVENTIONS = {
    "vi": Conventions(group=".", decimal=",", example="1.234,5"),
    "en": Conventions(group=",", decimal=".", example="1,234.5"),
    # the public portal's other languages, each in its own style (CLDR's): read as well as written
    "es": Conventions(group=".", decimal=",", example="1.234,5"),
    "de": Conventions(group=".", decimal=",", example="1.234,5"),
    "nb": Conventions(group="\u00a0", decimal=",", example="1\u00a0234,5"),
    "ja": Conventions(group=",", decimal=".", example="1,234.5"),
}
DEFAULT_LANGUAGE = "vi"

_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2009"), " ")  # no-break, narrow no-break, thin
_MINUS = dict.fromkeys(map(ord, "\u2212\u2013"), "-")  # minus sign, en dash (Word's "minus")
_CURRENCY = re.compile(r"\s*(?:₫|đ|vnđ|vnd|đồng)\s*$", re.IGNORECASE)


def _pattern(c: Conventions) -> re.Pattern[str]:
    g, d = re.escape(c.group), re.escape(c.decimal)
    whole = rf"\d+|\d{{1,3}}(?:{g}\d{{3}})+|\d{{1,3}}(?: \d{{3}})+"  # plain, grouped, or grouped by spaces
    return re.compile(rf"(?P<sign>[+-]?) ?(?P<whole>{whole})(?:{d}(?P<frac>\d+))?", re.ASCII)


_PATTERNS = {lang: _pattern(c) for lang, c in CONVENTIONS.items()}


class NumberError(DomainError, ValueError):
    """A text that is not a number in the language it was read in; `message` says how to write one."""

    def __init__(self, text: str, lang: str) -> None:
        example = CONVENTIONS[lang].example
        super().__init__(
            _("“%(text)s” is not a number: write it like %(example)s.") % {"text": text[:30], "example": example},
            code="not_a_number",
        )


def language(lang: str | None = None) -> str:
    """The conventions' key for `lang`, or for the active language (Vietnamese for any other)."""
    code = (lang or get_language() or DEFAULT_LANGUAGE)[:2].lower()
    return code if code in CONVENTIONS else DEFAULT_LANGUAGE


def conventions(lang: str | None = None) -> Conventions:
    return CONVENTIONS[language(lang)]


def parse_number(raw: Any, *, lang: str | None = None) -> Decimal | None:
    """A number from a form, a cell or a request; None when blank. Raises NumberError (a ValueError).

    Numbers already typed as numbers (int, Decimal, float from Excel or JSON) pass as they are.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise NumberError(str(raw), language(lang))
    if isinstance(raw, int | Decimal):
        value = Decimal(raw)
    elif isinstance(raw, float):
        value = Decimal(str(raw))
    else:
        text = str(raw).translate(_SPACES).translate(_MINUS).strip()
        text = _CURRENCY.sub("", text)
        if text == "":
            return None
        code = language(lang)
        match = _PATTERNS[code].fullmatch(text)
        if match is None:
            raise NumberError(str(raw).strip(), code)
        digits = match["whole"].replace(CONVENTIONS[code].group, "").replace(" ", "")
        frac = f".{match['frac']}" if match["frac"] else ""
        value = Decimal(f"{match['sign']}{digits}{frac}")
    if not value.is_finite():
        raise NumberError(str(raw), language(lang))
    return value


def format_number(
    value: Decimal | int | float | None, *, places: int | None = None, lang: str | None = None, empty: str = ""
) -> str:
    """7604 → "7.604", 1234.5 → "1.234,5" in Vietnamese ("7,604", "1,234.5" in English).

    `places` rounds to at most that many decimals (half up); trailing zeros are never shown, so
    whatever this prints, `parse_number` reads back in the same language.
    """
    if value is None or value == "":
        return empty
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    try:
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    if not number.is_finite():
        return str(value)
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    number = number.quantize(Decimal(1)) if number == number.to_integral_value() else number.normalize()
    c = conventions(lang)
    sign = "-" if number < 0 else ""
    whole, _dot, frac = f"{abs(number):f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        whole, tail = whole[:-3], whole[-3:]
        groups.insert(0, tail)
    grouped = c.group.join([whole, *groups])
    return f"{sign}{grouped}{c.decimal}{frac}" if frac else f"{sign}{grouped}"


def format_percent(value: Decimal | None, *, places: int = 1, lang: str | None = None) -> str:
    """A change in per cent with its sign: "+12,5%", "−3%", "±0%"; "" for no ratio."""
    if value is None:
        return ""
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{format_number(abs(value), places=places, lang=lang)}%"
