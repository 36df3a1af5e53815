"""Award decisions: who may award which, numbering without gaps or duplicates, commended models, the figures."""

import threading
from datetime import date
from typing import Any

import pytest
from django.db import connection, connections

from danvan.conftest import unit
from danvan.core.errors import DomainError
from danvan.initiatives.models import Status
from danvan.initiatives.services import initiative_transition
from danvan.initiatives.tests.factories import nam_khe_model
from danvan.org.models import Organization
from danvan.recognition.models import Award, AwardDecision, Awarder, Certificate, DecisionStatus, NumberSeries
from danvan.recognition.selectors.awards import awarder_of
from danvan.recognition.services.decisions import RecipientSpec, decision_create, decision_issue, decision_revoke
from danvan.reporting.models import Indicator
from danvan.reporting.periods import period_get
from danvan.reporting.selectors import rollup

pytestmark = pytest.mark.django_db
DAY = date(2024, 12, 20)


def commission() -> Organization:
    return Organization.objects.get(name="Ban Dân vận Tỉnh ủy Quảng Ninh")


def draft(actor, *, award="bang-khen-dang-mat-tran", issuer=None, recipients=None, year=2024):
    return decision_create(
        actor=actor,
        issuer=issuer or commission(),
        award=Award.objects.get(code=award),
        year=year,
        title="Về việc tặng Bằng khen cho các tập thể, cá nhân có thành tích xuất sắc "
        "trong phong trào thi đua “Dân vận khéo” năm 2024",
        reason="Đã có thành tích xuất sắc trong thực hiện phong trào thi đua “Dân vận khéo” năm 2024",
        signer_name="Nguyễn Thị Hạnh",
        signer_title="Trưởng Ban",
        suffix="BDVTU",
        place="Quảng Ninh",
        recipients=recipients or [RecipientSpec(unit=unit("2024", "06823"), name="Nhân dân phường Nam Khê")],
        on=DAY,
    )


def test_an_organisation_stands_for_its_awarder():
    assert awarder_of(commission(), on=DAY) == Awarder.PARTY_PROVINCE
    front = Organization.objects.get(name="Ủy ban MTTQ Việt Nam phường Nam Khê")
    assert awarder_of(front, on=DAY) == Awarder.FRONT_LOCAL


def test_an_issuer_awards_only_what_it_may(province_manager):
    with pytest.raises(DomainError) as err:  # the State's provincial Bằng khen is the chairman's, not the commission's
        draft(province_manager, award="bang-khen-tinh")
    assert err.value.code == "award_not_allowed"
    assert "không được tặng" in err.value.message or "may not award" in err.value.message
    assert not AwardDecision.objects.exists()


def test_a_manager_elsewhere_cannot_issue(other_manager, commune_reporter):
    for outsider in (other_manager, commune_reporter):
        with pytest.raises(DomainError) as err:
            draft(outsider)
        assert err.value.status == 403


def test_numbers_follow_each_other_per_issuer_year_and_type(province_manager):
    a, b, c = draft(province_manager), draft(province_manager), draft(province_manager, year=2025)
    assert a.number is None and a.number_text == ""
    for d in (b, a, c):
        decision_issue(actor=province_manager, decision=d, signed_on=DAY)
    numbers = {d.pk: AwardDecision.objects.get(pk=d.pk).number_text for d in (a, b, c)}
    assert numbers == {b.pk: "1/QĐ-BDVTU", a.pk: "2/QĐ-BDVTU", c.pk: "1/QĐ-BDVTU"}
    with pytest.raises(DomainError) as err:
        decision_issue(actor=province_manager, decision=a, signed_on=DAY)
    assert err.value.code == "already_issued"


def test_a_revoked_decision_keeps_its_number_and_needs_a_reason(province_manager):
    d = decision_issue(actor=province_manager, decision=draft(province_manager), signed_on=DAY)
    with pytest.raises(DomainError):
        decision_revoke(actor=province_manager, decision=d, reason="")
    decision_revoke(actor=province_manager, decision=d, reason="Cấp nhầm đối tượng")
    nxt = decision_issue(actor=province_manager, decision=draft(province_manager), signed_on=DAY)
    assert (AwardDecision.objects.get(pk=d.pk).status, nxt.number) == (DecisionStatus.REVOKED, 2)


