"""The law as written: denunciations' extensions (art. 30), second complaints (art. 37), working days (art. 24).

Dates are checked at the boundary: the last day of a limit is not overdue, the day after is.
"""

from datetime import date

import pytest
from django.utils import translation

from danvan.conftest import unit
from danvan.core.errors import DomainError
from danvan.engagement.models.petitions import DeadlineRule, Holiday, PetitionExtension, RemoteArea
from danvan.engagement.petition_rules.deadlines import is_overdue, local_date
from danvan.engagement.services import petitions as svc
from danvan.engagement.tests.petition_factories import at, submit

pytestmark = pytest.mark.django_db


def accepted(actor, *, kind="denunciation", complexity="simple", instance=None, on=(2025, 3, 3)):
    p = submit(kind=kind, now=at(*on))
    return svc.petition_accept(actor=actor, petition=p, complexity=complexity, instance=instance, now=at(*on))


def extend(actor, p, number="12/QĐ-UBND", day=date(2025, 3, 20), **kw):
    return svc.petition_extend(
        actor=actor,
        petition=p,
        reason="Phải xác minh ở nhiều địa điểm",
        decision_number=number,
        decision_date=day,
        now=at(2025, 3, 25),
        **kw,
    )


def test_a_simple_denunciation_cannot_be_extended_and_is_overdue_after_30_days(province_manager):
    p = accepted(province_manager)
    assert p.settle_due == date(2025, 4, 2)
    assert not is_overdue(p, date(2025, 4, 2)) and is_overdue(p, date(2025, 4, 3))
    with translation.override("vi"), pytest.raises(DomainError) as exc:
        extend(province_manager, p)
    assert exc.value.code == "simple_case"
    assert "Vụ việc đơn giản không được gia hạn" in exc.value.message and "Điều 30" in exc.value.message
    p.refresh_from_db()
    assert (p.extensions, p.settle_due) == (0, date(2025, 4, 2))
    assert not PetitionExtension.objects.exists()


def test_a_complicated_denunciation_is_extended_once_by_a_recorded_decision(province_manager):
    p = accepted(province_manager, complexity="complex")
    p = extend(province_manager, p)
    assert (p.extensions, p.settle_due) == (1, date(2025, 5, 2))
    assert not is_overdue(p, date(2025, 5, 2)) and is_overdue(p, date(2025, 5, 3))
    x = PetitionExtension.objects.get(petition=p)
    assert (x.number, x.decision_number, x.decision_date, x.days) == (1, "12/QĐ-UBND", date(2025, 3, 20), 30)
    assert x.reason == "Phải xác minh ở nhiều địa điểm" and x.decided_by == province_manager
    assert "12/QĐ-UBND" in p.events.get(verb="extended").public_note
    with translation.override("vi"), pytest.raises(DomainError) as exc:
        extend(province_manager, p, number="13/QĐ-UBND")
    assert exc.value.code == "no_extension" and "tối đa 1 lần" in exc.value.message
    assert svc.allowed_actions(actor=province_manager, petition=p).count("extend") == 1  # may be reclassified


def test_an_especially_complicated_denunciation_is_extended_twice(province_manager):
    p = accepted(province_manager, complexity="especially_complex")
    p = extend(province_manager, p)
    p = extend(province_manager, p, number="20/QĐ-UBND", day=date(2025, 3, 24), days=20)
    assert (p.extensions, p.settle_due) == (2, date(2025, 5, 22))  # 30 + 30 + 20 days
    assert "extend" not in svc.allowed_actions(actor=province_manager, petition=p)
    with pytest.raises(DomainError) as exc:
        extend(province_manager, p, number="21/QĐ-UBND")
    assert exc.value.code == "no_extension"
    assert list(p.extension_decisions.values_list("number", flat=True)) == [1, 2]


def test_the_decision_may_classify_a_simple_case(province_manager):
    p = extend(province_manager, accepted(province_manager), complexity="complex")
    assert (p.complex, p.especially_complex, p.extensions) == (True, False, 1)
    assert PetitionExtension.objects.get(petition=p).complexity == "complex"


