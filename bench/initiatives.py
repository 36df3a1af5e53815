"""Benchmark of the models' API on 500,000 models: lists, search, filters and statistics.

    .venv/bin/python bench/initiatives.py [--engine sqlite] [--engine postgresql] [--models 500000]
                                          [--repeat 5] [--reuse]

The models are generated once per engine with `bulk_create`, spread over the communes of both
maps the way the work is: years 2021-2025 (up to mid-2025 on the 2024 map, then on today's),
some provinces far busier than others, realistic fields, statuses and Vietnamese names, and the
folded `search_text` built by the service's own `_refresh_search`. Each figure is a real request
through Django's test `Client` to the real URL (token authentication, the access policy, the
shared filter form, the selector, pagination with its count, the serializer) and is printed as a
ratio against the equivalent hand-written SQL on the raw DB-API cursor, measured in the same run
on the same database:

- list, page 1 with its count, as the manager of today's Quảng Ninh (2025/22, whose scope also
  covers the old Quảng Ninh, 2024/22): reference `SELECT COUNT(*)` and `SELECT <the columns shown>
  ... ORDER BY year DESC, name, id LIMIT 100` with the same scope WHERE;
- the same with `q` (diacritics left out; a common phrase and a rare one) and with `field` +
  `year`; `q` also as a national administrator, over the whole country;
- statistics of the province on today's map (old records counted through `latest_path`) and of
  the whole country: reference one `GROUP BY status, field, kind`.

Medians of --repeat runs after one warm-up run (which also counts the queries). SQLite runs on a
temporary file; PostgreSQL on a database `danvan_bench_init` at BENCH_POSTGRES_URL (default
postgres://postgres@127.0.0.1:5432/danvan_bench_init), created for the run and dropped after.
With --reuse both are kept (SQLite under the temporary directory, as danvan-bench-initiatives.sqlite3)
and a later --reuse run skips the generation. On PostgreSQL, if the trigram index of migration
initiatives 0003 exists, the search figures are also measured without it (dropped, then rebuilt),
to show what it brings. Each engine runs in its own process: Django reads DATABASE_URL once.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import accumulate
from pathlib import Path
from typing import Any

from _db import recreate_pg
from _timing import counted, fmt, timed  # bench/ is the script's folder, so it is on sys.path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/danvan_bench_init"
REUSED_SQLITE = Path(tempfile.gettempdir()) / "danvan-bench-initiatives.sqlite3"
PROVINCE = ("2025", "22")  # the manager's scope: today's Quảng Ninh (and so the old one)
QUERY = "nha dai doan ket"  # "nhà đại đoàn kết", typed without diacritics: one model in 22 has it
NARROW = "mao khe"  # a ward of Quảng Ninh (Mạo Khê): a few dozen models
TRGM_INDEX = "initiatives_search_trgm"


# --- the parent: one child process per engine ------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", action="append", choices=["sqlite", "postgresql"])
    parser.add_argument("--models", type=int, default=500_000, help="models to generate")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (median printed)")
    parser.add_argument("--reuse", action="store_true", help="keep the databases, and reuse them if there")
    parser.add_argument("--child", choices=["generate", "measure"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.models, args.repeat)

    print(f"DanVan models benchmark: {args.models:,} models, {args.repeat} timed runs per figure (median, min)")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="danvan-bench-") as tmp:
        envs: dict[str, dict[str, str]] = {}
        for engine in args.engine or ["sqlite", "postgresql"]:
            home = Path(tmp) / engine
            env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
            env.update({"DANVAN_HOME": str(home), "DJANGO_SETTINGS_MODULE": "danvan.settings", "PYTHONUNBUFFERED": "1"})
            env.setdefault("SECRET_KEY", "bench-only-not-secret")  # a production-like start needs a key
            if engine == "sqlite":
                path = REUSED_SQLITE if args.reuse else home / "bench.sqlite3"
                env["DATABASE_URL"] = f"sqlite:///{path}"
            else:
                env["DATABASE_URL"] = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_PG_URL)
                try:
                    recreate_pg(env["DATABASE_URL"], drop=not args.reuse)
                except Exception as exc:  # no PostgreSQL here: say so and go on
                    print(f"\n== postgresql: skipped, cannot create the bench database: {exc}")
                    continue
            envs[engine] = env
        try:
            # the engines generate side by side (one core each); the figures are then taken one engine at a time
            generating = {e: child_process(env, args, "generate") for e, env in envs.items()}
            status = 0
            for process in generating.values():
                out, _err = process.communicate()
                print(f"\n{out.rstrip()}")
                status |= process.returncode
            print(f"   (generation: {time.perf_counter() - started:.0f} s)")
            for env in envs.values():
                print()
                status |= child_process(env, args, "measure", capture=False).wait()
        finally:
            if "postgresql" in envs and not args.reuse:
                recreate_pg(envs["postgresql"]["DATABASE_URL"], create=False)
    print(f"\n(all: {time.perf_counter() - started:.0f} s)")
    return status


def child_process(env: dict[str, str], args: argparse.Namespace, phase: str, *, capture: bool = True) -> Any:
    Path(env["DANVAN_HOME"]).mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", phase, "--models", str(args.models)]
    cmd += ["--repeat", str(args.repeat)]
    output, errors = (subprocess.PIPE, subprocess.STDOUT) if capture else (None, None)
    return subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=output, stderr=errors, text=True)  # noqa: S603 - our own script


# --- the child: one engine, Django set up on DATABASE_URL ------------------------------------


def child(phase: str, models: int, repeat: int) -> int:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from danvan.initiatives.models import Initiative

    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every request otherwise
    call_command("migrate", interactive=False, verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW server_version")
        version = cursor.fetchone()[0]
    print(f"== {connection.vendor} {version}, database {connection.settings_dict['NAME']}")
    if phase == "generate":
        existing = Initiative.objects.count()
        if existing >= models:
            print(f"reusing {existing:,} models")
        else:
            generate(models)
        return 0
    manager, admin = accounts()
    bench_requests(manager, admin, repeat)
    return 0


# --- generation ------------------------------------------------------------------------------

TOPICS = [
    ("economic", "Tổ hợp tác trồng rau an toàn"),
    ("economic", "Hỗ trợ đồng bào chăn nuôi bò sinh sản"),
    ("economic", "Vận động Nhân dân hiến đất làm đường giao thông nông thôn"),
    ("economic", "Tổ tiết kiệm và vay vốn giúp nhau thoát nghèo"),
    ("economic", "Chuyển đổi cây trồng kém hiệu quả"),
    ("economic", "Cựu chiến binh giúp nhau làm kinh tế vườn"),
    ("economic", "Phụ nữ khởi nghiệp với sản phẩm OCOP"),
    ("economic", "Thắp sáng đường quê"),
    ("cultural_social", "Xây dựng nhà Đại đoàn kết cho hộ nghèo"),
    ("cultural_social", "Tuyến phố tự quản xanh – sạch – đẹp"),
    ("cultural_social", "Tủ sách cộng đồng"),
    ("cultural_social", "Phân loại rác thải tại nguồn"),
    ("cultural_social", "Heo đất an sinh xã hội"),
    ("cultural_social", "Cà phê sáng – trao đổi cùng Nhân dân"),
    ("cultural_social", "Nhà trọ nhân ái, nghĩa tình"),
    ("cultural_social", "Thu gom rác ban đêm"),
    ("cultural_social", "5 không, 3 sạch"),
    ("defence_security", "Tổ tự quản an ninh trật tự"),
    ("defence_security", "Camera an ninh kết nối khu dân cư"),
    ("defence_security", "Người có uy tín giữ gìn an ninh vùng đồng bào dân tộc thiểu số"),
    ("party_building", "Câu lạc bộ lý luận trẻ"),
    ("party_building", "Gần đoàn viên, sát cơ sở"),
]
FIELD_WEIGHTS = {"economic": 38, "cultural_social": 40, "defence_security": 14, "party_building": 8}
STATUS_WEIGHTS = {
    "draft": 8,
    "registered": 25,
    "recognised": 40,
    "typical": 12,
    "commended": 5,
    "returned": 3,
    "discontinued": 7,
}
YEAR_WEIGHTS = {2021: 12, 2022: 16, 2023: 20, 2024: 27, 2025: 25}
CONTENT = [
    "Vận động Nhân dân cùng bàn, cùng làm, cùng kiểm tra, cùng hưởng thụ.",
    "Cán bộ, đảng viên gương mẫu đi đầu; Mặt trận và các đoàn thể phối hợp thực hiện.",
    "Huy động nguồn lực xã hội hóa, Nhân dân đóng góp ngày công và tiền của.",
    "Lắng nghe, tiếp thu ý kiến, kiến nghị của Nhân dân và giải quyết kịp thời.",
]


def generate(models: int) -> None:
    from django.db import connection, transaction

    from danvan.core.text import fold
    from danvan.geo.models import AdminUnit
    from danvan.geo.services import map_load
    from danvan.geo.unit_paths import fill_unit_paths
    from danvan.initiatives.models import Initiative
    from danvan.initiatives.services import _refresh_search
    from danvan.org.models import Organization, OrganizationKind, Person

    t0 = time.perf_counter()
    if not AdminUnit.objects.exists():
        map_load()
    rng = random.Random(2025)  # the same models on every engine and every run
    # in insertion order, the same on every engine (ordering by path would follow the database's collation)
    communes = {
        era: list(AdminUnit.objects.filter(era_id=era, level="commune").order_by("pk")) for era in ("2024", "2025")
    }
    mttq = OrganizationKind.objects.get(code="mttq")
    with transaction.atomic():
        orgs = Organization.objects.bulk_create(
            [
                Organization(kind=mttq, unit=u, name=name, name_ascii=fold(name))
                for era in communes
                for u in communes[era]
                for name in [f"Ủy ban MTTQ Việt Nam {u.name}"]
            ],
            batch_size=2000,
        )
        people = Person.objects.bulk_create(
            [Person(full_name=f"Người có uy tín {n}", organization=orgs[n * 37]) for n in range(300)]
        )
    org_of = {o.unit_id: o for o in orgs}
    # some provinces report far more than others (Tuyên Quang: 7,604 models in 2024)
    provinces = sorted({u.path.split("/")[1] for era in communes for u in communes[era]})
    busy = {p: rng.choice([0.3, 0.6, 1, 1, 1.5, 3]) for p in provinces}
    cumulative = {era: list(accumulate(busy[u.path.split("/")[1]] for u in communes[era])) for era in communes}
    fields, field_w = list(FIELD_WEIGHTS), list(FIELD_WEIGHTS.values())
    statuses, status_w = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    years, year_w = list(YEAR_WEIGHTS), list(YEAR_WEIGHTS.values())
    topics = {f: [t for g, t in TOPICS if g == f] for f in FIELD_WEIGHTS}
    # search_text as services._refresh_search builds it: " " + fold(the texts, organisation, unit) + " ".
    # fold() works letter by letter and squeezes spaces, so the folded pieces are cached and joined;
    # the first rows are checked against _refresh_search itself.
    folded: dict[str, str] = {}

    def f(text: str) -> str:
        if text not in folded:
            folded[text] = fold(text)
        return folded[text]

    t1 = time.perf_counter()
    made = 0
    while made < models:
        batch = []
        for _ in range(min(10_000, models - made)):
            year = rng.choices(years, year_w)[0]
            era = "2025" if year == 2025 and rng.random() < 0.5 else "2024"
            place = rng.choices(communes[era], cum_weights=cumulative[era])[0]
            field = rng.choices(fields, field_w)[0]
            topic, content, org = rng.choice(topics[field]), rng.choice(CONTENT), org_of[place.pk]
            person = rng.choice(people) if rng.random() < 0.04 else None
            batch.append(
                Initiative(
                    name=f"{topic} {place.name}",
                    content=content,
                    field=field,
                    kind="collective" if person is None else "individual",
                    person_id=None if person is None else person.pk,
                    organization_id=org.pk,
                    unit_id=place.pk,
                    year=year,
                    status=rng.choices(statuses, status_w)[0],
                    money_vnd=rng.randrange(0, 500) * 1_000_000 if rng.random() < 0.5 else None,
                    search_text=f" {f(topic)} {f(place.name)} {f(content)} {f(org.name)} {f(place.name)} ",
                )
            )
            if made + len(batch) <= 200:  # the same as the service would write
                check = Initiative(
                    **{k: getattr(batch[-1], k) for k in ("name", "content")}, organization=org, unit=place
                )
                _refresh_search(check)
                assert check.search_text == batch[-1].search_text, (check.search_text, batch[-1].search_text)
        with transaction.atomic():
            fill_unit_paths(batch)
            Initiative.objects.bulk_create(batch, batch_size=2000)
        made += len(batch)
    t2 = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"generated {models:,} models in {t2 - t1:.0f} s ({models / (t2 - t1):,.0f}/s), "
        f"{len(orgs):,} organisations; map and set-up {t1 - t0:.0f} s, ANALYZE {time.perf_counter() - t2:.0f} s"
    )


def accounts() -> tuple[Any, Any]:
    from rest_framework.authtoken.models import Token

    from danvan.geo.models import AdminUnit
    from danvan.org.models import Membership, Role, User

    manager, _ = User.objects.get_or_create(username="bench-manager")
    Membership.objects.get_or_create(
        user=manager, role=Role.MANAGER, unit=AdminUnit.objects.get(era_id=PROVINCE[0], code=PROVINCE[1])
    )
    admin, _ = User.objects.get_or_create(username="bench-admin", defaults={"is_superuser": True, "is_staff": True})
    for user in (manager, admin):
        Token.objects.get_or_create(user=user)
    return manager, admin


# --- the figures -----------------------------------------------------------------------------


def bench_requests(manager: Any, admin: Any, repeat: int) -> None:
    from django.db import connection
    from django.test import Client
    from rest_framework.authtoken.models import Token

    from danvan.geo.models import AdminUnit
    from danvan.geo.selectors import unit_equivalents
    from danvan.initiatives.models import Initiative

    province = AdminUnit.objects.get(era_id=PROVINCE[0], code=PROVINCE[1])
    scope_paths = [province.path, *(u.path for u in unit_equivalents(province))]
    mark = "?" if connection.vendor == "sqlite" else "%s"
    scope_sql = "(" + " OR ".join([f"u.path LIKE {mark} ESCAPE '\\'"] * len(scope_paths)) + ")"
    scope_params = [p + "%" for p in scope_paths]

    def search(query: str) -> tuple[str, list[str]]:
        words = query.split()
        return " AND ".join([f"i.search_text LIKE {mark} ESCAPE '\\'"] * len(words)), [f"% {w}%" for w in words]

    search_sql, search_params = search(QUERY)
    narrow_sql, narrow_params = search(NARROW)
    columns = (
        "i.id, i.name, i.field, i.kind, i.status, i.year, i.created_at, i.updated_at, "
        "u.era_id, u.code, u.level, u.name, o.id, o.name, o.kind_id"
    )
    joins = (
        "FROM initiatives_initiative i JOIN geo_adminunit u ON u.id = i.unit_id "
        "JOIN org_organization o ON o.id = i.organization_id"
    )

    def page_reference(where: str, params: list[Any]) -> Callable[[], int]:
        def run() -> int:
            cursor = connection.connection.cursor()
            cursor.execute(f"SELECT COUNT(*) {joins} WHERE {where}", params)
            count = cursor.fetchone()[0]
            cursor.execute(
                f"SELECT {columns} {joins} WHERE {where} ORDER BY i.year DESC, i.name, i.id LIMIT 100", params
            )
            cursor.fetchall()
            cursor.close()
            return count

        return run

    def stats_reference(where: str, params: list[Any]) -> Callable[[], int]:
        def run() -> int:
            cursor = connection.connection.cursor()
            cursor.execute(
                f"SELECT i.status, i.field, i.kind, COUNT(*) FROM initiatives_initiative i "
                f"JOIN geo_adminunit u ON u.id = i.unit_id WHERE {where} GROUP BY i.status, i.field, i.kind",
                params,
            )
            rows = cursor.fetchall()
            cursor.close()
            return sum(n for status, *_rest, n in rows if status not in ("draft", "returned", "discontinued"))

        return run

    clients = {}
    for user in (manager, admin):
        client = Client()
        client.defaults["HTTP_AUTHORIZATION"] = f"Token {Token.objects.get(user=user).key}"
        clients[user.username] = client

    latest = f"u.latest_path LIKE {mark} ESCAPE '\\'"
    cases = [
        (
            "list, page 1 + count (manager)",
            manager,
            "/api/v1/initiatives/",
            {},
            page_reference(scope_sql, scope_params),
        ),
        (
            f"list q={QUERY!r} (manager)",
            manager,
            "/api/v1/initiatives/",
            {"q": QUERY},
            page_reference(f"{scope_sql} AND {search_sql}", scope_params + search_params),
        ),
        (
            "list field=economic&year=2024 (manager)",
            manager,
            "/api/v1/initiatives/",
            {"field": "economic", "year": 2024},
            page_reference(f"{scope_sql} AND i.field = {mark} AND i.year = {mark}", [*scope_params, "economic", 2024]),
        ),
        (
            f"list q={QUERY!r} (nation)",
            admin,
            "/api/v1/initiatives/",
            {"q": QUERY},
            page_reference(search_sql, search_params),
        ),
        (
            f"list q={NARROW!r} (manager)",
            manager,
            "/api/v1/initiatives/",
            {"q": NARROW},
            page_reference(f"{scope_sql} AND {narrow_sql}", scope_params + narrow_params),
        ),
        (
            f"list q={NARROW!r} (nation)",
            admin,
            "/api/v1/initiatives/",
            {"q": NARROW},
            page_reference(narrow_sql, narrow_params),
        ),
        (
            "stats unit=2025/22&year=2024 (manager)",
            manager,
            "/api/v1/initiatives/stats/",
            {"unit": "2025/22", "year": 2024},
            stats_reference(
                f"{scope_sql} AND {latest} AND i.year = {mark}", [*scope_params, province.path + "%", 2024]
            ),
        ),
        (
            "stats era=2025&year=2024 (nation)",
            admin,
            "/api/v1/initiatives/stats/",
            {"era": "2025", "year": 2024},
            stats_reference(f"i.year = {mark}", [2024]),
        ),
    ]
    total = Initiative.objects.count()
    print(f"requests on {total:,} models; the manager's scope: {', '.join(scope_paths)}")
    print(f"  {'':42} {'median':>11} {'min':>11}  queries   rows  ratio")
    searches = []
    for label, user, url, params, reference in cases:
        client = clients[user.username]

        def request(client: Any = client, url: str = url, params: dict[str, Any] = params) -> Any:
            response = client.get(url, params)
            assert response.status_code == 200, response.content[:500]
            return response.json()

        body = request()
        got = body["count"] if "count" in body else body["total"]
        expected = reference()
        assert got == expected, (label, got, expected)
        queries = counted(request)
        ref = [timed(reference) for _ in range(repeat)]
        ours = [timed(request) for _ in range(repeat)]
        ratio = statistics.median(ours) / statistics.median(ref)
        print(f"  {label:42} {fmt(ours)}  {queries:7d}  {got:5d}  {ratio:5.1f}x")
        print(f"  {'  reference: raw SQL':42} {fmt(ref)}  {2 if 'count' in body else 1:7d}")
        if "q" in params:
            searches.append((label, request, reference))
    if connection.vendor == "postgresql":
        without_trigram_index(searches, repeat)


def without_trigram_index(searches: list[tuple[str, Any, Any]], repeat: int) -> None:
    """The search figures again without the pg_trgm index (dropped, measured, rebuilt)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [TRGM_INDEX])
        row = cursor.fetchone()
    if row is None:
        print(f"  (no {TRGM_INDEX} index: the figures above are without it)")
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX {TRGM_INDEX}")
        cursor.execute("ANALYZE initiatives_initiative")
    try:
        print(f"  without the trigram index {TRGM_INDEX}:")
        for label, request, reference in searches:
            ref = [timed(reference) for _ in range(repeat)]
            ours = [timed(request) for _ in range(repeat)]
            ratio = statistics.median(ours) / statistics.median(ref)
            print(f"  {label:42} {fmt(ours)}  {'':7}  {'':5}  {ratio:5.1f}x")
            print(f"  {'  reference: raw SQL':42} {fmt(ref)}")
    finally:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(row[0])
            cursor.execute("ANALYZE initiatives_initiative")
        print(f"  (index rebuilt in {time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    sys.exit(main())