def test_a_named_model_becomes_commended_and_an_unrecognised_one_stops_the_issue(
    province_manager, commune_reporter, district_reviewer
):
    model = nam_khe_model(commune_reporter)
    initiative_transition(actor=commune_reporter, initiative=model, to="registered")
    d = draft(province_manager, recipients=[RecipientSpec(unit=unit("2024", "06823"), initiative=model)])
    with pytest.raises(DomainError) as err:
        decision_issue(actor=province_manager, decision=d, signed_on=DAY)
    assert err.value.code == "not_recognised"
    d.refresh_from_db()
    assert (d.status, d.number) == ("draft", None) and not NumberSeries.objects.filter(last__gt=0).exists()
    initiative_transition(actor=district_reviewer, initiative=model, to="recognised")
    decision_issue(actor=province_manager, decision=d, signed_on=DAY)
    model.refresh_from_db()
    assert model.status == Status.COMMENDED
    assert model.events.last().comment == "1/QĐ-BDVTU"


def test_the_rollup_reads_the_commended_from_issued_decisions(province_manager, admin_user):
    people = [RecipientSpec(unit=unit("2024", "06823"), name=f"Tập thể {i}") for i in range(3)]
    d = draft(province_manager, recipients=people)
    collectives = Indicator.objects.get(code="awards_collective")
    read = lambda u: rollup(user=admin_user, unit=u, indicator=collectives, period=period_get("2024")).value  # noqa: E731
    assert read(unit("2024", "22")) == 0  # a draft awards nothing
    decision_issue(actor=province_manager, decision=d, signed_on=DAY)
    assert [read(u) for u in (unit("2024", "06823"), unit("2024", "22"), unit("2025", "22"))] == [3, 3, 3]
    decision_revoke(actor=province_manager, decision=d, reason="Sai sót")
    assert read(unit("2025", "22")) == 0


def test_codes_are_unique_and_readable(province_manager):
    d = draft(province_manager, recipients=[RecipientSpec(unit=unit("2024", "06823"), name=str(i)) for i in range(50)])
    codes = list(Certificate.objects.filter(decision=d).values_list("code", flat=True))
    assert len(set(codes)) == 50 and all(len(c) == 10 and not set(c) & set("01IO") for c in codes)


def _in_own_connection(fn) -> None:
    """Run `fn` in a thread: its own connection, committed, outside the test's transaction."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            fn()
        except BaseException as e:  # re-raised in the test
            errors.append(e)
        finally:
            connections.close_all()

    t = threading.Thread(target=run)
    t.start()
    t.join()
    if errors:
        raise errors[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks across connections: PostgreSQL")
def test_concurrent_issuing_gives_no_duplicate_and_no_gap(province_manager: Any) -> None:
    """Eight threads, each its own connection and transaction, issue at once; the numbers are 1..8."""
    year = 2091  # a year no other test uses: these rows are committed, and removed at the end
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []
    ids: list[int] = []

    def make_and_issue() -> None:
        try:
            d = draft(province_manager, year=year)
            barrier.wait(timeout=60)
            decision_issue(actor=province_manager, decision=d, signed_on=DAY)
            ids.append(d.pk)
        except BaseException as e:  # reported below
            errors.append(e)
        finally:
            connections.close_all()

    def clean() -> None:
        Certificate.objects.filter(decision__year=year).delete()
        AwardDecision.objects.filter(year=year).delete()
        NumberSeries.objects.filter(year=year).delete()

    threads = [threading.Thread(target=make_and_issue) for _ in range(8)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors, errors
        numbers = sorted(n or 0 for n in AwardDecision.objects.filter(pk__in=ids).values_list("number", flat=True))
        assert numbers == list(range(1, 9))
        assert NumberSeries.objects.get(year=year).last == 8
    finally:
        _in_own_connection(clean)
