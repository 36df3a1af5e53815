"""The public portal under gunicorn: requests per second on its pages against a minimal Django view.

The demo data (`danvan demo --no-serve`, with its published models and stories) in a SQLite
database of its own (or PostgreSQL with `--database-url`), served by gunicorn exactly as
`danvan serve` does (production settings: DEBUG off, cached templates), with `wrk` (Debian's
package) on loopback as the load generator. Each page and the reference — a view that answers a
few bytes through the same middleware and server, with no template and no query — are loaded in
turn, round after round, so that they see the same machine; the figure is the median of the
rounds' requests per second and its ratio to the reference's (target: at least 0.8).

    .venv/bin/python bench/portal.py                       # about 3 minutes
    .venv/bin/python bench/portal.py --rounds 5 --duration 10 --connections 32
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=8, help="seconds of load per page and round")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (the machine's cores)")
    parser.add_argument("--home", help="DANVAN_HOME to keep and reuse (default: a temporary one)")
    parser.add_argument("--database-url", help="PostgreSQL instead of the demo's SQLite (must be empty or the demo's)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is missing: sudo apt-get install wrk (Debian's package)", file=sys.stderr)
        return 2
    home = Path(args.home or tempfile.mkdtemp(prefix="danvan-bench-portal-")).resolve()
    env = {
        **os.environ,
        "DANVAN_HOME": str(home),
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-not-secret-bench-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONPATH": os.pathsep.join([str(BENCH), str(ROOT)]),
    }
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    python = sys.executable
    started = time.perf_counter()
    demo = [python, "-m", "danvan", "demo", "--no-serve"]
    subprocess.run(demo, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603 - our own command
    print(f"demo data in {time.perf_counter() - started:.0f} s ({home})")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = [python, "-m", "gunicorn", "danvan.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    gunicorn += ["--workers", str(args.workers), "--access-logfile", "/dev/null"]
    gunicorn += ["--error-logfile", str(home / "gunicorn.log")]
    server = subprocess.Popen(gunicorn, env={**env, "DJANGO_SETTINGS_MODULE": "_portal_settings"})  # noqa: S603
    try:
        _wait(base + "/bench/minimal/")
        pages = _pages(base, home, args.database_url)
        for name, url, needle in pages:
            body = _get(url)
            if needle not in body:
                raise SystemExit(f"{name}: {url} does not show {needle!r}")
        print(
            f"gunicorn, {args.workers} workers; wrk, {args.connections} connections, {args.duration} s per page "
            f"and round, {args.rounds} rounds (median)"
        )
        rates: dict[str, list[float]] = {name: [] for name, _url, _n in pages}
        for _round in range(args.rounds):
            for name, url, _needle in pages:
                rates[name].append(_wrk(url, args.duration, args.connections))
        reference = statistics.median(rates["minimal view"])
        print(f"\n{'page':<28}{'req/s':>10}{'ratio':>8}")
        for name, _url, _needle in pages:
            rate = statistics.median(rates[name])
            print(f"{name:<28}{rate:>10.0f}{rate / reference:>8.2f}")
        print("\ntarget: each page at least 0.80 of the minimal view")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        if not args.home:
            shutil.rmtree(home, ignore_errors=True)
    return 0


def _pages(base: str, home: Path, database_url: str | None) -> list[tuple[str, str, str]]:
    """(name, address, a text the page must show): the reference first, then the portal's pages."""
    pages = [("minimal view", f"{base}/bench/minimal/", "Dân vận khéo"), ("home (vi)", f"{base}/vi/", "<h1")]
    model = _a_public_model(home, database_url)
    if model:
        pages.append(("model page (vi)", f"{base}/vi/models/{model}/", "<h1"))
    else:
        print("no published model in the demo data: the model page is not measured")
    pages.append(("petition form (vi), no target", f"{base}/vi/petition/", "<form"))
    return pages


def _a_public_model(home: Path, database_url: str | None) -> int | None:
    sql = (
        "SELECT i.id FROM portal_publication p JOIN initiatives_initiative i ON i.id = p.initiative_id "
        "WHERE p.published_at IS NOT NULL AND i.status IN ('recognised', 'typical', 'commended') ORDER BY i.id LIMIT 1"
    )
    try:
        if database_url:
            import psycopg

            with psycopg.connect(database_url.replace("postgres://", "postgresql://")) as conn:
                row = conn.execute(sql).fetchone()
        else:
            with sqlite3.connect(home / "danvan.sqlite3") as conn:
                row = conn.execute(sql).fetchone()
    except Exception:
        return None
    return int(row[0]) if row else None


def _wrk(url: str, duration: int, connections: int) -> float:
    wrk = shutil.which("wrk") or "wrk"
    command = [wrk, "-t2", f"-c{connections}", f"-d{duration}s", url]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603 - loopback
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} error answers under load\n{out}")
    match = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if not match:
        raise SystemExit(f"wrk printed no rate:\n{out}")
    return float(match.group(1))


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our own server on loopback
        return response.read().decode()


def _wait(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            _get(url)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


if __name__ == "__main__":
    sys.exit(main())
