"""The demo publishes some of Tuyên Quang's recognised models, once."""

import pytest

from danvan.portal.models import Publication

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_tuyen_quang_models(client):
    from danvan.initiatives import demo as initiatives_demo
    from danvan.portal.demo import models as portal_demo

    initiatives_demo.load()
    assert portal_demo.load()["published models"] >= 1
    women = Publication.objects.get(initiative__name=portal_demo.WOMEN)
    assert women.is_published and women.title_en and women.title_vi == portal_demo.WOMEN
    assert portal_demo.load()["published models"] == 0  # a second run changes nothing
    assert portal_demo.WOMEN in client.get("/vi/models/").content.decode()
    assert "Women helping one another" in client.get(f"/en/models/{women.initiative_id}/").content.decode()
