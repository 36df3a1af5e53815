"""The back office's story pages: managers of the place only; others answer as missing; bad input is a 400."""

import html

import pytest

from danvan.org.models import AuditEvent
from danvan.portal.models import Story
from danvan.portal.tests.stories_helpers import make_story, photo_upload, public_model

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {
        "title": "Phụ nữ giúp nhau phát triển kinh tế",
        "lead": "Chi hội phụ nữ cho vay vốn xoay vòng.",
        "body": "Đoạn một.\r\n\r\nĐoạn hai.",
        "topic": "economic",
        "unit": "2025/22",
        "author": "Thu Hà",
        "source_name": "Báo Quảng Ninh",
        "source_url": "https://baoquangninh.vn/bai-viet",
        "initiatives": "",
        "consent_confirmed": "on",
    }
    data.update(overrides)
    return data


def test_a_manager_writes_illustrates_translates_and_publishes_a_story(login, province_manager, client):
    web = login(province_manager)
    assert "Portal stories" in web.get("/stories/manage/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    page = web.post("/stories/manage/new/", _form())
    story = Story.objects.get()
    assert page["Location"] == f"/stories/manage/{story.pk}/"
    assert story.body_vi == "Đoạn một.\n\nĐoạn hai." and not story.is_published
    assert client.get(f"/vi/stories/{story.slug}/").status_code == 404
    page = web.post(f"/stories/manage/{story.pk}/photos/", {"image": photo_upload(), "caption": "Ảnh", "alt": "Chị em"})
    assert page.status_code == 302 and story.photos.count() == 1
    page = web.post(
        f"/stories/manage/{story.pk}/translate/en/",
        {"title": "Women help each other", "lead": "", "body": "Text.", f"caption_{story.photos.get().pk}": "Photo"},
    )
    assert page.status_code == 302
    assert web.post(f"/stories/manage/{story.pk}/publish/").status_code == 302
    html = client.get(f"/en/stories/{story.slug}/").content.decode()
    assert "<h1>Women help each other</h1>" in html and "<figcaption>Photo</figcaption>" in html
    assert web.post(f"/stories/manage/{story.pk}/unpublish/").status_code == 302
    assert client.get(f"/en/stories/{story.slug}/").status_code == 404
    verbs = set(AuditEvent.objects.filter(target_id=str(story.pk)).values_list("verb", flat=True))
    assert {"story.create", "story.photo_add", "story.translate", "story.publish", "story.unpublish"} <= verbs


def test_the_edit_page_shows_the_story_and_its_translations(login, province_manager):
    story = make_story(province_manager)
    html = login(province_manager).get(f"/stories/manage/{story.pk}/").content.decode()
    assert 'value="Tuyến phố tự quản Nam Sơn"' in html
    assert f'href="/stories/manage/{story.pk}/translate/ja/"' in html
    assert f'href="/stories/manage/{story.pk}/translate/vi/"' not in html


def test_the_list_shows_drafts_and_published_of_my_places_only(login, province_manager, other_manager):
    from danvan.conftest import unit

    make_story(province_manager, title="Nháp Quảng Ninh")
    make_story(province_manager, title="Đã đăng Quảng Ninh", publish=True)
    make_story(other_manager, unit=unit("2025", "08"), title="Bài Tuyên Quang")
    html = login(province_manager).get("/stories/manage/").content.decode()
    assert "Nháp Quảng Ninh" in html and "Đã đăng Quảng Ninh" in html
    assert "Bài Tuyên Quang" not in html


@pytest.mark.parametrize("persona", ["other_manager", "commune_reporter", "district_reviewer"])
def test_others_get_a_404_for_every_page_of_a_story(request, login, province_manager, persona):
    story = make_story(province_manager, publish=True)
    photo_pk = 0
    web = login(request.getfixturevalue(persona))
    assert "Tuyến phố" not in web.get("/stories/manage/").content.decode()
    for url in ("", "translate/en/"):
        assert web.get(f"/stories/manage/{story.pk}/{url}").status_code == 404
    for url in ("", "publish/", "unpublish/", "delete/", "photos/", f"photos/{photo_pk}/remove/", "translate/en/"):
        assert web.post(f"/stories/manage/{story.pk}/{url}", _form()).status_code == 404
    story.refresh_from_db()
    assert story.is_published and story.title_vi == "Tuyến phố tự quản Nam Sơn"


def test_others_cannot_create_a_story_in_my_place(login, other_manager, commune_reporter):
    for user in (other_manager, commune_reporter):
        page = login(user).post("/stories/manage/new/", _form(), HTTP_ACCEPT_LANGUAGE="en")
        assert page.status_code == 400
        assert "Choose an administrative unit in your scope." in page.content.decode()
    assert not Story.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, province_manager):
    story = make_story(province_manager)
    for url in ("/stories/manage/", "/stories/manage/new/", f"/stories/manage/{story.pk}/"):
        assert client.get(url)["Location"].startswith("/accounts/login/")
    assert client.post(f"/stories/manage/{story.pk}/publish/")["Location"].startswith("/accounts/login/")
    story.refresh_from_db()
    assert not story.is_published


