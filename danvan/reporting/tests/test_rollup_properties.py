"""Roll-ups equal the sum of their parts, at every level and in both eras, whatever the tree and the values.

Hypothesis draws random villages under Uông Bí's communes (old map), random figures on random communes and villages,
random succession weights for a split ward, and random report histories (submit, approve, return, reopen). Each
example runs in a savepoint that is rolled back. The expected sums are computed here by brute force from the values
and the successions, independently of `targets`, `rollup` and `RollupCell`.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.geo.models import AdminUnit, Level, Succession
from danvan.geo.services import village_add
from danvan.reporting.models import RollupCell, Submission
from danvan.reporting.periods import period_get
from danvan.reporting.rollup import cells_rebuild
from danvan.reporting.selectors import rollup
from danvan.reporting.services import (
    submission_approve,
    submission_open,
    submission_reopen,
    submission_return,
    submission_submit,
    values_save,
)
from danvan.reporting.tests.factories import commune_form, indicator

UONG_BI = "2024/22/196/"
SETTINGS = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


class _Rollback(Exception):
    pass


def in_savepoint(fn):
    """Run one example and throw its rows away, so examples do not see each other's."""
    try:
        with transaction.atomic():
            fn()
            raise _Rollback
    except _Rollback:
        pass


@pytest.fixture
def setup(db, admin_user):
    communes = list(AdminUnit.objects.filter(path__startswith=UONG_BI, level=Level.COMMUNE).order_by("code"))
    flow = indicator("prop_people", split_rule="default")
    share = indicator("prop_money", split_rule="apportion", value_type="decimal")
    form = commune_form(flow, share, code="prop-form", levels=["commune", "village"])
    return {"admin": admin_user, "communes": communes, "flow": flow, "share": share, "form": form}


def default_target(unit: AdminUnit) -> AdminUnit:
    """Brute force: the 2025 unit an old unit's figures go to under the default rule."""
    source = unit.parent if unit.level == Level.VILLAGE else unit
    return Succession.objects.get(predecessor=source, is_default=True).successor


def apportioned(unit: AdminUnit) -> list[tuple[AdminUnit, Decimal]]:
    source = unit.parent if unit.level == Level.VILLAGE else unit
    outs = list(Succession.objects.filter(predecessor=source).select_related("successor"))
    total = sum(s.weight for s in outs)
    return [(s.successor, s.weight / total) for s in outs]


def ancestors_2025(unit: AdminUnit) -> list[str]:
    parts = unit.path.strip("/").split("/")
    return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def check(admin, flow, values: dict[AdminUnit, int], period) -> None:
    # old map: every node of Uông Bí's tree, its province and the nation, and by child
    nodes = {u.path: u for u in AdminUnit.objects.filter(path__startswith=UONG_BI)}
    nodes.update({u.path: u for u in AdminUnit.objects.filter(path__in=["2024/22/"])})
    for path, node in nodes.items():
        want = sum((v for u, v in values.items() if u.path.startswith(path)), 0)
        got = rollup(user=admin, unit=node, indicator=flow, period=period)
        assert got.value == want, (path, got.value, want)
    got = rollup(user=admin, unit=None, era="2024", indicator=flow, period=period)
    assert got.value == sum(values.values(), 0)
    district = nodes[UONG_BI]
    by_child = rollup(user=admin, unit=district, indicator=flow, period=period, by="child")
    assert sum(r.value for r in by_child.rows) == by_child.value  # nothing is typed at the district itself
    # new map: default successors and their ancestors
    want25: dict[str, int] = defaultdict(int)
    for u, v in values.items():
        for p in ancestors_2025(default_target(u)):
            want25[p] += v
    for path, want in want25.items():
        node = AdminUnit.objects.get(path=path) if path.count("/") > 1 else None
        got = rollup(user=admin, unit=node, era="2025", indicator=flow, period=period)
        assert got.value == want, (path, got.value, want)


def cells_snapshot():
    return sorted(
        (
            c.node,
            c.indicator_id,
            c.period_id,
            c.category,
            c.total.quantize(Decimal("0.01")),
            c.approved.quantize(Decimal("0.01")),
            c.count,
        )
        for c in RollupCell.objects.exclude(total=0, approved=0, count=0)
    )


