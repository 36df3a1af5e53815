"""GET /api/v1/units/: filters alone and together, scope, malformed filters, pinned queries."""

import pytest

URL = "/api/v1/units/"


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def refs(response):
    return {(u["era"], u["code"]) for u in results(response)}


def test_anonymous_gets_401(api, db):
    response = api().get(URL)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_session_works_as_well_as_a_token(login, province_manager):
    response = login(province_manager).get(URL, {"level": "province"})
    assert response.status_code == 200
    assert {(u["era"], u["code"]) for u in response.json()["results"]} == {("2024", "22"), ("2025", "22")}


def test_the_national_administrator_sees_both_maps(api, admin_user):
    response = api(admin_user).get(URL, {"level": "province"})
    assert response.json()["count"] == 63 + 34


def test_it_filters_by_era_and_level(api, admin_user):
    assert api(admin_user).get(URL, {"era": "2024", "level": "province"}).json()["count"] == 63
    assert api(admin_user).get(URL, {"era": "2025", "level": "province"}).json()["count"] == 34
    assert api(admin_user).get(URL, {"era": "2025", "level": "district"}).json()["count"] == 0


def test_it_lists_a_units_children_with_parent_as_era_slash_code(api, province_manager):
    units = results(api(province_manager).get(URL, {"parent": "2024/196", "limit": 1000}))
    assert "Phường Nam Khê" in [u["name"] for u in units]
    assert {(u["era"], u["level"], u["parent"]) for u in units} == {("2024", "commune", "196")}


def test_it_combines_era_level_and_parent(api, province_manager):
    units = results(api(province_manager).get(URL, {"era": "2024", "level": "district", "parent": "2024/22"}))
    assert "Thành phố Uông Bí" in [u["name"] for u in units]
    assert {(u["era"], u["level"], u["parent"]) for u in units} == {("2024", "district", "22")}
    # the same parent on the other map gives nothing: filters are combined with AND
    assert refs(api(province_manager).get(URL, {"era": "2025", "parent": "2024/22"})) == set()


def test_as_of_picks_the_map_in_force_that_day(api, province_manager):
    before = results(api(province_manager).get(URL, {"as_of": "2024-06-01", "limit": 1000}))
    after = results(api(province_manager).get(URL, {"as_of": "2025-08-01", "limit": 1000}))
    assert before
    assert after
    assert {u["era"] for u in before} == {"2024"}
    assert {u["era"] for u in after} == {"2025"}


def test_as_of_combines_with_level(api, admin_user):
    assert api(admin_user).get(URL, {"as_of": "2025-06-30", "level": "province"}).json()["count"] == 63
    assert api(admin_user).get(URL, {"as_of": "2025-07-01", "level": "province"}).json()["count"] == 34


def test_q_needs_no_diacritics(api, province_manager):
    names = [u["name"] for u in results(api(province_manager).get(URL, {"q": "uong bi"}))]
    assert "Thành phố Uông Bí" in names
    assert names == [u["name"] for u in results(api(province_manager).get(URL, {"q": "Uông Bí"}))]


def test_q_combines_with_parent(api, province_manager):
    units = results(api(province_manager).get(URL, {"q": "nam khe", "parent": "2024/196"}))
    assert [(u["era"], u["code"], u["name"]) for u in units] == [("2024", "06823", "Phường Nam Khê")]


def test_it_rejects_other_province(api, other_manager):
    assert results(api(other_manager).get(URL, {"q": "uong bi"})) == []
    provinces = refs(api(other_manager).get(URL, {"level": "province"}))
    assert provinces == {("2025", "08"), ("2024", "08"), ("2024", "02")}


def test_a_commune_reporter_sees_the_commune_and_the_units_above_it(api, commune_reporter):
    assert refs(api(commune_reporter).get(URL)) == {("2024", "22"), ("2024", "196"), ("2024", "06823")}


def test_each_unit_links_to_its_detail(api, province_manager):
    [uong_bi] = results(api(province_manager).get(URL, {"q": "thanh pho uong bi"}))
    assert uong_bi["url"] == "http://testserver/api/v1/units/2024/196/"
    assert uong_bi["parent"] == "22"
    assert uong_bi["valid_to"] == "2025-06-30"


def test_it_pages_with_limit_and_offset(api, province_manager):
    first = api(province_manager).get(URL, {"limit": 5}).json()
    second = api(province_manager).get(URL, {"limit": 5, "offset": 5}).json()
    assert len(first["results"]) == 5
    assert first["count"] > 10
    assert "offset=5" in first["next"]
    assert not {u["url"] for u in first["results"]} & {u["url"] for u in second["results"]}


def test_a_page_holds_at_most_1000_units(api, admin_user):
    assert len(results(api(admin_user).get(URL, {"limit": 100000}))) == 1000


