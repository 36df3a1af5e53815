"""Django's formats for the en interface: the separators and date patterns of danvan.core."""

from danvan.core import dates, numbers

_c = numbers.CONVENTIONS["en"]

DATE_FORMAT = dates.DATE_FORMAT["en"]
SHORT_DATE_FORMAT = dates.DATE_FORMAT["en"]
DATETIME_FORMAT = dates.DATETIME_FORMAT["en"]
SHORT_DATETIME_FORMAT = dates.DATETIME_FORMAT["en"]
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = dates.MONTH_FORMAT["en"]
MONTH_DAY_FORMAT = "d/m"
FIRST_DAY_OF_WEEK = 1  # Monday
DATE_INPUT_FORMATS = dates.DATE_INPUT_FORMATS
DATETIME_INPUT_FORMATS = dates.DATETIME_INPUT_FORMATS
DECIMAL_SEPARATOR = _c.decimal
THOUSAND_SEPARATOR = _c.group
NUMBER_GROUPING = 3
