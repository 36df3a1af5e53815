"""The state machine and the statutory deadlines, with a frozen clock."""

from datetime import date

import pytest

from danvan.conftest import unit
from danvan.core.errors import DomainError
from danvan.engagement.models.petitions import DeadlineRule, PetitionEvent, RemoteArea
from danvan.engagement.petition_rules.deadlines import is_overdue
from danvan.engagement.selectors.petitions import petition_overdue
from danvan.engagement.services import petitions as svc
from danvan.engagement.tests.petition_factories import at, submit

pytestmark = pytest.mark.django_db


def test_it_sets_the_accept_deadline_from_the_rule():
    p = submit(now=at(2025, 3, 3, 23))  # late evening, local time: still the 3rd
    assert p.status == "received"
    assert p.accept_due == date(2025, 3, 13)
    assert len(p.tracking_code) == 14 and p.tracking_code.count("-") == 2
    assert p.events.get(public=True).verb == "received"
    assert p.organization.name == "Ủy ban MTTQ Việt Nam phường Nam Khê"  # no rule: the commune's Front


def test_it_walks_the_lifecycle_and_keeps_a_public_timeline(province_manager):
    p = submit(now=at(2025, 3, 3))
    p = svc.petition_accept(actor=province_manager, petition=p, now=at(2025, 3, 5))
    assert (p.status, p.settle_due) == ("accepted", date(2025, 4, 4))  # complaint: 30 days
    p = svc.petition_start(actor=province_manager, petition=p, note="giao tổ dân phố kiểm tra")
    p = svc.petition_answer(actor=province_manager, petition=p, answer="Đã thu dọn.", now=at(2025, 3, 20))
    p = svc.petition_close(actor=province_manager, petition=p, now=at(2025, 3, 21))
    assert p.status == "closed" and p.closed_at == at(2025, 3, 21)
    verbs = list(p.events.filter(public=True).values_list("verb", flat=True))
    assert verbs == ["received", "accepted", "started", "answered", "closed"]
    assert PetitionEvent.objects.get(petition=p, verb="started").public_note == ""  # the internal note stays inside


def test_a_complicated_complaint_in_a_remote_area_gets_60_days(province_manager):
    RemoteArea.objects.create(unit=unit("2024", "196"))
    p = submit(now=at(2025, 3, 3))
    assert p.remote
    p = svc.petition_accept(actor=province_manager, petition=p, complex=True, now=at(2025, 3, 3))
    assert p.settle_due == date(2025, 5, 2)


# denunciations' extensions and second complaints: test_petitions_law.py


def test_a_complaint_cannot_be_extended(province_manager):
    p = svc.petition_accept(actor=province_manager, petition=submit(), now=at(2025, 3, 3))
    with pytest.raises(DomainError):
        svc.petition_extend(actor=province_manager, petition=p, reason="x")


def test_rejecting_needs_a_reason_that_the_sender_reads(province_manager):
    p = submit()
    with pytest.raises(DomainError) as exc:
        svc.petition_reject(actor=province_manager, petition=p, reason="  ")
    assert exc.value.code == "reason_required"
    p = svc.petition_reject(actor=province_manager, petition=p, reason="Không thuộc thẩm quyền")
    assert p.status == "rejected" and p.closed_at is not None
    assert p.events.get(verb="rejected").public_note == "Không thuộc thẩm quyền"


def test_it_refuses_a_step_the_lifecycle_does_not_allow(province_manager):
    p = submit()
    with pytest.raises(DomainError) as exc:
        svc.petition_answer(actor=province_manager, petition=p, answer="x")
    assert exc.value.status == 409
    p.refresh_from_db()
    assert p.status == "received"


def test_reopening_goes_back_to_work_with_a_reason(province_manager):
    p = svc.petition_accept(actor=province_manager, petition=submit())
    p = svc.petition_answer(actor=province_manager, petition=p, answer="Đã xử lý")
    p = svc.petition_close(actor=province_manager, petition=p)
    with pytest.raises(DomainError):
        svc.petition_reopen(actor=province_manager, petition=p, reason="")
    p = svc.petition_reopen(actor=province_manager, petition=p, reason="Rác lại bị đổ")
    assert (p.status, p.answered_at, p.closed_at) == ("in_progress", None, None)


def test_someone_of_another_province_cannot_handle_it(other_manager, commune_reporter):
    p = submit()
    for actor in (other_manager, commune_reporter):  # a reporter sees the petition but does not decide on it
        with pytest.raises(DomainError) as exc:
            svc.petition_accept(actor=actor, petition=p)
        assert exc.value.status == 403
    p.refresh_from_db()
    assert p.status == "received"


def test_the_assigned_handler_may_handle_it(province_manager, commune_reporter):
    p = submit()
    svc.petition_assign(actor=province_manager, petition=p, handler=commune_reporter)
    p = svc.petition_accept(actor=commune_reporter, petition=p)
    assert p.status == "accepted"


def test_a_handler_must_work_on_the_place(province_manager, other_manager):
    with pytest.raises(DomainError) as exc:
        svc.petition_assign(actor=province_manager, petition=submit(), handler=other_manager)
    assert exc.value.code == "invalid_handler"


def test_the_overdue_list_has_late_acceptance_and_late_settling(province_manager, other_manager):
    late = submit(now=at(2025, 1, 2), text="Đường liên thôn bị sạt lở sau bão Yagi, chưa được sửa chữa.")
    settling = svc.petition_accept(actor=province_manager, petition=submit(now=at(2025, 1, 20)), now=at(2025, 1, 21))
    fresh = submit(now=at(2025, 2, 25), text="Đề nghị lắp thêm đèn chiếu sáng ở ngõ 7 khu 3.")
    day = date(2025, 2, 26)
    accept, settle = petition_overdue(user=province_manager, today=day)
    assert accept == [late] and settle == [settling]
    assert is_overdue(late, day) and not is_overdue(fresh, day)
    assert petition_overdue(user=other_manager, today=day) == ([], [])


def test_deadline_rules_are_data(province_manager):
    DeadlineRule.objects.filter(kind="feedback", remote=False).update(accept_days=3)
    p = submit(kind="feedback", now=at(2025, 3, 3))
    assert p.accept_due == date(2025, 3, 6)
