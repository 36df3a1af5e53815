"""GET /api/v1/initiatives/stats/: counts by field, status and kind, across the two maps, within scope."""

import pytest

from danvan.api.tests.initiative_data import STATS
from danvan.conftest import unit
from danvan.initiatives.models import Field
from danvan.initiatives.tests.factories import nam_khe_model
from danvan.org.models import Membership, Organization, Role, User


def ninh_son_model(actor, field, **kwargs):
    return nam_khe_model(
        actor,
        name=kwargs.pop("name", "Mô hình Ninh Sơn"),
        field=field,
        unit=unit("2024", "585"),
        organization=Organization.objects.get(name="Ban Dân vận Huyện ủy Ninh Sơn"),
        **kwargs,
    )


@pytest.fixture
def ninh_son(admin_user):
    """Ninh Sơn district (2024 map): two economic models, one of defence and security, and a draft."""
    for field in (Field.ECONOMIC, Field.ECONOMIC, Field.DEFENCE_SECURITY):
        ninh_son_model(admin_user, field, register=True)
    ninh_son_model(admin_user, Field.CULTURAL_SOCIAL)
    nam_khe_model(admin_user, register=True)  # Quảng Ninh: counted elsewhere only


def stats(client, **params):
    response = client.get(STATS, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_anonymous_gets_401(api, db):
    assert api().get(STATS).status_code == 401


@pytest.mark.parametrize(
    ("ref", "what"),
    [("2024/585", "the old district"), ("2024/58", "the old Ninh Thuận"), ("2025/56", "today's Khánh Hòa")],
)
def test_an_old_district_model_counts_on_both_maps(api, ninh_son, admin_user, ref, what):
    body = stats(api(admin_user), unit=ref, year=2024)
    assert body["total"] == 3, what
    assert body["by_field"] == {"economic": 2, "cultural_social": 0, "defence_security": 1, "party_building": 0}
    assert body["by_status"]["draft"] == 1 and body["by_status"]["registered"] == 3
    assert body["by_kind"] == {"collective": 3, "individual": 0}
    era, code = ref.split("/")
    assert [(a["era"], a["code"]) for a in body["areas"]] == [(era, code)]
    assert (body["era"], body["year"]) == (era, 2024)


def test_the_old_khanh_hoa_does_not_get_them(api, ninh_son, admin_user):
    assert stats(api(admin_user), unit="2024/56", year=2024)["total"] == 0
    assert stats(api(admin_user), unit="2025/56", year=2023)["total"] == 0


def test_era_alone_is_the_whole_country_for_the_administrator(api, ninh_son, admin_user):
    for era in ("2024", "2025"):
        body = stats(api(admin_user), era=era, year=2024)
        assert (body["total"], body["areas"], body["era"]) == (4, None, era)
    assert stats(api(admin_user))["total"] == 4


def test_era_alone_is_the_callers_own_areas_on_that_map(api, ninh_son, province_manager):
    old = stats(api(province_manager), era="2024")
    assert [(a["era"], a["code"]) for a in old["areas"]] == [("2024", "22")]
    new = stats(api(province_manager), era="2025")
    assert [(a["era"], a["code"]) for a in new["areas"]] == [("2025", "22")]
    assert old["total"] == new["total"] == stats(api(province_manager))["total"] == 1  # Nam Khê's, not Ninh Sơn's


def test_several_areas_on_one_map_are_added_up(api, ninh_son, province_manager):
    Membership.objects.create(user=province_manager, role=Role.VIEWER, unit=unit("2024", "585"))
    province_manager = User.objects.get(pk=province_manager.pk)  # a fresh scope
    body = stats(api(province_manager), era="2024", year=2024)
    assert [(a["era"], a["code"]) for a in body["areas"]] == [("2024", "22"), ("2024", "585")]
    assert body["total"] == 4
    assert body["by_field"]["economic"] == 2


def test_a_caller_with_no_area_on_that_map_is_told_so(api, commune_reporter):
    # old Nam Khê ward was merged into a larger new ward its reporter is not responsible for
    response = api(commune_reporter, language="en").get(STATS, {"era": "2025"})
    assert response.status_code == 400
    assert response.json()["errors"] == {"era": ["you have no area of your own on the map 2025; ask for a unit."]}


def test_it_rejects_other_province(api, ninh_son, other_manager, commune_reporter):
    assert stats(api(other_manager))["total"] == 0
    hidden = api(other_manager).get(STATS, {"unit": "2024/22"})
    assert hidden.status_code == 400 and list(hidden.json()["errors"]) == ["unit"]
    assert stats(api(commune_reporter), unit="2024/22")["total"] == 1  # the province above: only what it sees


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({"era": "1999"}, {"era": ["“1999” is not a map era; use one of: 2024, 2025."]}),
        ({"unit": "2024/58", "era": "2025"}, {"era": ["the unit is on the map 2024, not 2025."]}),
        ({"year": "two"}, {"year": ["a whole number is required."]}),
        ({"unit": "Ninh Sơn"}, {"unit": ["write the unit as era/code, e.g. 2025/22."]}),
    ],
    ids=["era", "era-mismatch", "year", "unit"],
)
def test_it_rejects_malformed_parameters_naming_them(api, admin_user, params, errors):
    response = api(admin_user, language="en").get(STATS, params)
    assert response.status_code == 400
    assert response.json()["errors"] == errors


def test_it_counts_in_fixed_queries(api, ninh_son, province_manager, admin_user, django_assert_num_queries):
    client = api(province_manager)
    # token (1) + scope (1 + 2) + the unit (1) + one GROUP BY (1): on today's map no other query
    with django_assert_num_queries(4 + 1 + 1):
        stats(client, unit="2025/22", year=2024)
    # on the old map the unit's area also takes in the newer units inside it (2 queries)
    with django_assert_num_queries(4 + 1 + 2 + 1):
        stats(client, unit="2024/22", year=2024)
    national = api(admin_user)
    with django_assert_num_queries(1 + 1 + 1):  # token, the eras (to check "era"), GROUP BY: the whole country
        assert stats(national, era="2025", year=2024)["total"] == 4
