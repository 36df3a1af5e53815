"""`danvan serve` starts gunicorn with the settings from the environment and answers /healthz."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_it_serves_with_gunicorn(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DANVAN_HOME=str(tmp_path), SECRET_KEY="test-serve-key", ALLOWED_HOSTS="127.0.0.1")
    proc = subprocess.Popen(  # noqa: S603 - our own command, fixed argv
        [sys.executable, "-m", "danvan", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--migrate"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        body = None
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                    body = json.loads(response.read())
                    server = response.headers.get("Server", "")
                break
            except OSError:
                time.sleep(0.5)
        assert body is not None, proc.stdout.read() if proc.poll() is not None else "no answer"
        assert body["status"] == "ok" and body["database"]["vendor"] == "sqlite"
        assert "gunicorn" in server.lower()
        assert (tmp_path / "danvan.sqlite3").exists()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
