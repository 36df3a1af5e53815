"""selectors.rollups_bulk and computed.sources_rows: many roll-ups at once, equal to one roll-up at a time."""

from __future__ import annotations

from datetime import date

import pytest
from django.db.models import Q

from danvan.conftest import unit
from danvan.geo.selectors import area_q
from danvan.reporting.computed import _BUCKETED, source_keys, source_rows, sources_rows
from danvan.reporting.models import Indicator
from danvan.reporting.periods import period_get
from danvan.reporting.selectors import rollup, rollups_bulk

SPANS = [
    (date(2023, 1, 1), date(2023, 12, 31)),
    (date(2024, 1, 1), date(2024, 12, 31)),
    (date(2025, 1, 1), date(2025, 12, 31)),
    (date(2024, 1, 1), date(2024, 3, 31)),  # inside 2024: read in a layer of its own
    (date(2021, 1, 1), date(2025, 12, 31)),
]


def _norm(rows):
    return sorted((u, c, float(v)) for u, c, v in rows if v)


@pytest.fixture
def records(db, commune_reporter, admin_user):
    """Records of every kind the demo loads (activities, dialogues, petitions, persons), and models of our own."""
    from danvan.core.demo import load_demo
    from danvan.initiatives.services import initiative_transition
    from danvan.initiatives.tests.factories import nam_khe_model

    load_demo(models=True)
    m = nam_khe_model(commune_reporter)
    initiative_transition(actor=commune_reporter, initiative=m, to="registered")


@pytest.mark.parametrize("area", [None, ("2024", "22"), ("2025", "22")])
def test_the_bucketed_sources_equal_the_sources_span_by_span(records, area, django_assert_max_num_queries):
    place = unit(*area) if area else None

    def where(f):
        return area_q(place, f) if place else Q()

    where("unit")  # an old unit's equivalents on the new map: read once per unit, kept on it
    keys = source_keys()
    assert set(_BUCKETED) == set(keys)  # every source can be read with the others
    with django_assert_max_num_queries(1):
        found = sources_rows({k: set(SPANS) for k in keys}, where)
    nonempty = 0
    for key in keys:
        for span in SPANS:
            expected = _norm(source_rows(key, span[0], span[1], where))
            assert _norm(found[(key, span)]) == expected, (key, span)
            nonempty += bool(expected)
    assert nonempty >= 10  # the comparison compared something


def test_bulk_answers_equal_single_rollups(records, admin_user, province_manager):
    indicators = list(Indicator.objects.filter(active=True))
    periods = [period_get("2024"), period_get("2023"), period_get("2021-2025")]
    places = [(admin_user, None), (province_manager, unit("2025", "22")), (province_manager, unit("2024", "196"))]
    for user, place in places:
        many = rollups_bulk(user=user, unit=place, era="2025", indicators=indicators, periods=periods, by=["child"])
        for indicator in indicators:
            for period in periods:
                for by in (None, "child", "field", "period"):
                    for approved in (False, True):
                        try:
                            one = rollup(
                                user=user,
                                unit=place,
                                era="2025",
                                indicator=indicator,
                                period=period,
                                by=by,
                                approved_only=approved,
                            )
                        except Exception as exc:  # the same refusal
                            with pytest.raises(type(exc)):
                                many.get(indicator, period, by=by, approved_only=approved)
                            continue
                        got = many.get(indicator, period, by=by, approved_only=approved)
                        assert (got.value, got.count) == (one.value, one.count), (indicator.code, period.code, by)
                        assert [(r.key, r.value, r.count) for r in got.rows] == [
                            (r.key, r.value, r.count) for r in one.rows
                        ]
