"""Programmes and targets: who sets them, what is refused, and progress read from the live roll-ups in both eras."""

from datetime import date
from decimal import Decimal

import pytest

from danvan.conftest import unit
from danvan.core.errors import DomainError
from danvan.geo.models import AdminUnit
from danvan.org.models import AuditEvent, Organization
from danvan.reporting.models import Programme, ProgressStatus, Target
from danvan.reporting.periods import period_get
from danvan.reporting.selectors import programme_get, programme_list, programme_progress, rollup
from danvan.reporting.services import programme_create, programme_delete, programme_update, target_delete, target_set
from danvan.reporting.tests.factories import commune_form, indicator, report

QUANG_NINH_2025, QUANG_NINH_2024, UONG_BI_2024 = ("2025", "22"), ("2024", "22"), ("2024", "196")
NAM_KHE_2024, VANG_DANH_2025, CAI_CHIEN_2025 = ("2024", "06823"), ("2025", "06820"), ("2025", "06967")


@pytest.fixture
def inds(db):
    out = {
        "houses": indicator("p_houses"),
        "models": indicator("p_models"),
        "persons": indicator("p_persons", time_aggregation="last"),
        "received": indicator("p_received"),
        "resolved": indicator("p_resolved"),
    }
    out["form"] = commune_form(*out.values(), code="programme-form")
    return out


def project_02(actor, *, start=date(2021, 1, 1), end=date(2025, 12, 31), where=QUANG_NINH_2025, **kwargs):
    return programme_create(
        actor=actor,
        name="Đề án 02: Dân vận khéo xây dựng nếp sống văn minh",
        document_number="02-ĐA/TU",
        unit=unit(*where),
        start=start,
        end=end,
        **kwargs,
    )


# --- writes -----------------------------------------------------------------------------------------


def test_a_manager_sets_a_programme_and_its_targets_with_audit(province_manager, inds):
    issuer = Organization.objects.filter(unit=unit(*QUANG_NINH_2025)).first()
    p = project_02(province_manager, issuer=issuer)
    assert (p.rule, p.on_track_percent, p.at_risk_percent) == ("linear", 100, 80)
    assert AuditEvent.objects.filter(verb="programme.create", target_id=str(p.pk)).count() == 1

    programme_update(actor=province_manager, programme=p, name="Đề án 02 (sửa đổi)", at_risk_percent=75)
    p.refresh_from_db()
    assert (p.name, p.at_risk_percent, p.issuer) == ("Đề án 02 (sửa đổi)", 75, issuer)
    change = AuditEvent.objects.get(verb="programme.update", target_id=str(p.pk))
    assert change.data["changes"]["at_risk_percent"] == ["80", "75"]
    assert set(change.data["changes"]) == {"name", "at_risk_percent"}

    t = target_set(actor=province_manager, programme=p, indicator=inds["houses"], value=306)
    assert t.unit == p.unit and t.kind == Target.Kind.ABSOLUTE
    again = target_set(actor=province_manager, programme=p, indicator=inds["houses"], value="310")
    assert again.pk == t.pk and again.value == 310 and p.targets.count() == 1
    assert AuditEvent.objects.filter(verb="target.set", target_id=str(t.pk)).count() == 2
    due = target_set(
        actor=province_manager, programme=p, indicator=inds["houses"], value=120, due_period=period_get("2023")
    )
    assert due.pk != t.pk and due.due_period is not None and due.due_period.pk is not None  # the period is stored

    due_pk, p_pk, t_pk = due.pk, p.pk, t.pk
    target_delete(actor=province_manager, target=due)
    assert AuditEvent.objects.filter(verb="target.delete", target_id=str(due_pk)).exists()
    programme_delete(actor=province_manager, programme=p)
    assert not Programme.objects.filter(pk=p_pk).exists() and not Target.objects.filter(pk=t_pk).exists()
    assert AuditEvent.objects.get(verb="programme.delete", target_id=str(p_pk)).data["targets"] == 1


