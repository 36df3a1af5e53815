"""Figures the registry knows are computed, not typed, and count on either map."""

import pytest

from danvan.conftest import unit
from danvan.initiatives.models import Initiative
from danvan.initiatives.services import initiative_transition
from danvan.initiatives.tests.factories import nam_khe_model
from danvan.reporting.models import Indicator
from danvan.reporting.periods import period_get
from danvan.reporting.selectors import rollup
from danvan.reporting.services import CellErrors, submission_open, values_save


def test_models_registered_counts_the_registry_by_field_in_both_eras(commune_reporter, admin_user):
    m = nam_khe_model(commune_reporter)
    registered = Indicator.objects.get(code="models_registered")
    period = period_get("2024")
    assert rollup(user=admin_user, unit=unit("2024", "196"), indicator=registered, period=period).value == 0  # draft
    initiative_transition(actor=commune_reporter, initiative=m, to="registered")
    for u in (unit("2024", "06823"), unit("2024", "196"), unit("2025", "06820"), unit("2025", "22")):
        assert rollup(user=admin_user, unit=u, indicator=registered, period=period).value == 1, u
    by_field = rollup(user=admin_user, unit=unit("2025", "22"), indicator=registered, period=period, by="field")
    assert {r.key: r.value for r in by_field.rows}[Initiative.objects.get().field] == 1
    by_child = rollup(user=admin_user, unit=unit("2024", "196"), indicator=registered, period=period, by="child")
    assert {r.unit.code: r.value for r in by_child.rows if r.value} == {"06823": 1}


def test_a_computed_figure_cannot_be_typed(commune_reporter):
    s = submission_open(actor=commune_reporter, form=_form(), unit=unit("2024", "06823"), period=period_get("2024"))
    with pytest.raises(CellErrors) as e:
        values_save(actor=commune_reporter, submission=s, values={("models_registered", "economic"): 3})
    assert "models_registered.economic" in e.value.by_cell()


def _form():
    from danvan.reporting.models import ReportForm

    return ReportForm.objects.get(code="dvk-commune-year")


def test_records_count_with_or_without_approval_and_reports_add_to_them(
    commune_reporter, district_reviewer, admin_user
):
    """A "both" figure: the records are facts; only the typed part waits for approval."""
    from danvan.reporting import computed
    from danvan.reporting.services import submission_approve
    from danvan.reporting.tests.factories import commune_form, indicator, report

    nam_khe = unit("2024", "06823")
    computed._SOURCES["test.people"] = lambda start, end, where: [(nam_khe.pk, "", 30)]
    try:
        people = indicator("t_both_people", source="both", record_key="test.people")
        s = report(commune_reporter, commune_form(people), nam_khe, "2024", {"t_both_people": 12})
        period = period_get("2024")
        read = lambda **kw: rollup(user=admin_user, unit=unit("2025", "22"), indicator=people, period=period, **kw)  # noqa: E731
        assert (read().value, read(approved_only=True).value) == (42, 30)
        submission_approve(actor=district_reviewer, submission=s)
        assert read(approved_only=True).value == 42
    finally:
        del computed._SOURCES["test.people"]


def test_records_only_leaves_the_typed_part_out_at_a_village_too(admin_user):
    """What the entry grid shows beside a "both" input: the records alone, wherever the report's unit is."""
    from danvan.geo.services import village_add
    from danvan.reporting import computed
    from danvan.reporting.tests.factories import commune_form, indicator, report

    village = village_add(actor=admin_user, commune=unit("2024", "06823"), name="Tổ 5")
    computed._SOURCES["test.people"] = lambda start, end, where: [(village.pk, "", 30)]
    try:
        people = indicator("t_both_people", source="both", record_key="test.people")
        report(admin_user, commune_form(people, levels=["village"]), village, "2024", {"t_both_people": 12})
        period = period_get("2024")
        for place in (village, unit("2024", "06823")):
            read = lambda **kw: rollup(user=admin_user, unit=place, indicator=people, period=period, **kw)  # noqa: E731, B023
            assert (read().value, read(records_only=True).value) == (42, 30), place
    finally:
        del computed._SOURCES["test.people"]
