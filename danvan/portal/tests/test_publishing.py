"""Publishing a model: only a manager of its place, only once recognised; audited; back-office section."""

import pytest

from danvan.core.errors import DomainError, NotFound
from danvan.initiatives.models import Status
from danvan.org.models import AuditEvent
from danvan.portal.models import Publication
from danvan.portal.services.publications import publication_publish, publication_translate, publication_unpublish
from danvan.portal.tests.helpers import model_at, published

pytestmark = pytest.mark.django_db


def test_a_manager_of_the_place_publishes_a_recognised_model(province_manager):
    model = model_at(Status.RECOGNISED)
    pub = publication_publish(actor=province_manager, initiative=model, title="Phố tự quản", summary="Tóm tắt")
    pub.refresh_from_db()
    assert pub.is_published and pub.published_by == province_manager
    assert pub.title_vi == "Phố tự quản" and pub.title_en is None
    assert AuditEvent.objects.filter(verb="publication.publish", target_id=str(model.pk)).exists()


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REGISTERED, Status.RETURNED, Status.DISCONTINUED])
def test_it_refuses_a_model_not_recognised(province_manager, status):
    model = model_at(status)
    with pytest.raises(DomainError) as exc:
        publication_publish(actor=province_manager, initiative=model, title="X")
    assert exc.value.code == "not_recognised"
    assert "công nhận" in exc.value.message  # said in Vietnamese
    assert not Publication.objects.filter(initiative=model).exists()


@pytest.mark.parametrize("who", ["other_manager", "commune_reporter", "district_reviewer"])
def test_it_refuses_anyone_but_a_manager_of_the_place_as_missing(request, who):
    model = model_at(Status.RECOGNISED)
    with pytest.raises(NotFound):
        publication_publish(actor=request.getfixturevalue(who), initiative=model, title="X")


def test_it_refuses_an_empty_title(province_manager):
    with pytest.raises(DomainError) as exc:
        publication_publish(actor=province_manager, initiative=model_at(Status.RECOGNISED), title="  ")
    assert exc.value.code == "title_required"


def test_unpublish_and_translate_are_the_manager_s_only(province_manager, other_manager):
    model = published()
    pub = model.publication
    with pytest.raises(NotFound):
        publication_unpublish(actor=other_manager, publication=pub)
    with pytest.raises(NotFound):
        publication_translate(actor=other_manager, publication=pub, language="en", title="X")
    publication_translate(actor=province_manager, publication=pub, language="en", title="Self-managed street")
    pub.refresh_from_db()
    assert pub.title_en == "Self-managed street" and pub.title_vi.startswith("Công khai")
    with pytest.raises(DomainError):
        publication_translate(actor=province_manager, publication=pub, language="fr", title="X")
    publication_unpublish(actor=province_manager, publication=pub)
    pub.refresh_from_db()
    assert not pub.is_published


# --- the back office --------------------------------------------------------------------------


def test_the_model_page_shows_the_section_to_its_manager_only(login, province_manager, commune_reporter, other_manager):
    model = model_at(Status.RECOGNISED)
    html = login(province_manager).get(model.get_absolute_url()).content.decode()
    assert 'id="publishing"' in html and 'id="publish-form"' in html
    assert 'value="Tuyến phố tự quản Nam Sơn"' in html  # prefilled from the model's name
    assert 'id="publishing"' not in login(commune_reporter).get(model.get_absolute_url()).content.decode()


def test_it_publishes_through_the_form(login, province_manager):
    model = model_at(Status.RECOGNISED)
    client = login(province_manager)
    answer = client.post(
        f"/publishing/{model.pk}/publish/", {"title": "Phố tự quản Nam Sơn", "summary": "Tóm tắt", "story": "Chuyện"}
    )
    assert answer.status_code == 302
    assert Publication.objects.get(initiative=model).is_published
    html = client.get(model.get_absolute_url()).content.decode()
    assert 'id="unpublish-form"' in html and 'id="translation-en"' in html
    answer = client.post(f"/publishing/{model.pk}/translate/en/", {"tr-en-language": "en", "tr-en-title": "Street"})
    assert answer.status_code == 302
    assert Publication.objects.get(initiative=model).title_en == "Street"
    assert client.post(f"/publishing/{model.pk}/unpublish/").status_code == 302
    assert not Publication.objects.get(initiative=model).is_published


def test_a_bad_form_answers_400_with_the_form(login, province_manager):
    model = model_at(Status.RECOGNISED)
    answer = login(province_manager).post(f"/publishing/{model.pk}/publish/", {"title": ""})
    assert answer.status_code == 400
    assert 'id="publish-form"' in answer.content.decode()


@pytest.mark.parametrize("who", ["other_manager", "commune_reporter"])
def test_the_views_answer_404_to_others(login, request, who):
    model = model_at(Status.RECOGNISED)
    client = login(request.getfixturevalue(who))
    assert client.post(f"/publishing/{model.pk}/publish/", {"title": "X"}).status_code == 404
    assert not Publication.objects.filter(initiative=model).exists()


def test_anonymous_is_sent_to_sign_in(client):
    model = model_at(Status.RECOGNISED)
    answer = client.post(f"/publishing/{model.pk}/publish/", {"title": "X"})
    assert answer.status_code == 302 and "/accounts/login/" in answer["Location"]
    assert not Publication.objects.filter(initiative=model).exists()
