"""GET /api/v1/units/{era}/{code}/: neighbours on the map and across maps; hidden looks missing."""

URL = "/api/v1/units/{}/{}/"


def get(client, era, code):
    return client.get(URL.format(era, code))


def ok(response):
    assert response.status_code == 200, response.content
    return response.json()


def codes(units):
    return [(u["era"], u["code"]) for u in units]


def test_a_ward_shows_its_ancestors_and_the_ward_it_merged_into(api, province_manager):
    nam_khe = ok(get(api(province_manager), "2024", "06823"))
    assert (nam_khe["name"], nam_khe["level"], nam_khe["parent"]) == ("Phường Nam Khê", "commune", "196")
    assert codes(nam_khe["ancestors"]) == [("2024", "22"), ("2024", "196")]
    assert nam_khe["successors"] == [
        {
            "era": "2025",
            "code": "06820",
            "level": "commune",
            "name": "Phường Vàng Danh",
            "is_default": True,
            "weight": 1.0,
            "url": "http://testserver/api/v1/units/2025/06820/",
        }
    ]
    assert nam_khe["predecessors"] == []
    assert nam_khe["children"] == []


def test_a_new_ward_lists_the_old_wards_with_their_weights(api, province_manager):
    vang_danh = ok(get(api(province_manager), "2025", "06820"))
    links = {p["name"]: (p["era"], p["is_default"], p["weight"]) for p in vang_danh["predecessors"]}
    assert links["Phường Nam Khê"] == ("2024", True, 1.0)
    # Trưng Vương was split: half of it went here, but its figures follow Phường Uông Bí by default
    assert links["Phường Trưng Vương"] == ("2024", False, 0.5)
    assert codes(vang_danh["ancestors"]) == [("2025", "22")]
    assert vang_danh["successors"] == []


def test_a_code_means_different_units_in_different_eras(api, province_manager):
    assert ok(get(api(province_manager), "2024", "06820"))["name"] == "Phường Trưng Vương"
    assert ok(get(api(province_manager), "2025", "06820"))["name"] == "Phường Vàng Danh"


def test_a_district_lists_its_communes(api, province_manager):
    uong_bi = ok(get(api(province_manager), "2024", "196"))
    assert ("2024", "06823") in codes(uong_bi["children"])
    assert {c["level"] for c in uong_bi["children"]} == {"commune"}
    assert all(c["url"].startswith("http://testserver/api/v1/units/2024/") for c in uong_bi["children"])


def test_a_province_has_no_ancestors_and_a_default_successor(api, other_manager):
    ha_giang = ok(get(api(other_manager), "2024", "02"))
    assert ha_giang["ancestors"] == []
    assert ha_giang["parent"] is None
    assert codes(ha_giang["successors"]) == [("2025", "08")]


def test_neighbours_are_limited_to_the_callers_scope(api, commune_reporter):
    province = ok(get(api(commune_reporter), "2024", "22"))
    assert codes(province["children"]) == [("2024", "196")]  # not the other twelve districts
    nam_khe = ok(get(api(commune_reporter), "2024", "06823"))
    # Vàng Danh is larger than Nam Khê: its reporter is not responsible for it, so it is not shown
    assert nam_khe["successors"] == []


def test_it_rejects_other_province_exactly_like_a_missing_code(api, other_manager):
    hidden = get(api(other_manager), "2024", "22")
    missing = get(api(other_manager), "2024", "99")
    assert hidden.status_code == missing.status_code == 404
    assert hidden["Content-Type"] == missing["Content-Type"] == "application/json"
    assert missing.json()["code"] == "not_found"
    assert hidden.json() == {**missing.json(), "detail": missing.json()["detail"].replace("99", "22")}


def test_a_code_from_the_wrong_era_is_not_found(api, admin_user):
    assert get(api(admin_user), "2024", "196").status_code == 200
    response = get(api(admin_user), "2025", "196")  # there are no districts on the 2025 map
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_an_unknown_era_is_not_found(api, admin_user):
    assert get(api(admin_user), "1999", "22").status_code == 404


def test_anonymous_gets_401(api, db):
    response = get(api(), "2024", "22")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_it_answers_in_fixed_queries(api, province_manager, django_assert_num_queries):
    client = api(province_manager)
    # token (1) + scope (1 + 5), then the unit, ancestors, children, predecessors, successors (5)
    with django_assert_num_queries(4 + 5):
        assert len(ok(get(client, "2024", "196"))["children"]) == 10


def test_a_nul_character_in_the_path_is_not_found_not_a_database_error(api, admin_user):
    response = api(admin_user).get("/api/v1/units/2024/06%00823/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
