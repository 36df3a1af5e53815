"""Anonymous public pages are cached, and whatever changes what they show makes them stale at once."""

import pytest

from danvan.initiatives.models import Status
from danvan.initiatives.services import initiative_transition, initiative_update
from danvan.portal.models import Publication
from danvan.portal.services.publications import publication_translate, publication_unpublish
from danvan.portal.tests.helpers import published

pytestmark = pytest.mark.django_db


def _urls(pk: int) -> list[str]:
    return ["/vi/", "/vi/models/", "/en/models/?q=nam", f"/vi/models/{pk}/", f"/en/models/{pk}/", "/sitemap.xml"]


def test_pages_are_served_from_the_cache(client):
    model = published(title="Tiêu đề cũ")
    assert "Tiêu đề cũ" in client.get(f"/vi/models/{model.pk}/").content.decode()
    Publication.objects.filter(pk=model.publication.pk).update(title_vi="Tiêu đề mới")  # behind the services' back
    assert "Tiêu đề cũ" in client.get(f"/vi/models/{model.pk}/").content.decode()  # still the cached page


def test_unpublishing_removes_the_model_everywhere_including_caches(
    client, province_manager, django_capture_on_commit_callbacks
):
    model = published(title="Sắp gỡ xuống")
    for url in _urls(model.pk):  # every page read once: now in the cache
        assert client.get(url).status_code == 200, url
        assert f"/models/{model.pk}/" in client.get(url).content.decode() or url.endswith(f"/{model.pk}/"), url
    with django_capture_on_commit_callbacks(execute=True):
        publication_unpublish(actor=province_manager, publication=model.publication)
    for url in _urls(model.pk):
        answer = client.get(url)
        assert "Sắp gỡ xuống" not in answer.content.decode(), url
        assert f"/models/{model.pk}/<" not in answer.content.decode(), url
    assert client.get(f"/vi/models/{model.pk}/").status_code == 404
    assert f"/models/{model.pk}/" not in client.get("/sitemap.xml").content.decode()


def test_a_status_change_in_the_back_office_stales_the_pages(
    client, province_manager, django_capture_on_commit_callbacks
):
    model = published(title="Sẽ bị dừng")
    assert client.get(f"/vi/models/{model.pk}/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        initiative_transition(actor=province_manager, initiative=model, to=Status.DISCONTINUED, comment="Dừng")
    assert client.get(f"/vi/models/{model.pk}/").status_code == 404
    assert "Sẽ bị dừng" not in client.get("/vi/").content.decode()


def test_an_edit_and_a_translation_stale_the_pages(client, province_manager, django_capture_on_commit_callbacks):
    model = published(title="Phố tự quản", results={"ho-gia-dinh": 100})
    assert "100" in client.get(f"/vi/models/{model.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        initiative_update(
            actor=province_manager, initiative=model, values={}, reason="Số liệu mới", results={"ho-gia-dinh": 250}
        )
    assert "250" in client.get(f"/vi/models/{model.pk}/").content.decode()
    assert 'id="translation-note"' in client.get(f"/en/models/{model.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        publication_translate(actor=province_manager, publication=model.publication, language="en", title="Street")
    html = client.get(f"/en/models/{model.pk}/").content.decode()
    assert "Street" in html


def test_signed_in_visitors_are_not_served_the_anonymous_page(client, login, commune_reporter):
    model = published()
    anonymous = client.get(f"/vi/models/{model.pk}/").content.decode()
    assert 'id="replicate"' not in anonymous
    assert 'id="replicate"' in login(commune_reporter).get(f"/vi/models/{model.pk}/").content.decode()


def test_a_page_kept_in_a_process_is_stale_once_another_process_changed_the_version(client):
    """The version lives in the shared cache; a bump made elsewhere (another worker) is seen here."""
    from django.core.cache import cache

    from danvan.core.public_cache import VERSION_KEY, public_version
    from danvan.portal import cache as pages

    client.get("/vi/models/")
    assert any(":page:" in key for key in pages._local)
    cache.set(VERSION_KEY, public_version() + 1, timeout=None)  # what another process's bump does
    keys_before = set(pages._local)
    client.get("/vi/models/")
    assert set(pages._local) - keys_before  # rendered again under the new version, not served from memory


def test_an_emptied_cache_never_brings_back_an_old_version():
    from django.core.cache import cache

    from danvan.core.public_cache import public_version

    first = public_version()
    cache.clear()
    assert public_version() != first
