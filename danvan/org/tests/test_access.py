"""The access policy with the three personas, across both eras of the map."""

import pytest
from django.utils import translation

from danvan.conftest import unit
from danvan.core.errors import DomainError, NotFound
from danvan.geo import selectors
from danvan.geo.models import AdminUnit, Level
from danvan.geo.services import village_add
from danvan.org.access import Action, can, scope_filter, scope_of, visible_units
from danvan.org.models import Organization, Role
from danvan.org.selectors import organization_list
from danvan.org.services import membership_grant


def test_a_province_manager_sees_their_province_in_both_eras(province_manager):
    paths = scope_of(province_manager).paths()
    assert paths == ["2024/22/", "2025/22/"]
    assert can(province_manager, Action.VIEW, unit("2024", "06823"))
    assert can(province_manager, Action.MANAGE, unit("2025", "06820"))


def test_a_merged_province_brings_both_old_provinces(other_manager):
    # today's Tuyên Quang was made of the old Tuyên Quang and Hà Giang
    assert scope_of(other_manager).paths() == ["2024/02/", "2024/08/", "2025/08/"]


def test_it_rejects_other_province(other_manager):
    quang_ninh = unit("2024", "22")
    assert not can(other_manager, Action.VIEW, quang_ninh)
    assert not visible_units(other_manager).filter(path__startswith="2024/22/").exists()
    assert not visible_units(other_manager).filter(path__startswith="2025/22/").exists()
    with pytest.raises(NotFound):
        selectors.unit_get(user=other_manager, era="2024", code="06823")


def test_forbidden_and_missing_look_the_same(other_manager):
    with pytest.raises(NotFound) as forbidden:
        selectors.unit_get(user=other_manager, era="2024", code="06823")
    with pytest.raises(NotFound) as missing:
        selectors.unit_get(user=other_manager, era="2024", code="00000")
    assert forbidden.value.status == missing.value.status == 404
    assert forbidden.value.message.replace("06823", "X") == missing.value.message.replace("00000", "X")


def test_a_commune_reporter_sees_their_ward_and_its_ancestors_only(commune_reporter):
    visible = visible_units(commune_reporter)
    assert set(visible.values_list("code", flat=True)) == {"22", "196", "06823"}
    assert can(commune_reporter, Action.REPORT, unit("2024", "06823"))
    assert not can(commune_reporter, Action.REVIEW, unit("2024", "06823"))
    # an ancestor is named, not administered
    assert not can(commune_reporter, Action.VIEW, unit("2024", "196"))


def test_a_reporter_of_a_merged_ward_does_not_inherit_the_new_ward(commune_reporter):
    # Nam Khê went into Phường Vàng Danh together with other wards
    assert not can(commune_reporter, Action.VIEW, unit("2025", "06820"))
    assert scope_of(commune_reporter).paths() == ["2024/22/196/06823/"]


def test_a_commune_kept_whole_carries_its_scope_into_the_new_era(db, django_user_model):
    # Xã Cái Chiên (Hải Hà) went into the 2025 map alone and whole: its reporter keeps it there
    user = django_user_model.objects.create_user("caichien", password="x")
    membership_grant(actor=None, user=user, role=Role.REPORTER, unit=unit("2024", "06967"))
    assert scope_of(user).paths() == ["2024/22/201/06967/", "2025/22/06967/"]
    assert can(user, Action.REPORT, unit("2025", "06967"))
    assert not can(user, Action.VIEW, unit("2025", "22"))


def test_anonymous_sees_nothing(db):
    from django.contrib.auth.models import AnonymousUser

    assert visible_units(AnonymousUser()).count() == 0
    assert organization_list(user=AnonymousUser()).count() == 0


def test_superuser_sees_the_whole_country(admin_user):
    assert visible_units(admin_user).count() == AdminUnit.objects.count()


def test_organisations_are_scoped(province_manager, other_manager):
    mine = set(organization_list(user=province_manager).values_list("name", flat=True))
    theirs = set(organization_list(user=other_manager).values_list("name", flat=True))
    assert "Ủy ban MTTQ Việt Nam phường Nam Khê" in mine
    assert "Công an tỉnh Tuyên Quang" in theirs
    assert not any("Quảng Ninh" in n or "Uông Bí" in n for n in theirs)
    assert not mine & theirs


def test_organisation_search_without_diacritics(province_manager):
    found = organization_list(user=province_manager, q="cuu chien binh")
    assert [o.name for o in found] == ["Hội Cựu chiến binh thị xã Đông Triều"]


def test_a_membership_narrowed_to_an_organisation(db, django_user_model):
    user = django_user_model.objects.create_user("mttq", password="x")
    front = Organization.objects.get(name="Ủy ban MTTQ Việt Nam phường Nam Khê")
    membership_grant(actor=None, user=user, role=Role.REPORTER, unit=unit("2024", "196"), organization=front)
    allowed = scope_filter(Organization.objects.all(), user, org_field="pk")
    assert list(allowed) == [front]
    assert can(user, Action.REPORT, unit("2024", "06823"), organization=front)
    other = Organization.objects.get(name="Ban Dân vận Thành ủy Uông Bí")
    assert not can(user, Action.REPORT, unit("2024", "196"), organization=other)


def test_only_managers_add_villages(province_manager, commune_reporter):
    nam_khe = unit("2024", "06823")
    with pytest.raises(DomainError) as refused:
        village_add(actor=commune_reporter, commune=nam_khe, name="Khu 1")
    assert refused.value.status == 403
    assert not nam_khe.children.exists()
    village = village_add(actor=province_manager, commune=nam_khe, name="Khu 1", type_name="Khu")
    assert village.level == Level.VILLAGE and village.path == "2024/22/196/06823/06823-001/"
    assert village.name == "Khu Khu 1" and not village.official
    assert can(commune_reporter, Action.REPORT, village)  # inside the reporter's ward


def test_a_village_name_is_unique_in_its_commune(province_manager):
    nam_khe = unit("2024", "06823")
    village_add(actor=province_manager, commune=nam_khe, name="Nam Sơn", type_name="Tổ dân phố")
    with translation.override("en"), pytest.raises(DomainError, match="already"):
        village_add(actor=province_manager, commune=nam_khe, name="nam  son", type_name="Tổ dân phố")
    assert nam_khe.children.count() == 1


def test_villages_only_go_under_communes(province_manager):
    with pytest.raises(DomainError):
        village_add(actor=province_manager, commune=unit("2024", "196"), name="Khu 1")


def test_a_manager_cannot_grant_outside_their_scope(other_manager, django_user_model):
    user = django_user_model.objects.create_user("spy", password="x")
    with pytest.raises(DomainError):
        membership_grant(actor=other_manager, user=user, role=Role.MANAGER, unit=unit("2025", "22"))
    assert not user.memberships.exists()
