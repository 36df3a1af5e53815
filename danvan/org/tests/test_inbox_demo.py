"""Each demo account's home page lists exactly its work (the whole demo loaded once for this module).

The demo's models, activities, petitions and reports are loaded inside a transaction rolled back
after the module (as `reporting/tests/test_demo.py` does), so no other test counts them.
"""

from __future__ import annotations

import pytest
from django.db import transaction

from danvan.org.models import User
from danvan.org.tests.test_inbox import KINDS, _expected_by_policy

DEMO_ACCOUNTS = ["admin", "quangninh", "tuyenquang", "namkhe", "uongbi", "ninhson"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    from danvan.engagement.demo import activities, petitions
    from danvan.initiatives import demo as initiatives_demo
    from danvan.reporting import demo as reporting_demo

    with django_db_blocker.unblock(), transaction.atomic():
        initiatives_demo.load()
        activities.load()
        petitions.load()
        reporting_demo.load()
        yield
        transaction.set_rollback(True)


@pytest.mark.parametrize("username", DEMO_ACCOUNTS)
def test_each_demo_account_sees_exactly_its_work(demo, db, login, username):
    user = User.objects.get(username=username)
    expected = _expected_by_policy(user)
    response = login(user).get("/")
    assert response.status_code == 200
    shown = {s.kind.code: s for s in response.context["sections"]}
    assert {code: s.count for code, s in shown.items()} == {c: len(v) for c, v in expected.items() if v}
    for code, section in shown.items():
        assert {item.url for item in section.items} <= expected[code], code
        assert len(section.items) == min(len(expected[code]), 5), code
    html = response.content.decode()
    for section in shown.values():
        for item in section.items:
            assert f'href="{item.url}"' in html


def test_the_demo_gives_each_role_something_to_do(demo, db):
    """The demo shows the page at work: reviewers above have reports or models or petitions waiting."""
    from danvan.org import inbox

    seen = {name: inbox.counts(User.objects.get(username=name)) for name in DEMO_ACCOUNTS}
    for name, counts in seen.items():
        print(name, {k: v for k, v in counts.items() if v})
    assert set(seen["quangninh"]) == set(KINDS)
    assert sum(seen["quangninh"].values()) > 0
    assert sum(seen["admin"].values()) > 0


def test_every_demo_record_carries_its_units_path(demo, db):
    """The demo writes through every path there is (services, bulk imports, generated histories):
    none leaves a record whose copy of its unit's path differs from the unit's (`geo.unit_paths`)."""
    from danvan.geo.unit_paths import resync_all

    assert resync_all() == {"reporting.Submission": 0, "initiatives.Initiative": 0, "engagement.Petition": 0}
