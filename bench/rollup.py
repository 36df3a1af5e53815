"""Benchmark of the live roll-ups on a national dataset: 10 million values, against DuckDB.

    .venv/bin/python bench/rollup.py [--engine postgresql] [--engine sqlite] [--values 10000000]
                                     [--villages 100000] [--repeat 7] [--reuse]

Generates the 2025 map (34 provinces, 3,321 communes) with 100,000 villages, and yearly reports
for 2020-2024: every village reports a form of 20 indicators (the catalogue's 14 typed ones and
6 generated), the old communes of the 2024 map a form of the 6 generated ones (so part of every
figure reaches today's map through the succession), all approved, --values rows in all, with
bulk SQL (see _rollup_data.py). The roll-up cells are then built by DanVan's own
`targets_recompile` and `cells_rebuild`, timed and checked on a sample against a direct SQL sum.

Each question is asked through `danvan.reporting.selectors.rollup(user=<a superuser>, ...)`, the
real read path with its access check, and answered again by DuckDB over the same rows (exported
from the database, loaded into an in-memory table: a columnar full scan, the reference), and the
two answers must be equal: a household-visits figure for 2024 at the nation, at Quảng Ninh and at
one of its communes; the provinces of the nation and the communes of Quảng Ninh (by=child); the
phase 2020-2024 at the nation and at Quảng Ninh; and a catalogue indicator (apportion rule, typed
plus records) at the nation. Printed: medians of --repeat warm runs, the ratio DanVan / DuckDB
(target at most 0.5), the freshness (a new village's report submitted through
`services.values_upsert(submit=True)` until the nation's roll-up shows it; then approved until
the approved-only roll-up shows it), and the sizes of the tables.

PostgreSQL runs on `danvan_bench` at BENCH_POSTGRES_URL (default
postgres://postgres@127.0.0.1:5432/danvan_bench), SQLite on var/bench/rollup.sqlite3. Both are
dropped at the end unless --reuse, with which a later --reuse run skips the generation. The
engines generate side by side (one core each) and are then measured one at a time, each in its
own process (Django reads DATABASE_URL once).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from _db import recreate_pg
from _timing import counted, fmt, timed  # bench/ is the script's folder, so it is on sys.path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/danvan_bench"
BENCH_DIR = ROOT / "var" / "bench"
SQLITE_FILE = BENCH_DIR / "rollup.sqlite3"
INDICATOR = "bench-household-visits"  # reported by villages and by the old communes
CATALOGUE_INDICATOR = "tt_people"  # apportion rule, typed plus records
PROVINCE = "22"  # Quảng Ninh
OLD_COMMUNE = "06823"  # Nam Khê on the 2024 map: its successor is the commune asked about
TARGET = 0.5


# --- the parent: one child process per engine ------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", action="append", choices=["postgresql", "sqlite"])
    parser.add_argument("--values", type=int, default=10_000_000, help="data values to generate")
    parser.add_argument("--villages", type=int, default=100_000, help="villages to add under today's communes")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per figure (median printed)")
    parser.add_argument("--reuse", action="store_true", help="keep the databases, and reuse them if there")
    parser.add_argument("--child", choices=["generate", "measure"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)

    print(
        f"DanVan roll-up benchmark: {args.values:,} values, {args.villages:,} villages, "
        f"{args.repeat} timed runs per figure (median, min)"
    )
    started = time.perf_counter()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="danvan-bench-") as tmp:
        envs: dict[str, dict[str, str]] = {}
        for engine in args.engine or ["postgresql", "sqlite"]:
            env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
            home = Path(tmp) / engine
            env.update({"DANVAN_HOME": str(home), "DJANGO_SETTINGS_MODULE": "danvan.settings", "PYTHONUNBUFFERED": "1"})
            env.setdefault("SECRET_KEY", "bench-only-not-secret")  # a production-like start needs a key
            env["BENCH_RESULTS"] = str(Path(tmp) / f"{engine}.json")
            if engine == "sqlite":
                if not args.reuse:
                    remove_sqlite()
                env["DATABASE_URL"] = f"sqlite:///{SQLITE_FILE}"
            else:
                env["DATABASE_URL"] = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_PG_URL)
                try:
                    recreate_pg(env["DATABASE_URL"], drop=not args.reuse)
                except Exception as exc:  # no PostgreSQL here: say so and go on
                    print(f"\n== postgresql: skipped, cannot create the bench database: {exc}")
                    continue
            envs[engine] = env
        status = 0
        try:
            generating = {e: child_process(env, args, "generate") for e, env in envs.items()}
            for process in generating.values():
                out, _err = process.communicate()
                print(f"\n{out.rstrip()}")
                status |= process.returncode
            print(f"   (generation: {time.perf_counter() - started:.0f} s)")
            for engine, env in envs.items():
                if generating[engine].returncode:
                    continue
                print()
                status |= child_process(env, args, "measure", capture=False).wait()
            summary(envs)
        finally:
            if not args.reuse:
                if "postgresql" in envs:
                    recreate_pg(envs["postgresql"]["DATABASE_URL"], create=False)
                if "sqlite" in envs:
                    remove_sqlite()
    print(f"\n(all: {time.perf_counter() - started:.0f} s)")
    return status


def child_process(env: dict[str, str], args: argparse.Namespace, phase: str, *, capture: bool = True) -> Any:
    Path(env["DANVAN_HOME"]).mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", phase, "--values", str(args.values)]
    cmd += ["--villages", str(args.villages), "--repeat", str(args.repeat)]
    output, errors = (subprocess.PIPE, subprocess.STDOUT) if capture else (None, None)
    return subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=output, stderr=errors, text=True)  # noqa: S603 - our own script


def remove_sqlite() -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{SQLITE_FILE}{suffix}").unlink(missing_ok=True)


def summary(envs: dict[str, dict[str, str]]) -> None:
    """One table of every engine's ratios, from the figures each child left behind."""
    results = {e: json.loads(Path(env["BENCH_RESULTS"]).read_text()) for e, env in envs.items()
               if Path(env["BENCH_RESULTS"]).exists()}  # fmt: skip
    if not results:
        return
    print(f"\n== summary: DanVan / DuckDB (target ≤ {TARGET}), freshness")
    print(f"  {'question':44} {'engine':10} {'DanVan':>10} {'DuckDB':>10}  ratio")
    for engine, res in results.items():
        for row in res["questions"]:
            ok = "ok" if row["ratio"] <= TARGET else "MISSED"
            print(
                f"  {row['label']:44} {engine:10} {row['ours'] * 1000:8.2f}ms {row['ref'] * 1000:8.2f}ms"
                f"  {row['ratio']:5.2f} {ok}"
            )
    for engine, res in results.items():
        f = res["freshness"]
        print(
            f"  freshness {engine:10}: submit → in the nation's roll-up {f['submitted'] * 1000:.0f} ms, "
            f"approve → in approved-only {f['approved'] * 1000:.0f} ms"
        )


