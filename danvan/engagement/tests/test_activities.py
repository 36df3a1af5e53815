"""Three Together: validation with clear messages, scope, list with filters and totals, exports."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.conftest import unit
from danvan.core.errors import DomainError
from danvan.engagement.models import GrassrootsActivity
from danvan.engagement.selectors.activities import ActivityFilters, activity_list, activity_totals
from danvan.engagement.services.activities import activity_update
from danvan.engagement.tests.activity_helpers import NAM_KHE_MTTQ, TQ_YOUTH, org, tq_activity, viewer_of


def test_it_records_an_activity(other_manager):
    a = tq_activity(other_manager)
    assert a.people_count == 340 and a.activities == ["eat", "live", "work"]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"end_date": date(2024, 5, 1)}, "dates"),
        ({"people_count": -5}, "negative"),
        ({"money": -1}, "negative"),
        ({"activities": []}, "activities"),
        ({"activities": ["dance"]}, "activities"),
        ({"cadres_count": 0}, "cadres_count"),
        ({"unit": None}, "unit"),
        ({"start_date": date(2999, 1, 1), "end_date": date(2999, 1, 2)}, "future"),
    ],
)
def test_it_refuses_bad_input_with_a_reason(other_manager, change, code):
    with pytest.raises(DomainError) as e:
        tq_activity(other_manager, **change)
    assert e.value.code == code and e.value.message
    assert not GrassrootsActivity.objects.exists()


def test_the_place_must_be_a_commune_or_village(other_manager):
    with pytest.raises(DomainError) as e:
        tq_activity(other_manager, unit=unit("2024", "072"))
    assert e.value.code == "unit_level" and "Huyện Na Hang" in e.value.message


def test_it_rejects_other_province(other_manager, province_manager):
    with pytest.raises(DomainError) as e:
        tq_activity(province_manager)  # Tuyên Quang's youth union is not Quảng Ninh's
    assert e.value.code == "organization"
    with pytest.raises(DomainError) as e:
        tq_activity(other_manager, organization=org(TQ_YOUTH), unit=unit("2024", "06823"))
    assert e.value.status == 403  # Nam Khê is not Tuyên Quang's to record in
    a = tq_activity(other_manager)
    assert not activity_list(user=province_manager).filter(pk=a.pk).exists()
    with pytest.raises(DomainError):
        activity_update(actor=province_manager, activity=a, people_count=1)


def test_filters_and_totals(other_manager):
    tq_activity(other_manager)
    tq_activity(other_manager, unit=unit("2024", "02200"), people_count=60, activities=["propaganda"], houses_built=0)
    everything = activity_list(user=other_manager)
    totals = activity_totals(everything)
    assert (totals["activities"], totals["people_count"], totals["houses"]) == (2, 400, 4)
    propaganda = activity_list(user=other_manager, filters=ActivityFilters(activity="propaganda"))
    assert [a.people_count for a in propaganda] == [60]
    na_hang = activity_list(user=other_manager, filters=ActivityFilters(unit=unit("2024", "072")))
    assert [a.people_count for a in na_hang] == [340]
    later = activity_list(user=other_manager, filters=ActivityFilters(date_from=date(2024, 6, 1)))
    assert not later.exists()


def test_pages_scope_and_messages(login, other_manager, province_manager):
    a = tq_activity(other_manager)
    outsider = login(province_manager)
    for url in (f"/engagement/three-together/{a.pk}/", f"/engagement/three-together/{a.pk}/edit/"):
        assert outsider.get(url).status_code == 404
    assert "Sinh Long" not in outsider.get("/engagement/three-together/").content.decode()
    c = login(other_manager)
    page = c.get("/engagement/three-together/").content.decode()
    assert "Xã Sinh Long" in page and 'id="totals"' in page
    r = c.post(
        "/engagement/three-together/new/",
        {
            "organization": org(TQ_YOUTH).pk,
            "unit": "2024/02227",
            "start_date": "2024-06-10",
            "end_date": "2024-06-01",
            "cadres_count": "3",
            "people_count": "-1",
            "activities": ["work"],
        },
    )
    assert r.status_code == 400
    body = r.content.decode()
    assert 'href="#id_end_date"' in body and 'href="#id_people_count"' in body
    assert GrassrootsActivity.objects.count() == 1


def test_the_form_records_and_edits(login, other_manager):
    c = login(other_manager)
    data = {
        "organization": org(TQ_YOUTH).pk,
        "unit": "2024/02227",
        "start_date": "2024-06-01",
        "end_date": "2024-06-03",
        "cadres_count": "5",
        "people_count": "80",
        "activities": ["work", "help"],
        "houses_built": "1",
        "houses_repaired": "0",
        "money": "10000000",
        "workdays": "15",
    }
    r = c.post("/engagement/three-together/new/", data)
    assert r.status_code == 302
    a = GrassrootsActivity.objects.get()
    r = c.post(f"/engagement/three-together/{a.pk}/edit/", {**data, "people_count": "95"})
    assert r.status_code == 302
    a.refresh_from_db()
    assert a.people_count == 95 and a.money == 10_000_000


def test_a_viewer_cannot_record(db):
    viewer = viewer_of("2024", "08")
    with pytest.raises(DomainError) as e:
        tq_activity(viewer)
    assert e.value.status == 403


def test_exports(login, other_manager):
    tq_activity(other_manager, description="=HYPERLINK(1)")
    c = login(other_manager)
    csv = c.get("/engagement/three-together/?export=csv&unit=2024/08").content.decode("utf-8-sig")
    assert "Tỉnh đoàn Tuyên Quang" in csv and ",340," in csv and "'=HYPERLINK" in csv
    xlsx = c.get("/engagement/three-together/?export=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    from io import BytesIO

    from openpyxl import load_workbook

    rows = list(load_workbook(BytesIO(xlsx.content)).active.values)
    assert len(rows) == 2 and 340 in rows[1]


def test_other_user_does_not_see_nam_khe_activity(commune_reporter, other_manager):
    a = tq_activity(commune_reporter, organization=org(NAM_KHE_MTTQ), unit=unit("2024", "06823"))
    assert activity_list(user=commune_reporter).get() == a
    assert not activity_list(user=other_manager).filter(pk=a.pk).exists()


def test_the_list_keeps_its_query_count(login, other_manager, django_assert_num_queries):
    made = [tq_activity(other_manager, people_count=10 + n) for n in range(4)]
    c = login(other_manager)
    c.get("/engagement/three-together/")
    with django_assert_num_queries(11):
        page = c.get("/engagement/three-together/").content.decode()
    for a in made:  # each activity is listed with its own link
        assert f'href="/engagement/three-together/{a.pk}/"' in page


@pytest.mark.parametrize(
    "url",
    [
        "/engagement/dialogues/new/",
        "/engagement/three-together/new/",
        "/engagement/persons/new/",
        "/engagement/persons/",
    ],
)
def test_the_empty_forms_and_lists_render(login, other_manager, url):
    r = login(other_manager).get(url)
    assert r.status_code == 200
    assert 'id="unit-options"' in r.content.decode()


def test_pages_need_a_login(client, db):
    r = client.get("/engagement/three-together/")
    assert r.status_code == 302 and "login" in r["Location"]


def test_the_form_reads_vietnamese_numbers_and_the_pages_print_them_grouped(login, other_manager):
    """14.516 people typed the Vietnamese way are 14516, and every page prints them as 14.516 again."""
    c = login(other_manager)
    data = {
        "organization": org(TQ_YOUTH).pk,
        "unit": "2024/02227",
        "start_date": "2024-06-01",
        "end_date": "2024-06-03",
        "cadres_count": "5",
        "people_count": "14.516",
        "activities": ["work"],
        "houses_built": "0",
        "houses_repaired": "0",
        "money": "10.000.000",
        "workdays": "1 200",
    }
    assert c.post("/engagement/three-together/new/", data).status_code == 302
    a = GrassrootsActivity.objects.get()
    assert (a.people_count, a.money, a.workdays) == (14516, 10_000_000, 1200)
    detail = c.get(f"/engagement/three-together/{a.pk}/").content.decode()
    assert "14.516" in detail and "14516" not in detail
    assert "01/06/2024" in detail and "01-06-2024" not in detail
    listing = c.get("/engagement/three-together/").content.decode()
    assert "14.516" in listing and "14516" not in listing
    edit = c.get(f"/engagement/three-together/{a.pk}/edit/").content.decode()
    assert 'value="10.000.000"' in edit and 'value="14.516"' in edit
    refused = c.post("/engagement/three-together/new/", {**data, "people_count": "14,516"})  # 14.516 in Vietnamese
    assert refused.status_code == 400 and GrassrootsActivity.objects.count() == 1
    assert "Hãy ghi một số nguyên." in refused.content.decode()
