"""Story services: who may write and publish, what publishing needs, photos stored safely and in sizes."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from danvan.core.errors import DomainError
from danvan.org.models import AuditEvent
from danvan.portal.models import Story
from danvan.portal.services import stories as services
from danvan.portal.tests.stories_helpers import make_story, photo_upload, public_model

pytestmark = pytest.mark.django_db


def test_it_writes_the_vietnamese_original_whatever_the_active_language(province_manager):
    from django.utils import translation

    with translation.override("en"):
        story = make_story(province_manager)
    story.refresh_from_db()
    assert story.title_vi == "Tuyến phố tự quản Nam Sơn"
    assert story.title_en is None
    assert story.slug == "tuyen-pho-tu-quan-nam-son"
    assert not story.is_published
    assert AuditEvent.objects.filter(verb="story.create", target_id=str(story.pk)).exists()


def test_it_makes_unique_slugs_from_the_folded_title(province_manager):
    first = make_story(province_manager, title="Đường làng sáng đèn")
    second = make_story(province_manager, title="Đường làng sáng đèn")
    assert first.slug == "duong-lang-sang-den"
    assert second.slug == "duong-lang-sang-den-2"


def test_it_rejects_other_province(other_manager):
    with pytest.raises(DomainError) as exc:
        make_story(other_manager)
    assert exc.value.status == 403
    assert not Story.objects.exists()


def test_it_rejects_a_reporter_of_the_place(commune_reporter, province_manager):
    story = make_story(province_manager)
    with pytest.raises(DomainError):
        services.story_publish(actor=commune_reporter, story=story)
    with pytest.raises(DomainError):
        services.story_update(actor=commune_reporter, story=story, title="Khác")
    with pytest.raises(DomainError):
        services.story_delete(actor=commune_reporter, story=story)
    story.refresh_from_db()
    assert story.title_vi == "Tuyến phố tự quản Nam Sơn" and not story.is_published


def test_it_publishes_only_with_consent(province_manager):
    story = make_story(province_manager, consent_confirmed=False)
    with pytest.raises(DomainError) as exc:
        services.story_publish(actor=province_manager, story=story)
    assert exc.value.code == "consent_required"
    services.story_update(actor=province_manager, story=story, consent_confirmed=True)
    story = services.story_publish(actor=province_manager, story=story)
    assert story.is_published
    with pytest.raises(DomainError):  # consent cannot be withdrawn while the story is out
        services.story_update(actor=province_manager, story=story, consent_confirmed=False)
    story = services.story_unpublish(actor=province_manager, story=story)
    assert not story.is_published
    verbs = list(AuditEvent.objects.filter(target_id=str(story.pk)).values_list("verb", flat=True))
    assert {"story.create", "story.update", "story.publish", "story.unpublish"} <= set(verbs)


def test_it_refuses_models_the_manager_cannot_see(province_manager, other_manager, commune_reporter):
    model = public_model(commune_reporter)  # in Quảng Ninh
    with pytest.raises(DomainError):
        services.story_create(
            actor=other_manager,
            unit=__import__("danvan.conftest", fromlist=["unit"]).unit("2025", "08"),
            title="Tuyên Quang",
            body="…",
            initiatives=[model],
        )
    story = make_story(province_manager, initiatives=[model])
    assert list(story.initiatives.all()) == [model]


def test_it_translates_and_clears_a_language(province_manager):
    story = make_story(province_manager)
    services.story_translate(
        actor=province_manager, story=story, language="en", title="Nam Son self-managed street", body="Text."
    )
    story.refresh_from_db()
    assert story.title_en == "Nam Son self-managed street" and story.title_vi == "Tuyến phố tự quản Nam Sơn"
    services.story_translate(actor=province_manager, story=story, language="en")
    story.refresh_from_db()
    assert story.title_en is None
    with pytest.raises(DomainError):
        services.story_translate(actor=province_manager, story=story, language="fr", title="x")
    with pytest.raises(DomainError):
        services.story_translate(actor=province_manager, story=story, language="vi", title="x")
    with pytest.raises(DomainError):
        services.story_translate(actor=province_manager, story=story, language="en", body="no title")


def test_a_photo_is_stored_in_sizes_without_its_location(province_manager):
    story = make_story(province_manager)
    upload = photo_upload(gps=True)
    with Image.open(upload) as original:
        assert 0x8825 in original.getexif()  # the phone's position is in the upload
    upload.seek(0)
    photo = services.story_photo_add(
        actor=province_manager, story=story, upload=upload, caption="Tuyến phố", alt="Một con phố"
    )
    assert [w for w, _name in photo.variants] == [480, 960, 1600]
    assert (photo.width, photo.height) == (1600, 960)
    for width, name in photo.variants:
        with default_storage.open(name) as f, Image.open(f) as image:
            assert image.size[0] == width
            assert image.format == "JPEG"
            exif = image.getexif()
            assert 0x8825 not in exif and 0x010F not in exif  # no GPS, no camera
    assert photo.caption_vi == "Tuyến phố" and photo.alt_vi == "Một con phố"


def test_a_small_photo_is_not_enlarged(province_manager):
    story = make_story(province_manager)
    photo = services.story_photo_add(actor=province_manager, story=story, upload=photo_upload(size=(600, 400)))
    assert [w for w, _name in photo.variants] == [480, 600]


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("anh.jpg", b"not an image at all", content_type="image/jpeg"),
        SimpleUploadedFile("anh.jpg", b"", content_type="image/jpeg"),
        SimpleUploadedFile("x.pdf", b"%PDF-1.4 hello", content_type="application/pdf"),
    ],
)
def test_it_refuses_what_is_not_a_photo(province_manager, upload):
    story = make_story(province_manager)
    with pytest.raises(DomainError):
        services.story_photo_add(actor=province_manager, story=story, upload=upload)
    assert not story.photos.exists()


def test_a_truncated_photo_is_refused(province_manager):
    story = make_story(province_manager)
    data = photo_upload().read()
    broken = SimpleUploadedFile("anh.jpg", data[: len(data) // 3], content_type="image/jpeg")
    with pytest.raises(DomainError):
        services.story_photo_add(actor=province_manager, story=story, upload=broken)
    assert not story.photos.exists()


def test_removing_a_photo_and_deleting_a_story_remove_their_files(province_manager, django_capture_on_commit_callbacks):
    story = make_story(province_manager)
    photo = services.story_photo_add(actor=province_manager, story=story, upload=photo_upload())
    names = [name for _w, name in photo.variants]
    with django_capture_on_commit_callbacks(execute=True):
        services.story_photo_remove(actor=province_manager, photo=photo)
    assert not any(default_storage.exists(n) for n in names)
    photo = services.story_photo_add(actor=province_manager, story=story, upload=photo_upload())
    names = [name for _w, name in photo.variants]
    with django_capture_on_commit_callbacks(execute=True):
        services.story_delete(actor=province_manager, story=story)
    assert not Story.objects.filter(pk=story.pk).exists()
    assert not any(default_storage.exists(n) for n in names)


def test_png_with_transparency_is_stored_as_jpeg(province_manager):
    story = make_story(province_manager)
    out = io.BytesIO()
    Image.new("RGBA", (800, 500), (0, 0, 0, 0)).save(out, "PNG")
    photo = services.story_photo_add(
        actor=province_manager,
        story=story,
        upload=SimpleUploadedFile("a.png", out.getvalue(), content_type="image/png"),
    )
    assert photo.image.name.endswith(".jpg")
