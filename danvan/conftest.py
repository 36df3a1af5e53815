"""Shared test personas (as healthchecks' hc/test.py does).

The map and the demo organisations are loaded once per test session into the test database;
every test then runs inside a transaction that is rolled back, so tests may change anything.
Tests must not use `transaction=True` / `live_server` (a flush would empty the map for the
tests after them): browser tests drive a real `danvan` server process instead (see
`danvan/tests_browser/conftest.py`).
"""

from __future__ import annotations

import pytest
from django.test import Client

from danvan.geo.models import AdminUnit


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from danvan.core.demo import load_demo
    from danvan.geo.services import map_load

    with django_db_blocker.unblock():
        map_load()
        load_demo(models=False)  # tests create the models they count; the demo's would skew every count


@pytest.fixture(autouse=True)
def _default_language():
    """A request leaves its language active in the thread: start every test in Vietnamese."""
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _second_factor_off(settings):
    """Reviewers and managers sign in without a one-time code here (as in the demo), so `login()` and
    every test written before one-time codes keep working; the tests of sign-in security turn
    `DANVAN_REQUIRE_2FA` on themselves (danvan/org/tests/test_two_factor.py).
    """
    settings.DANVAN_REQUIRE_2FA = False


@pytest.fixture(autouse=True)
def _session_saved_only_when_changed(settings):
    """Production renews the session on every request (SESSION_SAVE_EVERY_REQUEST: sessions expire
    after inactivity), one UPDATE per signed-in request. The pinned query counts are about each
    page's own reads, so tests save a session only when it changes; test_sign_in_settings.py turns
    the renewal on and checks it.
    """
    settings.SESSION_SAVE_EVERY_REQUEST = False


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploads in tests go to a temporary folder, never into var/."""
    settings.MEDIA_ROOT = tmp_path / "media"


def _user(username: str):
    from danvan.org.models import User

    return User.objects.get(username=username)


@pytest.fixture
def admin_user(db):
    """National administrator (superuser)."""
    return _user("admin")


@pytest.fixture
def province_manager(db):
    """Manager of today's Quảng Ninh (2025 map): sees old Quảng Ninh too."""
    return _user("quangninh")


@pytest.fixture
def commune_reporter(db):
    """Reporter of Nam Khê ward, Uông Bí, on the 2024 map: same province as `province_manager`."""
    return _user("namkhe")


@pytest.fixture
def district_reviewer(db):
    """Reviewer of Uông Bí city (2024 map): the level above Nam Khê ward."""
    return _user("uongbi")


@pytest.fixture
def other_manager(db):
    """Manager of Tuyên Quang: must see nothing of Quảng Ninh."""
    return _user("tuyenquang")


def unit(era: str, code: str) -> AdminUnit:
    return AdminUnit.objects.get(era_id=era, code=code)


@pytest.fixture
def login():
    """login(user) -> a test Client signed in as `user`."""

    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make