# --- malformed filters: 400, naming the parameter, in the caller's language -------------------


@pytest.mark.parametrize(
    ("params", "vietnamese", "english"),
    [
        (
            {"level": "town"},
            "level: “town” không phải là một cấp; hãy dùng province (tỉnh), district (huyện), "
            "commune (xã, phường) hoặc village (thôn, tổ dân phố).",
            "level: “town” is not a level; use province, district, commune or village.",
        ),
        (
            {"as_of": "2024-13-01"},
            "as_of: không phải là ngày; hãy viết theo dạng YYYY-MM-DD, ví dụ 2025-07-01.",
            "as_of: not a date; write it as YYYY-MM-DD, e.g. 2025-07-01.",
        ),
        (
            {"as_of": "01/06/2024"},
            "as_of: không phải là ngày; hãy viết theo dạng YYYY-MM-DD, ví dụ 2025-07-01.",
            "as_of: not a date; write it as YYYY-MM-DD, e.g. 2025-07-01.",
        ),
        (
            {"era": "2023"},
            "era: “2023” không phải là phiên bản bản đồ hành chính; hãy dùng một trong: 2024, 2025.",
            "era: “2023” is not a map era; use one of: 2024, 2025.",
        ),
        (
            {"parent": "2024/99999"},
            "parent: không có đơn vị hành chính “2024/99999”.",
            "parent: there is no administrative unit “2024/99999”.",
        ),
        (
            {"parent": "22"},
            "parent: hãy viết đơn vị theo dạng bản đồ/mã, ví dụ 2025/22.",
            "parent: write the unit as era/code, e.g. 2025/22.",
        ),
        (
            {"q": "x" * 101},
            "q: tối đa 100 ký tự.",
            "q: at most 100 characters.",
        ),
    ],
    ids=["level", "impossible-date", "day-first-date", "era", "parent-unknown", "parent-format", "q-too-long"],
)
def test_it_rejects_a_malformed_filter_naming_it(api, province_manager, params, vietnamese, english):
    [name] = params
    response = api(province_manager).get(URL, params)
    assert response.status_code == 400
    assert response.json() == {
        "detail": vietnamese,
        "code": "invalid",
        "errors": {name: [vietnamese.split(": ", 1)[1]]},
    }
    assert api(province_manager, language="en").get(URL, params).json()["detail"] == english


def test_it_reports_every_malformed_filter_at_once(api, province_manager):
    response = api(province_manager, language="en").get(URL, {"level": "town", "as_of": "soon", "era": "1999"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"level", "as_of", "era"}


def test_a_parent_outside_the_scope_is_as_unknown_as_a_missing_one(api, other_manager):
    hidden = api(other_manager).get(URL, {"parent": "2024/22"})
    missing = api(other_manager).get(URL, {"parent": "2024/99"})
    assert hidden.status_code == missing.status_code == 400
    assert hidden.json()["detail"] == missing.json()["detail"].replace("2024/99", "2024/22")


# --- pinned query counts: an N+1 in the serializer or the scope would break these -------------
# token (1) + memberships (1) + each membership's equivalents in the other era (5) = 7 before the view;
# then the page: count (1) + rows (1). The national administrator's scope costs nothing.


def test_it_lists_a_page_in_fixed_queries_for_a_manager(api, province_manager, django_assert_num_queries):
    client = api(province_manager)
    with django_assert_num_queries(4 + 2):
        assert len(results(client.get(URL, {"limit": 200}))) == 200


def test_it_lists_a_page_in_fixed_queries_for_the_administrator(api, admin_user, django_assert_num_queries):
    client = api(admin_user)
    with django_assert_num_queries(1 + 2):
        assert len(results(client.get(URL, {"limit": 1000}))) == 1000


def test_filters_that_name_units_add_one_query_each(api, province_manager, django_assert_num_queries):
    client = api(province_manager)
    # + the era list (1) + the parent unit (1)
    with django_assert_num_queries(4 + 2 + 2):
        assert results(client.get(URL, {"era": "2024", "parent": "2024/196", "level": "commune", "q": "nam"}))


def test_an_empty_filter_is_no_filter(api, province_manager):
    everything = api(province_manager).get(URL).json()["count"]
    assert (
        api(province_manager).get(URL, {"level": "", "parent": "", "q": "", "as_of": ""}).json()["count"] == everything
    )


@pytest.mark.parametrize("params", [{"q": "uong\x00bi"}, {"parent": "2024/\x00"}, {"era": "20\x0024"}])
def test_a_nul_character_is_a_400_not_a_database_error(api, province_manager, params):
    response = api(province_manager).get(URL, params)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == set(params)