@pytest.mark.parametrize(
    ("kw", "code"),
    [
        ({"number": ""}, "decision_required"),
        ({"day": None}, "decision_required"),
        ({"day": date(2025, 3, 2)}, "decision_date"),  # before the acceptance
        ({"day": date(2025, 3, 26)}, "decision_date"),  # after "today"
        ({"days": 31}, "extension_days"),
        ({"days": 0}, "extension_days"),
    ],
)
def test_an_extension_needs_a_valid_written_decision(province_manager, kw, code):
    p = accepted(province_manager, complexity="complex")
    with pytest.raises(DomainError) as exc:
        extend(province_manager, p, **kw)
    assert exc.value.code == code
    p.refresh_from_db()
    assert (p.extensions, p.settle_due) == (0, date(2025, 4, 2))
    assert not PetitionExtension.objects.exists() and not p.events.filter(verb="extended").exists()


def test_someone_of_another_province_cannot_extend(province_manager, other_manager):
    p = accepted(province_manager, complexity="complex")
    with pytest.raises(DomainError) as exc:
        extend(other_manager, p)
    assert exc.value.status == 403
    assert not PetitionExtension.objects.exists()


def test_a_second_complaint_has_its_own_limits(province_manager):
    first = accepted(province_manager, kind="complaint")
    second = accepted(province_manager, kind="complaint", instance=2)
    assert first.settle_due == date(2025, 4, 2)  # art. 28: 30 days
    assert second.settle_due == date(2025, 4, 17)  # art. 37: 45 days
    assert not is_overdue(second, date(2025, 4, 17)) and is_overdue(second, date(2025, 4, 18))
    hard = accepted(province_manager, kind="complaint", instance=2, complexity="complex")
    assert hard.settle_due == date(2025, 5, 2)  # 60 days


def test_a_second_complaint_in_a_remote_area_gets_60_or_70_days(province_manager):
    RemoteArea.objects.create(unit=unit("2024", "196"))
    p = accepted(province_manager, kind="complaint", instance=2)
    assert p.remote and p.settle_due == date(2025, 5, 2)  # 60 days
    p = accepted(province_manager, kind="complaint", instance=2, complexity="complex")
    assert p.settle_due == date(2025, 5, 12)  # 70 days


def test_only_a_complaint_can_be_a_second_one(province_manager):
    with pytest.raises(DomainError) as exc:
        submit(kind="denunciation", instance=2)
    assert exc.value.code == "instance"
    p = submit(kind="recommendation")
    with pytest.raises(DomainError):
        svc.petition_accept(actor=province_manager, petition=p, instance=2)
    p.refresh_from_db()
    assert (p.status, p.instance) == ("received", 1)


def test_a_denunciation_is_checked_within_seven_working_days():
    p = submit(kind="denunciation", now=at(2025, 3, 7))  # a Friday
    assert p.accept_due == date(2025, 3, 18)  # Mon 10 … Fri 14, Mon 17, Tue 18
    assert not is_overdue(p, date(2025, 3, 18)) and is_overdue(p, date(2025, 3, 19))
    Holiday.objects.create(day=date(2025, 3, 17), name="nghỉ bù")
    assert submit(kind="denunciation", now=at(2025, 3, 7), text="Tố cáo khác.").accept_due == date(2025, 3, 19)
    assert submit(kind="complaint", now=at(2025, 3, 7)).accept_due == date(2025, 3, 17)  # 10 calendar days


