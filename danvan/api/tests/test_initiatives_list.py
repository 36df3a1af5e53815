"""GET /api/v1/initiatives/: scope, the back office's filters, search without diacritics, pinned queries."""

import pytest

from danvan.api.tests.initiative_data import LIST
from danvan.conftest import unit
from danvan.initiatives.models import Field, TargetGroup
from danvan.initiatives.services import initiative_create, initiative_transition
from danvan.initiatives.tests.factories import nam_khe_model
from danvan.org.models import Organization


def names(response):
    assert response.status_code == 200, response.content
    return [m["name"] for m in response.json()["results"]]


@pytest.fixture
def models(commune_reporter, district_reviewer, province_manager):
    """A registered street at Nam Khê (2024), a recognised coffee morning in Uông Bí (2025), a draft in Đông Triều."""
    street = nam_khe_model(commune_reporter, register=True, target_groups=TargetGroup.objects.filter(code="khu-dan-cu"))
    coffee = initiative_create(
        actor=district_reviewer,
        name="Cà phê sáng – trao đổi cùng Nhân dân",
        field=Field.CULTURAL_SOCIAL,
        unit=unit("2024", "196"),
        organization=Organization.objects.get(name="Ban Dân vận Thành ủy Uông Bí"),
        year=2025,
        target_groups=[],
        register=True,
    )
    initiative_transition(actor=province_manager, initiative=coffee, to="recognised")
    lights = initiative_create(
        actor=province_manager,
        name="Thắp sáng đường quê",
        field=Field.ECONOMIC,
        unit=unit("2024", "205"),
        organization=Organization.objects.get(name="Hội Cựu chiến binh thị xã Đông Triều"),
        year=2024,
    )
    return street, coffee, lights


def test_anonymous_gets_401(api, db):
    response = api().get(LIST)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_each_caller_sees_their_scope(api, models, province_manager, commune_reporter, district_reviewer):
    assert names(api(province_manager).get(LIST)) == [
        "Cà phê sáng – trao đổi cùng Nhân dân",
        "Thắp sáng đường quê",
        "Tuyến phố tự quản Nam Sơn",
    ]
    assert names(api(district_reviewer).get(LIST)) == [
        "Cà phê sáng – trao đổi cùng Nhân dân",
        "Tuyến phố tự quản Nam Sơn",
    ]
    assert names(api(commune_reporter).get(LIST)) == ["Tuyến phố tự quản Nam Sơn"]


def test_it_rejects_other_province(api, models, other_manager):
    response = api(other_manager).get(LIST)
    assert names(response) == []
    assert response.json()["count"] == 0


def test_each_row_says_what_where_and_how_far(api, models, commune_reporter):
    [row] = api(commune_reporter, language="en").get(LIST).json()["results"]
    street = models[0]
    assert row["id"] == street.pk
    assert row["url"] == f"http://testserver/api/v1/initiatives/{street.pk}/"
    assert (row["field"], row["field_name"], row["status"], row["status_name"]) == (
        "cultural_social",
        "cultural-social",
        "registered",
        "registered",
    )
    assert row["unit"]["era"] == "2024" and row["unit"]["code"] == "06823"
    assert row["organization"]["name"] == "Ủy ban MTTQ Việt Nam phường Nam Khê"
    assert api(commune_reporter).get(LIST).json()["results"][0]["status_name"] == "đã đăng ký"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"field": "economic"}, ["Thắp sáng đường quê"]),
        ({"status": "recognised"}, ["Cà phê sáng – trao đổi cùng Nhân dân"]),
        ({"status": "draft"}, ["Thắp sáng đường quê"]),
        ({"kind": "individual"}, []),
        ({"year": "2024"}, ["Thắp sáng đường quê", "Tuyến phố tự quản Nam Sơn"]),
        ({"unit": "2024/196"}, ["Cà phê sáng – trao đổi cùng Nhân dân", "Tuyến phố tự quản Nam Sơn"]),
        ({"organization_kind": "mttq"}, ["Tuyến phố tự quản Nam Sơn"]),
        ({"target_group": "khu-dan-cu"}, ["Tuyến phố tự quản Nam Sơn"]),
        ({"field": "cultural_social", "year": "2024", "status": "registered"}, ["Tuyến phố tự quản Nam Sơn"]),
        (
            {"field": "", "year": ""},
            ["Cà phê sáng – trao đổi cùng Nhân dân", "Thắp sáng đường quê", "Tuyến phố tự quản Nam Sơn"],
        ),
    ],
    ids=[
        "field",
        "status",
        "draft",
        "kind",
        "year",
        "unit",
        "org-kind",
        "target-group",
        "combined",
        "empty-is-no-filter",
    ],
)
def test_it_filters_like_the_back_office(api, models, province_manager, params, expected):
    assert names(api(province_manager).get(LIST, params)) == expected