@SETTINGS
@given(data=st.data())
def test_roll_up_is_the_sum_of_its_parts_in_both_eras(setup, data):
    admin, communes, flow, form = setup["admin"], setup["communes"], setup["flow"], setup["form"]

    def example():
        # a random tree: 0-3 villages under random communes
        villages = []
        for i, commune in enumerate(
            data.draw(st.lists(st.sampled_from(communes), max_size=4), label="village parents")
        ):
            villages.append(village_add(actor=admin, commune=commune, name=f"Thôn thử {i}"))
        units = data.draw(
            st.lists(st.sampled_from(communes + villages), min_size=1, max_size=8, unique_by=lambda u: u.pk),
            label="reporting units",
        )
        period = period_get(data.draw(st.sampled_from(["2023", "2024"]), label="period"))
        values = {}
        for u in units:
            v = data.draw(st.integers(min_value=0, max_value=10**9), label=f"value at {u.code}")
            s = submission_open(actor=admin, form=form, unit=u, period=period)
            values_save(actor=admin, submission=s, values={(flow.code, ""): v})
            submission_submit(actor=admin, submission=s)
            values[u] = v
        check(admin, flow, values, period)
        assert not RollupCell.objects.filter(node__in=[v.path for v in villages]).exists()  # villages keep no cells
        for commune in {v.parent for v in villages}:  # a commune's drill-down lists its villages' own figures
            rows = rollup(user=admin, unit=commune, indicator=flow, period=period, by="child").rows
            assert {r.key: r.value for r in rows} == {v.path: values.get(v, 0) for v in commune.children.all()}
        before = cells_snapshot()
        cells_rebuild()
        assert cells_snapshot() == before  # incremental upkeep == recomputation from scratch

    in_savepoint(example)


@SETTINGS
@given(
    weights=st.lists(st.integers(min_value=1, max_value=10_000), min_size=2, max_size=2),
    value=st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
    default_rule=st.booleans(),
)
def test_a_split_unit_goes_to_its_default_successor_or_by_weights(setup, weights, value, default_rule):
    admin, form = setup["admin"], setup["form"]
    ind = setup["flow"] if default_rule else setup["share"]
    trung_vuong = AdminUnit.objects.get(era_id="2024", code="06820")  # split between Uông Bí and Vàng Danh wards

    def example():
        outs = list(Succession.objects.filter(predecessor=trung_vuong).order_by("pk"))
        for s, w in zip(outs, weights, strict=True):
            s.weight = Decimal(w) / Decimal(10_000)
            s.save(update_fields=["weight"])
        period = period_get("2024")
        v = value if not default_rule else value.to_integral_value()
        s = submission_open(actor=admin, form=form, unit=trung_vuong, period=period)
        values_save(actor=admin, submission=s, values={(ind.code, ""): v})
        submission_submit(actor=admin, submission=s)
        parts = Decimal(0)
        for succ, share in apportioned(trung_vuong):
            got = rollup(user=admin, unit=succ, indicator=ind, period=period).value
            want = v if (default_rule and succ == default_target(trung_vuong)) else (0 if default_rule else v * share)
            assert abs(got - want) <= Decimal("0.01"), (succ.name, got, want)
            parts += got
        assert abs(parts - v) <= Decimal("0.01")  # nothing lost, nothing counted twice
        nation = rollup(user=admin, unit=None, era="2025", indicator=ind, period=period).value
        assert abs(nation - v) <= Decimal("0.01")

    in_savepoint(example)


ACTIONS = ["submit", "approve", "return", "reopen", "edit"]


@SETTINGS
@given(history=st.lists(st.tuples(st.integers(0, 2), st.sampled_from(ACTIONS), st.integers(0, 500)), max_size=12))
def test_any_report_history_leaves_the_roll_up_equal_to_its_counted_reports(setup, history):
    """Submitted and approved reports count; drafts and returned ones do not; approved counts as approved."""
    admin, communes, flow, form = setup["admin"], setup["communes"], setup["flow"], setup["form"]

    def example():
        period = period_get("2024")
        subs = [submission_open(actor=admin, form=form, unit=c, period=period) for c in communes[:3]]
        for s in subs:
            values_save(actor=admin, submission=s, values={(flow.code, ""): 10})
        for index, action, number in history:
            s = Submission.objects.get(pk=subs[index].pk)
            ok = {
                "submit": s.editable,
                "approve": s.status == Submission.Status.SUBMITTED,
                "return": s.status == Submission.Status.SUBMITTED,
                "reopen": s.status == Submission.Status.APPROVED,
                "edit": s.editable,
            }[action]
            if not ok:
                continue
            if action == "submit":
                submission_submit(actor=admin, submission=s)
            elif action == "approve":
                submission_approve(actor=admin, submission=s)
            elif action == "return":
                submission_return(actor=admin, submission=s, reason="sai số liệu")
            elif action == "reopen":
                submission_reopen(actor=admin, submission=s, reason="cần sửa")
            else:
                values_save(actor=admin, submission=s, values={(flow.code, ""): number})
        district = AdminUnit.objects.get(path=UONG_BI)
        counted = Submission.objects.filter(pk__in=[s.pk for s in subs], status__in=["submitted", "approved"])
        approved = counted.filter(status="approved")

        def total(qs):
            return sum((v.value for s in qs for v in s.values.all()), Decimal(0))

        r = rollup(user=admin, unit=district, indicator=flow, period=period)
        assert r.value == total(counted)
        assert r.count == counted.count()
        assert rollup(user=admin, unit=district, indicator=flow, period=period, approved_only=True).value == total(
            approved
        )
        before = cells_snapshot()
        cells_rebuild()
        assert cells_snapshot() == before

    in_savepoint(example)
