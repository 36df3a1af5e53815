"""No acknowledged petition is ever lost: public submissions to a real server, then a count.

For each engine (SQLite, then PostgreSQL) this starts a real DanVan server in a fresh home —
`danvan migrate`, `danvan loadmap`, then `danvan serve` (gunicorn, `--workers`, default 2) — with
the rate limit raised through `DANVAN_PETITION_RATE`. A second process then POSTs petitions to
the public endpoint `/api/v1/petitions/` from `--clients` threads (default 8) for `--seconds`
(default 20), spread over 200 wards of today's map with varied texts (so the duplicate check runs
as it would), and keeps every tracking code the server acknowledged (201). Afterwards the
database is read directly: every acknowledged code must be there.

It prints the throughput (acknowledged per second), the latency (median, 95th percentile), the
answers that were not 201 by status, and the count lost (the goal: 0). The reference for the
throughput is `/healthz` hit the same way in the same run (a request that touches no table):
the ratio says what filing a petition costs over the bare request path.

    .venv/bin/python bench/petitions.py                         # both engines, about 3 minutes
    .venv/bin/python bench/petitions.py --engine sqlite --seconds 10
    BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/danvan_bench_petitions .venv/bin/python bench/petitions.py
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import random
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

from _db import recreate_pg  # bench/ is the script's folder, so it is on sys.path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/danvan_bench_petitions"
KINDS = ["recommendation", "feedback", "complaint", "denunciation"]
TOPICS = ["land", "environment", "social-policy", "infrastructure", "security", "procedures"]
_PHRASES = (
    "đường điện nước rác cống đèn cầu trường trạm y tế đất ruộng bãi than khói bụi tiếng ồn karaoke "
    "hộ nghèo nhà tốc mái bão lũ sạt lở hồ sơ thủ tục giấy chứng nhận bồi thường thu hồi lấn chiếm"
)
WORDS = _PHRASES.split(" ")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engine", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    engines = ["sqlite", "postgresql"] if args.engine == "both" else [args.engine]
    status = 0
    for engine in engines:
        url = None
        if engine == "postgresql":
            url = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_PG_URL)
            try:
                recreate_pg(url)
            except Exception as exc:  # no server: say so and skip
                print(f"\n[postgresql] skipped: {exc}")
                continue
        try:
            lost = run_engine(engine, url, args)
            status |= int(lost != 0)
        finally:
            if url:
                with contextlib.suppress(Exception):
                    recreate_pg(url, create=False)
    return status


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_engine(engine: str, url: str | None, args: argparse.Namespace) -> int:
    home = Path(tempfile.mkdtemp(prefix=f"danvan-bench-petitions-{engine}-"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"DANVAN_HOME": str(home), "DANVAN_PETITION_RATE": "100000000/60", "PYTHONUNBUFFERED": "1"}
    env.setdefault("SECRET_KEY", "bench-only-not-secret")  # a production-like start needs a key
    if url:
        env["DATABASE_URL"] = url
    danvan = [sys.executable, "-m", "danvan"]
    print(f"\n[{engine}] setting up {home} …", flush=True)
    for cmd in (["migrate", "-v0"], ["loadmap"]):
        subprocess.run(danvan + cmd, env=env, cwd=home, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    wards = _wards(engine, url, home)
    port = _free_port()
    log = (home / "server.log").open("wb")
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [*danvan, "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers)],
        env=env,
        cwd=home,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base + "/healthz", server)
        ref = _drive(base, "healthz", wards, args.seconds / 2, args.clients)
        run = _drive(base, "petitions", wards, args.seconds, args.clients)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    codes = run["codes"]
    stored = _stored(engine, url, home, codes)
    lost = len(set(codes) - stored)
    rate = len(codes) / run["elapsed"]
    ref_rate = ref["ok"] / ref["elapsed"]
    lat = sorted(run["latencies"])
    p95 = lat[int(0.95 * (len(lat) - 1))] if lat else 0.0
    print(f"[{engine}] {args.workers} gunicorn workers, {args.clients} client threads, {run['elapsed']:.1f} s")
    ratio = ref_rate / rate if rate else 0.0
    median = statistics.median(lat) * 1000 if lat else 0.0
    print(f"[{engine}] acknowledged  {len(codes):7d}   {rate:8.1f} /s   (healthz {ref_rate:8.1f} /s: {ratio:5.1f}×)")
    print(f"[{engine}] latency       median {median:7.1f} ms   p95 {p95 * 1000:7.1f} ms")
    print(f"[{engine}] not 201       {dict(run['others']) or 0}")
    print(f"[{engine}] in database   {len(stored):7d}   LOST {lost}")
    return lost


def _wait(url: str, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}")
        with (
            contextlib.suppress(urllib.error.URLError, ConnectionError, TimeoutError),
            urllib.request.urlopen(url, timeout=5) as response,  # noqa: S310 - our own http://127.0.0.1
        ):
            if response.status == 200:
                return
        time.sleep(0.3)
    raise SystemExit(f"{url} did not answer")


def _connect(engine: str, url: str | None, home: Path) -> Any:
    if engine == "sqlite":
        return sqlite3.connect(home / "danvan.sqlite3")
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    params = {"host": cfg["HOST"], "port": cfg["PORT"], "user": cfg["USER"], "password": cfg["PASSWORD"]}
    return psycopg.connect(dbname=cfg["NAME"], **{k: v for k, v in params.items() if v})


def _wards(engine: str, url: str | None, home: Path) -> list[str]:
    conn = _connect(engine, url, home)
    try:
        rows = conn.execute(
            "SELECT era_id, code FROM geo_adminunit WHERE era_id = '2025' AND level = 'commune' ORDER BY path"
        ).fetchall()
    finally:
        conn.close()
    random.Random(7).shuffle(rows)
    return [f"{era}/{code}" for era, code in rows[:200]]


def _stored(engine: str, url: str | None, home: Path, codes: list[str]) -> set[str]:
    conn = _connect(engine, url, home)
    try:
        return {row[0] for row in conn.execute("SELECT tracking_code FROM engagement_petition").fetchall()} & set(codes)
    finally:
        conn.close()


# --- the load: a second process, several threads ------------------------------------------------


def _drive(base: str, what: str, wards: list[str], seconds: float, clients: int) -> dict[str, Any]:
    """Run the clients in a child process (not this one, which started the server) and collect."""
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:
        return pool.apply(_load, (base, what, wards, seconds, clients))


def _load(base: str, what: str, wards: list[str], seconds: float, clients: int) -> dict[str, Any]:
    codes: list[str] = []
    latencies: list[float] = []
    others: Counter[str] = Counter()
    ok = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(n: int) -> None:
        nonlocal ok
        rng = random.Random(n)
        while time.monotonic() < stop:
            if what == "healthz":
                request = urllib.request.Request(base + "/healthz")  # noqa: S310 - our own http://127.0.0.1
            else:
                kind = rng.choice(KINDS)
                body = {
                    "kind": kind,
                    "unit": rng.choice(wards),
                    "topic": rng.choice(TOPICS),
                    "subject": " ".join(rng.choices(WORDS, k=5)),
                    "text": " ".join(rng.choices(WORDS, k=40)) + f" #{n}-{rng.random()}",
                    "sender": {"full_name": "Người gửi thử", "phone": "0900000000", "consent": True},
                }
                request = urllib.request.Request(  # noqa: S310 - our own http://127.0.0.1
                    base + "/api/v1/petitions/",
                    data=json.dumps(body).encode(),
                    headers={"Content-Type": "application/json"},
                    method="POST",
                )
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - our own server
                    payload = response.read()
                    status = response.status
            except urllib.error.HTTPError as exc:
                status, payload = exc.code, b""
            except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
                with lock:
                    others[type(exc).__name__] += 1
                continue
            elapsed = time.perf_counter() - start
            with lock:
                if what == "healthz" and status == 200:
                    ok += 1
                elif status == 201:
                    codes.append(json.loads(payload)["tracking_code"])
                    latencies.append(elapsed)
                else:
                    others[str(status)] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {
        "codes": codes,
        "latencies": latencies,
        "others": others,
        "ok": ok,
        "elapsed": time.monotonic() - started,
    }


if __name__ == "__main__":
    raise SystemExit(main())
