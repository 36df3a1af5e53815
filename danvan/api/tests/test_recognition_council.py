"""The evaluation through the API after a member left the council: only the scores that count are shown."""

import pytest

from danvan.recognition.models import CouncilMember
from danvan.recognition.services.evaluations import council_member_remove
from danvan.recognition.tests.test_council_removal import scored  # noqa: F401
from danvan.recognition.tests.test_evaluations import campaign, council  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_removed_members_scores_are_not_shown_as_the_councils(api, campaign, council, scored, province_manager):  # noqa: F811
    ev, _crit = scored
    manager = api(province_manager)
    before = manager.get(f"/api/v1/evaluations/{ev.pk}/").json()
    assert before["scores"][0]["council"] == ["10.00", "16.00", "20.00"]
    seat = CouncilMember.objects.get(council__campaign=campaign, user=council["c"])
    council_member_remove(actor=province_manager, member=seat, reason="Chuyển công tác")
    after = manager.get(f"/api/v1/evaluations/{ev.pk}/").json()
    assert after["scores"][0]["council"] == ["10.00", "16.00"]
    approved = manager.post(f"/api/v1/evaluations/{ev.pk}/approve/")
    assert approved.status_code == 200 and approved.json()["result"] == "65.00"
    refused = api(council["c"]).post(
        f"/api/v1/evaluations/{ev.pk}/council-scores/", {"scores": {str(_crit[0].pk): ["5", ""]}}, format="json"
    )
    assert refused.status_code == 403 and refused.json()["code"] == "member_removed"