# --- the child: one engine, Django set up on DATABASE_URL ------------------------------------


def child(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from danvan.reporting.models import DataValue, RollupCell

    call_command("migrate", interactive=False, verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW server_version")
        version = cursor.fetchone()[0]
    print(f"== {connection.vendor} {version}, database {connection.settings_dict['NAME']}", flush=True)
    import _rollup_data as data

    if args.child == "generate":
        existing = DataValue.objects.count()
        if existing >= args.values and RollupCell.objects.exists():
            print(f"reusing {existing:,} values")
            data.sample_check(random.Random(2025))
        else:
            if existing:
                raise SystemExit(f"{existing:,} values already there (fewer than --values): drop the database first")
            data.generate(args.values, args.villages)
        return 0
    results = measure(args.repeat, data)
    Path(os.environ["BENCH_RESULTS"]).write_text(json.dumps(results))
    return 0 if results["equal"] else 1


# --- the figures -----------------------------------------------------------------------------


def measure(repeat: int, data: Any) -> dict[str, Any]:
    import duckdb
    from django.db import connection

    from danvan.geo.models import AdminUnit
    from danvan.org.models import User
    from danvan.reporting import selectors
    from danvan.reporting.models import Indicator, Period

    admin = User.objects.get(username="bench-admin")
    indicator = Indicator.objects.get(code=INDICATOR)
    catalogue = Indicator.objects.get(code=CATALOGUE_INDICATOR)
    year, phase = Period.objects.get(code="2024"), Period.objects.get(code=data.PHASE)
    province = AdminUnit.objects.get(era_id="2025", code=PROVINCE)
    commune = AdminUnit.objects.get(path=AdminUnit.objects.get(era_id="2024", code=OLD_COMMUNE).latest_path)

    # the reference: the same counted rows, in an in-memory DuckDB table
    csv_path = Path(tempfile.gettempdir()) / f"danvan-bench-rollup-{connection.vendor}.csv"
    t0 = time.perf_counter()
    exported = data.export_rows(csv_path)
    t1 = time.perf_counter()
    duck = duckdb.connect()
    duck.execute(
        "CREATE TABLE v AS SELECT value, indicator, CAST(period AS INTEGER) AS year, path, "
        "split_part(path, '/', 2) AS province, split_part(path, '/', 3) AS commune FROM read_csv(?, header = false, "
        "columns = {'value': 'DECIMAL(20,4)', 'indicator': 'INTEGER', 'period': 'VARCHAR', 'path': 'VARCHAR'})",
        [str(csv_path)],
    )
    csv_path.unlink()
    loaded = duck.execute("SELECT COUNT(*) FROM v").fetchone()[0]
    assert loaded == exported, (loaded, exported)
    threads = duck.execute("SELECT current_setting('threads')").fetchone()[0]
    print(
        f"reference: {loaded:,} counted values exported in {t1 - t0:.1f} s, loaded into DuckDB "
        f"{duckdb.__version__} ({threads} threads) in {time.perf_counter() - t1:.1f} s",
        flush=True,
    )

    def sql_total(where: str, params: list) -> Any:
        def run() -> tuple[Decimal, int]:
            total, count = duck.execute(f"SELECT SUM(value), COUNT(*) FROM v WHERE {where}", params).fetchone()
            return Decimal(total or 0), count

        return run

    def sql_children(column: str, where: str, params: list) -> Any:
        def run() -> dict[str, tuple[Decimal, int]]:
            rows = duck.execute(
                f"SELECT {column}, SUM(value), COUNT(*) FROM v WHERE {where} GROUP BY {column}",
                params,
            ).fetchall()
            return {key: (Decimal(total), count) for key, total, count in rows}

        return run

    one = "indicator = ? AND year = ?"
    years = f"indicator = ? AND year BETWEEN {data.YEARS[0]} AND {data.YEARS[-1]}"
    questions = [
        ("nation, 2024", {"unit": None}, sql_total(one, [indicator.pk, 2024])),
        (
            f"province {province.code}, 2024",
            {"unit": province},
            sql_total(f"{one} AND path LIKE ?", [indicator.pk, 2024, province.path + "%"]),
        ),
        (
            f"commune {commune.code}, 2024",
            {"unit": commune},
            sql_total(f"{one} AND path LIKE ?", [indicator.pk, 2024, commune.path + "%"]),
        ),
        (
            "nation by province, 2024",
            {"unit": None, "by": "child"},
            sql_children("province", one, [indicator.pk, 2024]),
        ),
        (
            f"province {province.code} by commune, 2024",
            {"unit": province, "by": "child"},
            sql_children("commune", f"{one} AND province = ?", [indicator.pk, 2024, province.code]),
        ),
        (f"nation, {data.PHASE}", {"unit": None, "period": phase}, sql_total(years, [indicator.pk])),
        (
            f"province {province.code}, {data.PHASE}",
            {"unit": province, "period": phase},
            sql_total(f"{years} AND path LIKE ?", [indicator.pk, province.path + "%"]),
        ),
        (
            f"nation, 2024, {CATALOGUE_INDICATOR}",
            {"unit": None, "indicator": catalogue},
            sql_total(one, [catalogue.pk, 2024]),
        ),
    ]
    tolerance = Decimal(0) if connection.vendor == "postgresql" else Decimal("0.001")  # SQLite sums decimals as floats

    def close(a: Decimal, b: Decimal) -> bool:
        return abs(a - b) <= tolerance

    print(f"\nroll-ups of “{indicator.name}” ({indicator.code}); commune {commune.code} is {commune.name}")
    print(f"  {'question':40} {'DanVan':>23} {'DuckDB':>23}  queries  ratio")
    results: dict[str, Any] = {"questions": [], "equal": True}
    for label, kwargs, reference in questions:
        ask = {"indicator": indicator, "period": year, "era": "2025", **kwargs}

        def ours(ask: dict[str, Any] = ask) -> Any:
            admin.__dict__.pop("_danvan_scope", None)  # the access scope worked out afresh, as in a request
            return selectors.rollup(user=admin, **ask)

        got, expected = ours(), reference()
        if "by" in kwargs:
            mine = {r.unit.code: (r.value, r.count) for r in got.rows if r.count}
            equal = mine.keys() == expected.keys() and all(
                close(mine[k][0], expected[k][0]) and mine[k][1] == expected[k][1] for k in mine
            )
            shown = f"{len(mine)} rows"
        else:
            equal = close(got.value, expected[0]) and got.count == expected[1]
            shown = f"{got.value:,.0f}"
        if not equal:
            results["equal"] = False
            print(f"  !! {label}: DanVan {got.value} ({got.count}) ≠ DuckDB {expected if 'by' not in kwargs else ''}")
        queries = counted(ours)
        ref = [timed(reference) for _ in range(repeat)]
        mine_t = [timed(ours) for _ in range(repeat)]
        ratio = statistics.median(mine_t) / statistics.median(ref)
        print(f"  {label:40} {fmt(mine_t)} {fmt(ref)}  {queries:7d}  {ratio:5.2f}  {shown}")
        results["questions"].append(
            {"label": label, "ours": statistics.median(mine_t), "ref": statistics.median(ref), "ratio": ratio}
        )
    print(f"  answers equal to DuckDB's: {'yes' if results['equal'] else 'NO'}"
          + ("" if not tolerance else f" (within {tolerance}: SQLite stores decimals as floats)"))  # fmt: skip
    results["freshness"] = freshness(admin, indicator, year, commune, repeat)
    sizes(connection)
    return results


def freshness(admin: Any, indicator: Any, year: Any, commune: Any, repeat: int) -> dict[str, float]:
    """A new village's report, through the real services, until the nation's roll-up includes it."""
    from danvan.geo.services import village_add
    from danvan.reporting import selectors, services
    from danvan.reporting.models import ReportForm

    form = ReportForm.objects.get(code="bench-village-year")
    token = int(time.time())
    submitted, approved, submit_only, approve_only = [], [], [], []
    for n in range(repeat):
        village = village_add(actor=admin, commune=commune, name=f"Freshness {token} {n}")
        before = selectors.rollup(user=admin, unit=None, indicator=indicator, period=year, era="2025")
        start = time.perf_counter()
        submission, _result = services.values_upsert(
            actor=admin, form=form, unit=village, period=year, values={(indicator.code, ""): "7"}, submit=True
        )
        mid = time.perf_counter()
        after = selectors.rollup(user=admin, unit=None, indicator=indicator, period=year, era="2025")
        seen = time.perf_counter()
        assert (after.value, after.count) == (before.value + 7, before.count + 1), (before, after)
        before_ok = selectors.rollup(
            user=admin, unit=None, indicator=indicator, period=year, era="2025", approved_only=True
        )
        start2 = time.perf_counter()
        services.submission_approve(actor=admin, submission=submission)
        mid2 = time.perf_counter()
        after_ok = selectors.rollup(
            user=admin, unit=None, indicator=indicator, period=year, era="2025", approved_only=True
        )
        seen2 = time.perf_counter()
        assert after_ok.value == before_ok.value + 7, (before_ok.value, after_ok.value)
        submitted.append(seen - start)
        submit_only.append(mid - start)
        approved.append(seen2 - start2)
        approve_only.append(mid2 - start2)
    print("\nfreshness: a new village's report, until the nation's roll-up includes it (committed)")
    print(f"  {'':40} {'median':>11} {'min':>11}")
    print(f"  {'values_upsert(submit=True)':40} {fmt(submit_only)}")
    print(f"  {'  + rollup() at the nation shows it':40} {fmt(submitted)}")
    print(f"  {'submission_approve':40} {fmt(approve_only)}")
    print(f"  {'  + rollup(approved_only) shows it':40} {fmt(approved)}")
    return {"submitted": statistics.median(submitted), "approved": statistics.median(approved)}


def sizes(connection: Any) -> None:
    from danvan.geo.models import AdminUnit
    from danvan.reporting.models import DataValue, RollupCell, RollupTarget, Submission

    models = [("geo_adminunit", AdminUnit), ("reporting_submission", Submission),
              ("reporting_datavalue", DataValue), ("reporting_rolluptarget", RollupTarget),
              ("reporting_rollupcell", RollupCell)]  # fmt: skip
    print("\nsizes")
    with connection.cursor() as cursor:
        for table, model in models:
            rows = model.objects.count()
            if connection.vendor == "postgresql":
                cursor.execute("SELECT pg_total_relation_size(%s)", [table])
            else:  # the table and its indexes, from SQLite's page statistics
                cursor.execute(
                    "SELECT SUM(pgsize) FROM dbstat WHERE name = %s OR name IN "
                    "(SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = %s)",
                    [table, table],
                )
            size = cursor.fetchone()[0] or 0
            print(f"  {table:28} {rows:>12,} rows {size / 2**20:>10,.0f} MB with indexes")
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            print(f"  {'database':28} {'':>17} {cursor.fetchone()[0] / 2**20:>10,.0f} MB")
        else:
            name = Path(connection.settings_dict["NAME"])
            total = sum(p.stat().st_size for p in (name, Path(f"{name}-wal")) if p.exists())
            print(f"  {'file (and its WAL)':28} {'':>17} {total / 2**20:>10,.0f} MB")


if __name__ == "__main__":
    sys.exit(main())
