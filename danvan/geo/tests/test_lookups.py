"""`__prefix` (geo.lookups): the same rows as `startswith` for a path, read from an index on SQLite too."""

import pytest
from django.db import connection
from django.db.models import Q

from danvan.geo.models import AdminUnit


@pytest.mark.parametrize("prefix", ["2025/22/", "2024/22/", "2024/22/193/", "2024/22/196/06823/", "2024/2/", "9999/"])
def test_prefix_finds_exactly_the_units_under_a_path(db, prefix):
    found = set(AdminUnit.objects.filter(path__prefix=prefix).values_list("path", flat=True))
    expected = {p for p in AdminUnit.objects.values_list("path", flat=True) if p.startswith(prefix)}
    assert found == expected
    assert found or prefix in ("2024/2/", "9999/")  # "2024/2/" must not take in "2024/22/…"


def test_prefix_reads_an_index_range_on_sqlite(db):
    sql = str(AdminUnit.objects.filter(Q(path__prefix="2025/22/")).query)
    if connection.vendor == "sqlite":
        assert "LIKE" not in sql and ">=" in sql
        with connection.cursor() as cursor:
            cursor.execute(
                "EXPLAIN QUERY PLAN " + sql.replace("2025/22/", "'2025/22/'").replace("2025/220", "'2025/220'")
            )
            plan = " ".join(str(row) for row in cursor.fetchall())
        assert "INDEX" in plan and "SCAN geo_adminunit" not in plan
    else:
        assert "LIKE" in sql  # PostgreSQL: its pattern_ops index answers LIKE whatever the collation