def test_every_limit_cites_its_article():
    rules = {(r.kind, r.instance, r.remote): r for r in DeadlineRule.objects.all()}
    longest = DeadlineRule._meta.get_field("legal_basis").max_length  # SQLite would not refuse a longer one
    assert len(rules) == 7 and all(0 < len(r.legal_basis) <= longest for r in rules.values())
    assert "Điều 28" in rules["complaint", 1, False].legal_basis
    assert "Điều 37" in rules["complaint", 2, True].legal_basis
    den = rules["denunciation", 1, False]
    assert "Điều 30" in den.legal_basis and "Điều 24" in den.legal_basis
    assert (den.accept_days, den.accept_count, den.complex_extensions, den.max_extensions) == (7, "working", 1, 2)


def test_the_admin_lists_the_limits_with_their_articles(login, admin_user, province_manager):
    page = login(admin_user).get("/admin/engagement/deadlinerule/").content.decode()
    assert "Luật Tố cáo 2018 (25/2018/QH14)" in page and "Điều 37" in page
    assert login(province_manager).get("/admin/engagement/deadlinerule/").status_code == 302  # not staff


def test_the_page_records_an_extension_decision(login, province_manager, commune_reporter):
    p = accepted(province_manager, complexity="complex", on=(2025, 3, 3))
    url = f"/engagement/petitions/{p.pk}/"
    page = login(province_manager).get(url).content.decode()
    assert 'name="decision_number"' in page and 'name="decision_date"' in page
    data = {"action": "extend", "reason": "Cần giám định", "decision_number": "5/QĐ", "decision_date": "2025-03-04"}
    response = login(province_manager).post(url + "act/", data)
    assert response.status_code == 302
    page = login(province_manager).get(url).content.decode()
    assert 'id="extensions"' in page and "5/QĐ" in page and "Cần giám định" in page
    refused = login(commune_reporter).post(url + "act/", {**data, "decision_number": "6/QĐ"})
    assert refused.status_code in (403, 404)
    assert PetitionExtension.objects.filter(petition=p).count() == 1


def test_the_page_accepts_a_second_complaint(login, province_manager, other_manager):
    p = submit(kind="complaint")
    url = f"/engagement/petitions/{p.pk}/"
    page = login(province_manager).get(url).content.decode()
    assert 'name="instance"' in page and 'name="complexity"' in page
    data = {"action": "accept", "instance": "2", "complexity": "complex"}
    assert login(other_manager).post(url + "act/", data).status_code == 404  # another province: as if missing
    assert login(province_manager).post(url + "act/", data).status_code == 302
    p.refresh_from_db()
    assert (p.status, p.instance, p.complex) == ("accepted", 2, True)
    assert (p.settle_due - local_date(p.accepted_at)).days == 60  # art. 37: 60 days when complicated
    assert "Khiếu nại lần hai" in login(province_manager).get(url).content.decode()  # the site speaks Vietnamese


def test_the_api_accepts_and_extends_by_a_written_decision(province_manager, other_manager):
    from danvan.engagement.tests.test_petitions_api import api

    p = submit(kind="denunciation")
    url = f"/api/v1/petitions/{p.pk}/transition/"
    body = {"action": "accept", "complexity": "complex"}
    accepted = api(province_manager).post(url, body, content_type="application/json")
    assert accepted.status_code == 200, accepted.content
    shown = accepted.json()
    assert (shown["complex"], shown["especially_complex"], shown["instance"]) == (True, False, 1)
    undecided = {"action": "extend", "reason": "Xác minh thêm"}
    undecided = api(province_manager).post(url, undecided, content_type="application/json")
    assert undecided.status_code == 400 and undecided.json()["code"] == "decision_required"
    p.refresh_from_db()
    decided = {"action": "extend", "reason": "Xác minh thêm", "decision_number": "7/QĐ-UBND"}
    decided["decision_date"] = local_date(p.accepted_at).isoformat()  # decided the day it was accepted
    wrong = api(other_manager).post(url, decided, content_type="application/json")
    assert wrong.status_code == 404
    extended = api(province_manager).post(url, decided, content_type="application/json")
    assert extended.status_code == 200, extended.content
    assert extended.json()["extensions"] == 1
    assert PetitionExtension.objects.get(petition=p).decision_number == "7/QĐ-UBND"
