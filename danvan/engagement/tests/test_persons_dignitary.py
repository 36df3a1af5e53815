"""A religious dignitary's standing reveals a religion: shown, filtered and exported like the religion.

Who may not see a person's sensitive data (a reporter, a viewer) sees "khác" (other) in its place on
every page, export and API answer, and cannot find the dignitaries through the standing filter.
"""

from __future__ import annotations

from datetime import date

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from danvan.conftest import unit
from danvan.core.errors import DomainError
from danvan.engagement.models import PrestigiousPerson
from danvan.engagement.selectors.persons import PersonFilters, person_list
from danvan.engagement.services.persons import person_create, person_update
from danvan.engagement.tests.activity_helpers import binh_lieu_person, viewer_of
from danvan.org.models import AuditEvent, Membership, Role, User

pytestmark = pytest.mark.django_db
DIGNITARY = "Chức sắc tôn giáo"  # as a cell shows it (capitalised; the lede speaks of them in lower case)


@pytest.fixture
def reporter(db):
    user = User.objects.create(username="binhlieu", full_name="Hoàng Văn Sơn")
    Membership.objects.create(user=user, role=Role.REPORTER, unit=unit("2024", "198"))
    return user


@pytest.fixture
def dignitary(province_manager):
    return binh_lieu_person(province_manager, full_name="Hoàng Văn Phúc", standing="religious", religion="Phật giáo")


def api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def _reads(person) -> int:
    return AuditEvent.objects.filter(verb="person.sensitive_read", target_id=str(person.pk)).count()


@pytest.mark.parametrize("who", ["reporter", "viewer"])
def test_the_wrong_user_sees_other_on_every_page_and_export(login, dignitary, reporter, who):
    user = reporter if who == "reporter" else viewer_of("2024", "198")
    c = login(user)
    for url in ("/engagement/persons/", f"/engagement/persons/{dignitary.pk}/", "/engagement/persons/?export=csv"):
        body = c.get(url).content.decode("utf-8-sig")
        assert "Hoàng Văn Phúc" in body, url
        assert DIGNITARY not in body and "Phật giáo" not in body, url
    assert "Khác" in c.get(f"/engagement/persons/{dignitary.pk}/").content.decode()
    assert _reads(dignitary) == 0


def test_the_wrong_user_cannot_find_dignitaries_by_the_filter(login, dignitary, reporter):
    page = login(reporter).get("/engagement/persons/").content.decode()
    assert 'value="religious"' not in page  # the choice is not offered
    assert login(reporter).get("/engagement/persons/?standing=religious").status_code == 400
    assert not person_list(user=reporter, filters=PersonFilters(standing="religious")).exists()
    assert list(person_list(user=reporter, filters=PersonFilters(standing="other"))) == [dignitary]


def test_the_api_answers_other_to_the_wrong_user(dignitary, reporter, province_manager):
    listed = api(reporter).get("/api/v1/prestigious-persons/").json()["results"]
    assert [(p["full_name"], p["standing"]) for p in listed] == [("Hoàng Văn Phúc", "other")]
    detail = api(reporter).get(f"/api/v1/prestigious-persons/{dignitary.pk}/").json()
    assert detail["standing"] == "other" and "religion" not in detail
    assert api(province_manager).get(f"/api/v1/prestigious-persons/{dignitary.pk}/").json()["standing"] == "religious"


def test_the_manager_sees_it_and_each_read_is_audited(login, dignitary, province_manager):
    c = login(province_manager)
    assert DIGNITARY in c.get("/engagement/persons/").content.decode()
    assert AuditEvent.objects.filter(verb="person.sensitive_read", data__purpose="list").count() == 1
    assert DIGNITARY in c.get(f"/engagement/persons/{dignitary.pk}/").content.decode()
    assert list(person_list(user=province_manager, filters=PersonFilters(standing="religious"))) == [dignitary]


def test_the_wrong_user_may_not_record_it_nor_erase_it_by_saving(reporter, dignitary):
    with pytest.raises(DomainError) as exc:
        binh_lieu_person(reporter, full_name="Lý Văn A", standing="religious", ethnic_group=None, religion="")
    assert exc.value.code == "sensitive_forbidden"
    with pytest.raises(DomainError):  # even on a person who already is one: the answer must not tell
        person_update(actor=reporter, person=dignitary, standing="religious")
    person_update(actor=reporter, person=dignitary, standing="other", notes="Đã thăm hỏi")  # what he was shown
    dignitary.refresh_from_db()
    assert (dignitary.standing, dignitary.notes) == ("religious", "Đã thăm hỏi")
    person_update(actor=reporter, person=dignitary, standing="elder")  # a real change is his to make
    assert PrestigiousPerson.objects.get(pk=dignitary.pk).standing == "elder"


def test_the_edit_form_does_not_give_it_away(login, reporter, dignitary):
    form = login(reporter).get(f"/engagement/persons/{dignitary.pk}/edit/").content.decode()
    assert 'value="religious"' not in form and 'value="other" selected' in form


def test_a_person_read_without_the_selector_is_masked(province_manager):
    p = person_create(
        actor=province_manager,
        full_name="Thích Minh",
        village=unit("2024", "06841"),
        standing="religious",
        since=date(2020, 1, 1),
    )
    assert PrestigiousPerson.objects.get(pk=p.pk).visible_standing == "other"
