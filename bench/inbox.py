"""Benchmark of "my work" (the home page, `org.inbox`) on the national dataset, against a minimal signed-in view.

    .venv/bin/python bench/inbox.py [--engine postgresql] [--engine sqlite] [--values 1000000]
                                    [--villages 100000] [--models 200000] [--petitions 200000]
                                    [--repeat 20] [--reuse]

The dataset is the roll-up benchmark's (`_rollup_data.generate`: today's map, 100,000 villages,
yearly approved reports 2020-2024 for every village and the old communes: 500,000 reports), plus,
at national scale: a 2025 report of every commune and every village in every state (draft,
submitted, returned, approved), `--models` models (`bench/initiatives.py`'s generator: every
status, registered ones among them), `--petitions` petitions over today's communes (every open
state, a fifth with a handler, deadlines spread around today) and a dialogue per 20 communes
with promises falling due, and finished imports.

Measured through Django's test `Client`, the real URL, middleware and session included:

- `GET /` ("my work") as the manager of today's Quảng Ninh (province `2025/22`, whose scope also
  reaches the old map) and as a reporter of one of its communes (a few petitions assigned to him);
- `GET /my-work/badge/` (the menu's count) for both;
- the reference: a minimal signed-in view in the same run (`login_required`, renders the base
  template with the menu; the badge there loads on its own request).

Printed: the queries of each (counted on a warm-up run) and the median and best of `--repeat`
runs, and the ratio to the minimal view. Target: at most 15 queries and at most 3× the minimal view.

PostgreSQL runs on `danvan_bench_inbox` at BENCH_POSTGRES_URL (default
postgres://postgres@127.0.0.1:5432/danvan_bench_inbox), SQLite on var/bench/inbox.sqlite3; both are
dropped at the end unless --reuse, with which a later --reuse run skips the generation.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from _db import run_engines
from _timing import fmt, timed  # bench/ is the script's folder, so it is on sys.path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/danvan_bench_inbox"
BENCH_DIR = ROOT / "var" / "bench"
SQLITE_FILE = BENCH_DIR / "inbox.sqlite3"
PROVINCE = ("2025", "22")  # today's Quảng Ninh
MAX_QUERIES, MAX_RATIO = 15, 3.0
STATES = {"draft": 0.35, "submitted": 0.3, "returned": 0.05, "approved": 0.3}
# most petitions of a year are settled; a quarter are open (received, accepted, in progress)
OPEN = {"received": 0.1, "accepted": 0.05, "in_progress": 0.1, "answered": 0.25, "closed": 0.5}
_PHRASES = "đường điện nước rác cống đèn cầu trường đất ruộng khói bụi tiếng ồn hộ nghèo hồ sơ thủ tục"
WORDS = _PHRASES.split(" ")
TOPICS = ["land", "environment", "social-policy", "infrastructure", "security", "procedures"]
KINDS = ["recommendation", "feedback", "complaint", "denunciation"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", action="append", choices=["postgresql", "sqlite"])
    parser.add_argument("--values", type=int, default=1_000_000, help="values of the 2020-2024 reports")
    parser.add_argument("--villages", type=int, default=100_000)
    parser.add_argument("--models", type=int, default=200_000)
    parser.add_argument("--petitions", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument(
        "--random-page-cost",
        type=float,
        default=1.1,
        help="PostgreSQL planner setting for the measured session: 1.1 is the usual one for SSDs (the server's "
        "default, 4, is for spinning disks); 0 keeps the server's",
    )
    parser.add_argument("--reuse", action="store_true", help="keep the databases, and reuse them if there")
    parser.add_argument("--child", choices=["generate", "measure"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)
    print(
        f"DanVan 'my work' benchmark: {args.villages:,} villages, {args.values:,} values, {args.models:,} models, "
        f"{args.petitions:,} petitions; {args.repeat} timed runs per figure (median, min)"
    )
    started = time.perf_counter()
    status = run_engines(
        script=str(Path(__file__).resolve()),
        engines=args.engine or ["postgresql", "sqlite"],
        reuse=args.reuse,
        forward=[
            ("values", args.values),
            ("villages", args.villages),
            ("models", args.models),
            ("petitions", args.petitions),
            ("repeat", args.repeat),
            ("random-page-cost", args.random_page_cost),
        ],
        sqlite_file=SQLITE_FILE,
        pg_url=DEFAULT_PG_URL,
        prefix="danvan-bench-inbox-",
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

    call_command("migrate", interactive=False, verbosity=0)
    print(f"\n== {connection.vendor}, database {connection.settings_dict['NAME']}", flush=True)
    if args.child == "generate":
        from danvan.engagement.models import Petition

        if Petition.objects.exists():
            print(f"reusing {Petition.objects.count():,} petitions and the rest")
            return 0
        generate(args)
        return 0
    return measure(args.repeat, args.random_page_cost)


def log(message: str) -> None:
    print(message, flush=True)


def generate(args: argparse.Namespace) -> None:
    import _rollup_data
    import initiatives as models_bench  # bench/initiatives.py: its generator of models

    from danvan.reporting.models import DataValue

    t0 = time.perf_counter()
    if not DataValue.objects.exists():
        _rollup_data.generate(args.values, args.villages)
    t1 = time.perf_counter()
    log(f"the roll-up benchmark's dataset in {t1 - t0:.0f} s")
    models_bench.generate(args.models)
    rng = random.Random(2026)
    reports_2025(rng)
    petitions(args.petitions, rng)
    accounts_and_imports(rng)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    log(f"generated in {time.perf_counter() - t0:.0f} s")


def _choice(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def reports_2025(rng: random.Random) -> None:
    """Every commune and village of today's map reports 2025, in every state."""
    from django.db import transaction

    from danvan.geo.models import AdminUnit
    from danvan.geo.unit_paths import fill_unit_paths
    from danvan.reporting.models import ReportForm, Submission
    from danvan.reporting.periods import period_get

    t0 = time.perf_counter()
    period = period_get("2025")
    if period.pk is None:
        period.save()
    forms = {f.code: f for f in ReportForm.objects.filter(code__in=["bench-village-year", "bench-commune-year"])}
    ReportForm.objects.filter(pk=forms["bench-commune-year"].pk).update(levels=["commune"])
    units = AdminUnit.objects.filter(era_id="2025", level__in=["commune", "village"]).values_list("pk", "level")
    now = datetime(2026, 1, 10, 8, tzinfo=UTC)
    rows = []
    for pk, level in units.iterator():
        state = _choice(rng, STATES)
        form = forms["bench-commune-year" if level == "commune" else "bench-village-year"]
        sent = state != "draft"
        rows.append(
            Submission(
                form=form,
                unit_id=pk,
                period=period,
                status=state,
                due=period.end + timedelta(days=form.deadline_days),
                submitted_at=now - timedelta(minutes=rng.randrange(60 * 24 * 60)) if sent else None,
                note="Bổ sung số liệu quý IV." if state == "returned" else "",
            )
        )
    with transaction.atomic():
        fill_unit_paths(rows)
        Submission.objects.bulk_create(rows, batch_size=5000)
    log(f"{len(rows):,} reports for 2025 (every state) in {time.perf_counter() - t0:.0f} s")


