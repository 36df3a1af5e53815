"""The national dataset of the roll-up benchmark, written with bulk SQL and then rolled up by DanVan's own code.

Villages are added under today's communes (as `AdminUnit.save` would write them); every village
reports a yearly form of 20 indicators for 2020-2024, and the old communes of the 2024 map report
a smaller form of the generated (default-rule) indicators, so part of every figure reaches today's
map through the succession. Submissions are approved. Rows go in with COPY on PostgreSQL and
`executemany` on SQLite, with the secondary indexes of the two big tables dropped during the load
and rebuilt after (the foreign-key checks are off while loading; the rows are consistent by
construction). The roll-up is then built by `targets.targets_recompile` and `rollup.cells_rebuild`,
timed, and checked on a sample against a direct SQL sum.
"""

from __future__ import annotations

import random
import time
from datetime import timedelta
from decimal import Decimal
from typing import Any

YEARS = range(2020, 2025)
PHASE = "2020-2024"
VILLAGE_FORM = "bench-village-year"
COMMUNE_FORM = "bench-commune-year"
# the catalogue's typed indicators (source "entered" or "both") are reported by villages too
GENERATED = [
    # code, name, English name, unit of measure, value type, upper bound of a village's yearly value
    ("bench-household-visits", "Số lượt hộ gia đình được thăm hỏi, động viên", "Household visits", "lượt hộ", 120),
    ("bench-meetings", "Số buổi họp dân, sinh hoạt khu dân cư", "Residents' meetings", "buổi", 24),
    ("bench-road-km", "Số km đường giao thông nông thôn làm mới", "Rural roads built (km)", "km", 5),
    ("bench-land-m2", "Diện tích đất Nhân dân hiến làm đường", "Land donated for roads (m²)", "m²", 800),
    ("bench-light-sets", "Số bộ đèn chiếu sáng đường quê lắp đặt", "Street light sets installed", "bộ", 60),
    ("bench-mediations", "Số vụ hòa giải thành ở cơ sở", "Successful grassroots mediations", "vụ", 12),
]
DECIMAL_CODES = {"bench-road-km"}
UPPER = {code: upper for code, *_rest, upper in GENERATED} | {"money_mobilised": 50_000_000, "workdays": 400}
COUNTED = ("submitted", "approved")


def log(message: str) -> None:
    print(message, flush=True)


def generate(values: int, villages: int) -> None:
    """Map, catalogue, villages, approved reports and their values; then targets and cells, timed."""
    from django.db import connection, transaction

    from danvan.geo.models import AdminUnit
    from danvan.geo.services import map_load
    from danvan.org.models import User
    from danvan.reporting import rollup, targets
    from danvan.reporting.models import DataValue

    t0 = time.perf_counter()
    if not AdminUnit.objects.filter(official=True).exists():
        map_load()
    admin, _ = User.objects.get_or_create(username="bench-admin", defaults={"is_superuser": True, "is_staff": True})
    village_form, commune_form, periods = catalogue()
    rng = random.Random(2025)  # the same data on every engine and every run
    with transaction.atomic():
        village_ids = villages_add(villages, rng)
    old_communes = list(
        AdminUnit.objects.filter(era_id="2024", level="commune").order_by("pk").values_list("pk", flat=True)
    )
    t1 = time.perf_counter()
    log(f"map, catalogue and {len(village_ids):,} villages in {t1 - t0:.0f} s")

    commune_inds = [i for i in village_form[1] if i[0] in commune_form[1]]
    commune_share = min(len(old_communes) * len(YEARS) * len(commune_inds), values // 30)
    village_share = values - commune_share
    slots = len(village_ids) * len(YEARS)
    if village_share > slots * len(village_form[1]):
        raise SystemExit(f"{values:,} values need more villages than {len(village_ids):,} (at most 20 per report)")
    plan = [
        (village_form[0], village_ids, village_form[1], village_share),
        (commune_form[0], old_communes, commune_inds, commune_share),
    ]
    loader = Loader(connection)
    with transaction.atomic():
        indexes = loader.drop_indexes([DataValue._meta.db_table, "reporting_submission"])
        made = loader.load(plan, periods, admin.pk, rng)
        t2 = time.perf_counter()
        log(f"loaded {made[0]:,} reports and {made[1]:,} values in {t2 - t1:.0f} s ({made[1] / (t2 - t1):,.0f}/s)")
        loader.create_indexes(indexes)
    loader.done()
    t3 = time.perf_counter()
    log(f"rebuilt {len(indexes)} indexes in {t3 - t2:.0f} s")
    analyze(connection)

    units = sorted(set(DataValue.objects.values_list("unit_id", flat=True).distinct()))
    with transaction.atomic():
        t4 = time.perf_counter()
        targets.targets_recompile(units)
        t5 = time.perf_counter()
        cells = rollup.cells_rebuild()
        t6 = time.perf_counter()
    log(f"targets_recompile: {len(units):,} units in {t5 - t4:.1f} s")
    log(f"cells_rebuild:     {cells:,} cells in {t6 - t5:.1f} s")
    analyze(connection)
    sample_check(rng)


def catalogue() -> tuple[tuple[Any, list], tuple[Any, list], dict[int, Any]]:
    """The two forms with their (code, id) rows, and the yearly periods by year."""
    from danvan.reporting.models import FormIndicator, Indicator, ReportForm
    from danvan.reporting.periods import period_get

    for position, (code, name, name_en, uom, _upper) in enumerate(GENERATED, start=100):
        Indicator.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "unit_of_measure": uom,
                "value_type": "decimal" if code in DECIMAL_CODES else "integer",
                "position": position,
            },
        )
    typed = list(Indicator.objects.exclude(source="records").order_by("position", "code"))
    generated = [i for i in typed if i.code.startswith("bench-")]
    forms = []
    for code, name, levels, rows in (
        (VILLAGE_FORM, "Báo cáo “Dân vận khéo” năm — thôn, tổ dân phố", ["village"], typed),
        (COMMUNE_FORM, "Báo cáo “Dân vận khéo” năm — cấp xã (bản đồ cũ)", ["commune"], generated),
    ):
        form, created = ReportForm.objects.get_or_create(code=code, defaults={"name": name, "levels": levels})
        if created:
            FormIndicator.objects.bulk_create(
                FormIndicator(form=form, indicator=ind, position=n) for n, ind in enumerate(rows)
            )
        forms.append((form, [(i.code, i.pk) for i in rows]))
    periods = {year: period_get(str(year)) for year in YEARS}
    for period in periods.values():
        if period.pk is None:  # `period_get` no longer stores a period on reading: store them as opening a report does
            period.save()
    return forms[0], forms[1], periods


