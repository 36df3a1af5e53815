"""The home page (the signed-in user's scope) and the layout every page shares."""

from __future__ import annotations

from django.conf import settings

from danvan.conftest import unit


def _scope(response):
    """[(role, unit path, [other-era unit paths])] as the page got them."""
    return [(m.role, m.unit.path, [u.path for u in also]) for m, also in response.context["rows"]]


def test_it_sends_anonymous_visitors_to_the_public_portal(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/vi/"
    assert "Đăng nhập" in client.get("/vi/").content.decode()  # the portal's header offers to sign in


def test_it_shows_a_province_managers_scope_in_both_eras(login, province_manager):
    response = login(province_manager).get("/")
    content = response.content.decode()
    assert response.status_code == 200
    assert _scope(response) == [("manager", "2025/22/", ["2024/22/"])]
    assert "quản lý" in content  # the role, in Vietnamese
    assert 'href="/map/2025/22/"' in content
    assert 'href="/map/2024/22/"' in content  # old-map Quảng Ninh, covered too
    assert "34 tỉnh, thành phố (từ 1/7/2025)" in content
    assert "63 tỉnh, thành phố (đến 30/6/2025)" in content


def test_a_merged_wards_reporter_covers_nothing_on_the_new_map(login, commune_reporter):
    response = login(commune_reporter).get("/")
    assert _scope(response) == [("reporter", "2024/22/196/06823/", [])]
    content = response.content.decode()
    assert "báo cáo" in content
    assert "Phường Nam Khê" in content
    assert "Vàng Danh" not in content


def test_another_province_manager_sees_only_their_own(login, other_manager):
    response = login(other_manager).get("/")
    content = response.content.decode()
    paths = _scope(response)[0][2]
    assert _scope(response)[0][:2] == ("manager", "2025/08/")
    assert {"2024/08/", "2024/02/"} <= set(paths)  # the new Tuyên Quang took in Hà Giang
    assert "Quảng Ninh" not in content


def test_a_superuser_has_the_whole_country(login, admin_user):
    response = login(admin_user).get("/")
    assert response.context["national"] is True
    assert "phạm vi của bạn là cả nước" in response.content.decode()


def test_a_user_without_roles_is_told_so(login, django_user_model, db):
    nobody = django_user_model.objects.create_user("nobody", password="x")
    response = login(nobody).get("/")
    assert response.context["rows"] == []
    assert "Bạn chưa có vai trò nào." in response.content.decode()


def test_query_count_of_the_home_page(login, province_manager, django_assert_num_queries):
    client = login(province_manager)
    # session, user, scope (membership + 2 for the other-era equivalents), the kinds of work (reporting,
    # initiatives, nominations to score, petitions, imports: one query each), the other-era units' eras
    # (the memberships themselves were read with the scope)
    with django_assert_num_queries(11):
        response = client.get("/")
    assert len(response.context["rows"]) == 1


def test_query_count_of_the_home_page_for_a_superuser(login, admin_user, django_assert_num_queries):
    client = login(admin_user)
    # session, user, the kinds of work (5 queries), memberships (none); no scope to compute
    with django_assert_num_queries(8):
        response = client.get("/")
    assert response.context["rows"] == []


# --- the layout ----------------------------------------------------------------------------------


def test_the_layout_has_navigation_sign_out_and_language_switch(login, province_manager):
    content = login(province_manager).get("/").content.decode()
    assert "DanVan — Dân vận khéo" in content
    assert 'href="/map/"' in content
    assert 'href="/api/docs/"' in content
    assert 'action="/accounts/logout/"' in content  # a POST form: Django 5 signs out on POST only
    assert 'action="/i18n/setlang/"' in content
    assert 'name="next" value="/"' in content
    assert 'aria-current="page">Trang chủ<' in content
    assert "Nguyễn Văn Hải" in content  # the signed-in user
    assert 'href="/admin/"' not in content  # not staff


def test_staff_see_the_admin_link(login, admin_user):
    assert 'href="/admin/"' in login(admin_user).get("/").content.decode()


def test_htmx_is_vendored_and_posts_carry_the_csrf_token(login, province_manager):
    content = login(province_manager).get("/").content.decode()
    assert '<script src="/static/vendor/htmx/htmx.min.js" defer></script>' in content
    assert 'hx-headers=\'{"X-CSRFToken": "' in content
    assert '<meta name="htmx-config"' in content
    assert "cdn" not in content.lower()


def test_the_vendored_htmx_file_is_served(client, db):
    response = client.get("/static/vendor/htmx/htmx.min.js")
    assert response.status_code == 200
    assert b'version:"2.' in b"".join(response.streaming_content)


def test_signing_out_is_a_post(login, province_manager):
    client = login(province_manager)
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302  # signed out


def test_vietnamese_is_the_default_language(login, province_manager):
    content = login(province_manager).get("/").content.decode()
    assert '<html lang="vi" data-group="." data-decimal=",">' in content
    assert "Phạm vi của bạn" in content
    assert "Your scope" not in content


def test_the_language_switch_turns_the_interface_english(login, province_manager):
    client = login(province_manager)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/map/"})
    assert response.status_code == 302
    assert response["Location"] == "/map/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    content = client.get("/").content.decode()
    assert '<html lang="en" data-group="," data-decimal=".">' in content
    assert "Your scope" in content
    assert ">manager<" in content
    assert "34 provinces (from 1 July 2025)" in content  # the era's English name
    assert "Phạm vi của bạn" not in content
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert "Phạm vi của bạn" in client.get("/").content.decode()


def test_a_missing_page_is_a_friendly_404_in_the_users_language(login, province_manager):
    response = login(province_manager).get("/no-such-page/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "Không tìm thấy" in content
    assert 'href="/map/"' in content  # inside the layout, with its navigation


def test_the_home_page_links_each_scope_unit_to_the_map(login, province_manager):
    content = login(province_manager).get("/").content.decode()
    assert f'href="{unit("2025", "22").get_absolute_url()}"' in content
