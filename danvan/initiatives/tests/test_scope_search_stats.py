"""Who sees which models, diacritic-free search, and statistics across the two maps."""

from danvan.conftest import unit
from danvan.initiatives.models import Field, Status
from danvan.initiatives.selectors import InitiativeFilters, initiative_list, initiative_stats
from danvan.initiatives.tests.factories import nam_khe_model
from danvan.org.models import Organization


def ninh_son_model(actor, field, **kwargs):
    return nam_khe_model(
        actor,
        name=kwargs.pop("name", "Mô hình Ninh Sơn"),
        field=field,
        unit=unit("2024", "585"),
        organization=Organization.objects.get(name="Ban Dân vận Huyện ủy Ninh Sơn"),
        **kwargs,
    )


def test_a_reviewer_of_another_province_sees_none_of_its_drafts(commune_reporter, other_manager, province_manager):
    draft = nam_khe_model(commune_reporter)
    assert list(initiative_list(user=other_manager)) == []
    assert draft in initiative_list(user=province_manager)
    assert draft in initiative_list(user=commune_reporter)


def test_search_works_without_diacritics(commune_reporter):
    model = nam_khe_model(commune_reporter)
    for q in ("tu quan nam son", "Tự quản", "185 trieu", "NAM KHE"):
        assert list(initiative_list(user=commune_reporter, filters=InitiativeFilters(q=q))) == [model], q
    assert not initiative_list(user=commune_reporter, filters=InitiativeFilters(q="ca phe sang")).exists()


def test_filters_combine(commune_reporter):
    model = nam_khe_model(commune_reporter, register=True)
    f = InitiativeFilters(field=Field.CULTURAL_SOCIAL, status=Status.REGISTERED, year=2024, organization_kind="mttq")
    assert list(initiative_list(user=commune_reporter, filters=f)) == [model]
    assert not initiative_list(user=commune_reporter, filters=InitiativeFilters(year=2023)).exists()


def test_an_old_district_model_counts_under_the_new_province(admin_user):
    user = admin_user
    for field in (Field.ECONOMIC, Field.ECONOMIC, Field.DEFENCE_SECURITY):
        ninh_son_model(user, field, register=True)
    ninh_son_model(user, Field.CULTURAL_SOCIAL)  # a draft: not counted in the totals

    new = initiative_stats(user=user, unit=unit("2025", "56"), year=2024)  # Khánh Hòa, 2025 map
    old = initiative_stats(user=user, unit=unit("2024", "58"), year=2024)  # Ninh Thuận, 2024 map
    for stats in (new, old):
        assert stats.total == 3
        assert stats.by_field["economic"] == 2 and stats.by_field["defence_security"] == 1
        assert stats.by_status["draft"] == 1
    elsewhere = initiative_stats(user=user, unit=unit("2024", "56"), year=2024)  # the old Khánh Hòa
    assert elsewhere.total == 0


def test_a_new_map_model_counts_under_the_old_province_it_lies_in(admin_user):
    # Xã Cái Chiên went whole from the old Hải Hà district (Quảng Ninh) into the new map
    model = nam_khe_model(
        admin_user,
        unit=unit("2025", "06967"),
        organization=Organization.objects.get(name="Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh"),
        year=2025,
        register=True,
    )
    assert initiative_stats(user=admin_user, unit=unit("2024", "22"), year=2025).total == 1
    assert initiative_stats(user=admin_user, unit=unit("2024", "201"), year=2025).total == 1
    assert model in initiative_list(user=admin_user, filters=InitiativeFilters(unit=unit("2025", "22")))


def test_stats_are_scoped(commune_reporter, other_manager):
    nam_khe_model(commune_reporter, register=True)
    assert initiative_stats(user=other_manager, unit=unit("2024", "22")).total == 0
    assert initiative_stats(user=commune_reporter, unit=unit("2024", "22")).total == 1
