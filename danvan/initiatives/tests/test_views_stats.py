"""Statistics at /models/stats/: counts by field, status and kind for a unit's area on either map."""

from __future__ import annotations

import json
import re

import pytest

from danvan.conftest import unit
from danvan.initiatives.models import Field
from danvan.initiatives.tests.factories import nam_khe_model
from danvan.org.models import Organization, User


@pytest.fixture
def ninh_son_2024(db):
    """Ninh Sơn district (Ninh Thuận, old map), 2024: 29 = 13 economic + 13 cultural-social + 3 defence; and a draft."""
    reporter = User.objects.get(username="ninhson")
    org = Organization.objects.get(name="Ban Dân vận Huyện ủy Ninh Sơn")
    fields = [Field.ECONOMIC] * 13 + [Field.CULTURAL_SOCIAL] * 13 + [Field.DEFENCE_SECURITY] * 3
    for i, field in enumerate(fields):
        nam_khe_model(
            reporter, name=f"Mô hình {i}", field=field, unit=unit("2024", "585"), organization=org, register=True
        )
    nam_khe_model(reporter, name="Bản nháp", field=Field.ECONOMIC, unit=unit("2024", "585"), organization=org)
    return reporter


def row(content, table, key):
    """The number in row `key` of the table `table`, read from the HTML a user (or screen reader) gets."""
    section = content[content.index(f'id="table-{table}"') :]
    match = re.search(rf'<tr data-key="{key}"><th scope="row">[^<]*</th><td class="number">(\d+)</td>', section)
    assert match, (table, key)
    return int(match.group(1))


def total(content, table="field"):
    section = content[content.index(f'id="table-{table}"') :]
    return int(re.search(r'<tfoot><tr><th scope="row">Tổng</th><td class="number">(\d+)</td>', section).group(1))


def test_it_sends_anonymous_visitors_to_sign_in(client, db):
    assert client.get("/models/stats/").status_code == 302


@pytest.mark.parametrize("unit_key", ["2024/585", "2024/58", "2025/56"])
def test_it_counts_29_as_13_plus_13_plus_3_on_either_map(login, admin_user, ninh_son_2024, unit_key):
    response = login(admin_user).get("/models/stats/", {"unit": unit_key, "year": "2024"})
    assert response.status_code == 200
    content = response.content.decode()
    assert (row(content, "field", "economic"), row(content, "field", "cultural_social")) == (13, 13)
    assert row(content, "field", "defence_security") == 3
    assert row(content, "field", "party_building") == 0
    assert total(content) == 29
    assert '<strong id="stats-total">29</strong>' in content
    assert row(content, "kind", "collective") == 29
    assert (row(content, "status", "registered"), row(content, "status", "draft")) == (29, 1)
    data = json.loads(re.search(r'<script id="stats-data" type="application/json">(.*?)</script>', content).group(1))
    assert [r["value"] for r in data["field"]] == [13, 13, 3, 0]


def test_the_district_reporter_sees_its_own_figures(login, ninh_son_2024):
    content = login(ninh_son_2024).get("/models/stats/", {"unit": "2024/585", "year": "2024"}).content.decode()
    assert total(content) == 29


def test_another_year_counts_nothing(login, admin_user, ninh_son_2024):
    assert total(login(admin_user).get("/models/stats/", {"unit": "2024/585", "year": "2023"}).content.decode()) == 0


def test_it_opens_on_the_users_scope_on_todays_map(login, province_manager, commune_reporter):
    nam_khe_model(commune_reporter, register=True)
    response = login(province_manager).get("/models/stats/")
    assert response.status_code == 200
    assert response.context["unit"] == unit("2025", "22")
    content = response.content.decode()
    assert 'aria-current="true" data-era="2025"' in content
    assert total(content) == 1  # the old Nam Khê model counts under today's Quảng Ninh
    assert "được tính vào đơn vị của bản đồ hiện nay" in content  # the note on the two maps