def villages_add(count: int, rng: random.Random) -> list[int]:
    """`count` villages under today's communes, written as AdminUnit.save would (name_ascii, path, latest_path)."""
    from danvan.core.text import fold
    from danvan.geo.models import AdminUnit, Level, make_path, village_latest_path

    existing = list(AdminUnit.objects.filter(era_id="2025", level=Level.VILLAGE).order_by("pk"))
    if len(existing) >= count:
        return [v.pk for v in existing[:count]]
    communes = list(AdminUnit.objects.filter(era_id="2025", level=Level.COMMUNE).order_by("pk"))
    per_commune: dict[int, int] = {}
    batch = []
    for _ in range(count - len(existing)):
        commune = rng.choice(communes)
        n = per_commune[commune.pk] = per_commune.get(commune.pk, 0) + 1
        type_name = "Tổ dân phố" if commune.type_name.startswith("Phường") else "Thôn"
        short = f"{n}" if type_name == "Tổ dân phố" else f"{rng.choice(VILLAGE_NAMES)} {n}"
        village = AdminUnit(
            era_id="2025",
            code=f"{commune.code}-{n:03d}",
            level=Level.VILLAGE,
            type_name=type_name,
            name=f"{type_name} {short}",
            short_name=short,
            parent=commune,
            official=False,
            valid_from=commune.valid_from,
            valid_to=commune.valid_to,
        )
        village.name_ascii = fold(village.name)
        village.path = make_path("2025", commune.path, village.code)
        village.latest_path = village_latest_path(village)
        batch.append(village)
    AdminUnit.objects.bulk_create(batch, batch_size=5000)
    check = AdminUnit.objects.get(era_id="2025", code=batch[0].code)
    saved = (check.name_ascii, check.path, check.latest_path)
    check.save()  # the model's own save writes the same derived fields
    assert saved == (check.name_ascii, check.path, check.latest_path), saved
    return [v.pk for v in existing] + list(
        AdminUnit.objects.filter(era_id="2025", level=Level.VILLAGE).order_by("pk").values_list("pk", flat=True)
    )[len(existing) : count]


VILLAGE_NAMES = ["Đồng Tâm", "Tân Lập", "Bình Minh", "Quyết Thắng", "Hòa Bình", "Thống Nhất", "Na Sa", "Khe Cát"]


