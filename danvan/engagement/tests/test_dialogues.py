"""Dialogues: recorded in scope, issues tracked as petitions with owner, deadline and overdue flag."""

from __future__ import annotations

import pytest

from danvan.conftest import unit
from danvan.core.errors import DomainError
from danvan.engagement.models import Petition, PetitionEvent, PetitionSource, PetitionStatus
from danvan.engagement.selectors.dialogues import dialogue_issues, dialogue_list, dialogue_previous
from danvan.engagement.services.dialogues import dialogue_create, dialogue_issue_add, dialogue_issue_settle
from danvan.engagement.tests.activity_helpers import NAM_KHE_MTTQ, days_ago, nam_khe_dialogue, org


def test_an_issue_becomes_a_tracked_petition_with_owner_and_deadline(commune_reporter):
    d = nam_khe_dialogue(commune_reporter)
    issue = dialogue_issue_add(
        actor=commune_reporter,
        dialogue=d,
        subject="Đèn chiếu sáng ngõ 12 bị hỏng",
        owner=org(NAM_KHE_MTTQ),
        deadline=days_ago(5),
        handler=commune_reporter,
    )
    issue.refresh_from_db()
    assert issue.source == PetitionSource.DIALOGUE and issue.dialogue == d
    assert issue.organization == org(NAM_KHE_MTTQ) and issue.handler == commune_reporter
    assert issue.settle_due == days_ago(5) and issue.status == PetitionStatus.ACCEPTED
    assert issue.tracking_code.startswith("DT-")
    assert list(PetitionEvent.objects.filter(petition=issue).values_list("verb", flat=True)) == [
        "received",
        "accepted",
        "assigned",
    ]
    [shown] = dialogue_issues(user=commune_reporter, dialogue=d)
    assert shown.overdue  # promised five days ago, still open


def test_a_settled_issue_is_not_overdue_and_the_next_dialogue_shows_it(commune_reporter):
    first = nam_khe_dialogue(commune_reporter, held_on=days_ago(60))
    done = dialogue_issue_add(
        actor=commune_reporter, dialogue=first, subject="Thu gom rác", owner=org(NAM_KHE_MTTQ), deadline=days_ago(40)
    )
    late = dialogue_issue_add(
        actor=commune_reporter, dialogue=first, subject="Vỉa hè", owner=org(NAM_KHE_MTTQ), deadline=days_ago(20)
    )
    dialogue_issue_settle(actor=commune_reporter, issue=done, answer="Đã bố trí xe thu gom buổi tối.")
    second = nam_khe_dialogue(commune_reporter, title="Cà phê sáng tháng sau", held_on=days_ago(2))
    assert dialogue_previous(user=commune_reporter, dialogue=second) == first
    assert dialogue_previous(user=commune_reporter, dialogue=first) is None
    shown = {i.subject: i for i in dialogue_issues(user=commune_reporter, dialogue=first)}
    assert shown["Thu gom rác"].status == PetitionStatus.ANSWERED and not shown["Thu gom rác"].overdue
    assert shown["Vỉa hè"].overdue
    assert Petition.objects.get(pk=late.pk).status == PetitionStatus.ACCEPTED


def test_a_settled_issue_cannot_be_settled_twice(commune_reporter):
    d = nam_khe_dialogue(commune_reporter)
    issue = dialogue_issue_add(
        actor=commune_reporter, dialogue=d, subject="X", owner=org(NAM_KHE_MTTQ), deadline=days_ago(1)
    )
    dialogue_issue_settle(actor=commune_reporter, issue=issue, answer="Xong")
    with pytest.raises(DomainError) as e:
        dialogue_issue_settle(actor=commune_reporter, issue=issue, answer="Lại")
    assert e.value.status == 409


def test_it_rejects_other_province(other_manager, commune_reporter):
    with pytest.raises(DomainError) as e:
        nam_khe_dialogue(other_manager)
    assert e.value.code == "organization"  # Nam Khê's Front is not in Tuyên Quang's scope
    d = nam_khe_dialogue(commune_reporter)
    assert not dialogue_list(user=other_manager).filter(pk=d.pk).exists()
    with pytest.raises(DomainError) as e:
        dialogue_issue_add(actor=other_manager, dialogue=d, subject="X", owner=org(NAM_KHE_MTTQ), deadline=days_ago(1))
    assert e.value.status == 403


def test_it_refuses_a_deadline_before_the_dialogue_and_a_future_dialogue(commune_reporter):
    d = nam_khe_dialogue(commune_reporter)
    with pytest.raises(DomainError) as e:
        dialogue_issue_add(
            actor=commune_reporter, dialogue=d, subject="X", owner=org(NAM_KHE_MTTQ), deadline=days_ago(31)
        )
    assert e.value.code == "deadline" and "trước ngày đối thoại" in e.value.message
    with pytest.raises(DomainError) as e:
        nam_khe_dialogue(commune_reporter, held_on=days_ago(-3))
    assert e.value.code == "future"
    assert Petition.objects.count() == 0


def test_a_handler_must_be_able_to_work_for_the_owner(commune_reporter, other_manager):
    d = nam_khe_dialogue(commune_reporter)
    with pytest.raises(DomainError) as e:
        dialogue_issue_add(
            actor=commune_reporter,
            dialogue=d,
            subject="X",
            owner=org(NAM_KHE_MTTQ),
            deadline=days_ago(1),
            handler=other_manager,
        )
    assert e.value.code == "handler"


def test_the_reviewer_above_sees_the_dialogue(commune_reporter, district_reviewer):
    d = nam_khe_dialogue(commune_reporter)
    filtered = dialogue_list(user=district_reviewer).filter(pk=d.pk)
    assert filtered.get().issue_count == 0
    assert dialogue_create  # the service is the only way in


def test_the_unit_filter_covers_the_new_map(commune_reporter, province_manager):
    from danvan.engagement.selectors.dialogues import DialogueFilters

    d = nam_khe_dialogue(commune_reporter)
    found = dialogue_list(user=province_manager, filters=DialogueFilters(unit=unit("2025", "22")))
    assert list(found) == [d]
