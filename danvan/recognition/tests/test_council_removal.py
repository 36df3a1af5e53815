"""Taking a member off the emulation council: the rule for their scores, who may do it, the page.

The council (test_evaluations' fixtures) is hd_a (chair), hd_b and Uông Bí's reviewer; the campaign's
rule drops the highest and lowest total when there are three or more.
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from danvan.core.errors import DomainError
from danvan.org.models import AuditEvent
from danvan.recognition.models import CouncilMember, CouncilScore, EvaluationStatus
from danvan.recognition.selectors.campaigns import evaluations_to_score, member_scores
from danvan.recognition.services.evaluations import (
    council_member_remove,
    council_score,
    council_set,
    evaluation_approve,
    evaluation_open_review,
)
from danvan.recognition.tests.test_evaluations import all_scores, campaign, council, submitted  # noqa: F401

pytestmark = pytest.mark.django_db


def seat(campaign, user):  # noqa: F811
    return CouncilMember.objects.get(council__campaign=campaign, user=user)


@pytest.fixture
def scored(campaign, council, commune_reporter):  # noqa: F811
    """In the council's review, scored 50 (hd_a), 80 (hd_b) and 100 (the reviewer): 80 by the rule."""
    ev, crit = submitted(campaign, commune_reporter)
    evaluation_open_review(actor=council["a"], evaluation=ev)
    for who, value in (("a", 10), ("b", 16), ("c", 20)):
        council_score(actor=council[who], evaluation=ev, scores=all_scores(crit, value))
    return ev, crit


# --- the service ----------------------------------------------------------------------------------


def test_a_removed_members_scores_stop_counting_and_the_result_comes_from_the_others(
    campaign,  # noqa: F811
    council,  # noqa: F811
    scored,
    province_manager,
):
    ev, _crit = scored
    member = council_member_remove(
        actor=province_manager, member=seat(campaign, council["c"]), reason="Chuyển công tác"
    )
    assert (member.removed_by, member.removal_reason) == (province_manager, "Chuyển công tác")
    assert member.removed_at is not None and CouncilMember.objects.filter(pk=member.pk).exists()  # kept
    assert CouncilScore.objects.filter(member=member).count() == 5  # the scores stay, as history
    event = AuditEvent.objects.get(verb="council.member_remove")
    assert event.data["reason"] == "Chuyển công tác" and event.data["scores_no_longer_counted"] == [ev.pk]
    approved = evaluation_approve(actor=province_manager, evaluation=ev)
    assert approved.result == Decimal("65.00")  # 50 and 80: too few to drop extremes, so the average
    counted = {row.member.user_id: row.counted for row in member_scores(evaluation=approved)}
    assert counted == {council["a"].pk: True, council["b"].pk: True, council["c"].pk: False}


def test_an_approved_result_does_not_move_and_keeps_the_scores_it_counted(
    campaign,  # noqa: F811
    council,  # noqa: F811
    scored,
    province_manager,
):
    ev, _crit = scored
    evaluation_approve(actor=province_manager, evaluation=ev)
    council_member_remove(actor=province_manager, member=seat(campaign, council["c"]), reason="Nghỉ hưu")
    ev.refresh_from_db()
    assert ev.result == Decimal("80.00") and ev.status == EvaluationStatus.APPROVED
    assert all(row.counted for row in member_scores(evaluation=ev))  # removed after the approval: counted then
    assert AuditEvent.objects.get(verb="council.member_remove").data["scores_no_longer_counted"] == []


def test_a_removed_member_can_no_longer_score_or_steer(campaign, council, commune_reporter, province_manager):  # noqa: F811
    ev, crit = submitted(campaign, commune_reporter)
    council_member_remove(actor=province_manager, member=seat(campaign, council["a"]), reason="Vắng dài ngày")
    with pytest.raises(DomainError) as exc:
        evaluation_open_review(actor=council["a"], evaluation=ev)  # was the chair
    assert exc.value.code == "forbidden"
    evaluation_open_review(actor=province_manager, evaluation=ev)
    with pytest.raises(DomainError) as exc:
        council_score(actor=council["a"], evaluation=ev, scores=all_scores(crit, 20))
    assert exc.value.code == "member_removed" and exc.value.status == 403
    assert "removed" in exc.value.message or "rút" in exc.value.message
    assert not CouncilScore.objects.exists()
    assert evaluations_to_score(user=council["a"]) == [] and [e.pk for e in evaluations_to_score(user=council["b"])]


def test_only_the_standing_body_removes_and_a_reason_is_needed(campaign, council, commune_reporter, province_manager):  # noqa: F811
    target = seat(campaign, council["b"])
    for actor in (council["a"], commune_reporter):  # the chair does not reshape the council; nor a registrant
        with pytest.raises(DomainError) as exc:
            council_member_remove(actor=actor, member=target, reason="x")
        assert exc.value.code == "forbidden"
    with pytest.raises(DomainError) as exc:
        council_member_remove(actor=province_manager, member=target, reason="   ")
    assert exc.value.code == "reason_required"
    target.refresh_from_db()
    assert target.removed_at is None and not AuditEvent.objects.filter(verb="council.member_remove").exists()
    council_member_remove(actor=province_manager, member=target, reason="Thôi giữ chức vụ")
    with pytest.raises(DomainError) as exc:
        council_member_remove(actor=province_manager, member=target, reason="lần nữa")
    assert exc.value.code == "already_removed" and exc.value.status == 409


