"""The demo: idempotent, and its records show up in the report figures without being typed."""

from __future__ import annotations

from datetime import date

from danvan.conftest import unit
from danvan.engagement.demo import activities as demo_activities
from danvan.engagement.models import Dialogue, PrestigiousPerson
from danvan.engagement.selectors.dialogues import dialogue_issues, dialogue_previous
from danvan.reporting.models import Indicator
from danvan.reporting.periods import period_get
from danvan.reporting.selectors import rollup


def _value(user, code, era, unit_code):
    ind = Indicator.objects.get(code=code)
    return rollup(user=user, unit=unit(era, unit_code), indicator=ind, period=period_get("2024")).value


def test_the_demo_loads_once_and_feeds_the_figures(admin_user):
    before = {code: _value(admin_user, code, "2025", "08") for code in ("tt_people", "tt_cadres", "houses_helped")}
    created = demo_activities.load()
    assert created == {
        "dialogues": 2,
        "dialogue issues": 3,
        "Three Together activities": 8,
        "prestigious persons": 12,
    }
    assert set(demo_activities.load().values()) == {0}
    assert _value(admin_user, "tt_people", "2025", "08") - before["tt_people"] == 1330
    assert _value(admin_user, "tt_cadres", "2025", "08") - before["tt_cadres"] == 112
    assert _value(admin_user, "houses_helped", "2025", "08") - before["houses_helped"] == 11
    assert _value(admin_user, "prestigious_persons", "2024", "198") >= 12
    assert PrestigiousPerson.objects.filter(ethnic_group__name__in=["Tày", "Dao", "Sán Chay"]).count() == 12

    later = Dialogue.objects.get(held_on=date(2024, 12, 14))
    earlier = dialogue_previous(user=admin_user, dialogue=later)
    assert earlier is not None and earlier.held_on == date(2024, 10, 12)
    issues = dialogue_issues(user=admin_user, dialogue=earlier)
    assert sorted((i.status, i.overdue) for i in issues) == [
        ("accepted", True),
        ("answered", False),
        ("answered", False),
    ]
