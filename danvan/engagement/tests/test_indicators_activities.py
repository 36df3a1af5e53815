"""Three Together, dialogues and persons feed the report figures without anybody typing them."""

from __future__ import annotations

from datetime import date

from danvan.conftest import unit
from danvan.engagement.tests.activity_helpers import binh_lieu_person, nam_khe_dialogue, org, tq_activity
from danvan.geo.services import village_add
from danvan.reporting.models import Indicator
from danvan.reporting.periods import period_get
from danvan.reporting.selectors import rollup


def _value(user, code, era, unit_code, period="2024"):
    indicator = Indicator.objects.get(code=code)
    return rollup(user=user, unit=unit(era, unit_code), indicator=indicator, period=period_get(period)).value


def test_an_activity_raises_tt_people_on_both_maps(other_manager, admin_user):
    before = {era: _value(admin_user, "tt_people", era, "08") for era in ("2024", "2025")}
    tq_activity(other_manager, people_count=340)
    assert _value(admin_user, "tt_people", "2024", "08") == before["2024"] + 340
    assert _value(admin_user, "tt_people", "2025", "08") == before["2025"] + 340
    assert _value(other_manager, "tt_people", "2025", "08") == before["2025"] + 340
    assert _value(admin_user, "tt_people", "2024", "08", period="2023") == 0


def test_the_other_three_together_figures(other_manager, admin_user):
    village = village_add(actor=admin_user, commune=unit("2024", "02227"), name="Nà Khá")
    tq_activity(other_manager)  # at the commune: 12 cadres, 2 built + 1 repaired, 60 million, 48 workdays
    tq_activity(other_manager, unit=village, cadres_count=3, houses_built=0, houses_repaired=0, money=0)
    tq_activity(other_manager, organization=org("Hội Liên hiệp Phụ nữ tỉnh Tuyên Quang"), cadres_count=5)
    got = {
        code: _value(admin_user, code, "2024", "08")
        for code in ("tt_cadres", "tt_party_cells", "tt_communes", "tt_villages", "houses_helped")
    }
    assert got == {"tt_cadres": 20, "tt_party_cells": 2, "tt_communes": 3, "tt_villages": 1, "houses_helped": 6}
    assert _value(admin_user, "money_mobilised", "2024", "072") == 120_000_000  # Na Hang district
    assert _value(admin_user, "workdays", "2025", "08") == 144


def test_dialogues_are_counted_where_held(commune_reporter, admin_user):
    nam_khe_dialogue(commune_reporter, held_on=date(2024, 9, 20))
    assert _value(admin_user, "dialogues_held", "2024", "196") == 1
    assert _value(admin_user, "dialogues_held", "2025", "22") == 1
    assert _value(admin_user, "dialogues_held", "2024", "196", period="2023") == 0


def test_prestigious_persons_are_a_stock_at_the_periods_end(province_manager, admin_user):
    binh_lieu_person(province_manager, since=date(2019, 1, 1))
    binh_lieu_person(province_manager, full_name="Đã thôi", since=date(2019, 1, 1), until=date(2024, 6, 30))
    binh_lieu_person(province_manager, full_name="Mới", since=date(2025, 3, 1))
    assert _value(admin_user, "prestigious_persons", "2024", "198", period="2024") == 1
    assert _value(admin_user, "prestigious_persons", "2024", "198", period="2023") == 2