def test_it_rejects_other_province_and_roles_below_manager(
    province_manager, other_manager, district_reviewer, commune_reporter, inds
):
    with pytest.raises(DomainError) as e:
        project_02(other_manager)
    assert e.value.status == 404  # another province: as if it did not exist
    with pytest.raises(DomainError) as e:
        project_02(district_reviewer, where=UONG_BI_2024)
    assert e.value.status == 403 and e.value.code == "forbidden"  # he sees Uông Bí but does not manage it
    assert "Chỉ người quản lý" in e.value.message
    with pytest.raises(DomainError) as e:
        project_02(commune_reporter, where=NAM_KHE_2024)
    assert e.value.status == 403

    p = project_02(province_manager)
    t = target_set(actor=province_manager, programme=p, indicator=inds["houses"], value=306)
    for attempt in (
        lambda: programme_update(actor=other_manager, programme=p, name="x"),
        lambda: programme_delete(actor=other_manager, programme=p),
        lambda: target_set(actor=other_manager, programme=p, indicator=inds["houses"], value=1),
        lambda: target_delete(actor=other_manager, target=t),
    ):
        with pytest.raises(DomainError) as e:
            attempt()
        assert e.value.status == 404
    t.refresh_from_db()
    assert t.value == 306 and Programme.objects.get(pk=p.pk).name.startswith("Đề án 02")

    assert list(programme_list(user=province_manager)) == [p]
    assert list(programme_list(user=other_manager)) == []
    with pytest.raises(DomainError) as e:
        programme_get(user=other_manager, pk=p.pk)
    assert e.value.status == 404
    with pytest.raises(DomainError) as e:
        programme_progress(user=other_manager, programme=p, as_of=date(2024, 1, 1))
    assert e.value.status == 404


def test_a_programme_on_one_map_is_seen_by_the_managers_of_its_area_on_the_other(province_manager, district_reviewer):
    p = project_02(province_manager, where=UONG_BI_2024)  # today's Quảng Ninh manager, on the old map
    assert list(programme_list(user=district_reviewer)) == [p]  # the reviewer of old Uông Bí sees it


@pytest.mark.parametrize(
    ("change", "code", "message"),
    [
        ({"start": date(2025, 1, 1), "end": date(2024, 12, 31)}, "bad_dates", "không thể kết thúc trước khi bắt đầu"),
        ({"name": "   "}, "name_required", "Hãy đặt tên"),
        ({"at_risk_percent": 90, "on_track_percent": 80}, "bad_thresholds", "ngưỡng"),
        ({"at_risk_percent": 0}, "bad_thresholds", "ngưỡng"),
    ],
)
def test_bad_programmes_are_refused_and_nothing_is_saved(province_manager, change, code, message):
    before = (Programme.objects.count(), AuditEvent.objects.count())
    args = {"start": date(2021, 1, 1), "end": date(2025, 12, 31), "name": "Đề án 02", **change}
    with pytest.raises(DomainError) as e:
        programme_create(actor=province_manager, unit=unit(*QUANG_NINH_2025), **args)
    assert e.value.code == code and message in e.value.message
    assert (Programme.objects.count(), AuditEvent.objects.count()) == before


def test_an_issuer_below_the_programme_is_refused(province_manager):
    commune_org = Organization.objects.filter(unit__era_id="2025", unit__parent__code="22").first()
    if commune_org is None:  # the demo places organisations at provinces only
        commune_org = Organization.objects.create(
            name="Ban dân vận phường", kind=Organization.objects.first().kind, unit=unit(*VANG_DANH_2025)
        )
    with pytest.raises(DomainError) as e:
        project_02(province_manager, issuer=commune_org)
    assert e.value.code == "bad_issuer"
    assert not Programme.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "code", "message"),
    [
        ({"unit": ("2025", "08")}, "unit_outside", "nằm ngoài"),  # Tuyên Quang, in a Quảng Ninh programme
        ({"unit": UONG_BI_2024}, "unit_outside", "nằm ngoài"),  # the old map, in a programme on today's
        ({"value": -5}, "negative_value", "không được âm"),
        ({"value": 0}, "zero_value", "lớn hơn 0"),
        ({"value": "mười"}, "bad_value", "phải là một số"),
        ({"kind": "share"}, "denominator_required", "chỉ tiêu mẫu số"),
        ({"kind": "share", "denominator": "received", "value": 120}, "bad_value", "100%"),
        ({"kind": "share", "denominator": "houses"}, "bad_denominator", "chỉ tiêu khác"),
        ({"kind": "per_unit_below"}, "bad_level", "cấp"),
        ({"kind": "per_unit_below", "level": "district"}, "bad_level", "Không có đơn vị cấp huyện"),
        ({"kind": "per_unit_below", "level": "province"}, "bad_level", "không ở dưới"),
        ({"level": "commune"}, "bad_level", "cấp"),
        ({"denominator": "received"}, "bad_denominator", "tỷ lệ"),
        ({"due_period": "2027"}, "bad_due_period", "2027"),
    ],
)
def test_bad_targets_are_refused_and_nothing_is_saved(province_manager, inds, kwargs, code, message):
    p = project_02(province_manager)
    before = AuditEvent.objects.count()
    args = {"indicator": inds["houses"], "value": 10, **kwargs}
    if "unit" in args:
        args["unit"] = unit(*args["unit"])
    if "denominator" in args:
        args["denominator"] = inds[args["denominator"]]
    if "due_period" in args:
        args["due_period"] = period_get(args["due_period"])
    with pytest.raises(DomainError) as e:
        target_set(actor=province_manager, programme=p, **args)
    assert e.value.code == code and message in e.value.message
    assert not p.targets.exists() and AuditEvent.objects.count() == before


