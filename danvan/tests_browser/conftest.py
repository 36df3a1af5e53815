"""Browser tests: headless Debian chromium, driven by Playwright, against a REAL DanVan server.

The server is `python -m danvan demo --addr 127.0.0.1:<port>` in a subprocess, on a fresh
DANVAN_HOME, so these tests go through what a user runs: migrate, the map, the demo data,
runserver. It has its own database, never the test database of the pytest session (whose
transactions the server could not see): SQLite under that home, or, when the session runs on
PostgreSQL, a database `<name>_browser` created for it and dropped afterwards.

Chromium is Debian's (/usr/bin/chromium): Playwright never downloads a browser here. Without it
the browser tests are skipped on a developer's machine and fail in CI (CI=true).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from danvan.core.demo import DEMO_PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_TIMEOUT = 240  # seconds: `danvan demo` migrates and loads ~14,000 units first (53 s with CI beside it)
HERE = Path(__file__).parent
_FAILED = pytest.StashKey[bool]()  # set on each test item: did its call phase fail? (page fixture dumps the page)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is a browser test (`-m "not browser"` leaves them out), run last.

    Last, because Playwright's sync API keeps an asyncio loop running in this thread while the
    session's browser is open, and Django then refuses ORM calls (SynchronousOnlyOperation) in
    any database test that would come after it.
    """
    ours = [item for item in items if HERE in Path(item.path).parents]
    for item in ours:
        item.add_marker(pytest.mark.browser)
    items[:] = [item for item in items if HERE not in Path(item.path).parents] + ours


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Any:
    report = yield
    if report.when == "call":
        item.stash[_FAILED] = report.failed
    return report


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def _server_database(outer_url: str | None) -> Iterator[str | None]:
    """None (SQLite under DANVAN_HOME), or the URL of a fresh PostgreSQL `<name>_browser`."""
    if not outer_url or not outer_url.startswith(("postgres://", "postgresql://", "pgsql://")):
        yield None
        return
    import dj_database_url
    import psycopg
    from psycopg import sql

    cfg = dj_database_url.parse(outer_url)
    name = f"{cfg['NAME']}_browser"
    conninfo = {
        "host": cfg["HOST"] or None,
        "port": cfg["PORT"] or None,
        "user": cfg["USER"] or None,
        "password": cfg["PASSWORD"] or None,
        "dbname": "postgres",
        "connect_timeout": 10,
    }

    def run(statement: sql.Composable) -> None:
        with psycopg.connect(autocommit=True, **{k: v for k, v in conninfo.items() if v is not None}) as conn:
            conn.execute(statement)

    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    run(drop)
    run(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield _with_name(outer_url, cfg["NAME"], name)
    finally:
        run(drop)


def _with_name(url: str, old: str, new: str) -> str:
    parts = urlsplit(url)
    if parts.path.lstrip("/") != old:
        raise ValueError(f"cannot find the database name {old!r} in {url!r}")
    return urlunsplit(parts._replace(path="/" + new))


def _log_tail(log: Path, chars: int = 6000) -> str:
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else "(no log)"
    return text[-chars:]


@pytest.fixture(scope="session")
def server_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The server's DANVAN_HOME: the demo writes its e-mails to files under `mail/` there."""
    return tmp_path_factory.mktemp("danvan-home")


@pytest.fixture(scope="session")
def server(server_home: Path) -> Iterator[str]:
    """Base URL (no trailing slash) of a `danvan demo` server started for this test session."""
    home = server_home
    log = home / "server.log"
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with _server_database(os.environ.get("DATABASE_URL")) as database_url:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env.update({"DANVAN_HOME": str(home), "PYTHONUNBUFFERED": "1", "DJANGO_SETTINGS_MODULE": "danvan.settings"})
        if database_url:
            env["DATABASE_URL"] = database_url
        with log.open("wb") as out:
            proc = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                [sys.executable, "-m", "danvan", "demo", "--addr", f"127.0.0.1:{port}"],
                cwd=home,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: the demo starts a task worker beside it
            )
        try:
            _wait_healthy(proc, f"{base}/healthz", log)
            yield base
        finally:
            _stop(proc)


def _stop(proc: subprocess.Popen) -> None:
    """Ctrl-C, as a user stops `danvan demo` (it then stops its worker); killed if it lingers.

    Signals go to the server's own process group, which holds only what this fixture started.
    """
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGINT)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=15)
    with contextlib.suppress(ProcessLookupError):  # the worker, should the server have left it behind
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)


def _wait_healthy(proc: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    last_error = ""
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the DanVan server exited with code {proc.returncode} before answering:\n{_log_tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own http://127.0.0.1
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            last_error = str(exc)
        time.sleep(0.5)
    pytest.fail(f"{url} did not answer in {SERVER_START_TIMEOUT} s ({last_error}); server log:\n{_log_tail(log)}")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless chromium. Skipped without it on a developer's machine; an error in CI."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)"
        if _in_ci():
            pytest.fail(reason + "; CI must run the browser tests", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def page(request: pytest.FixtureRequest, browser: Any, server: str, tmp_path: Path) -> Iterator[Any]:
    """A page in a fresh context (no cookies), Vietnamese, 1280x900, relative URLs on `server`."""
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}, base_url=server)
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        yield page
    finally:
        if request.node.stash.get(_FAILED, False):
            _dump(page, tmp_path)
        context.close()


def _dump(page: Any, folder: Path) -> None:
    """What the browser showed when a test failed: printed, so it lands in the CI log."""
    with contextlib.suppress(Exception):
        shot = folder / "failure.png"
        page.screenshot(path=str(shot), full_page=True)
        print(f"screenshot: {shot}")
    with contextlib.suppress(Exception):
        print(f"url: {page.url}\npage text:\n{page.locator('body').inner_text()[:3000]}")


@pytest.fixture
def login_as(server: str) -> Callable[..., None]:
    """login_as(page, username, password="demo"): sign in through the real form, land on home."""

    def login(page: Any, username: str, password: str = DEMO_PASSWORD) -> None:
        page.goto("/accounts/login/")
        form = page.locator("form:has(input[name='password'])")
        form.locator("input[name='username']").fill(username)
        form.locator("input[name='password']").fill(password)
        form.locator("button[type='submit'], input[type='submit'], button:not([type])").first.click()
        try:
            page.wait_for_url(f"{server}/")
        except Exception as exc:  # re-raised with what the page said
            text = page.locator("body").inner_text()[:1000]
            raise AssertionError(f"signing in as {username} did not reach the home page ({page.url}):\n{text}") from exc

    return login