def test_the_unit_filter_counts_old_records_under_todays_unit(api, models, province_manager):
    # today's Vàng Danh ward took in the old Nam Khê ward: the old street counts under it
    assert names(api(province_manager).get(LIST, {"unit": "2025/06820"})) == ["Tuyến phố tự quản Nam Sơn"]
    assert len(names(api(province_manager).get(LIST, {"unit": "2025/22"}))) == 3


@pytest.mark.parametrize("q", ["tu quan nam son", "Tự quản", "TU QUAN", "nam khe", "185"])
def test_q_needs_no_diacritics(api, models, province_manager, q):
    assert names(api(province_manager).get(LIST, {"q": q})) == ["Tuyến phố tự quản Nam Sơn"]


def test_q_matches_word_starts_and_combines(api, models, province_manager):
    assert names(api(province_manager).get(LIST, {"q": "uan"})) == []  # not the middle of "quản"
    assert names(api(province_manager).get(LIST, {"q": "ca phe sang", "year": "2025"})) == [
        "Cà phê sáng – trao đổi cùng Nhân dân"
    ]
    assert names(api(province_manager).get(LIST, {"q": "ca phe sang", "year": "2024"})) == []


@pytest.mark.parametrize(
    ("params", "english"),
    [
        ({"field": "sport"}, "field: Select a valid choice. sport is not one of the available choices."),
        ({"year": "1800"}, "year: Ensure this value is greater than or equal to 1990."),
        ({"unit": "Uông Bí"}, "unit: Give the unit as era/code, e.g. 2025/22."),
        ({"unit": "2024/99999"}, "unit: No administrative unit 99999 in era 2024."),
        (
            {"target_group": "nobody"},
            "target_group: Select a valid choice. That choice is not one of the available choices.",
        ),
    ],
    ids=["field", "year", "unit-format", "unit-unknown", "target-group"],
)
def test_it_rejects_a_malformed_filter_naming_it(api, province_manager, params, english):
    response = api(province_manager, language="en").get(LIST, params)
    assert response.status_code == 400
    assert response.json() == {
        "detail": english,
        "code": "invalid",
        "errors": {k: [english.split(": ", 1)[1]] for k in params},
    }
    vietnamese = api(province_manager).get(LIST, params).json()["detail"]
    assert vietnamese.startswith(f"{next(iter(params))}: ") and vietnamese != english


def test_a_unit_outside_the_scope_is_as_unknown_as_a_missing_one(api, other_manager):
    hidden = api(other_manager, language="en").get(LIST, {"unit": "2024/196"})
    assert hidden.status_code == 400
    assert hidden.json()["detail"] == "unit: No administrative unit 196 in era 2024."


@pytest.mark.parametrize("params", [{"q": "nam\x00khe"}, {"unit": "2024/\x00"}, {"year": "20\x0024"}])
def test_a_nul_character_is_a_400_not_a_database_error(api, province_manager, params):
    response = api(province_manager).get(LIST, params)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == set(params)


def test_it_pages(api, models, province_manager):
    first = api(province_manager).get(LIST, {"limit": 2}).json()
    assert first["count"] == 3
    assert len(first["results"]) == 2
    assert names(api(province_manager).get(first["next"])) == ["Tuyến phố tự quản Nam Sơn"]


def test_it_lists_in_fixed_queries(api, models, province_manager, django_assert_num_queries):
    client = api(province_manager)
    # token (1) + scope (1 + 5) + count (1) + rows with unit, era, organisation and kind joined (1)
    with django_assert_num_queries(4 + 2):
        assert len(names(client.get(LIST))) == 3
    # the same with every filter: + the unit (1, on today's map no other) + organisation kind (1) + target group (1)
    params = {"unit": "2025/22", "organization_kind": "mttq", "target_group": "khu-dan-cu", "q": "nam son"}
    with django_assert_num_queries(4 + 3 + 2):
        response = client.get(LIST, {**params, "field": "cultural_social", "status": "registered", "year": "2024"})
        assert names(response) == ["Tuyến phố tự quản Nam Sơn"]


def test_the_administrator_lists_in_fewer_queries(api, models, admin_user, django_assert_num_queries):
    client = api(admin_user)
    with django_assert_num_queries(1 + 2):  # token, count, rows: a superuser has no scope to work out
        assert len(names(client.get(LIST))) == 3
