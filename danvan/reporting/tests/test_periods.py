from datetime import date

import pytest

from danvan.core.errors import DomainError
from danvan.reporting.models import Period
from danvan.reporting.periods import period_get, period_parse, period_previous, period_same_last_year, periods_within
from danvan.reporting.services import period_ensure


@pytest.mark.parametrize(
    ("code", "norm", "kind", "start", "end"),
    [
        ("2024", "2024", "year", date(2024, 1, 1), date(2024, 12, 31)),
        ("2024-h2", "2024-H2", "half", date(2024, 7, 1), date(2024, 12, 31)),
        ("2024-Q1", "2024-Q1", "quarter", date(2024, 1, 1), date(2024, 3, 31)),
        ("2024-02", "2024-02", "month", date(2024, 2, 1), date(2024, 2, 29)),
        (" 2021-2025 ", "2021-2025", "phase", date(2021, 1, 1), date(2025, 12, 31)),
    ],
)
def test_codes_parse_to_their_bounds(code, norm, kind, start, end):
    assert period_parse(code) == (norm, kind, start, end)


@pytest.mark.parametrize("code", ["", "abc", "2024-13", "2024-Q5", "2025-2021", "2000-2030", "24", "2024-H3", "9999"])
def test_a_bad_code_says_what_a_code_looks_like(code):
    with pytest.raises(DomainError) as e:
        period_parse(code)
    assert "2024-Q3" in e.value.message  # the message shows the forms a code takes


def test_periods_within_and_before(db):
    phase = period_get("2021-2025")
    assert [p.code for p in periods_within(phase, "year")] == ["2021", "2022", "2023", "2024", "2025"]
    assert len(periods_within(period_get("2024"), "month")) == 12
    assert periods_within(period_get("2024-Q1"), "year") == []  # a quarter holds no year
    assert period_previous(period_get("2024-Q1")).code == "2023-Q4"
    assert period_previous(period_get("2024-01")).code == "2023-12"
    assert period_previous(phase).code == "2016-2020"
    assert period_same_last_year(period_get("2024-H2")).code == "2023-H2"
    assert not Period.objects.filter(code__in=["2021-2025", "2024", "2023-Q4", "2016-2020", "2024-05"]).exists()


def test_reading_never_stores_a_period_and_opening_stores_it_once(db):
    read = period_get("2031-Q3")
    assert read.pk is None and (read.type, read.start, read.end) == ("quarter", date(2031, 7, 1), date(2031, 9, 30))
    assert [p.pk for p in periods_within(period_get("2031"), "quarter")] == [None] * 4
    assert not Period.objects.filter(code__startswith="2031").exists()
    stored = period_ensure(period=read)
    assert stored.pk is not None and period_ensure(period=period_get("2031-Q3")) == stored
    assert period_get("2031-q3") == stored  # read back, the stored row
    assert Period.objects.filter(code__startswith="2031").count() == 1
