from decimal import Decimal

from danvan.conftest import unit
from danvan.reporting.models import RollupCell
from danvan.reporting.periods import period_get
from danvan.reporting.rollup import cells_rebuild
from danvan.reporting.selectors import rollup
from danvan.reporting.services import submission_approve
from danvan.reporting.tests.factories import commune_form, indicator, report


def test_commune_value_reaches_every_level(commune_reporter, district_reviewer, admin_user):
    people = indicator("people")
    form = commune_form(people)
    s = report(commune_reporter, form, unit("2024", "06823"), "2024", {"people": "1.234"})
    p = period_get("2024")
    for u in [unit("2024", "06823"), unit("2024", "196"), unit("2024", "22"), None]:
        r = rollup(user=admin_user, unit=u, era="2024", indicator=people, period=p)
        assert r.value == Decimal(1234), u
    for u in [unit("2025", "06820"), unit("2025", "22"), None]:
        r = rollup(user=admin_user, unit=u, era="2025", indicator=people, period=p)
        assert r.value == Decimal(1234), u
    r = rollup(user=admin_user, unit=unit("2024", "196"), indicator=people, period=p, by="child")
    assert {row.key: row.value for row in r.rows if row.value}[unit("2024", "06823").path] == 1234
    submission_approve(actor=district_reviewer, submission=s)
    r = rollup(user=admin_user, unit=None, era="2025", indicator=people, period=p, approved_only=True)
    assert r.value == 1234
    before = sorted(RollupCell.objects.values_list("node", "category", "total", "approved", "count"))
    cells_rebuild()
    after = sorted(RollupCell.objects.values_list("node", "category", "total", "approved", "count"))
    assert before == after
