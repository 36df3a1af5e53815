"""A campaign from launch to a published result: who may do each step, the council's rule, conflicts of interest."""

from datetime import date
from decimal import Decimal

import pytest

from danvan.conftest import unit
from danvan.core.errors import DomainError
from danvan.org.models import AuditEvent, Organization, Role, User
from danvan.org.services import membership_grant
from danvan.recognition.models import CouncilMember, EvaluationStatus, Subject
from danvan.recognition.selectors.campaigns import campaign_list, evaluations_to_score, registration_list
from danvan.recognition.services.campaigns import (
    CriterionSpec,
    campaign_launch,
    criteria_set_create,
    criteria_set_update,
    registration_create,
)
from danvan.recognition.services.evaluations import (
    council_result,
    council_score,
    council_set,
    evaluation_approve,
    evaluation_open_review,
    evaluation_publish,
    evaluation_return,
    evaluation_self_score,
    evaluation_start,
    evaluation_submit,
)

pytestmark = pytest.mark.django_db
FIVE = [CriterionSpec(title=f"Tiêu chuẩn {i}", max_score=20, guidance="…") for i in range(1, 6)]


def account(username: str, role: Role, era: str, code: str) -> User:
    user = User.objects.create_user(username=username, password="x", full_name=username)
    membership_grant(actor=None, user=user, role=role, unit=unit(era, code))
    return user


@pytest.fixture
def campaign(province_manager):
    commission = Organization.objects.get(name="Ban Dân vận Tỉnh ủy Quảng Ninh")
    c = campaign_launch(
        actor=province_manager,
        organization=commission,
        name="Dân vận khéo 2024",
        starts_on=date(2024, 1, 1),
        ends_on=date(2024, 12, 31),
        levels=["commune"],
        result_rule="trimmed",
    )
    criteria_set_create(
        actor=province_manager, campaign=c, subject=Subject.COLLECTIVE, name="5 tiêu chuẩn", criteria=FIVE
    )
    return c


@pytest.fixture
def council(campaign, province_manager, district_reviewer):
    a = account("hd_a", Role.VIEWER, "2024", "22")
    b = account("hd_b", Role.VIEWER, "2024", "22")
    council_set(
        actor=province_manager,
        campaign=campaign,
        name="Hội đồng thi đua – khen thưởng",
        members=[(a, "chair"), (b, "member"), (district_reviewer, "member")],
    )
    return {"a": a, "b": b, "c": district_reviewer}


def submitted(campaign, commune_reporter, scores=(18, 17, 16, 15, 14)):
    reg = registration_create(actor=commune_reporter, campaign=campaign, unit=unit("2024", "06823"))
    ev = evaluation_start(actor=commune_reporter, registration=reg)
    crit = list(ev.criteria_set.criteria.all())
    evaluation_self_score(
        actor=commune_reporter,
        evaluation=ev,
        scores={c.pk: (s, "có minh chứng") for c, s in zip(crit, scores, strict=True)},
    )
    ev = evaluation_submit(actor=commune_reporter, evaluation=ev)
    return ev, crit


def all_scores(crit, value):
    return {c.pk: (value, "") for c in crit}


def test_the_council_rule_is_the_average_or_without_extremes():
    totals = [Decimal(60), Decimal(80), Decimal(90), Decimal(100)]
    assert council_result("average", totals) == Decimal("82.50")
    assert council_result("trimmed", totals) == Decimal("85.00")
    assert council_result("trimmed", totals[:2]) == Decimal("70.00")  # too few to drop extremes
    with pytest.raises(DomainError):
        council_result("average", [])


