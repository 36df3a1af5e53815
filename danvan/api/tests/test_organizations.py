"""GET /api/v1/organizations/: scope, filters by unit subtree, kind and name, pinned queries."""

import pytest

URL = "/api/v1/organizations/"
QUANG_NINH = {
    "Ban Dân vận Tỉnh ủy Quảng Ninh",
    "Ủy ban MTTQ Việt Nam tỉnh Quảng Ninh",
    "Ban Dân vận Thành ủy Uông Bí",
    "Ủy ban MTTQ Việt Nam phường Nam Khê",
    "Ban Dân vận Huyện ủy Bình Liêu",
    "Ban Dân vận Thị ủy Đông Triều",
    "Hội Cựu chiến binh thị xã Đông Triều",
    "Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh",
    "Ủy ban MTTQ Việt Nam phường Vàng Danh",
}


def names(response):
    assert response.status_code == 200, response.content
    return [o["name"] for o in response.json()["results"]]


def test_anonymous_gets_401(api, db):
    response = api().get(URL)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_province_manager_sees_the_province_on_both_maps(api, province_manager):
    assert set(names(api(province_manager).get(URL))) == QUANG_NINH


def test_it_rejects_other_province(api, other_manager):
    seen = set(names(api(other_manager).get(URL)))
    assert "Công an tỉnh Tuyên Quang" in seen
    assert not seen & QUANG_NINH


def test_a_commune_reporter_sees_only_the_commune(api, commune_reporter):
    assert names(api(commune_reporter).get(URL)) == ["Ủy ban MTTQ Việt Nam phường Nam Khê"]


def test_each_organisation_says_where_it_is_and_what_it_is(api, commune_reporter):
    [mttq] = api(commune_reporter).get(URL).json()["results"]
    assert mttq["kind"] == "mttq"
    assert mttq["kind_name"] == "Ủy ban Mặt trận Tổ quốc Việt Nam"
    assert mttq["parent"] is None
    assert mttq["unit"] == {
        "era": "2024",
        "code": "06823",
        "level": "commune",
        "name": "Phường Nam Khê",
        "url": "http://testserver/api/v1/units/2024/06823/",
    }


def test_it_filters_by_unit_subtree(api, province_manager):
    assert set(names(api(province_manager).get(URL, {"unit": "2024/196"}))) == {
        "Ban Dân vận Thành ủy Uông Bí",
        "Ủy ban MTTQ Việt Nam phường Nam Khê",
    }
    assert set(names(api(province_manager).get(URL, {"unit": "2025/22"}))) == {
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh",
        "Ủy ban MTTQ Việt Nam phường Vàng Danh",
    }


def test_it_filters_by_kind_and_name(api, province_manager):
    assert set(names(api(province_manager).get(URL, {"kind": "mttq"}))) == {
        "Ủy ban MTTQ Việt Nam tỉnh Quảng Ninh",
        "Ủy ban MTTQ Việt Nam phường Nam Khê",
        "Ủy ban MTTQ Việt Nam phường Vàng Danh",
    }
    assert names(api(province_manager).get(URL, {"q": "dong trieu"})) == [
        "Ban Dân vận Thị ủy Đông Triều",
        "Hội Cựu chiến binh thị xã Đông Triều",
    ]
    assert names(api(province_manager).get(URL, {"kind": "no-such-kind"})) == []


def test_it_combines_filters(api, province_manager):
    response = api(province_manager).get(URL, {"unit": "2024/22", "kind": "mttq", "q": "nam khe"})
    assert names(response) == ["Ủy ban MTTQ Việt Nam phường Nam Khê"]


@pytest.mark.parametrize(
    ("params", "vietnamese", "english"),
    [
        (
            {"unit": "2024/99999"},
            "unit: không có đơn vị hành chính “2024/99999”.",
            "unit: there is no administrative unit “2024/99999”.",
        ),
        (
            {"unit": "Uông Bí"},
            "unit: hãy viết đơn vị theo dạng bản đồ/mã, ví dụ 2025/22.",
            "unit: write the unit as era/code, e.g. 2025/22.",
        ),
        (
            {"kind": "ban dân vận"},
            "kind: không phải là mã loại; mã loại có dạng như ban-dan-van.",
            "kind: not a kind code; kind codes look like ban-dan-van.",
        ),
    ],
    ids=["unit-unknown", "unit-format", "kind-format"],
)
def test_it_rejects_a_malformed_filter_naming_it(api, province_manager, params, vietnamese, english):
    response = api(province_manager).get(URL, params)
    assert response.status_code == 400
    assert response.json()["detail"] == vietnamese
    assert set(response.json()["errors"]) == set(params)
    assert api(province_manager, language="en").get(URL, params).json()["detail"] == english


def test_a_unit_outside_the_scope_is_as_unknown_as_a_missing_one(api, other_manager):
    hidden = api(other_manager).get(URL, {"unit": "2024/196"})
    missing = api(other_manager).get(URL, {"unit": "2024/99"})
    assert hidden.status_code == missing.status_code == 400
    assert hidden.json()["detail"] == missing.json()["detail"].replace("2024/99", "2024/196")


def test_it_lists_in_fixed_queries(api, province_manager, django_assert_num_queries):
    client = api(province_manager)
    # token (1) + scope (1 + 5) + count (1) + rows with kind and unit joined (1)
    with django_assert_num_queries(4 + 2):
        assert len(names(client.get(URL))) == len(QUANG_NINH)


def test_the_unit_filter_adds_one_query(api, admin_user, django_assert_num_queries):
    client = api(admin_user)
    with django_assert_num_queries(1 + 1 + 2):
        assert len(names(client.get(URL, {"unit": "2024/22"}))) == 7


@pytest.mark.parametrize("params", [{"q": "nam\x00khe"}, {"unit": "2024/\x00"}, {"kind": "mttq\x00"}])
def test_a_nul_character_is_a_400_not_a_database_error(api, province_manager, params):
    response = api(province_manager).get(URL, params)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == set(params)