def test_moving_a_programme_keeps_its_targets_inside(province_manager, inds):
    p = project_02(province_manager)
    target_set(actor=province_manager, programme=p, indicator=inds["houses"], value=3, unit=unit(*VANG_DANH_2025))
    with pytest.raises(DomainError) as e:
        programme_update(actor=province_manager, programme=p, unit=unit(*CAI_CHIEN_2025))
    assert e.value.code == "targets_outside"
    target_set(actor=province_manager, programme=p, indicator=inds["houses"], value=3, due_period=period_get("2025"))
    with pytest.raises(DomainError) as e:
        programme_update(actor=province_manager, programme=p, end=date(2024, 12, 31))
    assert e.value.code == "targets_outside"
    p.refresh_from_db()
    assert p.unit == unit(*QUANG_NINH_2025) and p.end == date(2025, 12, 31)


# --- progress ---------------------------------------------------------------------------------------


def test_an_absolute_target_counts_both_maps_and_equals_the_rollup(
    province_manager, commune_reporter, admin_user, inds
):
    form = inds["form"]
    report(commune_reporter, form, unit(*NAM_KHE_2024), "2023", {"p_houses": 5, "p_persons": 100})
    report(commune_reporter, form, unit(*NAM_KHE_2024), "2024", {"p_houses": 6, "p_persons": 119})
    report(admin_user, form, unit(*VANG_DANH_2025), "2025", {"p_houses": 4})
    p = project_02(province_manager)  # on today's map: the old map's reports count under today's units
    houses = target_set(actor=province_manager, programme=p, indicator=inds["houses"], value=30)
    persons = target_set(actor=province_manager, programme=p, indicator=inds["persons"], value=150)

    end = programme_progress(user=province_manager, programme=p, as_of=date(2025, 12, 31))
    h, s = end.targets
    phase = rollup(
        user=province_manager, unit=unit(*QUANG_NINH_2025), indicator=inds["houses"], period=period_get("2021-2025")
    )
    assert h.target == houses and h.actual == phase.value == 15
    assert (h.expected, h.percent, h.status) == (30, 50, ProgressStatus.BEHIND)
    stock = rollup(
        user=province_manager, unit=unit(*QUANG_NINH_2025), indicator=inds["persons"], period=period_get("2021-2025")
    )
    assert s.target == persons and s.actual == stock.value == 119  # a stock: its latest value, not a sum

    mid = programme_progress(user=province_manager, programme=p, as_of=date(2024, 6, 30))
    h = mid.targets[0]
    assert h.actual == 11  # 2021…2024: the year under way counts with what it has
    expected = Decimal(30) * ((date(2024, 6, 30) - date(2021, 1, 1)).days + 1) / 1826
    assert h.expected == expected.quantize(Decimal("0.01"))
    assert h.window is not None and (h.window.start, h.window.end) == (date(2021, 1, 1), date(2024, 12, 31))

    # the same programme on the old map counts the new map's figures where they wholly lie
    old = project_02(province_manager, where=QUANG_NINH_2024)
    target_set(actor=province_manager, programme=old, indicator=inds["houses"], value=30)
    assert programme_progress(user=province_manager, programme=old, as_of=date(2025, 12, 31)).targets[0].actual == 15


def test_a_share_target_divides_two_rollups(province_manager, commune_reporter, admin_user, inds):
    form = inds["form"]
    report(commune_reporter, form, unit(*NAM_KHE_2024), "2024", {"p_received": 10, "p_resolved": 9})
    report(admin_user, form, unit(*VANG_DANH_2025), "2025", {"p_received": 10, "p_resolved": 8})
    p = project_02(province_manager)
    target_set(
        actor=province_manager,
        programme=p,
        kind="share",
        indicator=inds["resolved"],
        denominator=inds["received"],
        value=90,
    )
    mid = programme_progress(user=province_manager, programme=p, as_of=date(2025, 6, 30)).targets[0]
    period = period_get("2021-2025")
    q = unit(*QUANG_NINH_2025)
    assert mid.numerator == rollup(user=province_manager, unit=q, indicator=inds["resolved"], period=period).value
    assert mid.denominator == rollup(user=province_manager, unit=q, indicator=inds["received"], period=period).value
    assert (mid.numerator, mid.denominator, mid.actual) == (17, 20, 85)
    assert (mid.expected, mid.percent, mid.status) == (90, Decimal("94.44"), ProgressStatus.AT_RISK)
    after = programme_progress(user=province_manager, programme=p, as_of=date(2026, 1, 1)).targets[0]
    assert after.status == ProgressStatus.BEHIND  # its due date passed short of 90%


