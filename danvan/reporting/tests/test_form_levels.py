"""Report forms follow the map of the period they report on: no district level after 1 July 2025.

The province-and-district annual form keeps its district level for 2024 and the first half of 2025
(the 63-province map) and loses it for the year 2025 and after (two-level local government).
"""

import pytest
from django.utils import translation

from danvan.conftest import unit
from danvan.core.errors import DomainError
from danvan.reporting.models import ReportForm, Submission
from danvan.reporting.periods import form_levels, period_era, period_get
from danvan.reporting.selectors import expected_reporters
from danvan.reporting.services import submission_open

pytestmark = pytest.mark.django_db


@pytest.fixture
def upper(db):
    return ReportForm.objects.get(code="dvk-upper-year")


@pytest.fixture
def upper_half(upper):
    return ReportForm.objects.create(code="upper-half", name="Nửa năm", period_type="half", levels=upper.levels)


def test_the_levels_come_from_the_period_s_map(upper, upper_half):
    assert upper.levels == ["province", "district"]
    assert (period_era(period_get("2024")), form_levels(upper, period_get("2024"))) == (
        "2024",
        ["province", "district"],
    )
    assert form_levels(upper_half, period_get("2025-H1")) == ["province", "district"]  # ends 30 June 2025
    assert (period_era(period_get("2025")), form_levels(upper, period_get("2025"))) == ("2025", ["province"])
    assert form_levels(upper, period_get("2026")) == ["province"]


def test_a_district_reports_for_2024_but_not_for_2026(upper, district_reviewer):
    uong_bi = unit("2024", "196")
    assert uong_bi.level == "district"
    assert submission_open(actor=district_reviewer, form=upper, unit=uong_bi, period=period_get("2024")).pk
    with translation.override("vi"), pytest.raises(DomainError) as exc:
        submission_open(actor=district_reviewer, form=upper, unit=uong_bi, period=period_get("2026"))
    assert exc.value.code == "bad_level"
    assert "Không có cấp huyện trên bản đồ của kỳ 2026" in exc.value.message
    assert list(Submission.objects.values_list("period__code", flat=True)) == ["2024"]


def test_who_should_report_follows_the_period(upper):
    quang_ninh = unit("2024", "22")
    in_2024 = set(expected_reporters(form=upper, unit=quang_ninh, era="2024", period=period_get("2024")))
    assert {u.level for u in in_2024} == {"province", "district"}
    in_2026 = list(expected_reporters(form=upper, unit=quang_ninh, era="2024", period=period_get("2026")))
    assert in_2026 == [quang_ninh]  # the old districts are not asked for 2026
    today = list(expected_reporters(form=upper, unit=unit("2025", "22"), era="2025", period=period_get("2026")))
    assert [u.level for u in today] == ["province"]
