"""`core.dates`: day ranges on datetime columns."""

from datetime import date

import pytest


@pytest.mark.django_db
def test_days_q_picks_the_same_rows_as_the_date_lookup_at_the_day_edges(django_user_model):
    from datetime import UTC, datetime

    from danvan.core.dates import days_q

    moments = {  # UTC instants around Hanoi's midnights (UTC+7)
        "before": datetime(2024, 1, 1, 16, 59, 59, tzinfo=UTC),  # 01/01/2024 23:59:59 in Hanoi
        "first": datetime(2023, 12, 31, 17, 0, tzinfo=UTC),  # 01/01/2024 00:00 in Hanoi
        "last": datetime(2024, 12, 31, 16, 59, 59, tzinfo=UTC),  # 31/12/2024 23:59:59 in Hanoi
        "after": datetime(2024, 12, 31, 17, 0, tzinfo=UTC),  # 01/01/2025 00:00 in Hanoi
        "earlier": datetime(2023, 12, 31, 16, 59, 59, tzinfo=UTC),  # 31/12/2023 23:59:59 in Hanoi
    }
    for name, moment in moments.items():
        django_user_model.objects.create(username=name, last_login=moment)
    users = django_user_model.objects.exclude(last_login=None)
    start, end = date(2024, 1, 1), date(2024, 12, 31)
    by_date = set(
        users.filter(last_login__date__gte=start, last_login__date__lte=end).values_list("username", flat=True)
    )
    by_range = set(users.filter(days_q("last_login", start, end)).values_list("username", flat=True))
    assert by_range == by_date == {"before", "first", "last"}
    assert set(users.filter(days_q("last_login", end=date(2023, 12, 31))).values_list("username", flat=True)) == {
        "earlier"
    }
