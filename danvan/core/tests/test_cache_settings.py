"""The portal's page cache is shared by every server process of a machine, never one per process."""

import os
import subprocess
import sys
from pathlib import Path


def _cache_settings(tmp_path: Path, **env: str) -> str:
    code = (
        "from django.conf import settings; c = settings.CACHES['default']; print(c['BACKEND'], c.get('LOCATION', ''))"
    )
    out = subprocess.run(  # noqa: S603 - this Python, fixed code
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "danvan.settings",
            "DEBUG": "true",
            "DANVAN_HOME": str(tmp_path),
            **env,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def test_served_processes_share_a_file_cache_under_the_home(tmp_path):
    assert _cache_settings(tmp_path) == f"django.core.cache.backends.filebased.FileBasedCache {tmp_path / 'cache'}"
    assert _cache_settings(tmp_path, CACHE_DIR=str(tmp_path / "shm")).endswith(f"FileBasedCache {tmp_path / 'shm'}")
