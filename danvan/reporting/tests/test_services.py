"""The report's life: typing, rules, submit → approve → reopen, locks, scope and every roll-up above it."""

from decimal import Decimal

import pytest

from danvan.conftest import unit
from danvan.core.errors import DomainError
from danvan.org.models import AuditEvent
from danvan.reporting.models import DataValue, Submission, ValidationRule
from danvan.reporting.periods import period_get
from danvan.reporting.selectors import rollup
from danvan.reporting.services import (
    CellErrors,
    submission_approve,
    submission_open,
    submission_reopen,
    submission_return,
    submission_submit,
    values_save,
)
from danvan.reporting.tests.factories import commune_form, indicator, report


@pytest.fixture
def form(db):
    registered = indicator("t_registered")
    recognised = indicator("t_recognised")
    money = indicator("t_money", value_type="decimal")
    ValidationRule.objects.create(left=recognised, operator="le", right=registered)
    return commune_form(registered, recognised, money)


def open_nam_khe(actor, form, period="2024"):
    return submission_open(actor=actor, form=form, unit=unit("2024", "06823"), period=period_get(period))


def test_every_bad_cell_is_named_and_nothing_is_saved(form, commune_reporter):
    s = open_nam_khe(commune_reporter, form)
    values_save(actor=commune_reporter, submission=s, values={("t_money", ""): "5"})
    with pytest.raises(CellErrors) as e:
        values_save(
            actor=commune_reporter,
            submission=s,
            values={("t_registered", ""): "abc", ("t_recognised", ""): "-1", ("t_money", ""): "7", ("nope", ""): "1"},
        )
    cells = e.value.by_cell()
    assert set(cells) == {"t_registered", "t_recognised", "nope"}
    assert cells["t_registered"][0] == "“abc” không phải là một số: hãy viết như 1.234,5."
    assert DataValue.objects.get(submission=s).value == 5  # the good cell of the bad batch was not saved either


def test_whole_numbers_and_cross_field_rules(form, commune_reporter):
    s = open_nam_khe(commune_reporter, form)
    with pytest.raises(CellErrors):
        values_save(actor=commune_reporter, submission=s, values={("t_registered", ""): "2.5"})
    with pytest.raises(CellErrors) as e:
        values_save(actor=commune_reporter, submission=s, values={("t_registered", ""): 3, ("t_recognised", ""): 4})
    assert "≤" in e.value.message
    r = values_save(
        actor=commune_reporter, submission=s, values={("t_registered", ""): "1.234", ("t_money", ""): "12,5"}
    )
    assert r.saved == 2
    assert {v.indicator.code: v.value for v in s.values.all()} == {"t_registered": 1234, "t_money": Decimal("12.5")}


def test_a_figure_far_from_last_year_is_a_warning_not_a_refusal(form, commune_reporter, district_reviewer):
    report(commune_reporter, form, unit("2024", "06823"), "2023", {"t_registered": 10})
    s = open_nam_khe(commune_reporter, form)
    r = values_save(actor=commune_reporter, submission=s, values={("t_registered", ""): 100})
    assert r.saved == 1
    assert [w.indicator for w in r.warnings] == ["t_registered"]
    assert "2023" in r.warnings[0].message


def test_submitted_is_everywhere_above_at_once_and_approved_is_locked(
    form, commune_reporter, district_reviewer, province_manager, admin_user
):
    s = report(commune_reporter, form, unit("2024", "06823"), "2024", {"t_registered": 7}, submit=False)
    ind, period = s.form.indicators.get(code="t_registered"), s.period
    assert rollup(user=province_manager, unit=unit("2025", "22"), indicator=ind, period=period).count == 0
    submission_submit(actor=commune_reporter, submission=s)
    # the very next read, by anyone above, in either era
    assert rollup(user=district_reviewer, unit=unit("2024", "196"), indicator=ind, period=period).value == 7
    assert rollup(user=province_manager, unit=unit("2025", "22"), indicator=ind, period=period).value == 7
    assert rollup(user=admin_user, unit=None, era="2025", indicator=ind, period=period).value == 7
    with pytest.raises(DomainError) as e:
        values_save(actor=commune_reporter, submission=s, values={("t_registered", ""): 8})
    assert e.value.status == 409
    with pytest.raises(DomainError):
        submission_approve(actor=commune_reporter, submission=s)  # not from its own level
    submission_approve(actor=district_reviewer, submission=s)
    assert rollup(user=admin_user, unit=None, era="2024", indicator=ind, period=period, approved_only=True).value == 7
    with pytest.raises(DomainError):
        submission_reopen(actor=district_reviewer, submission=s, reason="  ")
    submission_reopen(actor=district_reviewer, submission=s, reason="Số liệu chưa khớp")
    s.refresh_from_db()
    assert s.status == Submission.Status.RETURNED and s.note == "Số liệu chưa khớp"
    assert rollup(user=admin_user, unit=None, era="2024", indicator=ind, period=period).count == 0
    values_save(actor=commune_reporter, submission=s, values={("t_registered", ""): 8})
    submission_submit(actor=commune_reporter, submission=s)
    assert rollup(user=admin_user, unit=None, era="2024", indicator=ind, period=period).value == 8
    verbs = list(
        AuditEvent.objects.filter(target_id=str(s.pk), target_type="reporting.submission").values_list(
            "verb", flat=True
        )
    )
    assert {"report.open", "report.values", "report.submit", "report.approve", "report.reopen"} <= set(verbs)


