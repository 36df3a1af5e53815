"""The demo petitions load once, in several states, with one overdue."""

import pytest

from danvan.engagement.demo import petitions as demo_petitions
from danvan.engagement.models.petitions import Petition
from danvan.engagement.selectors.petitions import petition_overdue

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once_in_every_state(province_manager, other_manager):
    assert demo_petitions.load() == {"petitions": 7}
    assert demo_petitions.load() == {"petitions": 0}
    states = set(Petition.objects.values_list("status", flat=True))
    assert states == {"received", "in_progress", "answered", "closed", "rejected"}
    accept, _settle = petition_overdue(user=province_manager)
    assert [p.tracking_code for p in accept] == ["UBQN-2345-AAAE"]
    assert Petition.objects.get(tracking_code="NKQN-2345-AAAB").rating == 5
    assert Petition.objects.get(tracking_code="TQTQ-2345-AAAF").extensions == 1
    assert not petition_overdue(user=other_manager)[0]