def test_a_share_met_before_its_due_date_is_on_track_not_done(province_manager, commune_reporter, inds):
    report(commune_reporter, inds["form"], unit(*NAM_KHE_2024), "2024", {"p_received": 10, "p_resolved": 10})
    p = project_02(province_manager)
    target_set(
        actor=province_manager,
        programme=p,
        kind="share",
        indicator=inds["resolved"],
        denominator=inds["received"],
        value=90,
    )
    assert programme_progress(user=province_manager, programme=p, as_of=date(2024, 12, 31)).targets[0].status == (
        ProgressStatus.ON_TRACK
    )
    assert programme_progress(user=province_manager, programme=p, as_of=date(2026, 1, 1)).targets[0].status == (
        ProgressStatus.DONE
    )


def test_a_per_unit_target_lists_the_units_that_meet_it_on_either_map(
    province_manager, commune_reporter, admin_user, inds
):
    form = inds["form"]
    report(commune_reporter, form, unit(*NAM_KHE_2024), "2024", {"p_models": 1})  # counts under today's Vàng Danh
    report(admin_user, form, unit(*CAI_CHIEN_2025), "2025", {"p_models": 2})
    report(admin_user, form, unit("2025", "06652"), "2025", {"p_models": 0})  # reported, but none
    p = project_02(province_manager)
    target_set(
        actor=province_manager, programme=p, kind="per_unit_below", level="commune", indicator=inds["models"], value=1
    )
    t = programme_progress(user=province_manager, programme=p, as_of=date(2025, 12, 31)).targets[0]
    assert [f.unit.code for f in t.met] == ["06820", "06967"]
    assert len(t.met) + len(t.short) == t.goal == 54  # today's communes of Quảng Ninh
    assert "06652" in [f.unit.code for f in t.short]
    period = period_get("2021-2025")
    for f in t.met:
        assert f.value == rollup(user=province_manager, unit=f.unit, indicator=inds["models"], period=period).value
    assert (t.actual, t.expected, t.status) == (2, 54, ProgressStatus.BEHIND)

    old = project_02(province_manager, where=UONG_BI_2024)  # old Uông Bí's wards on the old map
    target_set(
        actor=province_manager, programme=old, kind="per_unit_below", level="commune", indicator=inds["models"], value=1
    )
    t = programme_progress(user=province_manager, programme=old, as_of=date(2025, 12, 31)).targets[0]
    assert [f.unit.code for f in t.met] == ["06823"] and t.goal == 10

    province = project_02(province_manager, where=QUANG_NINH_2024)  # old Quảng Ninh: communes under districts
    target_set(
        actor=province_manager,
        programme=province,
        kind="per_unit_below",
        level="commune",
        indicator=inds["models"],
        value=1,
    )
    t = programme_progress(user=province_manager, programme=province, as_of=date(2025, 12, 31)).targets[0]
    communes = AdminUnit.objects.filter(era_id="2024", level="commune", path__startswith=unit(*QUANG_NINH_2024).path)
    # Nam Khê's own report, and Cái Chiên's of 2025: the commune was not merged, so it lies wholly in the old one
    assert [f.unit.code for f in t.met] == ["06823", "06967"] and t.goal == communes.count() > 100
    assert len({r.unit for r in t.rollups}) == communes.values("parent").distinct().count()  # one per district


@pytest.fixture
def two_years(province_manager, inds):
    """A programme of exactly two years of 365 days: on 31 December 2025 half the time has passed."""
    p = project_02(province_manager, start=date(2025, 1, 1), end=date(2026, 12, 31))
    target_set(actor=province_manager, programme=p, indicator=inds["houses"], value=20)
    return p


