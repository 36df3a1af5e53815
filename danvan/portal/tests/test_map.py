"""The portal map: boundaries for every province of both maps, and public models counted per province."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.utils import timezone

from danvan.conftest import unit
from danvan.geo.lineage import area_q
from danvan.geo.models import AdminUnit, Level
from danvan.initiatives.models import Field, Initiative, Status
from danvan.org.models import Organization
from danvan.portal.models import Publication
from danvan.portal.selectors.map import map_counts
from danvan.portal.selectors.published import public_initiatives

pytestmark = pytest.mark.django_db

MAP_DIR = Path(__file__).resolve().parents[1] / "static/portal/map"


def model(era: str, code: str, *, status: str = Status.RECOGNISED, published: bool = True) -> Initiative:
    initiative = Initiative.objects.create(
        name=f"Mô hình {era}/{code}",
        field=Field.CULTURAL_SOCIAL,
        organization=Organization.objects.order_by("pk")[0],
        unit=unit(era, code),
        year=2025,
        status=status,
    )
    Publication.objects.create(
        initiative=initiative, title=initiative.name, published_at=timezone.now() if published else None
    )
    return initiative


@pytest.fixture
def models():
    """Public models on both maps, and models that must never be counted."""
    model("2024", "06823")  # Nam Khê, Quảng Ninh (22 on both maps)
    model("2024", "00688")  # a ward of old Hà Giang (02): today's Tuyên Quang (08)
    model("2024", "00691")
    model("2025", "00694")  # Hà Giang 1, today's Tuyên Quang, wholly from old Hà Giang
    model("2025", "10843")  # Xã Hà Nam of today's Hải Phòng, formed from old Hải Dương and Hải Phòng
    model("2025", "08")  # today's Tuyên Quang as a whole: old Hà Giang and Tuyên Quang
    model("2025", "22", status=Status.COMMENDED)  # Quảng Ninh, the same province on both maps
    # never counted: a draft, a returned and a discontinued model published before, a recognised one not published
    model("2024", "00688", status=Status.DRAFT)
    model("2025", "00694", status=Status.RETURNED)
    model("2024", "06823", status=Status.DISCONTINUED)
    model("2025", "22", published=False)


@pytest.mark.parametrize("era", ["2024", "2025"])
def test_the_map_data_covers_every_province_once(era):
    geojson = json.loads((MAP_DIR / f"vn-provinces-{era}.geojson").read_text(encoding="utf-8"))
    codes = [f["properties"]["code"] for f in geojson["features"]]
    provinces = set(AdminUnit.objects.filter(era_id=era, level=Level.PROVINCE).values_list("code", flat=True))
    assert len(codes) == len(set(codes))  # one feature per province
    assert set(codes) == provinces  # every province, none extra
    assert len(provinces) == {"2024": 63, "2025": 34}[era]
    for feature in geojson["features"]:
        assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}
        assert feature["geometry"]["coordinates"]


def test_the_map_data_stays_small_and_carries_its_licence():
    for era in ("2024", "2025"):
        assert (MAP_DIR / f"vn-provinces-{era}.geojson").stat().st_size < 600_000
    assert "Open Database License" in (MAP_DIR / "LICENSE-ODbL.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("era", ["2024", "2025"])
def test_it_counts_what_the_registry_counts_for_each_province(models, era):
    counts = map_counts(era=era)
    public = public_initiatives()
    for row in counts.provinces:
        expected = public.filter(area_q(unit(era, row.code))).count()
        assert row.count == expected, row.name


def test_today_counts_old_models_under_the_province_that_took_them(models):
    counts = {p.code: p.count for p in map_counts(era="2025").provinces}
    assert counts["08"] == 4  # two wards of old Hà Giang, Hà Giang 1, and the province itself
    assert counts["22"] == 2
    assert counts["31"] == 1
    assert sum(counts.values()) == public_initiatives().count() == 7


def test_the_old_map_counts_new_models_in_the_old_province_that_holds_them(models):
    counts = map_counts(era="2024")
    by_code = {p.code: p.count for p in counts.provinces}
    assert by_code["02"] == 3  # two old wards and Hà Giang 1
    assert by_code["22"] == 2  # Nam Khê and Quảng Ninh, unchanged
    assert by_code["08"] == 0
    assert by_code["30"] == by_code["31"] == 0
    assert counts.unplaced == 2  # Xã Hà Nam (two old provinces) and today's Tuyên Quang as a whole
    assert counts.total + counts.unplaced == public_initiatives().count()


def test_the_page_shows_the_counts_in_a_table_and_links_each_province(client, models):
    html = client.get("/vi/map/").content.decode()
    assert '<a href="/vi/provinces/08/">Tỉnh Tuyên Quang</a></th><td class="num">4</td>' in html
    assert 'id="province-map-data"' in html
    assert "vn-provinces-2025.geojson" in html
    assert 'href="?era=2024"' in html
    assert "Tổng" in html or "Total" in html


def test_the_old_map_links_each_old_province_to_the_province_that_took_it(client, models):
    html = client.get("/en/map/?era=2024").content.decode()
    assert '<a href="/en/provinces/08/">Tỉnh Hà Giang</a></th><td class="num">3</td>' in html
    assert 'id="map-unplaced"' in html
    assert 'href="?era=2024" aria-current="page"' in html


def test_numbers_follow_the_language(client):
    organization = Organization.objects.order_by("pk")[0]
    place = unit("2025", "22")
    objs = [
        Initiative(
            name=f"M{i}",
            field=Field.CULTURAL_SOCIAL,
            organization=organization,
            unit=place,
            unit_path=place.path,
            year=2025,
            status=Status.RECOGNISED,
        )
        for i in range(1234)
    ]
    created = Initiative.objects.bulk_create(objs)
    Publication.objects.bulk_create(
        [Publication(initiative=m, title=m.name, published_at=timezone.now()) for m in created]
    )
    assert '<td class="num">1.234</td>' in client.get("/vi/map/").content.decode()
    assert '<td class="num">1,234</td>' in client.get("/en/map/").content.decode()


def test_the_data_endpoint_gives_the_same_counts(client, models):
    data = client.get("/en/map/data.json?era=2025").json()
    assert data["era"] == "2025"
    assert len(data["provinces"]) == 34
    row = next(p for p in data["provinces"] if p["code"] == "08")
    assert row == {"code": "08", "name": "Tỉnh Tuyên Quang", "count": 4, "url": "/en/provinces/08/"}
    assert data["boundaries"].endswith("portal/map/vn-provinces-2025.geojson")


@pytest.mark.parametrize("bad", ["1999", "x", "2025'", "\x00", "2024/../2025"])
def test_a_bad_era_is_a_400_page_never_a_500(client, bad):
    page = client.get("/en/map/", {"era": bad})
    assert page.status_code == 400
    assert "There is no such map" in page.content.decode()
    assert 'href="?era=2025"' in page.content.decode()
    data = client.get("/en/map/data.json", {"era": bad})
    assert data.status_code == 400
    assert data.json()["eras"] == ["2025", "2024"]


def test_the_page_reads_a_fixed_number_of_queries(client, models, django_assert_num_queries):
    from django.core.cache import cache

    client.get("/vi/map/")  # warm up: the session and language machinery
    cache.clear()  # (and the page cache, so that the page is drawn again)
    with django_assert_num_queries(3):  # eras, provinces, counts
        assert client.get("/vi/map/").status_code == 200
    with django_assert_num_queries(4):  # eras, provinces, counts (both maps in one), the successions of new units
        assert client.get("/vi/map/?era=2024").status_code == 200
    with django_assert_num_queries(0):  # asked again: from the page cache
        assert client.get("/vi/map/").status_code == 200


def test_a_model_taken_off_the_portal_leaves_the_cached_map_at_once(client, models, django_capture_on_commit_callbacks):
    from danvan.initiatives.models import Initiative
    from danvan.org.models import User
    from danvan.portal.services.publications import publication_unpublish

    before = client.get("/en/map/data.json").json()
    nam_khe = Initiative.objects.filter(publication__published_at__isnull=False, unit__code="06823").first()
    manager = User.objects.get(username="quangninh")
    with django_capture_on_commit_callbacks(execute=True):
        publication_unpublish(actor=manager, publication=nam_khe.publication)
    after = client.get("/en/map/data.json").json()
    assert after != before


def test_the_menu_offers_the_map(client):
    html = client.get("/en/").content.decode()
    assert '<a href="/en/map/">' in html


def test_a_signed_in_manager_sees_the_public_counts_not_their_own_drafts(login, province_manager, models):
    model("2024", "06823", status=Status.DRAFT)  # in Quảng Ninh, the manager's own province
    model("2024", "06823", published=False)
    html = login(province_manager).get("/vi/map/").content.decode()
    assert '<a href="/vi/provinces/22/">Tỉnh Quảng Ninh</a></th><td class="num">2</td>' in html
