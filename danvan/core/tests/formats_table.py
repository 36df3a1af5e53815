"""The one table of how numbers and dates are typed and shown, in both languages.

Every entry point's test reads it (core.numbers itself, the report grid, a model's form, an Excel
import cell, an engagement form, the API): a row changed here changes what all of them must do.
"""

from datetime import date
from decimal import Decimal

REFUSED = "refused"

# (language, as typed, the number it is; None for blank; REFUSED when it is not a number there)
TYPED = [
    ("vi", "7.604", Decimal(7604)),
    ("vi", "1.234,5", Decimal("1234.5")),
    ("vi", "12,500", Decimal("12.5")),
    ("vi", "12,5", Decimal("12.5")),
    ("vi", "1.234.567", Decimal(1234567)),
    ("vi", "1 234 567", Decimal(1234567)),
    ("vi", "1\u00a0234", Decimal(1234)),
    ("vi", "  42 ", Decimal(42)),
    ("vi", "0", Decimal(0)),
    ("vi", "0,25", Decimal("0.25")),
    ("vi", "185.000.000 đ", Decimal(185000000)),
    ("vi", "", None),
    ("vi", "1.23.4", REFUSED),
    ("vi", "12.5", REFUSED),
    ("vi", "1,234.5", REFUSED),
    ("vi", "1.2345", REFUSED),
    ("vi", "12,3,4", REFUSED),
    ("vi", "1.234,5,6", REFUSED),
    ("vi", "abc", REFUSED),
    ("vi", "1e9", REFUSED),
    ("vi", "١٢٣", REFUSED),
    ("en", "7,604", Decimal(7604)),
    ("en", "1,234.5", Decimal("1234.5")),
    ("en", "12,500", Decimal(12500)),
    ("en", "12.5", Decimal("12.5")),
    ("en", "1,234,567", Decimal(1234567)),
    ("en", "1 234 567", Decimal(1234567)),
    ("en", "0.25", Decimal("0.25")),
    ("en", "", None),
    ("en", "1,23,4", REFUSED),
    ("en", "12,5", REFUSED),
    ("en", "1.234,5", REFUSED),
    ("en", "1.234.567", REFUSED),
    ("en", "NaN", REFUSED),
]

# (language, the number, as shown): what every page, grid, chart and export label prints
SHOWN = [
    ("vi", 7604, "7.604"),
    ("vi", 14516, "14.516"),
    ("vi", Decimal("1234.5"), "1.234,5"),
    ("vi", Decimal(1234567), "1.234.567"),
    ("vi", Decimal("12.50"), "12,5"),
    ("vi", Decimal("0.25"), "0,25"),
    ("vi", 0, "0"),
    ("vi", 999, "999"),
    ("vi", -1500, "-1.500"),
    ("en", 7604, "7,604"),
    ("en", 14516, "14,516"),
    ("en", Decimal("1234.5"), "1,234.5"),
    ("en", Decimal(1234567), "1,234,567"),
    ("en", Decimal("12.50"), "12.5"),
    ("en", 0, "0"),
]

# (as typed, the date; REFUSED when it is not one). Both languages read and write day/month/year.
DATES_TYPED = [
    ("07/12/2026", date(2026, 12, 7)),
    ("7/12/2026", date(2026, 12, 7)),
    ("07-12-2026", date(2026, 12, 7)),
    ("07.12.2026", date(2026, 12, 7)),
    ("2026-12-07", date(2026, 12, 7)),
    ("31/02/2026", REFUSED),
    ("12/2026", REFUSED),
    ("2026/12/07", REFUSED),
    ("7 tháng 12", REFUSED),
]

DATES_SHOWN = [
    ("vi", date(2026, 12, 7), "07/12/2026"),
    ("en", date(2026, 12, 7), "07/12/2026"),
    ("vi", date(2025, 1, 15), "15/01/2025"),
]


# the rows an entry point that needs a figure reads (a blank cell means "no figure" to each in its own way)
FIGURES = [(lang, text, value) for lang, text, value in TYPED if value is not None]


def is_whole(value) -> bool:
    return isinstance(value, Decimal) and value == value.to_integral_value()
