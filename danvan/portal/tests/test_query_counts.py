"""The public list pages make a fixed number of queries, whatever the number of models shown."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.portal.tests.helpers import published

pytestmark = pytest.mark.django_db


def _count(client, url: str) -> int:
    cache.clear()  # the page itself, not the cache
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/vi/models/", "/vi/", "/en/models/?field=cultural_social&year=2024"])
def test_the_list_pages_do_not_grow_with_the_models(client, url):
    published(name="Mô hình một")
    one = _count(client, url)
    for n in range(3):
        published(name=f"Mô hình thêm {n}")
    assert _count(client, url) == one


def test_the_directory_makes_a_fixed_number_of_queries(client, django_assert_num_queries):
    for n in range(3):
        published(name=f"Mô hình {n}")
    cache.clear()
    # era, provinces, target groups, years, count, the page's models (with publication, unit, organisation)
    with django_assert_num_queries(6):
        client.get("/vi/models/")
