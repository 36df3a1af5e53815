"""Behind a REAL reverse proxy: two citizens reaching DanVan through nginx land in two rate buckets.

Debian's nginx listens on 127.0.0.1 and proxies to `danvan serve` (gunicorn, the production server,
with `DANVAN_TRUSTED_PROXIES=127.0.0.1`), setting `X-Forwarded-For` from the address it sees. The
two citizens connect from 127.0.0.2 and 127.0.0.3 (the whole of 127/8 is loopback). The sixth
petition of the first is refused with 429 and `Retry-After`, even when he writes his own
`X-Forwarded-For`; the second still files his.

The server is a process of its own on a fresh SQLite home (migrated, map loaded), never the test
database: a live server in this process would empty the session's map when it flushes.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
START_TIMEOUT = 180

pytestmark = pytest.mark.slow

NGINX_CONF = """
daemon off;
master_process off;
worker_processes 1;
pid {home}/nginx.pid;
error_log {home}/nginx-error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log {home}/nginx-access.log;
    client_body_temp_path {home}/nginx-body;
    proxy_temp_path {home}/nginx-proxy;
    fastcgi_temp_path {home}/nginx-fastcgi;
    uwsgi_temp_path {home}/nginx-uwsgi;
    scgi_temp_path {home}/nginx-scgi;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://127.0.0.1:{app_port};
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
        }}
    }}
}}
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _nginx_or_skip() -> None:
    if Path(NGINX).exists():
        return
    reason = f"{NGINX} is missing: install Debian's nginx (apt-get install nginx; scripts/test does it as root)"
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(reason + "; CI must run the reverse-proxy test", pytrace=False)
    pytest.skip(reason)


def _stop(proc: subprocess.Popen) -> None:
    """Signals go to the process group this test started, and nowhere else."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def _get(port: int, path: str, source: str = "127.0.0.1") -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(source, 0))
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    finally:
        conn.close()


def _wait(port: int, procs: list[subprocess.Popen], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        for proc in procs:
            if proc.poll() is not None:
                pytest.fail(f"a server exited with {proc.returncode}:\n{log.read_text(errors='replace')[-4000:]}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            if _get(port, "/healthz") == 200:
                return
        time.sleep(0.5)
    pytest.fail(f"nothing answered on {port} in {START_TIMEOUT} s:\n{log.read_text(errors='replace')[-4000:]}")


@pytest.fixture(scope="module")
def proxied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """The port of nginx, in front of `danvan serve` on a fresh home."""
    _nginx_or_skip()
    home = tmp_path_factory.mktemp("danvan-proxied")
    log = home / "danvan.log"
    app_port, port = _free_port(), _free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "DANVAN_PETITION_RATE"}}
    env.update(
        DANVAN_HOME=str(home),
        DJANGO_SETTINGS_MODULE="danvan.settings",
        SECRET_KEY="proxy-test-key-not-secret",
        ALLOWED_HOSTS="127.0.0.1",
        DANVAN_TRUSTED_PROXIES="127.0.0.1",
        PYTHONUNBUFFERED="1",
    )
    danvan = [sys.executable, "-m", "danvan"]
    with log.open("wb") as out:
        for step in (["migrate", "-v0"], ["loadmap"]):
            subprocess.run([*danvan, *step], env=env, cwd=home, check=True, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
        app = subprocess.Popen(  # noqa: S603 - our own interpreter and command
            [*danvan, "serve", "--bind", f"127.0.0.1:{app_port}", "--workers", "1"],
            env=env,
            cwd=home,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    conf = home / "nginx.conf"
    conf.write_text(NGINX_CONF.format(home=home, port=port, app_port=app_port))
    nginx = subprocess.Popen(  # noqa: S603 - Debian's nginx with our own configuration
        [NGINX, "-p", str(home), "-c", str(conf), "-e", str(home / "nginx-error.log")],
        stdout=subprocess.DEVNULL,
        stderr=(home / "nginx-start.log").open("wb"),
        start_new_session=True,
    )
    try:
        _wait(port, [app, nginx], log)
        yield port
    finally:
        _stop(nginx)
        _stop(app)


def _petition(port: int, source: str, n: int, forwarded: str | None = None) -> http.client.HTTPResponse:
    body = {
        "kind": "complaint",
        "unit": "2025/06820",
        "topic": "land",
        "subject": f"Lấn chiếm đất công ở tổ {n}",
        "text": f"Hộ gia đình số {n} của {source} xây tường rào lấn ra đường đi chung số {n * 7}, đề nghị xử lý.",
        "sender": {"full_name": f"Công dân {source}", "address": f"Tổ {n}, khu 4", "consent": True},
    }
    headers = {"Content-Type": "application/json", "Accept-Language": "vi"}
    if forwarded:
        headers["X-Forwarded-For"] = forwarded
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(source, 0))
    conn.request("POST", "/api/v1/petitions/", json.dumps(body).encode(), headers)
    response = conn.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    conn.close()
    return response


def test_two_citizens_behind_nginx_land_in_two_buckets(proxied):
    first, second = "127.0.0.2", "127.0.0.3"
    filed = [_petition(proxied, first, n) for n in range(5)]
    assert [r.status for r in filed] == [201] * 5, filed[0].body  # type: ignore[attr-defined]
    sixth = _petition(proxied, first, 5)
    assert sixth.status == 429, sixth.body  # type: ignore[attr-defined]
    assert 1 <= int(sixth.headers["Retry-After"]) <= 600
    answer = json.loads(sixth.body)  # type: ignore[attr-defined]
    assert answer["code"] == "rate_limited" and "quá nhiều đơn thư" in answer["detail"]
    spoofed = _petition(proxied, first, 6, forwarded="198.51.100.99")  # his own header is not believed
    assert spoofed.status == 429
    assert _petition(proxied, second, 7).status == 201  # the neighbour still files his