def test_naming_a_removed_member_again_puts_them_back(campaign, council, province_manager):  # noqa: F811
    target = seat(campaign, council["b"])
    council_member_remove(actor=province_manager, member=target, reason="Nhầm")
    council_set(actor=province_manager, campaign=campaign, name="Hội đồng", members=[(council["b"], "member")])
    target.refresh_from_db()
    assert (target.removed_at, target.removed_by, target.removal_reason) == (None, None, "")
    assert AuditEvent.objects.filter(verb="council.member_reinstate", target_id=str(target.pk)).exists()


# --- the pages ------------------------------------------------------------------------------------


def remove_url(campaign, member):  # noqa: F811
    return reverse("recognition:council_member_remove", args=[campaign.pk, member.pk])


def test_the_manager_confirms_the_removal_with_a_reason(
    login,
    campaign,  # noqa: F811
    council,  # noqa: F811
    scored,
    province_manager,
):
    ev, _crit = scored
    client = login(province_manager)
    target = seat(campaign, council["c"])
    page = client.get(reverse("recognition:campaign_detail", args=[campaign.pk])).content.decode()
    assert remove_url(campaign, target) in page
    confirm = client.get(remove_url(campaign, target))
    text = confirm.content.decode()
    assert confirm.status_code == 200 and 'id="remove-form"' in text and 'id="removal-effects"' in text
    assert "1" in text.split('id="removal-effects"')[1].split("</ul>")[0]  # one evaluation under review
    assert CouncilMember.objects.get(pk=target.pk).removed_at is None  # the confirmation page writes nothing
    done = client.post(remove_url(campaign, target), {"reason": "Chuyển công tác"})
    assert done.status_code == 302 and done["Location"].endswith("#council")
    page = client.get(reverse("recognition:campaign_detail", args=[campaign.pk])).content.decode()
    removed = page.split('id="council-removed"')[1].split("</ul>")[0]
    assert "uongbi" in removed or "Phạm Thu Hà" in removed
    assert "Chuyển công tác" in removed
    assert "Phạm Thu Hà" not in page.split('id="council-members"')[1].split("</ul>")[0]
    evaluation = client.get(reverse("recognition:evaluation_detail", args=[ev.pk])).content.decode()
    assert "not-counted" in evaluation and 'id="provisional-result"' in evaluation
    assert "65" in evaluation.split('id="provisional-result"')[1].split("</p>")[0]


def test_an_empty_reason_is_a_clear_message_and_nothing_changes(login, campaign, council, province_manager):  # noqa: F811
    target = seat(campaign, council["b"])
    page = login(province_manager).post(remove_url(campaign, target), {"reason": "  "})
    assert page.status_code == 400 and 'role="alert"' in page.content.decode()
    assert gettext("Give a reason for the removal.") in page.content.decode()
    target.refresh_from_db()
    assert target.removed_at is None


def test_the_wrong_user_gets_a_404_or_a_refusal(
    login,
    campaign,  # noqa: F811
    council,  # noqa: F811
    commune_reporter,
    other_manager,
):
    target = seat(campaign, council["b"])
    outsider = login(other_manager)
    assert outsider.get(remove_url(campaign, target)).status_code == 404
    assert outsider.post(remove_url(campaign, target), {"reason": "x"}).status_code == 404
    reporter = login(commune_reporter)  # sees the campaign, may not touch its council
    assert reporter.get(remove_url(campaign, target)).status_code == 404
    refused = reporter.post(remove_url(campaign, target), {"reason": "x"})
    assert refused.status_code == 403 and 'role="alert"' in refused.content.decode()
    assert login(council["a"]).get(remove_url(campaign, target)).status_code == 404  # the chair neither
    target.refresh_from_db()
    assert target.removed_at is None


def test_a_removed_member_is_no_longer_offered_anything(
    login,
    campaign,  # noqa: F811
    council,  # noqa: F811
    scored,
    province_manager,
):
    ev, _crit = scored
    council_member_remove(actor=province_manager, member=seat(campaign, council["b"]), reason="Vi phạm")
    client = login(council["b"])
    page = client.get(reverse("recognition:evaluation_detail", args=[ev.pk])).content.decode()
    assert 'id="score-form"' not in page and 'id="member-totals"' not in page  # a provincial viewer, no more
    answer = client.post(reverse("recognition:council_score", args=[ev.pk]), {f"score_{c.pk}": "20" for c in _crit})
    assert answer.status_code == 403 and 'role="alert"' in answer.content.decode()
    assert CouncilScore.objects.filter(member__user=council["b"]).count() == 5  # untouched
    missing = login(province_manager).get(remove_url(campaign, seat(campaign, council["b"])))
    assert missing.status_code == 404  # a removed seat is not removed twice
