"""The demo's stories: Tuyên Quang's models as the provincial newspaper told them; one in English."""

import pytest

from danvan.initiatives import demo as initiatives_demo
from danvan.portal.demo import stories as stories_demo
from danvan.portal.models import Publication, Story

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_three_tuyen_quang_stories_once(client):
    initiatives_demo.load()
    assert stories_demo.load() == {"stories": 3}
    assert stories_demo.load() == {"stories": 0}
    assert Story.objects.filter(published_at__isnull=False).count() == 3
    html = client.get("/vi/stories/").content.decode()
    assert "Phụ nữ Tuyên Quang giúp nhau phát triển kinh tế hộ gia đình" in html
    en = Story.objects.get(title_en__isnull=False)
    page = client.get(f"/en/stories/{en.slug}/").content.decode()
    assert "<h1>Tuyên Quang women help each other grow their household economy</h1>" in page
    assert "Báo Tuyên Quang" in page and "https://baotuyenquang.com.vn/" in page
    youth = Story.objects.get(title_vi__startswith="Tuổi trẻ")
    assert youth.initiatives.count() == 1  # linked in the data, but the model is only registered:
    page = client.get(f"/vi/stories/{youth.slug}/").content.decode()
    assert "Models in this story" not in page and "Mô hình trong bài" not in page
    women = Story.objects.get(pk=en.pk).initiatives.get()
    Publication.objects.create(initiative=women, title_vi="Phụ nữ giúp nhau", published_at=en.published_at)
    page = client.get(f"/en/stories/{en.slug}/").content.decode()
    assert f'href="/en/models/{women.pk}/"' in page
