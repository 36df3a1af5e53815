"""reporting.dashboards: tiles, year-on-year, drill-down, breakdown and parameters, equal to what the selectors give."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import translation

from danvan.conftest import unit
from danvan.core.errors import NotFound
from danvan.org.access import scope_of
from danvan.reporting import dashboards
from danvan.reporting.models import Indicator, Submission
from danvan.reporting.periods import period_get
from danvan.reporting.selectors import rollup
from danvan.reporting.services import submission_approve
from danvan.reporting.tests.factories import commune_form, indicator, report


@pytest.fixture
def figures(db, commune_reporter, admin_user):
    """Nam Khê 2023 and 2024 and Bắc Sơn 2024 (both in Uông Bí, old Quảng Ninh), on indicators of our own.

    The catalogue is switched off for the test so the tiles (and the pinned query counts) do not move
    when other apps register indicators or record sources.
    """
    Indicator.objects.update(active=False)
    people = indicator("d_people", unit_of_measure="lượt người", unit_of_measure_en="people", position=1)
    houses = indicator("d_houses", unit_of_measure="hộ", position=2)
    awards = indicator("d_awards", position=3)
    fielded = indicator("d_models", breakdown="field", position=4)
    form = commune_form(people, houses, awards, fielded, code="d-commune")
    nam_khe, bac_son = unit("2024", "06823"), unit("2024", "06814")
    last = report(commune_reporter, form, nam_khe, "2023", {"d_people": "100000", "d_awards": "4"})
    now = report(
        commune_reporter,
        form,
        nam_khe,
        "2024",
        {"d_people": "140300", "d_houses": "0", ("d_models", "economic"): 3, ("d_models", "cultural_social"): 2},
    )
    other = report(admin_user, form, bac_son, "2024", {"d_people": "9700"})
    return SimpleNamespace(
        people=people,
        houses=houses,
        awards=awards,
        fielded=fielded,
        form=form,
        nam_khe=nam_khe,
        bac_son=bac_son,
        last=last,
        now=now,
        other=other,
    )


def sel(unit_, period="2024", indicator_=None, era=None, **kw):
    return dashboards.Selection(
        era or (unit_.era_id if unit_ else "2025"), unit_, period_get(period), indicator_, kw.pop("approved", False)
    )


def by_code(tiles):
    return {t.indicator.code: t for t in tiles}


def test_tiles_equal_the_selectors_rollup_on_either_map(figures, province_manager):
    for place in [unit("2024", "196"), unit("2024", "22"), unit("2025", "22")]:
        tiles = by_code(dashboards.tiles(user=province_manager, sel=sel(place, indicator_=figures.people)))
        expected = rollup(user=province_manager, unit=place, indicator=figures.people, period=period_get("2024"))
        assert tiles["d_people"].value == expected.value == Decimal(150000), place
        assert tiles["d_people"].count == expected.count == 2


def test_a_tile_compares_with_the_same_period_last_year(figures, province_manager):
    tile = by_code(dashboards.tiles(user=province_manager, sel=sel(unit("2025", "22"))))["d_people"]
    assert (tile.last_value, tile.last_count) == (Decimal(100000), 1)
    assert tile.change == Decimal(50)  # 150,000 against 100,000
    assert tile.shown_change == "+50%"
    assert tile.trend == "up"


def test_a_reported_zero_is_not_nothing_reported(figures, province_manager):
    tiles = by_code(dashboards.tiles(user=province_manager, sel=sel(unit("2024", "22"))))
    assert tiles["d_houses"].reported and tiles["d_houses"].value == 0 and tiles["d_houses"].shown == "0"
    assert not tiles["d_awards"].reported  # 2024: nothing; 2023 had 4
    assert tiles["d_awards"].last_value == 4
    assert tiles["d_houses"].change is None  # nothing last year: no ratio


def test_a_tile_shows_the_approved_part_only_when_it_differs(figures, province_manager, district_reviewer):
    place = sel(unit("2024", "196"))
    assert by_code(dashboards.tiles(user=province_manager, sel=place))["d_people"].approved == 0
    submission_approve(actor=district_reviewer, submission=figures.now)
    tile = by_code(dashboards.tiles(user=province_manager, sel=place))["d_people"]
    assert tile.approved == Decimal(140300)  # Bắc Sơn's 9,700 is submitted, not approved
    only = by_code(dashboards.tiles(user=province_manager, sel=sel(unit("2024", "196"), approved=True)))["d_people"]
    assert (only.value, only.approved) == (Decimal(140300), None)


def test_a_period_shorter_than_the_indicator_says_so_on_the_tile(figures, province_manager):
    tile = by_code(dashboards.tiles(user=province_manager, sel=sel(unit("2024", "22"), period="2024-Q1")))["d_people"]
    assert tile.problem and not tile.reported


def test_year_on_year_by_child_in_two_rollups(figures, province_manager, django_assert_num_queries):
    s = sel(unit("2024", "196"), indicator_=figures.people)
    scope_of(province_manager)  # once per request, not per figure
    with django_assert_num_queries(5):  # last year's period, the trend's period and its years, children, cells
        c = dashboards.compare_children(user=province_manager, sel=s)
    rows = {r.unit.code: r for r in c.rows}
    assert len(rows) == 10  # the communes of Uông Bí
    assert (rows["06823"].value, rows["06823"].last_value) == (Decimal(140300), Decimal(100000))
    assert rows["06814"].value == 9700 and rows["06814"].last_count == 0
    assert rows["06808"].count == 0 and rows["06808"].shown == ""
    assert rows["06823"].shown_change == "+40,3%"
    expected = rollup(
        user=province_manager, unit=unit("2024", "196"), indicator=figures.people, period=period_get("2024"), by="child"
    )
    assert [(r.unit.code, r.value) for r in c.rows] == [(r.unit.code, r.value) for r in expected.rows]
    chart = dashboards.yoy_chart(c)
    assert chart["series"][1]["data"][chart["yAxis"]["data"].index("Nam Khê")] == 140300.0
    assert chart["series"][0]["data"][chart["yAxis"]["data"].index("Bắc Sơn")] is None  # nothing reported ≠ 0


def test_trend_covers_five_years_with_gaps_as_null(figures, province_manager):
    r = dashboards.trend(user=province_manager, sel=sel(unit("2025", "22"), indicator_=figures.people))
    assert [row.key for row in r.rows] == ["2020", "2021", "2022", "2023", "2024"]
    assert dashboards.trend_chart(r)["series"][0]["data"] == [None, None, None, 100000.0, 150000.0]


def test_breakdown_by_field(figures, province_manager):
    b = dashboards.breakdown(user=province_manager, sel=sel(unit("2025", "22"), indicator_=figures.people))
    assert [i.code for i in b.indicators] == ["d_models"]
    assert b.values[("d_models", "economic")] == (Decimal(3), 1)
    assert b.totals["d_models"][0] == 5
    assert [cells for _label, cells in b.table][:2] == [["3"], ["2"]]


def test_area_table_has_every_indicator_and_the_total(figures, province_manager):
    t = dashboards.area_table(user=province_manager, sel=sel(unit("2024", "196")))
    assert [i.code for i in t.indicators] == ["d_people", "d_houses", "d_awards", "d_models"]
    rows = {u.code: values for u, values in t.rows}
    assert rows["06823"][0] == (Decimal(140300), 1) and rows["06823"][1] == (Decimal(0), 1)
    assert rows["06808"][0][1] == 0
    assert t.total[0] == (Decimal(150000), 2)


def test_the_nation_is_for_national_users_only(figures, commune_reporter, admin_user):
    assert by_code(dashboards.tiles(user=admin_user, sel=sel(None, era="2025")))["d_people"].value == 150000
    with pytest.raises(NotFound):
        dashboards.tiles(user=commune_reporter, sel=sel(None, era="2025"))


def test_numbers_are_grouped_the_users_way():
    with translation.override("vi"):
        assert dashboards.number(Decimal("140300.0000")) == "140.300"
        assert dashboards.number(Decimal("1234.5"), places=2) == "1.234,5"
        assert dashboards.percent(Decimal("-12.345")) == "−12,3%"
    with translation.override("en"):
        assert dashboards.number(Decimal("140300")) == "140,300"
        assert dashboards.number(Decimal("1234.50"), places=2) == "1,234.5"


# --- parameters --------------------------------------------------------------------------------


def test_a_reporter_lands_on_their_own_unit(figures, commune_reporter):
    s, problem, _known = dashboards.resolve(user=commune_reporter, params={})
    assert problem.messages == []
    assert s.unit == figures.nam_khe and s.era == "2024"
    assert s.period.code == "2024"  # the latest year with figures there
    assert s.indicator == figures.people  # the first active indicator


def test_a_national_user_lands_on_the_nation_of_todays_map(figures, admin_user):
    s, problem, _known = dashboards.resolve(user=admin_user, params={})
    assert (s.unit, s.era, problem.messages) == (None, "2025", [])


def test_bad_parameters_each_say_what_is_wrong(figures, province_manager):
    _s, problem, _known = dashboards.resolve(
        user=province_manager, params={"era": "1999", "unit": "22", "period": "abc", "indicator": "nope"}
    )
    assert problem.status == 400
    assert len(problem.messages) == 3
    _s, problem, _known = dashboards.resolve(user=province_manager, params={"era": "2025", "unit": "nonsense"})
    assert problem.status == 404


def test_the_era_switch_leads_to_the_same_area(figures, other_manager, commune_reporter):
    s, _p, _k = dashboards.resolve(user=other_manager, params={"era": "2025", "unit": "08", "period": "2024"})
    links = {e.era: e for e in dashboards.era_links(user=other_manager, sel=s)}
    assert [u.path for u, _label in links["2024"].targets] == ["2024/02/", "2024/08/"]  # old Hà Giang and Tuyên Quang
    s, _p, _k = dashboards.resolve(user=commune_reporter, params={})
    links = {e.era: e for e in dashboards.era_links(user=commune_reporter, sel=s)}
    assert links["2025"].targets == []  # Nam Khê is part of a larger new ward, not theirs


def test_completeness_counts_before_the_filter(figures, province_manager):
    s = dashboards.Selection("2024", unit("2024", "196"), period_get("2024"), form=figures.form)
    Submission.objects.filter(pk=figures.now.pk).update(submitted_at=datetime(2025, 1, 5, 9, tzinfo=UTC))
    Submission.objects.filter(pk=figures.other.pk).update(submitted_at=datetime(2025, 1, 20, 9, tzinfo=UTC))
    result = dashboards.completeness(user=province_manager, sel=s, show="missing", today=date(2025, 3, 1))
    assert (result.expected, result.reported, result.late, result.missing) == (
        10,
        2,
        9,
        8,
    )  # 8 missing after the 15 January deadline, Bắc Sơn submitted late
    assert figures.nam_khe not in [r["unit"] for r in result.rows]


def test_breakdown_labels_keep_the_translations_capitals(figures, province_manager):
    with translation.override("vi"):
        b = dashboards.breakdown(user=province_manager, sel=sel(unit("2025", "22"), indicator_=figures.people))
    labels = dict(b.categories)
    assert labels["party_building"] == "Xây dựng Đảng và hệ thống chính trị"  # not "... đảng ..." (str.capitalize)
    assert labels["defence_security"] == "Quốc phòng, an ninh"


def test_a_long_unit_by_unit_chart_scrolls_instead_of_overlapping_its_names(figures, province_manager):
    """124 communes on one axis would write 124 names on top of each other: 25 at a time, and a slider."""
    from danvan.reporting.dashboards.charts import YOY_VISIBLE_ROWS

    c = dashboards.compare_children(user=province_manager, sel=sel(unit("2024", "196"), indicator_=figures.people))
    short = dashboards.yoy_chart(c)
    assert short["yAxis"]["axisLabel"] == {"interval": 0, "width": 160, "overflow": "truncate"}
    assert "dataZoom" not in short  # ten communes fit

    rows = [replace(c.rows[0], unit=SimpleNamespace(short_name=f"Xã số {i}", name="")) for i in range(124)]
    long = dashboards.yoy_chart(replace(c, rows=rows))
    assert len(long["yAxis"]["data"]) == 124
    slider, wheel = long["dataZoom"]
    assert (slider["type"], slider["yAxisIndex"], slider["startValue"], slider["endValue"]) == (
        "slider",
        0,
        0,
        YOY_VISIBLE_ROWS - 1,
    )
    assert wheel == {"type": "inside", "yAxisIndex": 0, "zoomOnMouseWheel": False, "moveOnMouseWheel": True}
    assert long["yAxis"]["axisLabel"]["interval"] == 0  # each visible name on its own band, none skipped
