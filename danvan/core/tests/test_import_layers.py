"""The apps' dependency layers hold: `lint-imports` keeps every contract in pyproject.toml.

An import cycle between apps (documents ↔ initiatives, documents ↔ reporting, geo ↔ org were the
last ones) fails this test, so CI fails; the message names the import that broke the layer.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _lint_imports() -> list[str]:
    found = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert found, "lint-imports is missing: pip install -e '.[test]'"
    return [found, "--no-cache"]


def test_no_app_imports_an_app_above_it():
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run(  # noqa: S603 - our own tool on our own tree
        _lint_imports(), cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
