"""Public photos: only the images the publication chose, of a public model."""

import pytest

from danvan.engagement.tests.petition_factories import png
from danvan.initiatives.evidence import evidence_add
from danvan.initiatives.models import Status
from danvan.portal.services.publications import publication_publish
from danvan.portal.tests.helpers import model_at

pytestmark = pytest.mark.django_db


def test_only_chosen_photos_of_public_models_are_served(client, commune_reporter, province_manager):
    model = model_at(Status.RECOGNISED)
    chosen = evidence_add(actor=commune_reporter, initiative=model, upload=png("a.png"), caption="Ảnh công khai")
    other = evidence_add(actor=commune_reporter, initiative=model, upload=png("b.png"), caption="Ảnh nội bộ")
    assert client.get(f"/portal-photos/{model.pk}/{chosen.pk}/").status_code == 404  # not published yet
    publication_publish(actor=province_manager, initiative=model, title="Phố", photos=[chosen])
    assert client.get(f"/portal-photos/{model.pk}/{chosen.pk}/").status_code == 200
    assert client.get(f"/portal-photos/{model.pk}/{chosen.pk}/thumb/").status_code == 200
    assert client.get(f"/portal-photos/{model.pk}/{other.pk}/").status_code == 404
    html = client.get(f"/vi/models/{model.pk}/").content.decode()
    assert "Ảnh công khai" in html and "Ảnh nội bộ" not in html
    assert f'<meta property="og:image" content="http://testserver/portal-photos/{model.pk}/{chosen.pk}/">' in html


def test_a_photo_of_another_model_is_refused(province_manager, commune_reporter):
    from danvan.core.errors import DomainError

    model = model_at(Status.RECOGNISED)
    elsewhere = model_at(Status.RECOGNISED, name="Khác")
    item = evidence_add(actor=commune_reporter, initiative=elsewhere, upload=png(), caption="")
    with pytest.raises(DomainError):
        publication_publish(actor=province_manager, initiative=model, title="Phố", photos=[item])