@pytest.mark.parametrize(
    ("houses", "as_of", "status", "percent"),
    [
        (10, date(2025, 12, 31), ProgressStatus.ON_TRACK, Decimal(100)),  # exactly 100% of the expected 10
        (8, date(2025, 12, 31), ProgressStatus.AT_RISK, Decimal(80)),  # exactly 80%
        (7, date(2025, 12, 31), ProgressStatus.BEHIND, Decimal(70)),
        (16, date(2026, 12, 31), ProgressStatus.AT_RISK, Decimal(80)),  # the last day: still the thresholds
        (16, date(2027, 1, 1), ProgressStatus.BEHIND, Decimal(80)),  # after the end: short is behind
        (20, date(2027, 1, 1), ProgressStatus.DONE, Decimal(100)),
        (20, date(2025, 12, 31), ProgressStatus.DONE, Decimal(200)),  # reached early: done
        (0, date(2024, 12, 31), ProgressStatus.ON_TRACK, None),  # before the start nothing is expected
    ],
)
def test_the_linear_rule_at_its_edges(two_years, province_manager, admin_user, inds, houses, as_of, status, percent):
    if houses:
        report(admin_user, inds["form"], unit(*VANG_DANH_2025), "2025", {"p_houses": houses})
    t = programme_progress(user=province_manager, programme=two_years, as_of=as_of).targets[0]
    assert (t.status, t.percent) == (status, percent)
    assert t.status_label  # translated for the page


def test_the_programmes_own_thresholds_decide(two_years, province_manager, admin_user, inds):
    report(admin_user, inds["form"], unit(*VANG_DANH_2025), "2025", {"p_houses": 9})
    t = programme_progress(user=province_manager, programme=two_years, as_of=date(2025, 12, 31)).targets[0]
    assert t.status == ProgressStatus.AT_RISK  # 90% of the expected, with the default 100/80
    programme_update(actor=province_manager, programme=two_years, on_track_percent=90, at_risk_percent=50)
    t = programme_progress(user=province_manager, programme=two_years, as_of=date(2025, 12, 31)).targets[0]
    assert t.status == ProgressStatus.ON_TRACK


def test_progress_reads_a_handful_of_queries_however_many_units(
    province_manager, commune_reporter, inds, django_assert_num_queries
):
    report(commune_reporter, inds["form"], unit(*NAM_KHE_2024), "2024", {"p_models": 1, "p_houses": 3})
    p = project_02(province_manager)
    target_set(actor=province_manager, programme=p, indicator=inds["houses"], value=30)
    target_set(
        actor=province_manager, programme=p, kind="per_unit_below", level="commune", indicator=inds["models"], value=1
    )
    p = Programme.objects.select_related("unit").get(pk=p.pk)
    # the targets 1; a total 4 (its first and last period, their span, the cells); per commune 8 (the same
    # periods, the communes and their parents, then for the one parent on today's map: its children, and its
    # own cells with theirs in one read): not one more for the 53 communes with nothing reported
    with django_assert_num_queries(12):
        progress = programme_progress(user=province_manager, programme=p, as_of=date(2025, 12, 31))
    assert len(progress.targets[1].short) == 53


def test_a_target_due_before_the_end_counts_up_to_its_due_date(province_manager, commune_reporter, inds):
    form = inds["form"]
    report(commune_reporter, form, unit(*NAM_KHE_2024), "2022", {"p_houses": 4})
    report(commune_reporter, form, unit(*NAM_KHE_2024), "2024", {"p_houses": 6})
    p = project_02(province_manager)
    target_set(actor=province_manager, programme=p, indicator=inds["houses"], value=5, due_period=period_get("2023"))
    t = programme_progress(user=province_manager, programme=p, as_of=date(2024, 12, 31)).targets[0]
    assert t.due == date(2023, 12, 31) and t.actual == 4  # 2024's 6 came after the due date
    assert (t.expected, t.status) == (5, ProgressStatus.BEHIND)
    t = programme_progress(user=province_manager, programme=p, as_of=date(2022, 12, 31)).targets[0]
    assert t.expected == Decimal("3.33") and t.status == ProgressStatus.ON_TRACK  # 4 of 5 × 730/1095 days


def test_a_phase_indicator_reads_the_phases_of_the_programme(province_manager, commune_reporter):
    per_phase = indicator("p_phase_models", period_type="phase")
    form = commune_form(per_phase, code="phase-form", period_type="phase")
    report(commune_reporter, form, unit(*NAM_KHE_2024), "2021-2025", {"p_phase_models": 7})
    p = project_02(province_manager)
    target_set(actor=province_manager, programme=p, indicator=per_phase, value=10)
    t = programme_progress(user=province_manager, programme=p, as_of=date(2025, 12, 31)).targets[0]
    phase = rollup(
        user=province_manager, unit=unit(*QUANG_NINH_2025), indicator=per_phase, period=period_get("2021-2025")
    )
    assert t.actual == phase.value == 7 and t.window is None and len(t.rollups) == 1