def test_a_bad_photo_is_a_400_with_the_reason(login, province_manager):
    from django.core.files.uploadedfile import SimpleUploadedFile

    story = make_story(province_manager)
    web = login(province_manager)
    bad = SimpleUploadedFile("anh.jpg", b"GIF89a not really", content_type="image/jpeg")
    page = web.post(f"/stories/manage/{story.pk}/photos/", {"image": bad}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 400
    assert "Only photos (JPEG, PNG, WebP) are accepted." in page.content.decode()
    assert web.post(f"/stories/manage/{story.pk}/photos/", {}).status_code == 400
    assert not story.photos.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"unit": "2025/99999"}, "Choose an administrative unit in your scope."),
        ({"initiatives": "12; abc"}, "Write the models' numbers separated by commas."),
        ({"initiatives": "999999999"}, "Some of these numbers are not models you can see."),
        ({"source_url": "javascript:alert(1)"}, "Enter a valid URL."),
        ({"topic": "nonsense"}, "Select a valid choice."),
        ({"title": "a\x00b"}, "Null characters are not allowed."),
    ],
)
def test_bad_input_is_a_400_never_a_500(login, province_manager, overrides, message):
    page = login(province_manager).post("/stories/manage/new/", _form(**overrides), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 400
    assert message in html.unescape(page.content.decode())
    assert not Story.objects.exists()


def test_publishing_without_consent_says_why(login, province_manager):
    web = login(province_manager)
    web.post("/stories/manage/new/", _form(consent_confirmed=""))
    story = Story.objects.get()
    page = web.post(f"/stories/manage/{story.pk}/publish/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 400
    assert "Confirm that the people the story names agreed to be named" in page.content.decode()
    story.refresh_from_db()
    assert not story.is_published


def test_a_translation_into_a_language_not_offered_is_a_404(login, province_manager):
    story = make_story(province_manager)
    web = login(province_manager)
    assert web.get(f"/stories/manage/{story.pk}/translate/fr/").status_code == 404
    assert web.get(f"/stories/manage/{story.pk}/translate/vi/").status_code == 404


def test_linking_models_by_number(login, province_manager, commune_reporter):
    model = public_model(commune_reporter)
    hidden = public_model(commune_reporter, name="Chưa công bố", published=False)
    web = login(province_manager)
    web.post("/stories/manage/new/", _form(initiatives=f" {model.pk}, {hidden.pk}"))
    story = Story.objects.get()
    assert set(story.initiatives.all()) == {model, hidden}
    html = web.get(f"/stories/manage/{story.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'value="{model.pk}, {hidden.pk}"' in html
    assert "Chưa công bố</a>" in html and "not shown: the model is not public" in html
    assert "shown on the portal" in html


def test_deleting_a_story(login, province_manager, client):
    story = make_story(province_manager, publish=True)
    page = login(province_manager).post(f"/stories/manage/{story.pk}/delete/")
    assert page["Location"] == "/stories/manage/"
    assert not Story.objects.exists()
    assert client.get(f"/vi/stories/{story.slug}/").status_code == 404


def test_the_back_office_menu_links_the_stories(login, province_manager):
    html = login(province_manager).get("/stories/manage/").content.decode()
    assert '<a href="/stories/manage/" aria-current="page">' in html


def test_the_list_reads_a_fixed_number_of_queries(login, province_manager, django_assert_num_queries):
    for i in range(5):
        make_story(province_manager, title=f"Bài {i}")
    web = login(province_manager)
    web.get("/stories/manage/")
    # session, user, scope (memberships), notifications badge, count, page, unit lookups
    with django_assert_num_queries(7):
        assert web.get("/stories/manage/").status_code == 200
