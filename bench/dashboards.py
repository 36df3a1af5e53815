"""Benchmark of the reporting dashboards on the national dataset, against a minimal signed-in view.

    .venv/bin/python bench/dashboards.py [--engine postgresql] [--engine sqlite] [--values 10000000]
                                         [--villages 100000] [--repeat 20] [--reuse]

The dataset is the roll-up benchmark's (`_rollup_data.generate`: today's map, 100,000 villages,
yearly approved reports 2020-2024 of every village and of the old communes, --values values, the
roll-up cells built by DanVan's own code). Measured through Django's test `Client`, the real URL,
middleware and an OTP-verified session included, in one run:

- `GET /reports/dashboard/` as the manager of today's Quảng Ninh (province `2025/22`, whose scope
  also reaches the old map): the province's dashboard for 2024, its communes drilled down;
- the same page as a national user (a superuser): the nation's dashboard for 2024, by province;
- the reference: a minimal signed-in view in the same run, same client (`_inbox_urls.py`).

Printed: the queries of each page (counted on a warm-up run), the median and best of --repeat
runs (the pages and the reference timed in turn within each run, so that they see the same load),
and the ratio to the minimal view. Target: at most 20 queries and at most 5× the minimal view.

PostgreSQL runs on `danvan_bench_dash` at BENCH_POSTGRES_URL (default
postgres://postgres@127.0.0.1:5432/danvan_bench_dash), SQLite on var/bench/dashboards.sqlite3; both
are dropped at the end unless --reuse, with which a later --reuse run skips the generation.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from _db import run_engines
from _timing import fmt, timed  # bench/ is the script's folder, so it is on sys.path
from inbox import verify_second_factor  # the same verified session as the inbox benchmark's

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/danvan_bench_dash"
BENCH_DIR = ROOT / "var" / "bench"
SQLITE_FILE = BENCH_DIR / "dashboards.sqlite3"
PROVINCE = ("2025", "22")  # today's Quảng Ninh
YEAR = "2024"
MAX_QUERIES, MAX_RATIO = 20, 5.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", action="append", choices=["postgresql", "sqlite"])
    parser.add_argument("--values", type=int, default=10_000_000, help="values of the 2020-2024 reports")
    parser.add_argument("--villages", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--reuse", action="store_true", help="keep the databases, and reuse them if there")
    parser.add_argument("--child", choices=["generate", "measure"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)
    print(
        f"DanVan dashboards benchmark: {args.villages:,} villages, {args.values:,} values; "
        f"{args.repeat} timed runs per figure (median, min)"
    )
    started = time.perf_counter()
    status = run_engines(
        script=str(Path(__file__).resolve()),
        engines=args.engine or ["postgresql", "sqlite"],
        reuse=args.reuse,
        forward=[("values", args.values), ("villages", args.villages), ("repeat", args.repeat)],
        sqlite_file=SQLITE_FILE,
        pg_url=DEFAULT_PG_URL,
        prefix="danvan-bench-dash-",
    )
    print(f"\n(all: {time.perf_counter() - started:.0f} s)")
    return status


# --- the child: one engine, Django set up on DATABASE_URL ------------------------------------


def child(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from danvan.reporting.models import DataValue, RollupCell

    call_command("migrate", interactive=False, verbosity=0)
    print(f"\n== {connection.vendor}, database {connection.settings_dict['NAME']}", flush=True)
    if args.child == "generate":
        import _rollup_data

        existing = DataValue.objects.count()
        if existing >= args.values and RollupCell.objects.exists():
            print(f"reusing {existing:,} values")
            return 0
        if existing:
            raise SystemExit(f"{existing:,} values already there (fewer than --values): drop the database first")
        t0 = time.perf_counter()
        _rollup_data.generate(args.values, args.villages)
        print(f"the roll-up benchmark's dataset in {time.perf_counter() - t0:.0f} s", flush=True)
        return 0
    return measure(args.repeat)


# --- the figures -----------------------------------------------------------------------------


def accounts() -> tuple[Any, Any]:
    """The manager of today's Quảng Ninh and a national user (the dataset's superuser)."""
    from danvan.geo.models import AdminUnit
    from danvan.org.models import Membership, Role, User

    province = AdminUnit.objects.get(era_id=PROVINCE[0], code=PROVINCE[1])
    manager, _ = User.objects.get_or_create(username="bench-dash-manager", defaults={"full_name": "Quản lý tỉnh"})
    Membership.objects.get_or_create(user=manager, role=Role.MANAGER, unit=province)
    national, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"is_superuser": True, "is_staff": True, "full_name": "Quản trị"}
    )
    return manager, national


def measure(repeat: int) -> int:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from danvan.reporting.models import Indicator

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.ROOT_URLCONF = "_inbox_urls"  # DanVan's URLs plus the minimal signed-in view
    manager, national = accounts()
    active = Indicator.objects.filter(active=True)
    print(
        f"{active.count()} active indicators ({active.exclude(source='entered').count()} computed from records); "
        f"period {YEAR}"
    )
    dashboard = "/reports/dashboard/"
    cases = [
        ("province (manager of 2025/22)", manager, f"{dashboard}?era={PROVINCE[0]}&unit={PROVINCE[1]}&period={YEAR}"),
        ("nation (national user)", national, f"{dashboard}?era={PROVINCE[0]}&unit=&period={YEAR}"),
    ]
    status = 0
    results = []
    for label, user, url in cases:
        client = Client()
        client.force_login(user)
        verify_second_factor(client, user)
        pages = (("minimal view", "/bench/minimal/"), ("dashboard", url))
        figures: dict[str, tuple[int, list[float]]] = {}
        print(f"\n{label}: {url}")
        for name, page in pages:
            queries = 0

            def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
                nonlocal queries
                queries += 1
                return execute(sql, params, many, context)

            client.get(page)  # warm-up: periods stored on first use, caches filled
            with connection.execute_wrapper(count):
                response = client.get(page)
            assert response.status_code == 200, (page, response.status_code)
            figures[name] = (queries, [])
        # interleaved, so that the page and its reference see the same load on a shared machine
        for _ in range(repeat):
            for name, page in pages:
                figures[name][1].append(timed(lambda page=page, client=client: client.get(page)))
        ref = statistics.median(figures["minimal view"][1])
        for name, (queries, times) in figures.items():
            ratio = statistics.median(times) / ref
            ok = ""
            if name == "dashboard":
                ok = "ok" if queries <= MAX_QUERIES and ratio <= MAX_RATIO else "MISSED"
                status |= int(ok != "ok")
                results.append((label, queries, statistics.median(times), ref, ratio, ok))
            print(f"  {name:14} {queries:3d} queries  {fmt(times)}  {ratio:5.2f}× {ok}")
    print(f"\n== summary: dashboards against the minimal signed-in view (≤ {MAX_QUERIES} queries, ≤ {MAX_RATIO}×)")
    for label, queries, ours, ref, ratio, ok in results:
        print(f"  {label:30} {queries:3d} queries  {ours * 1000:7.1f} ms / {ref * 1000:6.1f} ms  {ratio:5.2f}× {ok}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