def petitions(count: int, rng: random.Random) -> None:
    """Petitions over today's communes (their organisations from the models' generator) and dialogue promises."""
    from django.db import transaction

    from danvan.core.text import fold
    from danvan.engagement.models import Dialogue, Petition
    from danvan.geo.models import AdminUnit
    from danvan.geo.unit_paths import fill_unit_paths
    from danvan.org.models import Organization, User

    t0 = time.perf_counter()
    today = datetime.now(tz=UTC).date()
    communes = list(
        AdminUnit.objects.filter(era_id="2025", level="commune").order_by("pk").values_list("pk", flat=True)
    )
    org_of = dict(Organization.objects.filter(unit_id__in=communes).values_list("unit_id", "pk"))
    handlers = list(User.objects.bulk_create([User(username=f"bench-handler-{n}") for n in range(200)]))
    dialogues = Dialogue.objects.bulk_create(
        [
            Dialogue(
                title=f"Cà phê sáng — trao đổi với nhân dân {n}",
                format="morning_coffee",
                held_on=today - timedelta(days=rng.randrange(10, 60)),
                unit_id=unit,
                host_id=org_of[unit],
            )
            for n, unit in enumerate(communes[::20])
        ]
    )
    rows = []
    for n in range(count):
        unit = rng.choice(communes)
        status = _choice(rng, OPEN)
        received = datetime.combine(today - timedelta(days=rng.randrange(0, 120)), datetime.min.time(), UTC)
        accept_due = received.date() + timedelta(days=10)
        settle_due = accept_due + timedelta(days=rng.randrange(20, 60)) if status != "received" else None
        subject = " ".join(rng.choices(WORDS, k=5))
        dialogue = rng.choice(dialogues) if n % 50 == 0 else None
        rows.append(
            Petition(
                tracking_code=f"BENCH-{n:09d}",
                kind="recommendation" if dialogue else rng.choice(KINDS[:2]),
                topic_id=rng.choice(TOPICS),
                unit_id=dialogue.unit_id if dialogue else unit,
                subject=subject,
                text=subject + " — " + " ".join(rng.choices(WORDS, k=30)),
                text_folded=fold(subject),
                source="dialogue" if dialogue else "public_form",
                dialogue=dialogue,
                organization_id=org_of.get(dialogue.unit_id if dialogue else unit),
                handler=rng.choice(handlers) if status != "received" and rng.random() < 0.6 else None,
                status="accepted" if dialogue else status,
                received_at=received,
                accept_due=accept_due,
                settle_due=(today + timedelta(days=rng.randrange(-5, 10))) if dialogue else settle_due,
            )
        )
    with transaction.atomic():
        fill_unit_paths(rows)
        Petition.objects.bulk_create(rows, batch_size=5000)
    log(f"{count:,} petitions, {len(dialogues):,} dialogues in {time.perf_counter() - t0:.0f} s")


