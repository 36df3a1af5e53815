"""The public pages of models: what they show, and what they never show (asserted on the HTML)."""

import pytest

from danvan.geo.models import AdminUnit, Level
from danvan.geo.selectors import current_era
from danvan.initiatives.models import Status
from danvan.org.models import Organization, Person
from danvan.portal.services.publications import publication_publish, publication_translate, publication_unpublish
from danvan.portal.tests.helpers import model_at, publish_raw, published, users

pytestmark = pytest.mark.django_db


def quang_ninh() -> AdminUnit:
    return AdminUnit.objects.get(era=current_era(), level=Level.PROVINCE, name__contains="Quảng Ninh")


def pages(client, model_pk=None) -> dict[str, str]:
    """Every public page of this area, in Vietnamese and English."""
    code = quang_ninh().code
    found = {}
    for lang in ("vi", "en"):
        for name, url in [
            ("home", f"/{lang}/"),
            ("home-province", f"/{lang}/?province={code}"),
            ("directory", f"/{lang}/models/"),
            ("search", f"/{lang}/models/?q=nam+son"),
            ("province", f"/{lang}/provinces/{code}/"),
        ]:
            answer = client.get(url)
            assert answer.status_code == 200, url
            found[f"{lang}:{name}"] = answer.content.decode()
    found["sitemap"] = client.get("/sitemap.xml").content.decode()
    return found


def test_a_published_model_is_on_every_page(client):
    model = published(title="Phố tự quản kiểu mẫu")
    for name, html in pages(client).items():
        assert f"/models/{model.pk}/" in html, name
    page = client.get(f"/vi/models/{model.pk}/")
    assert page.status_code == 200
    assert "Phố tự quản kiểu mẫu" in page.content.decode()


def test_no_unpublished_or_unrecognised_model_reaches_any_page(client, province_manager):
    hidden = []
    for status in (Status.DRAFT, Status.REGISTERED, Status.RETURNED, Status.DISCONTINUED):
        model = model_at(status, name=f"Mô hình ẩn {status}")
        publish_raw(model, f"Bí mật {status}")  # published rows, but the model is not recognised
        hidden.append(model)
    taken_down = published(title="Bí mật đã gỡ")
    publication_unpublish(actor=province_manager, publication=taken_down.publication)
    never = model_at(Status.RECOGNISED, name="Mô hình chưa đăng")  # recognised, never published
    hidden += [taken_down, never]
    shown = published(title="Mô hình công khai")
    for name, html in pages(client).items():
        assert "Bí mật" not in html and "Mô hình chưa đăng" not in html, name
        for model in hidden:
            assert f"/models/{model.pk}/" not in html, name
        assert f"/models/{shown.pk}/" in html, name
    for model in hidden:
        for lang in ("vi", "en"):
            assert client.get(f"/{lang}/models/{model.pk}/").status_code == 404


def test_a_model_returned_after_publication_disappears(client, province_manager):
    model = published(Status.RECOGNISED, title="Sẽ dừng")
    from danvan.initiatives.services import initiative_transition

    initiative_transition(actor=province_manager, initiative=model, to=Status.DISCONTINUED, comment="Không duy trì")
    assert client.get(f"/vi/models/{model.pk}/").status_code == 404
    assert "Sẽ dừng" not in client.get("/vi/models/").content.decode()


def test_a_person_is_named_only_with_consent(client, province_manager, django_capture_on_commit_callbacks):
    org = Organization.objects.get(name="Ủy ban MTTQ Việt Nam phường Nam Khê")
    person = Person.objects.create(full_name="Trần Thị Bí Mật", organization=org)
    model = model_at(Status.RECOGNISED, kind="individual", person=person)
    publication_publish(actor=province_manager, initiative=model, title="Người tốt việc tốt", names_person=False)
    html = client.get(f"/vi/models/{model.pk}/").content.decode()
    assert "Trần Thị Bí Mật" not in html and 'id="person"' not in html
    with django_capture_on_commit_callbacks(execute=True):  # the bump that stales the cached page
        publication_publish(actor=province_manager, initiative=model, title="Người tốt việc tốt", names_person=True)
    html = client.get(f"/vi/models/{model.pk}/").content.decode()
    assert "Trần Thị Bí Mật" in html


def test_the_model_page_shows_results_place_organisation_and_public_copies(client, province_manager):
    original = published(Status.TYPICAL, title="Bản gốc", results={"ho-gia-dinh": 106})
    from danvan.initiatives.services import initiative_replicate

    u = users()
    copy = initiative_replicate(
        actor=u["namkhe"], original=original, unit=original.unit, organization=original.organization, year=2025
    )
    html = client.get(f"/vi/models/{original.pk}/").content.decode()
    assert "106" in html and "Ủy ban MTTQ Việt Nam phường Nam Khê" in html and original.unit.name in html
    assert f"/models/{copy.pk}/" not in html  # a draft copy is not named
    assert 'id="copies"' not in html
    assert 'id="replicate"' not in html  # anonymous: no replicate button


def test_signed_in_visitors_get_the_replicate_link(login, commune_reporter, other_manager):
    model = published()
    html = login(other_manager).get(f"/en/models/{model.pk}/").content.decode()
    assert f'href="/models/{model.pk}/replicate/"' in html
    # and the back office's replicate page opens for a user of another province
    assert login(other_manager).get(f"/models/{model.pk}/replicate/").status_code in (200, 403)