def test_the_era_switch_changes_the_map(login, commune_reporter):
    nam_khe_model(commune_reporter, register=True)
    client = login(commune_reporter)
    today = client.get("/models/stats/", {"era": "2025"})
    assert today.context["unit"] is None  # old Nam Khê lies wholly inside no ward of today's map
    assert "Toàn bộ phạm vi của bạn" in today.content.decode()
    old = client.get("/models/stats/", {"era": "2024"})
    assert old.context["unit"] == unit("2024", "06823")
    assert total(old.content.decode()) == 1


def test_it_rejects_other_province(login, other_manager, ninh_son_2024, commune_reporter):
    nam_khe_model(commune_reporter, register=True)
    client = login(other_manager)
    response = client.get("/models/stats/", {"unit": "2024/22"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Không có đơn vị hành chính mã 22 trên bản đồ 2024." in content
    assert 'id="stats-total"' not in content
    own = client.get("/models/stats/").content.decode()
    assert total(own) == 0  # Tuyên Quang: nothing of Quảng Ninh or Ninh Sơn


@pytest.mark.parametrize(
    "query", [{"year": "abc"}, {"year": "1800"}, {"unit": "2024"}, {"era": "1999"}, {"unit": "2024/\x00"}]
)
def test_bad_parameters_answer_400_with_a_message(login, province_manager, query):
    response = login(province_manager).get("/models/stats/", query)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_the_charts_read_the_numbers_from_the_page(login, province_manager):
    content = login(province_manager).get("/models/stats/").content.decode()
    assert 'src="/static/vendor/echarts/echarts.min.js"' in content
    assert 'src="/static/initiatives/stats.js"' in content
    assert '<div class="chart" id="chart-field" data-chart="field" aria-hidden="true"></div>' in content


def test_the_stats_page_makes_a_fixed_number_of_queries(login, admin_user, ninh_son_2024, django_assert_num_queries):
    client = login(admin_user)
    client.get("/models/stats/", {"unit": "2024/585", "year": "2024"})
    # session, user, eras, the unit, its area on the other map (5), the counts, ancestors, units below, provinces
    with django_assert_num_queries(10):
        response = client.get("/models/stats/", {"unit": "2024/585", "year": "2024"})
    assert response.context["stats"].total == 29


def test_it_shows_field_names_as_translated_not_lower_cased(login, admin_user, ninh_son_2024):
    content = login(admin_user).get("/models/stats/", {"unit": "2024/585", "year": "2024"}).content.decode()
    data = json.loads(re.search(r'<script id="stats-data" type="application/json">(.*?)</script>', content).group(1))
    names = [r["name"] for r in data["field"]]
    assert "Xây dựng Đảng và hệ thống chính trị" in names  # "Đảng" keeps its capital (str.capitalize() broke it)
    assert "Xây dựng đảng và hệ thống chính trị" not in content


def test_it_opens_on_the_users_home_unit_and_its_map(login, district_reviewer, commune_reporter):
    """The reviewer of old Uông Bí opens on Uông Bí on the 2024 map, where his models are, not on 0."""
    for _ in range(5):
        nam_khe_model(commune_reporter, name=f"Mô hình Nam Khê {_}", register=True)
    response = login(district_reviewer).get("/models/stats/")
    assert response.status_code == 200
    assert response.context["unit"] == unit("2024", "196")
    content = response.content.decode()
    assert total(content) == 5
    assert 'aria-current="true" data-era="2024"' in content
    assert '<h2 id="summary-heading">Thành phố Uông Bí · mọi năm</h2>' in content


def test_a_figure_limited_by_the_scope_says_so(login, district_reviewer, commune_reporter):
    nam_khe_model(commune_reporter, register=True)
    response = login(district_reviewer).get("/models/stats/", {"unit": "2024/22"})  # his province: only part is his
    assert response.status_code == 200
    content = response.content.decode()
    assert total(content) == 1
    assert '<h2 id="summary-heading">Trong phạm vi của bạn: Tỉnh Quảng Ninh · mọi năm</h2>' in content
    assert '<h2 id="summary-heading">Tỉnh Quảng Ninh' not in content


def test_a_manager_of_the_whole_province_gets_a_plain_heading(login, province_manager):
    content = login(province_manager).get("/models/stats/", {"unit": "2024/22"}).content.decode()
    assert '<h2 id="summary-heading">Tỉnh Quảng Ninh · mọi năm</h2>' in content