class Loader:
    """Bulk rows into the reporting tables: COPY on PostgreSQL, executemany on SQLite."""

    SUBMISSION_COLS = (
        "id, form_id, unit_id, period_id, organization_id, status, due, submitted_at, submitted_by_id, "
        "reviewed_at, reviewed_by_id, note, created_at, updated_at, unit_path"
    )
    VALUE_COLS = (
        "submission_id, indicator_id, unit_id, period_id, organization_id, category, value, updated_at, updated_by_id"
    )

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.pg = connection.vendor == "postgresql"
        self._check_columns()
        if not self.pg:
            connection.ensure_connection()
            connection.connection.execute("PRAGMA foreign_keys = OFF")  # outside a transaction, as SQLite requires
            connection.connection.execute("PRAGMA cache_size = -1000000")  # 1 GB for the index builds

    def _check_columns(self) -> None:
        from danvan.reporting.models import DataValue, Submission

        for model, cols in ((Submission, self.SUBMISSION_COLS), (DataValue, "id, " + self.VALUE_COLS)):
            assert {c.strip() for c in cols.split(",")} == {f.column for f in model._meta.concrete_fields}, model

    def drop_indexes(self, tables: list[str]) -> list[str]:
        """Drop the secondary indexes of `tables`; returns the statements that recreate them."""
        with self.connection.cursor() as cursor:
            if self.pg:
                cursor.execute("SET LOCAL session_replication_role = replica")  # no FK triggers while loading
                cursor.execute(
                    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) "
                    "AND indexname NOT IN (SELECT conname FROM pg_constraint)",
                    [tables],
                )
            else:
                marks = ", ".join(["%s"] * len(tables))
                cursor.execute(
                    f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ({marks}) "
                    "AND sql IS NOT NULL",
                    tables,
                )
            found = cursor.fetchall()
            for name, _sql in found:
                cursor.execute(f'DROP INDEX "{name}"')
        return [sql for _name, sql in found]

    def create_indexes(self, statements: list[str]) -> None:
        with self.connection.cursor() as cursor:
            if self.pg:
                cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for sql in statements:
                cursor.execute(sql)

    def done(self) -> None:
        if not self.pg:
            self.connection.connection.execute("PRAGMA foreign_keys = ON")
            self.connection.connection.execute("PRAGMA cache_size = -2000")  # back to the default for the timings
        else:
            with self.connection.cursor() as cursor:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence('reporting_submission', 'id'), "
                    "(SELECT MAX(id) FROM reporting_submission))"
                )

    def load(self, plan: list, periods: dict[int, Any], admin_id: int, rng: random.Random) -> tuple[int, int]:
        from danvan.geo.models import AdminUnit
        from danvan.reporting.models import Submission

        paths = dict(AdminUnit.objects.values_list("pk", "path"))  # each report carries its unit's path
        first = (Submission.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        ts = "2025-01-20 08:00:00+00" if self.pg else "2025-01-20 08:00:00"
        reports: list[tuple] = []
        rows: list[tuple] = []
        sid = first
        n_values = 0
        for form, units, indicators, total in plan:
            slots = len(units) * len(YEARS)
            if not slots or not total:
                continue
            per, extra = divmod(total, slots)
            order = [(u, y) for u in units for y in YEARS]
            rng.shuffle(order)  # which reports get one value more, and which old communes report if not all
            for k, (unit_id, year) in enumerate(order):
                n = min(per + (1 if k < extra else 0), len(indicators))
                if not n:
                    continue
                period = periods[year]
                due = (period.end + timedelta(days=15)).isoformat()
                reports.append(
                    (
                        sid,
                        form.pk,
                        unit_id,
                        period.pk,
                        None,
                        "approved",
                        due,
                        ts,
                        admin_id,
                        ts,
                        admin_id,
                        "",
                        ts,
                        ts,
                        paths[unit_id],
                    )
                )
                chosen = indicators if n == len(indicators) else rng.sample(indicators, n)
                for code, ind_id in chosen:
                    rows.append((sid, ind_id, unit_id, period.pk, None, "", _value(code, rng), ts, None))
                sid += 1
                if len(rows) >= 200_000:
                    n_values += self._flush(reports, rows)
                    reports, rows = [], []
        n_values += self._flush(reports, rows)
        return sid - first, n_values

    def _flush(self, reports: list[tuple], rows: list[tuple]) -> int:
        if self.pg:
            with self.connection.cursor() as cursor:
                for table, cols, data in (
                    ("reporting_submission", self.SUBMISSION_COLS, reports),
                    ("reporting_datavalue", self.VALUE_COLS, rows),
                ):
                    with cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                        for row in data:
                            copy.write_row(row)
        else:
            raw = self.connection.connection.cursor()
            raw.executemany(
                f"INSERT INTO reporting_submission ({self.SUBMISSION_COLS}) VALUES ({', '.join('?' * 15)})", reports
            )
            raw.executemany(f"INSERT INTO reporting_datavalue ({self.VALUE_COLS}) VALUES ({', '.join('?' * 9)})", rows)
            raw.close()
        return len(rows)


def _value(code: str, rng: random.Random) -> int | str:
    upper = UPPER.get(code, 40)
    if code in DECIMAL_CODES:
        return f"{rng.random() * upper:.2f}"
    if code == "money_mobilised":
        return int(rng.random() * 500) * 100_000
    return int(rng.random() * upper)


def analyze(connection: Any) -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def sample_check(rng: random.Random, samples: int = 24) -> None:
    """Roll-ups of today's map against a direct SQL sum of the counted values below them (old units via latest_path)."""
    from django.db import connection

    from danvan.geo.models import AdminUnit
    from danvan.org.models import User
    from danvan.reporting.models import Indicator, Period
    from danvan.reporting.selectors import rollup

    admin = User.objects.filter(is_superuser=True).first() or User(is_superuser=True, is_active=True)

    units = list(AdminUnit.objects.filter(era_id="2025").values_list("path", "level"))
    by_level: dict[str, list[str]] = {}
    for path, level in units:
        by_level.setdefault(level, []).append(path)
    nodes = ["2025/"] + [
        rng.choice(by_level[lv]) for lv in ("province", "commune", "village") for _ in range(samples // 3)
    ]
    indicators = list(Indicator.objects.filter(forms__code=VILLAGE_FORM).values_list("pk", "split_rule"))
    periods = list(Period.objects.filter(type="year", code__in=[str(y) for y in YEARS]).values_list("pk", flat=True))
    tolerance = Decimal(0) if connection.vendor == "postgresql" else Decimal("0.001")  # SQLite sums floats
    checked = 0
    started = time.perf_counter()
    for node in nodes:
        ind, _rule = rng.choice(indicators)
        period = rng.choice(periods)
        unit = AdminUnit.objects.get(path=node) if node != "2025/" else None
        r = rollup(
            user=admin,
            unit=unit,
            era="2025",
            indicator=Indicator.objects.get(pk=ind),
            period=Period.objects.get(pk=period),
        )  # the real read: cells above villages, a village's own values
        got = (r.value, r.count)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT SUM(v.value), COUNT(*) FROM reporting_datavalue v "
                "JOIN reporting_submission s ON s.id = v.submission_id "
                "WHERE v.unit_id IN (SELECT id FROM geo_adminunit WHERE latest_path LIKE %s) "
                "AND v.indicator_id = %s AND v.period_id = %s AND s.status IN (%s, %s) AND v.category = ''",
                [node + "%", ind, period, *COUNTED],
            )
            total, count = cursor.fetchone()
        expected = (Decimal(total or 0), count)
        close = abs(Decimal(got[0]) - expected[0]) <= tolerance
        assert close and got[1] == expected[1], (node, ind, period, got, expected)
        checked += 1
    log(
        f"sample check: {checked} roll-ups (nation, provinces, communes, villages) equal a direct SQL sum "
        f"({time.perf_counter() - started:.1f} s)"
    )


def export_rows(path: Any) -> int:
    """The counted values as CSV (value, indicator, year, path on today's map), in the order written, for DuckDB."""
    import csv

    from django.db import connection

    query = (
        "SELECT v.value, v.indicator_id, p.code, u.latest_path FROM reporting_datavalue v "
        "JOIN reporting_submission s ON s.id = v.submission_id JOIN geo_adminunit u ON u.id = v.unit_id "
        "JOIN reporting_period p ON p.id = v.period_id "
        "WHERE s.status IN ('submitted', 'approved') AND v.category = '' AND p.type = 'year' "
        "ORDER BY v.id"  # the order they were written in, the same on both engines: no clustering to prune on
    )
    rows = 0
    with open(path, "w", newline="") as out:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor, cursor.copy(f"COPY ({query}) TO STDOUT (FORMAT csv)") as copy:
                for chunk in copy:
                    data = bytes(chunk)
                    rows += data.count(b"\n")
                    out.write(data.decode())
        else:
            writer = csv.writer(out)
            raw = connection.connection.cursor()
            raw.execute(query)
            while chunk := raw.fetchmany(100_000):
                writer.writerows(chunk)
                rows += len(chunk)
            raw.close()
    return rows
