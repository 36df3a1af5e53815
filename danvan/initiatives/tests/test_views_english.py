"""The English interface shows the English names the data holds: target groups, organisation kinds,
result metrics and their units (in Vietnamese, the Vietnamese names, as written)."""

from __future__ import annotations

import pytest

from danvan.initiatives.tests.test_views_detail import full_model

pytestmark = pytest.mark.django_db


def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_the_list_filters_offer_english_names(login, commune_reporter):
    html = english(login(commune_reporter)).get("/models/").content.decode()
    filters = html[html.index('id="filters"') :]
    for name in ("Residential communities", "Ethnic minorities", "Vietnam Fatherland Front Committee", "Police"):
        assert f">{name}</option>" in filters
    for name in ("Cộng đồng dân cư", "Đồng bào dân tộc thiểu số", "Ủy ban Mặt trận Tổ quốc Việt Nam", "Công an"):
        assert f">{name}</option>" not in filters


def test_a_models_page_shows_english_groups_metrics_and_units(login, commune_reporter):
    model = full_model(commune_reporter)
    html = english(login(commune_reporter)).get(model.get_absolute_url()).content.decode()
    assert "Residential communities" in html and "Cộng đồng dân cư" not in html
    assert "<td>Households taking part</td>" in html and "<td>households</td>" in html
    assert "<td>hộ</td>" not in html


def test_the_form_labels_english_groups_and_result_units(login, commune_reporter):
    html = english(login(commune_reporter)).get("/models/new/").content.decode()
    assert "Households taking part (households)" in html and "Hộ gia đình tham gia" not in html
    assert ">Youth<" in html or "Youth</label>" in html


def test_vietnamese_stays_as_written(login, commune_reporter):
    model = full_model(commune_reporter)
    html = login(commune_reporter).get(model.get_absolute_url()).content.decode()
    assert "Cộng đồng dân cư" in html and "<td>Hộ gia đình tham gia</td>" in html and "<td>hộ</td>" in html
