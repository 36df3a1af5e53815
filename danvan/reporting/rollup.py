"""Keeping `RollupCell` equal to the sum of the counted values below each node, in every era.

Incremental: when a submission starts or stops counting (submitted, approved, returned,
reopened), its values' deltas are added to every node above each of their targets, in the same
transaction, with one `INSERT … ON CONFLICT DO UPDATE SET total = total + excluded.total` per
batch (the same statement on SQLite and PostgreSQL; rows are touched in key order so two
concurrent approvals cannot deadlock). Full: `cells_rebuild` recomputes everything in SQL, level by
level from the deepest node up, for a new map or a check.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db import connection

from danvan.reporting.models import DataValue, Indicator, RollupCell, RollupTarget, Submission
from danvan.reporting.targets import node_chain, targets_of

CELLS = RollupCell._meta.db_table
COUNTED = (Submission.Status.SUBMITTED, Submission.Status.APPROVED)

_UPSERT = (
    f"INSERT INTO {CELLS} (node, parent, depth, indicator_id, period_id, category, total, approved, count) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) "
    "ON CONFLICT (node, indicator_id, period_id, category) DO UPDATE SET "
    f"total = {CELLS}.total + excluded.total, approved = {CELLS}.approved + excluded.approved, "
    f"count = {CELLS}.count + excluded.count"
)

Key = tuple[str, int, int, str]  # node, indicator, period, category
_LOCK = 0x44564E52  # "DVNR": submissions hold it shared while they apply deltas; a rebuild holds it alone


def rollup_lock(*, exclusive: bool) -> None:
    """On PostgreSQL, a rebuild waits for deltas in flight and deltas wait for a rebuild (targets must not
    change under them). SQLite has one writer at a time already."""
    if connection.vendor == "postgresql":
        fn = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {fn}(%s)", [_LOCK])


def cells_apply(
    values: Iterable[DataValue], *, total_sign: int, approved_sign: int, count_sign: int | None = None
) -> int:
    """Add (sign +1) or take away (-1) these values from every roll-up above them. Returns cells touched."""
    values = list(values)
    if not values or (total_sign == 0 and approved_sign == 0):
        return 0
    count_sign = total_sign if count_sign is None else count_sign
    rollup_lock(exclusive=False)
    targets = targets_of({v.unit_id for v in values})
    rules = dict(Indicator.objects.filter(pk__in={v.indicator_id for v in values}).values_list("pk", "split_rule"))
    acc: dict[Key, list] = defaultdict(lambda: [Decimal(0), Decimal(0), 0, "", 0])
    for v in values:
        apportion = rules[v.indicator_id] == Indicator.SplitRule.APPORTION
        categories = [v.category, ""] if v.category else [""]
        for t in targets[v.unit_id]:
            share = t.apportion_share if apportion else t.default_share
            if not share:
                continue
            amount = v.value * share
            for node, parent, depth in node_chain(t.node)[: -1 if t.leaf else None]:
                for cat in categories:
                    cell = acc[(node, v.indicator_id, v.period_id, cat)]
                    cell[0] += amount * total_sign
                    cell[1] += amount * approved_sign
                    cell[2] += count_sign
                    cell[3], cell[4] = parent, depth
    rows = [
        (node, parent, depth, ind, per, cat, total, approved, count)
        for (node, ind, per, cat), (total, approved, count, parent, depth) in sorted(acc.items())
    ]
    with connection.cursor() as cursor:
        cursor.executemany(_UPSERT, rows)
    return len(rows)


def cells_rebuild(*, progress=None) -> int:
    """Recompute every cell from the counted values, in SQL. Targets must be compiled. Returns cells."""
    rollup_lock(exclusive=True)
    targets, values, subs, inds = (
        RollupTarget._meta.db_table,
        DataValue._meta.db_table,
        Submission._meta.db_table,
        Indicator._meta.db_table,
    )
    share = "CASE WHEN i.split_rule = 'apportion' THEN t.apportion_share ELSE t.default_share END"
    approved = "CASE WHEN s.status = 'approved' THEN 1 ELSE 0 END"
    conflict = (
        "ON CONFLICT (node, indicator_id, period_id, category) DO UPDATE SET "
        f"total = {CELLS}.total + excluded.total, approved = {CELLS}.approved + excluded.approved, "
        f"count = {CELLS}.count + excluded.count"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {CELLS}")
        # every target at its node; a village's values at its commune (villages keep no cells)
        node = "CASE WHEN t.leaf THEN t.parent ELSE t.node END"
        depth = "CASE WHEN t.leaf THEN t.depth - 1 ELSE t.depth END"
        for category in ("v.category", "''"):  # each value in its category, then in the total of a breakdown
            only = "" if category == "v.category" else "AND v.category <> ''"
            group = ", v.category" if category == "v.category" else ""
            sums = (
                f"SELECT {node} AS node, {depth} AS depth, v.indicator_id, v.period_id, {category} AS category, "
                f"SUM(v.value * {share}) AS total, SUM(v.value * {share} * {approved}) AS approved, "
                f"COUNT(*) AS count "
                f"FROM {values} v JOIN {subs} s ON s.id = v.submission_id "
                f"JOIN {targets} t ON t.unit_id = v.unit_id JOIN {inds} i ON i.id = v.indicator_id "
                f"WHERE s.status IN ('submitted', 'approved') AND ({share}) > 0 {only} "
                f"GROUP BY {node}, {depth}, v.indicator_id, v.period_id{group}"
            )
            cursor.execute(
                f"INSERT INTO {CELLS} (node, parent, depth, indicator_id, period_id, category, total, approved, "
                f"count) SELECT g.node, {_parent_of('g.node')}, g.depth, g.indicator_id, g.period_id, "
                f"g.category, g.total, g.approved, g.count FROM ({sums}) g WHERE TRUE {conflict}"
            )
        cursor.execute(f"SELECT MAX(depth) FROM {CELLS}")
        deepest = cursor.fetchone()[0] or 0
        for depth in range(deepest, 0, -1):
            # a node's parent's parent is the parent's own `parent` in the cells table, or the nation's ""
            cursor.execute(
                f"INSERT INTO {CELLS} (node, parent, depth, indicator_id, period_id, category, total, approved, count) "
                f"SELECT c.parent, {_parent_of('c.parent')}, {depth - 1}, c.indicator_id, c.period_id, c.category, "
                f"SUM(c.total), SUM(c.approved), SUM(c.count) FROM {CELLS} c WHERE c.depth = {depth} "
                f"GROUP BY c.parent, c.indicator_id, c.period_id, c.category {conflict}"
            )
            if progress:
                progress(deepest - depth + 1, deepest)
        cursor.execute(f"SELECT COUNT(*) FROM {CELLS}")
        return cursor.fetchone()[0]


def _parent_of(parent: str) -> str:
    """SQL for the parent path of the node path held by the SQL expression `parent` ("" above the nation)."""
    geo = "geo_adminunit"
    return (
        f"COALESCE((SELECT p.path FROM {geo} u JOIN {geo} p ON p.id = u.parent_id WHERE u.path = {parent}), "
        f"CASE WHEN {parent} LIKE '%%/%%/%%' THEN (SELECT u.era_id || '/' FROM {geo} u WHERE u.path = {parent}) "
        f"ELSE '' END)"
    )