def test_return_takes_figures_out_until_resubmitted(form, commune_reporter, district_reviewer, admin_user):
    s = report(commune_reporter, form, unit("2024", "06823"), "2024", {"t_registered": 7})
    submission_return(actor=district_reviewer, submission=s, reason="Thiếu số liệu")
    ind = s.form.indicators.get(code="t_registered")
    assert rollup(user=admin_user, unit=unit("2024", "196"), indicator=ind, period=s.period).value == 0


def test_nobody_reports_or_reviews_outside_their_area(form, commune_reporter, other_manager, district_reviewer):
    with pytest.raises(DomainError) as e:
        open_nam_khe(other_manager, form)
    assert e.value.status == 403
    s = report(commune_reporter, form, unit("2024", "06823"), "2024", {"t_registered": 1})
    with pytest.raises(DomainError):
        submission_approve(actor=other_manager, submission=s)
    with pytest.raises(DomainError):  # Vĩnh Trung is not Nam Khê's
        submission_open(actor=commune_reporter, form=form, unit=unit("2024", "06817"), period=period_get("2024"))


def test_form_rules_on_opening(form, commune_reporter):
    with pytest.raises(DomainError) as e:
        open_nam_khe(commune_reporter, form, period="2024-Q1")
    assert e.value.code == "bad_period"
    upper = commune_form(indicator("t_registered"), code="upper-only", levels=["province"])
    with pytest.raises(DomainError) as e:
        open_nam_khe(commune_reporter, upper)
    assert e.value.code == "bad_level"


def test_stocks_take_the_latest_period_and_flows_sum(form, commune_reporter, admin_user):
    stock = indicator("t_persons", time_aggregation="last")
    f = commune_form(stock, indicator("t_people"), code="stock-form")
    report(commune_reporter, f, unit("2024", "06823"), "2023", {"t_persons": 100, "t_people": 5})
    report(commune_reporter, f, unit("2024", "06823"), "2024", {"t_persons": 119, "t_people": 6})
    phase = period_get("2021-2025")
    assert rollup(user=admin_user, unit=unit("2024", "22"), indicator=stock, period=phase).value == 119
    people = f.indicators.get(code="t_people")
    r = rollup(user=admin_user, unit=unit("2024", "22"), indicator=people, period=phase, by="period")
    assert r.value == 11
    assert [(row.key, row.value) for row in r.rows] == [("2021", 0), ("2022", 0), ("2023", 5), ("2024", 6), ("2025", 0)]
    with pytest.raises(DomainError):
        rollup(user=admin_user, unit=unit("2024", "22"), indicator=people, period=period_get("2024-Q1"))


def test_a_figure_on_the_new_map_counts_on_the_old_one_where_it_wholly_lies(admin_user, province_manager):
    f = commune_form(indicator("t_people"), code="new-map")
    vang_danh = unit("2025", "06820")  # today's ward, made of old wards of Uông Bí
    report(admin_user, f, vang_danh, "2025", {"t_people": 40})
    ind, period = f.indicators.get(), period_get("2025")
    assert rollup(user=province_manager, unit=unit("2024", "196"), indicator=ind, period=period).value == 40
    assert rollup(user=province_manager, unit=unit("2024", "22"), indicator=ind, period=period).value == 40
    assert rollup(user=province_manager, unit=unit("2024", "06823"), indicator=ind, period=period).value == 0


def test_the_nation_is_for_national_users_and_a_unit_for_its_area(form, province_manager, other_manager):
    ind, period = form.indicators.first(), period_get("2024")
    with pytest.raises(DomainError) as e:
        rollup(user=province_manager, unit=None, era="2025", indicator=ind, period=period)
    assert e.value.status == 404
    with pytest.raises(DomainError):
        rollup(user=other_manager, unit=unit("2025", "22"), indicator=ind, period=period)
