"""The list of models at /models/: scope, filters, diacritic-free search, HTMX, pages, export link.

Pages are in Vietnamese unless a test asks for English: that is what a user gets by default.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from danvan.initiatives.models import Field
from danvan.initiatives.tests.factories import nam_khe_model
from danvan.org.models import Organization

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "results"}


def names(response):
    return [m.name for m in response.context["page"].object_list]


@pytest.mark.parametrize(
    "url", ["/models/", "/models/?q=nam", "/models/units/?q=nam", "/models/people/?organization=1"]
)
def test_it_sends_anonymous_visitors_to_sign_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


def test_the_main_menu_links_to_the_models(login, commune_reporter):
    content = login(commune_reporter).get("/").content.decode()
    assert '<a href="/models/">Mô hình</a>' in content


def test_it_lists_the_models_in_scope(login, commune_reporter, province_manager, other_manager):
    model = nam_khe_model(commune_reporter, register=True)
    for user in (commune_reporter, province_manager):
        response = login(user).get("/models/")
        assert response.status_code == 200
        assert names(response) == [model.name]
        content = response.content.decode()
        assert f'href="/models/{model.pk}/"' in content
        assert "1 mô hình" in content
    response = login(other_manager).get("/models/")
    assert response.status_code == 200
    assert names(response) == []
    assert model.name not in response.content.decode()


def test_it_rejects_other_province_even_when_searched_for(login, commune_reporter, other_manager):
    nam_khe_model(commune_reporter)
    response = login(other_manager).get("/models/?q=nam+son")
    assert response.status_code == 200
    assert names(response) == []


@pytest.mark.parametrize("q", ["tu quan nam son", "Tự quản", "TUYEN PHO", "185 trieu"])
def test_search_works_with_or_without_diacritics(login, commune_reporter, q):
    nam_khe_model(commune_reporter)
    nam_khe_model(commune_reporter, name="Cà phê sáng – trao đổi cùng Nhân dân", details={})
    response = login(commune_reporter).get("/models/", {"q": q})
    assert names(response) == ["Tuyến phố tự quản Nam Sơn"]


def test_filters_combine(login, commune_reporter):
    registered = nam_khe_model(commune_reporter, register=True)
    nam_khe_model(commune_reporter, name="Bản nháp khác", field=Field.ECONOMIC)
    client = login(commune_reporter)
    query = {"field": "cultural_social", "status": "registered", "kind": "collective", "year": "2024"}
    assert names(client.get("/models/", query)) == [registered.name]
    assert names(client.get("/models/", {"organization_kind": "mttq", "target_group": "thanh-nien"})) == []
    assert len(names(client.get("/models/", {"organization_kind": "mttq"}))) == 2
    assert names(client.get("/models/", {"year": "2023"})) == []


def test_a_unit_filter_covers_its_area_on_either_map(login, province_manager, commune_reporter):
    model = nam_khe_model(commune_reporter)  # recorded under old Nam Khê (2024 map)
    client = login(province_manager)
    for unit_key in ("2025/22", "2024/22", "2024/196", "2024/06823", "2025/06820"):
        assert names(client.get("/models/", {"unit": unit_key})) == [model.name], unit_key
    assert names(client.get("/models/", {"unit": "2024/205"})) == []  # Đông Triều


def test_the_unit_picker_offers_the_scope_and_keeps_the_choice(login, province_manager):
    response = login(province_manager).get("/models/", {"unit": "2024/06823"})
    content = response.content.decode()
    assert '<option value="2024/06823" selected>Phường Nam Khê, Thành phố Uông Bí · bản đồ 2024</option>' in content
    assert '<option value="2025/22">Tỉnh Quảng Ninh · bản đồ 2025</option>' in content
    assert 'value="2025/08"' not in content  # Tuyên Quang


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"year": "abc"}, "Hãy ghi một số nguyên."),
        ({"year": "99999"}, "2100"),
        ({"unit": "2024"}, "2025/22"),
        ({"unit": "9999/1"}, "Không có đơn vị hành chính mã 1 trên bản đồ 9999."),
        ({"unit": "2024/08"}, "Không có đơn vị hành chính mã 08 trên bản đồ 2024."),  # Tuyên Quang: not in scope
        ({"status": "lost"}, "lost"),
        ({"q": "nam\x00"}, "Null"),
        ({"target_group": "nobody"}, "Hãy chọn một lựa chọn hợp lệ"),
    ],
)
def test_bad_filters_answer_400_with_the_forms_messages(login, commune_reporter, query, message):
    nam_khe_model(commune_reporter)
    response = login(commune_reporter).get("/models/", query)
    assert response.status_code == 400
    content = response.content.decode()
    assert 'role="alert"' in content
    assert message in content
    assert names(response) == []


def test_htmx_gets_the_results_alone_and_a_clean_address(login, commune_reporter):
    model = nam_khe_model(commune_reporter)
    query = {"q": "nam son", "field": "", "status": "", "year": "", "unit": "2024/06823"}
    response = login(commune_reporter).get("/models/", query, **HTMX)
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content and "<form" not in content
    assert model.name in content
    assert response["HX-Push-Url"] == "/models/?q=nam+son&unit=2024%2F06823"
    assert "HX-Request" in response["Vary"]


def test_a_history_restore_gets_the_whole_page(login, commune_reporter):
    response = login(commune_reporter).get("/models/", **HTMX, HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in response.content.decode()


def test_the_export_link_carries_the_filters(login, commune_reporter):
    response = login(commune_reporter).get("/models/", {"q": "nam son", "year": "2024", "page": "1", "field": ""})
    link = response.context["export_url"]
    parts = urlsplit(link)
    assert parts.path == "/models/export.xlsx"
    assert parse_qs(parts.query) == {"q": ["nam son"], "year": ["2024"]}
    assert 'id="export-link"' in response.content.decode()


def test_it_pages_by_fifty(login, commune_reporter):
    org = Organization.objects.get(name="Ủy ban MTTQ Việt Nam phường Nam Khê")
    for i in range(51):
        nam_khe_model(commune_reporter, name=f"Mô hình {i:02d}", organization=org, details={})
    client = login(commune_reporter)
    first = client.get("/models/", {"q": "mo hinh"})
    assert len(names(first)) == 50
    assert first.context["page"].paginator.count == 51
    assert "51 mô hình" in first.content.decode()
    second = client.get("/models/", {"q": "mo hinh", "page": "2"}, **HTMX)
    assert names(second) == ["Mô hình 50"]
    assert second["HX-Push-Url"] == "/models/?q=mo+hinh&page=2"
    assert client.get("/models/", {"page": "x"}).status_code == 200  # a bad page number shows the first


def test_it_speaks_english_when_asked(login, commune_reporter):
    nam_khe_model(commune_reporter)
    content = login(commune_reporter).get("/models/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1 model" in content and "Export to Excel" in content


def test_the_list_page_makes_a_fixed_number_of_queries(
    login, province_manager, commune_reporter, django_assert_num_queries
):
    for i in range(5):
        nam_khe_model(commune_reporter, name=f"Mô hình {i}", register=bool(i % 2))
    client = login(province_manager)
    client.get("/models/")  # warm up: content types, translations
    # session, user, memberships and their equivalents on the other map (5), the unit filter, count,
    # status counts, the unit picker (roots, units below), organisation kinds and target groups, the page
    with django_assert_num_queries(13):
        response = client.get("/models/", {"unit": "2025/22", "q": "mo hinh"})
    assert len(names(response)) == 5
