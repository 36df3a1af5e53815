"""The administrative-map browser: era switch, search, lazy tree, unit page, lineage, villages.

Pages are in Vietnamese unless a test asks for English: that is what a user gets by default.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse

from danvan.conftest import unit
from danvan.geo import selectors
from danvan.geo.models import AdminUnit, Level
from danvan.org.models import AuditEvent

QN_OLD = "/map/2024/22/"  # Tỉnh Quảng Ninh, 63-province map
QN_NEW = "/map/2025/22/"  # Tỉnh Quảng Ninh, 34-province map
UONG_BI = "/map/2024/196/"  # Thành phố Uông Bí (district level, old map)
NAM_KHE = "/map/2024/06823/"  # Phường Nam Khê (old map), merged into Phường Vàng Danh
VANG_DANH = "/map/2025/06820/"  # Phường Vàng Danh (new map)


def names(units):
    return [u.name for u in units]


# --- anonymous visitors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["/map/", "/map/search/?q=uong+bi", QN_OLD, QN_OLD + "children/", NAM_KHE + "?on=2025-08-01"],
)
def test_it_sends_anonymous_visitors_to_sign_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


def test_it_refuses_anonymous_village_posts(client, db):
    before = AdminUnit.objects.filter(level=Level.VILLAGE).count()
    response = client.post(VANG_DANH + "villages/", {"type_name": "Thôn", "name": "Nam Sơn"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert AdminUnit.objects.filter(level=Level.VILLAGE).count() == before


# --- browse: era switch and tree ----------------------------------------------------------------


def test_it_opens_on_the_map_in_force_today(login, admin_user):
    response = login(admin_user).get("/map/")
    assert response.status_code == 200
    assert response.context["era"].code == "2025"
    assert len(response.context["provinces"]) == 34
    assert 'aria-current="true" data-era="2025"' in response.content.decode()


def test_it_switches_to_the_old_map(login, admin_user):
    response = login(admin_user).get("/map/?era=2024")
    assert response.context["era"].code == "2024"
    provinces = list(response.context["provinces"])
    assert len(provinces) == 63
    assert "Tỉnh Hà Giang" in names(provinces)  # merged into Tuyên Quang on the new map
    assert 'aria-current="true" data-era="2024"' in response.content.decode()


def test_the_era_switch_keeps_the_search(login, admin_user):
    content = login(admin_user).get("/map/?era=2025&q=uong+bi").content.decode()
    assert "/map/?era=2024&amp;q=uong+bi" in content


def test_a_province_manager_sees_only_their_province_in_each_era(login, province_manager):
    client = login(province_manager)
    for era in ("2025", "2024"):
        provinces = client.get(f"/map/?era={era}").context["provinces"]
        assert [(u.era_id, u.name) for u in provinces] == [(era, "Tỉnh Quảng Ninh")]


def test_another_province_manager_sees_nothing_of_quang_ninh(login, other_manager):
    client = login(other_manager)
    for era in ("2025", "2024"):
        response = client.get(f"/map/?era={era}")
        assert "Quảng Ninh" not in response.content.decode()
        assert "Tỉnh Tuyên Quang" in names(response.context["provinces"])


def test_it_says_so_when_no_province_of_an_era_is_in_scope(login, commune_reporter):
    """Nam Khê ward was merged into a larger ward: its reporter has no scope on the new map."""
    response = login(commune_reporter).get("/map/?era=2025")
    assert list(response.context["provinces"]) == []
    assert "Phiên bản bản đồ này không có đơn vị nào thuộc phạm vi của bạn." in response.content.decode()


def test_it_rejects_an_unknown_era_with_a_message(login, province_manager):
    response = login(province_manager).get("/map/?era=1999")
    assert response.status_code == 400
    assert "Không có phiên bản bản đồ hành chính “1999”." in response.content.decode()
    assert "provinces" not in response.context


def test_tree_nodes_say_whether_they_can_be_opened(login, province_manager):
    response = login(province_manager).get("/map/?era=2024")
    content = response.content.decode()
    assert response.context["provinces"][0].has_children is True
    assert 'hx-get="/map/2024/22/children/"' in content
    assert 'hx-trigger="toggle once"' in content


def test_tree_links_are_not_inside_the_disclosures(login, province_manager):
    """A link inside a <summary> is interactive inside interactive (axe "nested-interactive")."""
    content = login(province_manager).get("/map/?era=2024").content.decode()
    tree = content[content.index('id="tree"') :]
    summaries = re.findall(r"<summary>(.*?)</summary>", tree, flags=re.S)
    assert summaries
    assert not [s for s in summaries if "<a " in s]
    assert 'class="tree__link" href="/map/2024/22/"' in content
    assert "Các đơn vị trực thuộc Tỉnh Quảng Ninh" in summaries[0]


# --- search --------------------------------------------------------------------------------------


def test_search_finds_a_unit_without_diacritics(login, province_manager):
    response = login(province_manager).get("/map/?era=2024&q=uong+bi")
    assert names(response.context["results"]) == ["Thành phố Uông Bí"]
    assert 'href="/map/2024/196/"' in response.content.decode()


def test_search_looks_in_the_chosen_era_only(login, province_manager):
    response = login(province_manager).get("/map/?era=2025&q=uong+bi")
    assert [(u.era_id, u.name) for u in response.context["results"]] == [("2025", "Phường Uông Bí")]


def test_live_search_answers_the_results_alone(login, province_manager):
    response = login(province_manager).get("/map/search/?era=2024&q=UONG%20BI", HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert "Thành phố Uông Bí" in content
    assert "1 đơn vị khớp với “UONG BI”." in content
    assert response["HX-Replace-Url"] == "/map/?era=2024&q=UONG+BI"


def test_an_emptied_search_box_clears_the_query_from_the_address(login, province_manager):
    response = login(province_manager).get("/map/search/?era=2024&q=")
    assert response["HX-Replace-Url"] == "/map/?era=2024"
    assert list(response.context["results"]) == []


def test_search_shows_nothing_outside_the_scope(login, other_manager):
    client = login(other_manager)
    for era in ("2024", "2025"):
        response = client.get(f"/map/search/?era={era}&q=uong+bi")
        assert list(response.context["results"]) == []
        assert "Uông Bí" not in response.content.decode()
        assert "0 đơn vị khớp với “uong bi”." in response.content.decode()


def test_search_caps_a_long_result_list(login, admin_user):
    response = login(admin_user).get("/map/search/?era=2024&q=phuong")
    assert len(response.context["results"]) == 50
    assert response.context["more"] is True
    assert "Có hơn 50 đơn vị khớp" in response.content.decode()


def test_live_search_rejects_an_unknown_era_with_a_message(login, admin_user):
    response = login(admin_user).get("/map/search/?era=nope&q=uong+bi")
    assert response.status_code == 400
    assert "Không có phiên bản bản đồ hành chính “nope”." in response.content.decode()


# --- the children partial ------------------------------------------------------------------------


def test_children_partial_lists_one_level(login, province_manager):
    response = login(province_manager).get(UONG_BI + "children/", HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    nodes = list(response.context["nodes"])
    assert {u.parent_id for u in nodes} == {unit("2024", "196").pk}
    assert "Phường Nam Khê" in names(nodes)
    assert all(not u.has_children for u in nodes)  # no villages yet
    assert 'href="/map/2024/06823/"' in content


def test_children_partial_shows_only_the_branch_in_scope(login, commune_reporter):
    """The reporter of one ward sees the province and district above it, but not their other units."""
    client = login(commune_reporter)
    assert names(client.get(QN_OLD + "children/").context["nodes"]) == ["Thành phố Uông Bí"]
    assert names(client.get(UONG_BI + "children/").context["nodes"]) == ["Phường Nam Khê"]


def test_children_partial_of_another_province_is_not_found(login, other_manager):
    response = login(other_manager).get(QN_OLD + "children/", HTTP_HX_REQUEST="true")
    assert response.status_code == 404
    assert "<html" not in response.content.decode()  # a fragment the tree can show, not a whole page


# --- the unit page -------------------------------------------------------------------------------


def test_unit_page_names_the_unit_in_full(login, province_manager):
    response = login(province_manager).get(NAM_KHE)
    content = response.content.decode()
    assert response.status_code == 200
    assert names(response.context["ancestors"]) == ["Tỉnh Quảng Ninh", "Thành phố Uông Bí"]
    assert '<li aria-current="page">Phường Nam Khê</li>' in content
    assert "<code>06823</code>" in content
    assert "Xã, phường" in content  # the level, translated
    assert "63 tỉnh, thành phố (đến 30/6/2025)" in content


def test_lineage_follows_an_old_ward_to_the_new_one(login, admin_user):
    response = login(admin_user).get(NAM_KHE)
    successors = response.context["successors"]
    assert [(u.era_id, u.code, u.name, s.is_default) for u, s in successors] == [
        ("2025", "06820", "Phường Vàng Danh", True)
    ]
    assert 'href="/map/2025/06820/"' in response.content.decode()


def test_lineage_follows_a_new_ward_back_to_the_old_ones(login, admin_user):
    response = login(admin_user).get(VANG_DANH)
    predecessors = response.context["predecessors"]
    assert "Phường Nam Khê" in names(u for u, _ in predecessors)
    assert all(u.era_id == "2024" for u, _ in predecessors)
    assert 'href="/map/2024/06823/"' in response.content.decode()
    assert "50%" in response.content.decode()  # Phường Trưng Vương was split: half its figures came here


def test_lineage_leaves_out_units_outside_the_scope(login, commune_reporter):
    """Vàng Danh is larger than the reporter's old ward: it is not in the reporter's scope."""
    response = login(commune_reporter).get(NAM_KHE)
    assert response.context["successors"] == []
    assert "/map/2025/06820/" not in response.content.decode()


def test_it_tells_which_unit_covered_a_place_on_a_date(login, province_manager):
    client = login(province_manager)
    forward = client.get(NAM_KHE + "?on=2025-08-01")
    assert names(forward.context["covering"]) == ["Phường Vàng Danh"]
    assert "Vào ngày 01/08/2025, nơi này thuộc:" in forward.content.decode()  # day/month/year, never hyphens
    backward = client.get(VANG_DANH + "?on=2024-09-07")  # typhoon Yagi
    assert "Phường Nam Khê" in names(backward.context["covering"])
    assert {u.era_id for u in backward.context["covering"]} == {"2024"}


def test_a_bad_date_is_a_message_not_an_error(login, province_manager):
    response = login(province_manager).get(NAM_KHE + "?on=2025-13-45")
    assert response.status_code == 400
    assert response.context["covering"] is None
    message = "“2025-13-45” không phải là một ngày: hãy viết theo ngày/tháng/năm, ví dụ 15/03/2024."
    assert message in response.content.decode()  # core.dates' message, in Vietnamese


def test_a_bad_page_number_falls_back_to_a_page(login, admin_user):
    response = login(admin_user).get(QN_NEW + "?page=abc")
    assert response.status_code == 200
    assert response.context["children"].number == 1


def test_a_large_province_is_paginated(login, admin_user):
    client = login(admin_user)
    first = client.get(QN_NEW).context["children"]
    assert first.paginator.count == AdminUnit.objects.filter(parent=unit("2025", "22")).count()
    ho_chi_minh = client.get("/map/2025/79/?page=2")
    assert ho_chi_minh.context["children"].number == 2
    assert len(ho_chi_minh.context["children"]) == ho_chi_minh.context["children"].paginator.count - 100
    assert "Trang 2 / 2" in ho_chi_minh.content.decode()


def test_unit_page_lists_organisations_of_the_subtree(login, province_manager):
    response = login(province_manager).get(QN_OLD)
    orgs = [o.name for o in response.context["organizations"]]
    assert "Ban Dân vận Tỉnh ủy Quảng Ninh" in orgs  # at the province itself
    assert "Ủy ban MTTQ Việt Nam phường Nam Khê" in orgs  # in a ward below
    assert not [name for name in orgs if "Tuyên Quang" in name]


@pytest.mark.parametrize("url", [QN_OLD, QN_NEW, NAM_KHE, VANG_DANH, "/map/2024/196/"])
def test_another_province_manager_gets_not_found(login, other_manager, url):
    response = login(other_manager).get(url)
    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()


def test_a_missing_unit_looks_like_a_forbidden_one(login, other_manager):
    missing = login(other_manager).get("/map/2024/99999/")
    forbidden = login(other_manager).get(NAM_KHE)
    assert missing.status_code == forbidden.status_code == 404
    assert _main(missing) == _main(forbidden)


def _main(response):
    content = response.content.decode()
    return content[content.index("<main") : content.index("</main>")]


def test_an_unknown_era_in_the_address_is_not_found(login, admin_user):
    assert login(admin_user).get("/map/1999/22/").status_code == 404


# --- villages ------------------------------------------------------------------------------------


def test_a_manager_sees_the_village_form_on_a_commune_only(login, province_manager):
    client = login(province_manager)
    assert client.get(VANG_DANH).context["may_add_villages"] is True
    assert 'action="/map/2025/06820/villages/"' in client.get(VANG_DANH).content.decode()
    assert client.get(QN_NEW).context["may_add_villages"] is False
    assert "villages/" not in client.get(QN_NEW).content.decode()


def test_a_manager_adds_a_village(login, province_manager):
    client = login(province_manager)
    response = client.post(VANG_DANH + "villages/", {"type_name": "Tổ dân phố", "name": "  Nam   Sơn "})
    assert response.status_code == 302
    assert response["Location"] == VANG_DANH
    village = AdminUnit.objects.get(parent=unit("2025", "06820"), level=Level.VILLAGE)
    assert (village.name, village.official, village.era_id) == ("Tổ dân phố Nam Sơn", False, "2025")
    audit = AuditEvent.objects.get(verb="unit.village_add", target_id=str(village.pk))
    assert audit.actor == province_manager
    page = client.get(VANG_DANH)
    content = page.content.decode()
    assert "Đã thêm Tổ dân phố Nam Sơn vào Phường Vàng Danh." in content
    assert "Tổ dân phố Nam Sơn" in names(page.context["children"])
    # the commune can now be opened in the tree
    assert [u.has_children for u in client.get("/map/2025/22/children/").context["nodes"] if u.code == "06820"] == [
        True
    ]


def test_a_reporter_may_not_add_a_village(login, commune_reporter):
    client = login(commune_reporter)
    assert 'action="/map/2024/06823/villages/"' not in client.get(NAM_KHE).content.decode()
    response = client.post(NAM_KHE + "villages/", {"type_name": "Thôn", "name": "Nam Sơn"})
    assert response.status_code == 403
    content = response.content.decode()
    assert "Bạn không được thêm thôn, tổ dân phố vào Phường Nam Khê." in content
    assert 'name="next" value="/map/2024/06823/"' in content  # the language switch returns to the unit
    assert not AdminUnit.objects.filter(parent=unit("2024", "06823")).exists()


def test_another_province_manager_cannot_add_a_village_there(login, other_manager):
    response = login(other_manager).post(VANG_DANH + "villages/", {"type_name": "Thôn", "name": "Nam Sơn"})
    assert response.status_code == 404
    assert not AdminUnit.objects.filter(parent=unit("2025", "06820")).exists()


def test_a_duplicate_village_is_refused_with_a_message(login, province_manager):
    client = login(province_manager)
    client.post(VANG_DANH + "villages/", {"type_name": "Thôn", "name": "Nam Sơn"})
    response = client.post(VANG_DANH + "villages/", {"type_name": "Thôn", "name": "nam son"})
    assert response.status_code == 400
    assert "Phường Vàng Danh đã có thôn, tổ dân phố tên nam son." in response.content.decode()
    assert AdminUnit.objects.filter(parent=unit("2025", "06820")).count() == 1


def test_a_village_needs_a_commune(login, province_manager):
    response = login(province_manager).post(QN_NEW + "villages/", {"type_name": "Thôn", "name": "Nam Sơn"})
    assert response.status_code == 400
    assert "Chỉ được thêm thôn, tổ dân phố vào một xã hoặc phường." in response.content.decode()
    assert not AdminUnit.objects.filter(level=Level.VILLAGE).exists()


def test_an_empty_village_form_is_a_400_with_the_field_errors(login, province_manager):
    response = login(province_manager).post(VANG_DANH + "villages/", {"type_name": "Nhà", "name": ""})
    assert response.status_code == 400
    form = response.context["village_form"]
    assert set(form.errors) == {"type_name", "name"}
    assert not AdminUnit.objects.filter(level=Level.VILLAGE).exists()


def test_the_village_form_accepts_post_only(login, province_manager):
    assert login(province_manager).get(VANG_DANH + "villages/").status_code == 405


# --- English --------------------------------------------------------------------------------------


def test_the_map_speaks_english_when_asked(login, province_manager):
    client = login(province_manager)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    content = client.get(NAM_KHE).content.decode()
    assert "About this unit" in content
    assert "Commune" in content
    assert "63 provinces (until 30 June 2025)" in content  # the era's English name
    assert "Phường Nam Khê" in content  # unit names are proper names
    assert "Thông tin đơn vị" not in content


# --- selectors added for the browser ------------------------------------------------------------


def test_tree_level_flags_units_with_visible_children(commune_reporter, admin_user):
    (province,) = selectors.unit_tree_level(user=commune_reporter, era="2024")
    assert (province.name, province.has_children) == ("Tỉnh Quảng Ninh", True)
    (district,) = selectors.unit_tree_level(user=commune_reporter, parent=province)
    assert (district.name, district.has_children) == ("Thành phố Uông Bí", True)
    (ward,) = selectors.unit_tree_level(user=commune_reporter, parent=district)
    assert (ward.name, ward.has_children) == ("Phường Nam Khê", False)
    assert len(selectors.unit_tree_level(user=admin_user, parent=district)) > 1


def test_units_by_paths_keeps_to_the_scope(province_manager, other_manager):
    paths = ["2024/22/", "2025/22/", "2025/08/"]
    assert [u.path for u in selectors.units_by_paths(user=province_manager, paths=paths)] == paths[:2]
    assert [u.path for u in selectors.units_by_paths(user=other_manager, paths=paths)] == ["2025/08/"]
    assert list(selectors.units_by_paths(user=province_manager, paths=[])) == []


# --- pinned query counts ------------------------------------------------------------------------


def test_query_count_of_the_map_page(login, admin_user, django_assert_num_queries):
    client = login(admin_user)
    with django_assert_num_queries(6):  # session, user, eras, current era, tree (34), search (50 of many)
        response = client.get("/map/?q=phuong")
    assert len(response.context["provinces"]) == 34


def test_query_count_of_the_map_page_for_a_manager(login, province_manager, django_assert_num_queries):
    client = login(province_manager)
    # session, user, eras, the scope (membership + 5 for its other-era equivalents, once per
    # request), tree, search; the era is given, so no look-up of the current one
    with django_assert_num_queries(8):
        response = client.get("/map/?era=2024&q=phuong")
    assert len(response.context["results"]) > 10


def test_query_count_of_the_children_partial(login, admin_user, django_assert_num_queries):
    client = login(admin_user)
    with django_assert_num_queries(4):  # session, user, the unit, its children with their flags
        response = client.get("/map/2025/79/children/")
    assert len(response.context["nodes"]) > 150  # Hồ Chí Minh City: one query whatever the size


def test_query_count_of_the_unit_page(login, admin_user, django_assert_num_queries):
    client = login(admin_user)
    # session, user, unit, era in force and covering units (?on=), children (count + page),
    # predecessors, successors, organisations (count; none, so no page). A province has no
    # ancestors: no query. The covering units are ~30 old wards, each showing its era: no N+1.
    with django_assert_num_queries(10):
        response = client.get("/map/2025/79/?on=2024-01-01")
    assert len(response.context["children"]) == 100
    assert len(response.context["predecessors"]) > 1


def test_query_count_of_the_unit_page_for_a_manager(login, province_manager, django_assert_num_queries):
    client = login(province_manager)
    # session, user, scope (3, as above), unit, children (count + page), predecessors, successors,
    # organisations (count + page), the village-form check (none: the scope is cached)
    with django_assert_num_queries(12):
        response = client.get(QN_OLD)
    assert response.context["children"].paginator.count > 10
