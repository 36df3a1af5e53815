"""`danvan demo --no-serve`, the README's first command, run as a user runs it: twice, from nothing."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from danvan.core.demo import ACCOUNTS

TABLES = [
    "geo_adminunit",
    "org_organization",
    "org_user",
    "org_membership",
    "documents_policydocument",
    "initiatives_initiative",
    "initiatives_initiativeevent",
    "initiatives_initiativeresult",
]


def _demo(home: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}  # the default: SQLite under home
    env["DANVAN_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "danvan", "demo", "--no-serve"],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as conn:
        return {table: conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in TABLES}  # noqa: S608


@pytest.mark.slow
def test_it_sets_up_an_empty_home_and_reruns_without_duplicating(tmp_path):
    home = tmp_path / "home"  # does not exist yet, as on a fresh checkout

    first = _demo(home, tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    database = home / "danvan.sqlite3"
    assert database.is_file()
    for username, _description in ACCOUNTS:
        assert username in first.stdout
    assert "password: demo" in first.stdout
    after_first = _counts(database)
    assert all(after_first.values()), after_first

    second = _demo(home, tmp_path)
    assert second.returncode == 0, second.stdout + second.stderr
    for username, _description in ACCOUNTS:
        assert username in second.stdout
    assert _counts(database) == after_first
    assert "models 0" in second.stdout  # nothing created the second time


@pytest.mark.django_db
def test_the_demo_models_read_as_the_field_notes_and_load_once():
    """In-process, on the test database (which the session loads without the demo's models)."""
    from danvan.conftest import unit
    from danvan.initiatives import demo
    from danvan.initiatives.models import Initiative
    from danvan.initiatives.selectors import initiative_stats
    from danvan.org.models import User

    first = demo.load()
    assert first["models"] == Initiative.objects.count() > 29
    assert demo.load() == dict.fromkeys(first, 0)

    admin = User.objects.get(username="admin")
    for era, code in (("2024", "585"), ("2025", "56"), ("2024", "58")):  # Ninh Sơn, today's Khánh Hòa, old Ninh Thuận
        stats = initiative_stats(user=admin, unit=unit(era, code), year=2024)
        assert (stats.total, stats.by_field["economic"], stats.by_field["cultural_social"]) == (29, 13, 13)
        assert stats.by_field["defence_security"] == 3
        assert stats.by_status["draft"] == stats.by_status["returned"] == 0

    street = Initiative.objects.get(name="Tuyến phố tự quản Nam Sơn", unit=unit("2024", "06823"))
    timeline = [(e.to_status, e.actor.username, e.at.date().isoformat()) for e in street.events.all()]
    assert timeline == [
        ("draft", "namkhe", "2024-02-26"),
        ("registered", "namkhe", "2024-02-27"),
        ("recognised", "uongbi", "2024-06-26"),
        ("typical", "quangninh", "2024-12-23"),
    ]
    assert {r.metric_id: int(r.value) for r in street.results.all()} == {
        "ho-gia-dinh": 106,
        "tien-huy-dong": 185_000_000,
        "km-duong": 1,
    }
    assert street.copies.count() == 2
    coffee = Initiative.objects.get(name="Cà phê sáng – trao đổi cùng Nhân dân", unit=unit("2024", "718"))
    assert sorted(c.unit.name for c in coffee.copies.all()) == ["Phường Nam Khê", "Thành phố Uông Bí"]
