"""The reporting feed: petitions received and resolved, counted at their place on either map."""

import pytest

from danvan.conftest import unit
from danvan.engagement.services import petitions as svc
from danvan.engagement.tests.petition_factories import at, submit
from danvan.reporting.models import Indicator
from danvan.reporting.periods import period_get
from danvan.reporting.selectors import rollup

pytestmark = pytest.mark.django_db


def test_received_and_resolved_roll_up(admin_user, province_manager):
    a = submit(now=at(2025, 2, 10))
    submit(now=at(2025, 3, 10), text="Đề nghị sửa cầu tràn thôn 4 trước mùa mưa.")
    submit(now=at(2024, 12, 30), text="Tiếng ồn karaoke sau 22 giờ ở tổ 8.")  # another year
    svc.petition_accept(actor=province_manager, petition=a, now=at(2025, 2, 11))
    svc.petition_answer(actor=province_manager, petition=a, answer="Đã giải quyết", now=at(2025, 2, 20))
    received = Indicator.objects.get(code="petitions_received")
    resolved = Indicator.objects.get(code="petitions_resolved")
    year = period_get("2025")
    for place in (unit("2024", "06823"), unit("2024", "196"), unit("2025", "06820"), unit("2025", "22")):
        assert rollup(user=admin_user, unit=place, indicator=received, period=year).value == 2, place
        assert rollup(user=admin_user, unit=place, indicator=resolved, period=year).value == 1, place
    assert rollup(user=admin_user, unit=unit("2025", "08"), indicator=received, period=year).value == 0
    assert rollup(user=admin_user, unit=unit("2024", "06823"), indicator=received, period=period_get("2024")).value == 1
