"""Prestigious persons: scope, counts per unit, and ethnicity/religion/contacts only for allowed roles, audited."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.conftest import unit
from danvan.core.errors import DomainError
from danvan.engagement.models import EthnicGroup, PersonEngagement, PrestigiousPerson
from danvan.engagement.selectors.persons import person_counts, person_list
from danvan.engagement.services.persons import person_create, person_update
from danvan.engagement.tests.activity_helpers import binh_lieu_person, viewer_of
from danvan.org.models import AuditEvent, Membership, Role, User


def _reads(person) -> int:
    return AuditEvent.objects.filter(verb="person.sensitive_read", target_id=str(person.pk)).count()


@pytest.fixture
def binh_lieu_reporter(db):
    user = User.objects.create(username="binhlieu", full_name="Hoàng Văn Sơn")
    Membership.objects.create(user=user, role=Role.REPORTER, unit=unit("2024", "198"))
    return user


def test_a_manager_sees_the_sensitive_fields_and_each_view_is_audited(login, province_manager):
    p = binh_lieu_person(province_manager)
    c = login(province_manager)
    page = c.get(f"/engagement/persons/{p.pk}/").content.decode()
    assert 'id="sensitive"' in page and "Tày" in page and "0912 345 678" in page
    assert _reads(p) == 1
    c.get(f"/engagement/persons/{p.pk}/")
    assert _reads(p) == 2
    event = AuditEvent.objects.filter(verb="person.sensitive_read").first()
    assert event.actor == province_manager and event.data == {"purpose": "detail"}


def test_a_reporter_sees_name_village_standing_only(login, province_manager, binh_lieu_reporter):
    p = binh_lieu_person(province_manager)
    page = login(binh_lieu_reporter).get(f"/engagement/persons/{p.pk}/").content.decode()
    assert "Lục Văn Thắng" in page and "Xã Hoành Mô" in page
    for secret in ('id="sensitive"', "Tày", "0912 345 678", "Nà Ếch"):
        assert secret not in page, secret
    assert _reads(p) == 0
    form = login(binh_lieu_reporter).get(f"/engagement/persons/{p.pk}/edit/").content.decode()
    assert "0912 345 678" not in form and 'name="ethnic_group"' not in form


def test_a_viewer_sees_no_sensitive_field(login, province_manager):
    p = binh_lieu_person(province_manager)
    viewer = viewer_of("2024", "198")
    page = login(viewer).get(f"/engagement/persons/{p.pk}/").content.decode()
    assert "Lục Văn Thắng" in page and "0912 345 678" not in page
    assert login(viewer).get(f"/engagement/persons/{p.pk}/edit/").status_code == 403


def test_the_wrong_user_gets_404(login, province_manager, other_manager):
    p = binh_lieu_person(province_manager)
    c = login(other_manager)
    for url in ("", "edit/"):
        assert c.get(f"/engagement/persons/{p.pk}/{url}").status_code == 404
    assert c.post(f"/engagement/persons/{p.pk}/log/", {"held_on": "2024-01-01", "kind": "visit"}).status_code == 404
    assert "Lục Văn Thắng" not in c.get("/engagement/persons/").content.decode()
    assert _reads(p) == 0


def test_a_reporter_may_not_write_sensitive_fields(binh_lieu_reporter, province_manager):
    with pytest.raises(DomainError) as e:
        binh_lieu_person(binh_lieu_reporter)
    assert e.value.code == "sensitive_forbidden"
    p = binh_lieu_person(binh_lieu_reporter, ethnic_group=None, religion="", phone="", address="")
    with pytest.raises(DomainError):
        person_update(actor=binh_lieu_reporter, person=p, religion="Phật giáo")
    person_update(actor=binh_lieu_reporter, person=p, standing="clan_head")  # plain fields are fine
    person_update(actor=province_manager, person=p, religion="Phật giáo")
    p.refresh_from_db()
    assert (p.standing, p.religion) == ("clan_head", "Phật giáo")


def test_validation(province_manager):
    with pytest.raises(DomainError) as e:
        binh_lieu_person(province_manager, until=date(2018, 1, 1))
    assert e.value.code == "until"
    with pytest.raises(DomainError) as e:
        binh_lieu_person(province_manager, village=unit("2024", "198"))
    assert e.value.code == "village"
    with pytest.raises(DomainError) as e:
        binh_lieu_person(province_manager, standing="king")
    assert e.value.code == "standing"
    assert not PrestigiousPerson.objects.exists()


def test_counts_per_unit(province_manager):
    binh_lieu_person(province_manager)
    binh_lieu_person(province_manager, full_name="Triệu Thị Mai", village=unit("2024", "06844"))
    binh_lieu_person(province_manager, full_name="Cũ", until=date(2020, 1, 1))
    rows = {u.code: n for u, n in person_counts(user=province_manager, unit=unit("2024", "198"))}
    assert rows == {"06841": 1, "06844": 1}
    rows = {u.code: n for u, n in person_counts(user=province_manager, unit=unit("2024", "22"))}
    assert rows == {"198": 2}


def test_the_form_and_the_log(login, province_manager):
    c = login(province_manager)
    r = c.post(
        "/engagement/persons/new/",
        {
            "full_name": "Hoàng Văn Páo",
            "village": "2024/06847",
            "standing": "clan_head",
            "since": "2020-05-01",
            "ethnic_group": EthnicGroup.objects.get(name="Dao").pk,
        },
    )
    assert r.status_code == 302, r.content.decode()[:3000]
    p = PrestigiousPerson.objects.get()
    assert p.ethnic_group.name == "Dao"
    r = c.post(f"/engagement/persons/{p.pk}/log/", {"held_on": "2024-10-02", "kind": "policy", "notes": "Tuyên truyền"})
    assert r.status_code == 302
    assert PersonEngagement.objects.get().person == p
    r = c.post(f"/engagement/persons/{p.pk}/log/", {"held_on": "2999-10-02", "kind": "policy"})
    assert r.status_code == 400 and PersonEngagement.objects.count() == 1


def test_the_export_carries_sensitive_columns_only_for_who_may_see(login, province_manager, binh_lieu_reporter):
    p = binh_lieu_person(province_manager)
    manager_csv = login(province_manager).get("/engagement/persons/?export=csv").content.decode("utf-8-sig")
    assert "Tày" in manager_csv and "0912 345 678" in manager_csv
    assert AuditEvent.objects.filter(verb="person.sensitive_read", data__purpose="export").count() == 1
    reporter_csv = login(binh_lieu_reporter).get("/engagement/persons/?export=csv").content.decode("utf-8-sig")
    assert "Lục Văn Thắng" in reporter_csv and "Tày" not in reporter_csv and "0912" not in reporter_csv
    assert _reads(p) == 1


def test_the_list_hides_sensitive_fields_and_is_scoped(province_manager, other_manager):
    p = binh_lieu_person(province_manager)
    assert list(person_list(user=province_manager)) == [p]
    assert not person_list(user=other_manager).exists()
    assert "ethnic_group" in person_list(user=province_manager).query.deferred_loading[0]


def test_create_directly(province_manager):
    p = person_create(
        actor=province_manager,
        full_name="Vi Văn Thành",
        village=unit("2024", "06853"),
        standing="elder",
        since=date(2021, 1, 1),
    )
    assert p.ethnic_group is None


def test_the_list_keeps_its_query_count(login, province_manager, django_assert_num_queries):
    for n in range(4):
        binh_lieu_person(province_manager, full_name=f"Người thứ {n}")
    c = login(province_manager)
    c.get("/engagement/persons/")
    with django_assert_num_queries(12):  # + the scope roots (org.access.scope_roots)
        page = c.get("/engagement/persons/").content.decode()
    for n in range(4):  # every person is listed by name
        assert f"Người thứ {n}" in page