def test_a_campaign_runs_from_registration_to_a_published_result(campaign, council, commune_reporter, province_manager):
    ev, crit = submitted(campaign, commune_reporter)
    assert ev.self_total == Decimal(80)
    evaluation_open_review(actor=council["a"], evaluation=ev)
    assert [e.pk for e in evaluations_to_score(user=council["b"])] == [ev.pk]
    council_score(actor=council["a"], evaluation=ev, scores=all_scores(crit, 10))  # 50
    council_score(actor=council["b"], evaluation=ev, scores=all_scores(crit, 16))  # 80
    council_score(actor=council["c"], evaluation=ev, scores=all_scores(crit, 20))  # 100
    assert evaluations_to_score(user=council["b"]) == []
    evaluation_approve(actor=province_manager, evaluation=ev)
    ev.refresh_from_db()
    assert (ev.status, ev.result) == (EvaluationStatus.APPROVED, Decimal("80.00"))  # trimmed: only 80 remains
    evaluation_publish(actor=province_manager, evaluation=ev)
    ev.refresh_from_db()
    assert ev.status == EvaluationStatus.PUBLISHED and ev.published_at is not None
    assert AuditEvent.objects.filter(verb="council.score", target_id=str(ev.pk)).count() == 3
    assert list(ev.events.values_list("to_status", flat=True)) == [
        "submitted",
        "council_review",
        "approved",
        "published",
    ]


def test_a_published_result_never_changes(campaign, council, commune_reporter, province_manager):
    ev, crit = submitted(campaign, commune_reporter)
    evaluation_open_review(actor=province_manager, evaluation=ev)
    council_score(actor=council["a"], evaluation=ev, scores=all_scores(crit, 10))
    evaluation_approve(actor=province_manager, evaluation=ev)
    evaluation_publish(actor=province_manager, evaluation=ev)
    for step in (
        lambda: council_score(actor=council["b"], evaluation=ev, scores=all_scores(crit, 1)),
        lambda: evaluation_return(actor=province_manager, evaluation=ev, reason="sửa"),
        lambda: evaluation_self_score(actor=commune_reporter, evaluation=ev, scores=all_scores(crit, 1)),
    ):
        with pytest.raises(DomainError) as err:
            step()
        assert err.value.status in (403, 409)
    ev.refresh_from_db()
    assert ev.result == Decimal("50.00") and ev.council_scores.count() == 5


def test_a_member_never_scores_their_own_unit(campaign, council, commune_reporter, province_manager):
    insider = account("hd_namkhe", Role.VIEWER, "2024", "06823")  # sits on the council, works in Nam Khê
    council_set(actor=province_manager, campaign=campaign, name="HĐ", members=[(insider, "member")])
    ev, crit = submitted(campaign, commune_reporter)
    evaluation_open_review(actor=province_manager, evaluation=ev)
    with pytest.raises(DomainError) as err:
        council_score(actor=insider, evaluation=ev, scores=all_scores(crit, 20))
    assert err.value.code == "conflict_of_interest"
    assert "không chấm" in err.value.message or "own" in err.value.message
    assert ev.council_scores.count() == 0
    assert evaluations_to_score(user=insider) == []


def test_scores_above_the_maximum_or_by_outsiders_are_refused(campaign, council, commune_reporter, other_manager):
    ev, crit = submitted(campaign, commune_reporter)
    evaluation_open_review(actor=council["a"], evaluation=ev)
    with pytest.raises(DomainError) as err:
        council_score(actor=council["b"], evaluation=ev, scores={crit[0].pk: ("20,5", "")})
    assert err.value.code == "above_maximum"
    with pytest.raises(DomainError) as err:
        council_score(actor=other_manager, evaluation=ev, scores=all_scores(crit, 5))
    assert err.value.status == 403
    assert ev.council_scores.count() == 0


def test_each_step_is_for_its_role(campaign, council, commune_reporter, province_manager, district_reviewer):
    ev, crit = submitted(campaign, commune_reporter)
    with pytest.raises(DomainError):  # a plain member does not steer the review
        evaluation_open_review(actor=council["b"], evaluation=ev)
    with pytest.raises(DomainError):  # the registrant does not send himself to the council
        evaluation_open_review(actor=commune_reporter, evaluation=ev)
    evaluation_open_review(actor=council["a"], evaluation=ev)
    council_score(actor=council["b"], evaluation=ev, scores=all_scores(crit, 15))
    for outsider in (council["a"], district_reviewer, commune_reporter):  # only the standing body approves
        with pytest.raises(DomainError) as err:
            evaluation_approve(actor=outsider, evaluation=ev)
        assert err.value.status == 403