def accounts_and_imports(rng: random.Random) -> None:
    from django.utils import timezone

    from danvan.documents.models import ImportJob
    from danvan.engagement.models import Petition
    from danvan.geo.models import AdminUnit
    from danvan.org.models import Membership, Role, User

    province = AdminUnit.objects.get(era_id=PROVINCE[0], code=PROVINCE[1])
    commune = AdminUnit.objects.filter(era_id="2025", level="commune", path__startswith=province.path).order_by("pk")[0]
    manager, _ = User.objects.get_or_create(username="bench-inbox-manager", defaults={"full_name": "Quản lý tỉnh"})
    reporter, _ = User.objects.get_or_create(username="bench-inbox-reporter", defaults={"full_name": "Báo cáo xã"})
    Membership.objects.get_or_create(user=manager, role=Role.MANAGER, unit=province)
    Membership.objects.get_or_create(user=reporter, role=Role.REPORTER, unit=commune)
    open_ = Petition.objects.filter(unit=commune, status__in=["accepted", "in_progress"]).values_list("pk", flat=True)
    Petition.objects.filter(pk__in=list(open_[:8])).update(handler=reporter)
    for user in (manager, reporter):
        for n in range(3):
            ImportJob.objects.create(
                kind="initiatives",
                owner=user,
                original_name=f"mo-hinh-{n}.xlsx",
                file=f"imports/mo-hinh-{n}.xlsx",
                status=rng.choice(["succeeded", "failed"]),
                updated_at=timezone.now(),
            )
    log(f"accounts: {manager.username} ({province.name}), {reporter.username} ({commune.name})")


# --- the figures -----------------------------------------------------------------------------


def measure(repeat: int, random_page_cost: float) -> int:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from danvan.org import inbox
    from danvan.org.models import User

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.ROOT_URLCONF = "_inbox_urls"  # DanVan's URLs plus the minimal signed-in view
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            if random_page_cost:
                cursor.execute(f"SET random_page_cost = {float(random_page_cost)}")
            cursor.execute("SHOW random_page_cost")
            print(f"random_page_cost = {cursor.fetchone()[0]}")
    status = 0
    results = []
    for username in ("bench-inbox-manager", "bench-inbox-reporter"):
        user = User.objects.get(username=username)
        client = Client()
        client.force_login(user)
        verify_second_factor(client, user)
        counts = {k: v for k, v in inbox.counts(user).items() if v}
        print(f"\n{username}: {counts}")
        pages = (("minimal view", "/bench/minimal/"), ("my work (/)", "/"), ("badge", "/my-work/badge/"))
        figures: dict[str, tuple[int, list[float]]] = {}
        for label, url in pages:
            queries = 0

            def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
                nonlocal queries
                queries += 1
                return execute(sql, params, many, context)

            with connection.execute_wrapper(count):
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            figures[label] = (queries, [])
        # interleaved, so that the page and its reference see the same load on a shared machine
        for _ in range(repeat):
            for label, url in pages:
                figures[label][1].append(timed(lambda url=url, client=client: client.get(url)))
        ref = statistics.median(figures["minimal view"][1])
        for label, (queries, times) in figures.items():
            ratio = statistics.median(times) / ref
            ok = ""
            if label == "my work (/)":
                ok = "ok" if queries <= MAX_QUERIES and ratio <= MAX_RATIO else "MISSED"
                status |= int(ok != "ok")
                results.append((username, queries, statistics.median(times), ref, ratio, ok))
            print(f"  {label:14} {queries:3d} queries  {fmt(times)}  {ratio:5.2f}× {ok}")
    print(f"\n== summary: my work against the minimal signed-in view (≤ {MAX_QUERIES} queries, ≤ {MAX_RATIO}×)")
    for username, queries, ours, ref, ratio, ok in results:
        print(f"  {username:22} {queries:3d} queries  {ours * 1000:7.1f} ms / {ref * 1000:6.1f} ms  {ratio:5.2f}× {ok}")
    return status


def verify_second_factor(client: Any, user: Any) -> None:
    """A signed-in official's session has passed the one-time code (required for managers in production):
    django-otp's middleware then loads the device on every request, the minimal view's included."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


if __name__ == "__main__":
    raise SystemExit(main())
