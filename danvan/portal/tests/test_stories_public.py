"""The public story pages: only published stories, only public models, the fallback note, photos in sizes, 404s."""

import re

import pytest
from django.utils import timezone

from danvan.initiatives.models import Initiative, Status
from danvan.portal.models import Story
from danvan.portal.services import stories as services
from danvan.portal.tests.stories_helpers import TUYEN_QUANG, make_story, photo_upload, public_model

pytestmark = pytest.mark.django_db


def test_the_list_shows_published_stories_only(client, province_manager):
    make_story(province_manager, title="Bài đã đăng", publish=True)
    make_story(province_manager, title="Bài nháp chưa đăng")
    unpublished = make_story(province_manager, title="Bài đã gỡ xuống", publish=True)
    services.story_unpublish(actor=province_manager, story=unpublished)
    html = client.get("/vi/stories/").content.decode()
    assert "Bài đã đăng" in html
    assert "Bài nháp chưa đăng" not in html and "Bài đã gỡ xuống" not in html
    assert client.get("/vi/stories/bai-nhap-chua-ang/").status_code == 404
    assert client.get(f"/vi/stories/{unpublished.slug}/").status_code == 404


def test_a_story_page_shows_its_text_source_and_og_tags(client, province_manager):
    story = make_story(province_manager, publish=True)
    page = client.get(f"/vi/stories/{story.slug}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>Tuyến phố tự quản Nam Sơn</h1>" in html
    assert "<p>Đoạn một.</p>" in html and "<p>Đoạn hai.</p>" in html
    assert (
        '<cite><a href="https://baoquangninh.vn/tuyen-pho-tu-quan" rel="external noopener">Báo Quảng Ninh</a></cite>'
        in html
    )
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="article:published_time" content="' in html
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/vi/stories/feed/atom/"' in html
    assert 'hreflang="en" href="http://testserver/en/stories/tuyen-pho-tu-quan-nam-son/"' in html
    assert "Tỉnh Quảng Ninh" in html or "Quảng Ninh" in html


def test_an_untranslated_story_falls_back_to_vietnamese_with_a_note(client, province_manager):
    story = make_story(province_manager, publish=True)
    html = client.get(f"/en/stories/{story.slug}/").content.decode()
    assert '<h1 lang="vi">Tuyến phố tự quản Nam Sơn</h1>' in html
    assert "has not been translated into this language yet" in html
    services.story_translate(
        actor=province_manager,
        story=story,
        language="en",
        title="Nam Son self-managed street",
        lead="106 households",
        body="English text.",
    )
    html = client.get(f"/en/stories/{story.slug}/").content.decode()
    assert "<h1>Nam Son self-managed street</h1>" in html
    assert "<p>English text.</p>" in html
    assert "has not been translated" not in html
    vi = client.get(f"/vi/stories/{story.slug}/").content.decode()
    assert "<h1>Tuyến phố tự quản Nam Sơn</h1>" in vi and "English text" not in vi


def test_only_public_models_are_linked_or_named(client, province_manager, commune_reporter):
    shown = public_model(commune_reporter, name="Mô hình công khai")
    unpublished = public_model(commune_reporter, name="Mô hình chưa công bố", published=False)
    returned = public_model(commune_reporter, name="Mô hình bị trả lại")
    Initiative.objects.filter(pk=returned.pk).update(status=Status.RETURNED)
    story = make_story(province_manager, initiatives=[shown, unpublished, returned], publish=True)
    html = client.get(f"/vi/stories/{story.slug}/").content.decode()
    assert f'href="/vi/models/{shown.pk}/"' in html
    assert "Mô hình công khai (công khai)" in html
    assert "Mô hình chưa công bố" not in html and f"/models/{unpublished.pk}/" not in html
    assert "Mô hình bị trả lại" not in html and f"/models/{returned.pk}/" not in html
    # the model unpublished later disappears from the (cached) page at once
    shown.publication.published_at = None
    shown.publication.save()
    html = client.get(f"/vi/stories/{story.slug}/").content.decode()
    assert "Mô hình công khai" not in html and f"/models/{shown.pk}/" not in html


def test_photos_come_in_sizes_with_alt_text(client, province_manager):
    story = make_story(province_manager, publish=True)
    services.story_photo_add(
        actor=province_manager,
        story=story,
        upload=photo_upload(),
        caption="Chú thích",
        alt="Người dân quét dọn con phố",
    )
    html = client.get(f"/vi/stories/{story.slug}/").content.decode()
    img = re.search(r'<img src="[^"]+" srcset="([^"]+)" sizes="([^"]+)" width="1600" height="960" alt="([^"]*)"', html)
    assert img is not None
    assert [part.split()[-1] for part in img.group(1).split(", ")] == ["480w", "960w", "1600w"]
    assert img.group(3) == "Người dân quét dọn con phố"
    assert "<figcaption>Chú thích</figcaption>" in html
    assert '<meta property="og:image" content="http://testserver/media/stories/' in html
    en = client.get(f"/en/stories/{story.slug}/").content.decode()
    assert 'alt="Người dân quét dọn con phố" lang="vi"' in en


def test_related_stories_by_topic_place_and_author(client, province_manager, other_manager):
    from danvan.conftest import unit

    story = make_story(province_manager, publish=True)
    make_story(province_manager, title="Cùng tác giả khác chủ đề", topic="economic", publish=True)
    make_story(other_manager, unit=unit(*TUYEN_QUANG), title="Cùng chủ đề ở Tuyên Quang", author="Khác", publish=True)
    make_story(
        other_manager, unit=unit(*TUYEN_QUANG), title="Không liên quan", topic="economic", author="Khác", publish=True
    )
    make_story(province_manager, title="Bản nháp cùng chủ đề")
    html = client.get(f"/vi/stories/{story.slug}/").content.decode()
    related = html.split('id="story-related"')[1]
    assert "Cùng tác giả khác chủ đề" in related
    assert "Cùng chủ đề ở Tuyên Quang" in related
    assert "Không liên quan" not in related and "Bản nháp cùng chủ đề" not in related


def test_the_list_filters_by_topic_and_place(client, province_manager, other_manager):
    from danvan.conftest import unit

    make_story(province_manager, title="Quảng Ninh văn hóa", publish=True)
    make_story(other_manager, unit=unit(*TUYEN_QUANG), title="Tuyên Quang kinh tế", topic="economic", publish=True)
    html = client.get("/vi/stories/?topic=economic").content.decode()
    assert "Tuyên Quang kinh tế" in html and "Quảng Ninh văn hóa" not in html
    html = client.get("/vi/stories/?place=2025/22").content.decode()
    assert "Quảng Ninh văn hóa" in html and "Tuyên Quang kinh tế" not in html


@pytest.mark.parametrize(
    "query", ["topic=nonsense", "place=9999/99", "place=abc", "page=0", "page=x", "place=2025/22%00"]
)
def test_bad_filters_are_a_400_in_the_visitors_language(client, query):
    page = client.get(f"/en/stories/?{query}")
    assert page.status_code == 400
    assert "These filters are not valid" in page.content.decode()
    assert '<html lang="en"' in page.content.decode()


@pytest.mark.parametrize("lang", ["vi", "en", "es", "ja", "de", "nb"])
def test_an_unknown_story_is_a_404_page_in_the_visitors_language(client, lang):
    page = client.get(f"/{lang}/stories/khong-co-bai-nay/")
    assert page.status_code == 404
    assert f'<html lang="{lang}"' in page.content.decode()
    assert client.get(f"/{lang}/stories/{'x' * 300}/").status_code == 404
    assert client.get(f"/{lang}/stories/%C3%A0%20b/").status_code == 404


def test_the_vietnamese_404_speaks_vietnamese(client):
    html = client.get("/vi/stories/khong-co/").content.decode()
    assert "Không tìm thấy" in html


def test_unpublishing_removes_it_from_the_cached_list_page_and_feed_at_once(client, province_manager):
    story = make_story(province_manager, publish=True)
    for url in ("/vi/stories/", f"/vi/stories/{story.slug}/", "/vi/stories/feed/rss/", "/vi/stories/feed/atom/"):
        assert "Tuyến phố tự quản Nam Sơn" in client.get(url).content.decode()
        second = client.get(url)
        assert second["X-Cache"] == "hit"  # served from the cache the second time
    services.story_unpublish(actor=province_manager, story=story)
    assert "Tuyến phố tự quản Nam Sơn" not in client.get("/vi/stories/").content.decode()
    assert client.get(f"/vi/stories/{story.slug}/").status_code == 404
    assert "Tuyến phố tự quản Nam Sơn" not in client.get("/vi/stories/feed/rss/").content.decode()
    assert "Tuyến phố tự quản Nam Sơn" not in client.get("/vi/stories/feed/atom/").content.decode()


@pytest.mark.parametrize("change", ["edit", "translate", "delete"])
def test_every_change_reaches_the_cached_pages(client, province_manager, change):
    story = make_story(province_manager, publish=True)
    client.get("/en/stories/")
    client.get(f"/en/stories/{story.slug}/")
    if change == "edit":
        services.story_update(actor=province_manager, story=story, title="Tiêu đề mới")
        assert "Tiêu đề mới" in client.get("/en/stories/").content.decode()
        assert "Tiêu đề mới" in client.get(f"/en/stories/{story.slug}/").content.decode()
    elif change == "translate":
        services.story_translate(actor=province_manager, story=story, language="en", title="New title", body="B.")
        assert "New title" in client.get("/en/stories/").content.decode()
        assert "New title" in client.get(f"/en/stories/{story.slug}/").content.decode()
    else:
        services.story_delete(actor=province_manager, story=story)
        assert "Tuyến phố" not in client.get("/en/stories/").content.decode()
        assert client.get(f"/en/stories/{story.slug}/").status_code == 404


def test_a_signed_in_visitor_is_never_served_the_anonymous_cache(client, login, province_manager):
    story = make_story(province_manager, publish=True)
    client.get(f"/vi/stories/{story.slug}/")
    page = login(province_manager).get(f"/vi/stories/{story.slug}/")
    assert "X-Cache" not in page
    assert "Sign in" not in page.content.decode() and "Đăng nhập" not in page.content.decode()


def test_the_menu_links_the_stories(client):
    html = client.get("/en/stories/").content.decode()
    assert '<a href="/en/stories/" aria-current="page">' in html


def test_the_list_reads_a_fixed_number_of_queries(client, province_manager, django_assert_num_queries):
    for i in range(5):
        story = make_story(province_manager, title=f"Bài {i}", publish=True)
        services.story_photo_add(actor=province_manager, story=story, upload=photo_upload(size=(500, 300)))
    # stamp, places (paths, then their provinces), count, page, photos; a cache hit reads the stamp only
    with django_assert_num_queries(6):
        assert client.get("/vi/stories/").status_code == 200
    with django_assert_num_queries(1):
        assert client.get("/vi/stories/")["X-Cache"] == "hit"


def test_a_story_page_reads_a_fixed_number_of_queries(
    client, province_manager, commune_reporter, django_assert_num_queries
):
    models = [public_model(commune_reporter, name=f"Mô hình {i}") for i in range(3)]
    story = make_story(province_manager, initiatives=models, publish=True)
    for _ in range(2):
        services.story_photo_add(actor=province_manager, story=story, upload=photo_upload(size=(500, 300)))
    for i in range(3):
        make_story(province_manager, title=f"Liên quan {i}", publish=True)
    # stamp, models' stamp, story, photos, public models, related ×3 (the story is at a province: no read for it)
    with django_assert_num_queries(8):
        assert client.get(f"/vi/stories/{story.slug}/").status_code == 200
    with django_assert_num_queries(2):
        assert client.get(f"/vi/stories/{story.slug}/")["X-Cache"] == "hit"


def test_a_story_scheduled_by_date_is_not_a_thing_published_at_is_the_switch(client, province_manager):
    story = make_story(province_manager, publish=True)
    Story.objects.filter(pk=story.pk).update(published_at=None, updated_at=timezone.now())
    assert client.get(f"/vi/stories/{story.slug}/").status_code == 404


def test_places_count_across_the_maps(client, other_manager):
    """A story recorded under an old district counts under the province that covers it today."""
    from danvan.conftest import unit

    today = make_story(other_manager, unit=unit(*TUYEN_QUANG), title="Tỉnh Tuyên Quang hôm nay", topic="", publish=True)
    make_story(
        other_manager,
        unit=unit("2024", "070"),
        title="Thành phố Tuyên Quang năm 2024",
        topic="",
        author="",
        publish=True,
    )
    html = client.get("/vi/stories/?place=2025/08").content.decode()
    assert "Tỉnh Tuyên Quang hôm nay" in html and "Thành phố Tuyên Quang năm 2024" in html
    assert html.count('<option value="2025/08"') == 1 and '<option value="2024/08"' not in html
    related = client.get(f"/vi/stories/{today.slug}/").content.decode().split('id="story-related"')[1]
    assert "Thành phố Tuyên Quang năm 2024" in related