def test_a_return_needs_a_reason_and_clears_the_councils_scores(campaign, council, commune_reporter):
    ev, crit = submitted(campaign, commune_reporter)
    evaluation_open_review(actor=council["a"], evaluation=ev)
    council_score(actor=council["b"], evaluation=ev, scores=all_scores(crit, 15))
    with pytest.raises(DomainError) as err:
        evaluation_return(actor=council["a"], evaluation=ev, reason="  ")
    assert err.value.code == "reason_required"
    evaluation_return(actor=council["a"], evaluation=ev, reason="Thiếu minh chứng tiêu chuẩn 3")
    ev.refresh_from_db()
    assert ev.status == EvaluationStatus.DRAFT and ev.council_scores.count() == 0
    assert ev.events.last().reason == "Thiếu minh chứng tiêu chuẩn 3"
    evaluation_self_score(actor=commune_reporter, evaluation=ev, scores={crit[2].pk: (19, "bổ sung")})


def test_a_partial_scorer_blocks_approval(campaign, council, commune_reporter, province_manager):
    ev, crit = submitted(campaign, commune_reporter)
    evaluation_open_review(actor=council["a"], evaluation=ev)
    council_score(actor=council["b"], evaluation=ev, scores={crit[0].pk: (15, "")})
    with pytest.raises(DomainError) as err:
        evaluation_approve(actor=province_manager, evaluation=ev)
    assert err.value.code == "partial_scores"


def test_standards_in_use_are_frozen_and_a_new_version_is_made(campaign, commune_reporter, province_manager):
    ev, _crit = submitted(campaign, commune_reporter)
    with pytest.raises(DomainError) as err:
        criteria_set_update(actor=province_manager, criteria_set=ev.criteria_set, name="x", criteria=FIVE[:2])
    assert err.value.code == "criteria_in_use"
    v2 = criteria_set_create(
        actor=province_manager, campaign=campaign, subject=Subject.COLLECTIVE, name="v2", criteria=FIVE[:3]
    )
    assert v2.version == 2 and ev.criteria_set.criteria.count() == 5


def test_registration_follows_the_campaign(campaign, commune_reporter, other_manager, district_reviewer):
    with pytest.raises(DomainError) as err:  # a city is not a commune
        registration_create(actor=district_reviewer, campaign=campaign, unit=unit("2024", "196"))
    assert err.value.code in ("level_not_taking_part", "forbidden")
    with pytest.raises(DomainError) as err:  # Tuyên Quang's manager cannot register a Quảng Ninh ward
        registration_create(actor=other_manager, campaign=campaign, unit=unit("2024", "06823"))
    assert err.value.status == 403
    registration_create(actor=commune_reporter, campaign=campaign, unit=unit("2024", "06823"))
    with pytest.raises(DomainError) as err:
        registration_create(actor=commune_reporter, campaign=campaign, unit=unit("2024", "06823"))
    assert err.value.code == "already_registered"


def test_who_sees_the_campaign_and_its_registrations(campaign, council, commune_reporter, other_manager):
    registration_create(actor=commune_reporter, campaign=campaign, unit=unit("2024", "06823"))
    assert campaign in campaign_list(user=commune_reporter)  # launched above him: his to join
    assert campaign not in campaign_list(user=other_manager)
    assert registration_list(user=council["c"], campaign=campaign).count() == 1  # a council member sees it
    assert registration_list(user=other_manager, campaign=campaign).count() == 0


def test_a_council_member_is_listed_once(campaign, council, province_manager):
    council_set(actor=province_manager, campaign=campaign, name="HĐ", members=[(council["a"], "secretary")])
    assert CouncilMember.objects.filter(council__campaign=campaign, user=council["a"]).get().role == "secretary"