def test_no_petition_data_on_the_pages(client):
    from danvan.engagement.tests.petition_factories import SENDER_NAME, submit

    submit(subject="Bãi rác tự phát ở ngõ 12")  # a petition from Nam Khê, where the published model is
    model = published()
    everything = {**pages(client), "model": client.get(f"/vi/models/{model.pk}/").content.decode()}
    for name, html in everything.items():
        assert SENDER_NAME not in html and "0912 345 678" not in html and "ngõ 12" not in html, name


def test_the_translation_falls_back_to_vietnamese_with_a_note(client, province_manager):
    model = published(title="Phố tự quản")
    html = client.get(f"/en/models/{model.pk}/").content.decode()
    assert "Phố tự quản" in html and 'id="translation-note"' in html
    assert 'lang="vi"' in html
    publication_translate(
        actor=province_manager,
        publication=model.publication,
        language="en",
        title="Self-managed street",
        summary="A summary.",
        story="A story.",
    )
    from django.core.cache import cache

    cache.clear()  # on_commit does not run inside the test's transaction; see test_cache.py for the bump
    html = client.get(f"/en/models/{model.pk}/").content.decode()
    assert "Self-managed street" in html and 'id="translation-note"' not in html
    assert 'id="translation-note"' not in client.get(f"/vi/models/{model.pk}/").content.decode()
    es = client.get(f"/es/models/{model.pk}/").content.decode()
    assert "Phố tự quản" in es and 'id="translation-note"' in es


def test_search_works_without_diacritics(client):
    model = published(title="Tuyến phố tự quản")
    for q in ("nam son", "Nam Sơn", "tu quan"):
        assert f"/models/{model.pk}/" in client.get("/vi/models/", {"q": q}).content.decode(), q
    assert f"/models/{model.pk}/" not in client.get("/vi/models/", {"q": "khong co"}).content.decode()


def test_filters_narrow_the_list(client):
    model = published()
    pk = f"/models/{model.pk}/"
    assert pk in client.get("/vi/models/", {"field": "cultural_social", "year": 2024}).content.decode()
    assert pk not in client.get("/vi/models/", {"field": "economic"}).content.decode()
    assert pk not in client.get("/vi/models/", {"year": 2023}).content.decode()
    other = AdminUnit.objects.filter(era=current_era(), level=Level.PROVINCE).exclude(pk=quang_ninh().pk).first()
    assert pk not in client.get("/vi/models/", {"province": other.code}).content.decode()
    assert pk in client.get("/vi/models/", {"province": quang_ninh().code}).content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"year": "abc"},
        {"year": "99999999999999999999"},
        {"field": "nonsense"},
        {"province": "zz"},
        {"province": "99999"},
        {"target_group": "nobody"},
        {"page": "-1"},
        {"page": "x"},
        {"q": "x" * 500},
    ],
)
def test_malformed_filters_answer_400_in_the_visitor_language(client, query):
    answer = client.get("/en/models/", query)
    assert answer.status_code == 400
    html = answer.content.decode()
    assert '<html lang="en"' in html and "Bad request" in html
    assert client.get("/vi/models/", query).status_code == 400


def test_unknown_things_answer_404_in_the_visitor_language(client):
    for url in ("/en/models/999999/", "/en/models/99999999999999999999999/", "/en/provinces/zz/", "/en/provinces/999/"):
        answer = client.get(url)
        assert answer.status_code == 404, url
        assert '<html lang="en"' in answer.content.decode()
    assert client.get("/en/?province=abc").status_code == 400
    assert client.get("/en/models/?page=50").status_code == 404


def test_numbers_follow_the_language(client):
    model = published(results={"ho-gia-dinh": 7604})
    assert "7.604" in client.get(f"/vi/models/{model.pk}/").content.decode()
    assert "7,604" in client.get(f"/en/models/{model.pk}/").content.decode()


def test_the_model_page_has_open_graph_and_canonical_tags(client):
    model = published(title="Phố tự quản")
    html = client.get(f"/vi/models/{model.pk}/").content.decode()
    assert '<meta property="og:title" content="Phố tự quản">' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'<link rel="canonical" href="http://testserver/vi/models/{model.pk}/">' in html
    assert f'hreflang="ja" href="http://testserver/ja/models/{model.pk}/"' in html


def test_the_sitemap_lists_each_public_model_in_six_languages(client):
    model = published()
    xml = client.get("/sitemap.xml").content.decode()
    for lang in ("vi", "en", "es", "ja", "de", "nb"):
        assert f"<loc>http://testserver/{lang}/models/{model.pk}/</loc>" in xml
        assert f'hreflang="{lang}" href="http://testserver/{lang}/models/{model.pk}/"' in xml
    assert "x-default" in xml


def test_an_unknown_portal_address_is_the_portal_s_404_page(client):
    answer = client.get("/de/nichts-hier/")
    assert answer.status_code == 404
    html = answer.content.decode()
    assert '<html lang="de"' in html and 'id="error"' in html and 'class="portal"' in html
    back_office = client.get("/accounts/nothing-here/")
    assert back_office.status_code == 404 and 'class="portal"' not in back_office.content.decode()


def test_the_sitemap_lists_published_stories_only(client, province_manager):
    from django.utils import timezone

    from danvan.portal.models import Story

    place = quang_ninh()
    Story.objects.create(slug="da-dang", title_vi="Đã đăng", body_vi="x", unit=place, published_at=timezone.now())
    Story.objects.create(slug="ban-nhap", title_vi="Nháp", body_vi="x", unit=place)
    xml = client.get("/sitemap.xml").content.decode()
    assert "/vi/stories/da-dang/" in xml and "/ja/stories/da-dang/" in xml
    assert "ban-nhap" not in xml
