"""Benchmark of the administrative map: the whole load, and listing one province's subtree.

    .venv/bin/python bench/map.py [--engine sqlite] [--engine postgresql] [--repeat 5]

Each figure is printed as a ratio against a reference measured in the same run, on the same
database, so the ratios hold from one machine to another where the seconds do not:

- load: `danvan.geo.services.map_load` into an empty map, against a plain DB-API `executemany`
  INSERT of exactly the rows it wrote (eras, units, successions, in one transaction): what a
  hand-written loader that already had its rows would cost. Reading and checking the file is
  timed apart, since the reference does not do it.
- subtree: `danvan.geo.selectors.unit_subtree(...)` evaluated to a list, as a superuser and as
  a province manager (whose scope is worked out afresh each time, as in a request), against
  `SELECT <the same columns> FROM geo_adminunit WHERE path LIKE '<path>%' ORDER BY path` on the
  raw DB-API cursor.

Medians of --repeat runs (after one warm-up run, which also counts the queries). SQLite runs on
a temporary file; PostgreSQL on a database `danvan_bench` at BENCH_POSTGRES_URL (default
postgres://postgres@127.0.0.1:5432/danvan_bench), dropped and created for the run and dropped
after. Each engine runs in its own process, because Django reads DATABASE_URL once.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from _db import recreate_pg
from _timing import counted, fmt, timed  # bench/ is the script's folder, so it is on sys.path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/danvan_bench"
MAP_TABLES = ["geo_era", "geo_adminunit", "geo_succession"]  # in insert order
# (era, code, what), the manager's membership (era, code): today's Hà Nội covers the old one
SUBTREES = [
    ("2024", "01", "Hà Nội, 2024 map", ("2025", "01")),
    ("2025", "79", "Hồ Chí Minh, 2025 map", ("2025", "79")),
]


# --- the parent: one child process per engine ------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", action="append", choices=["sqlite", "postgresql"])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (median printed)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.repeat)

    print(f"DanVan map benchmark, {args.repeat} timed runs per figure (median, min), Python {sys.version.split()[0]}")
    status = 0
    for engine in args.engine or ["sqlite", "postgresql"]:
        print()
        with tempfile.TemporaryDirectory(prefix="danvan-bench-") as home:
            env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL"}}
            env.update({"DANVAN_HOME": home, "DJANGO_SETTINGS_MODULE": "danvan.settings", "PYTHONUNBUFFERED": "1"})
            env.setdefault("SECRET_KEY", "bench-only-not-secret")  # a production-like start needs a key
            if engine == "sqlite":
                env["DATABASE_URL"] = f"sqlite:///{home}/bench.sqlite3"
                status |= run_child(env, args.repeat)
            else:
                url = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_PG_URL)
                try:
                    recreate_pg(url)
                except Exception as exc:  # no PostgreSQL here: say so and go on
                    print(f"== postgresql: skipped, cannot create the bench database at {url}: {exc}")
                    continue
                env["DATABASE_URL"] = url
                try:
                    status |= run_child(env, args.repeat)
                finally:
                    recreate_pg(url, create=False)
    return status


def run_child(env: dict[str, str], repeat: int) -> int:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", "--repeat", str(repeat)]
    return subprocess.run(cmd, env=env, cwd=ROOT, check=False).returncode  # noqa: S603 - our own script


# --- the child: one engine, Django set up on DATABASE_URL ------------------------------------


def child(repeat: int) -> int:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    connection.ensure_connection()
    version = _server_version(connection)
    print(f"== {connection.vendor} {version}, database {connection.settings_dict['NAME']}")
    bench_load(repeat)
    bench_subtrees(repeat)
    return 0


def _server_version(connection: Any) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW server_version")
        return cursor.fetchone()[0]


def empty_map() -> None:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        for table in reversed(MAP_TABLES):
            cursor.execute(f"DELETE FROM {table}")


def snapshot() -> dict[str, tuple[list[str], list[tuple]]]:
    """Every row map_load wrote, column for column: the reference inserts exactly these."""
    from django.db import connection

    rows = {}
    with connection.cursor() as cursor:
        for table in MAP_TABLES:
            cursor.execute(f"SELECT * FROM {table} ORDER BY 1")
            rows[table] = ([d[0] for d in cursor.description], cursor.fetchall())
    return rows


def reference_insert(rows: dict[str, tuple[list[str], list[tuple]]]) -> None:
    """A hand-written loader: one executemany INSERT per table on the raw DB-API cursor, one transaction."""
    from django.db import connection, transaction

    mark = "?" if connection.vendor == "sqlite" else "%s"
    with transaction.atomic():
        cursor = connection.connection.cursor()
        for table in MAP_TABLES:
            columns, values = rows[table]
            names = ", ".join(connection.ops.quote_name(c) for c in columns)
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({', '.join([mark] * len(columns))})", values)
        cursor.close()


def bench_load(repeat: int) -> None:
    from danvan.geo.services import MAP_FILE, _read, _validate, map_load

    empty_map()
    queries = counted(map_load)  # warm-up: imports, caches, and the query count
    rows = snapshot()
    units, successions = len(rows["geo_adminunit"][1]), len(rows["geo_succession"][1])
    ours, ref, file_only = [], [], []
    for _ in range(repeat):
        empty_map()
        ref.append(timed(lambda: reference_insert(rows)))
        empty_map()
        ours.append(timed(map_load))
        file_only.append(timed(lambda: _validate(_read(MAP_FILE))))
    ratio = statistics.median(ours) / statistics.median(ref)
    print(f"load the whole map: {units} units, {successions} successions, {len(rows['geo_era'][1])} eras")
    print(f"  {'':34} {'median':>11} {'min':>11}  queries")
    print(f"  {'map_load':34} {fmt(ours)}  {queries:7d}")
    print(f"  {'reference: executemany INSERT':34} {fmt(ref)}  {len(MAP_TABLES):7d}")
    print(f"  {'  (map_load part: read+check file)':34} {fmt(file_only)}  {0:7d}")
    print(f"  ratio map_load / reference: {ratio:.1f}x")


def bench_subtrees(repeat: int) -> None:
    from django.db import connection

    from danvan.geo.models import AdminUnit
    from danvan.geo.selectors import unit_subtree
    from danvan.org.access import forget_scope, scope_of
    from danvan.org.models import Membership, Role, User

    admin, _ = User.objects.get_or_create(username="bench-admin", defaults={"is_superuser": True, "is_staff": True})
    columns = ", ".join(connection.ops.quote_name(f.column) for f in AdminUnit._meta.concrete_fields)
    mark = "?" if connection.vendor == "sqlite" else "%s"

    for era, code, what, (m_era, m_code) in SUBTREES:
        unit = AdminUnit.objects.get(era_id=era, code=code)
        manager, _ = User.objects.get_or_create(username=f"bench-manager-{m_era}-{m_code}")
        Membership.objects.get_or_create(
            user=manager, role=Role.MANAGER, unit=AdminUnit.objects.get(era_id=m_era, code=m_code), organization=None
        )

        def reference(unit: AdminUnit = unit) -> list[tuple]:
            cursor = connection.connection.cursor()
            cursor.execute(
                f"SELECT {columns} FROM geo_adminunit WHERE path LIKE {mark} ORDER BY path",
                (unit.path + "%",),
            )
            found = cursor.fetchall()
            cursor.close()
            return found

        expected = len(reference())
        print(f"subtree {unit.path} {what}: {expected} units (reference: raw SELECT ... LIKE '{unit.path}%')")
        print(f"  {'':34} {'median':>11} {'min':>11}  queries  units  ratio")
        ref = [timed(reference) for _ in range(repeat)]
        print(f"  {'reference: raw SELECT':34} {fmt(ref)}  {1:7d}  {expected:5d}  1.0x")
        for label, user in (("superuser", admin), (f"manager of {m_era}/{m_code}", manager)):

            def listing(user: Any = user, unit: AdminUnit = unit) -> list[AdminUnit]:
                forget_scope(user)  # a request works the scope out once: count it in
                return list(unit_subtree(user=user, unit=unit))

            got = len(listing())
            queries = counted(listing)
            times = [timed(listing) for _ in range(repeat)]
            ratio = statistics.median(times) / statistics.median(ref)
            print(f"  {'unit_subtree as ' + label:34} {fmt(times)}  {queries:7d}  {got:5d}  {ratio:.1f}x")
            if not user.is_superuser:

                def scope_only(user: Any = user) -> None:
                    forget_scope(user)
                    scope_of(user)

                times = [timed(scope_only) for _ in range(repeat)]
                print(f"  {'  of which: scope_of(manager)':34} {fmt(times)}  {counted(scope_only):7d}")


if __name__ == "__main__":
    sys.exit(main())
